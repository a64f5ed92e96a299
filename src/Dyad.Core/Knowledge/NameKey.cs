using System.Globalization;
using System.Text;

namespace Dyad.Knowledge;

/// <summary>
/// Folds names for matching: lower case, no diacritics, and the common transliteration variants of
/// Slavic and other names made equal (Yury/Yuri/Yuriy, Sergey/Sergei, Zelensky/Zelenskyy).
/// </summary>
public static class NameKey
{
    public static string Fold(string token)
    {
        if (token.Length == 0)
        {
            return token;
        }

        var ascii = true;
        foreach (var ch in token)
        {
            if (ch >= 128 || ch is '`')
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return Suffix(token.ToLowerInvariant());
        }

        var sb = new StringBuilder(token.Length);
        foreach (var ch in token.Normalize(NormalizationForm.FormD))
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (cat == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = char.ToLowerInvariant(ch);
            c = c switch
            {
                '\u2019' or '\u2018' or '`' => '\'',
                '\u2010' or '\u2011' or '\u2013' => '-',
                'ı' => 'i',
                'ł' => 'l',
                'ø' => 'o',
                'đ' => 'd',
                _ => c,
            };
            sb.Append(c);
        }

        return Suffix(sb.ToString());
    }

    /// <summary>Transliteration variants of endings: -iy/-yy/-ij → -i, -ey → -ei, -y → -i.</summary>
    private static string Suffix(string s)
    {
        if (s.Length > 3 && char.IsLetter(s[^1]))
        {
            if (s.EndsWith("yy", StringComparison.Ordinal) || s.EndsWith("iy", StringComparison.Ordinal) || s.EndsWith("ij", StringComparison.Ordinal))
            {
                s = s[..^2] + "i";
            }
            else if (s.EndsWith("ey", StringComparison.Ordinal))
            {
                s = s[..^2] + "ei";
            }
            else if (s[^1] == 'y')
            {
                s = s[..^1] + "i";
            }
        }

        return s;
    }

    /// <summary>The folded key of a sequence of token texts.</summary>
    public static string Of(IEnumerable<string> tokens) => string.Join(' ', tokens.Select(Fold));

    /// <summary>The folded key of a name, tokenised like the text.</summary>
    public static string Of(string name) => Of(TokenTexts(name));

    public static List<string> TokenTexts(string text)
    {
        var tokens = Text.Tokenizer.Tokenize(text);
        var list = new List<string>(tokens.Length);
        foreach (var t in tokens)
        {
            list.Add(text[t.Start..t.End]);
        }

        return list;
    }
}
