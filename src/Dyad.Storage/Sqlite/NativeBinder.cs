using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using SQLitePCL;

namespace Dyad.Storage.Sqlite;

/// <summary>
/// Binds values to one prepared statement by calling SQLite's <c>sqlite3_bind_*</c> functions
/// directly (function pointers into the e_sqlite3 library SQLitePCLRaw loaded, no GC transition),
/// instead of through SQLitePCLRaw's provider interface and a safe-handle reference count per call.
/// A document's rows take about 600 values; that wrapping was most of a save's managed time.
/// Strings are encoded into a pinned per-thread buffer that SQLite reads in place (SQLITE_STATIC).
/// <see cref="For"/> gives null when the library's functions cannot be found: the caller then
/// binds through SQLitePCLRaw as before.
/// </summary>
internal sealed unsafe class NativeBinder
{
    private static readonly Functions? Bound = Functions.Load();

    /// <summary>
    /// The UTF-8 bytes of the strings bound for the statement being run on this thread, which SQLite
    /// reads in place (SQLITE_STATIC: no copy, no allocation per value). Pinned, so they never move;
    /// each execution starts writing at the beginning again (see <see cref="BeginExecution"/>): a
    /// statement binds all its values before every step, so the bytes another statement left
    /// bound are never read. A buffer outgrown during an execution is kept until the next one.
    /// </summary>
    [ThreadStatic]
    private static byte[]? t_utf8;

    [ThreadStatic]
    private static int t_used;

    [ThreadStatic]
    private static List<byte[]>? t_outgrown;

    /// <summary>Every execution of a statement on this thread begins with this, before its values are bound.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BeginExecution()
    {
        t_used = 0;
        t_outgrown?.Clear();
    }

    /// <summary>Longer strings (a long document's text) go through SQLitePCLRaw: no large buffer kept per thread, and a GC may run meanwhile.</summary>
    private const int MaxBufferedChars = 16 * 1024;

    private readonly sqlite3_stmt _handle;
    private readonly IntPtr _stmt;
    private readonly Functions _f;

    private NativeBinder(sqlite3_stmt stmt, Functions functions)
    {
        _handle = stmt;
        _stmt = stmt.DangerousGetHandle();
        _f = functions;
    }

    /// <summary>Whether the native functions were found (else values go through SQLitePCLRaw).</summary>
    public static bool Available => Bound is not null;

    /// <summary>A binder for the statement (which must outlive it), or null without the native functions.</summary>
    public static NativeBinder? For(sqlite3_stmt stmt) => Bound is { } f ? new NativeBinder(stmt, f) : null;

    /// <summary>Binds parameter <paramref name="parameter"/> (1-based); SQLite's result code.</summary>
    public int Bind(int parameter, object? value) => value switch
    {
        string s => Text(parameter, s),
        int i => _f.Int64(_stmt, parameter, i),
        long l => _f.Int64(_stmt, parameter, l),
        null or DBNull => _f.Null(_stmt, parameter),
        bool b => _f.Int64(_stmt, parameter, b ? 1 : 0),
        double d => _f.Double(_stmt, parameter, d),
        DateOnly day => _f.Int64(_stmt, parameter, EventMerge.ToInt(day)),
        float x => _f.Double(_stmt, parameter, x),
        byte[] bytes => Blob(parameter, bytes),
        var other => throw new ArgumentException($"cannot store a {other.GetType().Name} in SQLite", nameof(value)),
    };

    public int Integer(int parameter, long value) => _f.Int64(_stmt, parameter, value);

    public int Real(int parameter, double value) => _f.Double(_stmt, parameter, value);

    public int Null(int parameter) => _f.Null(_stmt, parameter);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Text(int parameter, string s)
    {
        if (s.Length > MaxBufferedChars)
        {
            return raw.sqlite3_bind_text(_handle, parameter, s);
        }

        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        var buffer = t_utf8;
        if (buffer is null || buffer.Length - t_used < max)
        {
            if (buffer is not null && t_used > 0)
            {
                (t_outgrown ??= []).Add(buffer); // values bound in this execution still point into it
            }

            t_utf8 = buffer = GC.AllocateUninitializedArray<byte>(Math.Max(2 * ((buffer?.Length ?? 0) + max), 64 * 1024), pinned: true);
            t_used = 0;
        }

        var length = Encoding.UTF8.GetBytes(s, buffer.AsSpan(t_used));
        var at = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) + t_used;
        t_used += Math.Max(1, length); // "" gets a (non-null) address of its own: a null pointer would bind NULL
        return _f.Text(_stmt, parameter, at, length, Static);
    }

    private int Blob(int parameter, byte[] bytes) => raw.sqlite3_bind_blob(_handle, parameter, bytes);

    /// <summary>SQLITE_STATIC: SQLite reads the bytes where they are, until they are bound again.</summary>
    private static readonly IntPtr Static = IntPtr.Zero;

    private sealed class Functions
    {
        public delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, long, int> Int64;
        public delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, double, int> Double;
        public delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, int> Null;
        public delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, byte*, int, IntPtr, int> Text;

        public static Functions? Load()
        {
            var f = new Functions
            {
                Int64 = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, long, int>)SqliteNative.Export("sqlite3_bind_int64"),
                Double = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, double, int>)SqliteNative.Export("sqlite3_bind_double"),
                Null = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, int>)SqliteNative.Export("sqlite3_bind_null"),
                Text = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, int, byte*, int, IntPtr, int>)SqliteNative.Export("sqlite3_bind_text"),
            };
            return f.Int64 is null || f.Double is null || f.Null is null || f.Text is null ? null : f;
        }
    }
}
