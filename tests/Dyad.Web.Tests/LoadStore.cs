using System.Globalization;
using System.Text;
using Dyad.Pipeline;

namespace Dyad.Web.Tests;

/// <summary>
/// Builds a large synthetic store for the load measurements of docs/notes/web.md (not a unit test:
/// it runs only when DYAD_WEB_LOAD_DB names the SQLite file to create, DYAD_WEB_LOAD_DOCS the number
/// of articles, default 100000). Each article reports ten events between random country pairs on
/// random days of 2015-2025, with a quote (one of 140 speakers) and a place, so events ≈ 10 × articles.
/// </summary>
public sealed class LoadStore
{
    private static readonly (string Code, string Name, string City, double Lat, double Lon)[] Countries =
    [
        ("RUS", "Russia", "Moscow", 55.75, 37.62), ("CHN", "China", "Beijing", 39.91, 116.40), ("USA", "United States", "Washington", 38.90, -77.04),
        ("FRA", "France", "Paris", 48.85, 2.35), ("DEU", "Germany", "Berlin", 52.52, 13.40), ("GBR", "Britain", "London", 51.51, -0.13),
        ("IND", "India", "New Delhi", 28.61, 77.21), ("JPN", "Japan", "Tokyo", 35.69, 139.69), ("BRA", "Brazil", "Brasilia", -15.79, -47.88),
        ("ZAF", "South Africa", "Pretoria", -25.75, 28.19), ("TUR", "Turkey", "Ankara", 39.93, 32.86), ("IRN", "Iran", "Tehran", 35.69, 51.42),
        ("ISR", "Israel", "Jerusalem", 31.77, 35.22), ("EGY", "Egypt", "Cairo", 30.04, 31.24), ("UKR", "Ukraine", "Kyiv", 50.45, 30.52),
        ("POL", "Poland", "Warsaw", 52.23, 21.01), ("KOR", "South Korea", "Seoul", 37.57, 126.98), ("PRK", "North Korea", "Pyongyang", 39.03, 125.75),
        ("SAU", "Saudi Arabia", "Riyadh", 24.69, 46.72), ("MEX", "Mexico", "Mexico City", 19.43, -99.13),
    ];

    private static readonly (string Type, string Cameo, int Quad, double Goldstein, string Verb)[] Kinds =
    [
        ("CONSULT", "040", 1, 1.0, "met"), ("AGREE", "057", 1, 8.0, "signed a deal with"), ("AID", "070", 2, 7.0, "sent aid to"),
        ("ACCUSE", "112", 3, -2.0, "accused"), ("THREATEN", "130", 3, -4.4, "threatened"), ("ASSAULT", "190", 4, -10.0, "attacked"),
    ];

    private static readonly string[] Speakers = ["the foreign minister", "the defence minister", "the prime minister", "the president", "a spokesperson", "the ambassador", "an adviser"];

    // Tokens and sentences only: the store's volume is what matters here, not the NLP stages' readings.
    private static readonly AnalysisPipeline TextOnly = new PipelineBuilder().Build();

    [SkippableFact]
    public void Build_a_large_store_for_load_tests()
    {
        var path = Environment.GetEnvironmentVariable("DYAD_WEB_LOAD_DB");
        Skip.If(string.IsNullOrWhiteSpace(path), "set DYAD_WEB_LOAD_DB=/tmp/load.db (and DYAD_WEB_LOAD_DOCS) to build the load-test store");
        var docs = int.Parse(Environment.GetEnvironmentVariable("DYAD_WEB_LOAD_DOCS") ?? "100000", CultureInfo.InvariantCulture);
        using var store = Storage.Store.OpenSqlite(path!);
        var random = new Random(11);
        var batch = new List<Analysis>(1000);
        for (var d = 0; d < docs; d++)
        {
            batch.Add(Synthetic(d, random));
            if (batch.Count == 1000)
            {
                store.Save(batch);
                batch.Clear();
            }
        }

        store.Save(batch);
    }

    private static Analysis Synthetic(int n, Random random)
    {
        var day = new DateOnly(2015, 1, 1).AddDays(random.Next(0, 4000));
        var text = new StringBuilder();
        var title = $"Report {n.ToString(CultureInfo.InvariantCulture)} on world affairs";
        text.Append(title).Append("\n\n");
        var bodyStart = text.Length;
        var events = new List<Event>();
        var places = new List<Place>();
        for (var i = 0; i < 10; i++)
        {
            var a = Countries[random.Next(Countries.Length)];
            var b = Countries[random.Next(Countries.Length)];
            if (a.Code == b.Code)
            {
                b = Countries[(Array.IndexOf(Countries, a) + 1) % Countries.Length];
            }

            var kind = Kinds[random.Next(Kinds.Length)];
            var sentenceStart = text.Length;
            text.Append(a.Name).Append(' ');
            var trigger = text.Length;
            text.Append(kind.Verb).Append(' ').Append(b.Name).Append(" in ");
            var cityAt = text.Length;
            text.Append(a.City).Append('.');
            var sentenceEnd = text.Length;
            text.Append(' ');
            var eventDay = day.AddDays(-random.Next(0, 3));
            places.Add(new Place(cityAt, cityAt + a.City.Length, a.City, a.City, null, "city", a.Code, null, a.Lat, a.Lon));
            events.Add(new Event
            {
                Id = "v" + (i + 1).ToString(CultureInfo.InvariantCulture),
                Type = kind.Type, Cameo = kind.Cameo, QuadClass = kind.Quad, Goldstein = kind.Goldstein,
                Source = [new EventActor(null, a.Name, a.Code + "GOV", a.Code, "GOV")],
                Target = [new EventActor(null, b.Name, b.Code + "GOV", b.Code, "GOV")],
                Date = eventDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Place = new EventPlace(a.City, null, a.Code, a.Lat, a.Lon),
                Sentence = new TextRange(sentenceStart, sentenceEnd),
                Trigger = new SpanText(trigger, trigger + kind.Verb.Length, kind.Verb),
            });
        }

        var quoteStart = text.Length + 1;
        var said = "We will keep talking " + n.ToString(CultureInfo.InvariantCulture);
        text.Append('"').Append(said).Append(",\" said ");
        var speaker = Speakers[n % Speakers.Length] + " of " + Countries[n % Countries.Length].Name;
        var speakerStart = text.Length;
        text.Append(speaker).Append('.');
        var document = new Document { Text = text.ToString(), Title = title, BodyStart = bodyStart, Date = day, Source = "synthetic", Origin = "load" };
        var analysis = TextOnly.Analyze(document);
        return analysis with
        {
            Places = [.. places],
            Quotes = [new Quote(quoteStart, quoteStart + said.Length, said, true, new QuoteSpeaker(null, speaker, speakerStart, speakerStart + speaker.Length), null)],
            Events = [.. events],
        };
    }
}
