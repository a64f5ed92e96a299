using System.Globalization;
using static Dyad.Storage.Tests.Article;

namespace Dyad.Storage.Tests;

/// <summary>
/// Timelines read from the country aggregates (country_days/weeks/months, kept by triggers) and the
/// actor-code-pair aggregates (actor_days/weeks/months, schema v7) and the general actor-pair timeline
/// (per-day sums through the pair index) equal the merged events grouped per
/// period, for ranges that cut weeks and months anywhere (schema v4; docs/notes/web.md).
/// </summary>
internal static class TimelineEquivalence
{
    private static readonly EventActor Rus = Actor("Russia", "RUSGOV", "RUS", "GOV");
    private static readonly EventActor Chn = Actor("China", "CHNGOV", "CHN", "GOV");
    private static readonly EventActor Usa = Actor("United States", "USAGOV", "USA", "GOV");
    private static readonly EventActor Kremlin = Actor("Kremlin", "RUSGOV", "RUS", "GOV"); // a second actor of one code: the code aggregate sums both
    private static readonly (string Type, string Cameo, int Quad, double Goldstein)[] Kinds =
        [("CONSULT", "040", 1, 1.0), ("AGREE", "057", 1, 8.0), ("AID", "070", 2, 7.5), ("ACCUSE", "112", 3, -2.0), ("ASSAULT", "190", 4, -10.0)];

    /// <summary>Articles with events between three countries on days spread over four months (goldstein in halves: sums are exact).</summary>
    public static List<Analysis> Articles(int count, int seed)
    {
        var random = new Random(seed);
        var list = new List<Analysis>();
        EventActor[] actors = [Rus, Chn, Usa];
        for (var n = 0; n < count; n++)
        {
            var day = new DateOnly(2024, 12, 20).AddDays(random.Next(0, 110));
            var body = "One met two. Three met four. Five met six.";
            var article = Of(body, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), source: "s" + (n % 3).ToString(CultureInfo.InvariantCulture),
                url: "https://example.org/t/" + n.ToString(CultureInfo.InvariantCulture));
            foreach (var trigger in new[] { "One met", "Three met", "Five met" })
            {
                var a = actors[random.Next(3)];
                var b = actors[(Array.IndexOf(actors, a) + 1 + random.Next(2)) % 3];
                (a, b) = (a == Rus && random.Next(3) == 0 ? Kremlin : a, b == Rus && random.Next(3) == 0 ? Kremlin : b);
                var k = Kinds[random.Next(Kinds.Length)];
                var when = day.AddDays(-random.Next(0, 3)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                article.Event(k.Type, k.Cameo, k.Quad, k.Goldstein, trigger, [a], [b], when);
            }

            list.Add(article.Build());
        }

        return list;
    }

    public static IEnumerable<(DateOnly? From, DateOnly? To)> Ranges()
    {
        DateOnly D(int y, int m, int d) => new(y, m, d);
        yield return (null, null);
        yield return (D(2025, 1, 1), null);
        yield return (null, D(2025, 2, 28));
        yield return (D(2025, 1, 8), D(2025, 2, 19));   // Wednesdays, inside months
        yield return (D(2025, 1, 6), D(2025, 2, 16));   // a Monday to a Sunday
        yield return (D(2025, 1, 7), D(2025, 1, 9));    // inside one week
        yield return (D(2025, 1, 6), D(2025, 1, 8));    // a week's Monday to its Wednesday
        yield return (D(2025, 1, 8), D(2025, 1, 12));   // a Wednesday to the week's Sunday
        yield return (D(2025, 2, 1), D(2025, 2, 28));   // a whole month
        yield return (D(2025, 2, 3), D(2025, 2, 27));   // inside one month
        yield return (D(2024, 12, 31), D(2025, 1, 1));  // across a year
        yield return (D(2025, 3, 15), D(2025, 3, 15));  // one day
        yield return (D(2026, 1, 1), null);             // after every event
    }

    /// <summary>The expected timeline: the merged events between the pair's actors, grouped per period.</summary>
    public static List<TimelineRecord> Expected(IStore store, string a, string b, Period by, DateOnly? from, DateOnly? to)
    {
        var events = store.Events(new EventQuery { Actor = a, From = from, To = to, Limit = 100_000 })
            .Where(e => Is(e.Source, a) && Is(e.Target, b) || Is(e.Source, b) && Is(e.Target, a));
        return events.GroupBy(e => Start(e.Date, by)).OrderBy(g => g.Key)
            .Select(g => new TimelineRecord(Label(g.Key, by), g.Key, g.Count(), g.Count(e => e.QuadClass is 1 or 2), g.Count(e => e.QuadClass is 3 or 4),
                Math.Round(g.Sum(e => e.Goldstein) / g.Count(), 3)))
            .ToList();
    }

    private static bool Is(ActorRecord actor, string who) => actor.Code == who || actor.Country == who;

    private static DateOnly Start(DateOnly day, Period by) => by switch
    {
        Period.Day => day,
        Period.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    private static string Label(DateOnly start, Period by)
    {
        var dt = start.ToDateTime(TimeOnly.MinValue);
        return by switch
        {
            Period.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Period.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(dt)}-W{ISOWeek.GetWeekOfYear(dt):00}"),
            _ => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
    }
}
