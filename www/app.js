// The page: renders what the worker returns and wires events. No logic of
// its own beyond presentation; all parsing, search and extraction happen in
// the wasm core inside the worker. The views are modules that get the
// context `app` below, read and write the declared state (state.js) and
// talk through the bus (bus.js).
import { Rpc } from './rpc.js';
import { h, clear, formatNumber, formatBytes, paragraphBlocks, arrowKeys, tabStop, fileLabel } from './dom.js';
import { state, LIST_PAGE } from './state.js';
import { emit } from './bus.js';
import { mountImport } from './import.js';
import { mountSearch } from './search.js';
import { mountPeople } from './people.js';
import { mountTimeline } from './timeline.js';
import { mountNetwork } from './network.js';
import { mountCompare } from './compare.js';
import { mountAnalytics } from './analytics.js';
import { mountBatch } from './batch.js';
import { mountEntities } from './entities.js';
import { mountSaved } from './saved.js';
import { mountTags } from './tags.js';
import { mountAnnotations } from './annotate.js';
import { mountFlags } from './flags.js';
import { mountCorpusFile } from './corpusfile.js';
import { mountScope } from './scope.js';
import { dateText, dateLine } from './dates.js';

// The single-file build provides the worker as a blob URL.
const rpc = new Rpc(self.LEDE_WORKER_URL || new URL('./worker.js', import.meta.url), {
  onRestart: (reason) => restarted(reason),
  onDead: (reason) => showAlert(`The engine stopped (${reason}) and was not restarted again: it keeps stopping. Reload the page.`),
});
const $ = (sel) => document.querySelector(sel);

const VIEWS = [...document.querySelectorAll('.view')].map((v) => v.dataset.view);

// ---- URL hash: the state that survives a reload ----
// view, the search (q, sort), the person shown (people view), the
// statement filter (compare view), the open document (doc).

// The sort orders the engine knows (search.js offers the same three).
const SORTS = ['relevance', 'date', 'date_asc'];

// The hash's state. A part that is not valid (`#doc=abc`, `#sort=sideways`,
// `#view=nowhere`) is treated as absent: taken out of the address and named
// in the status line, so a bad link opens nothing it did not mean.
function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const bad = [];
  const view = p.get('view');
  if (view !== null && !VIEWS.includes(view)) bad.push(['view', 'no such view']);
  const rawDoc = p.get('doc');
  // A document id is a u32 written in decimal digits.
  const doc = rawDoc !== null && /^\d{1,10}$/.test(rawDoc) && Number(rawDoc) <= 0xffffffff ? Number(rawDoc) : null;
  if (rawDoc !== null && rawDoc !== '' && doc === null) bad.push(['doc', 'not a document number']);
  if (p.has('sort') && !SORTS.includes(p.get('sort'))) bad.push(['sort', `not one of ${SORTS.join(', ')}`]);
  if (bad.length) {
    const shown = (v) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
    const notes = bad.map(([k, why]) => `${k}=${shown(p.get(k))} (${why})`);
    for (const [k] of bad) p.delete(k);
    history.replaceState(null, '', '#' + p.toString());
    const now = $('#status').textContent;
    setStatus(`${now ? `${now} ` : ''}Ignored in the address: ${notes.join('; ')}.`, 'warn');
  }
  return { view: VIEWS.includes(p.get('view')) ? p.get('view') : 'docs', doc, params: p };
}

// Puts the hash's state in place; the search runs when its query changed.
async function applyHash(params) {
  state.search.sort = SORTS.includes(params.get('sort')) ? params.get('sort') : 'relevance';
  state.people.selected = params.get('person');
  state.compare.filter = params.get('statement') || '';
  const q = params.get('q') || '';
  const mode = params.get('mode') === 'quotes' ? 'quotes' : 'docs';
  if (q !== state.search.q || mode !== state.search.mode) await app.search(q, { push: false, mode });
}

