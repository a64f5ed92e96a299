using Dyad.Pipeline;

namespace Dyad.Storage.Tests;

/// <summary>
/// Builds an <see cref="Analysis"/> by hand for the storage and web tests: the real text stage gives tokens and
/// sentences; entities, quotes, places and events are placed on the words given (first occurrence,
/// offsets computed), as the NLP stages will when they land.
/// </summary>
internal sealed class Article
{
    private readonly Document _document;
    private readonly List<Entity> _entities = [];
    private readonly List<Quote> _quotes = [];
    private readonly List<Place> _places = [];
    private readonly List<TimeExpression> _times = [];
    private readonly List<Func<Analysis, Event>> _events = [];
    private double? _tone;

    private Article(Document document) => _document = document;

    public static Article Of(string body, string date, string? source = null, string? url = null, string? title = null)
    {
        var text = title is null ? body : title + "\n\n" + body;
        return new Article(new Document
        {
            Text = text,
            Date = DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Source = source,
            Url = url,
            Title = title,
            BodyStart = title is null ? 0 : title.Length + 2,
            Origin = "test:" + (url ?? source ?? "article"),
        });
    }

    public static EventActor Actor(string name, string? code, string? country, string? sector = null, string? entity = null) =>
        new(entity, name, code, country, sector);

    private int Find(string words, int from = 0)
    {
        var at = _document.Text.IndexOf(words, from, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException($"'{words}' is not in the text", nameof(words));
        }

        return at;
    }

    public Article Tone(double tone)
    {
        _tone = tone;
        return this;
    }

    /// <summary>An entity with a mention at every occurrence of each of the given words.</summary>
    public Article Entity(string id, string name, string type, string? country = null, string? code = null, string? kb = null, string? sector = null, params string[] mentions)
    {
        var list = new List<Mention>();
        foreach (var words in mentions.Length == 0 ? [name] : mentions)
        {
            for (var at = _document.Text.IndexOf(words, StringComparison.Ordinal); at >= 0; at = _document.Text.IndexOf(words, at + words.Length, StringComparison.Ordinal))
            {
                list.Add(new Mention(at, at + words.Length, words, MentionKind.Name));
            }
        }

        _entities.Add(new Entity
        {
            Id = id, Name = name, Type = type, Country = country, ActorCode = code, KbId = kb, Sector = sector, Role = null,
            Mentions = [.. list.OrderBy(m => m.Start)],
        });
        return this;
    }

    public Article Quote(string quoted, string? speaker = null, string? entity = null, string cue = "said")
    {
        var at = Find(quoted);
        QuoteSpeaker? who = null;
        SpanText? cueSpan = null;
        if (speaker is not null)
        {
            var after = _document.Text.IndexOf(speaker, at + quoted.Length, StringComparison.Ordinal);
            var s = after >= 0 ? after : _document.Text.LastIndexOf(speaker, at, StringComparison.Ordinal);
            if (s < 0)
            {
                throw new ArgumentException($"speaker '{speaker}' is not in the text", nameof(speaker));
            }

            who = new QuoteSpeaker(entity, speaker, s, s + speaker.Length);
            var c = Find(cue, Math.Min(s, at + quoted.Length));
            cueSpan = new SpanText(c, c + cue.Length, cue);
        }

        _quotes.Add(new Quote(at, at + quoted.Length, quoted, true, who, cueSpan));
        return this;
    }

    public Article Place(string words, string name, long? geonamesId, string feature, string? country, double? lat = null, double? lon = null)
    {
        var at = Find(words);
        _places.Add(new Place(at, at + words.Length, words, name, geonamesId, feature, country, null, lat, lon));
        return this;
    }

    public Article Time(string words, string value)
    {
        var at = Find(words);
        _times.Add(new TimeExpression(at, at + words.Length, words, "DATE", value, null));
        return this;
    }

    public Article Event(
        string type, string cameo, int quad, double goldstein, string trigger,
        EventActor[] source, EventActor[] target,
        string? date = null, EventPlace? place = null, bool negated = false, bool hypothetical = false, string? mode = null, params string[] context)
    {
        var at = Find(trigger);
        var number = _events.Count + 1;
        _events.Add(a =>
        {
            var sentence = a.Sentences.FirstOrDefault(s => s.Start <= at && at < s.End) ?? new Sentence(0, a.Text.Length);
            return new Event
            {
                Id = "v" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Type = type, Cameo = cameo, QuadClass = quad, Goldstein = goldstein, Mode = mode, Context = [.. context],
                Source = [.. source], Target = [.. target],
                Date = date ?? a.Document.Date!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Place = place, Negated = negated, Hypothetical = hypothetical,
                Sentence = new TextRange(sentence.Start, sentence.End),
                Trigger = new SpanText(at, at + trigger.Length, trigger),
            };
        });
        return this;
    }

    public Analysis Build()
    {
        var a = AnalysisPipeline.Default.Analyze(_document);
        a = a with
        {
            Entities = [.. _entities],
            Quotes = [.. _quotes],
            Places = [.. _places],
            Times = [.. _times.OrderBy(t => t.Start)],
            Tone = _tone,
        };
        return a with { Events = [.. _events.Select(e => e(a))] };
    }
}
