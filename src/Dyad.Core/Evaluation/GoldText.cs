using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Dyad.Evaluation;

/// <summary>A gold document rebuilt as text, with its gold sentence spans.</summary>
public sealed record GoldSentences(string Name, string Text, IReadOnlyList<TextRange> Sentences);

/// <summary>
/// Rebuilds running text from tokenised gold corpora so that Dyad reads them as it reads news.
/// MEANTIME (NAF-like XML, no spacing information): the title and the dateline on lines of their
/// own, the body sentences joined by spaces with conventional detokenisation. GUM (CoNLL-U): token
/// spacing from <c>SpaceAfter=No</c>, paragraphs (<c># newpar</c>) separated by blank lines.
/// </summary>
public static class GoldText
{
    private static readonly XmlReaderSettings SafeXml = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

    /// <summary>Tokens of a MEANTIME document with their sentence numbers, in order.</summary>
    public static List<(string Text, int Sentence, string Id)> MeantimeTokens(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), SafeXml);
        var doc = XDocument.Load(reader);
        return doc.Root!.Elements("token")
            .Select(t => ((string)t, int.Parse((string?)t.Attribute("sentence") ?? "0", System.Globalization.CultureInfo.InvariantCulture), (string?)t.Attribute("t_id") ?? ""))
            .ToList();
    }

    /// <summary>Rebuilds MEANTIME text; returns the offsets of each token too.</summary>
    public static (string Text, List<TextRange> Tokens, List<TextRange> Sentences) RebuildMeantime(List<(string Text, int Sentence, string Id)> tokens)
    {
        var builder = new StringBuilder();
        var spans = new List<TextRange>(tokens.Count);
        var sentences = new List<TextRange>();
        var sentenceStart = 0;
        var quoteOpen = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var (text, sentence, _) = tokens[i];
            var newSentence = i > 0 && sentence != tokens[i - 1].Sentence;
            if (newSentence)
            {
                sentences.Add(new TextRange(sentenceStart, builder.Length));
                // Title (sentence 0) and a short dateline (sentence 1) stand on their own lines.
                var previous = tokens[i - 1].Sentence;
                builder.Append(previous <= 1 && IsHeadLine(tokens, previous) ? "\n\n" : " ");
                sentenceStart = builder.Length;
                quoteOpen = false;
            }
            else if (i > 0 && NeedsSpace(tokens[i - 1].Text, text, ref quoteOpen))
            {
                builder.Append(' ');
            }

            if (i == 0 || newSentence)
            {
                if (text == "\"")
                {
                    quoteOpen = true;
                }
            }

            spans.Add(new TextRange(builder.Length, builder.Length + text.Length));
            builder.Append(text);
        }

        if (tokens.Count > 0)
        {
            sentences.Add(new TextRange(sentenceStart, builder.Length));
        }

        return (builder.ToString(), spans, sentences);
    }

    private static bool IsHeadLine(List<(string Text, int Sentence, string Id)> tokens, int sentence)
    {
        if (sentence == 0)
        {
            return true;
        }

        var words = tokens.Where(t => t.Sentence == sentence).ToList();
        return words.Count <= 6 && words.Any(w => w.Text.Length == 4 && w.Text.All(char.IsDigit));
    }

    private static bool NeedsSpace(string previous, string current, ref bool quoteOpen)
    {
        if (current == "\"")
        {
            quoteOpen = !quoteOpen;
            return quoteOpen; // an opening quote takes a space before it, a closing one does not
        }

        if (previous == "\"")
        {
            return !quoteOpen; // no space after an opening quote
        }

        if (current is "," or "." or ";" or ":" or "!" or "?" or ")" or "]" or "%" or "'s" or "'" or "n't" or "'re" or "'ve" or "'ll" or "'d" or "'m")
        {
            return false;
        }

        return previous is not ("(" or "[" or "$" or "#" or "US$");
    }

    /// <summary>Reads a CoNLL-U file into documents (split at <c># newdoc</c>) with gold sentences.</summary>
    public static List<GoldSentences> ReadConllu(string content, string fallbackName)
    {
        var documents = new List<GoldSentences>();
        var builder = new StringBuilder();
        var sentences = new List<TextRange>();
        var name = fallbackName;
        var sentenceStart = -1;
        var spaceAfterLast = true;

        void Flush()
        {
            if (builder.Length > 0)
            {
                documents.Add(new GoldSentences(name, builder.ToString(), sentences.ToList()));
            }

            builder.Clear();
            sentences.Clear();
        }

        foreach (var raw in content.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# newdoc id = ", StringComparison.Ordinal))
            {
                Flush();
                name = line["# newdoc id = ".Length..].Trim();
                continue;
            }

            if (line.StartsWith("# newpar", StringComparison.Ordinal) && !line.StartsWith("# newpar_", StringComparison.Ordinal) && builder.Length > 0)
            {
                builder.Append("\n\n");
                spaceAfterLast = false;
                continue;
            }

            if (line.Length == 0)
            {
                if (sentenceStart >= 0)
                {
                    sentences.Add(new TextRange(sentenceStart, builder.Length));
                    sentenceStart = -1;
                    spaceAfterLast = true;
                }

                continue;
            }

            if (line[0] == '#')
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length < 10 || columns[0].Contains('-') || columns[0].Contains('.'))
            {
                continue; // multiword ranges and empty nodes carry no surface text of their own
            }

            if (builder.Length > 0 && spaceAfterLast && builder[^1] != '\n')
            {
                builder.Append(' ');
            }

            if (sentenceStart < 0)
            {
                sentenceStart = builder.Length;
            }

            builder.Append(columns[1]);
            spaceAfterLast = !columns[9].Split('|').Contains("SpaceAfter=No");
        }

        if (sentenceStart >= 0)
        {
            sentences.Add(new TextRange(sentenceStart, builder.Length));
        }

        Flush();
        return documents;
    }
}
