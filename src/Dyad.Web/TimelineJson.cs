using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Storage;
using Microsoft.AspNetCore.Http;

namespace Dyad.Web;

/// <summary>
/// The answer of <c>GET /api/timeline</c>: a page of at most <see cref="Limit"/> periods, the earliest
/// first, and <see cref="NextFrom"/>, the first day after the page's last period when more periods
/// follow (ask again with from = that day), else null.
/// </summary>
public sealed record TimelinePage(string A, string B, Period By, IReadOnlyList<TimelineRecord> Items, int Limit, DateOnly? NextFrom);

/// <summary>
/// Writes a timeline page (up to <see cref="MaxPeriods"/> periods of ~100 bytes) straight with a
/// <see cref="Utf8JsonWriter"/>: the same bytes as the serializer writes for <see cref="TimelinePage"/>
/// with <see cref="DyadServer.Json"/> (a test compares them), without its per-property metadata walk.
/// </summary>
internal sealed class TimelineJson : IResult
{
    /// <summary>The most periods one answer holds, and the default (ten years by day is four pages).</summary>
    public const int MaxPeriods = 500;

    internal static readonly string Description =
        "Periods with at least one event, earliest first, at most limit per answer (1.." + MaxPeriods.ToString(CultureInfo.InvariantCulture) +
        ", default " + MaxPeriods.ToString(CultureInfo.InvariantCulture) + "). When more periods follow, next_from is the first day after " +
        "the answer's last period: ask again with from=next_from (same a, b, by and to) for the next page; next_from is null on the last page. " +
        "A from inside a week or month gives a first period counting only the days from that day on.";

