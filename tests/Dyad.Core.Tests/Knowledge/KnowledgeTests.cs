using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Dyad.Knowledge;
using Dyad.Pipeline;
using Dyad.Reading;
using TextStage = Dyad.Text.TextStage;

namespace Dyad.Tests.Knowledge;

public sealed record NameSpec(string Text, string Type);

public sealed record EntitySpec(
    string Name, string? Type, string? Country, string? Sector, string? Not_Sector, string? Actor_Code, string? Role,
    string? Kb_Id, string[]? Mentions, int? Min_Mentions, string? Mention_Type, string[]? Pronouns = null, string? Not_Role = null);

public sealed record KnowledgeCase(string Name, string Date, string Text, NameSpec[]? Names, EntitySpec[] Entities, string[][]? Distinct, string[]? Absent)
{
    public override string ToString() => Name;
}

public sealed class KnowledgeTests
{
    private static readonly AnalysisPipeline Pipeline = new PipelineBuilder().UseKnowledge().Build();

    public static TheoryData<KnowledgeCase> Cases => SpecFile.Theory<KnowledgeCase>("Knowledge.json");

    private static Analysis Analyze(string text, string date, NameSpec[]? names = null)
    {
        var doc = new Document { Text = text, Date = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var analysis = TextStage.Instance.Run(new Analysis(doc));
        if (names is not null)
        {
            var found = ImmutableArray.CreateBuilder<NameMention>();
            foreach (var n in names)
            {
                var at = 0;
                while ((at = text.IndexOf(n.Text, at, StringComparison.Ordinal)) >= 0)
                {
                    var end = at + n.Text.Length;
                    var nested = names.Any(o => o.Text.Length > n.Text.Length && o.Text.Contains(n.Text, StringComparison.Ordinal)
                        && text.IndexOf(o.Text, Math.Max(0, end - o.Text.Length), StringComparison.Ordinal) is var p && p >= 0 && p <= at && p + o.Text.Length >= end);
                    if (!nested)
                    {
                        found.Add(new NameMention(at, end, n.Text, n.Type));
                    }

                    at = end;
                }
            }

            analysis = analysis with { Names = [.. found.OrderBy(n => n.Start)] };
        }

        return new KnowledgeStage().Run(analysis);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Links_and_merges(KnowledgeCase c)
    {
        var analysis = Analyze(c.Text, c.Date, c.Names);
        var entities = analysis.Entities;
        string Show() => string.Join("\n", entities.Select(e => $"{e.Name} {e.Type} {e.Country} {e.Sector} {e.ActorCode} [{e.Role}] {{{string.Join(" | ", e.Mentions.Select(m => m.Text + ":" + m.Kind))}}}"));
        foreach (var spec in c.Entities)
        {
            var e = entities.FirstOrDefault(x => x.Name == spec.Name);
            Assert.True(e is not null, $"no entity '{spec.Name}' in\n{Show()}");
            if (spec.Type is not null) Assert.Equal(spec.Type, e.Type);
            if (spec.Country is not null) Assert.Equal(spec.Country, e.Country);
            if (spec.Sector is not null) Assert.Equal(spec.Sector, e.Sector);
            if (spec.Not_Sector is not null) Assert.NotEqual(spec.Not_Sector, e.Sector);
            if (spec.Actor_Code is not null) Assert.True(spec.Actor_Code == e.ActorCode, $"{spec.Name}: actor code {e.ActorCode}, expected {spec.Actor_Code}\n{Show()}");
            if (spec.Role is not null) Assert.Equal(spec.Role, e.Role);
            if (spec.Kb_Id is not null) Assert.Equal(spec.Kb_Id, e.KbId);
            foreach (var m in spec.Mentions ?? [])
            {
                Assert.True(e.Mentions.Any(x => string.Equals(x.Text, m, StringComparison.OrdinalIgnoreCase)), $"{spec.Name}: no mention '{m}'\n{Show()}");
            }

            if (spec.Min_Mentions is { } min) Assert.True(e.Mentions.Length >= min, $"{spec.Name}: {e.Mentions.Length} mentions < {min}\n{Show()}");
            if (spec.Mention_Type is not null) Assert.Contains(e.Mentions, x => x.Type == spec.Mention_Type);
            if (spec.Not_Role is not null) Assert.NotEqual(spec.Not_Role, e.Role);
            if (spec.Pronouns is { } pronouns)
            {
                var found = e.Mentions.Where(x => x.Kind == MentionKind.Pronoun).Select(x => x.Text).ToArray();
                Assert.True(pronouns.SequenceEqual(found, StringComparer.Ordinal), $"{spec.Name}: pronouns [{string.Join(", ", found)}], expected [{string.Join(", ", pronouns)}]\n{Show()}");
            }
            foreach (var m in e.Mentions)
            {
                Assert.Equal(m.Text, c.Text[m.Start..m.End]);
            }
        }

        foreach (var pair in c.Distinct ?? [])
        {
            Assert.Equal(pair.Length, pair.Select(n => entities.First(e => e.Name == n).Id).Distinct().Count());
        }

        foreach (var absent in c.Absent ?? [])
        {
            Assert.DoesNotContain(entities, e => e.Name == absent);
        }
    }

    [Fact]
    public void Countries_are_found_by_name_demonym_and_code()
    {
        var kb = KnowledgeBase.Default;
        Assert.Equal("RUS", kb.FindCountry("Russia")?.Iso3);
        Assert.Equal("RUS", kb.FindCountry("Russian")?.Iso3);
        Assert.Equal("USA", kb.FindCountry("U.S.")?.Iso3);
        Assert.Equal("GBR", kb.FindCountry("British")?.Iso3);
        Assert.Equal("PRK", kb.FindCountry("North Korean")?.Iso3);
        Assert.Equal("CHN", kb.FindCountry("chn")?.Iso3);
        Assert.Equal("Moscow", kb.Countries["RUS"].Capitals[0]);
        Assert.True(kb.Countries.Count >= 249);
        Assert.Null(kb.FindCountry("Atlantis"));
    }

    [Fact]
    public void Actor_at_a_date_by_wikidata_id()
    {
        Assert.Equal("USAGOV", ActorResolver.ActorAt("Q22686", new DateOnly(2025, 1, 22))?.Code);
        Assert.NotEqual("GOV", ActorResolver.ActorAt("Q22686", new DateOnly(2022, 6, 1))?.Sector);
        Assert.Equal("Prime Minister of Russia", ActorResolver.ActorAt("Q7747", new DateOnly(2009, 1, 1))?.Role);
        Assert.Equal("RUSGOV", KnowledgeBase.Default.ActorAt("Yuri_Ushakov", new DateOnly(2025, 1, 22))?.Code);
    }

    [Theory]
    [InlineData("Kremlin aide", "RUS", "GOV", "RUSGOV")]
    [InlineData("Ukrainian soldiers", "UKR", "MIL", "UKRMIL")]
    [InlineData("a Chinese foreign ministry spokesman", "CHN", "GOV", "CHNGOV")]
    [InlineData("Hamas militants", "PSE", "REB", "PSEREB")]
    [InlineData("Israeli troops", "ISR", "MIL", "ISRMIL")]
    [InlineData("Pentagon officials", "USA", "MIL", "USAMIL")]
    [InlineData("Iranian lawmakers", "IRN", "LEG", "IRNLEG")]
    public void Describes_unnamed_actors(string phrase, string country, string sector, string code)
    {
        var info = ActorResolver.Describe(phrase, new DateOnly(2025, 1, 22));
        Assert.NotNull(info);
        Assert.Equal((country, sector, code), (info.Country, info.Sector, info.Code));
    }

    [Fact]
    public void Bad_text_never_throws()
    {
        foreach (var text in new[] { "", " ", "\u201C\u201C\"", "the the the official", new string('A', 5000), "US US US. The official. The. ,", "Putin's 's 's" })
        {
            var analysis = new KnowledgeStage().Run(TextStage.Instance.Run(new Analysis(new Document { Text = text })));
            Assert.All(analysis.Entities.SelectMany(e => e.Mentions), m => Assert.Equal(m.Text, text[m.Start..m.End]));
        }
    }

    [Fact]
    public void Long_repetitive_text_stays_linear()
    {
        var parts = new[] { "Vladimir Putin met Xi Jinping.", "The official said.", "Putin added.", "Moscow said it.", "\"Trump is here,\" Trump said.", "John Smith spoke.", "Smith said." };
        var text = string.Join(' ', Enumerable.Range(0, 30_000).Select(i => parts[(i * 7 + i / 3) % parts.Length]));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var analysis = Analyze(text, "2025-01-22");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.Contains(analysis.Entities, e => e.Name == "Vladimir Putin" && e.Mentions.Length > 1000);
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Seed_article_entities_match_the_expected_reading(bool withRecogniserNames)
    {
        var path = SharedData.Require("samples/xi-putin-2025-01-22.txt");
        var expected = JsonDocument.Parse(File.ReadAllText(SharedData.Require("samples/xi-putin-2025-01-22.expected.json"))).RootElement;
        var doc = Assert.Single(DocumentReader.Read(path, File.ReadAllBytes(path)).Documents);
        // false: the dictionary matcher alone (no recogniser ran, Names is empty).
        // true: the names a recogniser would give (every name mention, typed, no descriptions) come in through Names.
        var analysis = Pipeline.Analyze(doc);
        if (withRecogniserNames)
        {
            var names = analysis.Entities
                .SelectMany(e => e.Mentions.Where(m => m.Kind == MentionKind.Name).Select(m => new NameMention(m.Start, m.End, m.Text, m.Type ?? e.Type)))
                .OrderBy(n => n.Start).ToImmutableArray();
            analysis = new KnowledgeStage().Run(analysis with { Names = names, Entities = [] });
        }

        var entities = analysis.Entities;
        string Show() => string.Join("\n", entities.Select(e => $"{e.Id} {e.Name} {e.Type} {e.Country} {e.ActorCode} {{{string.Join(" | ", e.Mentions.Select(m => m.Text))}}}"));
        var people = new HashSet<string>(StringComparer.Ordinal);
        foreach (var want in expected.GetProperty("entities").EnumerateArray())
        {
            var types = want.GetProperty("type") is { ValueKind: JsonValueKind.Array } arr ? arr.EnumerateArray().Select(t => t.GetString()!).ToArray() : [want.GetProperty("type").GetString()!];
            var country = want.TryGetProperty("country", out var c) ? c.GetString() : null;
            var code = want.TryGetProperty("actor_code", out var a) ? a.GetString() : null;
            var mentions = want.GetProperty("mentions").EnumerateArray().Select(m => m.GetString()!).ToArray();
            var min = want.TryGetProperty("min_mentions", out var mm) ? mm.GetInt32() : 0;
            var name = want.GetProperty("name").GetString();
            var match = entities.FirstOrDefault(e =>
                types.Contains(e.Type) && (country is null || e.Country == country) && (code is null || e.ActorCode == code)
                && mentions.All(m => e.Mentions.Any(x => string.Equals(x.Text, m, StringComparison.OrdinalIgnoreCase)))
                && e.Mentions.Length >= min);
            Assert.True(match is not null, $"expected entity {name} not matched in\n{Show()}");
            if (types.Contains("PERSON"))
            {
                Assert.True(people.Add(match.Id), $"{name} matched an entity already used");
                Assert.Single(entities, e => e.Type == "PERSON" && e.Mentions.Any(x => mentions.Contains(x.Text, StringComparer.OrdinalIgnoreCase) && x.Kind == MentionKind.Name));
            }
        }

        Assert.All(entities.SelectMany(e => e.Mentions), m => Assert.Equal(m.Text, doc.Text[m.Start..m.End]));
    }
}
