// Dyad's page. Article text and every other stored value are hostile input: the DOM is built with
// createElement/textContent/setAttribute only (never innerHTML with data), links are made only to
// in-page routes or to http(s) URLs, and the server's Content-Security-Policy forbids inline script.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';

const SVG = 'http://www.w3.org/2000/svg';
const view = () => document.getElementById('view');

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'class') node.className = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c) node.append(c);
  return node;
}

function tip(node, text) {
  const t = document.createElementNS(SVG, 'title');
  t.textContent = text;
  node.append(t);
  return node;
}

function txt(attrs, text) {
  const t = svg('text', attrs);
  t.textContent = text;
  return t;
}

/** A link to an in-page route; the route is built here, never taken from data. */
function route(path, text, cls) {
  return el('a', { href: '#/' + path, class: cls, text });
}

/** A link out only for http(s) URLs; anything else (javascript:, data:) stays plain text. */
function external(url, text) {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') {
      return el('a', { href: u.href, rel: 'noopener noreferrer nofollow', target: '_blank', text: text || u.href });
    }
  } catch { /* not a URL */ }
  return el('span', { class: 'muted', text: text || String(url) });
}

async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== '') qs.set(k, v);
  const url = '/api/' + path + (qs.toString() ? '?' + qs : '');
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || res.status + ' ' + res.statusText);
  return body;
}

const fmt = (x, d = 2) => (x === null || x === undefined ? '' : Number(x).toFixed(d));
const actorLabel = (a) => (a && (a.code || a.name || a.country)) || '—';

function show(...nodes) {
  const v = view();
  v.replaceChildren(...nodes.flat());
}

function failure(err) {
  return el('p', { class: 'error', text: 'Error: ' + err.message });
}

// ---- events table (shared) --------------------------------------------------------------------

function eventsTable(events) {
  if (!events.length) return el('p', { class: 'muted', text: 'No events.' });
  return el('table', { class: 'events' },
    el('thead', {}, el('tr', {}, ['Date', 'Source', 'Event', 'Target', 'Goldstein', 'Place', 'Reports', 'Article'].map((h) => el('th', { text: h })))),
    el('tbody', {}, events.map((e) => el('tr', { class: 'q' + e.quad_class },
      el('td', { text: e.date }),
      el('td', { text: actorLabel(e.source), title: [e.source.name, e.source.country, e.source.sector].filter(Boolean).join(' · ') }),
      el('td', { title: 'CAMEO ' + e.cameo + ' · quad class ' + e.quad_class }, el('span', { class: 'etype', text: e.type }), ' ', el('span', { class: 'muted', text: e.cameo })),
      el('td', { text: actorLabel(e.target), title: [e.target.name, e.target.country, e.target.sector].filter(Boolean).join(' · ') }),
      el('td', { class: 'num', text: fmt(e.goldstein, 1) }),
      el('td', { text: e.place ? e.place.name : '' }),
      el('td', { class: 'num', text: e.num_mentions }),
      el('td', {}, route('doc/' + encodeURIComponent(e.first_document_id), 'read')),
    ))));
}

// ---- pair history -------------------------------------------------------------------------------

