using System.Runtime.InteropServices;
using Dyad.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dyad.Storage.Sqlite;

/// <summary>
/// Reads many small numeric rows (a timeline's days: thousands per answer) straight from SQLite:
/// <c>sqlite3_column_int64</c>/<c>_double</c> through function pointers into the e_sqlite3 library
/// (no GC transition, no safe-handle count), instead of Microsoft.Data.Sqlite's reader, which asks
/// each column's type first and goes through SQLitePCLRaw's provider twice per value (most of a day
/// timeline's CPU time, docs/notes/web.md). Read side only: the statement is prepared, stepped and
/// finalized here. <see cref="Available"/> is false when the functions cannot be found; the caller
/// then reads through ADO.NET as before.
/// </summary>
internal static unsafe class NativeRows
{
    private static readonly Functions? Bound = Functions.Load();

    public static bool Available => Bound is not null;

    /// <summary>
    /// Runs <paramref name="sql"/> (parameters <c>@p0</c>.. from <paramref name="args"/>) on the open
    /// connection and reads each row's six columns as (integer, integer, integer, integer, integer, real).
    /// </summary>
    public static List<SqlStore.PeriodRow> PeriodRows(SqliteConnection connection, string sql, IReadOnlyList<object?> args)
    {
        var f = Bound ?? throw new InvalidOperationException("the native SQLite functions are not available");
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt);
        using (stmt)
        {
            Check(db, rc);
            for (var i = 0; i < args.Count; i++)
            {
                var index = raw.sqlite3_bind_parameter_index(stmt, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (index == 0)
                {
                    continue;
                }

                Check(db, Db.Value(args[i]) switch
                {
                    long l => raw.sqlite3_bind_int64(stmt, index, l),
                    double d => raw.sqlite3_bind_double(stmt, index, d),
                    string s => raw.sqlite3_bind_text(stmt, index, s),
                    DBNull => raw.sqlite3_bind_null(stmt, index),
                    var other => throw new ArgumentException($"cannot bind a {other.GetType().Name}", nameof(args)),
                });
            }

            var rows = new List<SqlStore.PeriodRow>(1024);
            var h = stmt.DangerousGetHandle();
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                rows.Add(new SqlStore.PeriodRow(f.Int64(h, 0), f.Int64(h, 1), f.Int64(h, 2), f.Int64(h, 3), f.Int64(h, 4), f.Double(h, 5)));
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }

            return rows;
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    private sealed class Functions
    {
        public delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, long> Int64;
        public delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, double> Double;

        public static Functions? Load()
        {
            var f = new Functions
            {
                Int64 = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, long>)SqliteNative.Export("sqlite3_column_int64"),
                Double = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, double>)SqliteNative.Export("sqlite3_column_double"),
            };
            return f.Int64 is null || f.Double is null ? null : f;
        }
    }
}
