// Tags and notes (issue 16, item 3) on documents, quotes and people,
// kept with the tab's corpus by the worker (src/tags.rs; IndexedDB beside
// the segments, keyed by each document's text, so a segment written again
// keeps them), in the JSON Lines export and back.
//
// What can be tagged is marked where it is drawn: an element with
// `data-tag-kind` ('doc' | 'quote' | 'person') and `data-tag-doc` (a
// document id; a quote adds `data-tag-span` "START-END") or `data-tag-key`
// (a person's name). `decorate(root)` shows the tags and note of each such
// element in its `.tag-slot` (or at its end), as text. Pressing `t` with
// the focus on or in one opens the tag dialog for it (a tag field with
// the existing tags to choose from, the tags with a remove button each, a
// note); buttons do the same for the mouse: "Tags & note…" in the reader
// (this document) and People (the person shown), and below the results
// "Tag the result chosen last…". `tag:NAME` finds what is tagged NAME; the
// search's Tags facet counts the matching documents per tag.
import { h, clear } from './dom.js';
import { on } from './bus.js';

let app = null;
// Union document id → key (src/tags.rs doc_key): ids move when the corpus
// changes, so this is emptied then.
const keys = new Map();
// The Tags facet of the query `q`: [{value, count}].
let facet = { q: null, values: [] };
// The taggable element focused last (the results' button acts on it).
let lastFocused = null;
// What the dialog edits: {kind, key, label, origin}.
let editing = null;
let dialog = null;

export function mountTags(a) {
  app = a;
  dialog = buildDialog();
  document.body.appendChild(dialog);
  on('corpus', () => { keys.clear(); facet = { q: null, values: [] }; load(); });
  on('search', ({ q }) => refreshFacet(q));
  on('reader', () => readerTags());
  document.addEventListener('focusin', (e) => {
    const el = e.target.closest?.('#list [data-tag-kind]');
    if (el) lastFocused = el;
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 't' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const active = document.activeElement;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(active?.tagName || '') || dialog.open) return;
    const el = active?.closest('[data-tag-kind]');
    if (!el || !shown(el)) return;
    e.preventDefault();
    edit(el);
  });
  load();
}

// Whether `el` shows something to tag: a list's option, or a box (the
// reader, People's person) with its tags' slot (gone once it is emptied).
const shown = (el) => el.matches('[role=option]') || !!el.querySelector('.tag-slot');

/** The tags and notes as the worker gave them last ({docs, quotes, people,
 * searches, counts}). */
const data = () => app.state.tags.data;

async function load() {
  try {
    app.state.tags.data = await app.rpc.call('tags');
  } catch (err) {
    app.setStatus(`The tags could not be read: ${err.message}`, 'error');
    return;
  }
  await decorate(document);
  refreshFacet(app.state.search.q, true);
}

// The target of a taggable element: {kind, key, label}, or null while its
// document's key is unknown.
function targetOf(el) {
  const { tagKind: kind, tagDoc, tagSpan, tagKey } = el.dataset;
  const label = el.dataset.tagLabel || el.querySelector('.item-title, .quote-text, .doc-title')?.textContent || '';
  if (kind === 'person') return { kind, key: tagKey, label: tagKey };
  const doc = keys.get(Number(tagDoc));
  if (!doc) return null;
  return kind === 'quote' ? { kind, key: `${doc}:${tagSpan}`, label } : { kind, key: doc, label };
}

function noteOf(t) {
  const d = data();
  if (!t || !d) return null;
  const map = t.kind === 'doc' ? d.docs : t.kind === 'quote' ? d.quotes : d.people;
  return map[t.key] || null;
}

// Learns the keys of the documents of `els` not known yet.
async function learnKeys(els) {
  await learnIds(els.filter((el) => el.dataset.tagDoc !== undefined).map((el) => Number(el.dataset.tagDoc)));
}

// Learns the keys of the documents `ids` not known yet.
async function learnIds(ids) {
  const missing = [...new Set(ids)].filter((id) => !keys.has(id));
  if (!missing.length) return;
  const got = await app.rpc.call('docKeys', missing);
  missing.forEach((id, i) => { if (got[i]) keys.set(id, got[i]); });
}

