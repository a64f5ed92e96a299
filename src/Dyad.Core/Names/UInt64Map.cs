using System.Runtime.CompilerServices;

namespace Dyad.Names;

/// <summary>
/// A hash table from 64-bit keys (already hashes) to 32-bit values for the recogniser's hot look-ups:
/// open addressing with linear probing over a key array (a miss reads only keys, eight to a cache
/// line) and a parallel value array, at most three quarters full. Its methods are compiled fully optimised on
/// first call (<see cref="MethodImplOptions.AggressiveOptimization"/>), unlike the generic
/// <see cref="Dictionary{TKey,TValue}"/> instantiations over value types, which run unoptimised until
/// the runtime's tiering recompiles them seconds later. Not thread-safe for writes; reads of a table
/// no longer written are.
/// </summary>
internal sealed class UInt64Map
{
    // Key 0 marks an empty slot; the key 0 itself is kept apart.
    private ulong[] _keys;
    private uint[] _values;
    private int _shift;
    private bool _hasZero;
    private uint _zeroValue;

    public UInt64Map(int capacity = 0)
    {
        var size = 16;
        while (size * 3 < capacity * 4)
        {
            size *= 2;
        }

        _keys = new ulong[size];
        _values = new uint[size];
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    public int Count { get; private set; }

    /// <summary>The value of a key, or 0 when absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public uint Get(ulong key)
    {
        TryGet(key, out var value);
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ulong key, out uint value)
    {
        if (key == 0)
        {
            value = _zeroValue;
            return _hasZero;
        }

        var keys = _keys;
        var mask = keys.Length - 1;
        var i = Slot(key);
        while (true)
        {
            var k = keys[i];
            if (k == key)
            {
                value = _values[i];
                return true;
            }

            if (k == 0)
            {
                value = 0;
                return false;
            }

            i = (i + 1) & mask;
        }
    }

    public bool Contains(ulong key) => TryGet(key, out _);

    /// <summary>Sets the value of a key (adding it when absent).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Set(ulong key, uint value)
    {
        if (key == 0)
        {
            Count += _hasZero ? 0 : 1;
            _hasZero = true;
            _zeroValue = value;
            return;
        }

        var i = Find(key);
        if (_keys[i] == 0)
        {
            if ((Count + 1) * 4 > _keys.Length * 3)
            {
                Grow();
                i = Find(key);
            }

            _keys[i] = key;
            Count++;
        }

        _values[i] = value;
    }

    /// <summary>ORs bits into the value of a key (adding it when absent).</summary>
    public void Or(ulong key, uint bits) => Set(key, Get(key) | bits);

    /// <summary>Removes every key, keeping the arrays.</summary>
    public void Clear()
    {
        Array.Clear(_keys);
        Array.Clear(_values);
        _hasZero = false;
        _zeroValue = 0;
        Count = 0;
    }

    /// <summary>Every (key, value) pair, in no particular order.</summary>
    public IEnumerable<(ulong Key, uint Value)> Pairs()
    {
        if (_hasZero)
        {
            yield return (0, _zeroValue);
        }

        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0)
            {
                yield return (_keys[i], _values[i]);
            }
        }
    }

    // Fibonacci hashing: the top bits of key × 2^64/φ (the keys are hashes, but FNV-1a's low bits are weak).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(ulong key)
    {
        var keys = _keys;
        var mask = keys.Length - 1;
        var i = Slot(key);
        while (keys[i] != 0 && keys[i] != key)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    private void Grow()
    {
        var (keys, values) = (_keys, _values);
        _keys = new ulong[keys.Length * 2];
        _values = new uint[keys.Length * 2];
        _shift--;
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] != 0)
            {
                var j = Find(keys[i]);
                _keys[j] = keys[i];
                _values[j] = values[i];
            }
        }
    }
}
