using static Dyad.Times.TimeValues;

namespace Dyad.Times;

/// <summary>Relative and quantity rules of <see cref="TimeScanner"/>: today, last week, Monday, five years ago, three-day, every year.</summary>
internal sealed partial class TimeScanner
{
    /// <summary>A weekday's date: direction +1/-1 from last/next (strict), 0 = by tense (past or on the DCT by default).</summary>
    private string WeekdayValue(int isoDay, int start, int end, int direction)
    {
        if (_dct is not { } dct)
        {
            return direction switch
            {
                < 0 => "PAST_REF",
                > 0 => "FUTURE_REF",
                _ => string.Create(Inv, $"XXXX-WXX-{isoDay}"),
            };
        }

        if (direction != 0)
        {
            return Day(Weekday(dct, isoDay, direction, strict: true));
        }

        var tense = TenseAt(start, end);
        return Day(Weekday(dct, isoDay, tense == Tense.Future ? 1 : -1, strict: false));
    }

    private bool RelativeRule(int i, out Cand c)
    {
        c = default;
        if (!In(i))
        {
            return false;
        }

        // today, yesterday morning, tonight
        if (Has(L.Deictic, i, out var offset))
        {
            var day = Dct(d => Day(d.AddDays(offset)), offset switch { < 0 => "PAST_REF", > 0 => "FUTURE_REF", _ => "PRESENT_REF" })!;
            if (Is(i, "tonight"))
            {
                c = new Cand(i, i + 1, "TIME", _dct is null ? "XXXX-XX-XXTNI" : day + "TNI");
                return true;
            }

            if (Has(L.PartsOfDay, i + 1, out var pod) && !W(i + 1).EndsWith("s", StringComparison.OrdinalIgnoreCase))
            {
                c = new Cand(i, i + 2, "TIME", (_dct is null ? "XXXX-XX-XX" : day) + "T" + pod);
                return true;
            }

            c = new Cand(i, i + 1, "DATE", day);
            return true;
        }

        // for years, in minutes: an unspecified duration
        if (Unit(i, out var bareUnit, out var barePlural) && barePlural && Lower(i) && In(i - 1)
            && (IsAny(i - 1, "for", "within") || IsAny(i - 1, "just", "only") || Is(i - 1, "in") && !Is(i + 1, "of")))
        {
            c = new Cand(i, i + 1, "DURATION", Duration(null, bareUnit));
            return true;
        }

        // the day (being reported): "closed up 2% on the day", "to end the day at 7,114"
        if (Is(i, "the") && Is(i + 1, "day") && Has(L.DayContext, i - 1) && !IsAny(i + 2, "of", "before") && !IsAny(i + 2, "after", "that") && !Is(i + 2, "when"))
        {
            c = new Cand(i, i + 2, "DATE", Dct(Day, "XXXX-XX-XX")!);
            return true;
        }

        // the weekend: the last one, or the next one in future context
        if (Is(i, "the") && Is(i + 1, "weekend"))
        {
            var dir = TenseAt(i, i + 2) == Tense.Future ? 1 : -1;
            c = new Cand(i, i + 2, "DATE", Dct(d => Week(Weekday(d, 6, dir, false)) + "-WE", "XXXX-WXX-WE")!);
            return true;
        }

        // the same day, that day, the next day, the day before: the day the story last named (else the DCT)
        if (AnchoredDay(i, out c))
        {
            return true;
        }

        // earlier today, later this year, earlier this month
        if ((Is(i, "earlier") || Is(i, "later")) && (Has(L.Deictic, i + 1) || Has(L.Relative, i + 1)))
        {
            if (RelativeRule(i + 1, out var inner) && !inner.Value.StartsWith('P') && inner.Type != "DURATION")
            {
                c = new Cand(i, inner.End, inner.Type, inner.Value);
                return true;
            }

            return false;
        }

        // Monday, Monday morning
        if (WeekdayAt(i, out var wd))
        {
            if (Upper(i + 1) && Has(L.WeekdayNameFollowers, i + 1) || In(i - 1) && Upper(i - 1) && Has(L.WeekdayNameBefore, i - 1))
            {
                return false;
            }

            var v = WeekdayValue(wd, i, i + 1, 0);
            if (Has(L.PartsOfDay, i + 1, out var pod) && !W(i + 1).EndsWith("s", StringComparison.OrdinalIgnoreCase))
            {
                c = new Cand(i, i + 2, "TIME", v + "T" + pod);
                return true;
            }

            c = new Cand(i, i + 1, "DATE", v);
            return true;
        }

        // Mondays: a set
        if (IsWord(i) && Upper(i) && W(i) is var plural && plural.Length > 6 && plural[^1] == 's' && L.Weekdays.TryGet(plural[..^1], out var pd))
        {
            c = new Cand(i, i + 1, "SET", string.Create(Inv, $"XXXX-WXX-{pd}"));
            return true;
        }

        // [the] this/last/next/past/coming + unit | season | weekday | month | part of day
        var start = i;
        var j = i;
        var withThe = false;
        if (Is(i, "the"))
        {
            withThe = true;
            j = i + 1;
        }

        if (!Has(L.Relative, j, out var rel))
        {
            return false;
        }

        var relWord = W(j).ToString().ToLowerInvariant();
        if (withThe && relWord is "this" or "last" or "current")
        {
            if (relWord != "last")
            {
                return false;
            }
        }

        if (!withThe && relWord is "following" or "previous" or "prior" or "preceding" or "current")
        {
            if (relWord != "current")
            {
                return false;
            }
        }

        var k = j + 1;
        if (relWord == "this" && Is(k, "past"))
        {
            rel = -1;
            k++;
        }

        if (Unit(k, out var unit, out var isPlural))
        {
            if (isPlural || unit is "H" or "MIN" or "S")
            {
                return false;
            }

            if (relWord is "past" || (relWord is "coming" && withThe))
            {
                // the past year = the year up to now: a duration
                c = new Cand(start, k + 1, "DURATION", Duration(1, unit));
                return true;
            }

            if (unit == "D" && relWord != "this")
            {
                return false; // "the next day" is anchored to the story, not the DCT
            }

            if (unit == "Q" && Is(k + 1, "of"))
            {
                return false;
            }

            var v = Dct(d => Shift(d, unit, rel), rel switch { < 0 => "PAST_REF", > 0 => "FUTURE_REF", _ => "PRESENT_REF" })!;
            c = new Cand(start, k + 1, "DATE", v);
            return true;
        }

        if (Has(L.Seasons, k, out var season))
        {
            var v = Dct(d => Year(SeasonYear(d, season, rel, TenseAt(start, k + 1))) + "-" + season, rel switch { < 0 => "PAST_REF", > 0 => "FUTURE_REF", _ => "PRESENT_REF" })!;
            c = new Cand(start, k + 1, "DATE", v);
            return true;
        }

        if (withThe)
        {
            return false;
        }

        if (WeekdayAt(k, out var weekday))
        {
            var v = relWord == "this" ? WeekdayValue(weekday, start, k + 1, 0) : WeekdayValue(weekday, start, k + 1, rel);
            var e = k + 1;
            if (Has(L.PartsOfDay, e, out var pod2))
            {
                c = new Cand(start, e + 1, "TIME", v + "T" + pod2);
                return true;
            }

            c = new Cand(start, e, "DATE", v);
            return true;
        }

        if (MonthAt(k, out var month) && !DayNumber(k + 1, out _))
        {
            string v;
            if (_dct is not { } dct)
            {
                v = rel switch { < 0 => "PAST_REF", > 0 => "FUTURE_REF", _ => string.Create(Inv, $"XXXX-{month:D2}") };
            }
            else
            {
                var year = rel switch
                {
                    < 0 => month < dct.Month ? dct.Year : dct.Year - 1,
                    > 0 => month > dct.Month ? dct.Year : dct.Year + 1,
                    _ => dct.Year,
                };
                v = Month(year, month);
            }

            c = new Cand(start, k + 1, "DATE", v);
            return true;
        }

        if (Has(L.PartsOfDay, k, out var part) && relWord is "this" or "last")
        {
            if (relWord == "last" && part is not ("NI" or "EV"))
            {
                return false;
            }

            var shift = relWord == "last" ? -1 : 0;
            var v = _dct is { } d2 ? Day(d2.AddDays(shift)) : "XXXX-XX-XX";
            c = new Cand(start, k + 1, "TIME", v + "T" + part);
            return true;
        }

        return false;
    }

