using System.Collections.Frozen;
using Dyad.Resources;

namespace Dyad.Quotes;

/// <summary>How a reporting verb behaves (flags of <c>Resources/quotes/lexicon.txt</c>).</summary>
[Flags]
internal enum VerbFlags
{
    None = 0,
    Bare = 1,
    Addressee = 2,
    Inversion = 4,
    PartialOnly = 8,
    NeedsThat = 16,
}

/// <summary>One form of a reporting verb or cue phrase, as a sequence of lowercase words.</summary>
/// <summary>One form of a reporting verb or cue phrase. <see cref="IsBase"/>: the bare form ("say", "state", "note"), also a noun.</summary>
internal sealed record CueForm(string[] Words, VerbFlags Flags, bool Participle, bool SourcePhrase, bool IsBase = false);

/// <summary>The word lists of the quotes stage, read once from the embedded lexicon.</summary>
internal sealed class QuoteLexicon
{
    private static readonly Lazy<QuoteLexicon> Lazy = new(() => new QuoteLexicon(EmbeddedData.ReadSections("quotes/lexicon.txt")));

    public static QuoteLexicon Instance => Lazy.Value;

    private readonly FrozenDictionary<string, CueForm[]> _cues;
    private readonly FrozenDictionary<string, CueForm[]>.AlternateLookup<ReadOnlySpan<char>> _cueLookup;
    private readonly FrozenDictionary<string, CueForm[]>.AlternateLookup<ReadOnlySpan<char>> _cueOrdinal;

    internal QuoteLexicon(Dictionary<string, List<string>> sections)
    {
        var cues = new Dictionary<string, List<CueForm>>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in Section(sections, "verbs"))
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            var forms = (bar < 0 ? line : line[..bar]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var flags = VerbFlags.None;
            if (bar >= 0)
            {
                foreach (var f in line[(bar + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    flags |= f switch
                    {
                        "b" => VerbFlags.Bare,
                        "a" => VerbFlags.Addressee,
                        "i" => VerbFlags.Inversion,
                        "p" => VerbFlags.PartialOnly,
                        "t" => VerbFlags.NeedsThat,
                        _ => throw new InvalidOperationException($"quotes/lexicon.txt: unknown verb flag '{f}' in '{line}'"),
                    };
                }
            }

            for (var f = 0; f < forms.Length; f++)
            {
                var words = forms[f].ToLowerInvariant().Split('_');
                Add(cues, new CueForm(words, flags, words[0].EndsWith("ing", StringComparison.Ordinal), false, f == 0));
            }
        }

        foreach (var line in Section(sections, "source-phrases"))
        {
            Add(cues, new CueForm(line.ToLowerInvariant().Split('_'), VerbFlags.None, false, true));
        }

        _cues = cues.ToFrozenDictionary(p => p.Key, p => p.Value.OrderByDescending(c => c.Words.Length).ToArray(), StringComparer.OrdinalIgnoreCase);
        _cueLookup = _cues.GetAlternateLookup<ReadOnlySpan<char>>();
        var variants = new Dictionary<string, CueForm[]>(StringComparer.Ordinal);
        foreach (var (key, forms) in _cues)
        {
            foreach (var variant in WordSet.Variants([key]))
            {
                variants[variant] = forms;
            }
        }

        _cueOrdinal = variants.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        Skip = Words(sections, "skip");
        Titles = Words(sections, "titles");
        Demonyms = Words(sections, "demonyms");
        PersonNouns = Words(sections, "person-nouns");
        OrgNouns = Words(sections, "org-nouns");
        NpWords = Words(sections, "np-words");
        Pronouns = Words(sections, "pronouns");
        Naming = Words(sections, "naming");
        WorkNouns = Words(sections, "work-nouns");
        NotSpeakers = Words(sections, "not-speakers");
        NotNames = Words(sections, "not-names");
    }

    public WordSet Skip { get; }
    public WordSet Titles { get; }
    public WordSet Demonyms { get; }
    public WordSet PersonNouns { get; }
    public WordSet OrgNouns { get; }
    public WordSet NpWords { get; }
    public WordSet Pronouns { get; }
    public WordSet Naming { get; }
    public WordSet WorkNouns { get; }
    public WordSet NotSpeakers { get; }
    public WordSet NotNames { get; }

    /// <summary>Cue forms that start with this word, longest first.</summary>
    public CueForm[]? CuesStartingWith(ReadOnlySpan<char> word) =>
        _cueOrdinal.TryGetValue(word, out var forms) || (WordSet.MixedCase(word) && _cueLookup.TryGetValue(word, out forms)) ? forms : null;

    private static void Add(Dictionary<string, List<CueForm>> cues, CueForm form)
    {
        if (!cues.TryGetValue(form.Words[0], out var list))
        {
            cues[form.Words[0]] = list = [];
        }

        list.Add(form);
    }

    private static List<string> Section(Dictionary<string, List<string>> sections, string name) =>
        sections.TryGetValue(name, out var lines) ? lines : throw new InvalidOperationException($"quotes/lexicon.txt has no [{name}] section");

    private static WordSet Words(Dictionary<string, List<string>> sections, string name) =>
        new(Section(sections, name).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}

/// <summary>
/// A case-insensitive set of words that answers for spans without allocating. Holds the lowercase,
/// Capitalised and UPPER forms for a fast ordinal lookup; other mixtures fall back to ignoring case.
/// </summary>
internal sealed class WordSet
{
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _ordinal;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _ignoreCase;

    public WordSet(IEnumerable<string> words)
    {
        var list = words.ToList();
        _ordinal = Variants(list).ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _ignoreCase = list.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(ReadOnlySpan<char> word) => _ordinal.Contains(word) || (MixedCase(word) && _ignoreCase.Contains(word));

    /// <summary>True when the word has an upper-case letter after its first character ("McDonald", "iPhone").</summary>
    internal static bool MixedCase(ReadOnlySpan<char> word)
    {
        for (var i = 1; i < word.Length; i++)
        {
            if (char.IsUpper(word[i]))
            {
                return true;
            }
        }

        return false;
    }

    internal static IEnumerable<string> Variants(IEnumerable<string> words)
    {
        foreach (var w in words)
        {
            var lower = w.ToLowerInvariant();
            yield return lower;
            yield return lower.ToUpperInvariant();
            if (lower.Length > 0)
            {
                yield return char.ToUpperInvariant(lower[0]) + lower[1..];
            }
        }
    }
}