/** Shows the tags and note of every taggable element in `root` (as text). */
export async function decorate(root) {
  if (!app || !root) return;
  if (root.id === 'list' || root === document) placeFacet();
  const d = data();
  if (!d) return;
  const els = [...root.querySelectorAll('[data-tag-kind]')].filter(shown);
  if (root instanceof Element && root.matches('[data-tag-kind]') && shown(root)) els.push(root);
  try {
    // Documents are known by their keys only when some document or quote
    // has a note (learning them reads every document's print of a
    // corpus file: 10 MB for a million articles).
    if (Object.keys(d.docs || {}).length || Object.keys(d.quotes || {}).length) await learnKeys(els);
  } catch (err) {
    app.setStatus(`The tags could not be shown: ${err.message}`, 'error');
    return;
  }
  for (const el of els) {
    const slot = el.querySelector('.tag-slot') || el;
    for (const old of slot.querySelectorAll(':scope > .tag-line')) old.remove();
    const t = targetOf(el);
    const note = noteOf(t);
    if (note) slot.appendChild(tagLine(note, slot !== el));
    // The open document's tagged quotes too (in the reader).
    if (slot !== el && t?.kind === 'doc') {
      const quotes = Object.entries(data().quotes).filter(([k]) => k.startsWith(`${t.key}:`));
      quotes.forEach(([, n], i) => slot.appendChild(tagLine(n, true, quotes.length > 1 ? `Quote ${i + 1}:` : 'A quote:')));
    }
  }
}

// A note's tags as badges and its text (cut in lists, whole in `full`),
// after `what` it is on when given.
function tagLine(note, full, what = null) {
  const text = note.note || '';
  const shown = full || text.length <= 80 ? text : `${text.slice(0, 79)}…`;
  return h('span', { class: 'tag-line' }, what ? h('span', { class: 'tag-on' }, what) : null,
    (note.tags || []).map((t) => h('span', { class: 'tag-badge' }, t)),
    text ? h('span', { class: 'note-text' }, `Note: ${shown}`) : null);
}

/** The tags (joined by "; ") and note of each of `rows` ({doc: a document
 *  id, span: "START-END" for a quote}), for the exports: [{tags, note}],
 *  empty strings where there are none. */
export async function notesFor(rows) {
  if (!app || !data()) return rows.map(() => ({ tags: '', note: '' }));
  await learnIds(rows.map((r) => r.doc));
  return rows.map((r) => {
    const doc = keys.get(r.doc);
    const note = doc ? noteOf(r.span ? { kind: 'quote', key: `${doc}:${r.span}` } : { kind: 'doc', key: doc }) : null;
    return { tags: (note?.tags || []).join('; '), note: note?.note || '' };
  });
}

/** Opens the tag dialog for the taggable element `el`. */
export async function edit(el) {
  await learnKeys([el]);
  const t = targetOf(el);
  if (!t) {
    app.setStatus('This document cannot be tagged (its text has no key in this corpus file).', 'error');
    return;
  }
  editing = { ...t, origin: el };
  fillDialog();
  dialog.showModal();
  dialog.querySelector('#tag-input').focus();
}

function buildDialog() {
  const d = h('dialog', { id: 'tag-dialog', class: 'tag-dialog', 'aria-labelledby': 'tag-dialog-title' },
    h('form', {
      method: 'dialog',
      onsubmit: (e) => { e.preventDefault(); save(); },
    },
      h('h2', { id: 'tag-dialog-title' }, 'Tags and note'),
      h('p', { class: 'tag-what' }),
      h('ul', { class: 'tag-current', 'aria-label': 'Tags' }),
      h('p', {},
        h('label', { for: 'tag-input' }, 'Add a tag '),
        h('input', { id: 'tag-input', list: 'tag-options', autocomplete: 'off', maxlength: 80 }),
        h('datalist', { id: 'tag-options' })),
      h('p', {},
        h('label', { for: 'tag-note' }, 'Note'),
        h('textarea', { id: 'tag-note', rows: 3 })),
      h('p', { class: 'buttons' },
        h('button', { type: 'submit' }, 'Save'),
        h('button', { type: 'button', onclick: () => close() }, 'Cancel'))));
  // Esc closes the dialog, and nothing else (app.js's Esc waits on it).
  d.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  d.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); close(); }
  });
  return d;
}

function fillDialog() {
  const note = noteOf(editing) || { tags: [], note: '' };
  const what = { doc: 'Document', quote: 'Quote', person: 'Person' }[editing.kind];
  dialog.querySelector('.tag-what').textContent = `${what}: ${editing.label.length > 140 ? `${editing.label.slice(0, 139)}…` : editing.label}`;
  const list = clear(dialog.querySelector('.tag-current'));
  for (const t of note.tags || []) {
    list.appendChild(h('li', {}, h('span', { class: 'tag-badge' }, t), ' ',
      h('button', {
        type: 'button', class: 'small', 'aria-label': `Remove the tag ${t}`,
        onclick: () => change({ remove: [t] }, `Removed the tag “${t}”.`),
      }, '×')));
  }
  if (!(note.tags || []).length) list.appendChild(h('li', { class: 'hint' }, 'No tags yet.'));
  const options = clear(dialog.querySelector('#tag-options'));
  for (const c of data()?.counts || []) options.appendChild(h('option', { value: c.tag }));
  dialog.querySelector('#tag-input').value = '';
  dialog.querySelector('#tag-note').value = note.note || '';
}

