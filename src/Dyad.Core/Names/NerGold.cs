using System.Collections.Immutable;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Dyad.Evaluation;

namespace Dyad.Names;

/// <summary>A gold name: character offsets into the rebuilt text and a CoNLL type (PER, ORG, LOC, MISC).</summary>
public readonly record struct GoldName(int Start, int End, string Type);

/// <summary>
/// A gold document for NER scoring: rebuilt text, gold sentences, gold names, and ranges where
/// an unmatched prediction is not counted as a false positive (MEANTIME mentions of unscored
/// types, and the description words around a name in a MEANTIME mention).
/// </summary>
public sealed record NerGoldDocument(string Name, string Text, ImmutableArray<Sentence> Sentences, List<GoldName> Names, List<TextRange> Ignore, string Scheme)
{
    /// <summary>Extents of every annotated entity mention, for corpora that annotate only some entities (MEANTIME).</summary>
    public List<TextRange>? Annotated { get; init; }
}

public static class NerGold
{
    private static readonly XmlReaderSettings SafeXml = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

    private static readonly Lazy<HashSet<string>> Titles = new(() =>
    {
        var sections = Dyad.Resources.EmbeddedData.ReadSections("names/typing.txt");
        return new HashSet<string>(sections["title"].Concat(sections["determiner"]), StringComparer.Ordinal);
    });

