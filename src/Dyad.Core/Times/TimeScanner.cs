using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Dyad.Text;
using static Dyad.Times.TimeValues;

namespace Dyad.Times;

/// <summary>
/// Finds TIMEX3 expressions in one document, sentence by sentence, with a token-based matcher:
/// at each token that may start a time expression every rule is tried and the longest match wins.
/// Values are resolved against the DCT; without one, relative values stay unresolved (XXXX-01-17,
/// PAST_REF). Word lists and single-token patterns come from <see cref="TimeLexicon"/>.
/// </summary>
internal sealed partial class TimeScanner
{
    private static readonly TimeLexicon L = TimeLexicon.Instance;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly string _text;
    private readonly ImmutableArray<Token> _t;
    private readonly DateOnly? _dct;
    private int _s;
    private int _e;
    /// <summary>How far (in tokens) a tense cue is looked for: keeps long run-on "sentences" linear.</summary>
    private const int CueWindow = 40;

    private DateOnly? _lastDay;
    private Tense[]? _cues;
    private bool[]? _breaks;

    private TimeScanner(string text, ImmutableArray<Token> tokens, DateOnly? dct)
    {
        _text = text;
        _t = tokens;
        _dct = dct;
    }

    /// <summary>A match over tokens [Start, End).</summary>
    private readonly record struct Cand(int Start, int End, string Type, string Value, string? Mod = null);

    public static ImmutableArray<TimeExpression> Scan(string text, ImmutableArray<Token> tokens, ImmutableArray<Sentence> sentences, DateOnly? dct)
    {
        var scanner = new TimeScanner(text, tokens, dct);
        var result = ImmutableArray.CreateBuilder<TimeExpression>();
        foreach (var range in Offsets.TokensOfSentences(tokens.AsSpan(), sentences.AsSpan()))
        {
            scanner.ScanSentence(range.Start.Value, range.End.Value, result);
        }

        return result.DrainToImmutable();
    }

    private void ScanSentence(int start, int end, ImmutableArray<TimeExpression>.Builder result)
    {
        _s = start;
        _e = end;
        _cues = null;
        var matches = new List<Cand>();
        var i = start;
        while (i < end)
        {
            if (!MayStart(i))
            {
                i++;
                continue;
            }

            Cand best = default;
            var found = false;
            try
            {
                found = Best(i, ref best);
            }
            catch (Exception ex) when (ex is RegexMatchTimeoutException or IndexOutOfRangeException or ArgumentException or FormatException or OverflowException)
            {
                // one odd spot never costs the rest of the document its times
                found = false;
            }

            if (!found)
            {
                i++;
                continue;
            }

            matches.Add(best);
            if (best.Type == "DATE" && best.Value.Length == 10 && DateOnly.TryParseExact(best.Value, "yyyy-MM-dd", Inv, DateTimeStyles.None, out var named))
            {
                _lastDay = named;
            }

            i = best.End;
        }

        for (var k = 0; k < matches.Count; k++)
        {
            var c = k + 1 < matches.Count ? ShareYear(matches[k], matches[k + 1]) : matches[k];
            var s = _t[c.Start].Start;
            var e = _t[c.End - 1].End;
            result.Add(new TimeExpression(s, e, _text[s..e], c.Type, c.Value, c.Mod));
        }
    }

    /// <summary>"from June to August 2023": the first date of a range takes the year written on the second.</summary>
    private Cand ShareYear(Cand first, Cand second)
    {
        if (second.Start != first.End + 1 || !(IsAny(first.End, "to", "through") || IsAny(first.End, "until", "till") || Is(first.End, "and") || IsPunct(first.End, '-') || IsPunct(first.End, '–')))
        {
            return first;
        }

        if (first.Type != "DATE" || second.Type != "DATE" || first.Value.Length is not (7 or 10) || second.Value.Length is not (7 or 10)
            || !char.IsAsciiDigit(first.Value[0]) || !char.IsAsciiDigit(second.Value[0]) || first.Value[4] != '-' || second.Value[4] != '-')
        {
            return first;
        }

        for (var t = first.Start; t < first.End; t++)
        {
            if (YearNumber(t, out _))
            {
                return first; // its own year is written
            }
        }

        var hasYear = false;
        for (var t = second.Start; t < second.End; t++)
        {
            hasYear |= YearNumber(t, out _);
        }

        if (!hasYear)
        {
            return first;
        }

        var year = int.Parse(second.Value.AsSpan(0, 4), Inv);
        if (string.CompareOrdinal(first.Value, 5, second.Value, 5, 5) > 0)
        {
            year--;
        }

        var value = Year(year) + first.Value[4..];
        if (value.Length == 10 && !ValidDay(year, int.Parse(value.AsSpan(5, 2), Inv), int.Parse(value.AsSpan(8, 2), Inv)))
        {
            return first;
        }

        return first with { Value = value };
    }