    // ---------------------------------------------------------------- quantities: durations and "ago"

    private bool QuantityRule(int i, out Cand c)
    {
        c = default;
        if (!In(i))
        {
            return false;
        }

        var start = i;
        var j = i;
        string? mod = null;
        var span = false; // the past five years
        if (Is(j, "the") && Has(L.Relative, j + 1, out _) && !Is(j + 1, "this"))
        {
            span = true;
            j += 2;
        }
        else if (Is(j, "past") && !Upper(j))
        {
            span = true;
            j += 1;
        }

        if (!span && Match(L.Approx, j, out var an, out var approx))
        {
            if (Is(j, "some") && Has(L.Units, j + 1))
            {
                // "some years": unspecified quantity, not an approximation
            }
            else
            {
                mod = approx;
                j = an;
            }
        }

        if (!Quantity(j, out var k, out var n))
        {
            return false;
        }

        if (Has(L.UnitAdjectives, k) && Has(L.Units, k + 1) && Lower(k))
        {
            k++;
        }

        if (!Unit(k, out var unit, out var plural))
        {
            return false;
        }

        // "2018 day", "2000 year old": a year or a count before a noun, not a duration
        if (!plural && _t[j].Kind == TokenKind.Number && _t[j].Length == 4 && YearNumber(j, out _))
        {
            return false;
        }

        // singular "a second", "a quarter" are ordinals or fractions more often than durations
        if (unit is "S" or "Q" && !plural && _t[j].Kind != TokenKind.Number)
        {
            return false;
        }

        var end = k + 1;
        if (n is not null && Is(end, "and") && Is(end + 1, "a") && Is(end + 2, "half"))
        {
            n += 0.5;
            end += 3;
        }

        if (Is(end, "old"))
        {
            end++;
        }

        // single quantity word alone before a unit with no number: "a year" after a number is a rate (set rule)
        if (Match(L.Anchors, end, out var after, out var sign) && !span)
        {
            var anchorWord = W(end).ToString().ToLowerInvariant();
            if (anchorWord is "before" && (In(after) && !IsPunct(after, '.') && !IsPunct(after, ',')))
            {
                // "two days before the vote": the duration only
            }
            else
            {
                string value;
                var narrative = anchorWord is "later" or "earlier" && unit is "D" or "W" && _lastDay is not null;
                if (narrative && n is not null)
                {
                    // "three days later": from the day the story last named, not from the DCT
                    value = Ago(_lastDay!.Value, unit, n.Value, sign) ?? (sign < 0 ? "PAST_REF" : "FUTURE_REF");
                }
                else if (_dct is { } dct && n is not null)
                {
                    value = Ago(dct, unit, n.Value, sign) ?? (sign < 0 ? "PAST_REF" : "FUTURE_REF");
                }
                else
                {
                    value = sign < 0 ? "PAST_REF" : "FUTURE_REF";
                }

                c = new Cand(start, after, "DATE", value, mod);
                return true;
            }
        }

        if (!span && Is(start - 1, "in") && n is not null && _dct is { } fdct && TenseAt(start, end) != Tense.Past && !Is(start - 2, "once") && !AfterSuperlative(start - 1))
        {
            // in two weeks (future): a date
            c = new Cand(start, end, "DATE", Ago(fdct, unit, n.Value, 1) ?? "FUTURE_REF", mod);
            return true;
        }

        if (!plural && n is 1 && !span && _t[j].Kind != TokenKind.Number && !Is(j, "one") && Is(j - 1, "for") == false && !Is(start - 1, "in") && !Is(start - 1, "within") && !Is(start - 1, "about") && mod is null
            && !IsAny(start - 1, "over", "than") && !Is(start - 1, "after") && IsRate(start))
        {
            return false;
        }

        c = new Cand(start, end, "DURATION", Duration(n, unit), mod);
        return true;
    }

