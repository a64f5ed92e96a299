using System.Globalization;
using static Dyad.Storage.Tests.Article;

namespace Dyad.Web.Tests;

/// <summary>
/// Invented articles for the web tests: a Russia–China relationship over seven months (meetings,
/// agreements, a quarrel), quotes with speakers, places with coordinates, and one hostile article
/// whose text, title, URL, speaker and place try to run script.
/// </summary>
internal static class Corpus
{
    public static readonly EventActor Lavrov = Actor("Sergei Lavrov", "RUSGOV", "RUS", "GOV", "e1");
    public static readonly EventActor WangYi = Actor("Wang Yi", "CHNGOV", "CHN", "GOV", "e2");
    public static readonly EventActor Russia = Actor("Russia", "RUS", "RUS", null, "e3");
    public static readonly EventActor China = Actor("China", "CHN", "CHN", null, "e4");
    public static readonly EventPlace Beijing = new("Beijing", 1816670, "CHN", 39.9075, 116.3972);
    public static readonly EventPlace Moscow = new("Moscow", 524901, "RUS", 55.7522, 37.6156);

    private static readonly string[] Months = ["September", "October", "November", "December", "January", "February", "March"];

    /// <summary>One article a month from 2024-09 to 2025-03; conflict in two of them.</summary>
    public static IReadOnlyList<Analysis> Relationship()
    {
        var list = new List<Analysis>();
        for (var i = 0; i < Months.Length; i++)
        {
            var day = new DateOnly(2024, 9, 16).AddMonths(i);
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var city = i % 2 == 0 ? "Beijing" : "Moscow";
            var place = i % 2 == 0 ? Beijing : Moscow;
            var quarrel = i is 2 or 5;
            var body =
                $"Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in {city} on Monday, the {Months[i]} round of talks. " +
                $"\"Our partnership has never been stronger,\" Lavrov said after the meeting. " +
                $"Russia and China signed an agreement on energy supplies. " +
                (quarrel ? "China criticized Russia over the price of gas. " : "") +
                $"Wang Yi said the two countries would keep working together.";
            var a = Of(body, date, source: i % 2 == 0 ? "tass.ru" : "xinhua", url: $"https://example.org/news/{i + 1}", title: $"Lavrov and Wang Yi meet in {city} ({Months[i]})")
                .Entity("e1", "Sergei Lavrov", "PERSON", "RUS", "RUSGOV", "Q80137", "GOV", "Sergei Lavrov", "Lavrov")
                .Entity("e2", "Wang Yi", "PERSON", "CHN", "CHNGOV", "Q332517", "GOV", "Wang Yi")
                .Entity("e3", "Russia", "GPE", "RUS", "RUS", "Q159", null, "Russia")
                .Entity("e4", "China", "GPE", "CHN", "CHN", "Q148", null, "China")
                .Place(city, city, place.GeonamesId, "city", place.Country, place.Lat, place.Lon)
                .Time("Monday", date)
                .Quote("Our partnership has never been stronger,", "Lavrov", "e1")
                .Event("CONSULT", "040", 1, 1.0, "met", [Lavrov], [WangYi], date, place)
                .Event("AGREE", "057", 1, 8.0, "signed", [Russia], [China], date, place, mode: "formal");
            if (quarrel)
            {
                a = a.Event("ACCUSE", "111", 3, -2.0, "criticized", [China], [Russia], date);
            }

            list.Add(a.Tone(i % 3 - 1).Build());
        }

        return list;
    }

    public static Analysis GasDeal() =>
        Of("Russia and China signed a gas pipeline deal in Kazan. Russia did not meet Japan.", "2025-03-05", source: "reuters", url: "https://example.org/world/9", title: "Pipeline deal signed in Kazan")
            .Entity("e1", "Russia", "GPE", "RUS", "RUS", "Q159", null, "Russia")
            .Entity("e2", "China", "GPE", "CHN", "CHN", "Q148", null, "China")
            .Entity("e3", "Japan", "GPE", "JPN", "JPN", "Q17", null, "Japan")
            .Place("Kazan", "Kazan", 551487, "city", "RUS", 55.7887, 49.1221)
            .Event("AGREE", "057", 1, 8.0, "signed", [Actor("Russia", "RUSGOV", "RUS", "GOV")], [Actor("China", "CHNGOV", "CHN", "GOV")],
                "2025-03-05", new EventPlace("Kazan", 551487, "RUS", 55.7887, 49.1221), mode: "formal", context: ["economic"])
            .Event("CONSULT", "040", 1, 1.0, "meet", [Actor("Russia", "RUSGOV", "RUS", "GOV")], [Actor("Japan", "JPNGOV", "JPN", "GOV")], negated: true)
            .Build();

    public const string HostileScript = "<script>window.__pwned = 'script'</script>";
    public const string HostileImage = "<img src=x onerror=\"window.__pwned = 'img'; alert(1)\">";
    public const string HostileLink = "<a href=\"javascript:window.__pwned='link'\">click</a>";
    public const string HostileSpeaker = "<svg onload=alert(1)>";

    /// <summary>An article that tries every trick: script, event-handler attributes, javascript: links, in text, title, URL, quote and speaker.</summary>
    public static Analysis Hostile() =>
        Of($"Officials {HostileScript} met in {HostileImage} yesterday. \"We will {HostileLink} now,\" said {HostileSpeaker} after Russia met China.",
                "2025-03-10", source: "<b>evil</b>", url: "javascript:window.__pwned='url'", title: "<img src=x onerror=alert('title')> Hostile")
            .Entity("e1", HostileSpeaker, "PERSON", null, null, null, null, HostileSpeaker)
            .Entity("e2", "Russia", "GPE", "RUS", "RUS", "Q159", null, "Russia")
            .Place(HostileImage, "<script>alert(2)</script>", null, "city", "RUS", 50.0, 40.0)
            .Quote($"We will {HostileLink} now,", HostileSpeaker, "e1")
            .Time("yesterday", "2025-03-09")
            .Event("CONSULT", "040", 1, 1.0, "met", [Actor(HostileSpeaker, null, "RUS")], [Actor("China", "CHN", "CHN")], "2025-03-09",
                new EventPlace("<script>alert(3)</script>", null, "RUS", 50.0, 40.0))
            .Build();
}
