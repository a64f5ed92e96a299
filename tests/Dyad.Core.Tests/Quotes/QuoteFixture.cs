using System.Collections.Immutable;
using Dyad.Quotes;
using Dyad.Text;

namespace Dyad.Tests.Quotes;

/// <summary>An entity of a case file: its mentions are given as strings, found at every occurrence in the text.</summary>
public sealed record EntitySpec(string Id, string Name, string Type, string[] Mentions);

/// <summary>
/// Builds an <see cref="Analysis"/> by hand for the quotes stage: tokens and sentences from the text
/// stage, entities from strings (every whole-word occurrence becomes a mention; lowercase or "The ..."
/// mentions are nominal, he/she/it/they pronouns, the rest names), then the quotes stage.
/// </summary>
public static class QuoteFixture
{
    private static readonly string[] Pronouns = ["he", "she", "it", "they", "He", "She", "It", "They"];

    public static Analysis Analyze(string text, IEnumerable<EntitySpec>? entities = null)
    {
        var analysis = TextStage.Instance.Run(new Analysis(new Document { Text = text }));
        if (entities is not null)
        {
            analysis = analysis with { Entities = [.. entities.Select(e => Build(text, e))] };
        }

        return QuotesStage.Instance.Run(analysis);
    }

    public static Entity Build(string text, EntitySpec spec)
    {
        var mentions = ImmutableArray.CreateBuilder<Mention>();
        var taken = new List<TextRange>();
        foreach (var m in spec.Mentions.OrderByDescending(m => m.Length))
        {
            var kind = Pronouns.Contains(m) ? MentionKind.Pronoun
                : char.IsLower(m[0]) || m.StartsWith("The ", StringComparison.Ordinal) ? MentionKind.Nominal : MentionKind.Name;
            for (var at = text.IndexOf(m, StringComparison.Ordinal); at >= 0; at = text.IndexOf(m, at + 1, StringComparison.Ordinal))
            {
                var range = new TextRange(at, at + m.Length);
                var whole = (at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (range.End == text.Length || !char.IsLetterOrDigit(text[range.End]));
                if (whole && !taken.Exists(r => r.Overlaps(range)))
                {
                    taken.Add(range);
                    mentions.Add(new Mention(at, range.End, m, kind));
                }
            }
        }

        return new Entity
        {
            Id = spec.Id,
            Name = spec.Name,
            Type = spec.Type,
            Mentions = [.. mentions.OrderBy(m => m.Start)],
        };
    }
}
