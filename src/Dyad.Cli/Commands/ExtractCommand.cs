using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Dyad.Contract;
using Dyad.Pipeline;
using Dyad.Reading;

namespace Dyad.Cli.Commands;

/// <summary><c>dyad extract</c>: read inputs, analyse them, write the contract JSON.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or folders to read (recursively); '-' for standard input. Default: standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var date = new Option<string?>("--date") { Description = "Document creation time YYYY-MM-DD: relative times resolve against it (overrides the input's own date)." };
        var format = new Option<string>("--format") { Description = "jsonl (one object per line) or json (an array).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "json");
        var noProgress = new Option<bool>("--no-progress") { Description = "Never print progress on standard error." };
        var maxSize = new Option<string?>("--max-size") { Description = "Largest input accepted, e.g. 10MB (default), 500KB." };
        var names = NamesOption.Create();

        var command = new Command("extract", "Analyse articles and print one JSON object per document (the output contract).")
        {
            paths, date, format, noProgress, maxSize, names,
        };
        command.SetAction(result =>
        {
            var options = ReaderOptions.Default;
            var dateText = result.GetValue(date);
            if (dateText is not null)
            {
                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dct))
                {
                    Console.Error.WriteLine($"dyad: --date '{dateText}' is not a date of the form YYYY-MM-DD");
                    return 2;
                }

                options = options with { Date = dct };
            }

            var sizeText = result.GetValue(maxSize);
            if (sizeText is not null)
            {
                if (InputFiles.ParseSize(sizeText) is not { } bytes)
                {
                    Console.Error.WriteLine($"dyad: --max-size '{sizeText}' is not a size (examples: 10MB, 500KB, 1048576)");
                    return 2;
                }

                options = options with { MaxBytes = bytes };
            }

            var given = result.GetValue(paths) is { Length: > 0 } p ? p : ["-"];
            return Run(given, options, result.GetValue(format) == "json", NamesOption.Pipeline(result, names));
        });
        return command;
    }

    internal static int Run(IReadOnlyList<string> paths, ReaderOptions options, bool jsonArray, AnalysisPipeline? pipeline = null)
    {
        var (inputs, expandErrors) = InputFiles.Expand(paths);
        var failed = 0;
        foreach (var error in expandErrors)
        {
            Report(error);
            failed++;
        }

        pipeline ??= AnalysisPipeline.Default;
        using var stdout = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stdout, ContractWriter.CompactOptions);
        if (jsonArray)
        {
            writer.WriteStartArray();
        }

        var results = inputs
            .AsParallel().AsOrdered()
            .WithDegreeOfParallelism(Environment.ProcessorCount)
            .Select(input =>
            {
                var read = InputFiles.Read(input, options);
                var analyses = read.Documents.Select(d => pipeline.Analyze(d)).ToList();
                return (read.Errors, analyses);
            });

        foreach (var (errors, analyses) in results)
        {
            foreach (var error in errors)
            {
                Report(error);
                failed++;
            }

            foreach (var analysis in analyses)
            {
                ContractWriter.Write(writer, analysis);
                writer.Flush();
                if (!jsonArray)
                {
                    stdout.WriteByte((byte)'\n');
                    writer.Reset();
                }
            }
        }

        if (jsonArray)
        {
            writer.WriteEndArray();
            writer.Flush();
            stdout.WriteByte((byte)'\n');
        }

        stdout.Flush();
        return failed > 0 ? 1 : 0;
    }

    internal static void Report(ReadError error) => Console.Error.WriteLine($"dyad: {error.Origin}: {error.Reason}");
}
