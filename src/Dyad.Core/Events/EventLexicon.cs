using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using Dyad.Resources;

namespace Dyad.Events;

/// <summary>One row of <c>events/cameo.tsv</c>: a CAMEO code with its PLOVER type, mode, contexts and Goldstein score.</summary>
internal sealed record CameoCode(string Code, string Type, string? Mode, ImmutableArray<string> Contexts, double Goldstein, string Name)
{
    /// <summary>PLOVER quad category of the type: 1 verbal and 2 material cooperation, 3 verbal and 4 material conflict.</summary>
    public int QuadClass => EventLexicon.QuadClassOf(Type);
}

/// <summary>One trigger form (a surface word sequence) with how its actors are found.</summary>
internal sealed record Trigger
{
    public required string[] Words { get; init; }
    public required string Phrase { get; init; }
    public required bool IsVerb { get; init; }
    public required CameoCode Cameo { get; init; }
    public required string Type { get; init; }
    public string? Mode { get; init; }
    public bool Object { get; init; }
    public FrozenSet<string> Prepositions { get; init; } = FrozenSet<string>.Empty;
    public bool Reciprocal { get; init; }
    public bool Solo { get; init; }
    public bool Wrap { get; init; }
    public FrozenSet<string>? Next { get; init; }
    public FrozenSet<string>? NotNext { get; init; }

    /// <summary>The first word is the verb in a past-participle form (for passives: "was attacked by").</summary>
    public bool Participle { get; init; }
}

