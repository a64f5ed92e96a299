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
        Add("foreign minister", "UKR", "2007-04-15");
        Add("foreign minister", "TWN");
        Add("foreign minister", "PSE", "2003-05-15");
        Add("defence minister", "USA RUS CHN GBR FRA DEU IND ITA AUS CAN BRA MEX TUR ZAF EGY ISR IRN ARE");
        Add("defence minister", "JPN");
        Add("defence minister", "UKR", "2005-02-15");
        Add("defence minister", "POL TWN");
        Add("defence minister", "PRK", "2015-07-15");
        Add("defence minister", "VEN", "2004-01-15");
        Add("defence minister", "KOR");
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
        ("FRA", "defence minister", "2025-09-09", "2025-10-05", "caretaker interval while Lecornu formed his first government"),
        ("PSE", "foreign minister", "2007-06-14", "2007-06-17", "between the unity government's dismissal and Fayyad's emergency government"),
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

    /// <summary>
    /// Offices written in the coverage pass (defence ministers of Japan, South Korea, Pakistan, Iraq, Venezuela and
    /// North Korea, foreign ministers of Palestine and Ukraine, ...): the holder on a date, by English Wikipedia title.
    /// </summary>
    [Theory]
    [InlineData("JPN", "defence minister", "2000-09-15", "Kazuo_Torashima")]
    [InlineData("KOR", "defence minister", "2001-09-15", "Kim_Dong-shin")]
    [InlineData("KOR", "defence minister", "2005-06-15", "Yoon_Kwang-ung")]
    [InlineData("PAK", "defence minister", "2005-01-15", "Rao_Sikandar_Iqbal")]
    [InlineData("PAK", "defence minister", "2011-05-15", "Ahmad_Mukhtar")]
    [InlineData("IRQ", "defence minister", "2005-01-15", "Hazim_al-Shaalan")]
    [InlineData("IRQ", "defence minister", "2008-01-15", "Abdul_Qadir_al-Obaidi")]
    [InlineData("AFG", "defence minister", "2016-01-15", "Mohammad_Masoom_Stanekzai")]
    [InlineData("VEN", "defence minister", "2014-03-15", "Carmen_Meléndez")]
    [InlineData("PRK", "defence minister", "2005-01-15", "Kim_Il-chol")]
    [InlineData("PRK", "defence minister", "2023-06-15", "Kang_Sun-nam")]
    [InlineData("ARG", "defence minister", "2002-06-15", "Horacio_Jaunarena")]
    [InlineData("IDN", "defence minister", "2000-03-15", "Juwono_Sudarsono")]
    [InlineData("POL", "defence minister", "2000-01-15", "Janusz_Onyszkiewicz")]
    [InlineData("PSE", "foreign minister", "2004-01-15", "Nabil_Shaath")]
    [InlineData("UKR", "foreign minister", "2009-06-15", "Volodymyr_Khandohiy")]
    [InlineData("RUS", "prime minister", "2000-03-15", "Vladimir_Putin")]
    [InlineData("QAT", "defence minister", "2014-06-15", "Hamad_bin_Ali_Al_Attiyah")]
    [InlineData("QAT", "defence minister", "2017-06-15", "Khalid_bin_Mohammad_Al_Attiyah")]
    [InlineData("VEN", "foreign minister", "2005-06-15", "Alí_Rodríguez_Araque")]
    [InlineData("VEN", "foreign minister", "2006-05-15", "Yubirí_Ortega")]
    [InlineData("PAK", "foreign minister", "2002-08-15", "Inam-ul-Haq")]
    [InlineData("PAK", "foreign minister", "2008-01-15", "Inam-ul-Haq")]
    [InlineData("PAK", "defence minister", "2018-07-15", "Naeem_Khalid_Lodhi")]
    [InlineData("PSE", "foreign minister", "2024-09-15", "Mohammad_Mustafa")]
    [InlineData("PSE", "foreign minister", "2025-06-15", "Varsen_Aghabekian")]
    [InlineData("AFG", "foreign minister", "2001-06-15", "Abdullah_Abdullah")]
    [InlineData("KOR", "defence minister", "2025-01-15", "Kim_Seon-ho")]
    [InlineData("KOR", "defence minister", "2025-06-15", "Kim_Seon-ho")]
    [InlineData("PRK", "defence minister", "2021-06-15", "Kim_Jong-gwan")]
    [InlineData("PRK", "defence minister", "2022-09-15", "Ri_Yong-gil")]
    [InlineData("AFG", "defence minister", "2021-04-15", "Mohammad_Yasin_Zia")]
    [InlineData("KOR", "foreign minister", "2010-09-20", "Shin_Kak-soo")]
    [InlineData("FRA", "defence minister", "2025-10-08", "Bruno_Le_Maire")]
    [InlineData("VEN", "defence minister", "2002-09-15", "Lucas_Rincón_Romero")]
    [InlineData("QAT", "defence minister", "2025-06-15", "Saoud_bin_Abdulrahman_Al_Thani")]
    [InlineData("BOL", "president", "2023-06-15", "Luis_Arce")]
    [InlineData("BOL", "president", "2025-12-15", "Rodrigo_Paz_Pereira")]
    public void Holder_on_date(string country, string head, string date, string wiki)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(wiki, KnowledgeBase.Default.OfficeHolder(country, head, day)?.Wiki);
    }

    /// <summary>The same office has someone else on another date (the terms end where they should).</summary>
    [Theory]
    [InlineData("JPN", "defence minister", "2001-02-15", "Kazuo_Torashima")]
    [InlineData("PAK", "defence minister", "2013-01-15", "Ahmad_Mukhtar")]
    [InlineData("IRQ", "defence minister", "2012-01-15", "Abdul_Qadir_al-Obaidi")]
    [InlineData("PRK", "defence minister", "2025-06-15", "Kang_Sun-nam")]
    [InlineData("KOR", "defence minister", "2002-01-15", "Yoon_Kwang-ung")]
    [InlineData("QAT", "defence minister", "2015-06-15", "Khalid_bin_Mohammad_Al_Attiyah")]
    [InlineData("PAK", "foreign minister", "2009-01-15", "Inam-ul-Haq")]
    [InlineData("PSE", "foreign minister", "2025-06-15", "Mohammad_Mustafa")]
    [InlineData("VEN", "foreign minister", "2007-01-15", "Yubirí_Ortega")]
    [InlineData("PRK", "defence minister", "2023-06-15", "Ri_Yong-gil")]
    [InlineData("PRK", "defence minister", "2019-06-15", "Kim_Jong-gwan")]
    [InlineData("FRA", "defence minister", "2025-11-15", "Bruno_Le_Maire")]
    [InlineData("KOR", "defence minister", "2025-08-15", "Kim_Seon-ho")]
    public void Not_holder_on_date(string country, string head, string date, string wiki)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var holder = KnowledgeBase.Default.OfficeHolder(country, head, day);
        Assert.NotNull(holder);
        Assert.NotEqual(wiki, holder.Wiki);
    }

    /// <summary>
    /// Heads of state whose fixed terms run past the date Dyad's articles reach (2026-11): the open-ended rows must still
    /// answer then (no end written by mistake, no second holder). Elections due before 2026-11 are not in this list.
    /// </summary>
    [Theory]
    [InlineData("USA", "president", "Donald_Trump")]
    [InlineData("RUS", "president", "Vladimir_Putin")]
    [InlineData("FRA", "president", "Emmanuel_Macron")]
    [InlineData("BRA", "president", "Luiz_Inácio_Lula_da_Silva")]
    [InlineData("MEX", "president", "Claudia_Sheinbaum")]
    [InlineData("ARG", "president", "Javier_Milei")]
    [InlineData("IDN", "president", "Prabowo_Subianto")]
    [InlineData("KOR", "president", "Lee_Jae-myung")]
    [InlineData("TUR", "president", "Recep_Tayyip_Erdoğan")]
    [InlineData("DEU", "president", "Frank-Walter_Steinmeier")]
    [InlineData("ITA", "president", "Sergio_Mattarella")]
    [InlineData("POL", "president", "Karol_Nawrocki")]
    [InlineData("TWN", "president", "Lai_Ching-te")]
    [InlineData("CHL", "president", "José_Antonio_Kast")]
    public void Holder_at_the_present(string country, string head, string wiki)
    {
        Assert.Equal(wiki, KnowledgeBase.Default.OfficeHolder(country, head, new DateOnly(2026, 11, 15))?.Wiki);
    }

    /// <summary>Fixed terms that end before 2026-11 end in the data even where the successor is not written.</summary>
    [Fact]
    public void Fixed_terms_end_on_time()
    {
        var kb = KnowledgeBase.Default;
        Assert.Equal("Gustavo_Petro", kb.OfficeHolder("COL", "president", new DateOnly(2026, 8, 6))?.Wiki);
        Assert.NotEqual("Gustavo_Petro", kb.OfficeHolder("COL", "president", new DateOnly(2026, 8, 7))?.Wiki);
        Assert.Equal("President of the United Nations General Assembly", kb.ActorAt("Annalena_Baerbock", new DateOnly(2026, 3, 15))?.Role);
        Assert.NotEqual("President of the United Nations General Assembly", kb.ActorAt("Annalena_Baerbock", new DateOnly(2026, 10, 15))?.Role);
        Assert.NotEqual("Gabriel_Boric", kb.OfficeHolder("CHL", "president", new DateOnly(2026, 4, 15))?.Wiki);
    }

    /// <summary>Main spokespeople: the role and actor code on a date inside the term, and no longer that role after it.</summary>
    [Theory]
    [InlineData("Daniel_Hagari", "2024-01-15", "ISRMIL", "IDF Spokesperson", "2026-01-15")]
    [InlineData("Manuel_Adorni", "2024-06-15", "ARGGOV", "Spokesperson of the Presidency of Argentina", "2023-06-15")]
    [InlineData("Jesús_Ramírez_Cuevas", "2021-06-15", "MEXGOV", "Spokesperson of the Presidency of Mexico", "2025-01-15")]
    [InlineData("Nabil_Abu_Rudeineh", "2003-06-15", "PSEGOV", "Spokesman of the Palestinian President", null)]
    [InlineData("Margaritis_Schinas", "2016-06-15", "IGOEUREEC", "Chief Spokesperson of the European Commission", "2021-06-15")]
    [InlineData("Eric_Mamer", "2022-06-15", "IGOEUREEC", "Chief Spokesperson of the European Commission", "2025-06-15")]
    [InlineData("Maja_Kocijančič", "2017-06-15", "IGOEUREEC", "Spokesperson of the EU High Representative for Foreign Affairs", "2021-06-15")]
    [InlineData("Ramin_Mehmanparast", "2011-06-15", "IRNGOV", "Spokesperson of the Ministry of Foreign Affairs of Iran", "2015-06-15")]
    [InlineData("Navtej_Sarna", "2005-06-15", "INDGOV", "Spokesperson of the Ministry of External Affairs of India", "2010-06-15")]
    [InlineData("Mumtaz_Zahra_Baloch", "2023-06-15", "PAKGOV", "Spokesperson of the Ministry of Foreign Affairs of Pakistan", "2025-06-15")]
    [InlineData("Tanju_Bilgiç", "2016-06-15", "TURGOV", "Spokesperson of the Ministry of Foreign Affairs of Turkey", "2019-06-15")]
    [InlineData("Hami_Aksoy", "2019-06-15", "TURGOV", "Spokesperson of the Ministry of Foreign Affairs of Turkey", "2022-06-15")]
    [InlineData("Kim_Eui-kyeom", "2018-06-15", "KORGOV", "Spokesperson of the President of South Korea", "2020-06-15")]
    [InlineData("Kang_Yu-jung", "2025-09-15", "KORGOV", "Spokesperson of the President of South Korea", "2024-06-15")]
    [InlineData("Ou_Jiang-an", "2021-06-15", "TWNGOV", "Spokesperson of the Ministry of Foreign Affairs of Taiwan", "2024-06-15")]
    [InlineData("Kuo_Ya-hui", "2025-01-15", "TWNGOV", "Spokesperson of the Presidential Office of Taiwan", "2023-06-15")]
    [InlineData("Rafał_Bochenek", "2017-01-15", "POLGOV", "Government Spokesperson of Poland", "2019-01-15")]
    [InlineData("Khusela_Diko", "2019-06-15", "ZAFGOV", "Spokesperson of the President of South Africa", "2021-06-15")]
    [InlineData("Clayson_Monyela", "2015-06-15", "ZAFGOV", "Spokesperson of the Department of International Relations and Cooperation of South Africa", "2022-06-15")]
    [InlineData("Bassam_Radi", "2020-06-15", "EGYGOV", "Spokesperson of the President of Egypt", "2023-06-15")]
    [InlineData("Basim_al-Awadi", "2024-06-15", "IRQGOV", "Spokesman of the Government of Iraq", "2021-06-15")]
    [InlineData("Dino_Patti_Djalal", "2008-06-15", "IDNGOV", "Presidential Spokesperson of Indonesia for Foreign Affairs", "2012-06-15")]
    [InlineData("Lolwah_Al-Khater", "2018-06-15", "QATGOV", "Spokesperson of the Ministry of Foreign Affairs of Qatar", "2023-06-15")]
    [InlineData("Abdul_Basit_(diplomat)", "2009-06-15", "PAKGOV", "Spokesperson of the Ministry of Foreign Affairs of Pakistan", "2015-06-15")]
    [InlineData("Ruth_Yaron", "2004-01-15", "ISRMIL", "IDF Spokesperson", "2008-01-15")]
    [InlineData("Alexander_Lukashevich", "2013-06-15", "RUSGOV", "Spokesman of the Russian Foreign Ministry", "2016-06-15")]
    [InlineData("Suleiman_Awad", "2008-06-15", "EGYGOV", "Spokesperson of the President of Egypt", "2012-06-15")]
    [InlineData("Tamim_Khallaf", "2025-06-15", "EGYGOV", "Spokesperson of the Ministry of Foreign Affairs of Egypt", null)]
    [InlineData("Masood_Khan", "2004-06-15", "PAKGOV", "Spokesperson of the Ministry of Foreign Affairs of Pakistan", "2006-06-15")]
    [InlineData("Aisha_Farooqui", "2020-06-15", "PAKGOV", "Spokesperson of the Ministry of Foreign Affairs of Pakistan", "2021-06-15")]
    [InlineData("Abdul_Latif_Hakimi", "2005-01-15", "AFGREB", "Taliban spokesman", "2006-06-15")]
    [InlineData("Ali_al-Dabbagh", "2011-06-15", "IRQGOV", "Spokesman of the Government of Iraq", "2013-06-15")]
    [InlineData("Alaa_Youssef", "2016-06-15", "EGYGOV", "Spokesperson of the President of Egypt", "2018-06-15")]
    [InlineData("Thaer_al-Naqib", "2004-10-15", "IRQGOV", "Spokesman of the Prime Minister of Iraq", "2006-06-15")]
    public void Spokesperson_on_date(string wiki, string date, string code, string role, string? after)
    {
        var kb = KnowledgeBase.Default;
        var actor = kb.ActorAt(wiki, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(code, actor?.Code);
        Assert.Equal(role, actor?.Role);
        if (after is not null)
        {
            Assert.NotEqual(role, kb.ActorAt(wiki, DateOnly.Parse(after, System.Globalization.CultureInfo.InvariantCulture))?.Role);
        }
    }
}
