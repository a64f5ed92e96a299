using System.Globalization;

namespace Dyad.Web;

/// <summary>A query parameter the API cannot use: answered with 400 and this reason.</summary>
public sealed class BadParameterException(string message) : Exception(message);

/// <summary>Parses query parameters with clear reasons for the 400 answer.</summary>
internal static class QueryArgs
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxOffset = 10_000;
    public const int MaxTextLength = 200;

    public static (int Limit, int Offset) Paging(string? limit, string? offset, int byDefault = DefaultLimit, int max = MaxLimit)
    {
        var l = Int("limit", limit, byDefault, 1, max);
        var o = Int("offset", offset, 0, 0, MaxOffset);
        return (l, o);
    }

    public static int Int(string name, string? text, int byDefault, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return byDefault;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new BadParameterException($"{name} '{Clip(text)}' is not a whole number");
        }

        if (value < min || value > max)
        {
            throw new BadParameterException($"{name} must be between {min} and {max} (got {value})");
        }

        return value;
    }

    public static DateOnly? Date(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        throw new BadParameterException($"{name} '{Clip(text)}' is not a date of the form YYYY-MM-DD");
    }

    public static void Range(DateOnly? from, DateOnly? to)
    {
        if (from is { } f && to is { } t && f > t)
        {
            throw new BadParameterException($"from ({f:yyyy-MM-dd}) is after to ({t:yyyy-MM-dd})");
        }
    }

    public static string? Text(string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > MaxTextLength)
        {
            throw new BadParameterException($"{name} is longer than {MaxTextLength} characters");
        }

        return text.Trim();
    }

    public static string Required(string name, string? text) =>
        Text(name, text) ?? throw new BadParameterException($"{name} is required");

    public static int? Quad(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Int("quad", text, 0, 1, 4);
    }

    public static Storage.Period Period(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "month" => Storage.Period.Month,
        "week" => Storage.Period.Week,
        "day" => Storage.Period.Day,
        _ => throw new BadParameterException($"by '{Clip(text)}' must be day, week or month"),
    };

    public static Storage.DyadLevel Level(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "actor" => Storage.DyadLevel.Actor,
        "country" => Storage.DyadLevel.Country,
        _ => throw new BadParameterException($"level '{Clip(text)}' must be actor or country"),
    };

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "..." : text;
}
