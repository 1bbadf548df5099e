// Timeline: the dated events that all documents mention, on one axis,
// counted per outlet. Dragging over the chart (or typing two dates) picks
// a range: the events list follows, and the search gets a date: filter.
// Day-level dates are bars; a week, month or quarter is a band over the
// days it covers (over more than two years the bars are months, and a
// week or a month counts in its month's bar); a bare year is listed, not
// drawn. The list groups the
// mentions of one sentence into one event, dates in readable words ("week
// of 7 Feb 2022") and the date phrases marked in the sentence. The
// timeline is that of the scope's documents (scope.js: the search, unless
// the user chose "use all"), with one difference: the date range the
// timeline wrote into the search (date:FROM..TO, publication dates) is
// applied to the events' own dates instead, so that picking a range does
// not redraw the chart from fewer documents. A corpus file too big for
// its events (a million articles) gives the whole corpus's timeline as
// counts (mentions per day, value and outlet): the chart is drawn from
// them, and a range picked on it lists the events of the documents
// published in it.
import { h, svg, clear, formatNumber } from './dom.js';
import { on } from './bus.js';
import { period, timeTicks } from './dates.js';

const PALETTE = ['#8a2c0d', '#1a56c4', '#2e7d32', '#6a1b9a', '#b26a00', '#00838f', '#ad1457', '#455a64'];
const DAY = 86400000;
// The date filter of a query (the range this view writes into the search).
const DATE_FILTER = /\bdate:\S+/g;

const toTime = (d) => Date.parse(d + 'T00:00:00Z');
const toDate = (t) => new Date(t).toISOString().slice(0, 10);

