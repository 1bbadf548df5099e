// The page: renders what the worker returns and wires events. No logic of
// its own beyond presentation; all parsing, search and extraction happen in
// the wasm core inside the worker.
import { Rpc } from './rpc.js';
import { h, clear, formatNumber } from './dom.js';

const rpc = new Rpc(new URL('./worker.js', import.meta.url));
const $ = (sel) => document.querySelector(sel);

const state = {
  docs: [],            // DocSummary[]
  docId: null,         // the open document
  showBoilerplate: false,
};

// ---- URL hash: the state that survives a reload ----

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { doc: p.has('doc') ? Number(p.get('doc')) : null };
}

function writeHash(replace = false) {
  const p = new URLSearchParams();
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

// ---- document list ----

function metaLine(d) {
  const parts = [];
  if (d.outlet) parts.push(d.outlet);
  parts.push(d.date || 'undated');
  parts.push(`${formatNumber(d.words)} words`);
  return parts.join(' · ');
}

function renderList() {
  const list = clear($('#list'));
  for (const d of state.docs) {
    const current = d.id === state.docId;
    list.appendChild(h('li', { class: 'item' + (current ? ' current' : '') },
      h('a', {
        href: `#doc=${d.id}`,
        'aria-current': current ? 'page' : null,
        dataset: { doc: d.id },
        onclick: (e) => { e.preventDefault(); openDoc(d.id); },
      },
        h('span', { class: 'item-title' }, d.title || d.file),
        h('span', { class: 'item-meta' }, metaLine(d)))));
  }
  $('#side-heading').textContent = `Documents (${state.docs.length})`;
}

// ---- reader ----

async function openDoc(id, { push = true, focus = true } = {}) {
  const doc = await rpc.call('document', id);
  const reader = clear($('#reader'));
  if (!doc) {
    state.docId = null;
    reader.appendChild(h('p', { class: 'empty' }, `There is no document ${id} in this corpus.`));
    renderList();
    return;
  }
  state.docId = id;
  renderReader(doc);
  renderList();
  if (push) writeHash();
  if (focus) reader.focus({ preventScroll: false });
}

function renderReader(doc) {
  const reader = $('#reader');
  const meta = [];
  if (doc.outlet) meta.push(h('span', { class: 'outlet' }, doc.outlet));
  meta.push(h('time', doc.date ? { datetime: doc.date } : {}, doc.date || 'undated'));
  if (doc.authors.length) meta.push(h('span', { class: 'authors' }, 'By ' + doc.authors.join(', ')));
  if (doc.url) meta.push(h('span', { class: 'url' }, doc.url));

  reader.appendChild(h('header', { class: 'doc-head' },
    h('h2', { class: 'doc-title', id: 'doc-title' }, doc.title || doc.file),
    h('p', { class: 'doc-meta' }, meta.flatMap((m, i) => (i ? [' · ', m] : [m]))),
    h('p', { class: 'doc-file' }, doc.file)));

  if (doc.lead.length) {
    reader.appendChild(h('ul', { class: 'lead', 'aria-label': 'Summary' },
      doc.lead.map((b) => h('li', {}, b))));
  }

  const body = h('div', { class: 'doc-body' });
  const turnStarts = new Map(doc.turns.map((t) => [t.first_paragraph, t]));
  doc.paragraphs.forEach((text, i) => {
    const turn = turnStarts.get(i);
    if (turn) body.appendChild(h('p', { class: 'speaker' }, turn.speaker));
    const inTurn = doc.turns.some((t) => i >= t.first_paragraph && i < t.first_paragraph + t.paragraph_count);
    body.appendChild(h('p', { class: inTurn ? 'para in-turn' : 'para', dataset: { para: i } }, text));
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
  reader.appendChild(h('footer', { class: 'doc-foot' }, toggle, box));
}

// ---- keyboard ----

document.addEventListener('keydown', (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || '');
  if (e.key === '/' && !typing) {
    e.preventDefault();
    $('#q').focus();
  }
});

window.addEventListener('popstate', () => {
  const { doc } = readHash();
  if (doc !== null && doc !== state.docId) openDoc(doc, { push: false, focus: false });
});

// ---- start ----

async function start() {
  try {
    state.docs = await rpc.call('list');
  } catch (err) {
    setStatus(`The engine could not start: ${err.message}`, 'error');
    return;
  }
  renderList();
  setStatus(`${state.docs.length} documents loaded. Everything stays in this browser.`);
  const { doc } = readHash();
  if (doc !== null) await openDoc(doc, { push: false, focus: false });
  document.body.dataset.ready = 'true';
}

start();
