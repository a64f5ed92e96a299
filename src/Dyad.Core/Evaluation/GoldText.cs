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
            var (raw, sentence, _) = tokens[i];
            var text = Plain(raw);
            var newSentence = i > 0 && sentence != tokens[i - 1].Sentence;
            var space = i > 0 && NeedsSpace(tokens[i - 1].Text, raw, ref quoteOpen);
            if (newSentence)
            {
                sentences.Add(new TextRange(sentenceStart, builder.Length));
                // Title (sentence 0) and a short dateline (sentence 1) stand on their own lines.
                var previous = tokens[i - 1].Sentence;
                builder.Append(previous <= 1 && IsHeadLine(tokens, previous) ? "\n\n" : " ");
                sentenceStart = builder.Length;
            }
            else if (space)
            {
                builder.Append(' ');
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

    private static string Plain(string token) => token is "``" or "''" ? "\"" : token;

    private static bool IsHeadLine(List<(string Text, int Sentence, string Id)> tokens, int sentence)
    {
        if (sentence == 0)
        {
            return true;
        }

        var words = tokens.Where(t => t.Sentence == sentence).ToList();
        return words.Count <= 6 && words.Any(w => w.Text.Length == 4 && w.Text.All(char.IsDigit));
    }

    /// <summary>
    /// Whether a space goes between two gold tokens. PTB quotes say which side they are on
    /// (`` opens, '' closes); a plain " alternates.
    /// </summary>
    private static bool NeedsSpace(string previous, string current, ref bool quoteOpen)
    {
        var currentOpens = current == "``" || (current == "\"" && !quoteOpen);
        var currentCloses = current == "''" || (current == "\"" && quoteOpen);
        var previousOpened = previous == "``" || (previous == "\"" && quoteOpen);
        if (currentOpens)
        {
            quoteOpen = true;
        }
        else if (currentCloses)
        {
            quoteOpen = false;
            return false;
        }

        if (previousOpened && !currentOpens)
        {
            return false;
        }

        if (current is "," or "." or ";" or ":" or "!" or "?" or ")" or "]" or "%" or "'s" or "'" or "n't" or "'re" or "'ve" or "'ll" or "'d" or "'m")
        {
            return false;
        }

        return previous is not ("(" or "[" or "$" or "#" or "US$" or "-LRB-");
    }

    /// <summary>
    /// Reads a CoNLL-U file into documents (split at <c># newdoc</c>) with gold sentences, using each
    /// sentence's <c># text</c> line (its original spelling and spacing); paragraphs (<c># newpar</c>)
    /// are separated by a blank line, sentences within one by a space, or by a line break after a
    /// sentence without final punctuation.
    /// </summary>
    public static List<GoldSentences> ReadConllu(string content, string fallbackName)
    {
        var documents = new List<GoldSentences>();
        var builder = new StringBuilder();
        var sentences = new List<TextRange>();
        var name = fallbackName;
        var newParagraph = false;

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

            if (line.StartsWith("# newpar", StringComparison.Ordinal) && !line.StartsWith("# newpar_", StringComparison.Ordinal))
            {
                newParagraph = true;
                continue;
            }

            if (!line.StartsWith("# text = ", StringComparison.Ordinal))
            {
                continue;
            }

            var sentence = line["# text = ".Length..].Trim();
            if (sentence.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                // A sentence that ends without final punctuation (a caption, a list item, a heading)
                // stood on its own line in the source.
                var last = builder[^1];
                builder.Append(newParagraph ? "\n\n" : last is '.' or '!' or '?' or '…' or '"' or '”' or '\'' or '’' or ')' ? " " : "\n");
            }

            newParagraph = false;
            sentences.Add(new TextRange(builder.Length, builder.Length + sentence.Length));
            builder.Append(sentence);
        }

        Flush();
        return documents;
    }
}
