// Corpus analytics: KWIC concordance, collocates, keyness, term trends;
// on the scope's documents (scope.js: those matching the search, or the
// whole corpus when there is none or the user chose "use all"); every
// table exports as CSV.
import { h, svg, clear, formatNumber, toCsv, download, fileLabel } from './dom.js';
import { on } from './bus.js';

const PALETTE = ['#8a2c0d', '#1a56c4', '#2e7d32', '#6a1b9a', '#b26a00', '#00838f'];

export function mountAnalytics(app) {
  const $ = (s) => document.querySelector(s);
  const s = app.state.analytics;

  // The documents analysed: null = whole corpus, else the scope's.
  const sc = app.state.scope;
  async function scope() {
    await sc.ready;
    return sc.ids;
  }
  const scopeLabel = async () => {
    const ids = await scope();
    return ids ? `${formatNumber(ids.length)} documents matching “${sc.q}”` : 'the whole corpus';
  };
  const fail = (box, err) => clear(box).appendChild(h('p', { class: 'error', role: 'alert' }, err.message));

  $('#kwic-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const box = $('#kwic-out');
    try {
      const ids = await scope();
      s.kwic = await app.rpc.call('kwic', $('#kwic-q').value, Number($('#kwic-width').value) || 8, ids && Uint32Array.from(ids));
      s.kwicScope = await scopeLabel();
      renderKwic();
    } catch (err) { fail(box, err); }
  });
  $('#kwic-sort').addEventListener('change', (e) => { s.sort = e.target.value; if (s.kwic) renderKwic(); });

  function renderKwic() {
    const box = clear($('#kwic-out'));
    const lines = [...s.kwic.lines];
    const firstWord = (t, end) => {
      const w = t.trim().split(/\s+/);
      return (end ? w[w.length - 1] : w[0] || '').toLowerCase();
    };
    if (s.sort === 'left') lines.sort((a, b) => firstWord(a.left, true).localeCompare(firstWord(b.left, true)));
    if (s.sort === 'right') lines.sort((a, b) => firstWord(a.right, false).localeCompare(firstWord(b.right, false)));
    box.appendChild(h('p', { class: 'doc-meta' }, `${formatNumber(s.kwic.total)} occurrence${s.kwic.total === 1 ? '' : 's'} of ${s.kwic.query} in ${s.kwicScope}` +
      (s.kwic.total > lines.length ? ` (showing ${lines.length})` : '')));
    box.appendChild(h('button', {
      type: 'button', class: 'small',
      onclick: () => download('lede-kwic.csv', toCsv(['file', 'left', 'match', 'right'], lines.map((l) => [l.file, l.left, l.match, l.right])), 'text/csv'),
    }, 'Export CSV'));
    const table = h('table', { class: 'kwic' },
      h('caption', { class: 'visually-hidden' }, 'Concordance'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'left' }, 'Left context'), h('th', { scope: 'col' }, 'Match'), h('th', { scope: 'col' }, 'Right context'), h('th', { scope: 'col' }, 'Document'))),
      h('tbody', {}, lines.map((l) => h('tr', {},
        h('td', { class: 'left' }, l.left), h('td', { class: 'kw' }, l.match), h('td', {}, l.right),
        h('td', { class: 'src' }, h('a', { href: `#doc=${l.doc}`, title: l.file, onclick: (e) => { e.preventDefault(); app.openDoc(l.doc); } }, docLabel(l)))))));
    box.appendChild(h('div', { class: 'table-wrap' }, table));
  }

  // A concordance line's document: its headline (or opening words) when
  // the list has it, else its file with its folder ("tech/301.txt", never
  // "301.txt", which every folder of a collection has).
  function docLabel(l) {
    return app.state.byId.has(l.doc) ? app.docName(l.doc) : fileLabel(l.file);
  }

  $('#coll-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const box = clear($('#coll-out'));
    try {
      const ids = await scope();
      const r = await app.rpc.call('collocates', $('#coll-term').value, Number($('#coll-window').value) || 5, ids && Uint32Array.from(ids));
      const rows = r.collocates.map((c) => [c.term, c.freq, c.left, c.right, c.corpus_freq, c.log_likelihood.toFixed(2), c.pmi.toFixed(2)]);
      const head = ['term', 'together', 'left', 'right', 'corpus freq', 'log-likelihood', 'PMI'];
      box.appendChild(h('p', { class: 'doc-meta' }, `“${r.node}” occurs ${formatNumber(r.node_freq)} times in ${await scopeLabel()}.`));
      box.appendChild(table(head, rows, 'lede-collocates.csv'));
    } catch (err) { fail(box, err); }
  });

  $('#key-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const box = clear($('#key-out'));
    try {
      // Two sets: a search (else the outlet chosen) against another
      // search (else the rest), both within the scope.
      const qa = $('#key-a').value.trim();
      const qb = $('#key-b').value.trim();
      const outlet = $('#key-outlet').value;
      const all = await scope();
      const pool = all ? new Set(all) : null;
      const within = (ids) => (pool ? ids.filter((d) => pool.has(d)) : ids);
      const target = qa
        ? within([...await app.rpc.call('matchIds', qa)])
        : app.state.docs.filter((d) => (d.outlet || 'unknown outlet') === outlet && (!pool || pool.has(d.id))).map((d) => d.id);
      const reference = qb ? within([...await app.rpc.call('matchIds', qb)]) : all;
      const aName = qa ? `“${qa}”` : outlet;
      const bName = qb ? `“${qb}”` : 'rest';
      if (!target.length) throw new Error(`No document of ${await scopeLabel()} matches ${aName}.`);
      if (qb && !reference.length) throw new Error(`No document of ${await scopeLabel()} matches ${bName}.`);
      const r = await app.rpc.call('keyness', Uint32Array.from(target), reference && Uint32Array.from(reference));
      const rows = r.terms.map((t) => [t.term, t.target_freq, t.reference_freq, t.log_likelihood.toFixed(2), t.log_ratio.toFixed(2), t.percent_diff == null ? '∞' : t.percent_diff.toFixed(0)]);
      const against = qb ? `the documents matching ${bName}` : `the rest of ${await scopeLabel()}`;
      box.appendChild(h('p', { class: 'doc-meta' }, `${aName}: ${formatNumber(target.length)} documents (${formatNumber(r.target_size)} words) against ${against} (${formatNumber(r.reference_size)} words).`));
      box.appendChild(table(['term', aName, bName, 'log-likelihood', 'log ratio', '%DIFF'], rows, 'lede-keyness.csv'));
    } catch (err) { fail(box, err); }
  });

  $('#trend-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const box = clear($('#trend-out'));
    try {
      const terms = $('#trend-terms').value.split(',').map((t) => t.trim()).filter(Boolean);
      const ids = await scope();
      const r = await app.rpc.call('trends', terms, ids && Uint32Array.from(ids));
      box.appendChild(trendChart(r));
      const head = ['month', 'words', ...r.series.map((x) => x.term)];
      const rows = r.months.map((m, i) => [m, r.words[i], ...r.series.map((x) => x.counts[i])]);
      box.appendChild(table(head, rows, 'lede-trends.csv'));
    } catch (err) { fail(box, err); }
  });

  on('corpus', () => {
    const sel = clear($('#key-outlet'));
    for (const o of [...new Set(app.state.docs.map((d) => d.outlet || 'unknown outlet'))].sort()) sel.appendChild(h('option', { value: o }, o));
  });

  function table(head, rows, file) {
    return h('div', {},
      h('button', { type: 'button', class: 'small', onclick: () => download(file, toCsv(head, rows), 'text/csv') }, 'Export CSV'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, String(c)))))))));
  }

  function trendChart(r) {
    const width = 720;
    const height = 240;
    const m = { l: 48, r: 12, t: 12, b: 40 };
    // The axis covers where the words are: the months between the 1st and
    // 99th percentile of the words (a few documents dated 1870 must not
    // squash 2004–2005); the months left out are named below the chart.
    const total = r.words.reduce((a, b) => a + b, 0);
    let first = 0, last = r.months.length - 1;
    if (total > 0 && r.months.length > 24) {
      let acc = 0;
      first = r.words.findIndex((w) => (acc += w) > total * 0.01);
      acc = 0;
      last = r.words.length - 1 - [...r.words].reverse().findIndex((w) => (acc += w) > total * 0.01);
    }
    const months = r.months.slice(first, last + 1);
    const outside = r.words.reduce((a, w, i) => a + (i < first || i > last ? w : 0), 0);
    const n = months.length;
    const rel = r.series.map((x) => x.counts.slice(first, last + 1).map((c, i) => (r.words[first + i] ? (c / r.words[first + i]) * 10000 : 0)));
    const max = Math.max(1e-9, ...rel.flat());
    const x = (i) => m.l + (n <= 1 ? (width - m.l - m.r) / 2 : (i / (n - 1)) * (width - m.l - m.r));
    const y = (v) => height - m.b - (v / max) * (height - m.t - m.b);
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart trend', role: 'img', 'aria-label': `Trends of ${r.series.map((s) => s.term).join(', ')} per 10,000 words by month` });
    const axis = svg('g', { class: 'axis' });
    axis.appendChild(svg('line', { x1: m.l, x2: width - m.r, y1: height - m.b, y2: height - m.b }));
    // Ticks on round months (every 1, 2, 3, 6 months or 1, 2, 5… years),
    // at most one per 64 px, so no labels overlap.
    const most = Math.max(2, Math.floor((width - m.l - m.r) / 64));
    const step = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600].find((k) => n / k <= most) || 1200;
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    let labelled = 0;
    months.forEach((mo, i) => {
      const [yy, mm] = mo.split('-').map(Number);
      const index = yy * 12 + mm - 1;
      if (index % step !== 0) return;
      const label = step >= 12 ? String(yy) : mm === 1 || !labelled ? `${MONTHS[mm - 1]} ${yy}` : MONTHS[mm - 1];
      const anchor = x(i) - m.l < 24 ? 'start' : width - m.r - x(i) < 24 ? 'end' : 'middle';
      axis.appendChild(svg('line', { x1: x(i), x2: x(i), y1: height - m.b, y2: height - m.b + 5 }));
      axis.appendChild(svg('text', { x: x(i), y: height - m.b + 18, 'text-anchor': anchor }, label));
      labelled += 1;
    });
    for (let k = 0; k <= 4; k++) {
      const v = (max * k) / 4;
      axis.appendChild(svg('line', { x1: m.l, x2: width - m.r, y1: y(v), y2: y(v), class: 'grid' }));
      axis.appendChild(svg('text', { x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, v.toFixed(v < 10 ? 1 : 0)));
    }
    chart.appendChild(axis);
    rel.forEach((vals, si) => {
      const color = PALETTE[si % PALETTE.length];
      chart.appendChild(svg('polyline', { points: vals.map((v, i) => `${x(i)},${y(v)}`).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 }));
      vals.forEach((v, i) => chart.appendChild(svg('circle', { cx: x(i), cy: y(v), r: 3, fill: color },
        svg('title', {}, `${r.series[si].term}, ${months[i]}: ${r.series[si].counts[first + i]} (${v.toFixed(1)} per 10k words)`))));
    });
    const legend = h('ul', { class: 'legend' }, r.series.map((x, i) => h('li', { dataset: { color: PALETTE[i % PALETTE.length] } }, h('span', { class: 'swatch' }), `${x.term}${x.undated ? ` (+${x.undated} undated)` : ''}`)));
    for (const li of legend.children) li.firstChild.style.background = li.dataset.color;
    const note = outside ? ` Not drawn: ${formatNumber(outside)} words dated outside ${months[0]} to ${months[n - 1]} (from ${r.months[0]} to ${r.months[r.months.length - 1]}; in the table).` : '';
    return h('figure', { class: 'chart-box' }, chart, legend, h('figcaption', { class: 'doc-meta' }, `Occurrences per 10,000 words, by month of publication.${note}`));
  }
}