export function mountTimeline(app) {
  const $ = (s) => document.querySelector(s);
  const s = app.state.timeline;

  on('view', ({ view }) => { if (view === 'timeline') load(); });
  on('corpus', () => { s.data = null; s.scopeKey = null; if (app.state.view === 'timeline') load(); });
  on('scope', ({ q }) => {
    if (q.replace(DATE_FILTER, '').trim() === s.scopeKey) return;
    s.data = null;
    if (app.state.view === 'timeline') load();
  });
  $('#range-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const from = $('#range-from').value;
    const to = $('#range-to').value;
    if (from && to) setRange(from <= to ? from : to, from <= to ? to : from, true);
  });
  $('#range-clear').addEventListener('click', () => setRange(null, null, true));
  window.addEventListener('resize', () => { if (app.state.view === 'timeline' && s.data) draw(); });

  async function load() {
    await app.state.scope.ready;
    if (!s.data) {
      const sc = app.state.scope;
      const from = sc.ids;
      try {
        const base = sc.q.replace(DATE_FILTER, '').trim();
        const ids = base === sc.q ? sc.ids : base ? await app.rpc.call('matchIds', base) : null;
        const data = await app.rpc.latest('timeline', 'timeline', ids && Uint32Array.from(ids));
        if (data === undefined || from !== sc.ids) return; // a newer scope is loading
        s.data = data;
        s.scopeKey = base;
      } catch (err) {
        // Too big a scope (a big corpus file before a search) is said in
        // the panel, where the chart would be; anything else is an error.
        if (/search first|narrow it/.test(err.message)) {
          // Nothing drawn: the same search typed again loads again.
          s.scopeKey = null;
          clear($('#events'));
          $('#events-heading').textContent = 'Events';
          clear($('#chart')).appendChild(h('p', { class: 'empty', role: 'status' }, `${err.message[0].toUpperCase()}${err.message.slice(1)}.`));
          return;
        }
        app.setStatus(`The timeline could not be built: ${err.message}`, 'error');
        return;
      }
    }
    draw();
    renderEvents();
  }

  function setRange(from, to, search) {
    s.from = from;
    s.to = to;
    $('#range-from').value = from || '';
    $('#range-to').value = to || '';
    draw();
    renderEvents();
    if (search) {
      const q = (app.state.search.q).replace(DATE_FILTER, '').trim();
      const next = from ? `${q} date:${from}..${to}`.trim() : q;
      app.search(next, { stay: true });
    }
  }

  function draw() {
    // Nothing loaded (a scope too big, an error): a range is for a search.
    if (!s.data) return;
    const box = clear($('#chart'));
    // Each dated mention with how many it stands for: one per event, or
    // one per count of a corpus too big for its events.
    // The outlets past the seven with most mentions come summed.
    const merged = s.data.other_outlets ? `${formatNumber(s.data.other_outlets)} other outlets` : null;
    const all = s.data.counts ? countedItems(s.data, merged) : s.data.events.filter((e) => e.date);
    // Whole years say too little to place on the axis.
    // Each value read once (a big corpus's counts repeat a value per
    // outlet, and the chart asks several times).
    const periods = new Map();
    const periodOf = (v) => {
      if (!periods.has(v)) periods.set(v, period(v));
      return periods.get(v);
    };
    const years = all.filter((e) => periodOf(e.value)?.precision === 'year');
    const dated = all.filter((e) => periodOf(e.value)?.precision !== 'year');
    if (!dated.length) {
      box.appendChild(h('p', { class: 'empty' }, 'No dated events found in this corpus.'));
      return;
    }
    // News mentions cluster around the story; far-off years (treaties of
    // 1997, "the 1990s") would squash it. Unless asked for everything, the
    // chart shows the half-year around the median mention when most
    // mentions fall there.
    // Otherwise (a corpus of many stories) it leaves out the 1% of
    // mentions at either end ("the year 1066").
    const sortedT = dated.map((e) => [toTime(e.date), weight(e)]).sort((a, b) => a[0] - b[0]);
    const total = mentionCount(dated);
    // The time below which a share `q` of the mentions fall.
    const pct = (q) => {
      let acc = 0;
      for (const [t, n] of sortedT) { acc += n; if (acc > q * total) return t; }
      return sortedT[sortedT.length - 1][0];
    };
    const median = pct(0.5);
    const story = sortedT.reduce((a, [t, n]) => a + (Math.abs(t - median) <= 183 * DAY ? n : 0), 0) >= 0.6 * total;
    const [from, upto] = story ? [median - 183 * DAY, median + 183 * DAY] : [pct(0.01), pct(0.99)];
    const near = dated.filter((e) => { const t = toTime(e.date); return t >= from && t <= upto; });
    const zoomed = !s.full && near.length < dated.length;
    const shown = zoomed ? near : dated;
    const spanOf = (e) => { const p = periodOf(e.value); return p && p.precision !== 'day' ? p : null; };
    // (A loop, not Math.min(...times): a large corpus has more events
    // than a call may take arguments.)
    let lo = Infinity, hi = -Infinity;
    for (const e of shown) {
      const p = spanOf(e);
      const [a, b] = p ? [p.t0, p.t1] : [toTime(e.date), toTime(e.date)];
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    const t0 = lo - 2 * DAY;
    const t1 = hi + 2 * DAY;
    // Over more than two years, one bar per month (a week or a month then
    // counts in the month's bar, where it fits); else one per day.
    const monthly = (t1 - t0) / DAY > 730;
    const binOf = (date) => (monthly ? `${date.slice(0, 7)}-01` : date);
    const bandOf = (e) => { const p = spanOf(e); return p && !(monthly && (p.precision === 'week' || p.precision === 'month')) ? p : null; };
    const bands = shown.filter(bandOf);
    const events = shown.filter((e) => !bandOf(e));
    // One colour per outlet for the seven with most mentions; the rest
    // share one ("other outlets"), so no two outlets look alike.
    const perOutlet = new Map();
    for (const e of events) {
      const o = e.outlet || 'unknown outlet';
      if (o !== merged) perOutlet.set(o, (perOutlet.get(o) || 0) + weight(e));
    }
    const ranked = [...perOutlet.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([o]) => o);
    const folded = ranked.length > 8;
    const OTHER = merged || `${ranked.length - 7} other outlets`;
    const outletOf = (e) => { const o = e.outlet || 'unknown outlet'; return o === merged || (folded && ranked.indexOf(o) >= 7) ? OTHER : o; };
    const outlets = folded ? [...ranked.slice(0, 7), OTHER] : merged && events.some((e) => e.outlet === merged) ? [...ranked, OTHER] : ranked;
    const color = (o) => (o === OTHER && (folded || merged) ? '#9e9e9e' : PALETTE[outlets.indexOf(o) % PALETTE.length]);
    const width = Math.max(320, box.clientWidth || 800);
    const height = 260;
    const m = { l: 36, r: 12, t: 12, b: 44 };
    const x = (t) => m.l + ((t - t0) / (t1 - t0)) * (width - m.l - m.r);
    const tx = (px) => t0 + ((px - m.l) / (width - m.l - m.r)) * (t1 - t0);
    // Counts per day and outlet, stacked.
    const byDay = new Map();
    for (const e of events) {
      const k = binOf(e.date);
      if (!byDay.has(k)) byDay.set(k, new Map());
      const o = outletOf(e);
      byDay.get(k).set(o, (byDay.get(k).get(o) || 0) + weight(e));
    }
    // Bands: one per value (a month, a week), its mentions counted.
    const byBand = new Map();
    for (const e of bands) {
      const p = bandOf(e);
      if (!byBand.has(e.value)) byBand.set(e.value, { p, count: 0 });
      byBand.get(e.value).count += weight(e);
    }
    const maxCount = Math.max(1, ...[...byDay.values()].map((mm) => [...mm.values()].reduce((a, b) => a + b, 0)),
      ...[...byBand.values()].map((b) => b.count));
    const y = (c) => height - m.b - (c / maxCount) * (height - m.t - m.b);
    const binDays = monthly ? 30.4 : 1;
    const barW = Math.max(3, Math.min(14, ((width - m.l - m.r) / ((t1 - t0) / DAY / binDays)) * 0.8));
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': 'chart-title chart-desc', class: 'chart' },
      svg('title', { id: 'chart-title' }, `Events by ${monthly ? 'month' : 'date'}, per outlet`),
      svg('desc', { id: 'chart-desc' }, `${formatNumber(mentionCount(events))} dated mentions from ${outlets.length} outlets between ${toDate(t0 + 2 * DAY)} and ${toDate(t1 - 2 * DAY)}` +
        (bands.length ? `, and ${formatNumber(mentionCount(bands))} mentions of a ${monthly ? 'quarter' : 'week, month or quarter'} drawn as bands.` : '.')));
    // Axis: month ticks (or weeks when the span is short).
    const axis = svg('g', { class: 'axis' });
    axis.appendChild(svg('line', { x1: m.l, x2: width - m.r, y1: height - m.b, y2: height - m.b }));
    // Ticks that fit the width without overlapping, in words.
    for (const { t, label } of timeTicks(t0, t1, width - m.l - m.r)) {
      axis.appendChild(svg('line', { x1: x(t), x2: x(t), y1: height - m.b, y2: height - m.b + 5 }));
      axis.appendChild(svg('text', { x: x(t), y: height - m.b + 18, 'text-anchor': 'middle' }, label));
    }
    for (let c = 1; c <= maxCount; c += Math.max(1, Math.ceil(maxCount / 4))) {
      axis.appendChild(svg('text', { x: m.l - 6, y: y(c) + 4, 'text-anchor': 'end' }, String(c)));
      axis.appendChild(svg('line', { x1: m.l, x2: width - m.r, y1: y(c), y2: y(c), class: 'grid' }));
    }
    chart.appendChild(axis);
    const bandLayer = svg('g', { class: 'bands' });
    for (const [value, { p, count }] of [...byBand.entries()].sort()) {
      const inRange = !s.from || (p.to >= s.from && p.from <= s.to);
      const left = Math.max(m.l, x(p.t0));
      const right = Math.min(width - m.r, x(p.t1 + DAY));
      bandLayer.appendChild(svg('rect', {
        x: left, y: y(count), width: Math.max(2, right - left), height: y(0) - y(count),
        class: 'band', fill: '#1a56c4', opacity: inRange ? 0.18 : 0.07, 'data-band': value,
      }, svg('title', {}, `${p.label}: ${count} mention${count === 1 ? '' : 's'} of the whole ${p.precision}`)));
    }
    chart.appendChild(bandLayer);
    const bars = svg('g', { class: 'bars' });
    for (const [day, per] of [...byDay.entries()].sort()) {
      let acc = 0;
      const last = monthly ? `${day.slice(0, 7)}-31` : day;
      const inRange = !s.from || (last >= s.from && day <= s.to);
      const label = monthly ? day.slice(0, 7) : day;
      for (const o of outlets) {
        const c = per.get(o);
        if (!c) continue;
        bars.appendChild(svg('rect', {
          x: x(toTime(day) + (monthly ? 15 * DAY : 0)) - barW / 2, y: y(acc + c), width: barW, height: y(acc) - y(acc + c),
          fill: color(o), opacity: inRange ? 1 : 0.25, 'data-day': day,
        }, svg('title', {}, `${label}: ${c} mention${c === 1 ? '' : 's'} in ${o}`)));
        acc += c;
      }
    }
    chart.appendChild(bars);
    // The brush.
    const brush = svg('rect', { class: 'brush', y: m.t, height: height - m.t - m.b, x: 0, width: 0, visibility: 'hidden' });
    if (s.from) {
      brush.setAttribute('x', x(toTime(s.from)) - barW / 2);
      brush.setAttribute('width', Math.max(2, x(toTime(s.to)) - x(toTime(s.from)) + barW));
      brush.setAttribute('visibility', 'visible');
    }
    chart.appendChild(brush);
    let startX = null;
    const px = (ev) => {
      const r = chart.getBoundingClientRect();
      return Math.min(width - m.r, Math.max(m.l, ((ev.clientX - r.left) / r.width) * width));
    };
    chart.addEventListener('pointerdown', (ev) => {
      startX = px(ev);
      chart.setPointerCapture(ev.pointerId);
      brush.setAttribute('visibility', 'visible');
      brush.setAttribute('x', startX);
      brush.setAttribute('width', 0);
    });
    chart.addEventListener('pointermove', (ev) => {
      if (startX === null) return;
      const cur = px(ev);
      brush.setAttribute('x', Math.min(startX, cur));
      brush.setAttribute('width', Math.abs(cur - startX));
    });
    chart.addEventListener('pointerup', (ev) => {
      if (startX === null) return;
      const cur = px(ev);
      const a = Math.min(startX, cur);
      const b = Math.max(startX, cur);
      startX = null;
      if (b - a < 3) { setRange(null, null, true); return; }
      setRange(toDate(tx(a)), toDate(tx(b)), true);
    });
    box.appendChild(chart);
    if (years.length) {
      const n = mentionCount(years);
      box.appendChild(h('p', { class: 'doc-meta' }, `${formatNumber(n)} mention${n === 1 ? '' : 's'} of a whole year (such as “${years[0].text || years[0].value}”) ${n === 1 ? 'is' : 'are'} ${s.data.counts ? 'counted' : 'listed below'}, not drawn.`));
    }
    if (zoomed || s.full) {
      const outside = total - mentionCount(near);
      box.appendChild(h('p', { class: 'doc-meta' },
        zoomed ? `${formatNumber(outside)} mention${outside === 1 ? '' : 's'} of other years (${dated[0].date.slice(0, 4)} to ${dated[dated.length - 1].date.slice(0, 4)}) ${outside === 1 ? 'is' : 'are'} outside this chart. ` : '',
        h('button', { type: 'button', class: 'small', onclick: () => { s.full = !s.full; draw(); } }, zoomed ? 'Show all years' : story ? 'Zoom to the story' : 'Leave out the far years')));
    }
    box.appendChild(h('ul', { class: 'legend', 'aria-label': 'Outlets' }, outlets.map((o) =>
      h('li', {}, h('span', { class: 'swatch', style: null, dataset: { color: color(o) } }), o))));
    for (const sw of box.querySelectorAll('.swatch')) sw.style.background = sw.dataset.color;
  }

  // One row per sentence of a document: its dates in words, the sentence
  // with each date phrase marked, the document.
  function renderEvents() {
    if (!s.data) return;
    if (s.data.counts) { renderCounted(); return; }
    renderRows(s.data.events);
  }

  // The events of a corpus counted, not listed: those of a range picked
  // on the chart, from the documents published in it (at most as many as
  // a search's timeline may cover).
  async function renderCounted() {
    const list = clear($('#events'));
    let n = 0;
    for (let k = 2; k < s.data.counts.length; k += 3) n += s.data.counts[k];
    const said = (text) => { clear(list).appendChild(h('li', { class: 'empty', role: 'status' }, text)); };
    if (!s.from) {
      $('#events-heading').textContent = 'Events';
      said(`The chart counts all ${formatNumber(n)} dated mentions of the ${formatNumber(s.data.documents)} documents, too many to list: pick a range on the chart, or search, to list events.`);
      return;
    }
    const range = `${s.from}..${s.to}`;
    $('#events-heading').textContent = `Events from ${s.from} to ${s.to}`;
    said('Listing the events of the documents published in this range…');
    try {
      const ids = await app.rpc.call('matchIds', `${s.scopeKey || ''} date:${range}`.trim());
      const data = await app.rpc.latest('timeline-range', 'timeline', Uint32Array.from(ids));
      if (data === undefined || `${s.from}..${s.to}` !== range || !s.data?.counts) return;
      renderRows(data.events, ` in the ${formatNumber(ids.length)} document${ids.length === 1 ? '' : 's'} published then`);
    } catch (err) {
      if (`${s.from}..${s.to}` !== range) return;
      said(`${err.message[0].toUpperCase()}${err.message.slice(1)}.`);
    }
  }

  function renderRows(events, from = '') {
    const list = clear($('#events'));
    const inRange = (e) => !s.from || (e.date && e.date >= s.from && e.date <= s.to);
    const rows = new Map();
    for (const e of events) {
      const key = `${e.doc}\u0000${e.sentence}`;
      if (!rows.has(key)) rows.set(key, []);
      rows.get(key).push(e);
    }
    const groups = [...rows.values()].filter((g) => g.some(inRange));
    const mentions = groups.reduce((n, g) => n + g.length, 0);
    $('#events-heading').textContent = `${formatNumber(groups.length)} event${groups.length === 1 ? '' : 's'} (${formatNumber(mentions)} dated mention${mentions === 1 ? '' : 's'})` + (s.from ? ` from ${s.from} to ${s.to}` : '') + from;
    for (const g of groups.slice(0, 500)) {
      const first = g.find(inRange) || g[0];
      const seen = new Set();
      const dates = g.filter((e) => !seen.has(e.value) && seen.add(e.value)).map((e) =>
        h('time', { datetime: e.date || null, title: `TIMEX3 value ${e.value}` }, period(e.value)?.label || e.value));
      list.appendChild(h('li', { class: 'event' },
        h('span', { class: 'event-dates' }, dates.flatMap((t, i) => (i ? [', ', t] : [t]))),
        h('span', { class: 'event-text' }, marked(first.sentence, g.map((e) => e.text))),
        h('a', {
          href: `#doc=${first.doc}`, class: 'event-doc',
          onclick: (ev) => { ev.preventDefault(); app.openDoc(first.doc, { highlight: first.location }); },
        }, `${first.outlet || 'unknown outlet'} — ${app.docName(first.doc)}`)));
    }
  }
}

