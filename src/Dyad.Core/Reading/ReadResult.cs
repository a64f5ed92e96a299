using System.Collections.Immutable;

namespace Dyad.Reading;

/// <summary>An input (or part of one: a JSON line, a feed item) that could not be read, and why.</summary>
public sealed record ReadError(string Origin, string Reason)
{
    public override string ToString() => $"{Origin}: {Reason}";
}

/// <summary>The documents read from one input and the parts of it that failed.</summary>
public sealed record ReadResult(ImmutableArray<Document> Documents, ImmutableArray<ReadError> Errors)
{
    public static ReadResult Fail(string origin, string reason) => new([], [new ReadError(origin, reason)]);

    public static ReadResult Of(Document document) => new([document], []);
}

public sealed record ReaderOptions
{
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>Inputs larger than this are refused with a clear error.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>When set, the document creation time of every document (overrides the input's own).</summary>
    public DateOnly? Date { get; init; }

    public static ReaderOptions Default { get; } = new();
}

/// <summary>What kind of input a text is, decided from its content.</summary>
public enum InputKind
{
    PlainText,
    Header,
    Html,
    JsonLines,
    Feed,
}