    private bool Best(int i, ref Cand best)
    {
        var found = false;
        void Take(bool ok, Cand c, ref Cand b)
        {
            if (ok && c.End > c.Start && (!found || c.End > b.End))
            {
                b = c;
                found = true;
            }
        }

        Take(SetRule(i, out var c), c, ref best);
        Take(PhraseRule(i, out c), c, ref best);
        Take(ClockRule(i, out c), c, ref best);
        Take(DateRule(i, out c), c, ref best);
        Take(PositionRule(i, out c), c, ref best);
        Take(RelativeRule(i, out c), c, ref best);
        Take(QuantityRule(i, out c), c, ref best);
        Take(HyphenDurationRule(i, out c), c, ref best);
        return found;
    }

    // ---------------------------------------------------------------- token helpers

    private ReadOnlySpan<char> W(int i) => _text.AsSpan(_t[i].Start, _t[i].Length);

    private bool In(int i) => i >= _s && i < _e;

    private bool Is(int i, string word) => In(i) && W(i).Equals(word, StringComparison.OrdinalIgnoreCase);

    private bool IsAny(int i, string a, string b) => Is(i, a) || Is(i, b);

    private bool Upper(int i) => In(i) && char.IsUpper(_text[_t[i].Start]);

    private bool Lower(int i) => In(i) && char.IsLower(_text[_t[i].Start]);

    private bool IsWord(int i) => In(i) && _t[i].Kind == TokenKind.Word;

    private bool IsPunct(int i, char c) => In(i) && _t[i].Length == 1 && _text[_t[i].Start] == c;

    private bool Adjacent(int a, int b) => In(a) && In(b) && _t[a].End == _t[b].Start;

    private bool Has<T>(WordTable<T> table, int i, out T value)
    {
        if (In(i))
        {
            return table.TryGet(W(i), out value);
        }

        value = default!;
        return false;
    }

    private bool Has<T>(WordTable<T> table, int i) => Has(table, i, out _);

    private bool Match<T>(WordTable<T> table, int i, out int next, out T value)
    {
        if (!In(i))
        {
            next = i;
            value = default!;
            return false;
        }

        return table.TryMatch(_text, _t, i, _e, out next, out value);
    }

    /// <summary>Digits only (no separators), as an int; -1 otherwise.</summary>
    private int Digits(int i, int maxLength = 4)
    {
        if (!In(i) || _t[i].Kind != TokenKind.Number || _t[i].Length > maxLength)
        {
            return -1;
        }

        var n = 0;
        foreach (var ch in W(i))
        {
            if (!char.IsAsciiDigit(ch))
            {
                return -1;
            }

            n = (n * 10) + (ch - '0');
        }

        return n;
    }

    private bool MayStart(int i)
    {
        var token = _t[i];
        if (token.Kind == TokenKind.Number)
        {
            return true;
        }

        if (token.Kind == TokenKind.Punctuation)
        {
            return _text[token.Start] is '\'' or '\u2019';
        }

        if (token.Kind != TokenKind.Word)
        {
            return false;
        }

        var word = W(i);
        foreach (var ch in word)
        {
            if (char.IsAsciiDigit(ch))
            {
                return true;
            }
        }

        var hyphen = word.IndexOf('-');
        if (hyphen > 0)
        {
            word = word[..hyphen];
        }

        if (!L.StartWords.TryGet(word, out var seconds))
        {
            return false;
        }

        if (seconds is not null)
        {
            return hyphen < 0 && IsWord(i + 1) && seconds.Contains(W(i + 1));
        }

        // "the", "a", "an" start a time only before another time word or a number
        if (word.Length <= 3 && (word.Equals("the", StringComparison.OrdinalIgnoreCase) || word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase)))
        {
            return In(i + 1) && (_t[i + 1].Kind == TokenKind.Number || IsPunct(i + 1, '\'') || FollowsDeterminer(i + 1));
        }