function periodEnd(start, by) {
  const d = new Date(start + 'T00:00:00Z');
  if (by === 'day') return start;
  if (by === 'week') d.setUTCDate(d.getUTCDate() + 6);
  else { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
  return d.toISOString().slice(0, 10);
}

function timelineChart(rows, by, onPick) {
  const W = 900, H = 320, top = 20, bottom = 40, left = 44, right = 44;
  const mid = top + (H - top - bottom) / 2;
  const half = (H - top - bottom) / 2;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.cooperation, r.conflict)));
  const step = (W - left - right) / Math.max(rows.length, 1);
  const bw = Math.max(2, Math.min(40, step * 0.7));
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': 'Events per period: cooperation above, conflict below' });
  chart.append(svg('line', { x1: left, x2: W - right, y1: mid, y2: mid, class: 'axis' }));
  chart.append(txt({ x: 4, y: top + 10, class: 'legend coop' }, 'coop ▲'), txt({ x: 4, y: H - bottom - 2, class: 'legend conflict' }, 'conflict ▼'),
    txt({ x: W - right + 4, y: top + 10, class: 'legend gold' }, 'G +10'), txt({ x: W - right + 4, y: H - bottom - 2, class: 'legend gold' }, 'G −10'));
  const goldY = (g) => mid - (g / 10) * half;
  const points = [];
  rows.forEach((r, i) => {
    const x = left + i * step + (step - bw) / 2;
    const g = svg('g', { class: 'period', tabindex: 0, 'data-period': r.period, on: { click: () => onPick(r), keydown: (ev) => { if (ev.key === 'Enter') onPick(r); } } });
    g.append(svg('rect', { x: left + i * step, y: top, width: step, height: H - top - bottom, class: 'hit' }));
    const hc = (r.cooperation / max) * half, hk = (r.conflict / max) * half;
    if (r.cooperation) g.append(svg('rect', { x, y: mid - hc, width: bw, height: hc, class: 'bar coop' }));
    if (r.conflict) g.append(svg('rect', { x, y: mid, width: bw, height: hk, class: 'bar conflict' }));
    tip(g, `${r.period}: ${r.events} events, ${r.cooperation} cooperation, ${r.conflict} conflict, mean Goldstein ${fmt(r.mean_goldstein)} (click to list)`);
    const every = Math.ceil(rows.length / 12);
    if (i % every === 0) {
      g.append(txt({ x: left + i * step + step / 2, y: H - bottom + 16, class: 'tick' }, r.period));
    }
    points.push(`${left + i * step + step / 2},${goldY(r.mean_goldstein)}`);
    chart.append(g);
  });
  if (rows.length > 1) chart.append(svg('polyline', { points: points.join(' '), class: 'goldline' }));
  rows.forEach((r, i) => chart.append(tip(svg('circle', { cx: left + i * step + step / 2, cy: goldY(r.mean_goldstein), r: 3.5, class: 'gold' }), `mean Goldstein ${fmt(r.mean_goldstein)}`)));
  return chart;
}

/** Every period of a pair's timeline: the API answers at most 500 periods per page and says where the next one starts (next_from). */
async function timelinePeriods(a, b, by) {
  const rows = [];
  let from = null;
  for (let pages = 0; pages < 40; pages++) {
    const page = await api('timeline', { a, b, by, from });
    rows.push(...page.items);
    if (!page.next_from) return rows;
    from = page.next_from;
  }
  return rows;
}

