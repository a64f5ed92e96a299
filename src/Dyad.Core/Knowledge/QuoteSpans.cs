namespace Dyad.Knowledge;

/// <summary>Where quoted speech is: “...”, «...» and "..." (straight quotes pair within a paragraph).</summary>
internal sealed class QuoteSpans
{
    private readonly List<TextRange> _ranges = [];

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

    public bool Inside(int offset)
    {
        foreach (var r in _ranges)
        {
            if (r.Contains(offset))
            {
                return true;
            }
        }

        return false;
    }
}
