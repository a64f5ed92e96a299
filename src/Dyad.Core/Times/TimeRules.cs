using System.Text.RegularExpressions;
using static Dyad.Times.TimeValues;

namespace Dyad.Times;

/// <summary>The matching rules of <see cref="TimeScanner"/>; each returns a candidate starting at token i.</summary>
internal sealed partial class TimeScanner
{
    // ---------------------------------------------------------------- fixed phrases

    private bool PhraseRule(int i, out Cand c)
    {
        c = default;
        if (!Match(L.Phrases, i, out var next, out var fixedTime))
        {
            return false;
        }

        if (next == i + 1 && Is(i, "current") && !Lower(i + 1) && !Is(i + 1, "year"))
        {
            // "current" as an adjective before a noun only
            if (!IsWord(i + 1))
            {
                return false;
            }
        }

        if (next == i + 1 && Is(i, "now") && IsAny(i + 1, "that", "-"))
        {
            return false;
        }

        var value = fixedTime.Value;
        if (value.StartsWith('T'))
        {
            value = Dct(Day, "XXXX-XX-XX") + value;
        }

        c = new Cand(i, next, fixedTime.Type, value);
        return true;
    }

    // ---------------------------------------------------------------- clock times

    private bool ClockRule(int i, out Cand c)
    {
        c = default;
        if (!In(i) || !char.IsAsciiDigit(_text[_t[i].Start]))
        {
            return false;
        }

        var span = W(i);
        var separator = span.Contains(':') || span.Contains('.');
        var endsInM = span[^1] is 'm' or 'M' or '.';
        var military = span.Length == 4 && _t[i].Kind == TokenKind.Number && (Zone(i + 1, out _) || IsAny(i + 1, "hours", "hrs"));
        if (!separator && !endsInM && !military && Digits(i, 2) is < 1 or > 12)
        {
            return false;
        }

        var w = separator || endsInM || military ? span.ToString() : "";
        int hour, minute = 0;
        string? meridiem = null;
        var next = i + 1;
        var needsMarker = false;
        Match m;
        if (separator && (m = L.Clock.Match(w)).Success)
        {
            hour = int.Parse(m.Groups["h"].ValueSpan, Inv);
            minute = int.Parse(m.Groups["min"].ValueSpan, Inv);
            if (m.Groups["ap"].Success)
            {
                meridiem = m.Groups["ap"].Value.StartsWith('a') ? "AM" : "PM";
            }

            // "3.30" is a decimal and "2:30" a score or ratio unless a marker, a 24-hour reading or "at" says time
            needsMarker = meridiem is null && (w.Contains('.', StringComparison.Ordinal)
                || (hour < 13 && w[0] != '0' && !IsAny(i - 1, "at", "by") && !IsAny(i - 1, "until", "till") && !IsAny(i - 1, "from", "around") && !IsAny(i - 1, "before", "after") && !Is(i - 1, "about") && !Zone(i + 1, out _)));
        }
        else if (endsInM && (m = L.ClockMeridiem.Match(w)).Success)
        {
            hour = int.Parse(m.Groups["h"].ValueSpan, Inv);
            meridiem = m.Groups["ap"].Value == "am" ? "AM" : "PM";
        }
        else if (military && (m = L.Military.Match(w)).Success)
        {
            hour = int.Parse(m.Groups["h"].ValueSpan, Inv);
            minute = int.Parse(m.Groups["min"].ValueSpan, Inv);
            if (IsAny(i + 1, "hours", "hrs"))
            {
                next++;
            }
        }
        else
        {
            hour = Digits(i, 2);
            if (hour is < 1 or > 12)
            {
                return false;
            }

            needsMarker = true;
        }

        if (meridiem is null && Has(L.Meridiem, next, out var ap))
        {
            meridiem = ap;
            next++;
        }

        if (needsMarker && meridiem is null)
        {
            return false;
        }

        if (meridiem == "PM" && hour < 12)
        {
            hour += 12;
        }
        else if (meridiem == "AM" && hour == 12)
        {
            hour = 0;
        }

        var zone = "";
        if (Zone(next, out var z))
        {
            zone = z;
            next++;
            if (In(next) && (IsPunct(next, '+') || IsPunct(next, '-') || _t[next].Kind == TokenKind.Symbol && _text[_t[next].Start] == '+') && Digits(next + 1, 2) >= 0)
            {
                zone = "";
                next += 2;
            }
        }
        else if (ZoneInBrackets(next) is var after && after > next)
        {
            next = after;
        }

        // a day right after: "16:00 UTC today", "3 p.m. Monday"
        var date = Dct(Day, "XXXX-XX-XX")!;
        if (Has(L.Deictic, next, out var offset))
        {
            date = Dct(d => Day(d.AddDays(offset)), "XXXX-XX-XX")!;
            next++;
        }
        else if (WeekdayAt(next, out var weekday))
        {
            date = WeekdayValue(weekday, next, next + 1, 0);
            next++;
        }

        c = new Cand(i, next, "TIME", date + string.Create(Inv, $"T{hour:D2}:{minute:D2}") + zone);
        return true;
    }

