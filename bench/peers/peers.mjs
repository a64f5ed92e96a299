// Runs Dyad's peers on the same texts as Dyad's benchmark, one core each (Node is single-threaded):
// compromise (+ compromise-dates), wink-nlp with wink-eng-lite-web-model, chrono-node.
// Usage: node peers.mjs CORPUS_DIR [--rounds N]
//   CORPUS_DIR/corpus.jsonl       {"id","date","text","words"} per line (built by `dyad bench corpus`)
//   CORPUS_DIR/gold-times.jsonl   optional: {"id","date","text"} texts with gold time expressions
//   CORPUS_DIR/gold-names.jsonl   optional: {"id","text"} texts with gold names
// Prints one JSON line per peer with words/s, and writes CORPUS_DIR/pred-<peer>-<task>.jsonl
// ({"id","spans":[{"start","end","type"}]}) for Dyad's scorer to compare on the same gold.
import fs from 'node:fs';
import path from 'node:path';
import nlp from 'compromise';
import datesPlugin from 'compromise-dates';
import * as chrono from 'chrono-node';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

nlp.plugin(datesPlugin);
const wink = winkNLP(model);
const its = wink.its;

const dir = process.argv[2] ?? '../corpus';
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
const readJsonl = (file) => fs.existsSync(file)
  ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  : [];
const corpus = readJsonl(path.join(dir, 'corpus.jsonl'));
if (corpus.length === 0) {
  console.error(`peers: ${dir}/corpus.jsonl is missing or empty; run 'dyad bench corpus' first`);
  process.exit(2);
}
const words = corpus.reduce((n, d) => n + (d.words ?? 0), 0);
const refDate = (d) => new Date(`${d.date ?? '2025-01-22'}T12:00:00Z`);

// A peer that throws on a text (compromise-dates does on some MEANTIME articles) counts as having
// found nothing in it; failures are counted and printed.
const failures = {};
const safe = (name, fn, fallback) => (d) => {
  try {
    return fn(d);
  } catch {
    failures[name] = (failures[name] ?? 0) + 1;
    return fallback;
  }
};

// Each peer does what it offers that Dyad also does: names, quotations, dates, sentences.
const peers = {
  'compromise': (d) => {
    const doc = nlp(d.text);
    return doc.people().length + doc.places().length + doc.organizations().length + doc.quotations().length;
  },
  'compromise-dates': (d) => nlp(d.text).dates({ today: d.date ?? '2025-01-22' }).length,
  'wink-nlp': (d) => {
    const doc = wink.readDoc(d.text);
    return doc.entities().length() + doc.sentences().length();
  },
  'chrono-node': (d) => chrono.parse(d.text, refDate(d)).length,
};

for (const [name, run0] of Object.entries(peers)) {
  const run = safe(name, run0, 0);
  for (const d of corpus) run(d); // warm-up
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const d of corpus) run(d);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ peer: name, documents: corpus.length, words, seconds, words_per_second: (words * rounds) / seconds }));
}

// Predictions on gold texts, offsets in UTF-16 code units like Dyad's; trailing punctuation trimmed.
const trim = (text, start, end) => {
  while (end > start && /[\s.,;:!?'"”’)]/u.test(text[end - 1])) end--;
  while (start < end && /[\s"“‘(]/u.test(text[start])) start++;
  return [start, end];
};
const spansOf = (text, matches, type) => matches.map((m) => {
  const [start, end] = trim(text, m.offset.start, m.offset.start + m.offset.length);
  return { start, end, type };
}).filter((s) => s.end > s.start);

const write = (peer, task, rows) =>
  fs.writeFileSync(path.join(dir, `pred-${peer}-${task}.jsonl`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

const goldTimes = readJsonl(path.join(dir, 'gold-times.jsonl'));
if (goldTimes.length > 0) {
  write('chrono-node', 'times', goldTimes.map((d) => ({
    id: d.id,
    spans: safe('chrono-node (gold)', () => chrono.parse(d.text, refDate(d)).map((r) => {
      const [start, end] = trim(d.text, r.index, r.index + r.text.length);
      return { start, end, type: 'TIME' };
    }), [])(d),
  })));
  write('compromise', 'times', goldTimes.map((d) => ({
    id: d.id,
    spans: safe('compromise-dates (gold)', () => spansOf(d.text, nlp(d.text).dates({ today: d.date ?? '2025-01-22' }).json({ offset: true }), 'TIME'), [])(d),
  })));
}

const goldNames = readJsonl(path.join(dir, 'gold-names.jsonl'));
if (goldNames.length > 0) {
  write('compromise', 'names', goldNames.map((d) => ({
    id: d.id,
    spans: safe('compromise (gold)', () => {
      const doc = nlp(d.text);
      return [
        ...spansOf(d.text, doc.people().json({ offset: true }), 'PER'),
        ...spansOf(d.text, doc.places().json({ offset: true }), 'LOC'),
        ...spansOf(d.text, doc.organizations().json({ offset: true }), 'ORG'),
      ];
    }, [])(d),
  })));
}

if (Object.keys(failures).length > 0) {
  console.error(`peers: documents a peer threw on (counted as finding nothing): ${JSON.stringify(failures)}`);
}
