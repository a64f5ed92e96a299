using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Dyad.Pipeline;

namespace Dyad.Evaluation;

/// <summary>A gold TIMEX3 with character offsets into the rebuilt text.</summary>
public sealed record GoldTime(int Start, int End, string Type, string Value);

/// <summary>
/// A gold document for time scoring: text, DCT and TIMEX3s (the DCT's own TIMEX3 only if it is in the text).
/// <see cref="AnnotatedUntil"/> is where annotation stops: MEANTIME annotates only the title and the first
/// sentences of each article, so predictions after that offset are not scored.
/// </summary>
public sealed record GoldTimeDocument(string Name, string Text, DateOnly? Dct, IReadOnlyList<GoldTime> Times)
{
    public int AnnotatedUntil { get; init; } = int.MaxValue;
}

/// <summary>Counts for the TempEval-3 style time scores.</summary>
public sealed record TimeScores
{
    public int Gold { get; init; }
    public int Predicted { get; init; }
    public int StrictMatches { get; init; }
    public int RelaxedMatches { get; init; }
    public int TypeCorrect { get; init; }
    public int ValueCorrect { get; init; }

    public Score Strict => new(StrictMatches, Predicted - StrictMatches, Gold - StrictMatches);
    public Score Relaxed => new(RelaxedMatches, Predicted - RelaxedMatches, Gold - RelaxedMatches);

    /// <summary>Attribute F1 as TempEval-3 computes it: correct values over matched extents, divided by predicted and by gold.</summary>
    public Score Value => new(ValueCorrect, Predicted - ValueCorrect, Gold - ValueCorrect);
    public Score Type => new(TypeCorrect, Predicted - TypeCorrect, Gold - TypeCorrect);

    public double TypeAccuracy => RelaxedMatches == 0 ? 0 : (double)TypeCorrect / RelaxedMatches;
    public double ValueAccuracy => RelaxedMatches == 0 ? 0 : (double)ValueCorrect / RelaxedMatches;

    public static TimeScores operator +(TimeScores a, TimeScores b) => new()
    {
        Gold = a.Gold + b.Gold,
        Predicted = a.Predicted + b.Predicted,
        StrictMatches = a.StrictMatches + b.StrictMatches,
        RelaxedMatches = a.RelaxedMatches + b.RelaxedMatches,
        TypeCorrect = a.TypeCorrect + b.TypeCorrect,
        ValueCorrect = a.ValueCorrect + b.ValueCorrect,
    };
}

/// <summary>One difference between Dyad and the gold, for error listings.</summary>
public sealed record TimeDifference(string Kind, string Text, string Expected, string Got);

/// <summary>
/// Scores Dyad's time stage against TimeML-like gold, like the TempEval-3 scorer: a predicted
/// TIMEX3 matches a gold one strictly when the offsets are equal and relaxed when they overlap
/// (one to one, in document order); type and value are judged on relaxed matches.
/// </summary>
public static class TimeScorer
{
    private static readonly XmlReaderSettings SafeXml = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

    private static readonly Lazy<AnalysisPipeline> Pipeline = new(() => new PipelineBuilder().UseTimes().Build());

    public static (TimeScores Scores, List<TimeDifference> Differences) Score(GoldTimeDocument gold)
    {
        var analysis = Pipeline.Value.Analyze(new Document { Text = gold.Text, Date = gold.Dct, Origin = gold.Name });
        var predicted = analysis.Times.Where(t => t.Start < gold.AnnotatedUntil).ToList();
        var differences = new List<TimeDifference>();
        var usedPredicted = new bool[predicted.Count];
        int strict = 0, relaxed = 0, type = 0, value = 0;
        foreach (var g in gold.Times)
        {
            var match = -1;
            for (var p = 0; p < predicted.Count; p++)
            {
                if (!usedPredicted[p] && predicted[p].Start == g.Start && predicted[p].End == g.End)
                {
                    match = p;
                    break;
                }
            }

            if (match < 0)
            {
                for (var p = 0; p < predicted.Count; p++)
                {
                    if (!usedPredicted[p] && predicted[p].Start < g.End && g.Start < predicted[p].End)
                    {
                        match = p;
                        break;
                    }
                }
            }

            var goldText = gold.Text[g.Start..g.End];
            if (match < 0)
            {
                differences.Add(new TimeDifference("missed", goldText, $"{g.Type} {g.Value}", ""));
                continue;
            }

            usedPredicted[match] = true;
            var t = predicted[match];
            relaxed++;
            var exact = t.Start == g.Start && t.End == g.End;
            if (exact)
            {
                strict++;
            }
            else
            {
                differences.Add(new TimeDifference("extent", goldText, goldText, t.Text));
            }

            if (string.Equals(t.Type, g.Type, StringComparison.Ordinal))
            {
                type++;
            }
            else
            {
                differences.Add(new TimeDifference("type", goldText, g.Type, t.Type));
            }

            if (string.Equals(t.Value, g.Value, StringComparison.Ordinal))
            {
                value++;
            }
            else
            {
                differences.Add(new TimeDifference("value", goldText, g.Value, t.Value));
            }
        }

        for (var p = 0; p < predicted.Count; p++)
        {
            if (!usedPredicted[p])
            {
                differences.Add(new TimeDifference("spurious", predicted[p].Text, "", $"{predicted[p].Type} {predicted[p].Value}"));
            }
        }

        var scores = new TimeScores
        {
            Gold = gold.Times.Count,
            Predicted = predicted.Count,
            StrictMatches = strict,
            RelaxedMatches = relaxed,
            TypeCorrect = type,
            ValueCorrect = value,
        };
        return (scores, differences);
    }