async function pairView(params) {
  const a = params.get('a') || 'RUS', b = params.get('b') || 'CHN', by = params.get('by') || 'month';
  const form = el('form', { class: 'controls' },
    el('label', {}, 'Actor A ', el('input', { name: 'a', value: a, size: 10 })),
    el('label', {}, 'Actor B ', el('input', { name: 'b', value: b, size: 10 })),
    el('label', {}, 'By ', el('select', { name: 'by' }, ['day', 'week', 'month'].map((p) => el('option', { value: p, selected: p === by, text: p })))),
    el('button', { text: 'Show' }));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    location.hash = '#/pair?' + new URLSearchParams({ a: f.get('a'), b: f.get('b'), by: f.get('by') });
  });
  const chartBox = el('div', { class: 'chartbox' }, el('p', { class: 'muted', text: 'Loading…' }));
  const picked = el('section', { id: 'period-events' });
  const pairs = el('aside', { class: 'pairs' });
  show(el('h1', { text: `${a} – ${b}: history` }), form, chartBox, picked, pairs);
  api('dyads', { level: 'country', limit: 12 }).then((d) => {
    pairs.replaceChildren(el('h2', { text: 'Busiest country pairs' }), el('ul', {}, d.items.map((p) =>
      el('li', {}, route('pair?' + new URLSearchParams({ a: p.a, b: p.b, by }), `${p.a} – ${p.b}`), ` ${p.events} events, mean Goldstein ${fmt(p.mean_goldstein)}`))));
  }).catch(() => {});
  try {
    const rows = await timelinePeriods(a, b, by);
    if (!rows.length) {
      chartBox.replaceChildren(el('p', { class: 'muted', text: `No events between ${a} and ${b}.` }));
      return;
    }
    const total = rows.reduce((s, r) => s + r.events, 0);
    const pick = async (r) => {
      for (const g of chartBox.querySelectorAll('g.period')) g.classList.toggle('picked', g.getAttribute('data-period') === r.period);
      picked.replaceChildren(el('p', { class: 'muted', text: 'Loading…' }));
      try {
        const ev = await api('events', { a, b, from: r.start, to: periodEnd(r.start, by), limit: 200 });
        picked.replaceChildren(el('h2', { text: `${r.period}: ${r.events} events (${r.cooperation} cooperation, ${r.conflict} conflict), mean Goldstein ${fmt(r.mean_goldstein)}` }), eventsTable(ev.items));
      } catch (err) { picked.replaceChildren(failure(err)); }
    };
    chartBox.replaceChildren(el('p', { class: 'muted', text: `${total} events in ${rows.length} ${by === 'day' ? 'days' : by + 's'}; click a period to list its events.` }), timelineChart(rows, by, pick));
  } catch (err) {
    chartBox.replaceChildren(failure(err));
  }
}

// ---- article view -------------------------------------------------------------------------------

function spansOf(doc) {
  const spans = [];
  const entities = new Map(doc.entities.map((e) => [e.id, e]));
  doc.quotes.forEach((q, i) => {
    const who = q.speaker ? q.speaker.name : 'unknown speaker';
    spans.push({ start: q.start, end: q.end, rank: 0, kind: 'quote', title: `Quote ${i + 1} (${q.direct ? 'direct' : 'indirect'}), speaker: ${who}`, speaker: who });
    if (q.speaker && q.speaker.end > q.speaker.start) {
      const ent = q.speaker.entity_id && entities.get(q.speaker.entity_id);
      spans.push({ start: q.speaker.start, end: q.speaker.end, rank: 1, kind: 'speaker', title: `Speaker of quote ${i + 1}: ${ent ? ent.name : who}` });
    }
  });
  for (const e of doc.entities) {
    const desc = [`${e.name} (${e.type})`, e.actor_code && 'actor ' + e.actor_code, e.country && 'country ' + e.country, e.sector && 'sector ' + e.sector, e.role && 'role ' + e.role, e.kb_id].filter(Boolean).join(' · ');
    for (const m of e.mentions) spans.push({ start: m.start, end: m.end, rank: 3, kind: 'entity', title: 'Entity: ' + desc, entity: e.name });
  }
  for (const t of doc.times) spans.push({ start: t.start, end: t.end, rank: 2, kind: 'time', title: `Time (${t.type}): ${t.value}${t.mod ? ' ' + t.mod : ''}` });
  for (const p of doc.places) {
    const where = p.lat !== null && p.lat !== undefined ? ` at ${fmt(p.lat, 4)}, ${fmt(p.lon, 4)}` : ', no coordinates';
    spans.push({ start: p.start, end: p.end, rank: 2, kind: 'place', title: `Place: ${p.name} (${p.feature}${p.country ? ', ' + p.country : ''})${where}${p.geonames_id ? ' · GeoNames ' + p.geonames_id : ''}` });
  }
  for (const e of doc.events) {
    const who = (xs) => xs.map((x) => x.code || x.name).join(', ') || '—';
    const flags = [e.negated && 'negated', e.hypothetical && 'hypothetical', e.future && 'future'].filter(Boolean).join(', ');
    spans.push({ start: e.trigger.start, end: e.trigger.end, rank: 4, kind: 'trigger',
      title: `Event ${e.type} (CAMEO ${e.cameo}, quad ${e.quad_class}, Goldstein ${fmt(e.goldstein, 1)}): ${who(e.source)} → ${who(e.target)}, ${e.date}${e.place ? ' at ' + e.place.name : ''}${flags ? ' [' + flags + ']' : ''}` });
  }
  return spans.filter((s) => s.end > s.start && s.start >= 0 && s.end <= doc.text.length);
}

