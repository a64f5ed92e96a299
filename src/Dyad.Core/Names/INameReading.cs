namespace Dyad.Names;

/// <summary>
/// A reading of each word of a document's sentences from outside the perceptron's own features (a contextual
/// encoder's view of what kind of name the word is in), given to <see cref="PerceptronNameRecognizer"/>
/// as <see cref="FeatureExtractor.ReadingPerToken"/> hashed values per token; the model must have
/// been trained with the same reading (<c>Dyad.Train ner --context</c>). Implementations must be
/// thread-safe and never throw on bad text.
/// </summary>
public interface INameReading
{
    /// <summary>
    /// Fills <paramref name="values"/> (<paramref name="tokens"/> × <see cref="FeatureExtractor.ReadingPerToken"/>)
    /// for the document's <paramref name="sentences"/> (ranges of <paramref name="tokens"/>, in order, not
    /// overlapping): each sentence is read as a unit, with its neighbours as context if the reading uses it.
    /// </summary>
    void Read(string text, ReadOnlySpan<Token> tokens, IReadOnlyList<Range> sentences, Span<ulong> values);
}
