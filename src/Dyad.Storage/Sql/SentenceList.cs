using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;

namespace Dyad.Storage.Sql;

/// <summary>
/// A document's sentences packed in one column ("0-35 36-80 ..."): they are read with their
/// document, never searched on their own, and one column costs far less to write than a row each.
/// </summary>
internal static class SentenceList
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Pack(ImmutableArray<Sentence> sentences)
    {
        var b = new StringBuilder(sentences.Length * 10);
        foreach (var s in sentences)
        {
            if (b.Length > 0)
            {
                b.Append(' ');
            }

            b.Append(s.Start.ToString(CultureInfo.InvariantCulture)).Append('-').Append(s.End.ToString(CultureInfo.InvariantCulture));
        }

        return b.ToString();
    }

    public static ImmutableArray<Sentence> Unpack(string packed)
    {
        if (string.IsNullOrEmpty(packed))
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<Sentence>();
        foreach (var part in packed.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            list.Add(new Sentence(
                int.Parse(part.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(part.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture)));
        }

        return list.ToImmutable();
    }
}
