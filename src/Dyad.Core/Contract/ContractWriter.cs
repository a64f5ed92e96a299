using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dyad.Contract;

/// <summary>
/// Writes an <see cref="Analysis"/> as the output contract's JSON (docs/output-contract.md, v1).
/// Field names and order are the contract's; arrays are always present, possibly empty.
/// </summary>
public static class ContractWriter
{
    public static readonly JsonWriterOptions CompactOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public static string ToJson(Analysis analysis, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions with { Indented = indented }))
        {
            Write(writer, analysis);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter w, Analysis a)
    {
        var d = a.Document;
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("url", d.Url);
        w.WriteString("source", d.Source);
        w.WriteString("date", d.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("title", d.Title);
        w.WriteString("byline", d.Byline);
        w.WriteString("language", d.Language);
        w.WriteString("text", d.Text);

        w.WriteStartArray("sentences");
        foreach (var s in a.Sentences)
        {
            w.WriteStartObject();
            w.WriteNumber("start", s.Start);
            w.WriteNumber("end", s.End);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("entities");
        foreach (var e in a.Entities)
        {
            WriteEntity(w, e);
        }

        w.WriteEndArray();

        w.WriteStartArray("times");
        foreach (var t in a.Times)
        {
            w.WriteStartObject();
            WriteSpan(w, t.Start, t.End, t.Text);
            w.WriteString("type", t.Type);
            w.WriteString("value", t.Value);
            w.WriteString("mod", t.Mod);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("quotes");
        foreach (var q in a.Quotes)
        {
            WriteQuote(w, q);
        }

        w.WriteEndArray();

        w.WriteStartArray("places");
        foreach (var p in a.Places)
        {
            WritePlace(w, p);
        }

        w.WriteEndArray();

        w.WriteStartArray("events");
        foreach (var e in a.Events)
        {
            WriteEvent(w, e);
        }

        w.WriteEndArray();

        if (a.Tone is { } tone)
        {
            w.WriteNumber("tone", Math.Round(tone, 3));
        }
        else
        {
            w.WriteNull("tone");
        }

        w.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter w, int start, int end, string text)
    {
        w.WriteNumber("start", start);
        w.WriteNumber("end", end);
        w.WriteString("text", text);
    }

    private static void WriteEntity(Utf8JsonWriter w, Entity e)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        w.WriteString("name", e.Name);
        w.WriteString("type", e.Type);
        w.WriteString("kb_id", e.KbId);
        w.WriteString("country", e.Country);
        w.WriteString("sector", e.Sector);
        w.WriteString("actor_code", e.ActorCode);
        w.WriteString("role", e.Role);
        w.WriteStartArray("mentions");
        foreach (var m in e.Mentions)
        {
            w.WriteStartObject();
            WriteSpan(w, m.Start, m.End, m.Text);
            w.WriteString("kind", m.Kind switch
            {
                MentionKind.Name => "name",
                MentionKind.Nominal => "nominal",
                _ => "pronoun",
            });
            if (m.Type is not null && m.Type != e.Type)
            {
                w.WriteString("type", m.Type);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteQuote(Utf8JsonWriter w, Quote q)
    {
        w.WriteStartObject();
        WriteSpan(w, q.Start, q.End, q.Text);
        w.WriteBoolean("direct", q.Direct);
        if (q.Speaker is { } s)
        {
            w.WriteStartObject("speaker");
            w.WriteString("entity", s.EntityId);
            w.WriteString("name", s.Name);
            w.WriteNumber("start", s.Start);
            w.WriteNumber("end", s.End);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("speaker");
        }

        if (q.Cue is { } c)
        {
            w.WriteStartObject("cue");
            WriteSpan(w, c.Start, c.End, c.Text);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("cue");
        }

        w.WriteEndObject();
    }

    private static void WritePlace(Utf8JsonWriter w, Place p)
    {
        w.WriteStartObject();
        WriteSpan(w, p.Start, p.End, p.Text);
        w.WriteString("name", p.Name);
        WriteNullable(w, "geonames_id", p.GeonamesId);
        w.WriteString("feature", p.Feature);
        w.WriteString("country", p.Country);
        w.WriteString("admin1", p.Admin1);
        WriteNullable(w, "lat", p.Lat);
        WriteNullable(w, "lon", p.Lon);
        w.WriteEndObject();
    }

    private static void WriteActors(Utf8JsonWriter w, string name, IEnumerable<EventActor> actors)
    {
        w.WriteStartArray(name);
        foreach (var actor in actors)
        {
            w.WriteStartObject();
            w.WriteString("entity", actor.EntityId);
            w.WriteString("name", actor.Name);
            w.WriteString("code", actor.Code);
            w.WriteString("country", actor.Country);
            w.WriteString("sector", actor.Sector);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteEvent(Utf8JsonWriter w, Event e)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
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
        WriteActors(w, "source", e.Source);
        WriteActors(w, "target", e.Target);
        w.WriteString("date", e.Date);
        if (e.Place is { } p)
        {
            w.WriteStartObject("place");
            w.WriteString("name", p.Name);
            WriteNullable(w, "geonames_id", p.GeonamesId);
            w.WriteString("country", p.Country);
            WriteNullable(w, "lat", p.Lat);
            WriteNullable(w, "lon", p.Lon);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("place");
        }

        w.WriteBoolean("negated", e.Negated);
        w.WriteBoolean("hypothetical", e.Hypothetical);
        w.WriteBoolean("future", e.Future);
        w.WriteStartObject("sentence");
        w.WriteNumber("start", e.Sentence.Start);
        w.WriteNumber("end", e.Sentence.End);
        w.WriteEndObject();
        w.WriteStartObject("trigger");
        WriteSpan(w, e.Trigger.Start, e.Trigger.End, e.Trigger.Text);
        w.WriteEndObject();
        WriteNullable(w, "quote", e.Quote);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
