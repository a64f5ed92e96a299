using System.Text;

namespace Dyad.Reading;

/// <summary>
/// Linear-time helpers for hostile HTML. The HTML5 tree builder is quadratic on pathological
/// nesting (200,000 nested divs), so pages nested deeper than <see cref="MaxDepth"/> are read
/// with <see cref="StripTags"/> instead: tags removed, scripts and styles dropped, block tags
/// turned into paragraph breaks, entities decoded.
/// </summary>
internal static class HtmlScan
{
    public const int MaxDepth = 256;

    private static readonly HashSet<string> VoidTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "article", "section", "pre", "table", "ul", "ol",
    };

    /// <summary>The deepest nesting of elements (unclosed tags count), stopping early past the limit.</summary>
    public static int MaxNesting(string html, int limit = MaxDepth + 1)
    {
        var depth = 0;
        var max = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            var closing = html[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0)
            {
                break;
            }

            if (nameEnd > nameStart)
            {
                var name = html.AsSpan(nameStart, nameEnd - nameStart).ToString();
                var selfClosing = html[tagEnd - 1] == '/';
                if (closing)
                {
                    depth = Math.Max(0, depth - 1);
                }
                else if (!selfClosing && !VoidTags.Contains(name))
                {
                    depth++;
                    if (depth > max)
                    {
                        max = depth;
                        if (max >= limit)
                        {
                            return max;
                        }
                    }
                }
            }

            i = tagEnd + 1;
        }

        return max;
    }

    /// <summary>Text of an HTML string without building a tree: linear, for pathological pages.</summary>
    public static string StripTags(string html)
    {
        var builder = new StringBuilder(html.Length / 2);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                builder.Append(html, i, html.Length - i);
                break;
            }

            builder.Append(html, i, lt - i);
            var gt = html.IndexOf('>', lt + 1);
            if (gt < 0)
            {
                break;
            }

            var nameStart = lt + 1 + (lt + 1 < html.Length && html[lt + 1] == '/' ? 1 : 0);
            var nameEnd = nameStart;
            while (nameEnd < gt && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd];
            if (html[lt + 1] != '/' && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                var close = html.IndexOf("</" + name, gt, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : html.IndexOf('>', close) + 1;
                if (i == 0)
                {
                    i = html.Length;
                }

                continue;
            }

            if (BlockTags.Contains(name))
            {
                builder.Append("\n\n");
            }

            i = gt + 1;
        }

        var text = System.Net.WebUtility.HtmlDecode(builder.ToString());
        var paragraphs = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(DocumentReader.CollapseSpaces)
            .Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }
}
