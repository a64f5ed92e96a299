using Dyad.Reading;

namespace Dyad.Cli.Commands;

/// <summary>One input to read: a file, or standard input.</summary>
internal sealed record InputSource(string Origin, string? Path);

/// <summary>
/// Expands the command line's paths into inputs: files as given, folders recursively (hidden
/// files and folders skipped, in ordinal order), "-" for standard input. Paths that do not exist
/// are reported, never silently dropped.
/// </summary>
internal static class InputFiles
{
    public static (List<InputSource> Inputs, List<ReadError> Errors) Expand(IEnumerable<string> paths)
    {
        var inputs = new List<InputSource>();
        var errors = new List<ReadError>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                inputs.Add(new InputSource("-", null));
            }
            else if (File.Exists(path))
            {
                inputs.Add(new InputSource(path, path));
            }
            else if (Directory.Exists(path))
            {
                try
                {
                    AddFolder(path, inputs);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new ReadError(path, $"cannot list folder: {ex.Message}"));
                }
            }
            else
            {
                errors.Add(new ReadError(path, "no such file or folder"));
            }
        }

        return (inputs, errors);
    }

    private static void AddFolder(string folder, List<InputSource> inputs)
    {
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            if (!System.IO.Path.GetFileName(file).StartsWith('.'))
            {
                inputs.Add(new InputSource(file, file));
            }
        }

        foreach (var sub in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (!System.IO.Path.GetFileName(sub).StartsWith('.'))
            {
                AddFolder(sub, inputs);
            }
        }
    }

    /// <summary>Reads one input into documents; every failure comes back as an error, never an exception.</summary>
    public static ReadResult Read(InputSource input, ReaderOptions options)
    {
        try
        {
            if (input.Path is null)
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int n;
                while ((n = stdin.Read(chunk, 0, chunk.Length)) > 0)
                {
                    buffer.Write(chunk, 0, n);
                    if (buffer.Length > options.MaxBytes)
                    {
                        return ReadResult.Fail(input.Origin, $"input is over the limit of {options.MaxBytes:N0} bytes (--max-size)");
                    }
                }

                return DocumentReader.Read(input.Origin, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
            }

            var info = new FileInfo(input.Path);
            if (info.Length > options.MaxBytes)
            {
                return ReadResult.Fail(input.Origin, $"file is {info.Length:N0} bytes, over the limit of {options.MaxBytes:N0} bytes (--max-size)");
            }

            var bytes = File.ReadAllBytes(input.Path);
            return DocumentReader.Read(input.Origin, bytes, options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ReadResult.Fail(input.Origin, $"cannot read: {ex.Message}");
        }
    }

    /// <summary>Parses sizes like 10485760, 500KB, 10MB, 1GB.</summary>
    public static long? ParseSize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim().ToUpperInvariant();
        long factor = 1;
        foreach (var (suffix, f) in new[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("B", 1L) })
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal))
            {
                factor = f;
                t = t[..^suffix.Length].Trim();
                break;
            }
        }

        return long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? checked(n * factor)
            : null;
    }
}
