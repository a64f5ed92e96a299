using System.Collections.Immutable;

namespace Dyad.Knowledge;

/// <summary>A country or territory (ISO 3166-1) with the names, demonyms and capitals news uses.</summary>
public sealed record CountryInfo(
    string Iso3, string Iso2, string Name, ImmutableArray<string> Aliases,
    ImmutableArray<string> Demonyms, ImmutableArray<string> Capitals, string? Qid, bool Independent)
{
    /// <summary>The CAMEO-style code of the country's government (RUSGOV).</summary>
    public string GovernmentCode => Iso3 + "GOV";
}

/// <summary>A dated role: the actor code and title someone held from Start (inclusive) to End (exclusive).</summary>
public sealed record KbRole(string Code, string Title, DateOnly? Start, DateOnly? End)
{
    public bool IsActiveAt(DateOnly date) => (Start is null || Start <= date) && (End is null || date < End);
}

/// <summary>
/// One entry of the knowledge base: a person, organisation, institution, group, region or facility.
/// <see cref="Id"/> is Dyad's own key (<c>w:Vladimir_Putin</c>, <c>dyad:kremlin</c>, <c>phx:...</c>);
/// <see cref="Qid"/> the Wikidata id where known.
/// </summary>
public sealed record KbEntity(
    string Id, string Type, string Name, ImmutableArray<string> Aliases, ImmutableArray<string> ShortNames,
    string? Country, string? Code, bool Metonymy, string? Qid, string? Wiki, string Source,
    ImmutableArray<KbRole> Roles)
{
    /// <summary>Curated by Dyad (people.txt, entities.tsv) rather than converted from Phoenix.</summary>
    public bool Curated => !Id.StartsWith("phx:", StringComparison.Ordinal);
}

/// <summary>Who an actor is on a date: CAMEO-style code, country, sector and role.</summary>
public sealed record ActorInfo(string? Code, string? Country, string? Sector, string? Role);

/// <summary>A title word, rank or institution word and the sector it implies.</summary>
public sealed record AgentWord(string Phrase, string Sector, bool Person);
