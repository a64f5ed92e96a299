using System.Runtime.InteropServices;
using SQLitePCL;

namespace Dyad.Storage.Sqlite;

/// <summary>
/// The e_sqlite3 library bundled with Microsoft.Data.Sqlite, loaded once, for the few C functions the
/// write and read paths call directly (<see cref="NativeBinder"/>, <see cref="NativeRows"/>).
/// </summary>
internal static class SqliteNative
{
    private static readonly Lazy<IntPtr> Library = new(Load);

    /// <summary>The address of an exported function, or zero when the library or the function is missing.</summary>
    public static IntPtr Export(string name) =>
        Library.Value != IntPtr.Zero && NativeLibrary.TryGetExport(Library.Value, name, out var address) ? address : IntPtr.Zero;

    private static IntPtr Load()
    {
        try
        {
            return NativeLibrary.TryLoad("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null, out var library) ? library : IntPtr.Zero;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or ArgumentException or InvalidOperationException)
        {
            return IntPtr.Zero;
        }
    }
}
