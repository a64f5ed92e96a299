using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Runtime.CompilerServices;

namespace Dyad.Storage.Sql;

/// <summary>
/// The JSON of an event's actors and place as stored in <c>doc_events</c>, written by hand with a
/// reused <see cref="Utf8JsonWriter"/>: the same text as <c>JsonSerializer.Serialize</c> with the
/// default options (property names and order of the records, default escaping), which cost about
/// a tenth of a save on the bench corpus. <c>SqlStore.Load</c> reads it back with the serializer.
/// </summary>
internal sealed class EventJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _writer;

    public EventJson() => _writer = new Utf8JsonWriter(_buffer);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Actors(System.Collections.Immutable.ImmutableArray<EventActor> actors)
    {
        Start();
        _writer.WriteStartArray();
        if (!actors.IsDefault)
        {
            foreach (var a in actors)
            {
                _writer.WriteStartObject();
                Str("EntityId", a.EntityId);
                Str("Name", a.Name);
                Str("Code", a.Code);
                Str("Country", a.Country);
                Str("Sector", a.Sector);
                _writer.WriteEndObject();
            }
        }

        _writer.WriteEndArray();
        return Done();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Place(EventPlace? place)
    {
        if (place is null)
        {
            return null;
        }

        Start();
        _writer.WriteStartObject();
        Str("Name", place.Name);
        if (place.GeonamesId is { } id)
        {
            _writer.WriteNumber("GeonamesId", id);
        }
        else
        {
            _writer.WriteNull("GeonamesId");
        }

        Str("Country", place.Country);
        Num("Lat", place.Lat);
        Num("Lon", place.Lon);
        _writer.WriteEndObject();
        return Done();
    }

    private void Start()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
    }

    private string Done()
    {
        _writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }

    private void Str(string name, string? value)
    {
        if (value is null)
        {
            _writer.WriteNull(name);
        }
        else
        {
            _writer.WriteString(name, value);
        }
    }

    private void Num(string name, double? value)
    {
        if (value is { } v)
        {
            _writer.WriteNumber(name, v);
        }
        else
        {
            _writer.WriteNull(name);
        }
    }
}