    private static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal) { "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "them", "him", "this", "that", "these", "those", "who", "which" };

    private static readonly HashSet<string> NameGlue = new(StringComparer.Ordinal) { "of", "and", "de", "du", "des", "la", "le", "von", "van", "der", "den", "bin", "al", "el", "&", "-", ".", "'", "for", "on", "the", "da", "di" };

    /// <summary>A CoNLL/IOB document as text: tokens joined by spaces, one gold sentence per line.</summary>
    public static NerGoldDocument FromIob(IobDocument document, string scheme, Func<string, string?> map)
    {
        var builder = new StringBuilder();
        var sentences = ImmutableArray.CreateBuilder<Sentence>();
        var names = new List<GoldName>();
        foreach (var s in document.Sentences)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            var starts = new int[s.Tokens.Length];
            var ends = new int[s.Tokens.Length];
            var sentenceStart = builder.Length;
            for (var i = 0; i < s.Tokens.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(' ');
                }

                starts[i] = builder.Length;
                builder.Append(s.Tokens[i]);
                ends[i] = builder.Length;
            }

            sentences.Add(new Sentence(sentenceStart, builder.Length));
            foreach (var span in IobCorpus.Spans(s.Tags, map))
            {
                names.Add(new GoldName(starts[span.Start], ends[span.End - 1], span.Type));
            }
        }

        return new NerGoldDocument(document.Name, builder.ToString(), sentences.ToImmutable(), names, [], scheme);
    }

    /// <summary>
    /// A MEANTIME document: text rebuilt as <see cref="GoldText.RebuildMeantime"/> does; gold names
    /// are the named mentions (syntactic type NAM, PRE.NAM, or none given) of PER, ORG and LOC entities, reduced
    /// to the name itself as CoNLL marks it: a parenthesised abbreviation is cut off, and the name
    /// is the last run of capitalised words (with glue words such as "of", "and", "bin") so that
    /// titles, determiners and descriptions ("JSA Research defence analyst Paul Nesbit") stay
    /// outside. Mentions of PRO (products), FIN (financial) or unresolved entities are not scored:
    /// predictions inside them, or inside the description words of a reduced mention, are ignored.
    /// A mention that is only a demonym ("American", typed LOC for its country) is not scored
    /// either: CoNLL marks demonyms MISC. A person mention that ends in a title ("Apple CEO") is
    /// a description, not a name.
    /// </summary>
    public static NerGoldDocument FromMeantime(string xml, string name)
    {
        var tokens = GoldText.MeantimeTokens(xml);
        var (text, spans, sentenceRanges) = GoldText.RebuildMeantime(tokens);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            index[tokens[i].Id] = i;
        }

        using var reader = XmlReader.Create(new StringReader(xml), SafeXml);
        var root = XDocument.Load(reader).Root!;
        var markables = root.Element("Markables");
        var relations = root.Element("Relations");
        var entityTypes = markables?.Elements("ENTITY").ToDictionary(e => (string?)e.Attribute("m_id") ?? "", e => (string?)e.Attribute("ent_type") ?? "", StringComparer.Ordinal) ?? [];
        var mentionType = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in relations?.Elements("REFERS_TO") ?? [])
        {
            var target = (string?)r.Element("target")?.Attribute("m_id");
            if (target is null || !entityTypes.TryGetValue(target, out var type))
            {
                continue;
            }

            foreach (var source in r.Elements("source"))
            {
                mentionType[(string?)source.Attribute("m_id") ?? ""] = type;
            }
        }

        var names = new List<GoldName>();
        var ignore = new List<TextRange>();
        var annotated = new List<TextRange>();
        foreach (var m in markables?.Elements("ENTITY_MENTION") ?? [])
        {
            var anchors = m.Elements("token_anchor").Select(a => (string?)a.Attribute("t_id") ?? "").Where(index.ContainsKey).Select(id => index[id]).ToList();
            if (anchors.Count > 0)
            {
                annotated.Add(new TextRange(spans[anchors.Min()].Start, spans[anchors.Max()].End));
            }

            // Later annotation rounds left many named mentions without a syntactic type: they
            // are read as names when they contain a capitalised word that is not a pronoun.
            var syntactic = (string?)m.Attribute("syntactic_type") ?? "";
            if (syntactic is not ("NAM" or "PRE.NAM" or ""))
            {
                continue;
            }

            var ids = m.Elements("token_anchor").Select(a => (string?)a.Attribute("t_id") ?? "").Where(index.ContainsKey).Select(id => index[id]).Order().ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var extent = new TextRange(spans[ids[0]].Start, spans[ids[^1]].End);
            var type = mentionType.GetValueOrDefault((string?)m.Attribute("m_id") ?? "", "");
            if (type is not ("PER" or "ORG" or "LOC"))
            {
                ignore.Add(extent);
                continue;
            }

            var words = ids.Select(i => tokens[i].Text).ToList();
            var (first, last) = NamePart(words, person: type == "PER");
            if (first >= 0 && first == last && Pronouns.Contains(words[first].ToLowerInvariant()))
            {
                first = -1;
            }

            // A demonym annotated as its country ("American" → LOC) is MISC in CoNLL: not scored.
            if (first < 0 || (first == last && (NameLexicon.Default.Lookup(words[first]) & LexiconFlags.Norp) != 0))
            {
                ignore.Add(extent);
                continue;
            }

            var name0 = new GoldName(spans[ids[first]].Start, spans[ids[last]].End, type);
            if (!names.Contains(name0))
            {
                names.Add(name0);
            }

            if (name0.Start > extent.Start)
            {
                ignore.Add(new TextRange(extent.Start, name0.Start));
            }

            if (name0.End < extent.End)
            {
                ignore.Add(new TextRange(name0.End, extent.End));
            }
        }

        var sentences = sentenceRanges.Select(r => new Sentence(r.Start, r.End)).ToImmutableArray();
        return new NerGoldDocument(name, text, sentences, names, ignore, "MEANTIME") { Annotated = annotated };
    }

    /// <summary>The token range [first, last] of the name inside a mention's words, or (-1, -1).</summary>
    internal static (int First, int Last) NamePart(List<string> words, bool person = true)
    {
        var end = words.IndexOf("(");
        if (end < 0)
        {
            end = words.Count;
        }

        while (end > 0 && words[end - 1] is "," or "." or ";" or ":" or "\"" or "'s")
        {
            end--;
        }

        var last = end - 1;
        var first = -1;
        for (var i = last; i >= 0; i--)
        {
            var w = words[i];
            if (IsNameWord(w))
            {
                first = i;
                continue;
            }

            if (NameGlue.Contains(w) && first >= 0)
            {
                continue;
            }

            break;
        }

        if (first < 0)
        {
            return (-1, -1);
        }

        if (person && Titles.Value.Contains(words[last].ToLowerInvariant()))
        {
            return (-1, -1); // "Apple CEO": a description, not a name
        }

        if (person)
        {
            // A title inside the run ends the description: "Apple CEO Steve Jobs" → "Steve Jobs".
            for (var i = last - 1; i >= first; i--)
            {
                if (Titles.Value.Contains(words[i].ToLowerInvariant()))
                {
                    first = i + 1;
                    break;
                }
            }
        }

        while (first < last && (NameGlue.Contains(words[first]) || (person && Titles.Value.Contains(words[first].ToLowerInvariant())) || words[first] is "The"))
        {
            first++;
        }

        return first <= last ? (first, last) : (-1, -1);
    }

    private static bool IsNameWord(string w) => w.Length > 0 && (char.IsUpper(w[0]) || char.IsDigit(w[0]) || (w.Length > 1 && char.IsLower(w[0]) && w.Skip(1).Any(char.IsUpper)));
}
