namespace Dyad.Storage;

/// <summary>
/// Dyad's store: one contract, two backends (<see cref="Sqlite.SqliteStore"/> and
/// <see cref="Postgres.PostgresStore"/>). Opening a store applies its schema migrations.
/// Documents are saved in transactional batches and are idempotent by document id; events are
/// merged across documents (<see cref="EventMerge"/>). Implementations are thread-safe: every call
/// takes its own pooled connection.
/// </summary>
public interface IStore : IDisposable
{
    /// <summary>Where the store lives, for messages ("sqlite ./dyad.db", "postgresql host/db").</summary>
    string Description { get; }

    /// <summary>The schema version the store is at after opening (the newest migration applied).</summary>
    int SchemaVersion { get; }

    bool Has(string documentId);

    /// <summary>
    /// Saves a batch in one transaction: documents whose id is already stored are left unchanged,
    /// invalid analyses are refused with a reason (nothing of them is written), the rest are
    /// written whole with their events merged. Either the whole batch commits or nothing does
    /// (a <see cref="StoreException"/> then says why).
    /// </summary>
    SaveResult Save(IReadOnlyList<Analysis> batch);

    /// <summary>The stored analysis of a document, as it was saved; null when the id is unknown.</summary>
    Analysis? Load(string documentId);

    StoreCounts Counts();

    IReadOnlyList<EventRecord> Events(EventQuery query);

    /// <summary>Every report of a merged event: document, sentence and trigger.</summary>
    IReadOnlyList<EventMentionRecord> Mentions(long eventId);

    IReadOnlyList<QuoteRecord> Quotes(QuoteQuery query);

    IReadOnlyList<EntityRecord> Entities(EntityQuery query);

    IReadOnlyList<DyadRecord> Dyads(DyadQuery query);

    IReadOnlyList<TimelineRecord> Timeline(TimelineQuery query);

    /// <summary>
    /// Full-text search, best first. Bounded ranking: only the <see cref="SearchRules.Window"/> matching
    /// documents stored last (highest insertion order) are ranked; an older match outside that window
    /// is never returned, however relevant (see <see cref="SearchRules"/>).
    /// </summary>
    IReadOnlyList<SearchHit> Search(string text, int limit = 20);

    /// <summary>All merged events in id order, streamed (for exports), each with its mentions when asked.</summary>
    IEnumerable<EventRecord> AllEvents(bool withMentions);
}

/// <summary>
/// The rule of full-text search (docs/notes/web.md): a query is ranked by relevance (BM25 on SQLite,
/// ts_rank on PostgreSQL; ties: the newest stored first) among its <see cref="Window"/> most recently
/// stored matches only, so a common word costs the same as a rare one. Scores use the whole index's
/// statistics: on SQLite, BM25 with the index's document count and average length and each phrase's
/// document count, exact below <see cref="DocumentCountSample"/> documents and estimated above it (so a
/// document in the window gets the score an unbounded ranking gives it, up to that estimate);
/// PostgreSQL's ts_rank reads only the document. The page is the window's best.
/// </summary>
public static class SearchRules
{
    /// <summary>How many of the most recently stored matches are ranked (chosen by measurement, docs/notes/web.md).</summary>
    public const int Window = 500;

    /// <summary>
    /// A word or phrase held by fewer documents than this has its document count (BM25's IDF) counted
    /// exactly; a more common one has it estimated from its share of the documents stored since the
    /// oldest of its this-many most recent matches (SQLite; PostgreSQL's ts_rank uses no document counts).
    /// </summary>
    public const int DocumentCountSample = 1000;
}

public sealed record SaveResult(int New, int Unchanged, IReadOnlyList<SaveFailure> Failed)
{
    public static SaveResult Empty { get; } = new(0, 0, []);
}

public sealed record SaveFailure(string DocumentId, string Origin, string Reason);

public sealed record StoreCounts(long Documents, long Events, long EventMentions, long Entities, long Quotes, long Places);

