using System.Globalization;

namespace Dyad.Times;

/// <summary>Tense of the clause around a time expression, from cheap cues (will, said, -ed).</summary>
internal enum Tense : byte { None, Past, Future }

/// <summary>TIMEX3 value formatting and calendar arithmetic against the DCT.</summary>
internal static class TimeValues
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Year(int year) => year.ToString("D4", Inv);

    public static string Month(int year, int month) => string.Create(Inv, $"{year:D4}-{month:D2}");

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", Inv);

    public static string Day(int year, int month, int day) => string.Create(Inv, $"{year:D4}-{month:D2}-{day:D2}");

    public static string Week(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        return string.Create(Inv, $"{ISOWeek.GetYear(dt):D4}-W{ISOWeek.GetWeekOfYear(dt):D2}");
    }

    public static string Quarter(int year, int quarter) => string.Create(Inv, $"{year:D4}-Q{quarter}");

    public static int QuarterOf(DateOnly date) => ((date.Month - 1) / 3) + 1;

    public static int IsoDay(DateOnly date) => ((int)date.DayOfWeek + 6) % 7 + 1;

    public static bool ValidDay(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>A duration value: P3Y, P2.5Y, PT48H, PXY (n null = unspecified).</summary>
    public static string Duration(double? n, string unit)
    {
        var (scale, letter, time) = unit switch
        {
            "Y" => (1, "Y", false),
            "M" => (1, "M", false),
            "W" => (1, "W", false),
            "D" => (1, "D", false),
            "H" => (1, "H", true),
            "MIN" => (1, "M", true),
            "S" => (1, "S", true),
            "DE" => (10, "Y", false),
            "CE" => (100, "Y", false),
            "ML" => (1000, "Y", false),
            "Q" => (1, "Q", false),
            "WE" => (1, "WE", false),
            "FN" => (2, "W", false),
            _ => (1, unit, false),
        };
        string amount;
        if (n is null)
        {
            amount = "X";
            if (unit == "DE")
            {
                letter = "DE";
            }
            else if (unit == "CE")
            {
                letter = "CE";
            }
        }
        else
        {
            amount = (n.Value * scale).ToString("0.##", Inv);
        }

        return (time ? "PT" : "P") + amount + letter;
    }

    /// <summary>The period <paramref name="offset"/> units from the DCT's period, at the unit's granularity.</summary>
    public static string? Shift(DateOnly dct, string unit, int offset) => unit switch
    {
        "Y" => Year(dct.Year + offset),
        "M" => MonthOf(dct.AddMonths(offset)),
        "W" => Week(dct.AddDays(7 * offset)),
        "FN" => Week(dct.AddDays(14 * offset)),
        "WE" => Week(dct.AddDays(7 * offset)) + "-WE",
        "D" => Day(dct.AddDays(offset)),
        "DE" => ((dct.Year / 10) + offset).ToString("D3", Inv),
        "CE" => ((dct.Year / 100) + offset).ToString("D2", Inv),
        "Q" => ShiftQuarter(dct, offset),
        "H" or "MIN" or "S" => Day(dct),
        _ => null,
    };

    /// <summary>"five years ago": the point <paramref name="n"/> units back (or forward) at the unit's granularity; weeks and days to the day.</summary>
    public static string? Ago(DateOnly dct, string unit, double n, int sign)
    {
        var whole = (int)Math.Round(n);
        if (Math.Abs(n - whole) > 0.01)
        {
            // "a year and a half ago": months
            return unit == "Y" ? MonthOf(dct.AddMonths(sign * (int)Math.Round(n * 12))) : null;
        }

        return unit switch
        {
            "W" => Day(dct.AddDays(sign * 7 * whole)),
            "FN" => Day(dct.AddDays(sign * 14 * whole)),
            "DE" => Year(dct.Year + (sign * 10 * whole)),
            "CE" => Year(dct.Year + (sign * 100 * whole)),
            _ => Shift(dct, unit, sign * whole),
        };
    }

    public static string MonthOf(DateOnly date) => Month(date.Year, date.Month);

    private static string ShiftQuarter(DateOnly dct, int offset)
    {
        var index = (dct.Year * 4) + QuarterOf(dct) - 1 + offset;
        return Quarter(index / 4, (index % 4) + 1);
    }

    /// <summary>The year of a month (and day) given without one: by tense, else the nearest.</summary>
    public static int ResolveYear(DateOnly dct, int month, int day, Tense tense)
    {
        var best = dct.Year;
        var bestDistance = int.MaxValue;
        for (var y = dct.Year - 4; y <= dct.Year + 4; y++)
        {
            var d = day == 0 ? 1 : day;
            if (!ValidDay(y, month, d))
            {
                continue;
            }

            var candidate = new DateOnly(y, month, d);
            int distance;
            if (day == 0)
            {
                // month precision: compare months
                var months = ((y * 12) + month) - ((dct.Year * 12) + dct.Month);
                if ((tense == Tense.Past && months > 0) || (tense == Tense.Future && months < 0))
                {
                    continue;
                }

                distance = Math.Abs(months) * 2 + (months > 0 ? 1 : 0);
            }
            else
            {
                var days = candidate.DayNumber - dct.DayNumber;
                if ((tense == Tense.Past && days > 0) || (tense == Tense.Future && days < 0))
                {
                    continue;
                }

                distance = Math.Abs(days) * 2 + (days > 0 ? 1 : 0);
            }

            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = y;
            }
        }

        return best;
    }

    /// <summary>A weekday relative to the DCT: past (on or before), future (on or after), strict for last/next.</summary>
    public static DateOnly Weekday(DateOnly dct, int isoDay, int direction, bool strict)
    {
        var today = IsoDay(dct);
        if (direction > 0)
        {
            var ahead = (isoDay - today + 7) % 7;
            if (ahead == 0 && strict)
            {
                ahead = 7;
            }

            return dct.AddDays(ahead);
        }

        var back = (today - isoDay + 7) % 7;
        if (back == 0 && strict)
        {
            back = 7;
        }

        return dct.AddDays(-back);
    }

    /// <summary>Season code order and the months that end each season, for last/next/this.</summary>
    public static int SeasonYear(DateOnly dct, string season, int offset, Tense tense)
    {
        var (first, last) = season switch
        {
            "SP" => (3, 5),
            "SU" => (6, 8),
            "FA" => (9, 11),
            _ => (12, 14),
        };
        var m = dct.Month < 3 && season == "WI" ? dct.Month + 12 : dct.Month;
        var baseYear = dct.Year - (season == "WI" && dct.Month < 3 ? 1 : 0);
        if (offset < 0)
        {
            return m > last ? baseYear : baseYear - 1;
        }

        if (offset > 0)
        {
            return m < first ? baseYear : baseYear + 1;
        }

        if (tense == Tense.Past && m < first)
        {
            return baseYear - 1;
        }

        if (tense == Tense.Future && m > last)
        {
            return baseYear + 1;
        }

        return baseYear;
    }
}
