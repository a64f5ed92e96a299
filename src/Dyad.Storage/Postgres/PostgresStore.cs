using System.Data.Common;
using Dyad.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Dyad.Storage.Postgres;

/// <summary>
/// The shared store: PostgreSQL through Npgsql, with the same tables as SQLite and a stored
/// tsvector column (GIN index) for full-text search. Writers take an advisory lock per batch, so
/// several ingests can share one database.
/// </summary>
internal sealed class PostgresStore : SqlStore
{
    private const long LockKey = 0x44796164; // "Dyad"

    private readonly NpgsqlDataSource _source;
    private readonly string _where;

    public PostgresStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StoreException($"the PostgreSQL connection string is not valid: {ex.Message} (example: \"Host=localhost;Database=dyad;Username=dyad;Password=...\")", ex);
        }

        _where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
        Migrate();
    }

    public override string Description => "postgresql " + _where;

    protected override IReadOnlyList<Migration> Migrations => PostgresSchema.Migrations;

    protected override DbConnection Open() => _source.OpenConnection();

    protected override void LockForMigration(DbConnection connection, DbTransaction transaction) =>
        Db.Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@p0)", LockKey);

    protected override void LockForWrite(DbConnection connection, DbTransaction transaction) =>
        Db.Execute(connection, transaction, "SELECT pg_advisory_xact_lock(@p0)", LockKey);

    /// <summary>
    /// Span rows go in by binary COPY (one stream per table and batch, inside the batch's transaction)
    /// instead of multi-row INSERTs: no SQL to parse, no parameters, values sent in binary. Integers
    /// are written as bigint, reals as double precision (the schema's column types), strings as text.
    /// </summary>
    protected internal override bool BulkInsert(DbConnection connection, string table, string columns, IReadOnlyList<Value[]> chunks, int rowsPerChunk, int rowsInLast, int width)
    {
        using var import = ((NpgsqlConnection)connection).BeginBinaryImport($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < chunks.Count; i++)
        {
            var rows = i < chunks.Count - 1 ? rowsPerChunk : rowsInLast;
            var chunk = chunks[i];
            for (var r = 0; r < rows; r++)
            {
                import.StartRow();
                for (var k = r * width; k < (r + 1) * width; k++)
                {
                    var v = chunk[k];
                    switch (v.Kind)
                    {
                        case ValueKind.Integer:
                            import.Write(v.Integer, NpgsqlDbType.Bigint);
                            break;
                        case ValueKind.Real:
                            import.Write(v.Real, NpgsqlDbType.Double);
                            break;
                        case ValueKind.Text:
                            import.Write(v.Text!, NpgsqlDbType.Text);
                            break;
                        default:
                            import.WriteNull();
                            break;
                    }
                }
            }
        }

        import.Complete();
        return true;
    }

    public override IReadOnlyList<SearchHit> Search(string text, int limit = 20)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        // Bounded ranking (SearchRules): the window is the matches stored last (seq descending), ts_rank
        // scores those only (it reads each document's own vector: the same score as an unbounded
        // ranking), the page is the window's best (ties: the newest first); ts_headline, which re-parses
        // the whole text, runs on the page's rows only.
        const string sql = """
            WITH q AS (SELECT websearch_to_tsquery('english', @p0) AS q),
            w AS (SELECT d.seq, d.tsv FROM documents d, q WHERE d.tsv @@ q.q ORDER BY d.seq DESC LIMIT @p1),
            r AS (SELECT w.seq, ts_rank(w.tsv, q.q) AS rank FROM w, q ORDER BY rank DESC, w.seq DESC LIMIT @p2)
            SELECT d.id, d.date, d.title, d.url,
                   ts_headline('english', d.text, q.q, 'StartSel=[, StopSel=], MaxWords=24, MinWords=10, MaxFragments=1'),
                   r.rank
            FROM r JOIN documents d ON d.seq = r.seq, q
            ORDER BY r.rank DESC, r.seq DESC
            """;
        return Query(sql, [text, (long)Math.Max(1, SearchWindow), (long)Math.Max(1, limit)], r => new SearchHit(r.GetString(0), r.Day(1), r.Str(2), r.Str(3), r.GetString(4), r.Double(5)));
    }

    protected override StoreException? Translate(Exception exception)
    {
        if (exception is PostgresException pg)
        {
            return pg.SqlState switch
            {
                "53100" => new StoreException($"the PostgreSQL server {_where} is out of disk space; the current batch was rolled back and every earlier batch is kept: free space and run the same command again to resume.", pg),
                "55P03" or "40P01" or "40001" => new StoreException($"{_where}: the batch met a lock held by another session ({pg.MessageText}); nothing of it was written: run the command again.", pg),
                "28P01" or "28000" => new StoreException($"PostgreSQL {_where} refused the login: {pg.MessageText}", pg),
                "3D000" => new StoreException($"PostgreSQL {_where}: {pg.MessageText} (create it first: createdb)", pg),
                "42501" => new StoreException($"PostgreSQL {_where}: permission denied ({pg.MessageText})", pg),
                _ => null,
            };
        }

        if (exception is NpgsqlException npg)
        {
            return new StoreException($"cannot reach PostgreSQL at {_where}: {npg.Message}", npg);
        }

        return null;
    }

    public override void Dispose() => _source.Dispose();
}
