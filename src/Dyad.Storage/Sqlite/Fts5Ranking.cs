using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Dyad.Storage.Sqlite;

/// <summary>
/// <c>dyad_bm25(documents_fts, hits0, span0, hits1, span1, ...)</c>: an FTS5 auxiliary function (registered
/// per connection through the <c>fts5_api</c> of the e_sqlite3 library) that scores a row exactly as FTS5's
/// built-in <c>bm25()</c> does (k1 = 1.2, b = 0.75, every column weight 1, the index's row count and
/// average length, the same arithmetic in the same order) except for each phrase's document count,
/// which is given instead of counted: built-in <c>bm25()</c> walks each phrase's whole doclist once per
/// query for it (most of a search's cost for a common word on 100,000 articles, docs/notes/web.md).
/// For phrase i, <c>span_i</c> = 0 means <c>hits_i</c> is the exact count; otherwise hits_i of the
/// span_i most recently stored documents hold the phrase, and the count is estimated as that share of
/// the index's rows (rounded, at least hits_i, at most the row count).
/// </summary>
internal static unsafe class Fts5Ranking
{
    public const string Name = "dyad_bm25";

    private const double K1 = 1.2;
    private const double B = 0.75;

    private static readonly Functions? Bound = Functions.Load();

    /// <summary>
    /// The documents' lengths by seq (<see cref="DocumentLengths"/>) for the statement this thread is
    /// stepping: the callback takes a row's length from it instead of FTS5's docsize lookup; -1 or out
    /// of range: FTS5's own (<c>xColumnSize</c>).
    /// </summary>
    [ThreadStatic]
    internal static int[]? Lengths;

    /// <summary>Registers <see cref="Name"/> on an open connection; false when the library lacks what it needs.</summary>
    public static bool Register(sqlite3 db)
    {
        var f = Bound;
        if (f is null)
        {
            return false;
        }

        // The fts5_api of this connection: SELECT fts5(?1) with a pointer bound as "fts5_api_ptr" (the documented way).
        if (raw.sqlite3_prepare_v2(db, "SELECT fts5(?1)", out var stmt) != raw.SQLITE_OK)
        {
            stmt.Dispose();
            return false;
        }

        IntPtr api = IntPtr.Zero;
        using (stmt)
        {
            fixed (byte* type = "fts5_api_ptr\0"u8)
            {
                if (f.BindPointer(stmt.DangerousGetHandle(), 1, &api, type, IntPtr.Zero) != raw.SQLITE_OK)
                {
                    return false;
                }

                raw.sqlite3_step(stmt);
            }
        }

        var fts5 = (Fts5Api*)api;
        if (fts5 is null || fts5->Version < 2)
        {
            return false;
        }

        fixed (byte* name = "dyad_bm25\0"u8)
        {
            return fts5->CreateFunction(api, name, IntPtr.Zero, &Score, IntPtr.Zero) == raw.SQLITE_OK;
        }
    }

