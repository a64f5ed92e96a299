using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Dyad.Storage.Export;

public enum ExportFormat { Gdelt, Plover, Csv, Jsonl, Parquet }

/// <summary>
/// Writes merged events in formats other tools read without help: GDELT 2.0 Events TSV (61 columns),
/// PLOVER JSON, CSV, JSON Lines and Parquet. Every writer streams: memory stays flat for any store size.
/// </summary>
public static class EventExport
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool NeedsMentions(ExportFormat format) => format is ExportFormat.Plover or ExportFormat.Jsonl;

    public static int Write(ExportFormat format, IEnumerable<EventRecord> events, Stream output) => format switch
    {
        ExportFormat.Gdelt => WriteText(output, w => WriteGdelt(events, w)),
        ExportFormat.Csv => WriteText(output, w => WriteCsv(events, w)),
        ExportFormat.Plover => WritePlover(events, output),
        ExportFormat.Jsonl => WriteJsonl(events, output),
        ExportFormat.Parquet => WriteParquet(events, output),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static int WriteText(Stream output, Func<TextWriter, int> write)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var n = write(writer);
        writer.Flush();
        return n;
    }

    // ---- GDELT ------------------------------------------------------------------------------

    public const int GdeltColumns = 61;

    /// <summary>GDELT 2.0 Events: tab-separated, no header, the 61 columns in GDELT's order; empty where Dyad has no data.</summary>
    public static int WriteGdelt(IEnumerable<EventRecord> events, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(writer);
        var n = 0;
        foreach (var e in events)
        {
            writer.Write(string.Join('\t', GdeltRow(e).Select(Tsv)));
            writer.Write('\n');
            n++;
        }

        return n;
    }

    public static string?[] GdeltRow(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var d = e.Date;
        var row = new string?[GdeltColumns];
        row[0] = I(e.Id);
        row[1] = d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        row[2] = d.ToString("yyyyMM", CultureInfo.InvariantCulture);
        row[3] = d.ToString("yyyy", CultureInfo.InvariantCulture);
        row[4] = (d.Year + ((double)d.DayOfYear / (DateTime.IsLeapYear(d.Year) ? 366 : 365))).ToString("0.0000", CultureInfo.InvariantCulture);
        Actor(e.Source, row, 5);
        Actor(e.Target, row, 15);
        row[25] = e.IsRoot ? "1" : "0";
        row[26] = e.Cameo;
        row[27] = e.Cameo.Length >= 3 ? e.Cameo[..3] : e.Cameo;
        row[28] = e.Cameo.Length >= 2 ? e.Cameo[..2] : e.Cameo;
        row[29] = I(e.QuadClass);
        row[30] = F(e.Goldstein);
        row[31] = I(e.NumMentions);
        row[32] = I(e.NumSources);
        row[33] = I(e.NumArticles);
        row[34] = e.AvgTone is { } tone ? F(tone) : null;

        // Actor1Geo (35..42) and Actor2Geo (43..50): Dyad does not place actors, only actions.
        if (e.Place is { } p)
        {
            row[51] = p.Lat is not null ? "4" : p.Country is not null ? "1" : null;
            row[52] = p.Name;
            row[53] = Fips.FromIso3(p.Country);
            row[56] = p.Lat is { } lat ? F(lat) : null;
            row[57] = p.Lon is { } lon ? F(lon) : null;
            row[58] = p.GeonamesId is { } g ? I(g) : null;
        }

        row[59] = e.AddedAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        row[60] = e.SourceUrl;
        return row;
    }

    private static void Actor(ActorRecord a, string?[] row, int at)
    {
        row[at] = a.Code;
        row[at + 1] = a.Name?.ToUpperInvariant();
        row[at + 2] = a.Country;
        row[at + 7] = a.Sector;
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Tsv(string? field) =>
        field is null ? "" : field.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    // ---- CSV and Parquet share one flat row -------------------------------------------------

    public static readonly IReadOnlyList<string> FlatColumns =
    [
        "id", "date", "type", "mode", "context", "cameo", "quad_class", "goldstein",
        "source_code", "source_name", "source_country", "source_sector",
        "target_code", "target_name", "target_country", "target_sector",
        "place_name", "place_geonames_id", "place_country", "place_lat", "place_lon",
        "num_mentions", "num_articles", "num_sources", "avg_tone", "is_root", "first_document_id", "source_url", "added_at",
    ];

    public static object?[] FlatRow(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return
        [
            e.Id, e.Date, e.Type, e.Mode, e.Context.Count == 0 ? null : string.Join(';', e.Context), e.Cameo, e.QuadClass, e.Goldstein,
            e.Source.Code, e.Source.Name, e.Source.Country, e.Source.Sector,
            e.Target.Code, e.Target.Name, e.Target.Country, e.Target.Sector,
            e.Place?.Name, e.Place?.GeonamesId, e.Place?.Country, e.Place?.Lat, e.Place?.Lon,
            e.NumMentions, e.NumArticles, e.NumSources, e.AvgTone, e.IsRoot, e.FirstDocumentId, e.SourceUrl, e.AddedAt,
        ];
    }

    public static int WriteCsv(IEnumerable<EventRecord> events, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(events);
        Csv.WriteRow(writer, FlatColumns);
        var n = 0;
        foreach (var e in events)
        {
            Csv.WriteRow(writer, FlatRow(e));
            n++;
        }

        return n;
    }

    /// <summary>Parquet with the flat columns (typed: integers, doubles, strings; dates as ISO strings), one row group per 65,536 events.</summary>
    public static int WriteParquet(IEnumerable<EventRecord> events, Stream output)
    {
        ArgumentNullException.ThrowIfNull(events);
        return WriteParquetAsync(events, output).GetAwaiter().GetResult();
    }

    private static readonly DataField[] ParquetFields = [.. FlatColumns.Select(ParquetField)];

    private static DataField ParquetField(string name) => name switch
    {
        "id" or "place_geonames_id" => new DataField<long?>(name),
        "quad_class" or "num_mentions" or "num_articles" or "num_sources" => new DataField<int?>(name),
        "goldstein" or "place_lat" or "place_lon" or "avg_tone" => new DataField<double?>(name),
        "is_root" => new DataField<bool?>(name),
        _ => new DataField<string>(name, true),
    };

    private static async Task<int> WriteParquetAsync(IEnumerable<EventRecord> events, Stream output)
    {
        var schema = new ParquetSchema(ParquetFields);
        await using var writer = await ParquetWriter.CreateAsync(schema, output).ConfigureAwait(false);
        var total = 0;
        foreach (var chunk in events.Chunk(65536))
        {
            var rows = chunk.Select(FlatRow).ToArray();
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < ParquetFields.Length; c++)
            {
                var field = ParquetFields[c];
                var column = c;
                if (field.ClrType == typeof(long))
                {
                    await group.WriteAsync<long>(field, rows.Select(r => r[column] is null ? (long?)null : Convert.ToInt64(r[column], CultureInfo.InvariantCulture)).ToArray()).ConfigureAwait(false);
                }
                else if (field.ClrType == typeof(int))
                {
                    await group.WriteAsync<int>(field, rows.Select(r => r[column] is null ? (int?)null : Convert.ToInt32(r[column], CultureInfo.InvariantCulture)).ToArray()).ConfigureAwait(false);
                }
                else if (field.ClrType == typeof(double))
                {
                    await group.WriteAsync<double>(field, rows.Select(r => r[column] is null ? (double?)null : Convert.ToDouble(r[column], CultureInfo.InvariantCulture)).ToArray()).ConfigureAwait(false);
                }
                else if (field.ClrType == typeof(bool))
                {
                    await group.WriteAsync<bool>(field, rows.Select(r => r[column] is null ? (bool?)null : (bool)r[column]!).ToArray()).ConfigureAwait(false);
                }
                else
                {
                    await group.WriteAsync(field, rows.Select(r => r[column] is null ? null : Csv.Format(r[column])).ToArray()).ConfigureAwait(false);
                }
            }

            total += chunk.Length;
        }

        return total;
    }

    // ---- JSON ------------------------------------------------------------------------------

    /// <summary>PLOVER JSON (as the PLOVER manual names its fields; POLECAT-style): one array of event records.</summary>
    public static int WritePlover(IEnumerable<EventRecord> events, Stream output)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var w = new Utf8JsonWriter(output, JsonOptions with { Indented = false });
        w.WriteStartArray();
        var n = 0;
        foreach (var e in events)
        {
            w.WriteStartObject();
            w.WriteString("id", "dyad-" + I(e.Id));
            w.WriteString("date", e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            PloverActors(w, "actor", e.Source);
            PloverActors(w, "recipient", e.Target);
            w.WriteStartArray("event");
            w.WriteStringValue(e.Type);
            w.WriteEndArray();
            w.WriteStartArray("mode");
            if (e.Mode is not null)
            {
                w.WriteStringValue(e.Mode);
            }

            w.WriteEndArray();
            w.WriteStartArray("context");
            foreach (var c in e.Context)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteNumber("quad_code", e.QuadClass);
            w.WriteString("cameo", e.Cameo);
            w.WriteNumber("goldstein", e.Goldstein);
            if (e.Place is { } p)
            {
                w.WriteStartObject("event_loc");
                w.WriteString("name", p.Name);
                WriteNumberOrNull(w, "geonameid", p.GeonamesId);
                w.WriteString("country", p.Country);
                WriteNumberOrNull(w, "lat", p.Lat);
                WriteNumberOrNull(w, "lon", p.Lon);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("event_loc");
            }

            w.WriteStartArray("event_text");
            foreach (var t in e.Mentions.Select(m => m.Trigger.Text).Distinct(StringComparer.Ordinal))
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
            w.WriteNumber("num_mentions", e.NumMentions);
            w.WriteNumber("num_articles", e.NumArticles);
            w.WriteNumber("num_sources", e.NumSources);
            WriteMentions(w, e);
            w.WriteStartObject("cite_info");
            w.WriteString("url", e.SourceUrl);
            w.WriteString("doc_id", e.FirstDocumentId);
            w.WriteEndObject();
            w.WriteString("coder", "Dyad");
            w.WriteString("coded_date", e.AddedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            n++;
            if (w.BytesPending > 1 << 16)
            {
                w.Flush();
            }
        }

        w.WriteEndArray();
        w.Flush();
        return n;
    }

    private static void PloverActors(Utf8JsonWriter w, string name, ActorRecord a)
    {
        w.WriteStartArray(name);
        if (!a.IsEmpty)
        {
            w.WriteStartObject();
            w.WriteString("code", a.Code);
            w.WriteString("name", a.Name);
            w.WriteString("country", a.Country);
            w.WriteString("sector", a.Sector);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>JSON Lines: one merged event per line with its actors, place, counts and every mention.</summary>
    public static int WriteJsonl(IEnumerable<EventRecord> events, Stream output)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var w = new Utf8JsonWriter(output, JsonOptions);
        var n = 0;
        foreach (var e in events)
        {
            w.WriteStartObject();
            w.WriteNumber("id", e.Id);
            w.WriteString("date", e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("type", e.Type);
            w.WriteString("mode", e.Mode);
            w.WriteStartArray("context");
            foreach (var c in e.Context)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteString("cameo", e.Cameo);
            w.WriteNumber("quad_class", e.QuadClass);
            w.WriteNumber("goldstein", e.Goldstein);
            JsonActor(w, "source", e.Source);
            JsonActor(w, "target", e.Target);
            if (e.Place is { } p)
            {
                w.WriteStartObject("place");
                w.WriteString("name", p.Name);
                WriteNumberOrNull(w, "geonames_id", p.GeonamesId);
                w.WriteString("country", p.Country);
                WriteNumberOrNull(w, "lat", p.Lat);
                WriteNumberOrNull(w, "lon", p.Lon);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("place");
            }

            w.WriteNumber("num_mentions", e.NumMentions);
            w.WriteNumber("num_articles", e.NumArticles);
            w.WriteNumber("num_sources", e.NumSources);
            WriteNumberOrNull(w, "avg_tone", e.AvgTone);
            w.WriteBoolean("is_root", e.IsRoot);
            w.WriteString("source_url", e.SourceUrl);
            w.WriteString("added_at", Csv.Format(e.AddedAt));
            WriteMentions(w, e);
            w.WriteEndObject();
            w.Flush();
            output.WriteByte((byte)'\n');
            w.Reset();
            n++;
        }

        return n;
    }

    private static void JsonActor(Utf8JsonWriter w, string name, ActorRecord a)
    {
        if (a.IsEmpty)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("code", a.Code);
        w.WriteString("name", a.Name);
        w.WriteString("country", a.Country);
        w.WriteString("sector", a.Sector);
        w.WriteEndObject();
    }

    private static void WriteMentions(Utf8JsonWriter w, EventRecord e)
    {
        w.WriteStartArray("mentions");
        foreach (var m in e.Mentions)
        {
            w.WriteStartObject();
            w.WriteString("doc_id", m.DocumentId);
            w.WriteString("event", m.LocalEventId);
            w.WriteString("url", m.Url);
            w.WriteString("source", m.Source);
            w.WriteString("doc_date", m.DocumentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteStartObject("sentence");
            w.WriteNumber("start", m.Sentence.Start);
            w.WriteNumber("end", m.Sentence.End);
            w.WriteEndObject();
            w.WriteStartObject("trigger");
            w.WriteNumber("start", m.Trigger.Start);
            w.WriteNumber("end", m.Trigger.End);
            w.WriteString("text", m.Trigger.Text);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
