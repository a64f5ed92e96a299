using System.IO.Compression;
using System.Reflection;

namespace Dyad.Resources;

/// <summary>
/// Reads the data files embedded in Dyad.Core (dictionaries, patterns, models). Paths are relative
/// to <c>src/Dyad.Core/Resources/</c> with forward slashes, e.g. <c>text/abbreviations.txt</c>.
/// Files ending in <c>.gz</c> are decompressed on the fly.
/// </summary>
public static class EmbeddedData
{
    private static readonly Assembly Assembly = typeof(EmbeddedData).Assembly;

    public static Stream Open(string path)
    {
        var name = "Dyad.Resources." + path.Replace('\\', '/');
        var stream = Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{path}' is missing from Dyad.Core.");
        return path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(stream, CompressionMode.Decompress)
            : stream;
    }

    public static bool Exists(string path) =>
        Assembly.GetManifestResourceInfo("Dyad.Resources." + path.Replace('\\', '/')) is not null;

    public static string ReadText(string path)
    {
        using var reader = new StreamReader(Open(path));
        return reader.ReadToEnd();
    }

    /// <summary>Non-empty lines, trimmed, without comment lines starting with '#'.</summary>
    public static IEnumerable<string> ReadDataLines(string path)
    {
        using var reader = new StreamReader(Open(path));
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            yield return trimmed;
        }
    }

    /// <summary>Lines grouped under <c>[section]</c> headers.</summary>
    public static Dictionary<string, List<string>> ReadSections(string path)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var current = "";
        foreach (var line in ReadDataLines(path))
        {
            if (line.Length > 2 && line[0] == '[' && line[^1] == ']')
            {
                current = line[1..^1];
                continue;
            }

            if (!sections.TryGetValue(current, out var list))
            {
                sections[current] = list = [];
            }

            list.Add(line);
        }

        return sections;
    }
}