/// <summary>
/// The trigger lexicon (<c>events/triggers.txt</c>, with inflections generated) and the CAMEO table
/// (<c>events/cameo.tsv</c>), loaded once into frozen dictionaries keyed by lowercased token.
/// </summary>
internal sealed class EventLexicon
{
    private static readonly Lazy<EventLexicon> Lazy = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static readonly FrozenSet<string> Types = FrozenSet.Create(StringComparer.Ordinal,
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT");

    private static readonly FrozenSet<string> PrepositionWords = FrozenSet.Create(StringComparer.Ordinal,
        "on", "of", "to", "for", "with", "against", "into", "from", "at", "between", "in", "upon", "toward", "towards", "by", "over", "about", "near", "along");

    private EventLexicon(FrozenDictionary<string, CameoCode> codes, FrozenDictionary<string, Trigger[]> byFirst, int count)
    {
        Codes = codes;
        ByFirstWord = byFirst;
        FormCount = count;
    }

    public static EventLexicon Default => Lazy.Value;

    public FrozenDictionary<string, CameoCode> Codes { get; }

    /// <summary>Trigger forms by their first word (lowercase), longest first.</summary>
    public FrozenDictionary<string, Trigger[]> ByFirstWord { get; }

    public int FormCount { get; }

    public static int QuadClassOf(string type) => type switch
    {
        "AGREE" or "CONSULT" or "SUPPORT" or "CONCEDE" => 1,
        "COOPERATE" or "AID" or "RETREAT" => 2,
        "REQUEST" or "ACCUSE" or "REJECT" or "THREATEN" => 3,
        _ => 4,
    };

    public CameoCode? Code(string code) => Codes.GetValueOrDefault(code);

    private static EventLexicon Load()
    {
        var codes = new Dictionary<string, CameoCode>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.ReadDataLines("events/cameo.tsv"))
        {
            var f = line.Split('\t');
            if (f.Length < 6)
            {
                continue;
            }

            codes[f[0]] = new CameoCode(f[0], f[1], f[2] == "-" ? null : f[2],
                f[3] == "-" ? [] : [.. f[3].Split(';')],
                double.Parse(f[4], CultureInfo.InvariantCulture), f[5]);
        }

        var irregular = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        var forms = new Dictionary<string, List<Trigger>>(StringComparer.Ordinal);
        var count = 0;
        foreach (var line in EmbeddedData.ReadDataLines("events/triggers.txt"))
        {
            if (line.StartsWith("irr ", StringComparison.Ordinal))
            {
                var parts = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (!irregular.TryGetValue(parts[0], out var list))
                {
                    irregular[parts[0]] = list = [];
                }

                list.Add(parts);
                continue;
            }

            if (line[0] == '[')
            {
                continue;
            }

            var bar = line.IndexOf('|', StringComparison.Ordinal);
            if (bar < 0 || line.Length < 3)
            {
                throw new InvalidOperationException($"events/triggers.txt: bad line '{line}'");
            }

            var kind = line[0];
            var phrase = line[2..bar].Trim();
            var options = line[(bar + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (!codes.TryGetValue(options[0], out var cameo))
            {
                throw new InvalidOperationException($"events/triggers.txt: unknown CAMEO code in '{line}'");
            }

            var template = Parse(phrase, kind == 'v', cameo, options.AsSpan(1), line);
            var words = phrase.Split(' ');
            foreach (var (variant, participle) in Variants(words, kind, irregular))
            {
                var trigger = template with { Words = variant, Participle = participle };
                if (!forms.TryGetValue(variant[0], out var list))
                {
                    forms[variant[0]] = list = [];
                }

                var same = list.FindIndex(t => t.Words.AsSpan().SequenceEqual(variant) && t.Cameo == cameo);
                if (same < 0)
                {
                    list.Add(trigger);
                    count++;
                }
                else if (list[same].IsVerb != trigger.IsVerb)
                {
                    // "talks", "visit", "protest": a form that is both a verb and a noun takes both readings' roles
                    var other = list[same];
                    list[same] = other with
                    {
                        IsVerb = false,
                        Object = other.Object || trigger.Object,
                        Prepositions = other.Prepositions.Union(trigger.Prepositions).ToFrozenSet(StringComparer.Ordinal),
                        Reciprocal = other.Reciprocal || trigger.Reciprocal,
                        Solo = other.Solo && trigger.Solo,
                        Next = other.IsVerb ? trigger.Next : other.Next,
                        NotNext = other.IsVerb ? trigger.NotNext : other.NotNext,
                        Participle = other.Participle || trigger.Participle,
                    };
                }
            }
        }

        var byFirst = forms.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderByDescending(t => t.Words.Length).ToArray(),
            StringComparer.Ordinal);
        return new EventLexicon(codes.ToFrozenDictionary(StringComparer.Ordinal), byFirst, count);
    }

    private static Trigger Parse(string phrase, bool verb, CameoCode cameo, ReadOnlySpan<string> options, string line)
    {
        var type = cameo.Type;
        var mode = cameo.Mode;
        bool obj = false, recip = false, solo = false, wrap = false;
        FrozenSet<string> preps = FrozenSet<string>.Empty;
        FrozenSet<string>? next = null, notNext = null;
        foreach (var option in options)
        {
            if (option == "obj") { obj = true; }
            else if (option == "recip") { recip = true; }
            else if (option == "solo") { solo = true; }
            else if (option == "wrap") { wrap = true; }
            else if (option.StartsWith("p:", StringComparison.Ordinal)) { preps = Set(option[2..]); }
            else if (option.StartsWith("n:", StringComparison.Ordinal)) { next = Set(option[2..]); }
            else if (option.StartsWith("!n:", StringComparison.Ordinal)) { notNext = Set(option[3..]); }
            else if (option.StartsWith("T:", StringComparison.Ordinal)) { type = option[2..]; }
            else if (option.StartsWith("m:", StringComparison.Ordinal)) { mode = option[2..]; }
            else
            {
                throw new InvalidOperationException($"events/triggers.txt: unknown option '{option}' in '{line}'");
            }
        }

        if (!Types.Contains(type))
        {
            throw new InvalidOperationException($"events/triggers.txt: unknown PLOVER type '{type}' in '{line}'");
        }

        return new Trigger
        {
            Words = [], Phrase = phrase, IsVerb = verb, Cameo = cameo, Type = type, Mode = mode,
            Object = obj, Prepositions = preps, Reciprocal = recip, Solo = solo, Wrap = wrap, Next = next, NotNext = notNext,
        };
    }

    private static FrozenSet<string> Set(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static IEnumerable<(string[] Words, bool Participle)> Variants(string[] words, char kind, Dictionary<string, List<string[]>> irregular)
    {
        if (kind == 'x')
        {
            yield return (words, false);
            yield break;
        }

        if (kind == 'n')
        {
            var head = words.Length - 1;
            while (head > 0 && PrepositionWords.Contains(words[head]))
            {
                head--;
            }

            yield return (words, false);
            foreach (var plural in NounForms(words[head]))
            {
                var copy = (string[])words.Clone();
                copy[head] = plural;
                yield return (copy, false);
            }

            yield break;
        }

        foreach (var (form, participle) in VerbForms(words[0], irregular))
        {
            var copy = (string[])words.Clone();
            copy[0] = form;
            yield return (copy, participle);
        }
    }

    private static IEnumerable<string> NounForms(string noun)
    {
        if (noun.EndsWith('s'))
        {
            if (noun.EndsWith("ss", StringComparison.Ordinal))
            {
                yield return noun + "es";
            }
            else
            {
                yield return noun[..^1]; // "talks" also as "talk" is not wanted; "sanctions" -> "sanction"
            }

            yield break;
        }

        if (noun.EndsWith('y') && noun.Length > 2 && !IsVowel(noun[^2]))
        {
            yield return noun[..^1] + "ies";
        }
        else if (noun.EndsWith("ch", StringComparison.Ordinal) || noun.EndsWith("sh", StringComparison.Ordinal) || noun.EndsWith('x'))
        {
            yield return noun + "es";
        }
        else
        {
            yield return noun + "s";
        }
    }

    /// <summary>Base, third person, past, participle and gerund forms; participle flags forms usable in a passive.</summary>
    internal static IEnumerable<(string Form, bool Participle)> VerbForms(string verb, Dictionary<string, List<string[]>> irregular)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<(string, bool)>();
        void Add(string form, bool participle)
        {
            if (seen.Add(form + (participle ? "+" : "")))
            {
                results.Add((form, participle));
            }
        }

        Add(verb, false);
        if (irregular.TryGetValue(verb, out var rows))
        {
            foreach (var row in rows)
            {
                if (row.Length > 1) { Add(row[1], row.Length > 2 && row[1] == row[2]); }
                if (row.Length > 2 && row[2] != row[1]) { Add(row[2], true); }
                Add(row.Length > 3 ? row[3] : ThirdPerson(verb), false);
                Add(row.Length > 4 ? row[4] : Gerund(verb), false);
            }
        }
        else
        {
            Add(ThirdPerson(verb), false);
            Add(Past(verb), true); // the past tense and the participle are the same form
            Add(Gerund(verb), false);
        }

        return results;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool DoublesFinal(string verb)
    {
        // one-syllable consonant-vowel-consonant verbs double the final consonant: ban -> banned, stop -> stopping
        if (verb.Length < 3 || verb.Contains('-'))
        {
            return false;
        }

        var c = verb[^1];
        if (IsVowel(c) || c is 'w' or 'x' or 'y' || !IsVowel(verb[^2]) || IsVowel(verb[^3]))
        {
            return false;
        }

        var groups = 0;
        for (var i = 0; i < verb.Length; i++)
        {
            if (IsVowel(verb[i]) && (i == 0 || !IsVowel(verb[i - 1])))
            {
                groups++;
            }
        }

        return groups == 1;
    }

    private static string ThirdPerson(string verb)
    {
        if (verb.EndsWith('y') && verb.Length > 2 && !IsVowel(verb[^2]))
        {
            return verb[..^1] + "ies";
        }

        return verb.EndsWith('s') || verb.EndsWith('x') || verb.EndsWith('z') || verb.EndsWith("ch", StringComparison.Ordinal) || verb.EndsWith("sh", StringComparison.Ordinal)
            ? verb + "es"
            : verb + "s";
    }

    private static string Past(string verb)
    {
        if (verb.EndsWith('e'))
        {
            return verb + "d";
        }

        if (verb.EndsWith('y') && verb.Length > 2 && !IsVowel(verb[^2]))
        {
            return verb[..^1] + "ied";
        }

        return DoublesFinal(verb) ? verb + verb[^1] + "ed" : verb + "ed";
    }

    private static string Gerund(string verb)
    {
        if (verb.EndsWith("ie", StringComparison.Ordinal))
        {
            return verb[..^2] + "ying";
        }

        if (verb.EndsWith('e') && !verb.EndsWith("ee", StringComparison.Ordinal) && verb.Length > 2)
        {
            return verb[..^1] + "ing";
        }

        return DoublesFinal(verb) ? verb + verb[^1] + "ing" : verb + "ing";
    }
}
