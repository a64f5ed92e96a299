using System.Collections.Frozen;

namespace Dyad.Storage.Export;

/// <summary>ISO 3166-1 alpha-3 to FIPS 10-4 country codes, for GDELT's Geo columns (embedded resources/iso3-fips.tsv).</summary>
public static class Fips
{
    private static readonly Lazy<FrozenDictionary<string, string>> Map = new(Load);

    /// <summary>The FIPS 10-4 code of an ISO alpha-3 country code; null when unknown.</summary>
    public static string? FromIso3(string? iso3) =>
        iso3 is not null && Map.Value.TryGetValue(iso3.Trim().ToUpperInvariant(), out var fips) ? fips : null;

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(Fips).Assembly.GetManifestResourceStream("Dyad.Storage.Resources.iso3-fips.tsv")
            ?? throw new InvalidOperationException("embedded resource iso3-fips.tsv is missing");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab != 3 || line.Length - tab - 1 != 2)
            {
                throw new InvalidOperationException($"iso3-fips.tsv: bad line '{line}'");
            }

            map[line[..tab]] = line[(tab + 1)..];
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
