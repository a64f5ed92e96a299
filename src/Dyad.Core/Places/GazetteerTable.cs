using System.Collections;
using System.Runtime.InteropServices;
using System.Text;
using Dyad.Resources;

namespace Dyad.Places;

/// <summary>
/// The built gazetteer in its compact binary form (<c>places/gazetteer.bin.gz</c>, written by
/// <c>tools/gazetteer/build.mjs</c>): one array per column, a pool of UTF-8 strings decoded on first use,
/// and the name index as lookup keys sorted by their UTF-8 bytes, searched by bisection. Loading copies
/// arrays and parses nothing; no hash table of names is built.
/// </summary>
internal sealed class GazetteerTable
{
    private readonly byte[] _poolBytes;
    private readonly int[] _poolOffsets;
    private readonly string?[] _strings;
    private readonly byte[] _feature;
    private readonly byte[] _flags;
    private readonly int[] _geonames;
    private readonly int[] _name;
    private readonly int[] _country;
    private readonly int[] _admin;
    private readonly int[] _lat;
    private readonly int[] _lon;
    private readonly int[] _population;
    private readonly int[] _code;
    private readonly int[] _demonyms;
    private readonly byte[] _keyBytes;
    private readonly int[] _keyOffsets;
    private readonly int[] _keyStarts;
    private readonly NameTarget[] _targets;
    private readonly int[] _buckets;

    private GazetteerTable(byte[] data)
    {
        var reader = new Reader(data);
        if (reader.Ascii(4) != "DYGZ" || reader.Int() != 1)
        {
            throw new InvalidDataException("places/gazetteer.bin.gz: not a Dyad gazetteer (version 1).");
        }

        (_poolBytes, _poolOffsets) = reader.Blob();
        _strings = new string?[_poolOffsets.Length - 1];
        Count = reader.Int();
        _feature = reader.Bytes(Count);
        _flags = reader.Bytes(Count);
        _geonames = reader.Ints(Count);
        _name = reader.Ints(Count);
        _country = reader.Ints(Count);
        _admin = reader.Ints(Count);
        _lat = reader.Ints(Count);
        _lon = reader.Ints(Count);
        _population = reader.Ints(Count);
        _code = reader.Ints(Count);
        _demonyms = reader.Ints(Count);
        (_keyBytes, _keyOffsets) = reader.Blob();
        KeyCount = _keyOffsets.Length - 1;
        _keyStarts = reader.Ints(KeyCount + 1);
        // Where the keys of each first two bytes begin (a shorter key counts its missing byte as 0, which
        // sorts first, as in the bytes' order): bisection then searches one bucket of a few dozen keys.
        _buckets = new int[(1 << 16) + 1];
        var bucket = 0;
        for (var k = 0; k < KeyCount; k++)
        {
            var b = BucketOf(KeyAt(k));
            while (bucket <= b)
            {
                _buckets[bucket++] = k;
            }
        }

        while (bucket < _buckets.Length)
        {
            _buckets[bucket++] = KeyCount;
        }

        var packed = reader.Ints(reader.Int());
        _targets = new NameTarget[packed.Length];
        for (var i = 0; i < packed.Length; i++)
        {
            _targets[i] = new NameTarget(packed[i] >> 1, false, false, (packed[i] & 1) != 0);
        }
    }

    public int Count { get; }

    public int KeyCount { get; }

    public static GazetteerTable Read(string resource)
    {
        using var stream = EmbeddedData.Open(resource);
        using var buffer = new MemoryStream(14 << 20);
        stream.CopyTo(buffer);
        return new GazetteerTable(buffer.GetBuffer());
    }

    public PlaceFeature Feature(int i) => _feature[i] switch
    {
        0 => PlaceFeature.Country,
        1 => PlaceFeature.Admin1,
        2 => PlaceFeature.Admin2,
        _ => PlaceFeature.City,
    };

    public string? Country(int i) => String(_country[i]);

    /// <summary>The admin1 code of a first-level division; the admin1 name of other entries.</summary>
    public string? Admin(int i) => String(_admin[i]);

    public string? Demonyms(int i) => String(_demonyms[i]);

    /// <summary>The row of a GeoNames id, or -1.</summary>
    public int FindGeonames(long id) => id is > 0 and <= int.MaxValue ? Array.IndexOf(_geonames, (int)id) : -1;

    public PlaceEntry Entry(int i)
    {
        var feature = Feature(i);
        long? id = _geonames[i] > 0 ? _geonames[i] : null;
        var name = String(_name[i]) ?? "";
        var country = Country(i);
        var admin = Admin(i);
        var lat = _lat[i] / 1e4;
        var lon = _lon[i] / 1e4;
        var common = (_flags[i] & 1) != 0;
        var code = String(_code[i]) ?? "";
        return feature switch
        {
            PlaceFeature.Country => new PlaceEntry(i, feature, id, name, country, null, null, lat, lon, 0, code, common, false),
            PlaceFeature.Admin1 => new PlaceEntry(i, feature, id, name, country, name, admin, lat, lon, _population[i], code, common, false),
            _ => new PlaceEntry(i, feature, id, name, country, admin, null, lat, lon, _population[i], code, common, false),
        };
    }

