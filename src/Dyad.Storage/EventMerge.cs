using System.Globalization;

namespace Dyad.Storage;

/// <summary>
/// Cross-document event merging, as GDELT counts mentions: every report of the same event
/// (same PLOVER type, same source actor, same target actor, same day) becomes one merged event.
/// A document event with several sources or targets is a compound ("Xi and Putin met Modi"): it
/// is expanded into one dyadic report per source x target pair, as PETRARCH does. Negated and
/// hypothetical events ("did not meet", "may meet") stay with their document but are not merged:
/// they did not happen. An event whose day is unknown (no full date and no document date) is not
/// merged either.
/// </summary>
public static class EventMerge
{
    /// <summary>One dyadic report of an event of a document.</summary>
    public sealed record Report(Event Event, EventActor? Source, EventActor? Target, DateOnly Day, string Key);

    public static IEnumerable<Report> Reports(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        foreach (var e in analysis.Events)
        {
            if (e.Negated || e.Hypothetical || Day(e.Date, analysis.Document.Date) is not { } day)
            {
                continue;
            }

            EventActor?[] sources = e.Source.IsDefaultOrEmpty ? [null] : [.. e.Source];
            EventActor?[] targets = e.Target.IsDefaultOrEmpty ? [null] : [.. e.Target];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in sources)
            {
                foreach (var t in targets)
                {
                    var key = Key(e.Type, s, t, day);
                    if (seen.Add(key))
                    {
                        yield return new Report(e, s, t, day, key);
                    }
                }
            }
        }
    }

    /// <summary>The merge key: TYPE|source|target|yyyyMMdd, where an actor is its code, else ~NAME, else empty.</summary>
    public static string Key(string type, EventActor? source, EventActor? target, DateOnly day) =>
        string.Join('|', type.ToUpperInvariant(), ActorKey(source), ActorKey(target), day.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    public static string ActorKey(EventActor? actor)
    {
        if (actor is null)
        {
            return "";
        }

        if (!string.IsNullOrWhiteSpace(actor.Code))
        {
            return actor.Code.Trim().ToUpperInvariant();
        }

        return "~" + DocumentId.Normalise(actor.Name).ToUpperInvariant();
    }

    /// <summary>The event's day: its date when that is a full ISO date (a longer TIMEX value is cut to the day), else the document's date.</summary>
    public static DateOnly? Day(string? eventDate, DateOnly? documentDate)
    {
        if (eventDate is { Length: >= 10 }
            && DateOnly.TryParseExact(eventDate.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return documentDate;
    }

    public static int ToInt(DateOnly day) => (day.Year * 10000) + (day.Month * 100) + day.Day;

    public static DateOnly FromInt(long value) => new((int)(value / 10000), (int)(value / 100 % 100), (int)(value % 100));
}
