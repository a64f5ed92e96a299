using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Dyad.Evaluation;

namespace Dyad.Places;

/// <summary>A gold toponym: its span in the text and, where the gold has them, its coordinates.</summary>
public sealed record GoldToponym(int Start, int End, double? Lat, double? Lon);

/// <summary>A gold document for geoparsing: text, optional date, toponyms.</summary>
public sealed record GoldPlaces(string Id, string Text, DateOnly? Date, IReadOnlyList<GoldToponym> Toponyms);

/// <summary>Scores of one or more documents.</summary>
public sealed record PlaceScore(Score Exact, Score Overlap, int WithCoordinates, int Resolved, int Within161, IReadOnlyList<double> ErrorsKm)
{
    /// <summary>Share of recognised gold toponyms (with coordinates) resolved within 161 km (100 miles).</summary>
    public double AccuracyOfRecognised => Resolved == 0 ? 0 : (double)Within161 / Resolved;

    /// <summary>Share of all gold toponyms with coordinates found and resolved within 161 km (end to end).</summary>
    public double AccuracyEndToEnd => WithCoordinates == 0 ? 0 : (double)Within161 / WithCoordinates;

    public double MedianErrorKm
    {
        get
        {
            if (ErrorsKm.Count == 0)
            {
                return 0;
            }

            var sorted = ErrorsKm.Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }

    public static PlaceScore operator +(PlaceScore a, PlaceScore b) => new(
        a.Exact + b.Exact, a.Overlap + b.Overlap, a.WithCoordinates + b.WithCoordinates, a.Resolved + b.Resolved,
        a.Within161 + b.Within161, [.. a.ErrorsKm, .. b.ErrorsKm]);

    public static PlaceScore Empty { get; } = new(default, default, 0, 0, 0, []);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"recognition exact: {Exact}\nrecognition overlap: {Overlap}\n" +
        $"accuracy@161km of recognised: {AccuracyOfRecognised:F4} ({Within161}/{Resolved})  end to end: {AccuracyEndToEnd:F4} ({Within161}/{WithCoordinates})  median error {MedianErrorKm:F0} km");
}

/// <summary>
/// Geoparsing evaluation. Reads Dyad's JSON Lines gold format — one document a line:
/// <c>{"id": "...", "date": "2025-01-22", "text": "...", "toponyms": [{"start": 0, "end": 6, "lat": 55.75, "lon": 37.62}]}</c>
/// (offsets are UTF-16 code units into text, end exclusive; lat/lon optional) — and LGL/GeoWebNews-style
/// XML (<c>article</c> elements with a <c>text</c> child and <c>toponym</c> elements carrying
/// <c>start</c>, <c>end</c> and <c>lat</c>/<c>lon</c>, as children, attributes or inside <c>gaztag</c>).
/// Recognition is scored on exact and on overlapping spans; resolution as the share of gold toponyms whose
/// overlapping predicted place lies within 161 km.
/// </summary>
public static class PlaceScorer
{
    public const double ToleranceKm = 161;

    private static readonly XmlReaderSettings SafeXml = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

    public static PlaceScore Score(GoldPlaces gold, IReadOnlyList<Place> predicted)
    {
        var goldSpans = gold.Toponyms.Select(t => new TextRange(t.Start, t.End)).ToHashSet();
        var predictedSpans = predicted.Select(p => new TextRange(p.Start, p.End)).ToHashSet();
        var exactTp = predictedSpans.Count(goldSpans.Contains);
        var exact = new Score(exactTp, predictedSpans.Count - exactTp, goldSpans.Count - exactTp);
        var overlapTpGold = goldSpans.Count(g => predictedSpans.Any(p => p.Overlaps(g)));
        var overlapTpPredicted = predictedSpans.Count(p => goldSpans.Any(g => g.Overlaps(p)));
        var overlap = new Score(overlapTpGold, predictedSpans.Count - overlapTpPredicted, goldSpans.Count - overlapTpGold);

        int withCoordinates = 0, resolved = 0, within = 0;
        var errors = new List<double>();
        foreach (var t in gold.Toponyms)
        {
            if (t.Lat is not { } lat || t.Lon is not { } lon)
            {
                continue;
            }

            withCoordinates++;
            var range = new TextRange(t.Start, t.End);
            var place = predicted.FirstOrDefault(p => p.Lat is not null && new TextRange(p.Start, p.End).Overlaps(range));
            if (place is null)
            {
                continue;
            }

            resolved++;
            var km = GeoDistance.Kilometres(lat, lon, place.Lat!.Value, place.Lon!.Value);
            errors.Add(km);
            if (km <= ToleranceKm)
            {
                within++;
            }
        }

        return new PlaceScore(exact, overlap, withCoordinates, resolved, within, errors);
    }

