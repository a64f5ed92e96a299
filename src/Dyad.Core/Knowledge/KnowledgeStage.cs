using Dyad.Pipeline;

namespace Dyad.Knowledge;

/// <summary>
/// Links names to the knowledge base as of the document's date, merges each real entity's mentions
/// (names, surnames, transliterations, titled and descriptive references) and gives every entity
/// its country, sector, CAMEO-style actor code and role. Reads <see cref="Analysis.Names"/> when a
/// recogniser ran; a dictionary matcher over the tokens adds the knowledge base's names it missed.
/// </summary>
public sealed class KnowledgeStage : IStage
{
    private readonly KnowledgeBase? _kb;

    public KnowledgeStage(KnowledgeBase? knowledgeBase = null) => _kb = knowledgeBase;

    public string Name => "knowledge";

    public Analysis Run(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Text.Length == 0)
        {
            return analysis;
        }

        var kb = _kb ?? KnowledgeBase.Default;
        try
        {
            var tokens = analysis.Tokens.IsDefaultOrEmpty ? Text.Tokenizer.Tokenize(analysis.Text) : analysis.Tokens;
            var entities = new DocumentLinker(kb, analysis, tokens).Run();
            return analysis with { Entities = entities };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Bad text never throws from a stage: the document simply gets no entities.
            return analysis;
        }
    }
}
