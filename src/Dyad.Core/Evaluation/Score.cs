using System.Globalization;

namespace Dyad.Evaluation;

/// <summary>True positives, false positives and false negatives, with precision, recall and F1.</summary>
public readonly record struct Score(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Score operator +(Score a, Score b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P {Precision:F4}  R {Recall:F4}  F1 {F1:F4}  (tp {TruePositives}, fp {FalsePositives}, fn {FalseNegatives})");
}
