// Search: the box searches on every keystroke (in the worker; stale
// queries are dropped), results with highlighted snippets and facets
// replace the document list, a click opens the reader at the match (the
// reader marks it: annotate.js). Announces 'search' when the query changed.
// Results come first (the facets follow them, each group showing its top
// values and "more"); the list is one Tab stop moved through with the
// arrow keys (dom.js arrowKeys), reached from the box with Down. A new
// query closes the article opened from the previous one. While corpus
// files are open, a search asks for the hits of the first screen
// (FILE_LIMIT: each reads its document from a file) and "Show N more"
// asks for the next ones.
// The "Documents | Quotes" switch (a radio group) lists either the
// matching documents or the quotes the query matches (the engine's
// `quotes`: speaker, outlet, date, headline), each opening its document at
// that quote; the mode is kept in the address (app.js) and exported as
// CSV/JSON with the CLI's columns (`lede quotes --format csv`).
import { h, clear, highlighted, formatNumber, toCsv, download, tabStop, focusFirst, fileLabel } from './dom.js';
import { on, emit } from './bus.js';
import { dateText } from './dates.js';
import { decorate, notesFor } from './tags.js';

const FACETS = [
  ['outlet', 'Outlet', 'outlet'],
  ['author', 'Author', 'author'],
  ['year_month', 'Month', 'date'],
  ['lang', 'Language', 'lang'],
  ['speaker', 'Speaker', 'speaker'],
  ['person', 'Person', 'person'],
  ['org', 'Organization', 'org'],
  ['place', 'Place', 'place'],
  ['section', 'Section', 'section'],
  ['flags', 'Flags', 'flag'],
];
const LIMIT = 100;
// How long a query stands before a corpus file's facets are read (ms).
const FACET_WAIT = 200;
/** Hits asked for at a time while corpus files are open: what the first
 * screen shows (each hit reads its document from the file), more on
 * request. */
const FILE_LIMIT = 20;
/** Quotes listed in Quotes mode (and exported). */
const QUOTE_LIMIT = 500;
/** The columns of the quotes export, as `lede quotes --format csv`. */
const QUOTE_COLUMNS = ['quote', 'speaker', 'outlet', 'date', 'title', 'file', 'start', 'end'];
/** What the page's exports add after those: each row's tags ("; " between
 *  them) and note (www/tags.js). */
const NOTE_COLUMNS = ['tags', 'note'];
/** Values of a facet group shown before its "more" button. */
const FACET_TOP = 5;
/** Decimals of the scores in the exports. */
const SCORE_DECIMALS = 3;

/** Returns what the page asks of the search: `run(q, {push, stay})` puts q
 * in the box and runs it; `renderResults()` shows the results in the
 * list's place and says whether there were any to show. */
