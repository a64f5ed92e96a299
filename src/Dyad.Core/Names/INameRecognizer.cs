using System.Collections.Immutable;

namespace Dyad.Names;

/// <summary>
/// Finds names in text already split into tokens and sentences. The shipped implementation is
/// <see cref="PerceptronNameRecognizer"/>; a richer model can replace it behind this interface
/// (<c>builder.UseNames(myRecognizer)</c>). Implementations must be thread-safe and never throw
/// on bad text. Mentions are the name only, without titles, typed PERSON, ORG, GPE, LOC, FAC,
/// NORP, EVENT or MISC, sorted by start, not overlapping.
/// </summary>
public interface INameRecognizer
{
    ImmutableArray<NameMention> Recognize(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences);
}
