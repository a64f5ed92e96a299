using System.Collections.Frozen;
using Dyad.Resources;

namespace Dyad.Knowledge;

/// <summary>
/// Renamed places and spelling variants that are one place (Kiev → Kyiv, Bombay → Mumbai, Peking → Beijing,
/// Burma → Myanmar, Swaziland → Eswatini, Turkey → Türkiye), from <c>knowledge/renamed.tsv</c>.
/// Keys are <see cref="NameKey"/> folds, so "Kiev", "KIEV" and "Kiev's" stem all meet the same entry.
/// </summary>
public static class RenamedPlaces
{
    private static readonly Lazy<(FrozenDictionary<string, string> Map, int MaxTokens)> Data = new(Load);

    /// <summary>The current name of a place named by a former name or variant (folded key), else null.</summary>
    public static string? Current(string foldedKey) =>
        Data.Value.Map.TryGetValue(foldedKey, out var name) ? name : null;

    /// <summary>The longest variant, in tokens.</summary>
    public static int MaxTokens => Data.Value.MaxTokens;

    /// <summary>The folded key of the current name for a name (itself when it is not a variant).</summary>
    public static string CanonicalKey(string foldedKey) =>
        Current(foldedKey) is { } current ? NameKey.Of(current) : foldedKey;

    private static (FrozenDictionary<string, string>, int) Load()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var max = 1;
        foreach (var line in EmbeddedData.ReadDataLines("knowledge/renamed.tsv"))
        {
            var f = line.Split('\t');
            if (f.Length < 2)
            {
                continue;
            }

            foreach (var v in f[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var tokens = NameKey.TokenTexts(v);
                map.TryAdd(NameKey.Of(tokens), f[0].Trim());
                max = Math.Max(max, tokens.Count);
            }
        }

        return (map.ToFrozenDictionary(StringComparer.Ordinal), max);
    }
}