function mark(s) {
  const node = s.kind === 'entity'
    ? el('a', { class: 'm entity', href: '#/entity/' + encodeURIComponent(s.entity), title: s.title })
    : el('span', { class: 'm ' + s.kind, title: s.title });
  if (s.kind === 'quote') node.setAttribute('data-speaker', s.speaker);
  return node;
}

/** Writes text[from..to) into parent with the spans as nested marks (crossing spans are split). */
function renderSpans(parent, text, from, to, spans) {
  let pending = spans.slice().sort((x, y) => x.start - y.start || y.end - x.end || x.rank - y.rank);
  let pos = from;
  while (pending.length) {
    const s = pending.shift();
    if (s.end <= pos) continue;
    const start = Math.max(s.start, pos);
    if (start > pos) parent.append(text.slice(pos, start));
    const inner = [], rest = [];
    for (const t of pending) {
      if (t.start < s.end && t.end > start) {
        inner.push({ ...t, start: Math.max(t.start, start), end: Math.min(t.end, s.end) });
        if (t.end > s.end) rest.push({ ...t, start: s.end });
      } else if (t.end > s.end) rest.push(t);
    }
    const node = mark(s);
    renderSpans(node, text, start, s.end, inner.filter((t) => t.end > t.start));
    parent.append(node);
    pos = s.end;
    pending = rest.sort((x, y) => x.start - y.start || y.end - x.end || x.rank - y.rank);
  }
  if (pos < to) parent.append(text.slice(pos, to));
}

async function documentView(id) {
  show(el('p', { class: 'muted', text: 'Loading…' }));
  let doc;
  try { doc = await api('documents/' + encodeURIComponent(id)); } catch (err) { show(failure(err)); return; }
  const body = el('div', { class: 'article', id: 'article-text' });
  const spans = spansOf(doc);
  const start = doc.title ? doc.body_start : 0;
  const clip = (from, to) => spans.filter((s) => s.start < to && s.end > from).map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }));
  renderSpans(body, doc.text, start, doc.text.length, clip(start, doc.text.length));
  // The title is part of the text the offsets point into: its marks are shown in the heading.
  const heading = el('h1', { id: 'article-title' });
  if (doc.title) {
    const titleEnd = Math.min(doc.text.length, doc.title.length);
    renderSpans(heading, doc.text, 0, titleEnd, clip(0, titleEnd));
  } else heading.textContent = '(untitled article)';
  const legend = el('p', { class: 'legend-row' }, ['entity', 'time', 'quote', 'speaker', 'place', 'trigger'].map((k) =>
    el('span', { class: 'm ' + k, text: { entity: 'entity', time: 'time', quote: 'quote', speaker: 'speaker', place: 'place', trigger: 'event trigger' }[k] })), ' Hover a mark to see what Dyad made of it.');
  const meta = el('p', { class: 'meta' }, [doc.date, doc.source, doc.byline].filter(Boolean).join(' · '), doc.url ? ' · ' : '', doc.url ? external(doc.url) : '');
  const quotes = el('section', {}, el('h2', { text: `Quotes (${doc.quotes.length})` }), el('ul', { class: 'quotes' }, doc.quotes.map((q) =>
    el('li', {}, el('q', { text: q.text }), ' — ', q.speaker ? el('strong', { text: q.speaker.name }) : el('span', { class: 'muted', text: 'unknown speaker' })))));
  const ents = el('section', {}, el('h2', { text: `Entities (${doc.entities.length})` }), el('ul', { class: 'inline' }, doc.entities.map((e) =>
    el('li', {}, route('entity/' + encodeURIComponent(e.name), e.name), el('span', { class: 'muted', text: ` ${e.type}${e.actor_code ? ' ' + e.actor_code : ''} ×${e.mentions.length}` })))));
  const events = doc.events.map((e) => ({
    date: e.date, source: e.source[0] || null, target: e.target[0] || null, type: e.type, cameo: e.cameo, quad_class: e.quad_class,
    goldstein: e.goldstein, place: e.place, num_mentions: 1, first_document_id: doc.id,
  }));
  show(heading, meta, legend, body, el('section', {}, el('h2', { text: `Events (${events.length})` }), eventsTable(events)), quotes, ents);
}

