using System.Globalization;
using System.Text;
using Dyad.Evaluation;

namespace Dyad.Names;

/// <summary>
/// What the mistakes of a scoring run are, so that a figure can be read: a gold name found with
/// the right span but another type (<see cref="Typing"/>, by gold and predicted type), found with
/// other boundaries (a wrong prediction overlaps it: <see cref="BoundaryGold"/>, and those
/// predictions, <see cref="BoundaryPredicted"/>), or not found at all (<see cref="Missed"/>); a
/// prediction that overlaps no gold name of the scored types is <see cref="Spurious"/>. Built from
/// the error list <see cref="NerScorer.Score"/> fills, one document at a time.
/// </summary>
public sealed class NerErrorKinds
{
    public Dictionary<(string Gold, string Predicted), int> Typing { get; } = [];

    public int BoundaryGold { get; private set; }

    public int BoundaryPredicted { get; private set; }

    public int Missed { get; private set; }

    public int Spurious { get; private set; }

    /// <summary>Classifies one document's false positives and negatives (both lists come from the same document).</summary>
    public void Add(IReadOnlyCollection<(GoldName Name, bool FalsePositive)> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var positives = errors.Where(e => e.FalsePositive).Select(e => e.Name).ToList();
        var negatives = errors.Where(e => !e.FalsePositive).Select(e => e.Name).ToList();
        foreach (var g in negatives)
        {
            var same = positives.FindIndex(p => p.Start == g.Start && p.End == g.End);
            if (same >= 0)
            {
                var key = (g.Type, positives[same].Type);
                Typing[key] = Typing.GetValueOrDefault(key) + 1;
            }
            else if (positives.Exists(p => Overlaps(p, g)))
            {
                BoundaryGold++;
            }
            else
            {
                Missed++;
            }
        }

        foreach (var p in positives)
        {
            if (negatives.Exists(g => g.Start == p.Start && g.End == p.End))
            {
                continue;
            }

            if (negatives.Exists(g => Overlaps(p, g)))
            {
                BoundaryPredicted++;
            }
            else
            {
                Spurious++;
            }
        }
    }

    /// <summary>
    /// The scores if every typing mistake were right, and then also every boundary mistake: how
    /// much of the gap to a target is the type and how much finding the name.
    /// </summary>
    public (Score TypesRight, Score BoundariesRight) Ceilings(Score total)
    {
        var typing = Typing.Values.Sum();
        var typesRight = new Score(total.TruePositives + typing, total.FalsePositives - typing, total.FalseNegatives - typing);
        var boundariesRight = new Score(
            typesRight.TruePositives + BoundaryGold, typesRight.FalsePositives - BoundaryPredicted, typesRight.FalseNegatives - BoundaryGold);
        return (typesRight, boundariesRight);
    }

    public string Report(Score total)
    {
        var text = new StringBuilder();
        var typing = string.Join(", ", Typing.OrderByDescending(p => p.Value).ThenBy(p => p.Key.Gold, StringComparer.Ordinal)
            .Select(p => $"{p.Key.Gold}→{p.Key.Predicted} {p.Value}"));
        var (typesRight, boundariesRight) = Ceilings(total);
        text.AppendLine(CultureInfo.InvariantCulture, $"  errors: typing {Typing.Values.Sum()} (gold→predicted: {(typing.Length > 0 ? typing : "none")})");
        text.AppendLine(CultureInfo.InvariantCulture, $"          boundaries {BoundaryGold} gold names / {BoundaryPredicted} predictions, missed {Missed}, spurious {Spurious}");
        text.Append(CultureInfo.InvariantCulture, $"  F1 with every type right {typesRight.F1:F4}; and every boundary right {boundariesRight.F1:F4}");
        return text.ToString();
    }

    private static bool Overlaps(GoldName a, GoldName b) => a.Start < b.End && b.Start < a.End;
}