    /// <summary>"(GMT +8)" after a clock time, even where the splitter put it in the next sentence; returns the token after it.</summary>
    private int ZoneInBrackets(int i)
    {
        bool Raw(int k, char c) => k < _t.Length && _t[k].Length == 1 && _text[_t[k].Start] == c;
        if (!Raw(i, '(') || i + 1 >= _t.Length || !L.Zones.TryGet(_text.AsSpan(_t[i + 1].Start, _t[i + 1].Length), out _)
            || !_text.AsSpan(_t[i + 1].Start, _t[i + 1].Length).SequenceEqual(_text.AsSpan(_t[i + 1].Start, _t[i + 1].Length).ToString().ToUpperInvariant()))
        {
            return i;
        }

        var k = i + 2;
        if ((Raw(k, '+') || Raw(k, '-')) && k + 1 < _t.Length && _t[k + 1].Kind == TokenKind.Number && _t[k + 1].Length <= 5)
        {
            k += 2;
        }

        return Raw(k, ')') ? k + 1 : i;
    }

    private bool Zone(int i, out string zone)
    {
        zone = "";
        if (!Has(L.Zones, i, out zone))
        {
            return false;
        }

        foreach (var ch in W(i))
        {
            if (char.IsLower(ch))
            {
                return false;
            }
        }

        return true;
    }

    // ---------------------------------------------------------------- calendar dates

