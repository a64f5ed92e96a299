using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Storage;
using Microsoft.AspNetCore.Http;

namespace Dyad.Web;

/// <summary>
/// Writes a timeline (thousands of periods for days over years: ~100 bytes each) straight with a
/// <see cref="Utf8JsonWriter"/>: the same bytes as the serializer with <see cref="DyadServer.Json"/>
/// (a test compares them), without its per-property metadata walk.
/// </summary>
internal sealed class TimelineJson(IReadOnlyList<TimelineRecord> periods) : IResult
{
    private static readonly JsonEncodedText Period = JsonEncodedText.Encode("period");
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText Events = JsonEncodedText.Encode("events");
    private static readonly JsonEncodedText Cooperation = JsonEncodedText.Encode("cooperation");
    private static readonly JsonEncodedText Conflict = JsonEncodedText.Encode("conflict");
    private static readonly JsonEncodedText MeanGoldstein = JsonEncodedText.Encode("mean_goldstein");

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default, SkipValidation = true };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var body = response.BodyWriter;
        using var writer = new Utf8JsonWriter(body, Options);
        writer.WriteStartArray();
        for (var i = 0; i < periods.Count; i++)
        {
            Write(writer, periods[i]);
            if (writer.BytesPending > 16 * 1024)
            {
                writer.Flush();
                await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        await body.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The whole array as bytes (for the test that compares it with the serializer's).</summary>
    internal static byte[] ToBytes(IReadOnlyList<TimelineRecord> periods)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var p in periods)
            {
                Write(writer, p);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, TimelineRecord p)
    {
        Span<char> date = stackalloc char[10];
        writer.WriteStartObject();
        writer.WriteString(Period, p.Period);
        p.Start.TryFormat(date, out var n, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteString(Start, date[..n]);
        writer.WriteNumber(Events, p.Events);
        writer.WriteNumber(Cooperation, p.Cooperation);
        writer.WriteNumber(Conflict, p.Conflict);
        writer.WriteNumber(MeanGoldstein, p.MeanGoldstein);
        writer.WriteEndObject();
    }
}