function writeHash(replace = false) {
  const p = new URLSearchParams();
  if (state.view !== 'docs') p.set('view', state.view);
  const extras = {
    q: state.search.q,
    sort: state.search.sort !== 'relevance' ? state.search.sort : null,
    mode: state.search.mode === 'quotes' ? 'quotes' : null,
    person: state.view === 'people' ? state.people.selected : null,
    statement: state.view === 'compare' ? state.compare.filter : null,
  };
  for (const [k, v] of Object.entries(extras)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  if (state.docId !== null) p.set('doc', String(state.docId));
  const hash = '#' + p.toString();
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
}

// ---- status line ----

function setStatus(text, kind = 'info') {
  const el = $('#status');
  el.textContent = text;
  el.dataset.kind = kind;
}

// What went wrong with the engine itself, shown until dismissed.
function showAlert(text) {
  $('#alert-text').textContent = text;
  $('#alert').hidden = false;
}
$('#alert-close').addEventListener('click', () => { $('#alert').hidden = true; });

// ---- views ----

function showView(view, { push = true } = {}) {
  state.view = VIEWS.includes(view) ? view : 'docs';
  for (const el of document.querySelectorAll('.view')) el.hidden = el.dataset.view !== state.view;
  for (const a of document.querySelectorAll('.tabs a')) {
    if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  emit('view', { view: state.view });
  if (push) writeHash();
}

for (const a of document.querySelectorAll('.tabs a')) {
  a.addEventListener('click', (e) => { e.preventDefault(); showView(a.dataset.view); });
}

const fileNames = (f) => (f ? f.files.map((x) => x.name).join('\n') : '');

// With `head`, only the list's first page is asked for (the first screen
// after a reload): state.docs is then that page and state.docTotal the
// whole list's size, and the rest follows with refreshDocs() (start()).
// Returns whether the list is whole.
async function refreshDocs({ head = false } = {}) {
  const before = fileNames(state.corpusFile);
  state.corpusFile = await rpc.call('fileInfo');
  // Opening or closing a corpus file renumbers the documents after it.
  const renumbered = before !== fileNames(state.corpusFile);
  if (head) {
    const { docs, total } = await rpc.call('listHead', LIST_PAGE);
    state.docs = docs;
    state.docTotal = total;
  } else {
    state.docs = await rpc.call('list');
    state.docTotal = state.docs.length;
  }
  const whole = state.docs.length === state.docTotal;
  state.byId = new Map(state.docs.map((d) => [d.id, d]));
  renderList();
  const words = whole ? `, ${formatNumber(state.docs.reduce((s, d) => s + d.words, 0))} words` : '';
  const f = state.corpusFile;
  $('#corpus-info').textContent = f
    ? `${f.files.length === 1 ? 'Corpus file' : `${f.files.length} corpus files:`} ${f.name}: ${formatNumber(f.docs)} documents, read from the file${f.files.length === 1 ? '' : 's'} as needed, and ${formatNumber(f.tabDocs)} stored in this browser, searched as one${f.docs + f.tabDocs > state.docs.length ? ` (the list shows ${formatNumber(state.docs.length)}; search finds them all)` : ''}.`
    : `${formatNumber(state.docTotal)} documents${words}, stored in this browser only.`;
  $('#file-bar').hidden = !f;
  if (state.docId !== null && whole && (renumbered || !state.byId.has(state.docId))) closeDoc({ push: false });
  emit('corpus');
  return whole;
}

// The context handed to each view module: what the page does on request.
// Frozen: a view subscribes to the bus rather than adding hooks here.
const app = Object.freeze({
  rpc, state, setStatus, refreshDocs, writeHash,
  // How a document is named everywhere: its headline, else its opening
  // words, else its file with its folder ("tech/301.txt").
  docName: (id) => {
    const d = state.byId.get(id);
    return d ? (d.title || d.excerpt || fileLabel(d.file)) : `document ${id}`;
  },
  navigate: (view) => showView(view),
  openDoc: (id, opts) => openDoc(id, opts),
  // Closes the open document (the reader shows its hint again).
  closeDoc: (opts) => closeDoc(opts),
  refreshList: () => renderList(),
  // Puts `q` in the search box and runs it (search.js).
  search: (q, opts) => searchView.run(q, opts),
});

// ---- document list ----

function metaLine(d) {
  const parts = [];
  if (d.outlet) parts.push(d.outlet);
  if (d.section) parts.push(d.section);
  parts.push(dateText(d));
  parts.push(`${formatNumber(d.words)} words`);
  return parts.join(' · ');
}

// The list shows the first LIST_PAGE documents and more on request: tens of
// thousands of rows would make every re-render (opening a document, a
// search cleared) stall the page. While a search has results, they take
// the list's place.
function renderList() {
  if (searchView.renderResults()) return;
  clear($('#facets'));
  const list = clear($('#list'));
  const more = clear($('#list-more'));
  $('#result-tools').hidden = true;
  const total = state.docTotal;
  // The open document stays in view even past the shown rows.
  const open = state.docs.findIndex((d) => d.id === state.docId);
  state.listShown = Math.max(state.listShown || LIST_PAGE, open + 1);
  const shown = Math.min(total, state.listShown);
  for (const d of state.docs.slice(0, shown)) {
    const current = d.id === state.docId;
    list.appendChild(h('li', { class: 'item' + (current ? ' current' : ''), role: 'none' },
      h('a', {
        href: `#doc=${d.id}`, role: 'option', 'aria-selected': String(current),
        dataset: { doc: d.id },
        onclick: (e) => { e.preventDefault(); openDoc(d.id); },
      },
        d.title ? h('span', { class: 'item-title' }, d.title)
          : h('span', { class: 'item-title untitled' }, d.excerpt || fileLabel(d.file)),
        h('span', { class: 'item-meta' }, metaLine(d)))));
  }
  if (shown < total) {
    more.appendChild(h('p', { class: 'more' },
      h('span', {}, `Showing ${formatNumber(shown)} of ${formatNumber(total)}; search to find the others. `),
      h('button', {
        type: 'button', class: 'small',
        onclick: () => { state.listShown = shown + LIST_PAGE * 5; renderList(); },
      }, `Show ${formatNumber(Math.min(LIST_PAGE * 5, total - shown))} more`)));
  }
  $('#side-heading').textContent = `Documents (${formatNumber(total)})`;
  if (!total) more.appendChild(h('p', { class: 'no-results' }, 'The corpus is empty: import articles or restore the sample (Import).'));
  tabStop(list, '[role=option]');
}
arrowKeys($('#list'), '[role=option]');

// ---- reader ----

// Characters from which the reader lays a document's paragraphs out only
// near the viewport (style.css: .doc-body.long).
const LONG_DOC_CHARS = 200000;

// A document without a headline is named by its opening words.
function untitled(doc) {
  const words = (doc.paragraphs[0] || doc.file).split(/\s+/);
  return words.length > 12 ? `${words.slice(0, 12).join(' ')}…` : words.join(' ');
}

// Counts openDoc calls: an older one still waiting (for a long document's
// annotations) must not move the focus or the address after a newer one.
let opening = 0;

async function openDoc(id, { push = true, focus = true, highlight = null } = {}) {
  const call = ++opening;
  if (state.view !== 'docs') showView('docs', { push: false });
  const doc = await rpc.call('document', id);
  if (call !== opening) return;
  const reader = clear($('#reader'));
  if (!doc) {
    state.docId = null;
    reader.appendChild(h('p', { class: 'empty' }, `There is no document ${id} in this corpus.`));
    renderList();
    return;
  }
  state.docId = id;
  renderReader(doc);
  await emit('reader', { doc, highlight });
  if (call !== opening) return;
  renderList();
  if (push) writeHash();
  if (focus) reader.focus({ preventScroll: true });
  // On a phone the reader is below the list: it is brought into view (at
  // the match, which annotate.js scrolled to, or at the headline).
  if (focus && narrow() && !highlight) reader.scrollIntoView({ block: 'start' });
}

// The phone layout (style.css: one column, the reader below the list).
const narrow = () => matchMedia('(max-width: 760px)').matches;

function closeDoc({ push = true } = {}) {
  opening += 1;
  if (state.docId === null) return;
  state.docId = null;
  clear($('#reader')).appendChild(h('p', { class: 'empty' }, 'Choose a document on the left.'));
  renderList();
  if (push) writeHash(true);
}

function renderReader(doc) {
  const reader = $('#reader');
  const meta = [];
  if (doc.outlet) meta.push(h('span', { class: 'outlet' }, doc.outlet));
  if (doc.section) meta.push(h('span', { class: 'section' }, `Section: ${doc.section}`));
  meta.push(dateLine(doc));
  if (doc.authors.length) meta.push(h('span', { class: 'authors' }, 'By ' + doc.authors.join(', ')));
  if (doc.url) meta.push(h('span', { class: 'url' }, doc.url));

  reader.appendChild(h('header', { class: 'doc-head' },
    h('h2', { class: 'doc-title' + (doc.title ? '' : ' untitled'), id: 'doc-title' }, doc.title || untitled(doc)),
    h('p', { class: 'doc-meta' }, meta.flatMap((m, i) => (i ? [' · ', m] : [m]))),
    h('p', { class: 'doc-file' }, doc.file)));

  if (doc.lead.length) {
    reader.appendChild(h('ul', { class: 'lead', 'aria-label': 'Summary' },
      doc.lead.map((b) => h('li', {}, b))));
  }

  // The body: a paragraph longer than two blocks is shown as blocks
  // (dom.js paragraphBlocks), laid out only near the viewport and marked as
  // it is read (fillParagraph), so a 30 MB paragraph opens at once; a long
  // document's paragraphs are laid out the same way (class "long").
  const chars = doc.paragraphs.reduce((n, t) => n + t.length, 0);
  const body = h('div', { class: chars > LONG_DOC_CHARS ? 'doc-body long' : 'doc-body' });
  const turnStarts = new Map(doc.turns.map((t) => [t.first_paragraph, t]));
  const inTurn = new Uint8Array(doc.paragraphs.length);
  for (const t of doc.turns) inTurn.fill(1, t.first_paragraph, t.first_paragraph + t.paragraph_count);
  // The wire dateline, as printed ("ROTTERDAM -"): the parser keeps it
  // apart from the first paragraph (and search finds its words).
  if (doc.dateline?.text) body.appendChild(h('p', { class: 'dateline' }, doc.dateline.text));
  doc.paragraphs.forEach((text, i) => {
    const turn = turnStarts.get(i);
    if (turn) body.appendChild(h('p', { class: 'speaker' }, turn.speaker));
    const cls = inTurn[i] ? 'para in-turn' : 'para';
    const blocks = paragraphBlocks(text);
    body.appendChild(blocks.length === 1
      ? h('p', { class: cls, dataset: { para: i } }, text)
      : h('div', { class: `${cls} blocks`, dataset: { para: i } },
        blocks.map(([from, to]) => h('p', { class: 'para-block', dataset: { from, to } }, text.slice(from, to)))));
  });
  reader.appendChild(body);

  const toggle = h('button', {
    type: 'button', class: 'toggle', 'aria-expanded': String(state.showBoilerplate),
    'aria-controls': 'boilerplate',
    onclick: () => {
      state.showBoilerplate = !state.showBoilerplate;
      toggle.setAttribute('aria-expanded', String(state.showBoilerplate));
      box.hidden = !state.showBoilerplate;
      toggle.textContent = label();
    },
  });
  const label = () => `${state.showBoilerplate ? 'Hide' : 'Show'} removed boilerplate (${doc.boilerplate.length} lines)`;
  toggle.textContent = label();
  const box = h('section', { id: 'boilerplate', class: 'boilerplate', 'aria-label': 'Removed boilerplate' },
    doc.boilerplate.length
      ? h('ol', {}, doc.boilerplate.map((b) => h('li', {}, b)))
      : h('p', {}, 'Nothing was removed from this document.'));
  box.hidden = !state.showBoilerplate;
  const remove = h('button', {
    type: 'button', class: 'danger',
    onclick: async () => {
      if (!confirm(`Remove “${doc.title || doc.file}” from the corpus?`)) return;
      try {
        await rpc.call('remove', state.docId);
        await refreshDocs();
        setStatus(`Removed “${doc.title || doc.file}”.`);
      } catch (err) { setStatus(err.message, 'error'); }
    },
  }, 'Remove from corpus');
  reader.appendChild(h('footer', { class: 'doc-foot' }, h('p', { class: 'buttons' }, toggle, remove), box));
}

// ---- keyboard ----

// Esc closes what is open before anything else: an open popover (a date's
// evidence: [data-popover] with its button), then on a phone the open
// article (back to its row), then a focused result or document row gives
// the focus back to the search box. Only in the search box with nothing
// else open does it clear the search (search.js). The Keyboard list in
// index.html says the same.
document.addEventListener('keydown', (e) => {
  const active = document.activeElement;
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(active?.tagName || '');
  if (e.key === '/' && !typing) {
    e.preventDefault();
    $('#q').focus();
    return;
  }
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  const open = [...document.querySelectorAll('[data-popover]:not([hidden])')].find((el) => el.offsetParent !== null);
  if (open) {
    e.preventDefault();
    open.hidden = true;
    const button = document.querySelector(`[aria-controls="${open.id}"]`);
    button?.setAttribute('aria-expanded', 'false');
    button?.focus();
    return;
  }
  if (state.view === 'docs' && state.docId !== null && narrow()) {
    e.preventDefault();
    const id = state.docId;
    closeDoc();
    document.querySelector(`#list [data-doc="${id}"]`)?.focus();
    return;
  }
  if (active?.closest('#list, #people-list')) {
    e.preventDefault();
    $('#q').focus();
  }
}, { capture: true });

window.addEventListener('popstate', () => {
  const { view, doc, params } = readHash();
  applyHash(params);
  showView(view, { push: false });
  if (doc !== null && doc !== state.docId) openDoc(doc, { push: false, focus: false });
});

// ---- start ----

mountScope(app);
mountImport(app);
const searchView = mountSearch(app);
mountAnnotations(app);
mountFlags(app);
mountPeople(app);
mountTimeline(app);
mountNetwork(app);
mountCompare(app);
mountAnalytics(app);
mountBatch(app);
mountEntities(app);
mountSaved(app);
mountTags(app);
const corpusFile = mountCorpusFile(app);

async function start() {
  let info;
  let whole;
  try {
    info = await rpc.call('startup');
    state.limits = await rpc.call('limits');
    whole = await refreshDocs({ head: true });
  } catch (err) {
    setStatus(`The engine could not start: ${err.message}`, 'error');
    return;
  }
  // What a reload read of the stored corpus: its directories, not the corpus.
  const read = info.stored ? `, reading ${formatBytes(info.bytes)} of its ${formatBytes(info.stored)}` : '';
  const where = info.restored ? `restored from this browser's storage in ${Math.round(info.ms)} ms${read}` : 'the sample articles';
  setStatus(info.warning || `${formatNumber(state.docTotal)} documents loaded (${where}). Everything stays in this browser.`, info.warning ? 'warn' : 'info');
  // ?corpus=URL opens a corpus file published next to the page.
  const corpusUrl = new URLSearchParams(location.search).get('corpus');
  if (corpusUrl) await corpusFile.openUrl(corpusUrl);
  const { view, doc, params } = readHash();
  await applyHash(params);
  showView(view, { push: false });
  if (doc !== null) await openDoc(doc, { push: false, focus: false });
  document.body.dataset.ready = 'true';
  // The first screen is up; the rest of the list follows (for the views
  // that offer every document: Compare's picker, Analytics' outlets).
  if (!whole) await refreshDocs().catch((err) => setStatus(`The document list could not be read: ${err.message}`, 'error'));
}

// rpc.js has replaced a crashed worker; the new one restores the corpus
// stored in this browser, as a reload would.
async function restarted(reason) {
  showAlert(`The engine stopped (${reason}) and is restarting…`);
  let info;
  try {
    info = await rpc.call('startup');
    await refreshDocs();
  } catch (err) {
    showAlert(`The engine stopped (${reason}) and could not restart: ${err.message}. Reload the page.`);
    return;
  }
  const corpus = info.restored
    ? `the corpus (${formatNumber(state.docTotal)} documents) was restored from this browser's storage; changes not saved yet were lost`
    : 'no corpus was stored, so the sample articles were loaded';
  showAlert(`The engine stopped (${reason}) and was restarted: ${corpus}.${info.warning ? ` ${info.warning}` : ''}`);
  setStatus(`${formatNumber(state.docTotal)} documents loaded after the engine restarted.`, 'warn');
}

if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('sw.js').catch((err) => console.warn('offline cache unavailable:', err.message));
}

start();
