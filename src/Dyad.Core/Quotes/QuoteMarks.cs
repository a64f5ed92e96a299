namespace Dyad.Quotes;

/// <summary>
/// A top-level quotation found by its marks. <see cref="ContentStart"/>..<see cref="ContentEnd"/> is
/// what lies inside the outermost marks (nested quotes stay inside); <see cref="Open"/> is the opening
/// mark, <see cref="After"/> the offset just after the closing mark (or the paragraph end when the
/// quotation was never closed).
/// </summary>
internal readonly record struct MarkedQuote(int Open, int ContentStart, int ContentEnd, int After, bool Closed, bool EndsWithPunctuation);

/// <summary>
/// Finds quotations by their marks in one linear pass: “ ” " ‘ ’ ' « » „ ‹ › and mixtures, nested
/// quotes, apostrophes told apart from single quotes, and the news convention that a quotation left
/// open at a paragraph's end continues when the next paragraph opens with a quotation mark.
/// </summary>
internal static class QuoteMarks
{
    private const int MaxDepth = 4;
    private const int SingleLookahead = 800;

    private enum Family : byte { Double, Single, Guillemet, SingleGuillemet }

    private readonly record struct OpenMark(int Position, char Mark, Family Family);

    public static bool IsMark(char c) => c is '"' or '\'' or '“' or '”' or '‘' or '’' or '«' or '»' or '„' or '‟' or '‹' or '›' or '‚';

    /// <summary>Offsets where paragraphs start: after a blank line, or after a line break that follows the end of a sentence.</summary>
    public static int[] ParagraphStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
            {
                continue;
            }

            var j = i + 1;
            var blank = false;
            while (j < text.Length && char.IsWhiteSpace(text[j]))
            {
                blank |= text[j] == '\n';
                j++;
            }

            var k = i - 1;
            while (k >= 0 && text[k] is ' ' or '\t' or '\r')
            {
                k--;
            }

            var endsSentence = k >= 0 && (text[k] is '.' or '!' or '?' or '…' or ':' || IsMark(text[k]));
            if ((blank || endsSentence) && j < text.Length && j > starts[^1])
            {
                starts.Add(j);
            }

