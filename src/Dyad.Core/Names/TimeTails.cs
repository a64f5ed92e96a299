using System.Collections.Immutable;

namespace Dyad.Names;

/// <summary>
/// A name does not run on into a time expression after a lower-case word: "the Munich Security
/// Conference on Friday" names the conference, and "Friday" is the times stage's. The name is cut
/// before the lower-case word ("on"). A time at the start of a name, or after a capitalised word
/// ("Black Tuesday", "Theresa May"), is left to the name.
/// </summary>
internal static class TimeTails
{
    public static ImmutableArray<NameMention> Trim(string text, ImmutableArray<Token> tokens, ImmutableArray<TimeExpression> times, ImmutableArray<NameMention> names)
    {
        if (names.IsDefaultOrEmpty || times.IsDefaultOrEmpty)
        {
            return names;
        }

        var result = names.ToBuilder();
        for (var i = 0; i < result.Count; i++)
        {
            var name = result[i];
            foreach (var time in times)
            {
                if (time.Start <= name.Start || time.Start >= name.End || time.End < name.End)
                {
                    continue;
                }

                // The time starts with a lower-case word ("on Friday"), or the word before it is one ("on", "in").
                var cut = time.Start;
                if (!char.IsLower(text[time.Start]))
                {
                    var before = Dyad.Text.Offsets.CountStartingBefore(tokens.AsSpan(), time.Start, static x => x.Start) - 1;
                    if (before < 0 || tokens[before].Start <= name.Start || !char.IsLower(text[tokens[before].Start]))
                    {
                        continue;
                    }

                    cut = tokens[before].Start;
                }

                var last = Dyad.Text.Offsets.CountStartingBefore(tokens.AsSpan(), cut, static x => x.Start) - 1;
                if (last < 0 || tokens[last].End <= name.Start)
                {
                    continue;
                }

                var end = tokens[last].End;
                result[i] = name with { End = end, Text = text[name.Start..end] };
                break;
            }
        }

        return result.ToImmutable();
    }
}
