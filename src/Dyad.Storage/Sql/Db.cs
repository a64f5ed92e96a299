using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dyad.Storage.Sql;

/// <summary>Small ADO.NET helpers shared by both backends: parameters by position, typed reads.</summary>
internal static class Db
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params object?[] args)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < args.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            p.Value = Value(args[i]);
            command.Parameters.Add(p);
        }

        return command;
    }

    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        int i => (long)i,
        bool b => b ? 1L : 0L,
        DateOnly d => (long)EventMerge.ToInt(d),
        _ => value,
    };

    public static int Execute(DbConnection connection, DbTransaction? transaction, string sql, params object?[] args)
    {
        using var command = Command(connection, transaction, sql, args);
        return command.ExecuteNonQuery();
    }

    public static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql, params object?[] args)
    {
        using var command = Command(connection, transaction, sql, args);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public static string? Str(this DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static long Long(this DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static long? LongOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    public static int Int(this DbDataReader r, int i) => (int)r.Long(i);

    public static double Double(this DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    public static double? DoubleOrNull(this DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    public static bool Bool(this DbDataReader r, int i) => r.Long(i) != 0;

    public static DateOnly? Day(this DbDataReader r, int i) => r.IsDBNull(i) || r.Long(i) == 0 ? null : EventMerge.FromInt(r.Long(i));
}

/// <summary>
/// A prepared statement reused for many rows of one transaction. Values are bound by position
/// (<c>@p0</c> is 0); a multi-row statement takes its rows' values one after the other.
/// </summary>
internal abstract class Statement : IDisposable
{
    protected Statement(int parameters) => Parameters = parameters;

    public int Parameters { get; }

    /// <summary>Binds the value of parameter <paramref name="index"/> (0-based).</summary>
    protected abstract void Bind(int index, object? value);

    protected abstract int Execute();

    protected abstract object? ExecuteScalar();

    public abstract void Dispose();

    /// <summary>Called before the values of one execution are bound.</summary>
    protected virtual void BeginBinding()
    {
    }

    private void BindAll(object?[] args)
    {
        BeginBinding();
        if (args.Length != Parameters)
        {
            throw new ArgumentException($"statement takes {Parameters} values, got {args.Length}", nameof(args));
        }

        for (var i = 0; i < args.Length; i++)
        {
            Bind(i, args[i]);
        }
    }

    public int Run(params object?[] args)
    {
        BindAll(args);
        return Execute();
    }

    /// <summary>Runs the statement with the first <see cref="Parameters"/> values of <paramref name="values"/>.</summary>
    public int RunFrom(object?[] values)
    {
        BeginBinding();
        for (var i = 0; i < Parameters; i++)
        {
            Bind(i, values[i]);
        }

        return Execute();
    }

    /// <summary>Binds value <paramref name="index"/> (0-based) from a buffered row; backends with a typed path override it.</summary>
    protected virtual void Bind(int index, in Value value) => Bind(index, value.ToObject());

    /// <summary>Runs the statement with the first <see cref="Parameters"/> values of <paramref name="values"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int RunFrom(Value[] values)
    {
        BeginBinding();
        for (var i = 0; i < Parameters; i++)
        {
            Bind(i, in values[i]);
        }

        return Execute();
    }

    public object? Scalar(params object?[] args)
    {
        BindAll(args);
        return ExecuteScalar();
    }
}

/// <summary>A statement through ADO.NET (PostgreSQL, and any backend without a faster path).</summary>
internal sealed class AdoStatement : Statement
{
    private readonly DbCommand _command;

    public AdoStatement(DbConnection connection, DbTransaction transaction, string sql, int parameters)
        : base(parameters)
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText = sql;
        for (var i = 0; i < parameters; i++)
        {
            var p = _command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            p.Value = DBNull.Value;
            _command.Parameters.Add(p);
        }
    }

    protected override void Bind(int index, object? value) => _command.Parameters[index].Value = Db.Value(value);

    protected override int Execute() => _command.ExecuteNonQuery();

    protected override object? ExecuteScalar()
    {
        var value = _command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public override void Dispose() => _command.Dispose();
}