async function change(edit, message) {
  try {
    app.state.tags.data = await app.rpc.call('annotate', editing.kind, editing.key, edit);
  } catch (err) {
    app.setStatus(`The tags could not be kept: ${err.message}`, 'error');
    return false;
  }
  app.setStatus(message);
  await decorate(document);
  refreshFacet(app.state.search.q, true);
  if (dialog.open) {
    fillDialog();
    dialog.querySelector('#tag-input').focus();
  }
  return true;
}

async function save() {
  const tag = dialog.querySelector('#tag-input').value.trim();
  const note = dialog.querySelector('#tag-note').value;
  const label = tag ? `Tagged “${tag}”.` : 'Kept the note.';
  if (await change({ add: tag ? [tag] : [], note }, label)) close();
}

function close() {
  if (dialog.open) dialog.close();
  const origin = editing?.origin;
  editing = null;
  if (origin?.isConnected) origin.focus();
}

// The reader: this document's tags and note, and its button.
function readerTags() {
  const reader = document.querySelector('#reader');
  const id = app.state.docId;
  if (id === null) return;
  reader.dataset.tagKind = 'doc';
  reader.dataset.tagDoc = String(id);
  reader.dataset.tagLabel = reader.querySelector('.doc-title')?.textContent || '';
  const box = h('div', { class: 'doc-tags' },
    h('button', { type: 'button', class: 'small', onclick: () => edit(reader), 'aria-keyshortcuts': 't' }, 'Tags & note…'),
    h('span', { class: 'tag-slot' }));
  reader.querySelector('.doc-head')?.after(box);
  decorate(reader);
}

/** A "Tags & note…" button for the taggable element `el` (People's person). */
export function tagButton(el) {
  return h('button', { type: 'button', class: 'small', onclick: () => edit(el), 'aria-keyshortcuts': 't' }, 'Tags & note…');
}

// ---- the Tags facet ----

async function refreshFacet(q, force = false) {
  const query = (q || '').trim();
  if (!query || !(data()?.counts || []).length) {
    facet = { q: query, values: [] };
    placeFacet();
    return;
  }
  if (!force && facet.q === query) { placeFacet(); return; }
  let values;
  try {
    values = await app.rpc.call('tagFacet', query);
  } catch {
    return;
  }
  if ((app.state.search.q || '').trim() !== query) return;
  facet = { q: query, values };
  placeFacet();
}

const termOf = (v) => `tag:${/\s/.test(v) ? `"${v}"` : v}`;

// Puts the Tags group (for the query shown) last among the facets, and the
// results' button among their tools.
function placeFacet() {
  const box = document.querySelector('#facets');
  box?.querySelector('.tags-facet')?.remove();
  // Below the results (not a Tab stop between the search box and them).
  const more = document.querySelector('#list-more');
  const results = document.querySelector('#list [data-tag-kind]');
  if (more && results && !more.querySelector('.tag-focused')) {
    more.appendChild(h('p', { class: 'more' }, h('button', {
      type: 'button', class: 'small tag-focused', 'aria-keyshortcuts': 't',
      onclick: () => {
        const el = lastFocused?.isConnected ? lastFocused : null;
        if (el) edit(el);
        else app.setStatus('Move to a result first (↓ from the search box, or a click), then press t or this button.');
      },
    }, 'Tag the result chosen last…')));
  }
  const q = (app.state.search.q || '').trim();
  if (!box || !app.state.search.results || facet.q !== q || !facet.values.length) return;
  const chip = (f) => h('button', {
    type: 'button', class: 'chip', 'aria-pressed': String(q.includes(termOf(f.value))), dataset: { term: termOf(f.value) },
    onclick: () => {
      const term = termOf(f.value);
      const next = q.includes(term) ? q.replace(term, '').replace(/\s+/g, ' ').trim() : `${q} ${term}`;
      app.search(next);
    },
  }, f.value, h('span', { class: 'count' }, String(f.count)));
  box.appendChild(h('div', { class: 'facet tags-facet', role: 'group', 'aria-label': 'Tags' },
    h('span', { class: 'facet-label' }, 'Tags'), facet.values.map(chip)));
}