// ---- lists: documents, search, quotes, entities --------------------------------------------------

function pager(page, go) {
  return el('p', { class: 'pager' },
    page.offset > 0 ? el('button', { text: '← Previous', on: { click: () => go(Math.max(0, page.offset - page.limit)) } }) : null,
    ` ${page.offset + 1}–${page.offset + page.items.length} `,
    page.next_offset !== null ? el('button', { text: 'Next →', on: { click: () => go(page.next_offset) } }) : null);
}

function snippet(text) {
  // The store marks matches with [ and ]; split on them and bold the matches with textContent.
  const out = el('span', { class: 'snippet' });
  text.split(/(\[[^\]]*\])/).forEach((part) => {
    if (part.startsWith('[') && part.endsWith(']')) out.append(el('b', { text: part.slice(1, -1) }));
    else out.append(part);
  });
  return out;
}

async function documentsView(params) {
  const q = params.get('q') || '';
  const offset = Number(params.get('offset') || 0);
  show(el('h1', { text: q ? `Search: ${q}` : 'Articles' }), el('p', { class: 'muted', text: 'Loading…' }));
  try {
    const page = await api('documents', { q, offset, limit: 50 });
    const go = (o) => { location.hash = '#/' + (q ? 'search' : 'documents') + '?' + new URLSearchParams({ q, offset: o }); };
    const list = el('ol', { class: 'docs', start: offset + 1 }, page.items.map((d) => el('li', {},
      route('doc/' + encodeURIComponent(d.document_id || d.id), d.title || '(untitled)'),
      el('span', { class: 'muted', text: ' ' + [d.date, d.source].filter(Boolean).join(' · ') }),
      d.snippet ? el('div', {}, snippet(d.snippet)) : null)));
    show(el('h1', { text: q ? `Search: ${q}` : 'Articles' }), page.items.length ? list : el('p', { class: 'muted', text: 'Nothing found.' }), pager(page, go));
  } catch (err) { show(failure(err)); }
}

async function quotesView(params) {
  const speaker = params.get('speaker') || '', text = params.get('text') || '';
  const form = el('form', { class: 'controls' },
    el('label', {}, 'Speaker ', el('input', { name: 'speaker', value: speaker })),
    el('label', {}, 'Words ', el('input', { name: 'text', value: text })), el('button', { text: 'Find' }));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    location.hash = '#/quotes?' + new URLSearchParams({ speaker: f.get('speaker'), text: f.get('text') });
  });
  show(el('h1', { text: 'Quotes by speaker' }), form, el('p', { class: 'muted', text: 'Loading…' }));
  try {
    const page = await api('quotes', { speaker, text, limit: 200 });
    const groups = new Map();
    for (const q of page.items) {
      const k = q.speaker_name || '(unknown speaker)';
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(q);
    }
    const sections = [...groups.entries()].sort((x, y) => y[1].length - x[1].length).map(([who, qs]) => el('section', { class: 'speaker-group' },
      el('h2', {}, who, el('span', { class: 'muted', text: ` (${qs.length})` })),
      el('ul', { class: 'quotes' }, qs.map((q) => el('li', {}, el('q', { text: q.text }), ' ',
        el('span', { class: 'muted', text: [q.date, q.title].filter(Boolean).join(' · ') + ' ' }), route('doc/' + encodeURIComponent(q.document_id), 'read'))))));
    show(el('h1', { text: 'Quotes by speaker' }), form, sections.length ? sections : el('p', { class: 'muted', text: 'No quotes.' }));
  } catch (err) { show(failure(err)); }
}

