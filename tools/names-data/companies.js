// Builds ../../src/Dyad.Core/Resources/names/companies.txt: the words of company names from
// @cspell/dict-companies (MIT), for a gazetteer feature of the name recogniser only (a capitalised
// word that is also a company's name is more likely an organisation: "Boeing", "Chrysler", "Ford").
// Words of lower-case letters only (generic words) and all-caps words of fewer than 3 letters are left out.
// Run: npm install && node companies.js
const fs = require('fs');
const path = require('path');

const source = path.join(__dirname, 'node_modules', '@cspell', 'dict-companies', 'dict', 'companies.txt');
const words = new Set();
for (const line of fs.readFileSync(source, 'utf8').split('\n')) {
  const w = line.trim();
  if (!w || w.startsWith('#') || !/^\p{L}[\p{L}\p{N}&.'-]*$/u.test(w)) continue;
  if (!/\p{Lu}/u.test(w)) continue;
  if (!/\p{Ll}/u.test(w) && w.length < 3) continue;
  words.add(w);
}
const target = path.join(__dirname, '..', '..', 'src', 'Dyad.Core', 'Resources', 'names', 'companies.txt');
const out = ['# Words of company names: @cspell/dict-companies 3.2.13 (MIT, Street Side Software). Built by tools/names-data/companies.js.',
  ...[...words].sort()];
fs.writeFileSync(target, out.join('\n') + '\n');
console.log(`${words.size} company words -> ${target}`);
