using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dyad.Pipeline;
using Dyad.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dyad.Web;

/// <summary>The JSON API under /api. Every parameter is parsed here (400 with a reason) and bound as an SQL parameter by the store.</summary>
internal static class Api
{
    private const int MaxIdLength = 200;

    /// <summary>The search rule (Dyad.Storage.SearchRules), stated in the OpenAPI document.</summary>
    internal static readonly string SearchDescription =
        "Search (q) ranks by relevance (BM25 on SQLite, ts_rank on PostgreSQL; ties: the newest stored first) among the " + Window +
        " matching documents stored most recently: an older match outside that window is not returned, however relevant, and a query " +
        "gives at most " + Window + " hits. On SQLite, BM25 uses the whole index's document count and average length, and each word's (or " +
        "quoted phrase's) number of documents: counted exactly when it is found in fewer than " + Sample + " documents, else estimated from " +
        "its share of the documents stored since the oldest of its " + Sample + " most recent matches (so a common word's weight is an " +
        "estimate). PostgreSQL's ts_rank uses no document counts. The total number of matches is not reported. Each hit's snippet is a few " +
        "words of the text around the first searched word, searched words in [brackets] (PostgreSQL: ts_headline's best fragment).";

    private static string Sample => SearchRules.DocumentCountSample.ToString("N0", CultureInfo.InvariantCulture);

    private static string Window => SearchRules.Window.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Maps the endpoints; returns an action that computes the first view's aggregates ahead of the first visitor.</summary>
    public static Action Map(IEndpointRouteBuilder app, IStore store, ServeOptions options)
    {
        var cache = new AggregateCache(TimeSpan.FromMinutes(2));
        var browse = store as IBrowsableStore
            ?? throw new ArgumentException("the store does not support browsing queries", nameof(store));
        var api = app.MapGroup("/api");

        api.MapGet("/stats", () => cache.Get("stats", () => new Stats(store.Counts(), store.Description)))
            .WithSummary("How many documents, events, mentions, entities, quotes and places the store holds.");

        api.MapGet("/documents", (string? q, string? from, string? to, string? source, string? limit, string? offset) =>
        {
            var (l, o) = QueryArgs.Paging(limit, offset);
            var text = QueryArgs.Text("q", q);
            if (text is not null)
            {
                return Results.Ok(Page<SearchHit>.FromWindow(store.Search(text, o + l + 1), l, o));
            }

            var f = QueryArgs.Date("from", from);
            var t = QueryArgs.Date("to", to);
            QueryArgs.Range(f, t);
            var rows = browse.Documents(new DocumentListQuery { From = f, To = t, Source = QueryArgs.Text("source", source), Limit = l + 1, Offset = o });
            return Results.Ok(Page<DocumentSummary>.FromSlice(rows, l, o));
        }).WithSummary("Documents newest first, or full-text search hits when q is given (words; \"a phrase\" in double quotes).")
          .WithDescription(SearchDescription);

        api.MapGet("/documents/{id}", (string id) =>
        {
            if (id.Length > MaxIdLength)
            {
                throw new BadParameterException($"id is longer than {MaxIdLength} characters");
            }

            return store.Load(id) is { } analysis
                ? Results.Ok(DocumentView.Of(analysis))
                : Results.NotFound(new ApiError($"no document with id '{id}'"));
        }).WithSummary("One document with all its spans: sentences, times, entities with mentions, quotes with speakers, places, events.");

        api.MapPost("/documents", async (HttpContext context) =>
            {
                var result = await PostDocument(context, store, options).ConfigureAwait(false);
                cache.Clear();
                return result;
            })
            .WithSummary("Analyse an article and store it (JSON {text, title, date, url, source, id} or text/plain). Needs 'Authorization: Bearer <token>'.");

        api.MapGet("/events", (string? actor, string? source, string? target, string? a, string? b, string? country, string? type,
            string? quad, string? from, string? to, string? place, string? limit, string? offset) =>
        {
            var (l, o) = QueryArgs.Paging(limit, offset);
            var query = new EventQuery
            {
                Actor = QueryArgs.Text("actor", actor),
                Source = QueryArgs.Text("source", source),
                Target = QueryArgs.Text("target", target),
                Country = QueryArgs.Text("country", country),
                Type = QueryArgs.Text("type", type),
                QuadClass = QueryArgs.Quad(quad),
                From = QueryArgs.Date("from", from),
                To = QueryArgs.Date("to", to),
                Place = QueryArgs.Text("place", place),
                Limit = o + l + 1,
            };
            QueryArgs.Range(query.From, query.To);
            var pa = QueryArgs.Text("a", a);
            var pb = QueryArgs.Text("b", b);
            if (pa is null != pb is null)
            {
                throw new BadParameterException("a and b go together: give both actors of the pair");
            }

            if (pa is not null && pb is not null)
            {
                if (query.Source is not null || query.Target is not null || query.Actor is not null)
                {
                    throw new BadParameterException("a/b (a pair, either direction) cannot be combined with actor, source or target");
                }

                var simple = query.Country is null && query.Type is null && query.QuadClass is null && query.Place is null;
                var both = (simple ? browse.PairEvents(pa, pb, query.From, query.To, query.Limit) : null)
                    ?? store.Events(query with { Source = pa, Target = pb })
                        .Concat(store.Events(query with { Source = pb, Target = pa }))
                        .DistinctBy(e => e.Id)
                        .OrderByDescending(e => e.Date).ThenByDescending(e => e.Id)
                        .ToList();
                var page = Page<EventRecord>.FromWindow(both, l, o);
                return Results.Ok(new PairEvents(pa, pb, page.Items, l, o, page.NextOffset));
            }

            return Results.Ok(Page<EventRecord>.FromSlice(store.Events(query with { Limit = l + 1, Offset = o }), l, o));
        }).WithSummary("Merged events, newest first. actor matches either side (actor code, country code or name); a and b select a pair in either direction; quad is 1..4.");

        api.MapGet("/events/{id}/mentions", (string id) =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var eventId))
            {
                throw new BadParameterException($"event id '{(id.Length > 40 ? id[..40] : id)}' is not a number");
            }

