using System.Runtime.InteropServices;
using Dyad.Text;

namespace Dyad.Knowledge;

/// <summary>Where quoted speech is: “...”, «...» and "..." (straight quotes pair within a paragraph).</summary>
internal sealed class QuoteSpans
{
    private readonly List<TextRange> _ranges = [];
    private bool _sorted;

    public QuoteSpans(string text)
    {
        var open = -1;
        var straight = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\u201C' or '\u00AB':
                    open = i;
                    break;
                case '\u201D' or '\u00BB' when open >= 0:
                    _ranges.Add(new TextRange(open, i + 1));
                    open = -1;
                    break;
                case '"':
                    if (straight < 0)
                    {
                        straight = i;
                    }
                    else
                    {
                        _ranges.Add(new TextRange(straight, i + 1));
                        straight = -1;
                    }

                    break;
                case '\n' when i + 1 < text.Length && text[i + 1] == '\n':
                    straight = -1;
                    open = -1;
                    break;
            }
        }
    }

    public bool Inside(int offset) => RangeAt(offset) is not null;

    /// <summary>The quotation that contains the offset, or null.</summary>
    public TextRange? RangeAt(int offset)
    {
        if (!_sorted)
        {
            _ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
            _sorted = true;
        }

        // ranges do not overlap: the last one starting at or before the offset is the only candidate
        var lo = Offsets.CountStartingAtOrBefore(CollectionsMarshal.AsSpan(_ranges), offset, static r => r.Start);
        return lo > 0 && _ranges[lo - 1].Contains(offset) ? _ranges[lo - 1] : null;
    }
}
