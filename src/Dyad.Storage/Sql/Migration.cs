namespace Dyad.Storage.Sql;

/// <summary>One schema step. A store records the versions it has applied and applies newer ones on open.</summary>
internal sealed record Migration(int Version, string Description, string Script)
{
    /// <summary>The script's statements (separated by lines that hold only ';').</summary>
    public IEnumerable<string> Statements =>
        Script.Split("\n;\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0);
}
