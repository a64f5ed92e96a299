namespace Dyad.Names;

/// <summary>
/// Distributional word clusters computed by the training tool from unlabelled text: each
/// lowercased word (by its hash) has a fine and a coarse cluster id; 0 means unknown.
/// </summary>
public sealed class WordClusters
{
    private readonly Dictionary<ulong, (ushort Fine, ushort Coarse)> _map;

    // The same, for the look-ups: fine | coarse << 16.
    private readonly UInt64Map _table;

    public WordClusters(Dictionary<ulong, (ushort Fine, ushort Coarse)> map)
    {
        _map = map;
        _table = new UInt64Map(map.Count);
        foreach (var (key, (fine, coarse)) in map)
        {
            _table.Set(key, fine | ((uint)coarse << 16));
        }
    }

    /// <summary>Set on the coarse id of a word the training text usually writes in lower case (for recasing headlines).</summary>
    public const ushort UsuallyLowerBit = 0x8000;

    public static WordClusters Empty { get; } = new([]);

    public int Count => _map.Count;

    public IReadOnlyDictionary<ulong, (ushort Fine, ushort Coarse)> Map => _map;

    /// <summary>The fine and coarse cluster of a word (0: unknown) and whether it is usually written in lower case.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public (ushort Fine, ushort Coarse, bool UsuallyLower) Get(ulong lowerHash)
    {
        var c = _table.Get(lowerHash);
        var coarse = (ushort)(c >> 16);
        return ((ushort)c, (ushort)(coarse & ~UsuallyLowerBit), (coarse & UsuallyLowerBit) != 0);
    }

    /// <summary>The key of a word, as the feature extractor computes it.</summary>
    public static ulong KeyOf(string word) => Hashing.Lower(word);
}
