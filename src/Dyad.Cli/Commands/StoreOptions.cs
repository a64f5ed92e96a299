using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dyad.Storage;
using Dyad.Storage.Export;

namespace Dyad.Cli.Commands;

/// <summary>The options every store command shares (--db, --pg, --format) and their output.</summary>
internal sealed class StoreOptions
{
    public Option<string?> Db { get; } = new("--db") { Description = $"SQLite store file (default ./{Store.DefaultSqlitePath}, unless {Store.PostgresVariable} is set)." };

    public Option<string?> Pg { get; } = new("--pg") { Description = $"PostgreSQL connection string, e.g. \"Host=localhost;Database=dyad;Username=dyad;Password=...\" (or set {Store.PostgresVariable})." };

    public void AddTo(Command command)
    {
        command.Options.Add(Db);
        command.Options.Add(Pg);
    }

    /// <summary>Opens the store the options name; on failure prints why and returns null.</summary>
    public IStore? Open(ParseResult result)
    {
        try
        {
            return Store.Open(result.GetValue(Db), result.GetValue(Pg));
        }
        catch (StoreException ex)
        {
            Console.Error.WriteLine($"dyad: {ex.Message}");
            return null;
        }
    }

    public static Option<string> Format(string description = "table, json or csv.")
    {
        var format = new Option<string>("--format") { Description = description, DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        return format;
    }

    public static Option<int> Limit(int byDefault = 50) =>
        new("--limit") { Description = $"At most this many rows (default {byDefault}).", DefaultValueFactory = _ => byDefault };

    public static Option<string?> Date(string name, string description) => new(name) { Description = description + " (YYYY-MM-DD)." };

    /// <summary>Parses an optional YYYY-MM-DD option; false (after saying why) when it is not a date.</summary>
    public static bool TryDate(ParseResult result, Option<string?> option, out DateOnly? date)
    {
        date = null;
        var text = result.GetValue(option);
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }

        Console.Error.WriteLine($"dyad: {option.Name} '{text}' is not a date of the form YYYY-MM-DD");
        return false;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Prints query results: an aligned table, a JSON array of the records, or CSV with a header.</summary>
    public static void Print<T>(string format, IReadOnlyList<T> records, IReadOnlyList<string> columns, Func<T, object?[]> row, TextWriter? output = null)
    {
        var w = output ?? Console.Out;
        switch (format)
        {
            case "json":
                w.WriteLine(JsonSerializer.Serialize(records, JsonOptions));
                break;
            case "csv":
                Csv.WriteRow(w, columns);
                foreach (var r in records)
                {
                    Csv.WriteRow(w, row(r));
                }

                break;
            default:
                Table(w, columns, [.. records.Select(r => row(r).Select(Cell).ToArray())]);
                break;
        }

        w.Flush();
    }

    private static string Cell(object? value)
    {
        var text = value is double d ? d.ToString("0.##", CultureInfo.InvariantCulture) : Csv.Format(value);
        text = text.ReplaceLineEndings(" ");
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private static void Table(TextWriter w, IReadOnlyList<string> columns, List<string[]> rows)
    {
        if (rows.Count == 0)
        {
            w.WriteLine("(no rows)");
            return;
        }

        var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Max(r => r[i].Length))).ToArray();
        w.WriteLine(string.Join("  ", columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        w.WriteLine(string.Join("  ", widths.Select(n => new string('-', n))));
        foreach (var r in rows)
        {
            w.WriteLine(string.Join("  ", r.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
