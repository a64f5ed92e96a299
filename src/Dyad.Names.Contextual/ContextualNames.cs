namespace Dyad.Names.Contextual;

/// <summary>
/// The slower, more accurate names recogniser: the shipped recogniser's rules around a perceptron
/// trained with the encoder's reading of every word (issue 4's "richer model behind the same
/// interface"): 5.7 to 8.7 F1 points better on the three test sets, at about 8,000 words a second on
/// two cores (its encoder in 8-bit integers) instead of hundreds of thousands (docs/notes/names.md). Opt in with
/// <c>dyad extract --names contextual</c> or <c>dyad eval ner --contextual</c>.
/// </summary>
public static class ContextualNames
{
    public const string ModelResource = "Dyad.Names.Contextual.ner-contextual.bin.gz";
    public const string ReadingResource = "Dyad.Names.Contextual.reading.bin.gz";

    private static readonly Lazy<(NameModel Model, EncoderReading Reading)> Embedded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The embedded contextual model with the default lexicon and Dyad's types.</summary>
    public static PerceptronNameRecognizer Create(bool keepModelClass = false) =>
        new(Embedded.Value.Model, NameLexicon.Default, keepModelClass, Embedded.Value.Reading);

    /// <summary>The embedded contextual model with its encoder in 8-bit integers or not, whatever its reading file says (a new encoder, to measure).</summary>
    public static PerceptronNameRecognizer Create(bool keepModelClass, bool int8)
    {
        using var model = Resource(ModelResource);
        using var reading = Resource(ReadingResource);
        return Create(NameModel.Load(model), reading, keepModelClass, int8);
    }

    /// <summary>
    /// Another trained model with its reading file (<c>Dyad.Train ner --context yes</c>), for evaluation;
    /// <paramref name="int8"/> runs the encoder in 8-bit integers or not whatever the reading file says.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The encoder lives as long as the recogniser.")]
    public static PerceptronNameRecognizer Create(NameModel model, Stream reading, bool keepModelClass = false, bool? int8 = null)
    {
        return new(model, NameLexicon.Default, keepModelClass, EncoderReading.Load(reading, Math.Min(2, Environment.ProcessorCount), int8));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The encoder lives as long as the process, like the embedded model.")]
    private static (NameModel, EncoderReading) Load()
    {
        using var model = Resource(ModelResource);
        using var reading = Resource(ReadingResource);
        return (NameModel.Load(model), EncoderReading.Load(reading, Math.Min(2, Environment.ProcessorCount)));
    }

    private static Stream Resource(string name) => typeof(ContextualNames).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"missing resource {name}");
}