async function entitiesView(params) {
  const name = params.get('name') || '';
  const form = el('form', { class: 'controls' }, el('label', {}, 'Name ', el('input', { name: 'name', value: name })), el('button', { text: 'Find' }));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); location.hash = '#/entities?' + new URLSearchParams({ name: new FormData(form).get('name') }); });
  try {
    const page = await api('entities', { name, limit: 100 });
    show(el('h1', { text: 'Entities' }), form, el('table', {},
      el('thead', {}, el('tr', {}, ['Name', 'Type', 'Actor', 'Country', 'Mentions', 'Articles'].map((h) => el('th', { text: h })))),
      el('tbody', {}, page.items.map((e) => el('tr', {}, el('td', {}, route('entity/' + encodeURIComponent(e.name), e.name)),
        el('td', { text: e.type }), el('td', { text: e.actor_code || '' }), el('td', { text: e.country || '' }),
        el('td', { class: 'num', text: e.mentions }), el('td', { class: 'num', text: e.documents }))))));
  } catch (err) { show(failure(err)); }
}

async function entityView(name) {
  show(el('p', { class: 'muted', text: 'Loading…' }));
  let e;
  try { e = await api('entities/' + encodeURIComponent(name)); } catch (err) { show(failure(err)); return; }
  const maxP = Math.max(1, ...e.partners.map((p) => p.events));
  show(
    el('h1', { text: e.name }),
    el('p', { class: 'meta', text: [e.type, e.actor_code && 'actor ' + e.actor_code, e.country && 'country ' + e.country, e.kb_id].filter(Boolean).join(' · ') }),
    el('section', {}, el('h2', { text: 'Roles over time' }), el('table', {},
      el('thead', {}, el('tr', {}, ['Month', 'Role', 'Actor code', 'Sector', 'Articles'].map((h) => el('th', { text: h })))),
      el('tbody', {}, e.roles.map((r) => el('tr', {}, el('td', { text: r.period }), el('td', { text: r.role || '' }), el('td', { text: r.actor_code || '' }), el('td', { text: r.sector || '' }), el('td', { class: 'num', text: r.documents })))))),
    el('section', {}, el('h2', { text: 'Most frequent partners' }), e.partners.length ? el('table', { class: 'partners' },
      el('tbody', {}, e.partners.map((p) => el('tr', {},
        el('td', { text: p.code || p.name || p.country || '—', title: [p.name, p.country].filter(Boolean).join(' · ') }),
        el('td', {}, el('span', { class: 'pbar coop', 'data-w': p.cooperation }), el('span', { class: 'pbar conflict', 'data-w': p.conflict })),
        el('td', { class: 'num', text: `${p.events} events, ${p.cooperation} coop, ${p.conflict} conflict, mean G ${fmt(p.mean_goldstein)}` }))))) : el('p', { class: 'muted', text: 'No events with this entity as an actor.' })),
    el('section', {}, el('h2', { text: 'Called' }), el('p', {}, e.forms.map((f) => el('span', { class: 'chip', text: `${f.text} ×${f.count}` })))),
    el('section', {}, el('h2', { text: `Mentioned in (${e.appearances.length})` }), el('ul', {}, e.appearances.map((a) => el('li', {},
      route('doc/' + encodeURIComponent(a.document_id), a.title || a.document_id), el('span', { class: 'muted', text: ` ${a.date || ''} · ${a.mentions} mentions` })))),
    ),
  );
  // Partner bar widths are set through the CSSOM (allowed by the CSP, unlike style attributes).
  for (const bar of view().querySelectorAll('.pbar')) bar.style.width = (Number(bar.getAttribute('data-w')) / maxP) * 160 + 'px';
}

