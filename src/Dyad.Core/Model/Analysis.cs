using System.Collections.Immutable;

namespace Dyad;

/// <summary>
/// What the pipeline made of one document. Immutable: each stage returns a copy with its own
/// spans added (<c>analysis with { Times = ... }</c>). Every span keeps offsets into
/// <see cref="Document"/>.<see cref="Document.Text"/>.
/// </summary>
public sealed record Analysis(Document Document)
{
    public string Id { get; init; } = DocumentId.For(Document);
    public ImmutableArray<Token> Tokens { get; init; } = [];
    public ImmutableArray<Sentence> Sentences { get; init; } = [];
    public ImmutableArray<TimeExpression> Times { get; init; } = [];

    /// <summary>Names found by the recogniser (input to linking and coreference).</summary>
    public ImmutableArray<NameMention> Names { get; init; } = [];

    public ImmutableArray<Entity> Entities { get; init; } = [];
    public ImmutableArray<Quote> Quotes { get; init; } = [];
    public ImmutableArray<Place> Places { get; init; } = [];
    public ImmutableArray<Event> Events { get; init; } = [];

    /// <summary>Document tone, -100..+100 like GDELT's AvgTone; null until a tone stage runs.</summary>
    public double? Tone { get; init; }

    public string Text => Document.Text;

    public string Slice(int start, int end) => Document.Text[start..end];
}
