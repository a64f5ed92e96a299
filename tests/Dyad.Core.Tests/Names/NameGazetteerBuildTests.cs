using System.IO.Compression;
using Dyad.Names;
using Dyad.Resources;

namespace Dyad.Tests.Names;

/// <summary>
/// The names gazetteer is derived from the knowledge base and the places gazetteer embedded beside it, and
/// the shipped model was trained with it: a change to either source must come with a rebuilt table (and a
/// retrained model), or training and recognition would read different features.
/// </summary>
public sealed class NameGazetteerBuildTests
{
    [Fact]
    public void The_shipped_names_gazetteer_is_what_its_build_command_makes_from_the_shipped_data()
    {
        using var fresh = new MemoryStream();
        NameGazetteer.FromKnowledgeData().Save(fresh);
        fresh.Position = 0;
        using var built = new MemoryStream();
        using (var gzip = new GZipStream(fresh, CompressionMode.Decompress))
        {
            gzip.CopyTo(built);
        }

        using var shipped = new MemoryStream();
        using (var embedded = EmbeddedData.Open("names/gazetteer.bin.gz"))
        {
            embedded.CopyTo(shipped);
        }

        Assert.True(
            shipped.ToArray().AsSpan().SequenceEqual(built.ToArray()),
            "names/gazetteer.bin.gz differs from a fresh build of the knowledge base and places data: run "
            + "`Dyad.Train gazetteer`, then retrain the names model (docs/notes/names.md, \"Training\").");
    }
}
