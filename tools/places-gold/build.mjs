// Converts gold-news.txt (inline [[surface|lat,lon]] marks) to the JSON Lines gold format of `dyad eval places`:
// {"id", "date", "text", "toponyms": [{"start", "end", "lat", "lon"}]}.
// Usage: node build.mjs > ../../data/places/gold-news.jsonl
//        node build.mjs gold-heldout.txt dyad-heldout > ../../data/places/gold-heldout.jsonl
import { readFileSync } from 'node:fs';
const file = process.argv[2] ?? 'gold-news.txt';
const prefix = process.argv[3] ?? 'dyad-gold';
const source = readFileSync(new URL('./' + file, import.meta.url), 'utf8');
const blocks = source.split(/^---$/m);
let n = 0;
for (const block of blocks) {
  let lines = block.split('\n').filter(l => !l.startsWith('#'));
  let date = null;
  const body = lines.join('\n').trim();
  let raw = body;
  const m = /^date: (\d{4}-\d{2}-\d{2})\n/.exec(raw);
  if (m) { date = m[1]; raw = raw.slice(m[0].length); }
  let text = '';
  const toponyms = [];
  const re = /\[\[([^|\]]+)\|(-?[\d.]+),(-?[\d.]+)\]\]/g;
  let last = 0, x;
  while ((x = re.exec(raw))) {
    text += raw.slice(last, x.index);
    const start = text.length;
    text += x[1];
    toponyms.push({ start, end: text.length, lat: Number(x[2]), lon: Number(x[3]) });
    last = re.lastIndex;
  }
  text += raw.slice(last);
  if (!text.trim()) continue;
  n++;
  console.log(JSON.stringify({ id: `${prefix}-${String(n).padStart(2, '0')}`, date, text, toponyms }));
}
