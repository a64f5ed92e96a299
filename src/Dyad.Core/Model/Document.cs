namespace Dyad;

/// <summary>
/// One article as read from its input. <see cref="Text"/> is what every span offset points into:
/// for inputs with a title apart from the body it is the title, a blank line, then the body
/// (<see cref="BodyStart"/> is where the body begins); for plain text it is the input as decoded.
/// </summary>
public sealed record Document
{
    public required string Text { get; init; }

    /// <summary>Document creation time (DCT): every relative time resolves against it.</summary>
    public DateOnly? Date { get; init; }

    public string? Title { get; init; }
    public string? Byline { get; init; }
    public string? Url { get; init; }
    public string? Source { get; init; }
    public string Language { get; init; } = "en";

    /// <summary>The input's own id, where it carries one (JSON Lines); otherwise derived from the text.</summary>
    public string? Id { get; init; }

    /// <summary>Offset in <see cref="Text"/> where the body starts (0 when there is no title).</summary>
    public int BodyStart { get; init; }

    /// <summary>Where the document came from (a path, "path:line", "path#item3"), for messages.</summary>
    public string Origin { get; init; } = "-";
}
