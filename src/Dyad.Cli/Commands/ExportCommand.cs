using System.CommandLine;
using Dyad.Storage;
using Dyad.Storage.Export;

namespace Dyad.Cli.Commands;

/// <summary><c>dyad export</c>: the merged events as GDELT TSV, PLOVER JSON, CSV, JSON Lines or Parquet.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var format = new Option<string>("--format") { Description = "gdelt (GDELT 2.0 Events TSV, 61 columns), plover (PLOVER JSON), csv, jsonl or parquet.", Required = true };
        format.AcceptOnlyFromAmong("gdelt", "plover", "csv", "jsonl", "parquet");
        var output = new Option<string>("--out") { Description = "File to write ('-' for standard output, except parquet).", Required = true };
        var command = new Command("export", "Export every merged event for other tools (GDELT readers, PLOVER tools, DuckDB, pandas, Spark).") { format, output };
        store.AddTo(command);
        command.SetAction(result =>
        {
            var kind = result.GetValue(format) switch
            {
                "gdelt" => ExportFormat.Gdelt,
                "plover" => ExportFormat.Plover,
                "csv" => ExportFormat.Csv,
                "jsonl" => ExportFormat.Jsonl,
                _ => ExportFormat.Parquet,
            };
            var path = result.GetValue(output)!;
            if (path == "-" && kind == ExportFormat.Parquet)
            {
                Console.Error.WriteLine("dyad: parquet needs a file: give --out FILE");
                return 2;
            }

            using var opened = store.Open(result);
            if (opened is null)
            {
                return 2;
            }

            return Run(opened, kind, path);
        });
        return command;
    }

    internal static int Run(IStore store, ExportFormat format, string path)
    {
        var events = store.AllEvents(EventExport.NeedsMentions(format));
        if (path == "-")
        {
            using var stdout = Console.OpenStandardOutput();
            EventExport.Write(format, events, stdout);
            return 0;
        }

        // Write beside the target and rename at the end: a failed export never leaves half a file.
        var full = Path.GetFullPath(path);
        var temp = full + ".partial";
        try
        {
            int n;
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                n = EventExport.Write(format, events, file);
            }

            File.Move(temp, full, overwrite: true);
            Console.Error.WriteLine($"dyad export: {n:N0} events written to {path}");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StoreException)
        {
            File.Delete(temp);
            Console.Error.WriteLine($"dyad: cannot export to {path}: {ex.Message}");
            return 1;
        }
    }
}
