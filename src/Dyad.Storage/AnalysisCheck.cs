using System.Runtime.CompilerServices;

namespace Dyad.Storage;

/// <summary>
/// Checks an analysis before it is written, so that a bad one is refused whole with a reason and
/// never half-stored: every span inside the text and matching it, ids present and unique.
/// </summary>
public static class AnalysisCheck
{
    public const int MaxTextLength = 50 * 1024 * 1024;

    /// <summary>Null when the analysis can be stored, else the first problem found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? Problem(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var text = analysis.Text;
        if (string.IsNullOrWhiteSpace(analysis.Id))
        {
            return "document has no id";
        }

        if (analysis.Id.Length > 200)
        {
            return "document id is longer than 200 characters";
        }

        if (text.Length > MaxTextLength)
        {
            return $"text is {text.Length:N0} characters, over the store's limit";
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "text contains NUL characters";
        }

        // The span's name is made only for a problem ("mention of e1"): this runs for every span stored.
        string? Span(string what, int start, int end, string? spanText = null, string? owner = null, string? part = null)
        {
            if (start < 0 || end < start || end > text.Length)
            {
                return $"{Name(what, owner, part)} [{start},{end}) is outside the text (length {text.Length})";
            }

            if (spanText is not null && !text.AsSpan(start, end - start).SequenceEqual(spanText))
            {
                return $"{Name(what, owner, part)} [{start},{end}) text '{Short(spanText)}' is not the document's '{Short(text[start..end])}'";
            }

            return null;
        }

        foreach (var s in analysis.Sentences)
        {
            if (Span("sentence", s.Start, s.End) is { } p)
            {
                return p;
            }
        }

        foreach (var t in analysis.Times)
        {
            if (Span("time", t.Start, t.End, t.Text) is { } p)
            {
                return p;
            }
        }

        var entityIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in analysis.Entities)
        {
            if (string.IsNullOrEmpty(e.Id) || !entityIds.Add(e.Id))
            {
                return $"entity id '{e.Id}' is empty or repeated";
            }

            foreach (var m in e.Mentions)
            {
                if (Span("mention of", m.Start, m.End, m.Text, e.Id) is { } p)
                {
                    return p;
                }
            }
        }

        foreach (var q in analysis.Quotes)
        {
            if (Span("quote", q.Start, q.End, q.Text) is { } p
                || (q.Speaker is { } sp && Span("quote speaker", sp.Start, sp.End) is { } p2 && (p = p2) is not null)
                || (q.Cue is { } cue && Span("quote cue", cue.Start, cue.End, cue.Text) is { } p3 && (p = p3) is not null))
            {
                return p;
            }
        }

        foreach (var pl in analysis.Places)
        {
            if (Span("place", pl.Start, pl.End, pl.Text) is { } p)
            {
                return p;
            }
        }

        var eventIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ev in analysis.Events)
        {
            if (string.IsNullOrEmpty(ev.Id) || !eventIds.Add(ev.Id))
            {
                return $"event id '{ev.Id}' is empty or repeated";
            }

            if (string.IsNullOrWhiteSpace(ev.Type) || string.IsNullOrWhiteSpace(ev.Cameo))
            {
                return $"event {ev.Id} has no type or CAMEO code";
            }

            if (Span("event", ev.Sentence.Start, ev.Sentence.End, null, ev.Id, "sentence") is { } p
                || Span("event", ev.Trigger.Start, ev.Trigger.End, ev.Trigger.Text, ev.Id, "trigger") is { } p2 && (p = p2) is not null)
            {
                return p;
            }

            if (ev.Quote is { } qi && (qi < 0 || qi >= analysis.Quotes.Length))
            {
                return $"event {ev.Id} points to quote {qi}, which does not exist";
            }

            if (double.IsNaN(ev.Goldstein) || double.IsInfinity(ev.Goldstein))
            {
                return $"event {ev.Id} has no finite Goldstein score";
            }
        }

        return null;
    }

    private static string Name(string what, string? owner, string? part) =>
        owner is null ? what : part is null ? what + " " + owner : what + " " + owner + " " + part;

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
