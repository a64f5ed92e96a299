using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dyad.Web;

/// <summary>
/// Keeps the answers of whole-store aggregates (counts, dyads, places) for a short time: they scan
/// every event, and the store changes only through ingest or POST (which clears the cache).
/// </summary>
internal sealed class AggregateCache(TimeSpan lifetime)
{
    private const int MaxEntries = 256;
    private readonly ConcurrentDictionary<string, (long At, object Value)> _entries = new(StringComparer.Ordinal);

    public T Get<T>(string key, Func<T> compute)
        where T : notnull
    {
        var now = Stopwatch.GetTimestamp();
        if (_entries.TryGetValue(key, out var hit) && Stopwatch.GetElapsedTime(hit.At, now) < lifetime)
        {
            return (T)hit.Value;
        }

        var value = compute();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = (now, value);
        return value;
    }

    public void Clear() => _entries.Clear();
}
