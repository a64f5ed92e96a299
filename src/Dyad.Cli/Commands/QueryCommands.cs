using System.CommandLine;
using Dyad.Storage;

namespace Dyad.Cli.Commands;

/// <summary>
/// <c>dyad events|quotes|entities|dyads|timeline|search</c>: questions to the store, answered as a
/// table, JSON or CSV.
/// </summary>
internal static class QueryCommands
{
    public static IEnumerable<Command> Create() => [Events(), Quotes(), Entities(), Dyads(), Timeline(), Search()];

    private static Command Build(string name, string description, Func<ParseResult, IStore, string, int> run, params Symbol[] symbols)
    {
        var store = new StoreOptions();
        var format = StoreOptions.Format();
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument a:
                    command.Arguments.Add(a);
                    break;
                case Option o:
                    command.Options.Add(o);
                    break;
            }
        }

        command.Options.Add(format);
        store.AddTo(command);
        command.SetAction(result =>
        {
            using var opened = store.Open(result);
            if (opened is null)
            {
                return 2;
            }

            try
            {
                return run(result, opened, result.GetValue(format)!);
            }
            catch (StoreException ex)
            {
                Console.Error.WriteLine($"dyad: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static Command Events()
    {
        var actor = new Option<string?>("--actor") { Description = "Source or target: an actor code (RUSGOV), a country code (RUS) or a name (\"Vladimir Putin\")." };
        var source = new Option<string?>("--source") { Description = "The acting side only (code, country or name)." };
        var target = new Option<string?>("--target") { Description = "The side acted upon only (code, country or name)." };
        var country = new Option<string?>("--country") { Description = "Either actor's country (ISO alpha-3, e.g. CHN)." };
        var type = new Option<string?>("--type") { Description = "PLOVER event type (CONSULT, AGREE, ACCUSE, ...)." };
        var quad = new Option<int?>("--quad") { Description = "Quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict." };
        var from = StoreOptions.Date("--from", "First day");
        var to = StoreOptions.Date("--to", "Last day");
        var place = new Option<string?>("--place") { Description = "Where it happened: a place name or the place's country code." };
        var limit = StoreOptions.Limit();
        return Build("events", "Events merged across articles: who did what to whom, when, where, and how many reports.", (r, store, format) =>
        {
            if (!StoreOptions.TryDate(r, from, out var f) || !StoreOptions.TryDate(r, to, out var t))
            {
                return 2;
            }

            var rows = store.Events(new EventQuery
            {
                Actor = r.GetValue(actor), Source = r.GetValue(source), Target = r.GetValue(target), Country = r.GetValue(country),
                Type = r.GetValue(type), QuadClass = r.GetValue(quad), From = f, To = t, Place = r.GetValue(place), Limit = r.GetValue(limit),
            });
            StoreOptions.Print(format, rows,
                ["id", "date", "type", "cameo", "source", "target", "goldstein", "quad", "mentions", "articles", "sources", "place"],
                e => [e.Id, e.Date, e.Type, e.Cameo, e.Source.Label, e.Target.Label, e.Goldstein, e.QuadClass, e.NumMentions, e.NumArticles, e.NumSources, e.Place?.Name]);
            return 0;
        }, actor, source, target, country, type, quad, from, to, place, limit);
    }

    private static Command Quotes()
    {
        var speaker = new Option<string?>("--speaker") { Description = "Words of the speaker's name (e.g. Putin)." };
        var text = new Option<string?>("--text") { Description = "Words in the quotation." };
        var from = StoreOptions.Date("--from", "First article date");
        var to = StoreOptions.Date("--to", "Last article date");
        var limit = StoreOptions.Limit();
        return Build("quotes", "Who said what: quotations with their speaker and article.", (r, store, format) =>
        {
            if (!StoreOptions.TryDate(r, from, out var f) || !StoreOptions.TryDate(r, to, out var t))
            {
                return 2;
            }

            var rows = store.Quotes(new QuoteQuery { Speaker = r.GetValue(speaker), Text = r.GetValue(text), From = f, To = t, Limit = r.GetValue(limit) });
            StoreOptions.Print(format, rows, ["date", "speaker", "quote", "direct", "document", "title"],
                q => [q.Date, q.SpeakerName, q.Text, q.Direct, q.DocumentId, q.Title]);
            return 0;
        }, speaker, text, from, to, limit);
    }

    private static Command Entities()
    {
        var type = new Option<string?>("--type") { Description = "PERSON, ORG, GPE, LOC, FAC, NORP, EVENT or MISC." };
        var name = new Option<string?>("--name") { Description = "Words of the name." };
        var limit = StoreOptions.Limit();
        return Build("entities", "The most mentioned people, organisations and places.", (r, store, format) =>
        {
            var rows = store.Entities(new EntityQuery { Type = r.GetValue(type), Name = r.GetValue(name), Limit = r.GetValue(limit) });
            StoreOptions.Print(format, rows, ["name", "type", "kb_id", "country", "actor_code", "mentions", "documents"],
                e => [e.Name, e.Type, e.KbId, e.Country, e.ActorCode, e.Mentions, e.Documents]);
            return 0;
        }, type, name, limit);
    }

    private static Command Dyads()
    {
        var by = new Option<string>("--by") { Description = "Pair actors by actor code (default) or by country.", DefaultValueFactory = _ => "actor" };
        by.AcceptOnlyFromAmong("actor", "country");
        var from = StoreOptions.Date("--from", "First day");
        var to = StoreOptions.Date("--to", "Last day");
        var limit = StoreOptions.Limit();
        return Build("dyads", "The most active actor pairs: events, mentions, mean Goldstein, cooperation and conflict.", (r, store, format) =>
        {
            if (!StoreOptions.TryDate(r, from, out var f) || !StoreOptions.TryDate(r, to, out var t))
            {
                return 2;
            }

            var rows = store.Dyads(new DyadQuery
            {
                Level = r.GetValue(by) == "country" ? DyadLevel.Country : DyadLevel.Actor, From = f, To = t, Limit = r.GetValue(limit),
            });
            StoreOptions.Print(format, rows, ["a", "b", "events", "mentions", "mean_goldstein", "cooperation", "conflict"],
                d => [d.A, d.B, d.Events, d.Mentions, Math.Round(d.MeanGoldstein, 3), d.Cooperation, d.Conflict]);
            return 0;
        }, by, from, to, limit);
    }

    private static Command Timeline()
    {
        var a = new Argument<string>("a") { Description = "One side: actor code, country code or name." };
        var b = new Argument<string>("b") { Description = "The other side." };
        var by = new Option<string>("--by") { Description = "day, week or month (default).", DefaultValueFactory = _ => "month" };
        by.AcceptOnlyFromAmong("day", "week", "month");
        var from = StoreOptions.Date("--from", "First day");
        var to = StoreOptions.Date("--to", "Last day");
        return Build("timeline", "A relationship's history: events between A and B (both directions) per period, cooperation vs conflict and mean Goldstein.", (r, store, format) =>
        {
            if (!StoreOptions.TryDate(r, from, out var f) || !StoreOptions.TryDate(r, to, out var t))
            {
                return 2;
            }

            var period = r.GetValue(by) switch { "day" => Period.Day, "week" => Period.Week, _ => Period.Month };
            var rows = store.Timeline(new TimelineQuery(r.GetValue(a)!, r.GetValue(b)!) { By = period, From = f, To = t });
            StoreOptions.Print(format, rows, ["period", "events", "cooperation", "conflict", "mean_goldstein"],
                p => [p.Period, p.Events, p.Cooperation, p.Conflict, p.MeanGoldstein]);
            return 0;
        }, a, b, by, from, to);
    }

    private static Command Search()
    {
        var text = new Argument<string>("text") { Description = "Words to find (all must occur; \"a phrase\" in quotes)." };
        var limit = StoreOptions.Limit(20);
        return Build("search", "Full-text search of the stored articles.", (r, store, format) =>
        {
            var rows = store.Search(r.GetValue(text)!, r.GetValue(limit));
            StoreOptions.Print(format, rows, ["document", "date", "title", "snippet"], h => [h.DocumentId, h.Date, h.Title, h.Snippet]);
            return 0;
        }, text, limit);
    }
}