// The counts of a corpus too big for its events (columns: each date and
// value once, then value, outlet, mentions triples; the outlet index past
// the named outlets is the others', `merged`) as items of the chart.
function countedItems(d, merged) {
  const out = [];
  for (let k = 0; k + 2 < d.counts.length; k += 3) {
    const [i, o, n] = [d.counts[k], d.counts[k + 1], d.counts[k + 2]];
    out.push({ date: d.dates[i], value: d.values[i], outlet: o < d.outlets.length ? d.outlets[o] : merged, n });
  }
  return out;
}

// How many mentions an item of the chart stands for (a count, or one).
const weight = (e) => e.n ?? 1;
const mentionCount = (items) => items.reduce((a, e) => a + weight(e), 0);

// The sentence as text nodes with each of `phrases` (its first occurrence
// not already marked) in a <mark>.
function marked(sentence, phrases) {
  const spans = [];
  for (const p of phrases) {
    let at = sentence.indexOf(p);
    while (at >= 0 && spans.some(([a, b]) => at < b && at + p.length > a)) at = sentence.indexOf(p, at + 1);
    if (at >= 0 && p) spans.push([at, at + p.length]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const out = [];
  let pos = 0;
  for (const [a, b] of spans) {
    if (a > pos) out.push(sentence.slice(pos, a));
    out.push(h('mark', {}, sentence.slice(a, b)));
    pos = b;
  }
  if (pos < sentence.length) out.push(sentence.slice(pos));
  return out;
}
