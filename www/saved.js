// Saved searches and the history of recent ones (issue 16, item 1).
// "Save this search" keeps the query under a name with the documents it
// matched; after an import, each saved search says how many of its matches
// are new ("3 new since 2 Dec"), and opening it shows them and marks them
// seen. Recent searches are offered by the search box (a datalist: arrow
// keys reach them), kept in this browser (localStorage). The saved
// searches are kept with the corpus (the worker's tags and notes,
// src/tags.rs: the tab's storage and the JSON Lines export, which brings
// them back when imported); those an earlier version kept in localStorage
// move there once.
import { h, clear, formatNumber } from './dom.js';
import { on } from './bus.js';

const SAVED = 'lede-saved-v1';
const HISTORY = 'lede-history-v1';
// The longest search the history keeps and the box offers searches for.
const HISTORY_CHARS = 500;
const MAX_HISTORY = 20;

function load(key) {
  try {
    const v = JSON.parse(localStorage.getItem(key) || '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function store(key, value, app) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch (err) {
    app.setStatus(`Could not keep the saved searches in this browser: ${err.message}`, 'error');
  }
}

const day = (t) => new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });

export function mountSaved(app) {
  const $ = (s) => document.querySelector(s);
  const valid = (list) => (Array.isArray(list) ? list : []).filter((s) => s && typeof s.q === 'string' && Array.isArray(s.seen));
  let saved = [];
  // Kept with the corpus (worker `setSearches`); a failure is said.
  async function keep() {
    try {
      await app.rpc.call('setSearches', saved);
    } catch (err) {
      app.setStatus(`Could not keep the saved searches: ${err.message}`, 'error');
    }
  }
  // The saved searches kept with the corpus (an import may have brought
  // some); those of localStorage join them once.
  async function loadSaved() {
    try {
      saved = valid((await app.rpc.call('tags')).searches);
    } catch {
      return;
    }
    const old = valid(load(SAVED)).filter((o) => !saved.some((s) => s.name === o.name));
    if (old.length) {
      saved.push(...old);
      await keep();
    }
    localStorage.removeItem(SAVED);
  }
  let history = load(HISTORY).filter((q) => typeof q === 'string');
  // The corpus files open when the matches were counted: opening or
  // closing one renumbers documents, so "new" is counted afresh then.
  const filesKey = () => (app.state.corpusFile ? app.state.corpusFile.files.map((f) => f.name).join('\n') : '');

  function renderHistory() {
    const list = clear($('#q-history'));
    for (const q of history) list.appendChild(h('option', { value: q }));
  }

  // The browser matches the box's text against the offered searches on
  // every keystroke, in time that grows with the square of its length (a
  // 40,000-character query took 4 s a keystroke): past HISTORY_CHARS the
  // box offers none, and such queries are not kept.
  const box = $('#q');
  const offer = () => {
    if (box.value.length > HISTORY_CHARS) box.removeAttribute('list');
    else box.setAttribute('list', 'q-history');
  };
  box.addEventListener('input', offer, { capture: true });
  box.addEventListener('beforeinput', offer);

  on('search', ({ q }) => {
    const query = (q || '').trim();
    if (!query || query.length > HISTORY_CHARS) return;
    history = [query, ...history.filter((x) => x !== query)].slice(0, MAX_HISTORY);
    store(HISTORY, history, app);
    renderHistory();
    $('#save-name').value = query;
    $('#save-search').disabled = false;
  });

  $('#save-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = (app.state.search.q || '').trim();
    if (!q) return;
    const name = $('#save-name').value.trim() || q;
    const ids = [...await app.rpc.call('matchIds', q)];
    saved = [{ name, q, savedAt: Date.now(), seen: ids, seenAt: Date.now(), files: filesKey() },
      ...saved.filter((s) => s.name !== name)];
    await keep();
    app.setStatus(`Saved the search “${name}” (${formatNumber(ids.length)} matches).`);
    await refresh();
  });

  // Counts every saved search again: its matches now, and those new since
  // it was last opened.
  async function refresh() {
    const before = JSON.stringify(saved);
    const rows = [];
    for (const s of saved) {
      let ids;
      try {
        ids = [...await app.rpc.call('matchIds', s.q)];
      } catch (err) {
        rows.push({ s, error: err.message });
        continue;
      }
      if (s.files !== filesKey()) {
        s.seen = ids;
        s.files = filesKey();
      }
      const seen = new Set(s.seen);
      rows.push({ s, total: ids.length, fresh: ids.filter((d) => !seen.has(d)), ids });
    }
    if (JSON.stringify(saved) !== before) await keep();
    render(rows);
  }

  function render(rows) {
    const fresh = rows.reduce((n, r) => n + (r.fresh?.length || 0), 0);
    $('#saved-summary').textContent = `Saved searches (${rows.length})${fresh ? ` — ${formatNumber(fresh)} new` : ''}`;
    const list = clear($('#saved-list'));
    if (!rows.length) list.appendChild(h('li', { class: 'hint' }, 'None yet: search, then “Save”.'));
    for (const r of rows) {
      const s = r.s;
      const what = r.error
        ? h('span', { class: 'error' }, r.error)
        : h('span', {}, `${formatNumber(r.total)} match${r.total === 1 ? '' : 'es'}`,
          r.fresh.length ? h('strong', { class: 'new' }, ` · ${formatNumber(r.fresh.length)} new since ${day(s.seenAt)}`) : '');
      list.appendChild(h('li', {},
        h('a', {
          href: `#q=${encodeURIComponent(s.q)}`,
          onclick: async (e) => {
            e.preventDefault();
            await app.search(s.q);
            // Shown now: what was new is seen.
            if (r.ids) { s.seen = r.ids; s.seenAt = Date.now(); await keep(); }
            await refresh();
          },
        }, s.name), ' ', what, ' ',
        h('button', {
          type: 'button', class: 'small', 'aria-label': `Remove the saved search ${s.name}`,
          onclick: async () => { saved = saved.filter((x) => x !== s); await keep(); await refresh(); },
        }, 'Remove')));
    }
  }

  on('corpus', async () => { await loadSaved(); refresh(); });
  renderHistory();
  loadSaved().then(refresh);
}
