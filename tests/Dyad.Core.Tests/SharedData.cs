namespace Dyad.Tests;

/// <summary>
/// Locates <c>../shared</c> beside the project's root. Tests that need it call <see cref="Require"/>,
/// which skips the test with a clear reason when it is absent (a user's clone still passes).
/// </summary>
public static class SharedData
{
    public static string? Root { get; } = Find();

    public static string Require(string relative)
    {
        Skip.If(Root is null, "../shared is not beside the project root; this test needs the shared samples and data.");
        var path = Path.Combine(Root!, relative);
        Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"../shared/{relative} is absent.");
        return path;
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string? Find()
    {
        var root = FindRepoRoot();
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dyad.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Dyad.slnx) above " + AppContext.BaseDirectory);
    }
}
