using Dyad.Storage.Postgres;
using Dyad.Storage.Sqlite;

namespace Dyad.Storage;

/// <summary>Opens a store (and migrates its schema).</summary>
public static class Store
{
    /// <summary>The environment variable that names a PostgreSQL store when no option does.</summary>
    public const string PostgresVariable = "DYAD_PG";

    public const string DefaultSqlitePath = SqliteStore.DefaultPath;

    public static IStore OpenSqlite(string path) => new SqliteStore(path);

    public static IStore OpenPostgres(string connectionString) => new PostgresStore(connectionString);

    /// <summary>
    /// The store the command line names: <paramref name="pg"/> (a connection string) first, then
    /// <paramref name="db"/> (a SQLite file), then the DYAD_PG variable, then ./dyad.db.
    /// </summary>
    public static IStore Open(string? db, string? pg)
    {
        if (!string.IsNullOrWhiteSpace(pg))
        {
            return OpenPostgres(pg);
        }

        if (!string.IsNullOrWhiteSpace(db))
        {
            return OpenSqlite(db);
        }

        var env = Environment.GetEnvironmentVariable(PostgresVariable);
        return string.IsNullOrWhiteSpace(env) ? OpenSqlite(DefaultSqlitePath) : OpenPostgres(env);
    }
}
