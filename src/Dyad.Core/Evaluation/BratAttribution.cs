using System.Globalization;

namespace Dyad.Evaluation;

/// <summary>A gold quotation: its content, the source spans that say it (none when unknown), its cue spans, direct or not (null when not annotated).</summary>
public sealed record GoldQuote(TextRange Content, IReadOnlyList<TextRange> Sources, IReadOnlyList<TextRange> Cues, bool? Direct);

/// <summary>
/// Reads brat standoff attribution annotations (an <c>.ann</c> beside its <c>.txt</c>). What is read:
/// <list type="bullet">
/// <item><c>T</c> lines typed <c>Source</c>, <c>Cue</c> or <c>Content</c>: <c>T3\tContent 120 180\ttext</c>; a
/// discontinuous span (<c>120 150;160 180</c>) counts as its extent (first start to last end). Offsets
/// are character offsets into the <c>.txt</c> (UTF-16 code units, equal to code points for BMP text).</item>
/// <item><c>E</c> lines whose event type is <c>Attribution</c>: <c>E1\tAttribution:T2 Source:T1 Content:T3 Cue:T4</c>.
/// The trigger (after <c>Attribution:</c>) is normally the cue; role names may carry digits
/// (<c>Content2:T5</c>) and a role may name another event. Every Content argument is one quotation
/// with every Source and Cue argument of the event.</item>
/// <item><c>R</c> lines of any type joining a Content to a Source or a Cue (either argument order):
/// <c>R1\tAttribution Arg1:T3 Arg2:T1</c>, for quotations without a cue word.</item>
/// <item><c>A</c> attributes on a Content: <c>A1\tDirect T3</c> (binary), or <c>A1\tType T3 Direct|Indirect</c>.</item>
/// <item>A Content joined to nothing is a quotation whose speaker is unknown. Other lines (<c>#</c> notes,
/// <c>N</c> normalisations, other types) are ignored; malformed lines are skipped.</item>
/// </list>
/// </summary>
public static class BratAttribution
{
    public static List<GoldQuote> Read(string ann)
    {
        var spans = new Dictionary<string, (string Type, TextRange Range)>(StringComparer.Ordinal);
        var events = new List<(string Trigger, List<(string Role, string Id)> Args)>();
        var relations = new List<(string A, string B)>();
        var direct = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var raw in ann.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var fields = line.Split('\t');
            if (fields.Length < 2 || fields[0].Length < 2)
            {
                continue;
            }

            var id = fields[0];
            var body = fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (id[0])
            {
                case 'T' when body.Length >= 3 && Extent(fields[1][(body[0].Length + 1)..]) is { } range:
                    spans[id] = (body[0], range);
                    break;
                case 'E' when body.Length >= 1:
                    var args = body.Select(Arg).Where(a => a.Role.Length > 0).ToList();
                    if (args.Count > 0 && args[0].Role.Equals("Attribution", StringComparison.OrdinalIgnoreCase))
                    {
                        events.Add((args[0].Id, args.Skip(1).ToList()));
                    }

                    break;
                case 'R' when body.Length >= 3:
                    relations.Add((Arg(body[1]).Id, Arg(body[2]).Id));
                    break;
                case 'A' when body.Length >= 2:
                    if (body[0].Equals("Direct", StringComparison.OrdinalIgnoreCase))
                    {
                        direct[body[1]] = body.Length < 3 || !body[2].Equals("false", StringComparison.OrdinalIgnoreCase);
                    }
                    else if (body.Length >= 3 && body[0].Equals("Type", StringComparison.OrdinalIgnoreCase))
                    {
                        direct[body[1]] = body[2].Equals("Direct", StringComparison.OrdinalIgnoreCase);
                    }

                    break;
            }
        }

        var sources = new Dictionary<string, List<TextRange>>(StringComparer.Ordinal);
        var cues = new Dictionary<string, List<TextRange>>(StringComparer.Ordinal);
        void Link(string content, string other)
        {
            if (!spans.TryGetValue(other, out var o))
            {
                return;
            }

            var target = o.Type.Equals("Source", StringComparison.OrdinalIgnoreCase) ? sources
                : o.Type.Equals("Cue", StringComparison.OrdinalIgnoreCase) ? cues : null;
            if (target is null)
            {
                return;
            }

            if (!target.TryGetValue(content, out var list))
            {
                target[content] = list = [];
            }

            if (!list.Contains(o.Range))
            {
                list.Add(o.Range);
            }
        }

        bool IsContent(string id) => spans.TryGetValue(id, out var s) && s.Type.Equals("Content", StringComparison.OrdinalIgnoreCase);

        foreach (var (trigger, args) in events)
        {
            var contents = args.Where(a => IsContent(a.Id)).Select(a => a.Id).ToList();
            foreach (var content in contents)
            {
                Link(content, trigger);
                foreach (var (_, other) in args)
                {
                    Link(content, other);
                }
            }
        }

        foreach (var (a, b) in relations)
        {
            if (IsContent(a))
            {
                Link(a, b);
            }
            else if (IsContent(b))
            {
                Link(b, a);
            }
        }

        return spans.Where(s => s.Value.Type.Equals("Content", StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Value.Range.Start)
            .Select(s => new GoldQuote(
                s.Value.Range,
                sources.TryGetValue(s.Key, out var src) ? src : [],
                cues.TryGetValue(s.Key, out var cue) ? cue : [],
                direct.TryGetValue(s.Key, out var d) ? d : null))
            .ToList();
    }

    private static (string Role, string Id) Arg(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return ("", "");
        }

        var role = text[..colon].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
        return (role, text[(colon + 1)..]);
    }

    private static TextRange? Extent(string offsets)
    {
        var start = int.MaxValue;
        var end = -1;
        foreach (var fragment in offsets.Split(';'))
        {
            var parts = fragment.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var e) || e < s)
            {
                return null;
            }

            start = Math.Min(start, s);
            end = Math.Max(end, e);
        }

        return end < 0 ? null : new TextRange(start, end);
    }
}
