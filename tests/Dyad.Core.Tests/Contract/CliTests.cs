using System.Diagnostics;
using System.Text.Json;

namespace Dyad.Tests.Contract;

/// <summary>Runs the real <c>dyad</c> command (the built dyad.dll) as a user would.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dyad-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static (int Exit, string Stdout, string Stderr) Dyad(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dyad.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "dyad did not finish in 2 minutes");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Folder_with_good_binary_and_empty_files_prints_one_document_names_the_bad_ones_and_exits_1()
    {
        File.WriteAllText(Path.Combine(_folder, "good.txt"), " date 2025-01-22 Talks held\n\nBy Staff\n\nPutin and Xi spoke on Wednesday.\n");
        File.WriteAllBytes(Path.Combine(_folder, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);
        File.WriteAllBytes(Path.Combine(_folder, "empty.txt"), []);

        var (exit, stdout, stderr) = Dyad("extract", _folder);

        Assert.Equal(1, exit);
        var line = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var doc = JsonDocument.Parse(line).RootElement;
        Assert.Equal("Talks held", doc.GetProperty("title").GetString());
        ContractChecks.AssertValid(doc);
        Assert.Contains("image.png: binary file (PNG image)", stderr, StringComparison.Ordinal);
        Assert.Contains("empty.txt: empty file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_format_writes_an_array_and_date_overrides()
    {
        File.WriteAllText(Path.Combine(_folder, "a.txt"), "Xi spoke.");
        File.WriteAllText(Path.Combine(_folder, "b.txt"), "Putin spoke.");
        var (exit, stdout, _) = Dyad("extract", "--format", "json", "--date", "2024-02-29", _folder);
        Assert.Equal(0, exit);
        var docs = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, docs.Count);
        Assert.All(docs, d => Assert.Equal("2024-02-29", d.GetProperty("date").GetString()));
    }

    [Fact]
    public void Extract_with_the_contextual_recogniser_writes_the_same_contract()
    {
        File.WriteAllText(Path.Combine(_folder, "a.txt"), "Russian President Vladimir Putin held talks with Chinese leader Xi Jinping in Beijing on Tuesday.");
        var (exit, stdout, stderr) = Dyad("extract", "--names", "contextual", "--date", "2025-01-21", _folder);
        Assert.True(exit == 0, stderr);
        var doc = JsonDocument.Parse(stdout).RootElement;
        ContractChecks.AssertValid(doc);
        var names = doc.GetProperty("entities").EnumerateArray()
            .SelectMany(e => e.GetProperty("mentions").EnumerateArray()
                .Where(m => m.GetProperty("kind").GetString() == "name")
                .Select(m => $"{m.GetProperty("text").GetString()}/{e.GetProperty("type").GetString()}")).ToList();
        Assert.Contains("Vladimir Putin/PERSON", names);
        Assert.Contains("Xi Jinping/PERSON", names);
        Assert.Contains("Beijing/GPE", names);

        var (badExit, _, badErr) = Dyad("extract", "--names", "bert", _folder);
        Assert.Equal(1, badExit);
        Assert.Contains("bert", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ner_with_a_file_that_is_not_a_model_is_a_clear_error()
    {
        var gold = Path.Combine(_folder, "gold.iob2");
        File.WriteAllText(gold, "# sent_id = 1\n1\tPutin\tB-PER\n2\tspoke\tO\n\n");
        var notModel = Path.Combine(_folder, "model.bin.gz");
        File.WriteAllText(notModel, "this is not a model");
        var (exit, _, stderr) = Dyad("eval", "ner", gold, "--model", notModel);
        Assert.Equal(2, exit);
        Assert.Contains("model.bin.gz: not a model or reading file", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_ner_breakdown_prints_the_kinds_of_mistakes()
    {
        var gold = Path.Combine(_folder, "gold.iob2");
        File.WriteAllText(gold, "# sent_id = 1\n1\tPutin\tB-PER\n2\tspoke\tO\n3\tin\tO\n4\tMoscow\tB-LOC\n5\t.\tO\n\n");
        var (exit, stdout, stderr) = Dyad("eval", "ner", gold, "--breakdown");
        Assert.True(exit == 0, stderr);
        Assert.Contains("errors: typing ", stdout, StringComparison.Ordinal);
        Assert.Contains("missed ", stdout, StringComparison.Ordinal);
        Assert.Contains("F1 with every type right ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("errors: typing", Dyad("eval", "ner", gold).Stdout, StringComparison.Ordinal);

        var (badExit, _, badErr) = Dyad("eval", "ner", gold, "--contextual", "--encoder", "int4");
        Assert.Equal(2, badExit);
        Assert.Contains("--encoder int4: float or int8", badErr, StringComparison.Ordinal);
        Assert.Contains("goes with --contextual", Dyad("eval", "ner", gold, "--encoder", "int8").Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_path_and_bad_date_are_clear_errors()
    {
        var (exit, _, stderr) = Dyad("extract", Path.Combine(_folder, "nope.txt"));
        Assert.Equal(1, exit);
        Assert.Contains("nope.txt: no such file or folder", stderr, StringComparison.Ordinal);

        var (badExit, _, badErr) = Dyad("extract", "--date", "22/01/2025", _folder);
        Assert.Equal(2, badExit);
        Assert.Contains("--date", badErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_file_is_refused_with_the_limit()
    {
        File.WriteAllText(Path.Combine(_folder, "big.txt"), new string('a', 5000));
        var (exit, _, stderr) = Dyad("extract", "--max-size", "1KB", _folder);
        Assert.Equal(1, exit);
        Assert.Contains("big.txt: file is 5,000 bytes, over the limit of 1,024 bytes", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_and_help_work()
    {
        Assert.Equal(0, Dyad("--version").Exit);
        var (exit, stdout, _) = Dyad("extract", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--date", stdout, StringComparison.Ordinal);
    }
}
