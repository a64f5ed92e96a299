using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Dyad.Knowledge;

/// <summary>
/// Actor codes for other stages (quotes, events): who a mention stands for at the document's date,
/// with metonymy ("Moscow said" → RUSGOV) and descriptions of unnamed actors ("Ukrainian soldiers"
/// → UKRMIL, "a Chinese foreign ministry spokesman" → CHNGOV, "Hamas militants" → PSEREB).
/// </summary>
public static class ActorResolver
{
    private static readonly FrozenSet<string> StateVerbs = FrozenSet.ToFrozenSet(
    [
        "said", "says", "say", "announced", "announces", "rejected", "rejects", "accused", "accuses", "warned", "warns", "denied",
        "denies", "urged", "urges", "condemned", "condemns", "welcomed", "welcomes", "insisted", "insists", "called", "calls",
        "claimed", "claims", "threatened", "threatens", "responded", "responds", "agreed", "agrees", "signed", "signs", "expelled",
        "expels", "imposed", "imposes", "has", "have", "had", "will", "would", "is", "was", "wants", "wanted", "demanded",
        "demands", "vowed", "vows", "refused", "refuses", "confirmed", "confirms", "stated", "states", "sought", "seeks",
        "protested", "protests", "summoned", "summons", "sent", "sends", "pledged", "pledges", "plans", "planned", "hopes",
        "views", "sees", "considers", "believes", "backed", "backs", "supports", "supported", "opposes", "opposed", "hit",
        "struck", "launched", "retaliated", "sanctioned", "recognized", "recognised", "declared", "declares", "released",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> StateNouns = FrozenSet.ToFrozenSet(
    [
        "position", "stance", "policy", "policies", "decision", "response", "relations", "ties", "officials", "leadership",
        "government", "regime", "support", "approach", "demands", "statement", "move", "plan", "proposal", "side", "interests",
    ], StringComparer.Ordinal);

    /// <summary>The actor of an entry of the knowledge base (Dyad id, QID or Wikipedia title) on a date.</summary>
    public static ActorInfo? ActorAt(string kbId, DateOnly? date) => KnowledgeBase.Default.ActorAt(kbId, date);

    /// <summary>
    /// The actor code a mention of an entity stands for: a capital or institution used as the subject
    /// of a statement or act ("Beijing rejected", "Moscow's position", "between Moscow and Beijing")
    /// carries its government's code; otherwise the entity's own code.
    /// </summary>
    public static string? CodeFor(Analysis analysis, Entity entity, Mention mention)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(mention);
        if (entity.Type == "GPE" && entity.Country is { } iso && mention.Type != "NORP")
        {
            var isCountry = KnowledgeBase.Default.Countries.TryGetValue(iso, out var c) && string.Equals(c.Name, entity.Name, StringComparison.Ordinal);
            if (!isCountry && IsMetonymic(analysis, mention))
            {
                return iso + "GOV";
            }

            return entity.ActorCode ?? iso;
        }

        return entity.ActorCode;
    }

    /// <summary>Whether the mention is used as an actor (subject of a statement or act, owner of a position).</summary>
    public static bool IsMetonymic(Analysis analysis, Mention mention)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(mention);
        var tokens = analysis.Tokens.IsDefaultOrEmpty ? Text.Tokenizer.Tokenize(analysis.Text) : analysis.Tokens;
        var first = -1;
        var last = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Start >= mention.Start && tokens[i].End <= mention.End)
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i + 1;
            }
        }

        if (first < 0)
        {
            return false;
        }

        var folded = new string[tokens.Length];
        for (var i = Math.Max(0, first - 3); i < Math.Min(tokens.Length, last + 3); i++)
        {
            folded[i] = NameKey.Fold(analysis.Text[tokens[i].Start..tokens[i].End]);
        }

        return IsMetonymicContext(analysis.Text, tokens, folded, first, last);
    }

    internal static bool IsMetonymicContext(string text, ImmutableArray<Token> tokens, string?[] folded, int first, int last)
    {
        string? At(int i) => i >= 0 && i < tokens.Length ? folded[i] ?? NameKey.Fold(text[tokens[i].Start..tokens[i].End]) : null;
        var next = At(last);
        if (next is null)
        {
            return false;
        }

        if (StateVerbs.Contains(next))
        {
            return true;
        }

        if (next == "'s" && At(last + 1) is { } owned && StateNouns.Contains(owned))
        {
            return true;
        }

        // "between Moscow and Beijing", "Moscow and Beijing have ..."
        var before = At(first - 1);
        if (before is "between" or "and" or "with" && (next is "and" or "," || StateVerbs.Contains(next)))
        {
            return true;
        }

        if (next == "and" && first > 0 && At(first - 1) == "between")
        {
            return true;
        }

        return false;
    }

    /// <summary>Country, sector and actor code of a description ("Kremlin aide", "Ukrainian soldiers").</summary>
    public static ActorInfo? Describe(string phrase, DateOnly? date) => Describe(KnowledgeBase.Default, phrase, date);

    public static ActorInfo? Describe(KnowledgeBase kb, string phrase, DateOnly? date)
    {
        ArgumentNullException.ThrowIfNull(kb);
        if (string.IsNullOrWhiteSpace(phrase))
        {
            return null;
        }

        var words = NameKey.TokenTexts(phrase);
        var folded = words.Select(NameKey.Fold).ToArray();
        string? country = null;
        string? sector = null;
        KbEntity? org = null;
        ActorInfo? orgActor = null;
        for (var i = 0; i < folded.Length; i++)
        {
            var matched = false;
            for (var len = Math.Min(folded.Length - i, 8); len >= 1 && !matched; len--)
            {
                var key = string.Join(' ', folded[i..(i + len)]);
                var targets = kb.Lookup(key);
                if (!targets.IsEmpty && char.IsUpper(words[i].FirstOrDefault(char.IsLetter)))
                {
                    var e = targets.FirstOrDefault(t => t.Entity.Type != "PERSON")?.Entity;
                    if (e is not null)
                    {
                        country ??= e.Country;
                        if (!e.Id.StartsWith("c:", StringComparison.Ordinal) && !e.Id.StartsWith("cap:", StringComparison.Ordinal) && e.Code is not null)
                        {
                            org ??= e;
                            orgActor ??= kb.ActorAt(e, date);
                        }

                        i += len - 1;
                        matched = true;
                        continue;
                    }
                }

                if (AgentOf(kb, folded[i..(i + len)]) is { } a)
                {
                    sector = a.Sector;
                    i += len - 1;
                    matched = true;
                }
            }
        }

        if (org is not null && orgActor is not null)
        {
            var orgSector = orgActor.Sector;
            // "Hamas militants", "Kremlin aide", "Pentagon officials": the group or institution itself
            if (sector is null || sector is "REB" or "UAF" or "MIL" && orgSector is "REB" or "MIL" || sector == orgSector
                || (sector == "GOV" && orgSector is "GOV" or "MIL" or "SPY" or "LEG"))
            {
                var code = sector == "GOV" && orgSector is "MIL" or "SPY" ? orgActor.Code : orgActor.Code;
                return new ActorInfo(code, orgActor.Country ?? country, orgSector, null);
            }

            country ??= orgActor.Country;
        }

        if (country is null && sector is null)
        {
            return null;
        }

        return new ActorInfo(country is null ? null : country + sector, country, sector, null);
    }

    private static AgentWord? AgentOf(KnowledgeBase kb, string[] words)
    {
        var key = string.Join(' ', words);
        if (kb.Agent(key) is { } a)
        {
            return a;
        }

        var lastWord = words[^1];
        string[] singulars =
        [
            lastWord.EndsWith("ies", StringComparison.Ordinal) ? lastWord[..^3] + "y" : "",
            lastWord.EndsWith("men", StringComparison.Ordinal) ? lastWord[..^3] + "man" : "",
            lastWord.EndsWith("es", StringComparison.Ordinal) ? lastWord[..^2] : "",
            lastWord.EndsWith('s') ? lastWord[..^1] : "",
        ];
        foreach (var s in singulars)
        {
            if (s.Length > 1)
            {
                var k = words.Length == 1 ? s : string.Join(' ', words[..^1]) + " " + s;
                if (kb.Agent(k) is { } b)
                {
                    return b;
                }
            }
        }

        return null;
    }
}
