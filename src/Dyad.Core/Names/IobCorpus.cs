namespace Dyad.Names;

/// <summary>One gold sentence: tokens and their IOB tags (as written in the file).</summary>
public sealed record IobSentence(string[] Tokens, string[] Tags);

/// <summary>One gold document (split at <c># newdoc</c> or <c>-DOCSTART-</c>).</summary>
public sealed record IobDocument(string Name, List<IobSentence> Sentences);

/// <summary>A gold name over tokens [Start, End) of a sentence.</summary>
public readonly record struct IobSpan(int Start, int End, string Type);

/// <summary>
/// Reads CoNLL-style NER files: Universal NER TSV (<c>id \t token \t tag ...</c> with <c>#</c>
/// comment lines), GUM's BIO export (<c>token \t tag ...</c>) and space-separated CoNLL
/// (<c>token ... tag</c>, <c>-DOCSTART-</c>). Chunks are read as conlleval does, so IOB1 and
/// IOB2 files both decode correctly.
/// </summary>
public static class IobCorpus
{
    public static List<IobDocument> Read(string content, string name)
    {
        var documents = new List<IobDocument>();
        var current = new IobDocument(name, []);
        var tokens = new List<string>();
        var tags = new List<string>();
        bool? numbered = null;

        void EndSentence()
        {
            if (tokens.Count > 0)
            {
                current.Sentences.Add(new IobSentence([.. tokens], [.. tags]));
            }

            tokens.Clear();
            tags.Clear();
        }

        void NewDocument(string id)
        {
            EndSentence();
            if (current.Sentences.Count > 0)
            {
                documents.Add(current);
            }

            current = new IobDocument(id, []);
        }

        foreach (var raw in content.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                EndSentence();
                continue;
            }

            if (line.StartsWith("# newdoc", StringComparison.Ordinal))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                NewDocument(eq > 0 ? line[(eq + 1)..].Trim() : name);
                continue;
            }

            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                NewDocument(name + "#" + (documents.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            var tab = line.Contains('\t', StringComparison.Ordinal);
            var cols = tab ? line.Split('\t') : line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (line[0] != '#')
            {
                numbered ??= tab && cols.Length >= 3 && int.TryParse(cols[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
            }

            if (line[0] == '#' && (numbered == true || cols.Length < 2 || !IsTag(tab ? cols[1] : cols[^1])))
            {
                continue;
            }

            if (numbered == true)
            {
                if (cols.Length < 3 || cols[0].Contains('-', StringComparison.Ordinal) || cols[0].Contains('.', StringComparison.Ordinal))
                {
                    continue;
                }

                tokens.Add(cols[1]);
                tags.Add(cols[2]);
            }
            else if (tab)
            {
                if (cols.Length < 2)
                {
                    continue;
                }

                tokens.Add(cols[0]);
                tags.Add(cols[1]);
            }
            else
            {
                if (cols.Length < 2)
                {
                    continue;
                }

                tokens.Add(cols[0]);
                tags.Add(cols[^1]);
            }
        }

        NewDocument(name);
        return documents;
    }

    /// <summary>
    /// Chunks of a tag sequence, conlleval style: a chunk starts at B-X, or at I-X after a tag of
    /// another type. <paramref name="map"/> renames types (null drops the chunk; O and stray
    /// <c>B-O</c> are outside).
    /// </summary>
    public static List<IobSpan> Spans(IReadOnlyList<string> tags, Func<string, string?> map)
    {
        var spans = new List<IobSpan>();
        var start = -1;
        var type = "";
        for (var i = 0; i <= tags.Count; i++)
        {
            var (prefix, t) = i < tags.Count ? Split(tags[i]) : ('O', "");
            var begins = prefix == 'B' || (prefix == 'I' && t != type) || prefix == 'S' || prefix == 'U';
            var ends = prefix == 'O' || begins;
            if (ends && start >= 0)
            {
                var mapped = map(type);
                if (mapped is not null)
                {
                    spans.Add(new IobSpan(start, i, mapped));
                }

                start = -1;
                type = "";
            }

            if (begins)
            {
                start = i;
                type = t;
            }
        }

        return spans;
    }

    /// <summary>"IOB1" when some chunk starts with I- (wikigold), else "IOB2".</summary>
    public static string Scheme(IEnumerable<IobSentence> sentences)
    {
        foreach (var s in sentences)
        {
            var previous = "";
            foreach (var tag in s.Tags)
            {
                var (prefix, t) = Split(tag);
                if (prefix == 'I' && t != previous)
                {
                    return "IOB1";
                }

                previous = prefix == 'O' ? "" : t;
            }
        }

        return "IOB2";
    }

    private static (char Prefix, string Type) Split(string tag)
    {
        if (tag.Length < 3 || tag[1] != '-' || tag is "B-O" or "I-O")
        {
            return ('O', "");
        }

        return (tag[0], tag[2..]);
    }

    private static bool IsTag(string tag) => tag == "O" || (tag.Length >= 3 && tag[1] == '-' && tag[0] is 'B' or 'I' or 'E' or 'S' or 'L' or 'U');
}