    private static readonly JsonEncodedText A = JsonEncodedText.Encode("a");
    private static readonly JsonEncodedText B = JsonEncodedText.Encode("b");
    private static readonly JsonEncodedText By = JsonEncodedText.Encode("by");
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
    private static readonly JsonEncodedText NextFrom = JsonEncodedText.Encode("next_from");
    private static readonly JsonEncodedText Period = JsonEncodedText.Encode("period");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText Events = JsonEncodedText.Encode("events");
    private static readonly JsonEncodedText Cooperation = JsonEncodedText.Encode("cooperation");
    private static readonly JsonEncodedText Conflict = JsonEncodedText.Encode("conflict");
    private static readonly JsonEncodedText MeanGoldstein = JsonEncodedText.Encode("mean_goldstein");

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, SkipValidation = true };

    private readonly TimelinePage _page;

    /// <summary>The page of <paramref name="limit"/> periods from <paramref name="fetched"/>, read with a limit of limit+1.</summary>
    public TimelineJson(TimelineQuery query, IReadOnlyList<TimelineRecord> fetched, int limit)
    {
        _page = Of(query, fetched, limit);
    }

    internal static TimelinePage Of(TimelineQuery query, IReadOnlyList<TimelineRecord> fetched, int limit)
    {
        var more = fetched.Count > limit;
        var items = more ? fetched.Take(limit).ToList() : fetched;
        DateOnly? next = more ? EndOf(items[^1].Start, query.By).AddDays(1) : null;
        return new TimelinePage(query.A, query.B, query.By, items, limit, next);
    }

    private static DateOnly EndOf(DateOnly start, Storage.Period by) => by switch
    {
        Storage.Period.Day => start,
        Storage.Period.Week => start.AddDays(6),
        _ => start.AddMonths(1).AddDays(-1),
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        using var writer = new Utf8JsonWriter(body, Options);
        WriteHead(writer, _page);
        var periods = _page.Items;
        for (var i = 0; i < periods.Count; i++)
        {
            Write(writer, periods[i]);
            if (writer.BytesPending > 16 * 1024)
            {
                writer.Flush();
                await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
            }
        }

        WriteTail(writer, _page);
        writer.Flush();
        await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The whole answer as bytes (for the test that compares it with the serializer's).</summary>
    internal static byte[] ToBytes(TimelinePage page)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteHead(writer, page);
            foreach (var p in page.Items)
            {
                Write(writer, p);
            }

            WriteTail(writer, page);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A period object formatted by hand (a day timeline's page is a thousand of them): the bytes the
    /// writer makes (property names as above, integers, the double's shortest round-trip form), for a
    /// label of ASCII letters, digits and dashes (nothing to escape) and a date of years 1000..9999;
    /// false otherwise (the writer's path).
    /// </summary>
    private static bool TryRaw(TimelineRecord p, Span<byte> raw, out int length)
    {
        length = 0;
        var label = p.Period;
        if (label.Length > 40 || p.Start.Year < 1000 || !double.IsFinite(p.MeanGoldstein))
        {
            return false;
        }

        foreach (var ch in label)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch != '-')
            {
                return false;
            }
        }

        var n = 0;
        bool Put(ReadOnlySpan<byte> bytes, Span<byte> to)
        {
            if (!bytes.TryCopyTo(to[n..]))
            {
                return false;
            }

            n += bytes.Length;
            return true;
        }

        bool Number(long value, Span<byte> to)
        {
            if (!value.TryFormat(to[n..], out var w, default, CultureInfo.InvariantCulture))
            {
                return false;
            }

            n += w;
            return true;
        }

        Span<byte> date = stackalloc byte[10];
        var d = p.Start;
        Digits(date[..4], d.Year);
        date[4] = (byte)'-';
        Digits(date.Slice(5, 2), d.Month);
        date[7] = (byte)'-';
        Digits(date.Slice(8, 2), d.Day);
        Span<byte> ascii = stackalloc byte[label.Length];
        for (var i = 0; i < label.Length; i++)
        {
            ascii[i] = (byte)label[i];
        }

        if (!(Put("{\"period\":\""u8, raw) && Put(ascii, raw) && Put("\",\"start\":\""u8, raw) && Put(date, raw) &&
              Put("\",\"events\":"u8, raw) && Number(p.Events, raw) && Put(",\"cooperation\":"u8, raw) && Number(p.Cooperation, raw) &&
              Put(",\"conflict\":"u8, raw) && Number(p.Conflict, raw) && Put(",\"mean_goldstein\":"u8, raw)))
        {
            return false;
        }

        if (!p.MeanGoldstein.TryFormat(raw[n..], out var g, default, CultureInfo.InvariantCulture))
        {
            return false;
        }

        n += g;
        if (!Put("}"u8, raw))
        {
            return false;
        }

        length = n;
        return true;
    }

    private static void Digits(Span<byte> to, int value)
    {
        for (var i = to.Length - 1; i >= 0; i--)
        {
            to[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static void WriteHead(Utf8JsonWriter writer, TimelinePage page)
    {
        writer.WriteStartObject();
        writer.WriteString(A, page.A);
        writer.WriteString(B, page.B);
        writer.WriteString(By, page.By switch { Storage.Period.Day => "day", Storage.Period.Week => "week", _ => "month" });
        writer.WriteStartArray(Items);
    }

    private static void WriteTail(Utf8JsonWriter writer, TimelinePage page)
    {
        writer.WriteEndArray();
        writer.WriteNumber(Limit, page.Limit);
        if (page.NextFrom is { } next)
        {
            Span<char> date = stackalloc char[10];
            next.TryFormat(date, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteString(NextFrom, date[..n]);
        }
        else
        {
            writer.WriteNull(NextFrom);
        }

        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, TimelineRecord p)
    {
        Span<byte> raw = stackalloc byte[256];
        if (TryRaw(p, raw, out var length))
        {
            writer.WriteRawValue(raw[..length], skipInputValidation: true);
            return;
        }

        Span<char> date = stackalloc char[10];
        writer.WriteStartObject();
        writer.WriteString(Period, p.Period);
        p.Start.TryFormat(date, out var n, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString(Start, date[..n]);
        writer.WriteNumber(Events, p.Events);
        writer.WriteNumber(Cooperation, p.Cooperation);
        writer.WriteNumber(Conflict, p.Conflict);
        writer.WriteNumber(MeanGoldstein, p.MeanGoldstein);
        writer.WriteEndObject();
    }
}
