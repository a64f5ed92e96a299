using Dyad.Storage.Postgres;
using Dyad.Storage.Sqlite;
using Npgsql;

namespace Dyad.Storage.Tests;

public sealed class SqliteStoreTests : StoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dyad-store-").FullName;

    private string Path => System.IO.Path.Combine(_folder, "test.db");

    protected override IStore CreateStore() => new SqliteStore(Path);

    protected override IStore Reopen() => new SqliteStore(Path);

    public override void Dispose()
    {
        base.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// The same contract on PostgreSQL. Needs DYAD_TEST_PG (a connection string; .ci/setup.d/postgres.sh
/// starts a throwaway cluster and sets it); each test gets its own schema, dropped afterwards.
/// </summary>
public sealed class PostgresStoreTests : StoreContract
{
    public const string Variable = "DYAD_TEST_PG";

    private string? _connection;
    private string? _schema;

    internal static string Require()
    {
        var cs = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(cs), $"{Variable} is not set: no PostgreSQL to test against (bash .ci/setup.d/postgres.sh && source .ci/env starts one)");
        return cs!;
    }

    protected override IStore CreateStore()
    {
        var cs = Require();
        _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        using (var c = new NpgsqlConnection(cs))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {_schema}", c);
            cmd.ExecuteNonQuery();
        }

        _connection = new NpgsqlConnectionStringBuilder(cs) { SearchPath = _schema, Pooling = true }.ToString();
        return new PostgresStore(_connection);
    }

    protected override IStore Reopen() => new PostgresStore(_connection!);

    public override void Dispose()
    {
        base.Dispose();
        if (_schema is not null)
        {
            using var c = new NpgsqlConnection(Environment.GetEnvironmentVariable(Variable));
            c.Open();
            using var cmd = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", c);
            cmd.ExecuteNonQuery();
        }
    }
}
