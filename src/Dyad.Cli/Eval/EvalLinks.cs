using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using Dyad.Cli.Commands;
using Dyad.Evaluation;
using Dyad.Knowledge;
using Dyad.Pipeline;

namespace Dyad.Cli.Eval;

/// <summary>
/// <c>dyad eval links</c>: entity-linking accuracy on MEANTIME's ENTITY markables that carry a DBpedia
/// <c>external_ref</c> (people, organisations, places). Each gold mention counts once: correct when
/// the entity Dyad gives the overlapping mention is the DBpedia entity (same Wikidata id or name).
/// </summary>
internal static class EvalLinks
{
    private static readonly XmlReaderSettings SafeXml = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "MEANTIME .xml files or folders.", Arity = ArgumentArity.OneOrMore };
        var verbose = new Option<bool>("--verbose") { Description = "Print every gold mention that is missed or wrong." };
        var allMentions = new Option<bool>("--all-mentions") { Description = "Score every gold mention (also descriptions and pronouns), not only names (NAM, PRE.NAM)." };
        var withNames = new Option<bool>("--with-names") { Description = "Run the names recogniser before the knowledge stage (as the default pipeline does)." };
        var command = new Command("links", "Entity-linking accuracy against MEANTIME's DBpedia links (PER, ORG, LOC).") { paths, verbose, allMentions, withNames };
        command.SetAction(result =>
        {
            var files = EvalCommand.Files(result.GetValue(paths) ?? [], ".xml");
            var show = result.GetValue(verbose);
            var everyMention = result.GetValue(allMentions);
            var loading = Stopwatch.StartNew();
            var kb = KnowledgeBase.Default;
            var loaded = loading.Elapsed;
            var pipeline = (result.GetValue(withNames) ? new PipelineBuilder().UseNames() : new PipelineBuilder()).UseKnowledge().Build();
            var observer = new Timings();
            var totals = new Dictionary<string, Counts>(StringComparer.Ordinal);
            var documents = 0;
            long chars = 0;
            foreach (var file in files)
            {
                var xml = File.ReadAllText(file);
                using var reader = XmlReader.Create(new StringReader(xml), SafeXml);
                var root = XDocument.Load(reader).Root!;
                var tokens = GoldText.MeantimeTokens(xml);
                var (text, spans, _) = GoldText.RebuildMeantime(tokens);
                var tokenIndex = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < tokens.Count; i++)
                {
                    tokenIndex[tokens[i].Id] = i;
                }

                var dct = root.Descendants("TIMEX3").FirstOrDefault(t => (string?)t.Attribute("functionInDocument") == "CREATION_TIME")?.Attribute("value")?.Value;
                DateOnly? date = DateOnly.TryParseExact(dct ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                var analysis = pipeline.Analyze(new Document { Text = text, Date = date, Origin = file }, observer);
                documents++;
                chars += text.Length;

                var mentionSpans = new Dictionary<string, TextRange>(StringComparer.Ordinal);
                foreach (var m in root.Descendants("ENTITY_MENTION"))
                {
                    if (!everyMention && (string?)m.Attribute("syntactic_type") is not ("NAM" or "PRE.NAM"))
                    {
                        continue;
                    }

                    var ids = m.Elements("token_anchor").Select(a => (string?)a.Attribute("t_id")).Where(id => id is not null && tokenIndex.ContainsKey(id)).Select(id => tokenIndex[id!]).ToList();
                    if (ids.Count > 0)
                    {
                        mentionSpans[(string)m.Attribute("m_id")!] = new TextRange(spans[ids.Min()].Start, spans[ids.Max()].End);
                    }
                }

                var entities = root.Descendants("ENTITY")
                    .Select(e => (Id: (string?)e.Attribute("m_id"), Type: (string?)e.Attribute("ent_type"), Ref: Title((string?)e.Attribute("external_ref"))))
                    .Where(e => e.Id is not null && e.Ref is not null && e.Type is "PER" or "ORG" or "LOC")
                    .ToDictionary(e => e.Id!, StringComparer.Ordinal);
                foreach (var rel in root.Descendants("REFERS_TO"))
                {
                    var target = (string?)rel.Element("target")?.Attribute("m_id");
                    if (target is null || !entities.TryGetValue(target, out var gold))
                    {
                        continue;
                    }

                    var expected = Find(kb, gold.Ref!);
                    foreach (var source in rel.Elements("source").Select(s => (string?)s.Attribute("m_id")))
                    {
                        if (source is null || !mentionSpans.TryGetValue(source, out var span))
                        {
                            continue;
                        }

                        var counts = Get(totals, gold.Type!);
                        counts.Gold++;
                        if (expected is null)
                        {
                            continue;
                        }

                        counts.Covered++;
                        var (entity, _) = analysis.Entities
                            .SelectMany(e => e.Mentions.Select(m => (e, m)))
                            .Where(x => x.m.Start < span.End && span.Start < x.m.End)
                            .OrderByDescending(x => Math.Min(x.m.End, span.End) - Math.Max(x.m.Start, span.Start))
                            .FirstOrDefault();
                        if (entity is null)
                        {
                            counts.Missed++;
                            if (show)
                            {
                                Console.WriteLine($"missed  {gold.Type} {text[span.Start..span.End]} -> {gold.Ref}  ({Path.GetFileName(file)})");
                            }
                        }
                        else if (Same(entity, expected))
                        {
                            counts.Correct++;
                        }
                        else
                        {
                            counts.Wrong++;
                            if (show)
                            {
                                Console.WriteLine($"wrong   {gold.Type} {text[span.Start..span.End]} -> {gold.Ref}, got {entity.Name} ({entity.KbId})  ({Path.GetFileName(file)})");
                            }
                        }
                    }
                }
            }

            var all = new Counts();
            Console.WriteLine($"documents {documents}, {(everyMention ? "all gold mentions" : "named gold mentions (NAM, PRE.NAM)")}");
            Console.WriteLine("type  gold-mentions  in-KB  correct  wrong  missed  accuracy(in KB)  accuracy(all)  precision");
            foreach (var (type, c) in totals.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                Print(type, c);
                all.Add(c);
            }

            Print("all", all);
            var knowledge = observer.Total("knowledge");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"knowledge base loaded in {loaded.TotalMilliseconds:F0} ms; knowledge stage: {knowledge.TotalMilliseconds:F0} ms for {chars} characters ({chars / Math.Max(1e-6, knowledge.TotalSeconds) / 1000:F0} k chars/s; text stage {observer.Total("text").TotalMilliseconds:F0} ms; names stage {observer.Total("names").TotalMilliseconds:F0} ms)"));
            return documents > 0 ? 0 : 1;
        });
        return command;
    }

    private static void Print(string type, Counts c) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{type,-4}  {c.Gold,13}  {c.Covered,5}  {c.Correct,7}  {c.Wrong,5}  {c.Missed,6}  {Ratio(c.Correct, c.Covered),15:F3}  {Ratio(c.Correct, c.Gold),13:F3}  {Ratio(c.Correct, c.Correct + c.Wrong),9:F3}"));

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;

    private static Counts Get(Dictionary<string, Counts> totals, string type)
    {
        if (!totals.TryGetValue(type, out var c))
        {
            totals[type] = c = new Counts();
        }

        return c;
    }

    /// <summary>The DBpedia resource title of an external_ref, or null when it is not a DBpedia link.</summary>
    private static string? Title(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        var r = reference.Trim();
        foreach (var prefix in new[] { "http://dbpedia.org/resource/", "http://dbpedia.org/page/", "https://dbpedia.org/resource/", "https://dbpedia.org/page/" })
        {
            if (r.StartsWith(prefix, StringComparison.Ordinal))
            {
                var title = WebUtility.UrlDecode(r[prefix.Length..]).Trim();
                return title.Length == 0 ? null : title;
            }
        }

        return null;
    }

    /// <summary>The knowledge-base entry of a DBpedia title: by Wikipedia title, else by its name as an alias.</summary>
    private static KbEntity? Find(KnowledgeBase kb, string title)
    {
        if (kb.Get(title) is { } byWiki)
        {
            return byWiki;
        }

        var name = title.Replace('_', ' ');
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        if (paren > 0)
        {
            name = name[..paren];
        }

        var targets = kb.Lookup(NameKey.Of(name));
        return targets.FirstOrDefault(t => t.Kind == AliasKind.Name && string.Equals(t.Entity.Name, name, StringComparison.OrdinalIgnoreCase))?.Entity
            ?? (targets.Select(t => t.Entity).Distinct().Count() == 1 ? targets[0].Entity : null);
    }

    private static bool Same(Entity entity, KbEntity expected) =>
        (entity.KbId is not null && entity.KbId == expected.Qid)
        || (string.Equals(entity.Name, expected.Name, StringComparison.Ordinal) && (expected.Country is null || entity.Country == expected.Country));

    private sealed class Counts
    {
        public int Gold { get; set; }
        public int Covered { get; set; }
        public int Correct { get; set; }
        public int Wrong { get; set; }
        public int Missed { get; set; }

        public void Add(Counts c)
        {
            Gold += c.Gold;
            Covered += c.Covered;
            Correct += c.Correct;
            Wrong += c.Wrong;
            Missed += c.Missed;
        }
    }

    private sealed class Timings : IStageObserver
    {
        private readonly Dictionary<string, TimeSpan> _total = new(StringComparer.Ordinal);

        public void Observe(string stage, TimeSpan elapsed) => _total[stage] = Total(stage) + elapsed;

        public TimeSpan Total(string stage) => _total.GetValueOrDefault(stage);
    }
}
