using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dyad.Text;

namespace Dyad.Evaluation;

/// <summary>A hand-given actor: a name found in the text (all its occurrences, whole words) with its CAMEO-style code.</summary>
public sealed record GoldEntity
{
    public required string Name { get; init; }

    /// <summary>Country (ISO alpha-3) plus optional sector: "RUS", "RUSGOV", "UKRMIL".</summary>
    public string? Code { get; init; }

    public string Type { get; init; } = "GPE";

    /// <summary>ISO alpha-3 country; by default the first three letters of <see cref="Code"/>; "-" for none (international organisations).</summary>
    public string? Country { get; init; }

    /// <summary>Other strings that refer to the same entity ("Putin", "the Kremlin aide"); "Russian" style demonyms get type NORP.</summary>
    public ImmutableArray<string> Mentions { get; init; } = [];

    public ImmutableArray<string> Demonyms { get; init; } = [];
}

/// <summary>A hand-given time expression: the text (first occurrence) and its TIMEX3 value.</summary>
public sealed record EventGoldTime(string Text, string Value, string Type = "DATE");

/// <summary>A hand-given place: the text (first occurrence) and its country.</summary>
public sealed record GoldPlace(string Text, string? Country, string Feature = "city");

/// <summary>A hand-given quotation: its content (first occurrence) and the speaker's entity name.</summary>
public sealed record EventGoldQuote(string Text, string Speaker);

/// <summary>One gold event: source and target codes (country, optionally with sector) and a PLOVER type or a CAMEO code.</summary>
public sealed record GoldEvent
{
    public string? Source { get; init; }
    public string? Target { get; init; }
    public string? Type { get; init; }
    public string? Cameo { get; init; }
    public bool Reciprocal { get; init; }
}

/// <summary>
/// A sentence-level gold record for <c>dyad eval events</c> (JSON Lines, one object per line):
/// <c>{"text": "...", "date": "2025-01-22", "entities": [{"name": "Russia", "code": "RUS", "type": "GPE",
/// "mentions": [], "demonyms": ["Russian"]}], "events": [{"source": "RUS", "target": "UKR", "type": "ASSAULT"}]}</c>.
/// <c>entities</c>, <c>times</c>, <c>places</c> and <c>quotes</c> are optional: when <c>entities</c> is given the
/// event stage runs on those hand-given entities (the event coder alone is measured); without it the full pipeline runs.
/// </summary>
public sealed record EventGoldRecord
{
    public required string Text { get; init; }
    public string? Date { get; init; }
    public ImmutableArray<GoldEntity>? Entities { get; init; }
    public ImmutableArray<EventGoldTime> Times { get; init; } = [];
    public ImmutableArray<GoldPlace> Places { get; init; } = [];
    public ImmutableArray<EventGoldQuote> Quotes { get; init; } = [];
    public ImmutableArray<GoldEvent> Events { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static EventGoldRecord Parse(string json) =>
        JsonSerializer.Deserialize<EventGoldRecord>(json, Options) ?? throw new FormatException("empty gold record");
}

/// <summary>Builds analyses with hand-given spans (for case files and gold sentences) and scores events.</summary>
public static class EventGold
{
    /// <summary>Tokens and sentences from the real text stage, then the given spans found by text search.</summary>
    public static Analysis Build(
        string text, DateOnly? date, IEnumerable<GoldEntity> entities,
        IEnumerable<EventGoldTime>? times = null, IEnumerable<GoldPlace>? places = null, IEnumerable<EventGoldQuote>? quotes = null)
        => Build(new Document { Text = text, Date = date }, entities, times, places, quotes);

    /// <summary>As above, for a document read by a reader (title, date and body offsets kept).</summary>
    public static Analysis Build(
        Document document, IEnumerable<GoldEntity> entities,
        IEnumerable<EventGoldTime>? times = null, IEnumerable<GoldPlace>? places = null, IEnumerable<EventGoldQuote>? quotes = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(entities);
        var text = document.Text;
        var analysis = TextStage.Instance.Run(new Analysis(document));
        var built = ImmutableArray.CreateBuilder<Entity>();
        var n = 0;
        foreach (var g in entities)
        {
            n++;
            var mentions = ImmutableArray.CreateBuilder<Mention>();
            foreach (var (s, norp) in new[] { (g.Name, false) }.Concat(g.Mentions.Select(m => (m, false))).Concat(g.Demonyms.Select(d => (d, true))))
            {
                foreach (var start in FindAll(text, s))
                {
                    var kind = char.IsUpper(s[0]) && !s.StartsWith("The ", StringComparison.Ordinal) ? MentionKind.Name : MentionKind.Nominal;
                    mentions.Add(new Mention(start, start + s.Length, text.Substring(start, s.Length), kind, norp ? "NORP" : null));
                }
            }

            var code = g.Code;
            var country = g.Country == "-" ? null : g.Country ?? (code is { Length: >= 3 } ? code[..3] : null);
            var sector = country is not null && code is { Length: > 3 } ? code[3..] : null;
            built.Add(new Entity
            {
                Id = "e" + n.ToString(CultureInfo.InvariantCulture),
                Name = g.Name,
                Type = g.Type,
                Country = country,
                Sector = sector,
                ActorCode = code,
                Mentions = [.. mentions.OrderBy(m => m.Start)],
            });
        }

        var entityList = built.ToImmutable();
        var timeList = (times ?? []).Select(t => Find(text, t.Text) is { } s ? new TimeExpression(s, s + t.Text.Length, t.Text, t.Type, t.Value, null) : null)
            .OfType<TimeExpression>().ToImmutableArray();
        var placeList = (places ?? []).Select(p => Find(text, p.Text) is { } s ? new Place(s, s + p.Text.Length, p.Text, p.Text, null, p.Feature, p.Country, null, null, null) : null)
            .OfType<Place>().ToImmutableArray();
        var quoteList = (quotes ?? []).Select(q =>
        {
            if (Find(text, q.Text) is not { } s)
            {
                return null;
            }

            var speaker = entityList.FirstOrDefault(e => e.Name == q.Speaker);
            var mention = speaker?.Mentions.OrderBy(m => Math.Abs(m.Start - s)).FirstOrDefault();
            return new Quote(s, s + q.Text.Length, q.Text, true,
                speaker is null || mention is null ? null : new QuoteSpeaker(speaker.Id, speaker.Name, mention.Start, mention.End), null);
        }).OfType<Quote>().ToImmutableArray();
        return analysis with { Entities = entityList, Times = timeList, Places = placeList, Quotes = quoteList };
    }

