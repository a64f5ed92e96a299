namespace Dyad.Storage;

/// <summary>
/// Browsing queries for the web page (issue 11), implemented by both backends. Kept apart from
/// <see cref="IStore"/> so the storage contract stays as it is; cast an opened store to it.
/// </summary>
public interface IBrowsableStore
{
    /// <summary>Documents newest first (by date, then by insertion), paged.</summary>
    IReadOnlyList<DocumentSummary> Documents(DocumentListQuery query);

    /// <summary>An entity by its exact name: its appearances, roles over time, surface forms and partners; null when unknown.</summary>
    EntityDetail? Entity(string name, int limit = 100);

    /// <summary>
    /// Events between two actors in either direction (each an actor code, country code or name), newest
    /// first, through the pair index; null when the words match too many actors (use <see cref="IStore.Events"/>).
    /// </summary>
    IReadOnlyList<EventRecord>? PairEvents(string a, string b, DateOnly? from, DateOnly? to, int limit);

    /// <summary>
    /// The same as <see cref="IStore.Timeline"/>, through the covering pair index one actor pair at a time;
    /// null when the words match too many actors.
    /// </summary>
    IReadOnlyList<TimelineRecord>? PairTimeline(TimelineQuery query);

    /// <summary>Places of merged events that have coordinates, with event counts.</summary>
    IReadOnlyList<PlaceCount> EventPlaces(PlaceQuery query);

    /// <summary>A number that changes whenever a document is added (by this process or another): answers cached under it stay valid while it holds.</summary>
    long Generation();
}

public sealed record DocumentListQuery
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Source { get; init; }
    public int Limit { get; init; } = 50;
    public int Offset { get; init; }
}

public sealed record DocumentSummary(string Id, DateOnly? Date, string? Title, string? Url, string? Source, int Length);

public sealed record EntityAppearance(
    string DocumentId, DateOnly? Date, string? Title, string Type, string? KbId, string? Country, string? Sector,
    string? ActorCode, string? Role, long Mentions);

public sealed record EntityRole(string Period, string? Role, string? ActorCode, string? Sector, int Documents);

public sealed record MentionForm(string Text, long Count);

public sealed record Partner(string? Code, string? Name, string? Country, long Events, double MeanGoldstein, long Cooperation, long Conflict);

public sealed record EntityDetail(
    string Name, string Type, string? KbId, string? Country, string? ActorCode,
    IReadOnlyList<EntityRole> Roles, IReadOnlyList<MentionForm> Forms, IReadOnlyList<Partner> Partners,
    IReadOnlyList<EntityAppearance> Appearances);

public sealed record PlaceQuery
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Limit { get; init; } = 500;
}

public sealed record PlaceCount(string Name, string? Country, double Lat, double Lon, long Events, long Cooperation, long Conflict, double MeanGoldstein);
