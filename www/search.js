// Search: the box searches on every keystroke (in the worker; stale
// queries are dropped), results with highlighted snippets and facets
// replace the document list, a click opens the reader at the match (the
// reader marks it: annotate.js). Announces 'search' when the query changed.
import { h, clear, highlighted, formatNumber, toCsv, download } from './dom.js';
import { on, emit } from './bus.js';
import { dateText } from './dates.js';

const FACETS = [
  ['outlet', 'Outlet', 'outlet'],
  ['author', 'Author', 'author'],
  ['year_month', 'Month', 'date'],
  ['lang', 'Language', 'lang'],
  ['speaker', 'Speaker', 'speaker'],
  ['person', 'Person', 'person'],
  ['org', 'Organization', 'org'],
  ['place', 'Place', 'place'],
];
const LIMIT = 100;

/** Returns what the page asks of the search: `run(q, {push, stay})` puts q
 * in the box and runs it; `renderResults()` shows the results in the
 * list's place and says whether there were any to show. */
export function mountSearch(app) {
  const $ = (s) => document.querySelector(s);
  const input = $('#q');
  const s = app.state.search;

  input.addEventListener('input', () => run(input.value));
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      input.value = '';
      run('');
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const first = document.querySelector('#list .item a');
      if (first) first.click();
    }
  });
  $('#search-form').addEventListener('submit', (e) => e.preventDefault());

  // The results follow the corpus; a query that failed is not sent again
  // (it may be what crashed the engine).
  // The corpus changed (an import, a corpus file opened or closed): the
  // results are refreshed where they are, without leaving the view.
  on('corpus', () => { if (s.q && s.results) run(s.q, { push: false, stay: true }); });

  async function run(q, { push = true, stay = false } = {}) {
    s.q = q;
    if (!q.trim()) {
      s.results = null;
      $('#understood').textContent = '';
      app.refreshList();
      if (push) app.writeHash(true);
      emit('search', { q });
      return;
    }
    let res;
    try {
      res = await app.rpc.latest('search', 'search', q, { limit: LIMIT, sort: s.sort });
    } catch (err) {
      if (q === s.q) s.results = null;
      app.setStatus(`Search failed: ${err.message}`, 'error');
      return;
    }
    if (res === undefined || q !== s.q) return; // superseded by a newer query
    s.results = res;
    const notes = res.notes.length ? ` — ${res.notes.join('; ')}` : '';
    $('#understood').textContent = `Understood as: ${res.query || '(nothing to search)'}${notes}`;
    if (!stay && app.state.view !== 'docs') app.navigate('docs');
    app.refreshList();
    if (push) app.writeHash(true);
    emit('search', { q });
  }

  function toggleFilter(field, value) {
    const term = `${field}:${/\s/.test(value) ? `"${value}"` : value}`;
    const q = s.q.includes(term) ? s.q.replace(term, '').replace(/\s+/g, ' ').trim() : `${s.q.trim()} ${term}`.trim();
    input.value = q;
    run(q);
  }

  function renderResults() {
    if (!s.q.trim() || !s.results) return false;
    const res = s.results;
    $('#side-heading').textContent = `${formatNumber(res.total)} result${res.total === 1 ? '' : 's'}` +
      (res.total > res.hits.length ? ` (showing ${res.hits.length})` : '');
    const facets = clear($('#facets'));
    const tools = h('div', { class: 'result-tools' },
      h('label', { for: 'sort' }, 'Sort '),
      h('select', { id: 'sort', onchange: (e) => { s.sort = e.target.value; run(s.q); } },
        h('option', { value: 'relevance', selected: s.sort === 'relevance' }, 'by relevance'),
        h('option', { value: 'date', selected: s.sort === 'date' }, 'newest first'),
        h('option', { value: 'date_asc', selected: s.sort === 'date_asc' }, 'oldest first')),
      h('button', { type: 'button', class: 'small', onclick: () => exportResults('csv') }, 'CSV'),
      h('button', { type: 'button', class: 'small', onclick: () => exportResults('json') }, 'JSON'));
    facets.appendChild(tools);
    for (const [key, label, field] of FACETS) {
      const values = res.facets[key] || [];
      if (!values.length) continue;
      facets.appendChild(h('div', { class: 'facet', role: 'group', 'aria-label': label },
        h('span', { class: 'facet-label' }, label),
        values.slice(0, 8).map((f) => {
          const active = s.q.includes(`${field}:${/\s/.test(f.value) ? `"${f.value}"` : f.value}`);
          return h('button', {
            type: 'button', class: 'chip', 'aria-pressed': String(active),
            onclick: () => toggleFilter(field, f.value),
          }, f.value, h('span', { class: 'count' }, String(f.count)));
        })));
    }
    const list = clear($('#list'));
    if (!res.hits.length) {
      list.appendChild(h('li', { class: 'no-results' }, 'No document matches. Try fewer words, a prefix (secur*) or OR.'));
    }
    for (const hit of res.hits) {
      const current = hit.id === app.state.docId;
      const meta = [hit.outlet, dateText(hit), `score ${hit.score.toFixed(2)}`].filter(Boolean).join(' · ');
      list.appendChild(h('li', { class: 'item hit-item' + (current ? ' current' : '') },
        h('a', {
          href: `#doc=${hit.id}`, dataset: { doc: hit.id }, 'aria-current': current ? 'page' : null,
          onclick: (e) => { e.preventDefault(); app.openDoc(hit.id, { highlight: hit.location }); },
        },
          h('span', { class: 'item-title' }, hit.title ? highlighted(hit.title, hit.title_highlights) : app.docName(hit.id)),
          h('span', { class: 'item-meta' }, meta),
          hit.snippet ? h('span', { class: 'snippet' }, highlighted(hit.snippet, hit.highlights)) : null)));
    }
    return true;
  }

  async function exportResults(format) {
    const all = await app.rpc.call('search', s.q, { limit: 1000, sort: s.sort, facets: false });
    const rows = all.hits.map((x) => ({ id: x.id, file: x.file, title: x.title, outlet: x.outlet, date: x.date, score: x.score, snippet: x.snippet }));
    if (format === 'json') {
      download('lede-results.json', JSON.stringify({ query: all.query, total: all.total, hits: rows }, null, 2), 'application/json');
    } else {
      const cols = ['id', 'file', 'title', 'outlet', 'date', 'score', 'snippet'];
      download('lede-results.csv', toCsv(cols, rows.map((r) => cols.map((c) => r[c]))), 'text/csv');
    }
  }

  return {
    run: (q, opts = {}) => { input.value = q; return run(q, opts); },
    renderResults,
  };
}