    private bool AnchoredDay(int i, out Cand c)
    {
        c = default;
        int offset;
        int end;
        if (Is(i, "that") && Is(i + 1, "day") && !IsWord(i + 2))
        {
            (offset, end) = (0, i + 2);
        }
        else if (Is(i, "the") && Is(i + 2, "day") && (Is(i + 1, "same") || IsAny(i + 1, "next", "following") || IsAny(i + 1, "previous", "preceding")))
        {
            offset = Is(i + 1, "same") ? 0 : IsAny(i + 1, "next", "following") ? 1 : -1;
            end = i + 3;
            if (IsWord(end) && !IsAny(end, "and", "but") && !Has(L.DatePrepositions, end))
            {
                return false; // "the next day's talks" is fine, "the same day care" is not
            }
        }
        else if (Is(i, "the") && Is(i + 1, "day") && IsAny(i + 2, "before", "after") && (!In(i + 3) || _t[i + 3].Kind == TokenKind.Punctuation))
        {
            (offset, end) = (Is(i + 2, "before") ? -1 : 1, i + 3);
        }
        else
        {
            return false;
        }

        var anchor = _lastDay ?? _dct;
        c = new Cand(i, end, "DATE", anchor is { } a ? Day(a.AddDays(offset)) : "XXXX-XX-XX");
        return true;
    }

