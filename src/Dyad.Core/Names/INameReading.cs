namespace Dyad.Names;

/// <summary>
/// A reading of each word of a sentence from outside the perceptron's own features (a contextual
/// encoder's view of what kind of name the word is in), given to <see cref="PerceptronNameRecognizer"/>
/// as <see cref="FeatureExtractor.ReadingPerToken"/> hashed values per token; the model must have
/// been trained with the same reading (<c>Dyad.Train ner --context</c>). Implementations must be
/// thread-safe and never throw on bad text.
/// </summary>
public interface INameReading
{
    /// <summary>Fills <paramref name="values"/> (tokens × <see cref="FeatureExtractor.ReadingPerToken"/>).</summary>
    void Read(string text, ReadOnlySpan<Token> tokens, Span<ulong> values);
}
