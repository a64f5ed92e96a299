using System.Globalization;
using System.Text;
using Dyad.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using System.Runtime.CompilerServices;

namespace Dyad.Storage.Sqlite;

/// <summary>
/// A write statement prepared once per batch on the connection's own SQLite handle and run with
/// values bound by index: it skips Microsoft.Data.Sqlite's per-execution work (a data reader, a
/// parameter lookup by name for every value), which was most of the cost of a row. It runs inside
/// the caller's transaction (the same handle) and errors surface as <see cref="SqliteException"/>,
/// as through ADO.NET.
/// </summary>
internal sealed class SqliteStatement : Statement
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly NativeBinder? _native;

    public SqliteStatement(SqliteConnection connection, string sql, int parameters)
        : base(parameters)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, NumberedTexts.GetOrAdd(sql, Numbered), out var stmt);
        if (rc != raw.SQLITE_OK || stmt is null)
        {
            stmt?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new InvalidOperationException($"cannot prepare: {sql}");
        }

        _stmt = stmt;
        _native = NativeBinder.For(stmt);
        if (raw.sqlite3_bind_parameter_count(_stmt) != parameters)
        {
            var count = raw.sqlite3_bind_parameter_count(_stmt);
            _stmt.Dispose();
            throw new ArgumentException($"statement has {count} parameters, not {parameters}: {sql}", nameof(sql));
        }
    }

    /// <summary>The write path's statements with numbered parameters, made once per process (a bounded set of texts).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> NumberedTexts = new(StringComparer.Ordinal);

    /// <summary>
    /// <c>@pN</c> written as <c>?M</c> (M = N + 1): SQLite looks a named parameter up in a list
    /// while parsing, which is quadratic in a multi-row statement of hundreds of values; a numbered
    /// one is not. The statement's own SQL never has "@p" inside a literal.
    /// </summary>
    internal static string Numbered(string sql)
    {
        var result = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            if (sql[i] == '@' && i + 2 < sql.Length && sql[i + 1] == 'p' && char.IsAsciiDigit(sql[i + 2]))
            {
                var end = i + 2;
                while (end < sql.Length && char.IsAsciiDigit(sql[end]))
                {
                    end++;
                }

                var n = int.Parse(sql.AsSpan(i + 2, end - i - 2), NumberStyles.None, CultureInfo.InvariantCulture);
                result.Append('?').Append((n + 1).ToString(CultureInfo.InvariantCulture));
                i = end - 1;
            }
            else
            {
                result.Append(sql[i]);
            }
        }

        return result.ToString();
    }

    protected override void Bind(int index, object? value)
    {
        if (_native is { } native)
        {
            Check(native.Bind(index + 1, value));
            return;
        }

        var rc = value switch
        {
            null => raw.sqlite3_bind_null(_stmt, index + 1),
            string s => raw.sqlite3_bind_text(_stmt, index + 1, s),
            int i => raw.sqlite3_bind_int64(_stmt, index + 1, i),
            bool b => raw.sqlite3_bind_int64(_stmt, index + 1, b ? 1 : 0),
            DateOnly day => raw.sqlite3_bind_int64(_stmt, index + 1, EventMerge.ToInt(day)),
            DBNull => raw.sqlite3_bind_null(_stmt, index + 1),
            long l => raw.sqlite3_bind_int64(_stmt, index + 1, l),
            double d => raw.sqlite3_bind_double(_stmt, index + 1, d),
            float f => raw.sqlite3_bind_double(_stmt, index + 1, f),
            byte[] b => raw.sqlite3_bind_blob(_stmt, index + 1, b),
            var other => throw new ArgumentException($"cannot store a {other.GetType().Name} in SQLite", nameof(value)),
        };
        Check(rc);
    }

    protected override void BeginBinding() => NativeBinder.BeginExecution();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override void Bind(int index, in Value value)
    {
        if (_native is not { } native)
        {
            Bind(index, value.ToObject());
            return;
        }

        Check(value.Kind switch
        {
            ValueKind.Text => native.Text(index + 1, value.Text!),
            ValueKind.Integer => native.Integer(index + 1, value.Integer),
            ValueKind.Real => native.Real(index + 1, value.Real),
            _ => native.Null(index + 1),
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override int Execute()
    {
        int rc;
        while ((rc = raw.sqlite3_step(_stmt)) == raw.SQLITE_ROW)
        {
        }

        Done(rc);
        return raw.sqlite3_changes(_db);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected override object? ExecuteScalar()
    {
        object? value = null;
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
        {
            value = raw.sqlite3_column_type(_stmt, 0) switch
            {
                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(_stmt, 0),
                raw.SQLITE_FLOAT => raw.sqlite3_column_double(_stmt, 0),
                raw.SQLITE_TEXT => raw.sqlite3_column_text(_stmt, 0).utf8_to_string(),
                _ => null,
            };
            while ((rc = raw.sqlite3_step(_stmt)) == raw.SQLITE_ROW)
            {
            }
        }

        Done(rc);
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Done(int rc)
    {
        var reset = raw.sqlite3_reset(_stmt);
        Check(rc == raw.SQLITE_DONE ? reset : rc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public override void Dispose() => _stmt.Dispose();
}
