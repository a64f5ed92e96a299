namespace Dyad.Pipeline;

/// <summary>
/// One step of analysis. A stage reads what earlier stages added to the analysis and returns a
/// copy with its own spans added. Stages are built once and must be thread-safe: the same
/// instance analyses many documents at once. Bad text never throws: a stage does what it can.
/// </summary>
public interface IStage
{
    /// <summary>Short name used in timings and messages ("text", "times", "names", ...).</summary>
    string Name { get; }

    Analysis Run(Analysis analysis);
}
