using System.Collections.Immutable;

namespace Dyad;

/// <summary>A half-open range [Start, End) of UTF-16 offsets into <see cref="Document.Text"/>.</summary>
public readonly record struct TextRange(int Start, int End)
{
    public int Length => End - Start;
    public bool Contains(int offset) => offset >= Start && offset < End;
    public bool Overlaps(TextRange other) => Start < other.End && other.Start < End;
    public bool Covers(TextRange other) => Start <= other.Start && other.End <= End;
}

/// <summary>A range with the text it covers (cue words, triggers).</summary>
public sealed record SpanText(int Start, int End, string Text);

public enum TokenKind : byte { Word, Number, Punctuation, Symbol }

public readonly record struct Token(int Start, int End, TokenKind Kind)
{
    public int Length => End - Start;
}

public sealed record Sentence(int Start, int End);

/// <summary>A TIMEX3 time expression: type DATE, TIME, DURATION or SET.</summary>
public sealed record TimeExpression(int Start, int End, string Text, string Type, string Value, string? Mod);

public enum MentionKind : byte { Name, Nominal, Pronoun }

/// <summary>A name found by the recogniser, before linking: the name only, without titles.</summary>
public sealed record NameMention(int Start, int End, string Text, string Type);

public sealed record Mention(int Start, int End, string Text, MentionKind Kind, string? Type = null);

/// <summary>One real-world entity of the document with all its mentions, as of the document's date.</summary>
public sealed record Entity
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Type { get; init; }
    public string? KbId { get; init; }
    public string? Country { get; init; }
    public string? Sector { get; init; }
    public string? ActorCode { get; init; }
    public string? Role { get; init; }
    public ImmutableArray<Mention> Mentions { get; init; } = [];
}

public sealed record QuoteSpeaker(string? EntityId, string Name, int Start, int End);

public sealed record Quote(int Start, int End, string Text, bool Direct, QuoteSpeaker? Speaker, SpanText? Cue);

/// <summary>A toponym resolved to the gazetteer. Feature: country, admin1, admin2, city, region, water, landmark or other.</summary>
public sealed record Place(
    int Start, int End, string Text, string Name, long? GeonamesId, string Feature,
    string? Country, string? Admin1, double? Lat, double? Lon);

public sealed record EventActor(string? EntityId, string Name, string? Code, string? Country, string? Sector);

public sealed record EventPlace(string Name, long? GeonamesId, string? Country, double? Lat, double? Lon);

/// <summary>Who did what to whom: a PLOVER event with its CAMEO code and Goldstein score.</summary>
public sealed record Event
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? Mode { get; init; }
    public ImmutableArray<string> Context { get; init; } = [];
    public required string Cameo { get; init; }
    public int QuadClass { get; init; }
    public double Goldstein { get; init; }
    public ImmutableArray<EventActor> Source { get; init; } = [];
    public ImmutableArray<EventActor> Target { get; init; } = [];
    public required string Date { get; init; }
    public EventPlace? Place { get; init; }
    public bool Negated { get; init; }
    public bool Hypothetical { get; init; }
    public bool Future { get; init; }
    public required TextRange Sentence { get; init; }
    public required SpanText Trigger { get; init; }

    /// <summary>Index into the analysis' quotes when the event is reported inside a quotation.</summary>
    public int? Quote { get; init; }
}