public sealed record ActorRecord(string? Code, string? Name, string? Country, string? Sector)
{
    public static ActorRecord None { get; } = new(null, null, null, null);

    public bool IsEmpty => Code is null && Name is null && Country is null;

    /// <summary>The code where there is one, else the name, else the country.</summary>
    public string? Label => Code ?? Name ?? Country;
}

public sealed record PlaceRecord(string Name, long? GeonamesId, string? Country, double? Lat, double? Lon);

/// <summary>One event as merged across documents, with GDELT-style mention counts.</summary>
public sealed record EventRecord
{
    public required long Id { get; init; }
    public required string Type { get; init; }
    public string? Mode { get; init; }
    public IReadOnlyList<string> Context { get; init; } = [];
    public required string Cameo { get; init; }
    public int QuadClass { get; init; }
    public double Goldstein { get; init; }
    public required DateOnly Date { get; init; }
    public required ActorRecord Source { get; init; }
    public required ActorRecord Target { get; init; }
    public PlaceRecord? Place { get; init; }
    public int NumMentions { get; init; }
    public int NumArticles { get; init; }
    public int NumSources { get; init; }
    public double? AvgTone { get; init; }
    public bool IsRoot { get; init; }
    public required string FirstDocumentId { get; init; }
    public string? SourceUrl { get; init; }
    public required DateTimeOffset AddedAt { get; init; }
    public IReadOnlyList<EventMentionRecord> Mentions { get; init; } = [];
}

/// <summary>One report of a merged event: which document, which sentence, which words.</summary>
public sealed record EventMentionRecord(
    long EventId, string DocumentId, string LocalEventId, string? Url, string? Source, DateOnly? DocumentDate,
    TextRange Sentence, SpanText Trigger, string? SentenceText);

public sealed record QuoteRecord(
    string DocumentId, DateOnly? Date, string? Title, string? Url, string? SpeakerName, string? SpeakerEntityId,
    string Text, bool Direct, int Start, int End);

public sealed record EntityRecord(string Name, string Type, string? KbId, string? Country, string? ActorCode, long Mentions, long Documents);

public sealed record DyadRecord(string A, string B, long Events, long Mentions, double MeanGoldstein, long Cooperation, long Conflict);

public sealed record TimelineRecord(string Period, DateOnly Start, long Events, long Cooperation, long Conflict, double MeanGoldstein);

public sealed record SearchHit(string DocumentId, DateOnly? Date, string? Title, string? Url, string Snippet, double Rank);

public sealed record EventQuery
{
    /// <summary>Source or target: an actor code (RUSGOV), a country code (RUS) or a name.</summary>
    public string? Actor { get; init; }
    public string? Source { get; init; }
    public string? Target { get; init; }

    /// <summary>Country code of either actor.</summary>
    public string? Country { get; init; }
    public string? Type { get; init; }
    public int? QuadClass { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>Place name (case-insensitive, exact) or country code of the place.</summary>
    public string? Place { get; init; }
    public int Limit { get; init; } = 50;

    /// <summary>Rows of the (day, id) order to skip before the first returned row.</summary>
    public int Offset { get; init; }
}

public sealed record QuoteQuery
{
    public string? Speaker { get; init; }
    public string? Text { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Limit { get; init; } = 50;
}

public sealed record EntityQuery
{
    public string? Type { get; init; }
    public string? Name { get; init; }
    public int Limit { get; init; } = 50;
}

public enum DyadLevel { Actor, Country }

public sealed record DyadQuery
{
    public DyadLevel Level { get; init; } = DyadLevel.Actor;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Limit { get; init; } = 50;
}

public enum Period { Day, Week, Month }

public sealed record TimelineQuery(string A, string B)
{
    public Period By { get; init; } = Period.Month;
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>
    /// At most this many periods, the earliest ones (null: every period). The answer is the first
    /// <c>Limit</c> periods of the whole answer; the next ones start after the last period's end
    /// (ask again with <see cref="From"/> = that day).
    /// </summary>
    public int? Limit { get; init; }
}
