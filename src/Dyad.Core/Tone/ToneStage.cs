using System.Collections.Frozen;
using System.Globalization;
using Dyad.Pipeline;
using Dyad.Resources;

namespace Dyad.Tone;

/// <summary>
/// Document tone like GDELT's AvgTone: the percentage of words that are positive minus the
/// percentage that are negative (-100..+100), with word valences from AFINN-165. A valence word
/// right after a negator ("not", "never", "no") counts with the opposite sign.
/// </summary>
public sealed class ToneStage : IStage
{
    public static readonly ToneStage Instance = new();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Negators =
        new[] { "not", "no", "never", "without", "n't", "cannot", "nor" }.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _valence;

    private ToneStage()
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.ReadDataLines("tone/afinn-165.tsv"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            words[line[..tab]] = int.Parse(line.AsSpan(tab + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        _valence = words.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name => "tone";

    public Analysis Run(Analysis analysis)
    {
        var text = analysis.Text;
        var words = 0;
        var positive = 0;
        var negative = 0;
        var negated = false;
        Span<char> lower = stackalloc char[64];
        foreach (var token in analysis.Tokens)
        {
            if (token.Kind != TokenKind.Word)
            {
                negated &= token.Kind != TokenKind.Punctuation;
                continue;
            }

            words++;
            if (token.Length > lower.Length)
            {
                negated = false;
                continue;
            }

            var span = lower[..token.Length];
            text.AsSpan(token.Start, token.Length).ToLowerInvariant(span);
            if (Negators.Contains(span) || span.EndsWith("n't"))
            {
                negated = true;
                continue;
            }

            if (_valence.TryGetValue(span, out var valence) && valence != 0)
            {
                if (negated)
                {
                    valence = -valence;
                }

                if (valence > 0)
                {
                    positive++;
                }
                else
                {
                    negative++;
                }
            }

            negated = false;
        }

        var tone = words == 0 ? 0 : 100.0 * (positive - negative) / words;
        return analysis with { Tone = Math.Round(tone, 3) };
    }
}

public static class TonePipelineExtensions
{
    public static PipelineBuilder UseTone(this PipelineBuilder builder) => builder.Use(ToneStage.Instance);
}
