using Dyad.Reading;

namespace Dyad.Bench;

/// <summary>The benchmark corpus (bench/corpus/corpus.jsonl, built by 'dyad bench corpus'), found from the working folder upwards.</summary>
internal static class Corpus
{
    private static readonly Lazy<IReadOnlyList<Document>> Documents = new(Load);

    public static IReadOnlyList<Document> All => Documents.Value;

    public static long Words => All.Sum(d => (long)Text.Tokenizer.Tokenize(d.Text).Count(t => t.Kind is TokenKind.Word or TokenKind.Number));

    private static List<Document> Load()
    {
        var path = Environment.GetEnvironmentVariable("DYAD_BENCH_CORPUS") ?? Find("bench/corpus/corpus.jsonl")
            ?? throw new InvalidOperationException("No benchmark corpus: run 'dyad bench corpus --out bench/corpus' from the repository root, or set DYAD_BENCH_CORPUS.");
        var result = DocumentReader.Read(path, File.ReadAllBytes(path), new ReaderOptions { MaxBytes = long.MaxValue });
        return [.. result.Documents];
    }

    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