export function mountSearch(app) {
  const $ = (s) => document.querySelector(s);
  const input = $('#q');
  const s = app.state.search;

  input.addEventListener('input', () => run(input.value));
  input.addEventListener('keydown', (e) => {
    // Esc clears the search only when nothing else was open (app.js closes
    // that first and marks the key as handled).
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      input.value = '';
      run('');
    } else if (e.key === 'ArrowDown') {
      if (focusFirst($('#list'), '[role=option]')) e.preventDefault();
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

  async function run(q, { push = true, stay = false, mode = s.mode } = {}) {
    // The article opened from the previous results is closed by a new query.
    if (q.trim() !== s.q.trim()) app.closeDoc({ push: false });
    s.q = q;
    s.mode = mode === 'quotes' ? 'quotes' : 'docs';
    if (!q.trim()) {
      s.results = null;
      s.quotes = null;
      $('#understood').textContent = '';
      app.refreshList();
      if (push) app.writeHash(true);
      emit('search', { q });
      return;
    }
    let res;
    let quotes = null;
    const wanted = s.mode;
    try {
      // On a corpus file the facets read each counted document's values:
      // the hits come first, the facets in a second call (loadFacets).
      const search = app.rpc.latest('search', 'search', q, { limit: pageSize(), sort: s.sort, facets: !app.state.corpusFile });
      // Quotes mode asks for the quotes too (the facets stay the search's).
      if (wanted === 'quotes') quotes = await app.rpc.latest('quotes', 'quotes', q, QUOTE_LIMIT);
      res = await search;
    } catch (err) {
      if (q === s.q) { s.results = null; s.quotes = null; }
      app.setStatus(`Search failed: ${err.message}`, 'error');
      return;
    }
    // Superseded by a newer query or a switch of mode.
    if (res === undefined || q !== s.q || wanted !== s.mode || (wanted === 'quotes' && quotes === undefined)) return;
    res.facetsPending = !!app.state.corpusFile;
    s.results = res;
    s.quotes = quotes;
    showUnderstood(res);
    if (!stay && app.state.view !== 'docs') app.navigate('docs');
    app.refreshList();
    if (push) app.writeHash(true);
    emit('search', { q });
    if (res.facetsPending) loadFacets(q, res);
  }

  // How the query was understood, with the engine's notes.
  function showUnderstood(res) {
    const notes = res.notes.length ? ` — ${res.notes.join('; ')}` : '';
    $('#understood').textContent = `Understood as: ${res.query || '(nothing to search)'}${notes}`;
  }

  // The facets of the results shown (a corpus file's: see run), asked for
  // once the query has stood for FACET_WAIT ms (a query typed on replaces
  // it without waiting for its facets) and drawn when they come unless
  // another search came meanwhile.
  async function loadFacets(q, res) {
    await new Promise((r) => setTimeout(r, FACET_WAIT));
    if (s.results !== res) return;
    let f;
    try {
      f = await app.rpc.latest('facets', 'search', q, { limit: 0, sort: s.sort });
    } catch (err) {
      if (s.results === res) app.setStatus(`The facets could not be counted: ${err.message}`, 'error');
      return;
    }
    if (f === undefined || s.results !== res) return;
    res.facets = f.facets;
    res.facetsPending = false;
    res.notes = [...res.notes, ...f.notes.filter((n) => !res.notes.includes(n))];
    showUnderstood(res);
    if (s.mode !== 'docs' || !$('#result-tools').querySelector('.jump-facets')) return;
    renderFacets(res);
    $('#result-tools').querySelector('.jump-facets').hidden = !$('#facets').children.length;
  }

  // The chip pressed last, focused again once the facets are redrawn.
  let refocus = null;

  function toggleFilter(field, value) {
    const term = `${field}:${/\s/.test(value) ? `"${value}"` : value}`;
    refocus = term;
    const q = s.q.includes(term) ? s.q.replace(term, '').replace(/\s+/g, ' ').trim() : `${s.q.trim()} ${term}`.trim();
    input.value = q;
    run(q);
  }

  // The "Documents | Quotes" switch: a radio group, one Tab stop (the
  // checked one); the arrow keys, Space or Enter choose.
  function modeSwitch() {
    const choose = (mode) => {
      if (s.mode === mode) return;
      refocusMode = mode;
      run(s.q, { mode, stay: true });
    };
    const button = (mode, label) => h('button', {
      type: 'button', class: 'small mode-button', role: 'radio', 'aria-checked': String(s.mode === mode),
      tabindex: s.mode === mode ? '0' : '-1', dataset: { mode }, onclick: () => choose(mode),
    }, label);
    return h('div', {
      class: 'mode-switch', role: 'radiogroup', 'aria-label': 'List the matching',
      onkeydown: (e) => {
        if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
        e.preventDefault();
        choose(s.mode === 'quotes' ? 'docs' : 'quotes');
      },
    }, button('docs', 'Documents'), button('quotes', 'Quotes'));
  }

  // The mode button pressed last, focused again once the tools are redrawn.
  let refocusMode = null;

  // On a phone the facets are below the results: one press away.
  function jumpToFacets() {
    return h('button', { type: 'button', class: 'small jump-facets', onclick: () => {
      const first = document.querySelector('#facets .chip');
      document.querySelector('#facets').scrollIntoView({ block: 'start' });
      first?.focus({ preventScroll: true });
    } }, 'Filters ↓');
  }

  function pageSize() {
    return app.state.corpusFile ? FILE_LIMIT : LIMIT;
  }

  // The next hits of the search shown, appended (facets stay the first
  // answer's); the first of them gets the focus.
  async function showMore() {
    const q = s.q;
    const from = s.results.hits.length;
    let res;
    try {
      res = await app.rpc.call('search', q, { offset: from, limit: pageSize(), sort: s.sort, facets: false });
    } catch (err) {
      app.setStatus(`Search failed: ${err.message}`, 'error');
      return;
    }
    if (q !== s.q || !s.results || s.results.hits.length !== from) return;
    s.results.hits.push(...res.hits);
    renderResults();
    document.querySelectorAll('#list [role=option]')[from]?.focus();
  }

  function renderResults() {
    if (!s.q.trim() || !s.results) return false;
    if (s.mode === 'quotes' && s.quotes) return renderQuotes();
    const res = s.results;
    $('#side-heading').textContent = `${formatNumber(res.total)} result${res.total === 1 ? '' : 's'}` +
      (res.total > res.hits.length ? ` (showing ${res.hits.length})` : '');
    const tools = clear($('#result-tools'));
    tools.hidden = false;
    tools.append(
      h('label', { for: 'sort' }, 'Sort '),
      h('select', { id: 'sort', onchange: (e) => { s.sort = e.target.value; run(s.q); } },
        h('option', { value: 'relevance', selected: s.sort === 'relevance' }, 'by relevance'),
        h('option', { value: 'date', selected: s.sort === 'date' }, 'newest first'),
        h('option', { value: 'date_asc', selected: s.sort === 'date_asc' }, 'oldest first')),
      h('button', { type: 'button', class: 'small', onclick: () => exportResults('csv') }, 'CSV'),
      h('button', { type: 'button', class: 'small', onclick: () => exportResults('json') }, 'JSON'),
      modeSwitch(),
      jumpToFacets());
    renderFacets(res);
    tools.querySelector('.jump-facets').hidden = !$('#facets').children.length;
    const list = clear($('#list'));
    const more = clear($('#list-more'));
    if (!res.hits.length) {
      more.appendChild(h('p', { class: 'no-results' }, 'No document matches. Try fewer words, a prefix (secur*) or OR.'));
    } else if (app.state.corpusFile && res.total > res.hits.length && res.hits.length < LIMIT * 10) {
      more.appendChild(h('p', { class: 'more' }, h('button', { type: 'button', class: 'small show-more-hits', onclick: showMore },
        `Show ${formatNumber(Math.min(pageSize(), res.total - res.hits.length))} more`)));
    }
    for (const hit of res.hits) {
      const current = hit.id === app.state.docId;
      // A score that ranks nothing (a query of filters only) is not shown.
      const meta = [hit.outlet, hit.section, dateText(hit), hit.score > 0 ? `score ${hit.score.toFixed(2)}` : null].filter(Boolean).join(' · ');
      list.appendChild(h('li', { class: 'item hit-item' + (current ? ' current' : ''), role: 'none' },
        h('a', {
          href: `#doc=${hit.id}`, dataset: { doc: hit.id, tagKind: 'doc', tagDoc: hit.id }, role: 'option', 'aria-selected': String(current),
          onclick: (e) => { e.preventDefault(); app.openDoc(hit.id, { highlight: hit.location }); },
        },
          h('span', { class: 'item-title' }, hit.title ? highlighted(hit.title, hit.title_highlights) : name(hit)),
          h('span', { class: 'item-meta' }, meta),
          hit.snippet ? h('span', { class: 'snippet' }, highlighted(hit.snippet, hit.highlights)) : null)));
    }
    tabStop(list, '[role=option]');
    refocusModeButton();
    decorate(list);
    return true;
  }

  function refocusModeButton() {
    if (!refocusMode) return;
    document.querySelector(`#result-tools .mode-button[data-mode="${refocusMode}"]`)?.focus();
    refocusMode = null;
  }

  // Quotes mode: each quote with its speaker, outlet, date and headline;
  // a click opens its document with the quote marked.
  function renderQuotes() {
    const res = s.quotes;
    $('#side-heading').textContent = `${formatNumber(res.total)} quote${res.total === 1 ? '' : 's'}` +
      (res.total > res.quotes.length ? ` (showing ${res.quotes.length})` : '');
    const tools = clear($('#result-tools'));
    tools.hidden = false;
    tools.append(
      h('button', { type: 'button', class: 'small', 'aria-label': 'Export the quotes as CSV', onclick: () => exportQuotes('csv') }, 'CSV'),
      h('button', { type: 'button', class: 'small', 'aria-label': 'Export the quotes as JSON', onclick: () => exportQuotes('json') }, 'JSON'),
      modeSwitch(),
      jumpToFacets());
    renderFacets(s.results);
    tools.querySelector('.jump-facets').hidden = !$('#facets').children.length;
    const list = clear($('#list'));
    const more = clear($('#list-more'));
    if (res.notes.length) more.appendChild(h('p', { class: 'quote-notes' }, res.notes.join('; ')));
    if (!res.quotes.length) {
      more.appendChild(h('p', { class: 'no-results' },
        'No quote matches. Quotes are matched by speaker:NAME and by the words of the quote or its sentence.'));
    }
    for (const q of res.quotes) {
      const key = `${q.doc}:${q.start}`;
      const current = q.doc === app.state.docId && s.quoteAt === key;
      const meta = [q.speaker || 'unattributed', q.outlet, q.date].filter(Boolean).join(' · ');
      list.appendChild(h('li', { class: 'item quote-item' + (current ? ' current' : ''), role: 'none' },
        h('a', {
          href: `#doc=${q.doc}`, role: 'option', 'aria-selected': String(current),
          dataset: { doc: q.doc, start: q.start, tagKind: 'quote', tagDoc: q.doc, tagSpan: `${q.start}-${q.end}` },
          onclick: (e) => {
            e.preventDefault();
            s.quoteAt = key;
            app.openDoc(q.doc, { highlight: q.location });
          },
        },
          h('span', { class: 'quote-text' }, q.text),
          h('span', { class: 'item-meta' }, meta),
          h('span', { class: 'quote-headline' }, q.title || fileLabel(q.file)))));
    }
    tabStop(list, '[role=option]');
    refocusModeButton();
    decorate(list);
    return true;
  }

  async function exportQuotes(format) {
    const all = await app.rpc.call('quotes', s.q, QUOTE_LIMIT);
    const notes = await notesFor(all.quotes.map((x) => ({ doc: x.doc, span: `${x.start}-${x.end}` })));
    const rows = all.quotes.map((x, i) => ({
      quote: x.text, speaker: x.speaker, outlet: x.outlet, date: x.date, title: x.title, file: x.file, start: x.start, end: x.end, ...notes[i],
    }));
    const cols = [...QUOTE_COLUMNS, ...NOTE_COLUMNS];
    if (format === 'json') {
      download('lede-quotes.json', JSON.stringify({ query: all.query, total: all.total, quotes: rows }, null, 2), 'application/json');
    } else {
      download('lede-quotes.csv', toCsv(cols, rows.map((r) => cols.map((c) => r[c]))), 'text/csv');
    }
  }

  // An untitled hit's name: its opening words when the list has them, else
  // its file with its folder.
  function name(hit) {
    return app.state.byId.has(hit.id) ? app.docName(hit.id) : fileLabel(hit.file);
  }

  // Each facet group shows its top values (and any that is in the query);
  // "more" shows the rest (aria-expanded), remembered per group.
  function renderFacets(res) {
    const facets = clear($('#facets'));
    // Which query's facets these are (none yet while they are read).
    facets.dataset.q = res.facetsPending ? '' : s.q;
    const groups = FACETS.filter(([key]) => (res.facets[key] || []).length);
    if (groups.length) facets.appendChild(h('h3', { class: 'side-heading', id: 'facets-heading' }, 'Narrow the search'));
    for (const [key, label, field] of groups) {
      const values = res.facets[key];
      const term = (v) => `${field}:${/\s/.test(v) ? `"${v}"` : v}`;
      const chip = (f) => h('button', {
        type: 'button', class: 'chip', 'aria-pressed': String(s.q.includes(term(f.value))), dataset: { term: term(f.value) },
        onclick: () => toggleFilter(field, f.value),
      }, f.value, h('span', { class: 'count' }, String(f.count)));
      const top = values.filter((f, i) => i < FACET_TOP || s.q.includes(term(f.value)));
      const rest = values.filter((f) => !top.includes(f));
      const group = h('div', { class: 'facet', role: 'group', 'aria-label': label },
        h('span', { class: 'facet-label' }, label), top.map(chip));
      if (rest.length) {
        const open = s.expanded.has(key);
        const extra = h('span', { class: 'facet-more', id: `facet-more-${key}` }, rest.map(chip));
        extra.hidden = !open;
        const button = h('button', {
          type: 'button', class: 'small more-values', 'aria-expanded': String(open), 'aria-controls': extra.id,
          'aria-label': `${open ? 'Fewer' : 'More'} ${label.toLowerCase()} values (${rest.length})`,
          onclick: () => {
            const now = !s.expanded.has(key);
            if (now) s.expanded.add(key); else s.expanded.delete(key);
            extra.hidden = !now;
            button.setAttribute('aria-expanded', String(now));
            button.setAttribute('aria-label', `${now ? 'Fewer' : 'More'} ${label.toLowerCase()} values (${rest.length})`);
            button.textContent = now ? 'fewer' : `more (${rest.length})`;
          },
        }, open ? 'fewer' : `more (${rest.length})`);
        group.append(extra, button);
      }
      facets.appendChild(group);
    }
    if (refocus) {
      const chip = [...facets.querySelectorAll('.chip')].find((c) => c.dataset.term === refocus);
      refocus = null;
      chip?.focus();
    }
  }

  async function exportResults(format) {
    const all = await app.rpc.call('search', s.q, { limit: 1000, sort: s.sort, facets: false });
    // Scores to SCORE_DECIMALS decimals (a float's 16 digits say nothing
    // more); none for a query that ranks nothing.
    const score = (x) => (x.score > 0 ? Math.round(x.score * 10 ** SCORE_DECIMALS) / 10 ** SCORE_DECIMALS : null);
    const notes = await notesFor(all.hits.map((x) => ({ doc: x.id })));
    const rows = all.hits.map((x, i) => ({ id: x.id, file: x.file, title: x.title, outlet: x.outlet, date: x.date, score: score(x), snippet: x.snippet, ...notes[i] }));
    if (format === 'json') {
      download('lede-results.json', JSON.stringify({ query: all.query, total: all.total, hits: rows }, null, 2), 'application/json');
    } else {
      const cols = ['id', 'file', 'title', 'outlet', 'date', 'score', 'snippet', ...NOTE_COLUMNS];
      download('lede-results.csv', toCsv(cols, rows.map((r) => cols.map((c) => r[c]))), 'text/csv');
    }
  }

  return {
    run: (q, opts = {}) => { input.value = q; return run(q, opts); },
    renderResults,
  };
}