    /// <summary>The entries of a lookup key, or nothing.</summary>
    public ReadOnlySpan<NameTarget> Lookup(string key)
    {
        var index = Find(key, prefix: false);
        return index < 0 ? [] : _targets.AsSpan(_keyStarts[index], _keyStarts[index + 1] - _keyStarts[index]);
    }

    /// <summary>
    /// Every lookup key with each of its entries, in key order. Keys are folded forms (see <see cref="Gazetteer.Key(ReadOnlySpan{char})"/>):
    /// the only form the table keeps of the alternate names (<see cref="NameTarget.AltName"/>: GeoNames' alternate names).
    /// </summary>
    internal IEnumerable<(string Key, NameTarget Target)> KeyTargets()
    {
        for (var k = 0; k < KeyCount; k++)
        {
            var key = Encoding.UTF8.GetString(_keyBytes, _keyOffsets[k], _keyOffsets[k + 1] - _keyOffsets[k]);
            for (var t = _keyStarts[k]; t < _keyStarts[k + 1]; t++)
            {
                yield return (key, _targets[t]);
            }
        }
    }

    /// <summary>Whether some key begins with this text.</summary>
    public bool HasKeyStartingWith(string prefix) => Find(prefix, prefix: true) >= 0;

    private int Find(string key, bool prefix)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> bytes = max <= 512 ? stackalloc byte[max] : new byte[max];
        var query = bytes[..Encoding.UTF8.GetBytes(key, bytes)];
        if (query.IsEmpty)
        {
            return -1;
        }

        var b = BucketOf(query);
        var lo = _buckets[b];
        var end = _buckets[b + 1];
        var hi = end - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = KeyAt(mid).SequenceCompareTo(query);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // lo is the first key after the query: with a prefix query, it is the only candidate to start with it.
        return prefix && lo < end && KeyAt(lo).StartsWith(query) ? lo : -1;
    }

    private static int BucketOf(ReadOnlySpan<byte> key) => key.Length == 0 ? 0 : (key[0] << 8) | (key.Length > 1 ? key[1] : 0);

    private ReadOnlySpan<byte> KeyAt(int i) => _keyBytes.AsSpan(_keyOffsets[i], _keyOffsets[i + 1] - _keyOffsets[i]);

    private string? String(int index)
    {
        if (index < 0)
        {
            return null;
        }

        var s = Volatile.Read(ref _strings[index]);
        if (s is null)
        {
            s = Encoding.UTF8.GetString(_poolBytes, _poolOffsets[index], _poolOffsets[index + 1] - _poolOffsets[index]);
            s = Interlocked.CompareExchange(ref _strings[index], s, null) ?? s;
        }

        return s;
    }

    private ref struct Reader(byte[] data)
    {
        private readonly byte[] _data = data;
        private int _at;

        public string Ascii(int length)
        {
            var s = Encoding.ASCII.GetString(_data, _at, length);
            _at += length;
            return s;
        }

        public int Int()
        {
            var value = BitConverter.ToInt32(_data, _at);
            _at += 4;
            return value;
        }

        public byte[] Bytes(int count)
        {
            var bytes = _data.AsSpan(_at, count).ToArray();
            _at += count;
            return bytes;
        }

        public int[] Ints(int count)
        {
            var ints = MemoryMarshal.Cast<byte, int>(_data.AsSpan(_at, count * 4)).ToArray();
            _at += count * 4;
            return ints;
        }

        public (byte[] Bytes, int[] Offsets) Blob()
        {
            var count = Int();
            var length = Int();
            var bytes = Bytes(length);
            return (bytes, Ints(count + 1));
        }
    }
}

/// <summary>The gazetteer's entries: the built table's rows, made into <see cref="PlaceEntry"/> records on first use, then Dyad's own.</summary>
internal sealed class EntryList : IReadOnlyList<PlaceEntry>
{
    private readonly GazetteerTable _table;
    private readonly PlaceEntry?[] _rows;
    private readonly List<PlaceEntry> _extra = [];

    public EntryList(GazetteerTable table)
    {
        _table = table;
        _rows = new PlaceEntry?[table.Count];
    }

    public int Count => _rows.Length + _extra.Count;

    public PlaceEntry this[int index]
    {
        get
        {
            if (index >= _rows.Length)
            {
                return _extra[index - _rows.Length];
            }

            var entry = Volatile.Read(ref _rows[index]);
            if (entry is null)
            {
                entry = _table.Entry(index);
                entry = Interlocked.CompareExchange(ref _rows[index], entry, null) ?? entry;
            }

            return entry;
        }
    }

    internal void AddExtra(PlaceEntry entry) => _extra.Add(entry);

    public IEnumerator<PlaceEntry> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