    public static Analysis Build(EventGoldRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Build(record.Text, ParseDate(record.Date), record.Entities ?? [], record.Times, record.Places, record.Quotes);
    }

    public static DateOnly? ParseDate(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static int? Find(string text, string s)
    {
        foreach (var i in FindAll(text, s))
        {
            return i;
        }

        return null;
    }

    /// <summary>Every whole-word occurrence of <paramref name="s"/> (case-sensitive).</summary>
    public static IEnumerable<int> FindAll(string text, string s)
    {
        if (string.IsNullOrEmpty(s))
        {
            yield break;
        }

        var from = 0;
        while (from <= text.Length - s.Length)
        {
            var i = text.IndexOf(s, from, StringComparison.Ordinal);
            if (i < 0)
            {
                yield break;
            }

            var end = i + s.Length;
            var leftOk = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            var rightOk = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (leftOk && rightOk)
            {
                yield return i;
            }

            from = i + 1;
        }
    }

    /// <summary>Events that count as having happened: neither negated nor hypothetical.</summary>
    public static IEnumerable<Event> Happened(IEnumerable<Event> events) => events.Where(e => !e.Negated && !e.Hypothetical);

    /// <summary>Does the actor list contain the code (country, or country+sector when the gold gives a sector)?</summary>
    public static bool HasActor(IEnumerable<EventActor> actors, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return true;
        }

        var country = code.Length >= 3 ? code[..3] : code;
        return actors.Any(a => a.Country == country || (a.Code is not null && a.Code.StartsWith(country, StringComparison.Ordinal)));
    }

    public static bool TypeMatches(Event e, GoldEvent g)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(g);
        if (g.Type is not null && g.Type != e.Type)
        {
            return false;
        }

        return g.Cameo is null || e.Cameo.StartsWith(g.Cameo.Length >= 2 ? g.Cameo[..2] : g.Cameo, StringComparison.Ordinal);
    }

    public static bool FullMatch(Event e, GoldEvent g)
    {
        if (!TypeMatches(e, g))
        {
            return false;
        }

        if (HasActor(e.Source, g.Source) && HasActor(e.Target, g.Target))
        {
            return true;
        }

        var reciprocal = g.Reciprocal || e.Type is "CONSULT" or "COOPERATE" || (e.Type == "AGREE" && e.Target.Length > 0);
        return reciprocal && HasActor(e.Target, g.Source) && HasActor(e.Source, g.Target);
    }
}

/// <summary>Totals of <c>dyad eval events</c>.</summary>
public sealed class EventScore
{
    public int Gold { get; private set; }
    public int Predicted { get; private set; }
    public int TypeFound { get; private set; }
    public int FullFound { get; private set; }
    public int PredictedCorrect { get; private set; }

    public double TypeRecall => Gold == 0 ? 0 : (double)TypeFound / Gold;
    public double FullRecall => Gold == 0 ? 0 : (double)FullFound / Gold;
    public double Precision => Predicted == 0 ? 0 : (double)PredictedCorrect / Predicted;

    /// <summary>Adds one sentence: gold events against the predicted events that happened.</summary>
    public void Add(IReadOnlyList<GoldEvent> gold, IReadOnlyList<Event> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        Gold += gold.Count;
        Predicted += predicted.Count;
        // A predicted event with compound actors stands for several dyads (PLOVER): it may match several gold events.
        var correct = new bool[predicted.Count];
        foreach (var g in gold)
        {
            var full = Enumerable.Range(0, predicted.Count).FirstOrDefault(i => EventGold.FullMatch(predicted[i], g), -1);
            if (full >= 0)
            {
                correct[full] = true;
                FullFound++;
            }

            if (predicted.Any(p => EventGold.TypeMatches(p, g)))
            {
                TypeFound++;
            }
        }

        PredictedCorrect += correct.Count(u => u);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"gold {Gold}  predicted {Predicted}  type recall {TypeRecall:F3}  full-match recall {FullRecall:F3}  precision {Precision:F3}");
}
