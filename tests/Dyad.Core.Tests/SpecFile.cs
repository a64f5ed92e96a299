using System.Text.Json;

namespace Dyad.Tests;

/// <summary>Loads a case file from <c>Specs/</c> (copied beside the test assembly).</summary>
public static class SpecFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static T[] Load<T>(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Specs", name);
        var json = File.ReadAllText(path);
        return JsonSerializer.Deserialize<T[]>(json, Options) ?? throw new InvalidOperationException($"{name} is empty");
    }

    /// <summary>Cases as xunit theory data, one row per case (the case's ToString names it).</summary>
    public static TheoryData<T> Theory<T>(string name)
    {
        var data = new TheoryData<T>();
        foreach (var item in Load<T>(name))
        {
            data.Add(item);
        }

        return data;
    }
}