// ---- map ----------------------------------------------------------------------------------------

async function mapView() {
  const W = 960, H = 500;
  const land = feature(world, world.objects.countries);
  const projection = geoNaturalEarth1().fitSize([W, H], { type: 'Sphere' });
  const path = geoPath(projection);
  const map = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'img', 'aria-label': 'Map of event places' },
    svg('path', { d: path({ type: 'Sphere' }), class: 'sphere' }),
    svg('path', { d: path(geoGraticule10()), class: 'graticule' }),
    svg('g', {}, land.features.map((f) => tip(svg('path', { d: path(f), class: 'country' }), f.properties.name))),
    svg('path', { d: path(mesh(world, world.objects.countries, (a, b) => a !== b)), class: 'borders' }));
  const list = el('section', { id: 'place-events' });
  show(el('h1', { text: 'Where events happened' }), el('p', { class: 'muted', text: 'Circle area: number of events; colour: mean Goldstein (green cooperative, red hostile). Click a place for its events.' }), map, list);
  try {
    const places = await api('places', { limit: 1000 });
    const max = Math.max(1, ...places.map((p) => p.events));
    for (const p of places) {
      const xy = projection([p.lon, p.lat]);
      if (!xy) continue;
      const c = svg('circle', { cx: xy[0], cy: xy[1], r: 3 + 14 * Math.sqrt(p.events / max), class: 'place ' + (p.mean_goldstein >= 0 ? 'coop' : 'conflict'),
        on: { click: async () => {
          list.replaceChildren(el('p', { class: 'muted', text: 'Loading…' }));
          try {
            const ev = await api('events', { place: p.name, limit: 200 });
            list.replaceChildren(el('h2', { text: `${p.name}: ${p.events} events` }), eventsTable(ev.items));
          } catch (err) { list.replaceChildren(failure(err)); }
        } } });
      map.append(tip(c, `${p.name}${p.country ? ' (' + p.country + ')' : ''}: ${p.events} events, ${p.cooperation} cooperation, ${p.conflict} conflict, mean Goldstein ${fmt(p.mean_goldstein)} · ${fmt(p.lat, 3)}, ${fmt(p.lon, 3)}`));
    }
    if (!places.length) list.replaceChildren(el('p', { class: 'muted', text: 'No event has a place with coordinates yet.' }));
  } catch (err) { list.replaceChildren(failure(err)); }
}

// ---- routing ------------------------------------------------------------------------------------

function dispatch() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [pathPart, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const [head, ...rest] = pathPart.split('/');
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : '';
  for (const a of document.querySelectorAll('header nav a')) a.classList.toggle('active', a.getAttribute('href') === '#/' + head);
  switch (head) {
    case 'doc': return documentView(arg);
    case 'documents': return documentsView(params);
    case 'search': return documentsView(params);
    case 'quotes': return quotesView(params);
    case 'entities': return entitiesView(params);
    case 'entity': return entityView(arg);
    case 'map': return mapView();
    default: return pairView(params);
  }
}

function start() {
  document.getElementById('search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new FormData(ev.target).get('q');
    location.hash = '#/search?' + new URLSearchParams({ q });
  });
  window.addEventListener('hashchange', dispatch);
  dispatch();
  api('stats').then((s) => {
    document.getElementById('stats').textContent =
      `${s.counts.documents} articles · ${s.counts.events} events · ${s.counts.quotes} quotes · ${s.counts.entities} entities (per article)`;
  }).catch(() => {});
}

start();