            i = j - 1;
        }

        return [.. starts];
    }

    public static List<MarkedQuote> Find(string text, int[] paragraphStarts)
    {
        var result = new List<MarkedQuote>();
        var closers = NextSingleCloser(text);
        var stack = new List<OpenMark>(MaxDepth);
        var topOpen = -1;
        var paragraph = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (paragraph + 1 < paragraphStarts.Length && i >= paragraphStarts[paragraph + 1])
            {
                var previousEnd = paragraphStarts[paragraph + 1];
                paragraph++;
                while (paragraph + 1 < paragraphStarts.Length && i >= paragraphStarts[paragraph + 1])
                {
                    paragraph++;
                }

                if (stack.Count > 0)
                {
                    var bottom = stack[0];
                    if (IsOpeningOf(text[i], bottom.Family))
                    {
                        // The quotation goes on in this paragraph: keep it open, eat the repeated mark.
                        stack.RemoveRange(1, stack.Count - 1);
                        continue;
                    }

                    Emit(text, result, topOpen, TrimEnd(text, previousEnd), closed: false);
                    stack.Clear();
                }
            }

            var c = text[i];
            if (!IsMark(c))
            {
                continue;
            }

            var canOpen = LeftBoundary(text, i) && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            var canClose = i > 0 && !char.IsWhiteSpace(text[i - 1]) && RightBoundary(text, i);
            var paragraphEnd = paragraph + 1 < paragraphStarts.Length ? paragraphStarts[paragraph + 1] : text.Length;
            switch (c)
            {
                case '"':
                    if (canClose && (!canOpen || Has(stack, Family.Double)))
                    {
                        if (Close(stack, Family.Double))
                        {
                            Emit(text, result, topOpen, i, closed: true);
                        }
                    }
                    else if (canOpen)
                    {
                        Push(stack, new OpenMark(i, c, Family.Double), ref topOpen);
                    }

                    break;
                case '“':
                    if (canClose && Top(stack, Family.Double) is { Mark: '„' })
                    {
                        if (Close(stack, Family.Double))
                        {
                            Emit(text, result, topOpen, i, closed: true);
                        }
                    }
                    else if (canOpen)
                    {
                        Push(stack, new OpenMark(i, c, Family.Double), ref topOpen);
                    }
                    else if (canClose && Close(stack, Family.Double))
                    {
                        Emit(text, result, topOpen, i, closed: true);
                    }

                    break;
                case '”':
                case '‟':
                    if (Has(stack, Family.Double) && (canClose || !canOpen))
                    {
                        if (Close(stack, Family.Double))
                        {
                            Emit(text, result, topOpen, i, closed: true);
                        }
                    }
                    else if (canOpen && !Has(stack, Family.Double))
                    {
                        Push(stack, new OpenMark(i, c, Family.Double), ref topOpen);
                    }

                    break;
                case '„':
                    if (canOpen)
                    {
                        Push(stack, new OpenMark(i, c, Family.Double), ref topOpen);
                    }

                    break;
                case '«':
                    Push(stack, new OpenMark(i, c, Family.Guillemet), ref topOpen);
                    break;
                case '»':
                    if (Close(stack, Family.Guillemet))
                    {
                        Emit(text, result, topOpen, i, closed: true);
                    }

                    break;
                case '‹':
                    Push(stack, new OpenMark(i, c, Family.SingleGuillemet), ref topOpen);
                    break;
                case '›':
                    if (Close(stack, Family.SingleGuillemet))
                    {
                        Emit(text, result, topOpen, i, closed: true);
                    }

                    break;
                default:
                    // ‘ ’ ' ‚: single quotes, told apart from apostrophes (don't, Xi's, leaders', '90s).
                    var inWord = i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);
                    if (inWord)
                    {
                        break;
                    }

                    if (c != '‘' && c != '‚' && canClose && Has(stack, Family.Single))
                    {
                        if (Close(stack, Family.Single))
                        {
                            Emit(text, result, topOpen, i, closed: true);
                        }
                    }
                    else if (canOpen && char.IsLetterOrDigit(text[i + 1]) && !IsDecade(text, i))
                    {
                        var closer = i + 1 < closers.Length ? closers[i + 1] : int.MaxValue;
                        if (closer < paragraphEnd && closer - i <= SingleLookahead)
                        {
                            Push(stack, new OpenMark(i, c, Family.Single), ref topOpen);
                        }
                    }

                    break;
            }
        }

        if (stack.Count > 0)
        {
            Emit(text, result, topOpen, TrimEnd(text, text.Length), closed: false);
        }

        return result;
    }

    private static bool IsOpeningOf(char c, Family family) => family switch
    {
        Family.Double => c is '“' or '"' or '„' or '«' or '”',
        Family.Guillemet => c is '«' or '“' or '"',
        Family.Single => c is '‘' or '\'',
        _ => c is '‹',
    };

    private static bool IsDecade(string text, int i) =>
        i + 3 < text.Length && char.IsDigit(text[i + 1]) && char.IsDigit(text[i + 2]) && text[i + 3] == 's';

    private static bool LeftBoundary(string text, int i)
    {
        if (i == 0)
        {
            return true;
        }

        var p = text[i - 1];
        return char.IsWhiteSpace(p) || p is '(' or '[' or '{' or '—' or '–' or '-' or '/' or ':' or ',' || IsMark(p);
    }

    private static bool RightBoundary(string text, int i)
    {
        if (i + 1 >= text.Length)
        {
            return true;
        }

        var n = text[i + 1];
        return char.IsWhiteSpace(n) || (char.IsPunctuation(n) && n is not '(' and not '[') || IsMark(n) || char.IsSymbol(n);
    }

    /// <summary>For each offset, the first offset at or after it where a single quote could close.</summary>
    private static int[] NextSingleCloser(string text)
    {
        var next = new int[text.Length + 1];
        next[text.Length] = int.MaxValue;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            var isCloser = c is '’' or '\'' && i > 0 && !char.IsWhiteSpace(text[i - 1])
                && (i + 1 >= text.Length || !char.IsLetterOrDigit(text[i + 1]));
            next[i] = isCloser ? i : next[i + 1];
        }

        return next;
    }

    private static bool Has(List<OpenMark> stack, Family family) => stack.Exists(o => o.Family == family);

    private static OpenMark? Top(List<OpenMark> stack, Family family)
    {
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            if (stack[k].Family == family)
            {
                return stack[k];
            }
        }

        return null;
    }

    private static void Push(List<OpenMark> stack, OpenMark mark, ref int topOpen)
    {
        if (stack.Count >= MaxDepth)
        {
            return;
        }

        if (stack.Count == 0)
        {
            topOpen = mark.Position;
        }

        stack.Add(mark);
    }

    /// <summary>Closes the innermost open quote of the family; true when that ends the top-level quote.</summary>
    private static bool Close(List<OpenMark> stack, Family family)
    {
        for (var k = stack.Count - 1; k >= 0; k--)
        {
            if (stack[k].Family == family)
            {
                stack.RemoveRange(k, stack.Count - k);
                return stack.Count == 0;
            }
        }

        return false;
    }

    private static int TrimEnd(string text, int end)
    {
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private static void Emit(string text, List<MarkedQuote> result, int open, int close, bool closed)
    {
        var start = open + 1;
        var end = close;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        end = TrimEnd(text, end);
        if (end <= start)
        {
            return;
        }

        var punct = text[end - 1] is ',' or '.' or '!' or '?' or '…' or ';';
        if (text[end - 1] == ',')
        {
            end--;
        }

        var after = closed ? close + 1 : close;
        result.Add(new MarkedQuote(open, start, end, after, closed, punct));
    }
}
