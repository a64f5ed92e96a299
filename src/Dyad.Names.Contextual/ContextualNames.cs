namespace Dyad.Names.Contextual;

/// <summary>
/// The slower, more accurate names recogniser: the shipped recogniser's rules around a perceptron
/// trained with the encoder's reading of every word (issue 4's "richer model behind the same
/// interface"): 5.0 to 8.7 F1 points better on the three test sets, at about 2,400 words a second on
/// two cores instead of hundreds of thousands (docs/notes/names.md). Opt in with
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

    /// <summary>Another trained model with its reading file (<c>Dyad.Train ner --context yes</c>), for evaluation.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The encoder lives as long as the recogniser.")]
    public static PerceptronNameRecognizer Create(NameModel model, Stream reading, bool keepModelClass = false)
    {
        return new(model, NameLexicon.Default, keepModelClass, EncoderReading.Load(reading, Math.Min(2, Environment.ProcessorCount)));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The encoder lives as long as the process, like the embedded model.")]
    private static (NameModel, EncoderReading) Load()
    {
        var assembly = typeof(ContextualNames).Assembly;
        using var model = assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"missing resource {ModelResource}");
        using var reading = assembly.GetManifestResourceStream(ReadingResource)
            ?? throw new InvalidOperationException($"missing resource {ReadingResource}");
        return (NameModel.Load(model), EncoderReading.Load(reading, Math.Min(2, Environment.ProcessorCount)));
    }
}