        return true;
    }

    private bool FollowsDeterminer(int i)
    {
        if (!IsWord(i))
        {
            return false;
        }

        var word = W(i);
        foreach (var ch in word)
        {
            if (char.IsAsciiDigit(ch))
            {
                return true;
            }
        }

        var hyphen = word.IndexOf('-');
        return L.AfterDeterminer.Contains(hyphen > 0 ? word[..hyphen] : word);
    }

    // ---------------------------------------------------------------- tense

    private Tense TenseAt(int start, int end)
    {
        var tense = NearestCue(start, end);

        // until Friday, by early June: a deadline ahead, unless an irregular past form (held, was) says otherwise
        var p = start - 1;
        while (In(p) && (Is(p, "the") || Is(p, "on") || Has(L.Positions, p)))
        {
            p--;
        }

        if (tense != Tense.Past || !In(p) || !Has(L.Deadline, p))
        {
            return tense == Tense.Past || !In(p) || !Has(L.Deadline, p) ? tense : Tense.Future;
        }

        for (var k = Math.Max(_s, start - CueWindow); k < Math.Min(_e, end + CueWindow); k++)
        {
            if ((k < start || k >= end) && IsWord(k) && Has(L.PastCues, k) && Cue(k) == Tense.Past)
            {
                return Tense.Past;
            }
        }

        return Tense.Future;
    }

    /// <summary>The nearest tense cue, first within the clause (up to a comma, semicolon or conjunction), then in the sentence.</summary>
    private Tense NearestCue(int start, int end)
    {
        if (_cues is null || _breaks is null)
        {
            _cues = new Tense[_e - _s];
            _breaks = new bool[_e - _s];
            for (var k = _s; k < _e; k++)
            {
                _cues[k - _s] = Cue(k);
                _breaks[k - _s] = IsClauseBreak(k);
            }
        }

        var clauseStart = start;
        while (clauseStart - 1 >= _s && start - clauseStart < CueWindow && !_breaks[clauseStart - 1 - _s])
        {
            clauseStart--;
        }

        var clauseEnd = end;
        while (clauseEnd < _e && clauseEnd - end < CueWindow && !_breaks[clauseEnd - _s])
        {
            clauseEnd++;
        }

        var inClause = NearestCue(start, end, clauseStart, clauseEnd);
        return inClause != Tense.None ? inClause : NearestCue(start, end, _s, _e);
    }

    private bool IsClauseBreak(int i) =>
        IsPunct(i, ',') || IsPunct(i, ';') || IsPunct(i, ':') || IsPunct(i, '(') || IsPunct(i, ')')
        || IsAny(i, "and", "but") || IsAny(i, "while", "who") || IsAny(i, "which", "whereas");

    private Tense NearestCue(int start, int end, int from, int to)
    {
        for (var d = 1; d < _e - _s && d <= CueWindow; d++)
        {
            var before = start - d;
            var after = end - 1 + d;
            var beforeIn = before >= from && In(before);
            var afterIn = after < to && In(after);
            if (!beforeIn && !afterIn)
            {
                break;
            }

            if (!beforeIn)
            {
                before = -1;
            }

            if (!afterIn)
            {
                after = -1;
            }

            var tb = before >= 0 ? _cues![before - _s] : Tense.None;
            if (tb != Tense.None)
            {
                return tb;
            }

            var ta = after >= 0 ? _cues![after - _s] : Tense.None;
            if (ta != Tense.None)
            {
                return ta;
            }
        }

        return Tense.None;
    }

    private Tense Cue(int i)
    {
        if (!IsWord(i))
        {
            return Tense.None;
        }

        var w = W(i);
        if ((w.Equals("be", StringComparison.OrdinalIgnoreCase) && Is(i - 1, "to")) || (w.Equals("set", StringComparison.OrdinalIgnoreCase) && Is(i + 1, "to")))
        {
            return Tense.Future;
        }

        if (Upper(i) && w.Equals("may", StringComparison.OrdinalIgnoreCase))
        {
            return Tense.None;
        }

        if (L.FutureCues.Contains(w) || w.EndsWith("'ll", StringComparison.OrdinalIgnoreCase) || w.EndsWith("\u2019ll", StringComparison.OrdinalIgnoreCase))
        {
            return Tense.Future;
        }

        var past = L.PastCues.Contains(w) || (w.Length >= 5 && char.IsLower(w[0]) && w.EndsWith("ed", StringComparison.Ordinal));
        if (!past)
        {
            return Tense.None;
        }

        // a participle after be/have is passive or perfect: the auxiliary decides ("to be held", "has said")
        var aux = i - 1;
        while (IsWord(aux) && W(aux).EndsWith("ly", StringComparison.OrdinalIgnoreCase) && W(aux).Length > 3)
        {
            aux--;
        }

        if (IsWord(aux) && Has(L.Auxiliaries, aux))
        {
            return Tense.None;
        }

        return Tense.Past;
    }

    // ---------------------------------------------------------------- numbers

    /// <summary>A quantity: 3, 2.5, three, twenty-five, a, a few, several, two and a half, half a. Null n = unspecified (X).</summary>
    private bool Quantity(int i, out int next, out double? n)
    {
        next = i;
        n = null;
        if (!In(i))
        {
            return false;
        }

        if (_t[i].Kind == TokenKind.Number)
        {
            var w = W(i);
            if (w.Contains(':') || w.Contains('/') || !double.TryParse(w, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, Inv, out var value))
            {
                return false;
            }

            n = value;
            next = i + 1;
            return AndAHalf(ref next, ref n);
        }

        if (Is(i, "half") && (Is(i + 1, "a") || Is(i + 1, "an")))
        {
            n = 0.5;
            next = i + 2;
            return true;
        }

        if (IsAny(i, "a", "an"))
        {
            if (Is(i + 1, "few") || Is(i + 1, "number") && Is(i + 2, "of"))
            {
                next = Is(i + 1, "few") ? i + 2 : i + 3;
                return true;
            }

            if (Is(i + 1, "couple"))
            {
                n = 2;
                next = Is(i + 2, "of") ? i + 3 : i + 2;
                return true;
            }

            if (Is(i + 1, "dozen"))
            {
                n = 12;
                next = i + 2;
                return true;
            }

            n = 1;
            next = i + 1;
            return true;
        }

        if (Has(L.VagueNumbers, i))
        {
            next = i + 1;
            if (Is(next, "of"))
            {
                next++;
            }

            return true;
        }

        if ((Is(i, "dozens") || Is(i, "hundreds") || Is(i, "thousands")) && Is(i + 1, "of"))
        {
            next = i + 2;
            return true;
        }

        if (NumberWord(W(i), out var v))
        {
            n = v;
            next = i + 1;
            if (Is(next, "hundred"))
            {
                n *= 100;
                next++;
            }

            return AndAHalf(ref next, ref n);
        }

        return false;
    }

    private bool AndAHalf(ref int next, ref double? n)
    {
        if (Is(next, "and") && Is(next + 1, "a") && Is(next + 2, "half") && n is not null)
        {
            n += 0.5;
            next += 3;
        }

        return true;
    }

    /// <summary>A number word, hyphenated compounds too: twenty-five.</summary>
    private static bool NumberWord(ReadOnlySpan<char> word, out int value)
    {
        value = 0;
        if (word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (L.Numbers.TryGet(word, out value))
        {
            return true;
        }

        var hyphen = word.IndexOf('-');
        if (hyphen > 0 && L.Numbers.TryGet(word[..hyphen], out var tens) && tens is >= 20 and <= 90 && L.Numbers.TryGet(word[(hyphen + 1)..], out var ones) && ones < 10)
        {
            value = tens + ones;
            return true;
        }

        return false;
    }

    private bool Unit(int i, out string unit, out bool plural)
    {
        plural = false;
        if (!Has(L.Units, i, out unit))
        {
            return false;
        }

        var w = W(i);
        plural = w.Length > 2 && (w[^1] is 's' or 'S') && !w.Equals("hrs", StringComparison.OrdinalIgnoreCase) || w.Equals("centuries", StringComparison.OrdinalIgnoreCase);
        return true;
    }

    private bool DayNumber(int i, out int day)
    {
        day = Digits(i, 2);
        if (day is >= 1 and <= 31)
        {
            return true;
        }

        if (In(i) && _t[i].Kind == TokenKind.Number && _t[i].Length is >= 3 and <= 4 && char.IsAsciiLetter(_text[_t[i].End - 1]))
        {
            var m = L.OrdinalDay.Match(W(i).ToString());
            if (m.Success)
            {
                day = int.Parse(m.Groups["d"].ValueSpan, Inv);
                return true;
            }
        }

        day = 0;
        return false;
    }

    private bool YearNumber(int i, out int year)
    {
        year = Digits(i, 4);
        return In(i) && _t[i].Length == 4 && year is >= 1000 and <= 2199;
    }

    private bool MonthAt(int i, out int month)
    {
        month = 0;
        return IsWord(i) && Upper(i) && Has(L.Months, i, out month);
    }

    private bool WeekdayAt(int i, out int day)
    {
        day = 0;
        return IsWord(i) && Upper(i) && Has(L.Weekdays, i, out day);
    }

    private int ToYear(int twoDigits)
    {
        var pivot = (_dct?.Year ?? 2030) % 100 + 10;
        return twoDigits <= pivot ? 2000 + twoDigits : 1900 + twoDigits;
    }

    private string? Dct(Func<DateOnly, string?> f, string unresolved) => _dct is { } d ? f(d) ?? unresolved : unresolved;
}
