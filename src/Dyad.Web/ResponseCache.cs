using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Dyad.Web;

/// <summary>
/// Keeps the bytes of successful API answers to GET requests, keyed by path and query string, while
/// the store is unchanged: any POST clears it, and the store's generation (its newest document,
/// which an ingest by another process moves) is checked at most once a second. Small and bounded:
/// answers up to 1 MiB, 2,000 entries, 64 MiB in all (then it starts afresh).
/// </summary>
internal sealed class ResponseCache(Func<long> generation)
{
    private const int MaxBody = 1024 * 1024;
    private const int MaxEntries = 2000;
    private const long MaxBytes = 64L * 1024 * 1024;
    private static readonly long CheckEvery = Stopwatch.Frequency;

    private sealed record Entry(byte[] Body, string? ContentType, long Generation);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _bytes;
    private long _generation = long.MinValue;
    private long _checkedAt;
    private int _stale = 1;
    private int _checking;

    public async Task Handle(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next().ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            await next().ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            try
            {
                await next().ConfigureAwait(false);
            }
            finally
            {
                Clear(); // a POST may have changed the store
            }

            return;
        }

        var current = Current();
        var key = request.Path.Value + request.QueryString.Value;
        if (_entries.TryGetValue(key, out var hit) && hit.Generation == current)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = hit.ContentType;
            context.Response.ContentLength = hit.Body.Length;
            await context.Response.Body.WriteAsync(hit.Body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode == StatusCodes.Status200OK && buffer.Length <= MaxBody)
        {
            Add(key, new Entry(buffer.ToArray(), context.Response.ContentType, current));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }

    private void Add(string key, Entry entry)
    {
        if (_entries.Count >= MaxEntries || Interlocked.Read(ref _bytes) + entry.Body.Length > MaxBytes)
        {
            ClearEntries();
        }

        if (_entries.TryAdd(key, entry))
        {
            Interlocked.Add(ref _bytes, entry.Body.Length);
        }
    }

    /// <summary>The store's generation, asked again at most once a second (one request asks, the others use the last answer).</summary>
    private long Current()
    {
        var now = Stopwatch.GetTimestamp();
        if ((Volatile.Read(ref _stale) == 1 || now - Interlocked.Read(ref _checkedAt) >= CheckEvery) && Interlocked.Exchange(ref _checking, 1) == 0)
        {
            try
            {
                Volatile.Write(ref _stale, 0);
                var g = generation();
                if (g != Interlocked.Read(ref _generation))
                {
                    ClearEntries();
                    Interlocked.Exchange(ref _generation, g);
                }

                Interlocked.Exchange(ref _checkedAt, now);
            }
            finally
            {
                _checking = 0;
            }
        }

        return Interlocked.Read(ref _generation);
    }

    public void Clear()
    {
        ClearEntries();
        Volatile.Write(ref _stale, 1); // ask the store again on the next request
    }

    private void ClearEntries()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _bytes, 0);
    }
}
