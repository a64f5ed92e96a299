namespace Dyad.Names;

/// <summary>
/// Distributional word clusters computed by the training tool from unlabelled text: each
/// lowercased word (by its hash) has a fine and a coarse cluster id; 0 means unknown.
/// </summary>
public sealed class WordClusters
{
    private readonly Dictionary<ulong, (ushort Fine, ushort Coarse)> _map;

    public WordClusters(Dictionary<ulong, (ushort Fine, ushort Coarse)> map) => _map = map;

    public static WordClusters Empty { get; } = new([]);

    public int Count => _map.Count;

    public IReadOnlyDictionary<ulong, (ushort Fine, ushort Coarse)> Map => _map;

    public (ushort Fine, ushort Coarse) Get(ulong lowerHash) => _map.TryGetValue(lowerHash, out var c) ? c : default;

    /// <summary>The key of a word, as the feature extractor computes it.</summary>
    public static ulong KeyOf(string word) => Hashing.Lower(word);
}