    /// <summary>Reads gold documents from a .jsonl or .xml file's content.</summary>
    public static List<GoldPlaces> Read(string fileName, string content) =>
        fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? ReadXml(fileName, content) : ReadJsonLines(fileName, content);

    public static List<GoldPlaces> ReadJsonLines(string fileName, string content)
    {
        var documents = new List<GoldPlaces>();
        var lineNumber = 0;
        foreach (var line in content.Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var text = root.GetProperty("text").GetString() ?? "";
            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()! : $"{Path.GetFileName(fileName)}:{lineNumber}";
            DateOnly? date = root.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String
                && DateOnly.TryParse(d.GetString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            var toponyms = new List<GoldToponym>();
            if (root.TryGetProperty("toponyms", out var array))
            {
                foreach (var t in array.EnumerateArray())
                {
                    var start = t.GetProperty("start").GetInt32();
                    var end = t.GetProperty("end").GetInt32();
                    if (start < 0 || end > text.Length || end <= start)
                    {
                        continue;
                    }

                    toponyms.Add(new GoldToponym(start, end, Number(t, "lat"), Number(t, "lon")));
                }
            }

            documents.Add(new GoldPlaces(id, text, date, toponyms));
        }

        return documents;
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public static List<GoldPlaces> ReadXml(string fileName, string content)
    {
        using var reader = XmlReader.Create(new StringReader(content), SafeXml);
        var root = XDocument.Load(reader, LoadOptions.PreserveWhitespace).Root!;
        var articles = root.Name.LocalName == "article" ? [root] : root.Descendants().Where(e => e.Name.LocalName == "article").ToList();
        var documents = new List<GoldPlaces>();
        var n = 0;
        foreach (var article in articles)
        {
            n++;
            var text = (string?)article.Elements().FirstOrDefault(e => e.Name.LocalName == "text") ?? "";
            var id = (string?)article.Attribute("docid") ?? (string?)article.Attribute("id") ?? $"{Path.GetFileName(fileName)}#{n}";
            var toponyms = new List<GoldToponym>();
            foreach (var t in article.Descendants().Where(e => e.Name.LocalName == "toponym"))
            {
                if (Field(t, "start") is not { } s || Field(t, "end") is not { } e
                    || !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
                    || !int.TryParse(e, NumberStyles.Integer, CultureInfo.InvariantCulture, out var end)
                    || start < 0 || end > text.Length || end <= start)
                {
                    continue;
                }

                toponyms.Add(new GoldToponym(start, end, Coordinate(t, "lat", "latitude"), Coordinate(t, "lon", "longitude")));
            }

            documents.Add(new GoldPlaces(id, text, null, toponyms));
        }

        return documents;
    }

    private static string? Field(XElement element, string name) =>
        (string?)element.Attribute(name) ?? (string?)element.Elements().FirstOrDefault(c => c.Name.LocalName == name);

    private static double? Coordinate(XElement toponym, params string[] names)
    {
        foreach (var name in names)
        {
            var value = Field(toponym, name)
                ?? (string?)toponym.Descendants().FirstOrDefault(c => c.Name.LocalName == name)
                ?? toponym.Descendants().Select(c => (string?)c.Attribute(name)).FirstOrDefault(v => v is not null);
            if (value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }

        return null;
    }
}