    /// <summary>The document count a phrase gets: exact when <paramref name="span"/> is 0, else hits/span of the rows.</summary>
    internal static long Estimate(long hits, long span, long rows) =>
        span <= 0 ? hits : Math.Clamp((long)Math.Round(hits * (double)rows / span), hits, Math.Max(hits, rows));

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Score(ExtensionApi* api, IntPtr fts, IntPtr context, int count, IntPtr* values)
    {
        var f = Bound!;
        try
        {
            var phrases = api->PhraseCount(fts);
            if (count != 2 * phrases)
            {
                Fail(f, context, "dyad_bm25: give a document count and a span per phrase");
                return;
            }

            long rows, tokens;
            var rc = api->RowCount(fts, &rows);
            if (rc == raw.SQLITE_OK)
            {
                rc = api->ColumnTotalSize(fts, -1, &tokens);
            }
            else
            {
                tokens = 0;
            }

            var freq = phrases <= 64 ? stackalloc double[phrases] : new double[phrases];
            freq.Clear();
            var instances = 0;
            if (rc == raw.SQLITE_OK)
            {
                rc = api->InstCount(fts, &instances);
            }

            for (var i = 0; rc == raw.SQLITE_OK && i < instances; i++)
            {
                int phrase, column, offset;
                rc = api->Inst(fts, i, &phrase, &column, &offset);
                if (rc == raw.SQLITE_OK)
                {
                    freq[phrase] += 1.0;
                }
            }

            var size = -1;
            if (rc == raw.SQLITE_OK && Lengths is { } lengths)
            {
                var rowid = api->Rowid(fts);
                size = rowid >= 0 && rowid < lengths.Length ? lengths[rowid] : -1;
            }

            if (rc == raw.SQLITE_OK && size < 0)
            {
                rc = api->ColumnSize(fts, -1, &size);
            }

            if (rc != raw.SQLITE_OK)
            {
                f.ResultErrorCode(context, rc);
                return;
            }

            // fts5_aux.c's fts5Bm25GetData and fts5Bm25Function, with nHit given.
            var avgdl = (double)tokens / (double)rows;
            var d = (double)size;
            var score = 0.0;
            for (var i = 0; i < phrases; i++)
            {
                var hits = Estimate(f.ValueInt64(values[2 * i]), f.ValueInt64(values[(2 * i) + 1]), rows);
                var idf = Math.Log((rows - hits + 0.5) / (hits + 0.5));
                if (idf <= 0.0)
                {
                    idf = 1e-6;
                }

                score += idf * ((freq[i] * (K1 + 1.0)) / (freq[i] + (K1 * (1 - B + (B * d / avgdl)))));
            }

            f.ResultDouble(context, -1.0 * score);
        }
#pragma warning disable CA1031 // nothing may escape into SQLite: the query fails with the message instead
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(f, context, "dyad_bm25: " + e.Message);
        }
    }

    private static void Fail(Functions f, IntPtr context, string message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(message);
        fixed (byte* p = bytes)
        {
            f.ResultError(context, p, bytes.Length);
        }
    }

    /// <summary>struct fts5_api (fts5.h): iVersion, xCreateTokenizer, xFindTokenizer, xCreateFunction, ...</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5Api
    {
        public int Version;
        public IntPtr CreateTokenizer;
        public IntPtr FindTokenizer;
        public delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, delegate* unmanaged[Cdecl]<ExtensionApi*, IntPtr, IntPtr, int, IntPtr*, void>, IntPtr, int> CreateFunction;
    }

    /// <summary>struct Fts5ExtensionApi (fts5.h), the members up to xColumnSize, in order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ExtensionApi
    {
        public int Version;
        public IntPtr UserData;
        public IntPtr ColumnCount;
        public delegate* unmanaged[Cdecl]<IntPtr, long*, int> RowCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, long*, int> ColumnTotalSize;
        public IntPtr Tokenize;
        public delegate* unmanaged[Cdecl]<IntPtr, int> PhraseCount;
        public IntPtr PhraseSize;
        public delegate* unmanaged[Cdecl]<IntPtr, int*, int> InstCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int*, int*, int> Inst;
        public delegate* unmanaged[Cdecl]<IntPtr, long> Rowid;
        public IntPtr ColumnText;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int> ColumnSize;
    }

    private sealed class Functions
    {
        public delegate* unmanaged[Cdecl]<IntPtr, int, void*, byte*, IntPtr, int> BindPointer;
        public delegate* unmanaged[Cdecl]<IntPtr, long> ValueInt64;
        public delegate* unmanaged[Cdecl]<IntPtr, double, void> ResultDouble;
        public delegate* unmanaged[Cdecl]<IntPtr, byte*, int, void> ResultError;
        public delegate* unmanaged[Cdecl]<IntPtr, int, void> ResultErrorCode;

        public static Functions? Load()
        {
            var f = new Functions
            {
                BindPointer = (delegate* unmanaged[Cdecl]<IntPtr, int, void*, byte*, IntPtr, int>)SqliteNative.Export("sqlite3_bind_pointer"),
                ValueInt64 = (delegate* unmanaged[Cdecl]<IntPtr, long>)SqliteNative.Export("sqlite3_value_int64"),
                ResultDouble = (delegate* unmanaged[Cdecl]<IntPtr, double, void>)SqliteNative.Export("sqlite3_result_double"),
                ResultError = (delegate* unmanaged[Cdecl]<IntPtr, byte*, int, void>)SqliteNative.Export("sqlite3_result_error"),
                ResultErrorCode = (delegate* unmanaged[Cdecl]<IntPtr, int, void>)SqliteNative.Export("sqlite3_result_error_code"),
            };
            return f.BindPointer is null || f.ValueInt64 is null || f.ResultDouble is null || f.ResultError is null || f.ResultErrorCode is null ? null : f;
        }
    }
}
