using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dyad.Web;

/// <summary>
/// Keeps the answers of whole-store aggregates (counts, dyads, places): they scan every event (seconds
/// on a store of a million events), while the store changes only through ingest or POST (which clears
/// the cache). Each key is computed once even under concurrent requests; after <c>lifetime</c> the old
/// answer is still served while one background refresh runs (stale-while-revalidate).
/// </summary>
internal sealed class AggregateCache(TimeSpan lifetime)
{
    private const int MaxEntries = 256;

    private sealed class Entry(long at, Lazy<object> value)
    {
        public long At { get; } = at;
        public Lazy<object> Value { get; } = value;
        public int Refreshing;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public T Get<T>(string key, Func<T> compute)
        where T : notnull
    {
        if (_entries.TryGetValue(key, out var entry) && entry.Value.IsValueCreated)
        {
            if (Stopwatch.GetElapsedTime(entry.At) >= lifetime && Interlocked.Exchange(ref entry.Refreshing, 1) == 0)
            {
                _ = Task.Run(() =>
                {
                    try
                    {
                        var fresh = new Lazy<object>(() => compute());
                        _ = fresh.Value;
                        _entries[key] = new Entry(Stopwatch.GetTimestamp(), fresh);
                    }
                    catch (Exception)
                    {
                        entry.Refreshing = 0; // keep serving the old answer; try again on a later request
                    }
                });
            }

            return (T)entry.Value.Value;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        var added = _entries.GetOrAdd(key, _ => new Entry(Stopwatch.GetTimestamp(), new Lazy<object>(() => compute(), LazyThreadSafetyMode.ExecutionAndPublication)));
        try
        {
            return (T)added.Value.Value;
        }
        catch
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, added));
            throw;
        }
    }

    public void Clear() => _entries.Clear();
}
