using System.Collections.Immutable;

namespace Dyad.Pipeline;

/// <summary>
/// Builds an immutable <see cref="AnalysisPipeline"/>. The text stage (tokens and sentences) always
/// runs first; other stages run in the order they are added. Each stage folder offers a
/// <c>UseX()</c> extension so later stages never need to touch this class.
/// </summary>
public sealed class PipelineBuilder
{
    private readonly List<IStage> _stages = [];

    public PipelineBuilder Use(IStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (_stages.Exists(s => s.Name == stage.Name))
        {
            throw new InvalidOperationException($"The pipeline already has a stage named '{stage.Name}'.");
        }

        _stages.Add(stage);
        return this;
    }

    public AnalysisPipeline Build()
    {
        var stages = ImmutableArray.CreateBuilder<IStage>(_stages.Count + 1);
        stages.Add(Text.TextStage.Instance);
        stages.AddRange(_stages.Where(s => s is not Text.TextStage));
        return new AnalysisPipeline(stages.ToImmutable());
    }
}