            var mentions = store.Mentions(eventId);
            return mentions.Count == 0 ? Results.NotFound(new ApiError($"no event with id {eventId}")) : Results.Ok(mentions);
        }).WithSummary("Every report of a merged event: document, sentence and trigger.");

        api.MapGet("/quotes", (string? speaker, string? text, string? from, string? to, string? limit, string? offset) =>
        {
            var (l, o) = QueryArgs.Paging(limit, offset);
            var query = new QuoteQuery
            {
                Speaker = QueryArgs.Text("speaker", speaker),
                Text = QueryArgs.Text("text", text),
                From = QueryArgs.Date("from", from),
                To = QueryArgs.Date("to", to),
                Limit = o + l + 1,
            };
            QueryArgs.Range(query.From, query.To);
            return Results.Ok(Page<QuoteRecord>.FromWindow(store.Quotes(query), l, o));
        }).WithSummary("Quotes, newest first; speaker and text match anywhere, case-insensitive.");

        api.MapGet("/entities", (string? name, string? type, string? limit, string? offset) =>
        {
            var (l, o) = QueryArgs.Paging(limit, offset);
            var rows = store.Entities(new EntityQuery { Name = QueryArgs.Text("name", name), Type = QueryArgs.Text("type", type), Limit = o + l + 1 });
            return Results.Ok(Page<EntityRecord>.FromWindow(rows, l, o));
        }).WithSummary("Entities by number of mentions; name matches anywhere, type is PERSON, ORG, GPE...");

        api.MapGet("/entities/{name}", (string name, string? limit) =>
        {
            var n = QueryArgs.Required("name", name);
            var l = QueryArgs.Int("limit", limit, 100, 1, 1000);
            return browse.Entity(n, l) is { } detail
                ? Results.Ok(detail)
                : Results.NotFound(new ApiError($"no entity named '{n}'"));
        }).WithSummary("One entity by its exact name: roles over time, surface forms, most frequent event partners, documents.");

        api.MapGet("/dyads", (string? level, string? from, string? to, string? limit, string? offset) =>
        {
            var (l, o) = QueryArgs.Paging(limit, offset);
            var query = new DyadQuery { Level = QueryArgs.Level(level), From = QueryArgs.Date("from", from), To = QueryArgs.Date("to", to), Limit = o + l + 1 };
            QueryArgs.Range(query.From, query.To);
            var rows = cache.Get("dyads " + query, () => store.Dyads(query));
            return Results.Ok(Page<DyadRecord>.FromWindow(rows, l, o));
        }).WithSummary("Pairs of actors (level=actor) or countries (level=country) by number of events.");

        api.MapGet("/timeline", (string? a, string? b, string? by, string? from, string? to, string? limit) =>
        {
            var l = QueryArgs.Int("limit", limit, TimelineJson.MaxPeriods, 1, TimelineJson.MaxPeriods);
            var query = new TimelineQuery(QueryArgs.Required("a", a), QueryArgs.Required("b", b))
            {
                By = QueryArgs.Period(by),
                From = QueryArgs.Date("from", from),
                To = QueryArgs.Date("to", to),
                Limit = l + 1, // one more than the page: whether another page follows
            };
            QueryArgs.Range(query.From, query.To);
            return new TimelineJson(query, browse.PairTimeline(query) ?? store.Timeline(query), l);
        }).WithSummary("A pair's events per day, week or month (either direction): cooperation, conflict and mean Goldstein.")
          .WithDescription(TimelineJson.Description);

        api.MapGet("/places", (string? from, string? to, string? limit) =>
        {
            var query = new PlaceQuery { From = QueryArgs.Date("from", from), To = QueryArgs.Date("to", to), Limit = QueryArgs.Int("limit", limit, 500, 1, 5000) };
            QueryArgs.Range(query.From, query.To);
            return Results.Ok(cache.Get("places " + query, () => browse.EventPlaces(query)));
        }).WithSummary("Places of events with coordinates, with event counts (for the map).");

        // The page's first view asks for these (app.js: stats, dyads level=country limit=12, places limit=1000).
        var warm = () =>
        {
            cache.Get("stats", () => new Stats(store.Counts(), store.Description));
            var dyads = new DyadQuery { Level = DyadLevel.Country, Limit = 13 };
            cache.Get("dyads " + dyads, () => store.Dyads(dyads));
            var places = new PlaceQuery { Limit = 1000 };
            cache.Get("places " + places, () => browse.EventPlaces(places));
        };

        api.MapGet("/{*rest}", (string rest) => Results.NotFound(new ApiError($"no such API endpoint: /api/{(rest.Length > 60 ? rest[..60] : rest)}")))
            .ExcludeFromDescription();
        return warm;
    }

    private static async Task<IResult> PostDocument(HttpContext context, IStore store, ServeOptions options)
    {
        var token = options.Token;
        if (string.IsNullOrEmpty(token))
        {
            return Results.Json(new ApiError($"this server is read-only: start it with --token or {ServeOptions.TokenVariable} to accept articles"), DyadServer.Json, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!Authorized(context.Request, token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new ApiError("missing or wrong token: send 'Authorization: Bearer <token>'"), DyadServer.Json, statusCode: StatusCodes.Status401Unauthorized);
        }

        NewDocument? input;
        var type = context.Request.ContentType ?? "";
        if (type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            input = new NewDocument(await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false), null, null, null, null, null);
        }
        else if (context.Request.HasJsonContentType())
        {
            try
            {
                input = await context.Request.ReadFromJsonAsync<NewDocument>(DyadServer.Json, context.RequestAborted).ConfigureAwait(false);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new BadParameterException("the body is not valid JSON: " + ex.Message);
            }
        }
        else
        {
            return Results.Json(new ApiError("send application/json ({\"text\": ...}) or text/plain"), DyadServer.Json, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (input is null || string.IsNullOrWhiteSpace(input.Text))
        {
            throw new BadParameterException("text is required");
        }

        var title = string.IsNullOrWhiteSpace(input.Title) ? null : input.Title.Trim();
        var body = input.Text;
        var document = new Document
        {
            Text = title is null ? body : title + "\n\n" + body,
            Title = title,
            BodyStart = title is null ? 0 : title.Length + 2,
            Date = QueryArgs.Date("date", input.Date),
            Url = QueryArgs.Text("url", input.Url),
            Source = QueryArgs.Text("source", input.Source),
            Id = QueryArgs.Text("id", input.Id),
            Origin = "http",
        };
        var analysis = AnalysisPipeline.Default.Analyze(document);
        var result = store.Save([analysis]);
        if (result.Failed.Count > 0)
        {
            return Results.Json(new ApiError(result.Failed[0].Reason), DyadServer.Json, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var created = new Created(analysis.Id, result.New > 0, result.New > 0 ? null : "already stored");
        return Results.Json(created, DyadServer.Json, statusCode: result.New > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static bool Authorized(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(header[prefix.Length..].Trim());
        var expected = Encoding.UTF8.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