    /// <summary>A calendar period at i (no leading determiner): dates, months, years, seasons, quarters, decades.</summary>
    private bool DateRule(int i, out Cand c)
    {
        c = default;
        if (!In(i))
        {
            return false;
        }

        var start = i;
        var j = i;
        var withWeekday = false;
        if (WeekdayAt(j, out _))
        {
            var k = IsPunct(j + 1, ',') ? j + 2 : j + 1;
            if (MonthAt(k, out _) || DayNumber(k, out _) || Is(k, "the") && DayNumber(k + 1, out _))
            {
                j = k;
                withWeekday = true;
            }
        }

        if (Period(j, out var next, out var value, out var type, true) && next > j)
        {
            if (withWeekday && !value.Contains('-', StringComparison.Ordinal))
            {
                return false;
            }

            c = new Cand(start, next, type, value);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A calendar period starting at token i. <paramref name="bare"/> allows the ambiguous forms that need
    /// context (a month alone, a year alone, a season alone).
    /// </summary>
    private bool Period(int i, out int next, out string value, out string type, bool bare)
    {
        next = i;
        value = "";
        type = "DATE";
        if (!In(i))
        {
            return false;
        }

        var token = _t[i];
        var w = W(i);

        // the 17th of January / the 1990s / the summer of 2019 / the third quarter / the first half
        if (Is(i, "the"))
        {
            if (DayNumber(i + 1, out _) && (MonthAt(i + 2, out _) || Is(i + 2, "of") && MonthAt(i + 3, out _)))
            {
                return DayMonth(i + 1, out next, out value);
            }

            if (Has(L.Seasons, i + 1, out var season) && (Is(i + 2, "of") && YearNumber(i + 3, out var sy)))
            {
                value = Year(sy) + "-" + season;
                next = i + 4;
                return true;
            }

            if (QuarterOrHalf(i + 1, out next, out value))
            {
                return true;
            }

            if (Has(L.Seasons, i + 1, out var theSeason) && Lower(i + 1) && In(i - 1) && Has(L.DatePrepositions, i - 1) && !Is(i + 2, "of"))
            {
                next = i + 2;
                var theTense = TenseAt(i, i + 2);
                value = Dct(d => Year(SeasonYear(d, theSeason, 0, theTense)) + "-" + theSeason, "XXXX-" + theSeason)!;
                return true;
            }

            return false;
        }

        if (token.Kind == TokenKind.Number || char.IsAsciiDigit(w[0]))
        {
            if (DayNumber(i, out _) && (MonthAt(i + 1, out _) || Is(i + 1, "of") && MonthAt(i + 2, out _)))
            {
                return DayMonth(i, out next, out value);
            }

            var hasHyphen = w.Contains('-');
            var hasSlash = w.Contains('/');
            var s = hasHyphen || hasSlash ? w.ToString() : "";
            var m = hasHyphen ? L.IsoDate.Match(s) : System.Text.RegularExpressions.Match.Empty;
            if (m.Success)
            {
                value = m.Groups["d"].Success ? m.Value : m.Value[..7];
                next = i + 1;
                return true;
            }

            m = hasSlash ? L.SlashDate.Match(s) : System.Text.RegularExpressions.Match.Empty;
            if (m.Success)
            {
                var a = int.Parse(m.Groups["a"].ValueSpan, Inv);
                var b = int.Parse(m.Groups["b"].ValueSpan, Inv);
                var y = int.Parse(m.Groups["y"].ValueSpan, Inv);
                if (m.Groups["y"].Length == 2)
                {
                    y = ToYear(y);
                }

                var (month, day) = a > 12 ? (b, a) : (a, b);
                if (!ValidDay(y, month, day))
                {
                    return false;
                }

                value = Day(y, month, day);
                next = i + 1;
                return true;
            }

            if (Decade(i, out next, out value, Is(i - 1, "the")))
            {
                return true;
            }

            if (YearNumber(i, out var year))
            {
                // 2024 Q3
                if (In(i + 1) && _t[i + 1].Length == 2 && L.Quarter.Match(W(i + 1).ToString()) is { Success: true } q)
                {
                    value = Quarter(year, int.Parse(q.Groups["q"].ValueSpan, Inv));
                    next = i + 2;
                    return true;
                }

                if (!bare || !LooksLikeYear(i))
                {
                    return false;
                }

                value = Year(year);
                next = i + 1;
                return true;
            }

            return false;
        }

        // '82, '90s
        if (token.Kind == TokenKind.Punctuation)
        {
            if (Adjacent(i, i + 1) && Decade(i + 1, out next, out value, true))
            {
                return true;
            }

            var two = Digits(i + 1, 2);
            if (Adjacent(i, i + 1) && _t[i + 1].Length == 2 && two >= 0 && (MonthAt(i - 1, out _) || Has(L.DatePrepositions, i - 1) || Is(i - 1, "class") || Is(i - 1, "summer")))
            {
                value = Year(ToYear(two));
                next = i + 2;
                return true;
            }

            return false;
        }

        if (MonthAt(i, out var mo))
        {
            return MonthForms(i, mo, out next, out value, bare);
        }

        if (Has(L.Seasons, i, out var se))
        {
            var k = Is(i + 1, "of") ? i + 2 : i + 1;
            if (YearNumber(k, out var y) && (k == i + 1 || Is(i + 1, "of")))
            {
                value = Year(y) + "-" + se;
                next = k + 1;
                return true;
            }

            if (bare && Lower(i) && In(i - 1) && Lower(i - 1) && Has(L.DatePrepositions, i - 1) && !IsAny(i - 1, "and", "or") && !Is(i - 1, "to"))
            {
                next = i + 1;
                var seTense = TenseAt(i, i + 1);
                value = Dct(d => Year(SeasonYear(d, se, 0, seTense)) + "-" + se, "XXXX-" + se)!;
                return true;
            }

            return false;
        }

        if (QuarterOrHalf(i, out next, out value))
        {
            return true;
        }

        // fiscal 2025, fiscal year 2025, FY2025
        if (Is(i, "fiscal") || Is(i, "financial"))
        {
            var k = IsAny(i + 1, "year", "years") ? i + 2 : i + 1;
            if (YearNumber(k, out var fy))
            {
                value = "FY" + Year(fy);
                next = k + 1;
                return true;
            }

            var two = Digits(k, 2);
            if (two >= 0 && _t[k].Length == 2)
            {
                value = "FY" + Year(ToYear(two));
                next = k + 1;
                return true;
            }

            return false;
        }

        var fm = w.Length is 4 or 6 && w.StartsWith("FY", StringComparison.OrdinalIgnoreCase) ? L.Fiscal.Match(w.ToString()) : System.Text.RegularExpressions.Match.Empty;
        if (fm.Success)
        {
            var g = fm.Groups["y"];
            value = "FY" + Year(g.Length == 2 ? ToYear(int.Parse(g.ValueSpan, Inv)) : int.Parse(g.ValueSpan, Inv));
            next = i + 1;
            return true;
        }

        if (Match(L.Holidays, i, out var hn, out var md) && Upper(i))
        {
            var month = int.Parse(md.AsSpan(0, 2), Inv);
            var day = int.Parse(md.AsSpan(3, 2), Inv);
            next = hn;
            if (IsPunct(next, ',') && YearNumber(next + 1, out var hy) || YearNumber(next, out hy))
            {
                next = YearNumber(next, out _) ? next + 1 : next + 2;
                value = Day(hy, month, day);
                return true;
            }

            value = _dct is { } dct ? Day(ResolveYear(dct, month, day, TenseAt(i, hn)), month, day) : "XXXX-" + md;
            return true;
        }

        return false;
    }

    /// <summary>Day Month [Year]: 17 January 2025, 17th of January.</summary>
    private bool DayMonth(int i, out int next, out string value)
    {
        DayNumber(i, out var day);
        var k = Is(i + 1, "of") ? i + 2 : i + 1;
        MonthAt(k, out var month);
        next = k + 1;
        var yk = IsPunct(next, ',') ? next + 1 : next;
        if (YearNumber(yk, out var year))
        {
            next = yk + 1;
            value = ValidDay(year, month, day) ? Day(year, month, day) : Month(year, month);
            return true;
        }

        value = DayNoYear(month, day, i, next);
        return true;
    }

    private string DayNoYear(int month, int day, int start, int end)
    {
        if (_dct is not { } dct)
        {
            return string.Create(Inv, $"XXXX-{month:D2}-{day:D2}");
        }

        var year = ResolveYear(dct, month, day, TenseAt(start, end));
        return ValidDay(year, month, day) ? Day(year, month, day) : Month(year, month);
    }

    /// <summary>January 17[, 2025] / January 2025 / January of 2025 / January (with context).</summary>
    private bool MonthForms(int i, int month, out int next, out string value, bool bare)
    {
        next = i + 1;
        value = "";
        var k = i + 1;
        if (IsPunct(k, '.') && Adjacent(i, k))
        {
            k++;
        }

        if (Is(k, "the") && DayNumber(k + 1, out _) && Digits(k + 1, 2) < 0)
        {
            k++; // January the 17th (an ordinal day only)
        }

        if (DayNumber(k, out var day) && !YearNumber(k, out _) && !(IsPunct(k + 1, ':') || IsPunct(k + 1, '%')) && !Has(L.Units, k + 1))
        {
            next = k + 1;
            var yk = IsPunct(next, ',') ? next + 1 : next;
            if (YearNumber(yk, out var year))
            {
                next = yk + 1;
                value = ValidDay(year, month, day) ? Day(year, month, day) : Month(year, month);
                return true;
            }

            if (!ValidDay(2024, month, day))
            {
                return false;
            }

            value = DayNoYear(month, day, i, next);
            return true;
        }

        var yk2 = IsPunct(k, ',') || Is(k, "of") ? k + 1 : k;
        if (YearNumber(yk2, out var y2))
        {
            next = yk2 + 1;
            value = Month(y2, month);
            return true;
        }

        if (Is(k, "of") && Has(L.Relative, k + 1, out var rel) && Is(k + 2, "year") && !Is(k + 1, "past"))
        {
            next = k + 3;
            value = _dct is { } rd ? Month(rd.Year + rel, month) : rel switch { < 0 => "PAST_REF", > 0 => "FUTURE_REF", _ => string.Create(Inv, $"XXXX-{month:D2}") };
            return true;
        }

        if (IsPunct(k, '\'') && Adjacent(k, k + 1) && Digits(k + 1, 2) is var two and >= 0 && _t[k + 1].Length == 2)
        {
            next = k + 2;
            value = Month(ToYear(two), month);
            return true;
        }

        if (!bare || !MonthAloneOk(i))
        {
            return false;
        }

        next = i + 1;
        value = _dct is { } dct ? Month(ResolveYear(dct, month, 0, TenseAt(i, i + 1)), month) : string.Create(Inv, $"XXXX-{month:D2}");
        return true;
    }

    private bool MonthAloneOk(int i)
    {
        var ambiguous = Has(L.AmbiguousMonths, i);
        var w = W(i);
        if (w.Length <= 4 && !w.EndsWith(".", StringComparison.Ordinal) && !w.Equals("may", StringComparison.OrdinalIgnoreCase) && !w.Equals("june", StringComparison.OrdinalIgnoreCase) && !w.Equals("july", StringComparison.OrdinalIgnoreCase))
        {
            return false; // "Jan", "Mar" alone are names more often than months
        }

        var prevPrep = In(i - 1) && Lower(i - 1) && Has(L.DatePrepositions, i - 1);
        if (ambiguous)
        {
            return prevPrep && !Is(i + 1, "be") && !Is(i + 1, "have");
        }

        // "April Ryan", "Theresa May": a capitalised word right before or after makes a name
        if (In(i - 1) && IsWord(i - 1) && Upper(i - 1) && i - 1 > _s && !Has(L.Months, i - 1) && !Has(L.DatePrepositions, i - 1))
        {
            return false;
        }

        if (!prevPrep && IsWord(i + 1) && Upper(i + 1) && !Has(L.Months, i + 1) && !Has(L.Weekdays, i + 1))
        {
            return false;
        }

        return true;
    }

    /// <summary>A bare four-digit number read as a year unless its context makes it a count.</summary>
    private bool LooksLikeYear(int i)
    {
        YearNumber(i, out var year);
        var prev = i - 1;
        var prevPrep = In(prev) && Has(L.DatePrepositions, prev);
        if (In(prev) && (_t[prev].Kind == TokenKind.Symbol || IsPunct(prev, '$') || IsPunct(prev, '#')))
        {
            return false;
        }

        // Russell 2000 Index, Windows 2000, Vision 2030: a name
        if (IsWord(prev) && Upper(prev) && prev > _s && !prevPrep && !Has(L.Months, prev) && !Has(L.Seasons, prev) && !Has(L.Weekdays, prev)
            && IsWord(i + 1) && Upper(i + 1))
        {
            return false;
        }

        if (Has(L.LabelBefore, prev))
        {
            return false;
        }

        var next = i + 1;
        if (Has(L.CountAfter, next) || IsPunct(next, '%'))
        {
            return false;
        }

        if (In(next) && _t[next].Kind == TokenKind.Number)
        {
            return false;
        }

        var nextLowerWord = IsWord(next) && Lower(next);
        if (Has(L.CountBefore, prev) && nextLowerWord)
        {
            return false;
        }

        if (nextLowerWord && W(next) is var nw && nw.Length > 3 && nw[^1] == 's' && nw[^2] != 's' && !Has(L.YearNouns, next) && !prevPrep && !Is(prev, "the") && !Is(prev, "'s"))
        {
            return false;
        }

        if (year < 1800 && !prevPrep)
        {
            return false;
        }

        return year <= 2100 || prevPrep;
    }

    /// <summary>1990s, the 1990s, the '90s, the 2000s, the 1800s (a century).</summary>
    private bool Decade(int i, out int next, out string value, bool withDeterminer)
    {
        next = i;
        value = "";
        var start = i;
        if (IsPunct(i, '\'') || IsPunct(i, '\u2019'))
        {
            i++;
        }

        if (!In(i) || _t[i].Kind != TokenKind.Number)
        {
            return false;
        }

        var ds = W(i);
        if (ds.Length < 3 || ds[^1] != 's')
        {
            return false;
        }

        var m = L.Decade.Match(ds.ToString());
        if (!m.Success)
        {
            return false;
        }

        var tens = int.Parse(m.Groups["t"].ValueSpan, Inv);
        if (m.Groups["c"].Success)
        {
            var century = int.Parse(m.Groups["c"].ValueSpan, Inv);
            value = tens == 0 && century != 20
                ? century.ToString("D2", Inv)
                : string.Create(Inv, $"{century:D2}{tens}");
        }
        else
        {
            if (!withDeterminer && start == i && !(IsAny(i - 1, "and", "or") && Decade(i - 2, out _, out _, true)))
            {
                return false; // "in their 40s"
            }

            var year = ToYear(tens * 10);
            value = (year / 10).ToString("D3", Inv);
        }

        next = i + 1;
        return true;
    }

    /// <summary>the third quarter [of 2009 | of this year], third-quarter, Q3 [2024], the first half [of 2024].</summary>
    private bool QuarterOrHalf(int i, out int next, out string value)
    {
        next = i;
        value = "";
        if (!In(i))
        {
            return false;
        }

        int q;
        string kind;
        int k;
        var span = W(i);
        var hyphenAt = span.IndexOf('-');
        if (span.Length != 2 && !L.Ordinals.Contains(hyphenAt > 0 ? span[..hyphenAt] : span))
        {
            return false;
        }

        var w = span.ToString();
        Match m;
        var relativeLast = false;
        if (w.Length == 2 && (m = L.Quarter.Match(w)).Success)
        {
            q = int.Parse(m.Groups["q"].ValueSpan, Inv);
            kind = "Q";
            k = i + 1;
        }
        else if (w.Length == 2 && (m = L.Half.Match(w)).Success)
        {
            q = int.Parse(m.Groups["h"].ValueSpan, Inv);
            kind = "H";
            k = i + 1;
        }
        else
        {
            var hyphen = w.IndexOf('-', StringComparison.Ordinal);
            var first = hyphen > 0 ? w[..hyphen] : w;
            var rest = hyphen > 0 ? w[(hyphen + 1)..] : In(i + 1) ? W(i + 1).ToString() : "";
            if (!L.Ordinals.TryGet(first, out q))
            {
                return false;
            }

            if (rest.Equals("quarter", StringComparison.OrdinalIgnoreCase))
            {
                kind = "Q";
            }
            else if (rest.Equals("half", StringComparison.OrdinalIgnoreCase))
            {
                kind = "H";
            }
            else
            {
                return false;
            }

            if (q < 0)
            {
                relativeLast = first.Equals("last", StringComparison.OrdinalIgnoreCase);
                q = kind == "Q" ? 4 : 2;
            }

            if (q > (kind == "Q" ? 4 : 2))
            {
                return false;
            }

            k = hyphen > 0 ? i + 1 : i + 2;
        }

        // of 2009 / of this year / of last year / 2024 / of fiscal 2025
        int? year = null;
        var yk = Is(k, "of") ? k + 1 : k;
        if (YearNumber(yk, out var y))
        {
            year = y;
            k = yk + 1;
        }
        else if (Is(k, "of") && Has(L.Relative, yk, out var off) && Is(yk + 1, "year") && _dct is { } d0)
        {
            year = d0.Year + off;
            k = yk + 2;
        }
        else if (Is(k, "of") && Is(yk, "the") && Is(yk + 1, "year") && _dct is { } d1)
        {
            year = d1.Year;
            k = yk + 2;
        }
        else if (Is(k, "of") && IsAny(yk, "fiscal", "financial") && YearNumber(yk + 1, out var fy))
        {
            year = fy;
            k = yk + 2;
        }

        next = k;
        if (year is { } yy)
        {
            value = string.Create(Inv, $"{yy:D4}-{kind}{q}");
            return true;
        }

        if (kind == "H" && w.Length != 2)
        {
            return false; // "the first half" of a match; a half-year needs its year
        }

        if (_dct is not { } dct)
        {
            value = string.Create(Inv, $"XXXX-{kind}{q}");
            return true;
        }

        if (relativeLast && kind == "Q")
        {
            value = Shift(dct, "Q", -1)!;
            return true;
        }

        var current = kind == "Q" ? QuarterOf(dct) : (dct.Month - 1) / 6 + 1;
        var tense = TenseAt(i, k);
        var resolved = dct.Year;
        if (q > current && tense == Tense.Past)
        {
            resolved--;
        }

        value = string.Create(Inv, $"{resolved:D4}-{kind}{q}");
        return true;
    }

    // ---------------------------------------------------------------- position: early/mid/late, the end of

    private bool PositionRule(int i, out Cand c)
    {
        c = default;
        if (!In(i))
        {
            return false;
        }

        var start = i;
        var j = Is(i, "the") ? i + 1 : i;

        // mid-January, mid-2011, late-2024 as one token
        var w = W(j);
        var hyphen = w.IndexOf('-');
        if (hyphen > 0 && j == i && L.Positions.TryGet(w[..hyphen], out var hmod))
        {
            var rest = w[(hyphen + 1)..];
            string? inner = null;
            if (L.Months.TryGet(rest, out var month) && char.IsUpper(rest[0]))
            {
                inner = _dct is { } d ? Month(ResolveYear(d, month, 0, TenseAt(i, i + 1)), month) : string.Create(Inv, $"XXXX-{month:D2}");
                if (YearNumber(j + 1, out var y))
                {
                    inner = Month(y, month);
                    c = new Cand(start, j + 2, "DATE", inner, ModOf(hmod, w[..hyphen]));
                    return true;
                }
            }
            else if (rest.Length == 4 && int.TryParse(rest, System.Globalization.NumberStyles.None, Inv, out var y2) && y2 is >= 1000 and <= 2199)
            {
                inner = Year(y2);
            }
            else if (rest.Length == 5 && rest[^1] == 's' && int.TryParse(rest[..4], System.Globalization.NumberStyles.None, Inv, out var dec))
            {
                inner = (dec / 10).ToString("D3", Inv);
            }

            if (inner is not null)
            {
                c = new Cand(start, j + 1, "DATE", inner, ModOf(hmod, w[..hyphen]));
                return true;
            }

            return false;
        }

        if (!Has(L.Positions, j, out var mod))
        {
            return false;
        }

        var posWord = W(j);
        var k = j + 1;
        if (IsPunct(k, '-') && Adjacent(j, k))
        {
            k++;
        }

        if (IsAny(posWord.ToString(), "beginning", "start", "end", "middle", "close", "dawn", "midst"))
        {
            if (start == j || !Is(k, "of"))
            {
                return false;
            }

            k++;
        }
        else if (start != j)
        {
            return false; // "the early" is not a time
        }
        else if (Is(k, "in") && Is(k + 1, "the") && Is(k + 2, "day") && _dct is { } dd)
        {
            // late in the day
            c = new Cand(start, k + 3, "DATE", Day(dd), ModOf(mod, posWord));
            return true;
        }

        // the inner period
        if (Is(k, "the") && Has(L.Units, k + 1, out var unit) && !Is(k + 2, "of"))
        {
            var v = Dct(d => Shift(d, unit, 0), "PRESENT_REF");
            if (v is null || unit is "H" or "MIN" or "S")
            {
                return false;
            }

            c = new Cand(start, k + 2, "DATE", v, ModOf(mod, posWord));
            return true;
        }

        if (RelativeRule(k, out var rc) && rc.Type is "DATE" or "TIME" && !rc.Value.StartsWith('P'))
        {
            c = new Cand(start, rc.End, rc.Type, rc.Value, ModOf(mod, posWord));
            return true;
        }

        if (WeekdayAt(k, out var wd) && !IsAny(posWord.ToString(), "beginning", "start", "end", "middle", "close", "dawn", "midst"))
        {
            var v = WeekdayValue(wd, k, k + 1, 0);
            var e = k + 1;
            var type = "DATE";
            if (Has(L.PartsOfDay, e, out var pod))
            {
                v += "T" + pod;
                e++;
                type = "TIME";
            }

            c = new Cand(start, e, type, v, ModOf(mod, posWord));
            return true;
        }

        if (Period(k, out var pn, out var pv, out _, false) || MonthAt(k, out _) && Period(k, out pn, out pv, out _, true)
            || YearNumber(k, out _) && Period(k, out pn, out pv, out _, true))
        {
            c = new Cand(start, pn, "DATE", pv, ModOf(mod, posWord));
            return true;
        }

        if (Has(L.Seasons, k, out var season))
        {
            var v = Dct(d => Year(SeasonYear(d, season, 0, TenseAt(i, k + 1))) + "-" + season, "XXXX-" + season)!;
            c = new Cand(start, k + 1, "DATE", v, ModOf(mod, posWord));
            return true;
        }

        return false;
    }

    private static bool IsAny(string word, params string[] options) =>
        options.Any(o => word.Equals(o, StringComparison.OrdinalIgnoreCase));

    /// <summary>earlier/later set no mod (they place the event relative to now, not inside the period).</summary>
    private static string? ModOf(string mod, ReadOnlySpan<char> word) =>
        word.Equals("earlier", StringComparison.OrdinalIgnoreCase) || word.Equals("later", StringComparison.OrdinalIgnoreCase) ? null : mod;
}