    /// <summary>Reads a MEANTIME (NAF-like) file: tokens, TIMEX3 markables anchored to tokens, DCT = CREATION_TIME.</summary>
    public static GoldTimeDocument ReadMeantime(string name, string xml)
    {
        var tokens = GoldText.MeantimeTokens(xml);
        var (text, offsets, _) = GoldText.RebuildMeantime(tokens);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            index[tokens[i].Id] = i;
        }

        using var reader = XmlReader.Create(new StringReader(xml), SafeXml);
        var doc = XDocument.Load(reader);
        DateOnly? dct = null;
        var times = new List<GoldTime>();
        foreach (var timex in doc.Descendants("TIMEX3"))
        {
            var value = (string?)timex.Attribute("value") ?? "";
            if ((string?)timex.Attribute("functionInDocument") == "CREATION_TIME")
            {
                dct = ParseDate(value);
            }

            var anchors = timex.Elements("token_anchor")
                .Select(a => (string?)a.Attribute("t_id"))
                .Where(id => id is not null && index.ContainsKey(id))
                .Select(id => index[id!])
                .ToList();
            if (anchors.Count == 0)
            {
                continue; // not in the text (an implicit begin point or a DCT without anchor)
            }

            var start = offsets[anchors.Min()].Start;
            var end = offsets[anchors.Max()].End;
            times.Add(new GoldTime(start, end, (string?)timex.Attribute("type") ?? "", value));
        }

        times.Sort((a, b) => a.Start.CompareTo(b.Start));

        // The annotated part: up to the end of the last sentence holding any markable.
        var markables = doc.Root?.Element("Markables");
        var lastSentence = markables is null ? -1 : markables.Descendants("token_anchor")
            .Select(a => (string?)a.Attribute("t_id"))
            .Where(id => id is not null && index.ContainsKey(id))
            .Select(id => tokens[index[id!]].Sentence)
            .DefaultIfEmpty(-1)
            .Max();
        var until = int.MaxValue;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Sentence > lastSentence && lastSentence >= 0)
            {
                until = offsets[i].Start;
                break;
            }
        }

        return new GoldTimeDocument(name, text, dct, times) { AnnotatedUntil = until };
    }

    /// <summary>Reads a TimeML file: the text of &lt;TEXT&gt; with its inline TIMEX3s; the DCT from functionInDocument="CREATION_TIME".</summary>
    public static GoldTimeDocument ReadTimeMl(string name, string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), SafeXml);
        var doc = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        DateOnly? dct = null;
        foreach (var timex in doc.Descendants("TIMEX3"))
        {
            if ((string?)timex.Attribute("functionInDocument") == "CREATION_TIME")
            {
                dct = ParseDate((string?)timex.Attribute("value") ?? "");
                break;
            }
        }

        var body = doc.Descendants("TEXT").FirstOrDefault() ?? doc.Root!;
        var builder = new StringBuilder();
        var times = new List<GoldTime>();
        Walk(body, builder, times);
        return new GoldTimeDocument(name, builder.ToString(), dct, times);
    }

    private static void Walk(XElement element, StringBuilder builder, List<GoldTime> times)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement child when child.Name.LocalName == "TIMEX3":
                    var start = builder.Length;
                    Walk(child, builder, times);
                    if (builder.Length > start)
                    {
                        times.Add(new GoldTime(start, builder.Length, (string?)child.Attribute("type") ?? "", (string?)child.Attribute("value") ?? ""));
                    }

                    break;
                case XElement child:
                    Walk(child, builder, times);
                    break;
            }
        }
    }

    /// <summary>A DCT value: yyyy-MM-dd (with or without a time), or dd-MM-yyyy as a few gold files write it.</summary>
    private static DateOnly? ParseDate(string value)
    {
        if (value.Length < 10)
        {
            return null;
        }

        var head = value[..10];
        return DateOnly.TryParseExact(head, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || DateOnly.TryParseExact(head, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out d)
            ? d
            : null;
    }
}
