namespace Dyad.Storage.Sql;

/// <summary>
/// One value of a row to write, unboxed: an integer, a real, a string or NULL. The write path
/// buffers a batch's rows as these (about 600 values per document) rather than as boxed objects.
/// </summary>
internal readonly struct Value
{
    private Value(ValueKind kind, long integer, double real, string? text)
    {
        Kind = kind;
        Integer = integer;
        Real = real;
        Text = text;
    }

    public ValueKind Kind { get; }

    public long Integer { get; }

    public double Real { get; }

    public string? Text { get; }

    public static Value Null => default;

    public static Value Of(long value) => new(ValueKind.Integer, value, 0, null);

    public static Value Of(long? value) => value is { } v ? Of(v) : Null;

    public static Value Of(bool value) => Of(value ? 1L : 0L);

    public static Value Of(double? value) => value is { } v ? new Value(ValueKind.Real, 0, v, null) : Null;

    public static Value Of(string? value) => value is null ? Null : new Value(ValueKind.Text, 0, 0, value);

    public static Value Of(DateOnly? value) => value is { } d ? Of(EventMerge.ToInt(d)) : Null;

    // Implicit conversions, so a row is written as Add(id, i, t.Start, t.Text, ...) without boxing.
    public static implicit operator Value(long value) => Of(value);

    public static implicit operator Value(long? value) => Of(value);

    public static implicit operator Value(bool value) => Of(value);

    public static implicit operator Value(double? value) => Of(value);

    public static implicit operator Value(string? value) => Of(value);

    public static implicit operator Value(DateOnly? value) => Of(value);

    /// <summary>Any value the writer stores (as <see cref="Db.Value"/> takes them).</summary>
    public static Value From(object? value) => value switch
    {
        null or DBNull => Null,
        string s => Of(s),
        int i => Of(i),
        long l => Of(l),
        bool b => Of(b),
        double d => Of(d),
        float f => Of(f),
        DateOnly day => Of(day),
        var other => throw new ArgumentException($"cannot store a {other.GetType().Name}", nameof(value)),
    };

    /// <summary>The value as ADO.NET takes it (null for NULL).</summary>
    public object? ToObject() => Kind switch
    {
        ValueKind.Integer => Integer,
        ValueKind.Real => Real,
        ValueKind.Text => Text,
        _ => null,
    };
}

internal enum ValueKind : byte
{
    Null,
    Integer,
    Real,
    Text,
}
