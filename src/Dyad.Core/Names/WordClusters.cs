namespace Dyad.Names;

/// <summary>
/// Distributional word clusters computed by the training tool from unlabelled text: each
/// lowercased word (by its hash) has a fine and a coarse cluster id; 0 means unknown.
/// </summary>
public sealed class WordClusters
{
    private readonly Dictionary<ulong, (ushort Fine, ushort Coarse)> _map;

    public WordClusters(Dictionary<ulong, (ushort Fine, ushort Coarse)> map) => _map = map;

    /// <summary>Set on the coarse id of a word the training text usually writes in lower case (for recasing headlines).</summary>
    public const ushort UsuallyLowerBit = 0x8000;

    public static WordClusters Empty { get; } = new([]);

    public int Count => _map.Count;

    public IReadOnlyDictionary<ulong, (ushort Fine, ushort Coarse)> Map => _map;

    /// <summary>The fine and coarse cluster of a word (0: unknown) and whether it is usually written in lower case.</summary>
    public (ushort Fine, ushort Coarse, bool UsuallyLower) Get(ulong lowerHash) =>
        _map.TryGetValue(lowerHash, out var c) ? (c.Fine, (ushort)(c.Coarse & ~UsuallyLowerBit), (c.Coarse & UsuallyLowerBit) != 0) : default;

    /// <summary>The key of a word, as the feature extractor computes it.</summary>
    public static ulong KeyOf(string word) => Hashing.Lower(word);
}
