using System.Collections.Immutable;
using Dyad.Pipeline;

namespace Dyad.Places;

/// <summary>
/// The places stage: recognises every place name (gazetteer matching plus the names stage's
/// GPE/LOC/FAC names when present) and resolves each to the offline gazetteer using the whole
/// document. Fills <see cref="Analysis.Places"/>; names it cannot resolve are kept with feature
/// "other" and no coordinates, so one unknown name never empties the result.
/// </summary>
public sealed class PlacesStage : IStage
{
    private readonly Gazetteer _gazetteer;
    private readonly PlaceRecogniser _recogniser;
    private readonly PlaceResolver _resolver;

    public PlacesStage()
        : this(Gazetteer.Instance)
    {
    }

    public PlacesStage(Gazetteer gazetteer)
    {
        _gazetteer = gazetteer;
        _recogniser = new PlaceRecogniser(gazetteer);
        _resolver = new PlaceResolver(gazetteer);
    }

    public string Name => "places";

    public Analysis Run(Analysis analysis)
    {
        try
        {
            return analysis with { Places = Find(analysis) };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Bad text never breaks the pipeline: the stage adds nothing rather than throw.
            return analysis;
        }
    }

    private ImmutableArray<Place> Find(Analysis analysis)
    {
        if (analysis.Tokens.IsDefaultOrEmpty)
        {
            return [];
        }

        var mentions = _recogniser.Find(analysis);
        var choice = _resolver.Resolve(mentions, Demonyms(analysis), PlaceLists.Find(analysis.Text, mentions));
        var places = ImmutableArray.CreateBuilder<Place>(mentions.Count);
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            var text = analysis.Text[m.Start..m.End];
            if (choice[i] < 0)
            {
                places.Add(new Place(m.Start, m.End, text, text, null, "other", null, null, null, null));
                continue;
            }

            var e = _gazetteer.Entries[choice[i]];
            places.Add(new Place(m.Start, m.End, text, e.Name, e.GeonamesId, e.FeatureName, e.Country,
                e.Feature == PlaceFeature.Country ? null : e.Admin1, Math.Round(e.Lat, 4), Math.Round(e.Lon, 4)));
        }

        return places.DrainToImmutable();
    }

    /// <summary>Countries named by demonyms in the text ("Russian" → RUS), with their counts.</summary>
    private Dictionary<string, int> Demonyms(Analysis analysis)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var text = analysis.Text;
        foreach (var token in analysis.Tokens)
        {
            if (token.Kind != TokenKind.Word || token.Length < 4 || !char.IsUpper(text[token.Start]))
            {
                continue;
            }

            var codes = _gazetteer.Demonym(Gazetteer.Key(text.AsSpan(token.Start, token.Length)));
            if (codes.Length == 1)
            {
                counts[codes[0]] = counts.GetValueOrDefault(codes[0]) + 1;
            }
        }

        return counts;
    }
}

