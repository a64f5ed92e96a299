using Dyad.Storage;

namespace Dyad.Web;

/// <summary>A page of results: the items, the paging asked for, and where the next page starts (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Limit, int Offset, int? NextOffset)
{
    /// <summary>Builds a page from <paramref name="fetched"/> rows that were read as the first offset+limit+1 rows.</summary>
    public static Page<T> FromWindow(IReadOnlyList<T> fetched, int limit, int offset)
    {
        var items = fetched.Skip(offset).Take(limit).ToList();
        var more = fetched.Count > offset + limit;
        return new Page<T>(items, limit, offset, more ? offset + limit : null);
    }

    /// <summary>Builds a page from rows read with LIMIT limit+1 OFFSET offset.</summary>
    public static Page<T> FromSlice(IReadOnlyList<T> fetched, int limit, int offset)
    {
        var more = fetched.Count > limit;
        return new Page<T>([.. fetched.Take(limit)], limit, offset, more ? offset + limit : null);
    }
}

/// <summary>An article with every span Dyad found in it (tokens left out: they are derived from the text).</summary>
public sealed record DocumentView(
    string Id, string? Title, DateOnly? Date, string? Url, string? Source, string? Byline, string Language,
    int BodyStart, string Text, double? Tone,
    IReadOnlyList<Sentence> Sentences, IReadOnlyList<TimeExpression> Times, IReadOnlyList<Entity> Entities,
    IReadOnlyList<Quote> Quotes, IReadOnlyList<Place> Places, IReadOnlyList<Event> Events)
{
    public static DocumentView Of(Analysis a) => new(
        a.Id, a.Document.Title, a.Document.Date, a.Document.Url, a.Document.Source, a.Document.Byline, a.Document.Language,
        a.Document.BodyStart, a.Text, a.Tone, a.Sentences, a.Times, a.Entities, a.Quotes, a.Places, a.Events);
}

/// <summary>The body of <c>POST /api/documents</c>.</summary>
public sealed record NewDocument(string? Text, string? Title, string? Date, string? Url, string? Source, string? Id);

public sealed record Created(string Id, bool New, string? Reason);

public sealed record ApiError(string Error);

public sealed record Stats(StoreCounts Counts, string Store);

public sealed record PairEvents(string A, string B, IReadOnlyList<EventRecord> Items, int Limit, int Offset, int? NextOffset);
