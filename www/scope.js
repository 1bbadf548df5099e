// One scope across views: the documents every view works on. It follows
// the search (and so the date range, which the timeline writes into the
// search as date:FROM..TO) unless the user chose "use all". Each view has
// a banner (an element with data-scope-banner) saying the same thing, "N
// documents matching “q” (use all)", and the choice made in one shows in
// all. The documents are the engine's matchIds of the query, asked once
// per change; state.scope holds them and 'scope' announces them (bus.js).
import { h, clear, formatNumber } from './dom.js';
import { on, emit } from './bus.js';

export function mountScope(app) {
  const sc = app.state.scope;
  // Counts update() calls: an older one's answer is not used.
  let calls = 0;

  on('search', () => { if (sc.q !== followed()) refresh(); else render(); });
  on('corpus', () => refresh());

  // The query the scope should follow now ('' for the whole corpus).
  function followed() {
    return sc.all ? '' : app.state.search.q.trim();
  }

  function refresh() {
    sc.ready = update();
    return sc.ready;
  }

  async function update() {
    const call = ++calls;
    const q = followed();
    let ids = null;
    if (q) {
      try {
        ids = await app.rpc.latest('scope', 'matchIds', q);
      } catch (err) {
        app.setStatus(`The search could not be applied to the views: ${err.message}`, 'error');
        ids = null;
      }
      if (ids === undefined) return; // superseded by a newer search
    }
    if (call !== calls) return;
    sc.q = q;
    sc.ids = ids ? [...ids] : null;
    render();
    await emit('scope', { ids: sc.ids, q });
  }

  function corpusSize() {
    // Corpus files are searched as one with the tab's own documents.
    const f = app.state.corpusFile;
    return f ? f.docs + f.tabDocs : app.state.docTotal;
  }

  // The button pressed is redrawn: the focus goes to its successor.
  async function setAll(all, box) {
    sc.all = all;
    await refresh();
    box.querySelector('.scope-toggle')?.focus();
  }

  // Every view's banner, the same words and button.
  function render() {
    const total = corpusSize();
    const q = app.state.search.q.trim();
    for (const box of document.querySelectorAll('[data-scope-banner]')) {
      clear(box);
      if (q && !sc.all) {
        const n = sc.ids ? sc.ids.length : 0;
        box.append(h('span', { class: 'scope-text' }, `${formatNumber(n)} document${n === 1 ? '' : 's'} matching “${q}”`), ' (',
          h('button', { type: 'button', class: 'link scope-toggle', onclick: () => setAll(true, box), title: `Show every view on all ${formatNumber(total)} documents` }, 'use all'), ')');
      } else if (q) {
        box.append(h('span', { class: 'scope-text' }, `All ${formatNumber(total)} documents; the search “${q}” is not applied`), ' (',
          h('button', { type: 'button', class: 'link scope-toggle', onclick: () => setAll(false, box) }, 'follow the search'), ')');
      } else {
        box.append(h('span', { class: 'scope-text' }, `All ${formatNumber(total)} document${total === 1 ? '' : 's'}; a search narrows every view`));
      }
    }
  }

  refresh();
}