    /// <summary>"the lowest level in six years", "the first time in a decade": a span back from now, not a date ahead.</summary>
    private bool AfterSuperlative(int i)
    {
        for (var b = i - 1; b >= Math.Max(_s, i - 5); b--)
        {
            if (IsWord(b) && (W(b).EndsWith("est", StringComparison.OrdinalIgnoreCase) && W(b).Length > 4 || IsAny(b, "first", "record") || Is(b, "time")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"$5 a day", "3% a year": a number shortly before makes "a unit" a rate (a set), handled by the set rule.</summary>
    private bool IsRate(int start)
    {
        for (var b = start - 1; b >= Math.Max(_s, start - 3); b--)
        {
            if (_t[b].Kind == TokenKind.Number || IsPunct(b, '%') || Is(b, "percent"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>three-day, 48-hour, five-year, decades-long, year-long, 12-year-old.</summary>
    private bool HyphenDurationRule(int i, out Cand c)
    {
        c = default;
        if (!IsWord(i))
        {
            return false;
        }

        var w = W(i);
        var hyphen = w.IndexOf('-');
        if (hyphen <= 0)
        {
            return false;
        }

        var first = w[..hyphen];
        var rest = w[(hyphen + 1)..];
        var h2 = rest.IndexOf('-');
        var second = h2 > 0 ? rest[..h2] : rest;
        var tail = h2 > 0 ? rest[(h2 + 1)..] : [];
        if (h2 > 0 && !tail.Equals("long", StringComparison.OrdinalIgnoreCase) && !tail.Equals("old", StringComparison.OrdinalIgnoreCase))
        {
            // twenty-five-year
            if (NumberWord(w[..(hyphen + 1 + h2)], out var compound) && L.Units.TryGet(tail, out var cu))
            {
                c = new Cand(i, i + 1, "DURATION", Duration(compound, cu));
                return true;
            }

            return false;
        }

        double? n;
        string unit;
        if (L.Units.TryGet(first, out unit!) && second.Equals("long", StringComparison.OrdinalIgnoreCase))
        {
            n = first[^1] is 's' or 'S' ? null : 1;
        }
        else if (L.Units.TryGet(second, out unit!) && second[^1] is not ('s' or 'S'))
        {
            if (double.TryParse(first, System.Globalization.NumberStyles.AllowDecimalPoint, Inv, out var digits))
            {
                n = digits;
            }
            else if (NumberWord(first, out var word))
            {
                n = word;
            }
            else if (first.Equals("single", StringComparison.OrdinalIgnoreCase))
            {
                n = 1;
            }
            else if (first.Equals("multi", StringComparison.OrdinalIgnoreCase))
            {
                n = null;
            }
            else
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        c = new Cand(i, i + 1, "DURATION", Duration(n, unit));
        return true;
    }

    // ---------------------------------------------------------------- sets

    private bool SetRule(int i, out Cand c)
    {
        c = default;
        if (!In(i))
        {
            return false;
        }

        // every/each [other] [two] year | Monday | January | summer | morning
        if (Is(i, "every") || Is(i, "each"))
        {
            var k = i + 1;
            var step = 1.0;
            if (Is(k, "other"))
            {
                step = 2;
                k++;
            }
            else if (Quantity(k, out var qn, out var q) && q is not null && !IsAny(k, "a", "an"))
            {
                step = q.Value;
                k = qn;
            }

            if (Unit(k, out var unit, out _))
            {
                c = new Cand(i, k + 1, "SET", Duration(step, unit));
                return true;
            }

            if (WeekdayAt(k, out var wd))
            {
                c = new Cand(i, k + 1, "SET", string.Create(Inv, $"XXXX-WXX-{wd}"));
                return true;
            }

            if (MonthAt(k, out var month))
            {
                c = new Cand(i, k + 1, "SET", string.Create(Inv, $"XXXX-{month:D2}"));
                return true;
            }

            if (Has(L.Seasons, k, out var season))
            {
                c = new Cand(i, k + 1, "SET", "XXXX-" + season);
                return true;
            }

            if (Has(L.PartsOfDay, k, out var pod))
            {
                c = new Cand(i, k + 1, "SET", "T" + pod);
                return true;
            }

            return false;
        }

        // once a year, twice a week, three times a day
        var tn = i;
        if (Is(i, "once") || Is(i, "twice") || Quantity(i, out tn, out _) && Is(tn, "times"))
        {
            var k = Is(i, "once") || Is(i, "twice") ? i + 1 : tn + 1;
            if ((IsAny(k, "a", "an") || Is(k, "per") || Is(k, "every") || Is(k, "each")) && Unit(k + 1, out var unit, out var pl) && !pl)
            {
                c = new Cand(i, k + 2, "SET", Duration(1, unit));
                return true;
            }

            return false;
        }

        // per year, a year after a number ("$5 a day")
        if ((Is(i, "per") || IsAny(i, "a", "an") && IsRate(i)) && Unit(i + 1, out var u, out var p) && !p && u is not ("Q" or "S"))
        {
            if (Has(L.Anchors, i + 2) || Is(i + 2, "and") || Is(i + 2, "or"))
            {
                return false;
            }

            c = new Cand(i, i + 2, "SET", Duration(1, u));
            return true;
        }

        return false;
    }
}
