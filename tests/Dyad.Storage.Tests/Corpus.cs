using static Dyad.Storage.Tests.Article;

namespace Dyad.Storage.Tests;

/// <summary>
/// A small invented corpus that exercises merging: three articles (two sources) report the same
/// Russia-China meeting on 2025-01-21; others add an accusation, an agreement, a clash, a compound
/// event and a negated one.
/// </summary>
internal static class Corpus
{
    public static readonly EventActor Putin = Actor("Vladimir Putin", "RUSGOV", "RUS", "GOV", "e1");
    public static readonly EventActor Xi = Actor("Xi Jinping", "CHNGOV", "CHN", "GOV", "e2");
    public static readonly EventPlace Moscow = new("Moscow", 524901, "RUS", 55.7522, 37.6156);

    public static Analysis TassMeeting() =>
        Of("Putin met Xi in Moscow on Tuesday. \"Our ties are at their best,\" Putin said. Russia accused Ukraine of shelling a border town.",
                "2025-01-21", source: "tass.ru", url: "https://tass.ru/politics/1")
            .Entity("e1", "Vladimir Putin", "PERSON", "RUS", "RUSGOV", "Q7747", "GOV", "Putin")
            .Entity("e2", "Xi Jinping", "PERSON", "CHN", "CHNGOV", "Q15031", "GOV", "Xi")
            .Entity("e3", "Russia", "GPE", "RUS", "RUS", "Q159", null, "Russia")
            .Entity("e4", "Ukraine", "GPE", "UKR", "UKR", "Q212", null, "Ukraine")
            .Place("Moscow", "Moscow", 524901, "city", "RUS", 55.7522, 37.6156)
            .Time("Tuesday", "2025-01-21")
            .Quote("Our ties are at their best,", "Putin", "e1")
            .Event("CONSULT", "040", 1, 1.0, "met", [Putin], [Xi], "2025-01-21", Moscow)
            .Event("ACCUSE", "112", 3, -2.0, "accused", [Actor("Russia", "RUS", "RUS")], [Actor("Ukraine", "UKR", "UKR")])
            .Tone(-1.5)
            .Build();

    public static Analysis XinhuaMeeting() =>
        Of("Xi Jinping and Vladimir Putin held talks in Moscow. Xi said cooperation between the two countries would deepen.",
                "2025-01-21", source: "xinhua", url: "https://english.news.cn/1", title: "Xi and Putin hold talks")
            .Entity("e1", "Vladimir Putin", "PERSON", "RUS", "RUSGOV", "Q7747", "GOV", "Vladimir Putin", "Putin")
            .Entity("e2", "Xi Jinping", "PERSON", "CHN", "CHNGOV", "Q15031", "GOV", "Xi Jinping")
            .Quote("cooperation between the two countries would deepen", "Xi", "e2")
            .Event("CONSULT", "040", 1, 1.0, "held talks", [Actor("Putin", "RUSGOV", "RUS", "GOV", "e1")], [Xi], "2025-01-21", Moscow)
            .Tone(3.5)
            .Build();

    /// <summary>Written a day later, about the same meeting (its date comes from "Tuesday").</summary>
    public static Analysis TassFollowUp() =>
        Of("Putin met Xi on Tuesday, officials said, and the two leaders agreed to meet again.",
                "2025-01-22", source: "tass.ru", url: "https://tass.ru/politics/2")
            .Entity("e1", "Vladimir Putin", "PERSON", "RUS", "RUSGOV", "Q7747", "GOV", "Putin")
            .Entity("e2", "Xi Jinping", "PERSON", "CHN", "CHNGOV", "Q15031", "GOV", "Xi")
            .Event("CONSULT", "040", 1, 1.0, "met", [Putin], [Xi], "2025-01-21")
            .Build();

    public static Analysis GasDeal() =>
        Of("Russia and China signed a gas pipeline deal in Beijing. Russia did not meet Japan.", "2025-03-05", source: "reuters", url: "https://reuters.com/world/9")
            .Entity("e1", "Russia", "GPE", "RUS", "RUS", "Q159", null, "Russia")
            .Entity("e2", "China", "GPE", "CHN", "CHN", "Q148", null, "China")
            .Entity("e3", "Japan", "GPE", "JPN", "JPN", "Q17", null, "Japan")
            .Place("Beijing", "Beijing", 1816670, "city", "CHN", 39.9075, 116.3972)
            .Event("AGREE", "057", 1, 8.0, "signed", [Actor("Russia", "RUSGOV", "RUS", "GOV")], [Actor("China", "CHNGOV", "CHN", "GOV")],
                place: new EventPlace("Beijing", 1816670, "CHN", 39.9075, 116.3972), mode: "formal", context: ["economic"])
            .Event("CONSULT", "040", 1, 1.0, "meet", [Actor("Russia", "RUSGOV", "RUS", "GOV")], [Actor("Japan", "JPNGOV", "JPN", "GOV")], negated: true)
            .Build();

    public static Analysis Clash() =>
        Of("Chinese warships fired on Russian patrol boats near the border. Xi and Putin later met Modi.", "2025-03-20", source: "ap", url: "https://apnews.com/3")
            .Entity("e1", "Xi Jinping", "PERSON", "CHN", "CHNGOV", "Q15031", "GOV", "Xi")
            .Entity("e2", "Vladimir Putin", "PERSON", "RUS", "RUSGOV", "Q7747", "GOV", "Putin")
            .Entity("e3", "Narendra Modi", "PERSON", "IND", "INDGOV", "Q1058", "GOV", "Modi")
            .Event("FIGHT", "190", 4, -10.0, "fired", [Actor("Chinese warships", "CHNMIL", "CHN", "MIL")], [Actor("Russian patrol boats", "RUSMIL", "RUS", "MIL")])
            .Event("CONSULT", "040", 1, 1.0, "met", [Xi, Putin], [Actor("Narendra Modi", "INDGOV", "IND", "GOV", "e3")], "2025-03-20")
            .Build();

    public static IReadOnlyList<Analysis> All() => [TassMeeting(), XinhuaMeeting(), TassFollowUp(), GasDeal(), Clash()];
}
