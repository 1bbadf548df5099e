// Batch search (Analytics): a list of names or queries, one a line, run
// at once over the whole corpus: per line its matches, counts by outlet
// and by month (a small chart), links to the matches, and a CSV of it all.
// How reporters check a list of names against a leak.
import { h, svg, clear, formatNumber, toCsv, download, fileLabel } from './dom.js';

// Lines run at most; outlets shown as columns at most.
const MAX_LINES = 200;
const MAX_OUTLETS = 8;

export function mountBatch(app) {
  const $ = (s) => document.querySelector(s);
  let last = null;   // {rows, outlets, months}

  $('#batch-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const box = clear($('#batch-out'));
    const lines = $('#batch-terms').value.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    if (!lines.length) {
      box.appendChild(h('p', { class: 'error', role: 'alert' }, 'Write one name or search a line.'));
      return;
    }
    const run = lines.slice(0, MAX_LINES);
    const status = box.appendChild(h('p', { class: 'doc-meta', role: 'status' }, `Searching 0 of ${run.length}…`));
    const rows = [];
    try {
      for (const [i, term] of run.entries()) {
        const r = await app.rpc.call('search', term, { limit: 3, snippets: false, facets: true });
        rows.push({ term, total: r.total, outlet: r.facets.outlet, month: r.facets.year_month, hits: r.hits, notes: r.notes });
        status.textContent = `Searching ${i + 1} of ${run.length}…`;
      }
    } catch (err) {
      clear(box).appendChild(h('p', { class: 'error', role: 'alert' }, `Batch search failed: ${err.message}`));
      return;
    }
    // The outlets with the most matches over all lines become columns.
    const byOutlet = new Map();
    for (const r of rows) for (const o of r.outlet) byOutlet.set(o.value, (byOutlet.get(o.value) || 0) + o.count);
    const outlets = [...byOutlet].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_OUTLETS).map((o) => o[0]);
    const months = [...new Set(rows.flatMap((r) => r.month.map((m) => m.value)))].sort();
    last = { rows, outlets, months };
    render(box, lines.length > MAX_LINES ? `Ran the first ${MAX_LINES} of ${lines.length} lines.` : '');
  });

  function render(box, note) {
    clear(box);
    const { rows, outlets, months } = last;
    const found = rows.filter((r) => r.total > 0).length;
    box.appendChild(h('p', { class: 'doc-meta' }, `${found} of ${rows.length} found in the whole corpus.${note ? ` ${note}` : ''}`));
    box.appendChild(h('button', { type: 'button', class: 'small', onclick: exportCsv }, 'Export CSV'));
    const count = (list, v) => list.find((x) => x.value === v)?.count || 0;
    const table = h('table', { class: 'batch' },
      h('caption', { class: 'visually-hidden' }, 'Matches per search, by outlet and by month'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Search'),
        h('th', { scope: 'col', class: 'num' }, 'Matches'),
        h('th', { scope: 'col' }, 'By month'),
        h('th', { scope: 'col' }, 'First matches'),
        outlets.map((o) => h('th', { scope: 'col', class: 'num outlet' }, o)))),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('th', { scope: 'row' }, r.term),
        h('td', { class: 'num' }, r.total
          ? h('a', { href: `#q=${encodeURIComponent(r.term)}`, onclick: (e) => { e.preventDefault(); app.search(r.term); } }, formatNumber(r.total))
          : h('span', { title: r.notes.join('; ') }, '0')),
        h('td', {}, monthBars(r, months)),
        h('td', {}, h('ul', { class: 'batch-hits' }, r.hits.map((hit) => h('li', {},
          h('a', { href: `#doc=${hit.id}`, onclick: (e) => { e.preventDefault(); app.openDoc(hit.id); } }, name(hit)))))),
        outlets.map((o) => h('td', { class: 'num' }, formatNumber(count(r.outlet, o))))))));
    box.appendChild(h('div', { class: 'table-wrap' }, table));
  }

  // A match's headline (or opening words), else its file with its folder.
  const name = (hit) => (app.state.byId.has(hit.id) ? app.docName(hit.id) : hit.title || fileLabel(hit.file));

  // One bar per month of all the lines' months, its height the matches.
  function monthBars(r, months) {
    if (!r.total || !months.length) return '';
    const counts = months.map((m) => r.month.find((x) => x.value === m)?.count || 0);
    const max = Math.max(1, ...counts);
    const w = Math.min(6, Math.max(2, Math.floor(120 / months.length)));
    const label = months.map((m, i) => (counts[i] ? `${m}: ${counts[i]}` : '')).filter(Boolean).join(', ');
    return svg('svg', { width: w * months.length, height: 20, role: 'img', 'aria-label': label || 'undated matches only', class: 'sparkbars' },
      counts.map((c, i) => svg('rect', { x: i * w, y: 20 - Math.round((c / max) * 20), width: Math.max(1, w - 1), height: Math.round((c / max) * 20) })));
  }

  function exportCsv() {
    const { rows, outlets, months } = last;
    const allOutlets = [...new Set(rows.flatMap((r) => r.outlet.map((o) => o.value)))].sort();
    const count = (list, v) => list.find((x) => x.value === v)?.count || 0;
    const head = ['search', 'matches', ...allOutlets.map((o) => `outlet: ${o}`), ...months.map((m) => `month: ${m}`), 'first matches'];
    const body = rows.map((r) => [r.term, r.total, ...allOutlets.map((o) => count(r.outlet, o)), ...months.map((m) => count(r.month, m)),
      r.hits.map(name).join(' | ')]);
    download('lede-batch.csv', toCsv(head, body), 'text/csv');
  }
}
