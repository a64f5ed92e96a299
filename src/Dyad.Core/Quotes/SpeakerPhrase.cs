namespace Dyad.Quotes;

internal enum SpeakerKind : byte { Name, Institution, Nominal, Pronoun }

/// <summary>
/// A speaker found in the text by the local rules: the noun phrase's tokens and the span that names
/// the speaker (a name without its titles, a description with its determiner, or a pronoun).
/// </summary>
internal sealed record SpeakerPhrase(int FirstToken, int EndToken, int Start, int End, SpeakerKind Kind);

/// <summary>A speaker with the cue that attributes a quotation to it.</summary>
internal sealed record Attribution(SpeakerPhrase? Speaker, SpanText? Cue);
