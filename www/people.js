// People: every person once (aliases merged), with every quote across the
// corpus grouped by document and outlet, and who quotes them. The list
// follows the scope (scope.js): the people quoted in its documents, each
// with the quotes from those documents (the engine lists everyone; the
// scope is applied here, as the CLI's `people --in QUERY` does). The list
// is one Tab stop moved through with the arrow keys; a pick keeps its
// scroll position.
import { h, clear, formatNumber, arrowKeys, tabStop } from './dom.js';
import { on } from './bus.js';
import { decorate, tagButton } from './tags.js';
import { flagsReady, personFlags, flagBadges } from './flags.js';

const PAGE = 200;
// A corpus too big to list every quote of its people lists them from
// their counts (`docs` empty, `doc_count` set): a person's quotes are then
// those of the newest of the documents that quote them, this many, read
// on demand.
const SAMPLE_DOCS = 100;
// Outlets named beside a person (the rest counted).
const MAX_OUTLETS = 12;

export function mountPeople(app) {
  const $ = (s) => document.querySelector(s);
  const s = app.state.people;

  on('view', ({ view }) => { if (view === 'people') load(); });
  on('corpus', () => { s.list = null; if (app.state.view === 'people') load(); });
  // With corpus files open, the engine lists the people of the scope's
  // documents itself (a big corpus has no whole-corpus list to filter):
  // a new scope is a new list.
  on('scope', () => {
    if (app.state.corpusFile) { s.list = null; if (app.state.view === 'people') load(); return; }
    if (app.state.view === 'people' && s.list) { renderList(); renderPerson(find(s.selected)); }
  });
  arrowKeys($('#people-list'), '[role=option]');
  $('#people-filter').addEventListener('input', (e) => { s.filter = e.target.value.toLowerCase(); renderList(); });

  async function load() {
    if (!s.list) {
      $('#people-list').setAttribute('aria-busy', 'true');
      try {
        let ids;
        if (app.state.corpusFile) {
          await app.state.scope.ready;
          ids = app.state.scope.ids ? Uint32Array.from(app.state.scope.ids) : undefined;
        }
        s.list = await app.rpc.call('people', ids);
      } catch (err) {
        app.setStatus(`People could not be listed: ${err.message}`, 'error');
        return;
      } finally {
        $('#people-list').removeAttribute('aria-busy');
      }
    }
    await app.state.scope.ready;
    await flagsReady(app); // a person whose quotes are flagged has a badge
    renderList();
    if (s.selected) renderPerson(find(s.selected));
  }

  // The person named `name` as the scope shows them: only the documents
  // of the scope, the counts of those; null when not quoted in it.
  function find(name) {
    const p = (s.list || []).find((x) => x.name === name);
    const ids = app.state.scope.ids;
    if (!p || !ids) return p || null;
    const keep = new Set(ids);
    const docs = p.docs.filter((d) => keep.has(d.doc));
    if (!docs.length) return null;
    // The outlets of those documents, by their quotes there.
    const byOutlet = new Map();
    for (const d of docs) byOutlet.set(d.outlet || 'unknown outlet', (byOutlet.get(d.outlet || 'unknown outlet') || 0) + d.quotes.length);
    const outlets = [...byOutlet].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return {
      ...p, docs, outlets: outlets.map((e) => e[0]), outlet_quotes: outlets.map((e) => e[1]),
      quote_count: docs.reduce((n, d) => n + d.quotes.length, 0), doc_count: docs.length, scoped: true,
    };
  }

  function renderList() {
    // Redrawn (the scope changed, the view shown again) where it was scrolled to.
    const scrolled = $('#people-list').scrollTop;
    const list = clear($('#people-list'));
    const more = clear($('#people-more'));
    const people = (s.list || []).filter((p) => !s.filter || p.name.toLowerCase().includes(s.filter) || p.aliases.some((a) => a.toLowerCase().includes(s.filter)))
      .map((p) => find(p.name)).filter(Boolean);
    $('#people-count').textContent = `${formatNumber(people.length)} people`;
    // A page of rows (and the selected person), more on request: a large
    // corpus names thousands, and the list is redrawn on every keystroke.
    const open = people.findIndex((p) => p.name === s.selected);
    s.shown = Math.max(s.shown || PAGE, open + 1);
    const shown = Math.min(people.length, s.shown);
    for (const p of people.slice(0, shown)) {
      const current = p.name === s.selected;
      // Mentions are counted over the whole corpus: said so when scoped.
      list.appendChild(h('li', { class: 'item' + (current ? ' current' : ''), role: 'none' },
        h('a', {
          href: `#view=people&person=${encodeURIComponent(p.name)}`, role: 'option', 'aria-selected': String(current),
          dataset: { person: p.name, tagKind: 'person', tagKey: p.name },
          onclick: (e) => { e.preventDefault(); select(p.name); },
        },
          h('span', { class: 'item-title' }, p.name),
          h('span', { class: 'item-meta' },
            `${p.quote_count} quote${p.quote_count === 1 ? '' : 's'} · ${p.mentions} mention${p.mentions === 1 ? '' : 's'}${p.scoped ? ' in all' : ''}` +
            (p.outlets.length ? ` · ${p.outlets.length} outlet${p.outlets.length === 1 ? '' : 's'}` : ''),
          ...flagBadges(personFlags(app, p.name)).flatMap((b) => [' ', b])))));
    }
    tabStop(list, '[role=option]');
    decorate(list);
    list.scrollTop = scrolled;
    if (!people.length && s.list) {
      more.appendChild(h('p', { class: 'no-results' }, app.state.scope.ids ? 'Nobody is quoted in the documents of the search (use all, above, to list everyone).' : 'Nobody is quoted in this corpus.'));
    }
    if (shown < people.length) {
      more.appendChild(h('p', { class: 'more' },
        h('span', {}, `Showing ${formatNumber(shown)} of ${formatNumber(people.length)}; filter to find the others. `),
        h('button', {
          type: 'button', class: 'small',
          onclick: () => { s.shown = shown + PAGE * 5; renderList(); },
        }, `Show ${formatNumber(Math.min(PAGE * 5, people.length - shown))} more`)));
    }
  }

  // The pick is marked in place (no redraw: the list keeps its scroll
  // position and the focus its row); the person is shown beside it.
  function select(name) {
    s.selected = name;
    for (const a of $('#people-list').querySelectorAll('[role=option]')) {
      const current = a.dataset.person === name;
      a.setAttribute('aria-selected', String(current));
      a.parentElement.classList.toggle('current', current);
    }
    renderPerson(find(name));
    app.writeHash();
    $('#person').focus({ preventScroll: true });
    if (matchMedia('(max-width: 760px)').matches) $('#person').scrollIntoView({ block: 'start' });
  }

  // The quotes of a person listed from the counts: the people of the
  // SAMPLE_DOCS newest documents their speaker search finds, this person
  // among them (by name or spelling). Kept per person until the corpus
  // changes.
  const sampled = new Map();
  on('corpus', () => sampled.clear());
  function sampleQuotes(p) {
    if (!sampled.has(p.name)) {
      sampled.set(p.name, (async () => {
        // Their newest documents first.
        const res = await app.rpc.call('search', `speaker:"${p.name}"`, { limit: SAMPLE_DOCS, sort: 'date', facets: false });
        const some = res.hits.map((hit) => hit.id);
        if (!some.length) return { found: res.total, docs: [] };
        const people = await app.rpc.call('people', Uint32Array.from(some));
        // The same person under the name of those documents: theirs is
        // this one's, or one a spelling of the other.
        const same = people.filter((x) => x.name === p.name || p.aliases.includes(x.name) || x.aliases.includes(p.name));
        const docs = same.flatMap((x) => x.docs).sort((a, b) => (a.date || '').localeCompare(b.date || '') || a.doc - b.doc);
        return { found: res.total, docs };
      })().catch((err) => { sampled.delete(p.name); throw err; }));
    }
    return sampled.get(p.name);
  }

  function renderPerson(p) {
    const box = clear($('#person'));
    if (!p) {
      box.appendChild(h('p', { class: 'empty' }, s.selected && app.state.scope.ids
        ? `${s.selected} is not quoted in the documents of the search.` : 'Choose a person.'));
      return;
    }
    box.appendChild(h('h2', { class: 'doc-title' }, p.name));
    // Tags and a note on the person (tags.js: `t` anywhere in here too).
    Object.assign(box.dataset, { tagKind: 'person', tagKey: p.name });
    box.appendChild(h('p', { class: 'doc-tags' }, tagButton(box), ' ', h('span', { class: 'tag-slot' })));
    decorate(box);
    const flagged = personFlags(app, p.name);
    if (flagged.length) box.appendChild(h('p', { class: 'doc-flags' }, 'Quotes flagged: ', ...flagBadges(flagged).flatMap((b, i) => [i ? ' ' : '', b])));
    if (p.roles.length) box.appendChild(h('p', { class: 'doc-meta' }, p.roles.join(' · ')));
    if (p.aliases.length) box.appendChild(h('p', { class: 'aliases' }, h('strong', {}, 'Also written: '), p.aliases.join(', ')));
    box.appendChild(h('p', { class: 'aliases' }, h('strong', {}, 'Quoted by: '), quotedBy(p)));
    box.appendChild(h('p', { class: 'buttons' },
      h('button', { type: 'button', onclick: () => app.search(`speaker:"${p.name}"`, { mode: 'quotes' }) }, 'Search their quotes'),
      h('button', { type: 'button', onclick: () => app.search(`person:"${p.name}"`) }, 'Documents mentioning them')));
    if (!p.docs.length && p.doc_count > 0) {
      // Listed from the counts: the quotes of some of their documents.
      const note = h('p', { class: 'doc-meta', role: 'status' }, `Reading their quotes in up to ${SAMPLE_DOCS} of the ${formatNumber(p.doc_count)} documents that quote them…`);
      box.appendChild(note);
      box.setAttribute('aria-busy', 'true');
      sampleQuotes(p).then(({ found, docs }) => {
        if (s.selected !== p.name || !box.contains(note)) return;
        box.removeAttribute('aria-busy');
        const n = new Set(docs.map((d) => d.doc)).size;
        note.textContent = !docs.length
          ? `None of their quotes could be read here (${formatNumber(found)} documents found by their name as a speaker): search their quotes.`
          : n >= p.doc_count ? `Their quotes in the ${formatNumber(n)} documents that quote them.`
            : `Their quotes in the ${formatNumber(n)} newest of the ${formatNumber(p.doc_count)} documents that quote them (too many to read here at once: search their quotes for every one).`;
        renderDocs(box, docs);
      }, (err) => {
        if (s.selected !== p.name) return;
        box.removeAttribute('aria-busy');
        note.textContent = `Their quotes could not be read: ${err.message}`;
      });
      return;
    }
    renderDocs(box, p.docs);
  }

  // The outlets that quote them, most quotes first, each with its quotes
  // when counted (a big corpus's people are quoted by hundreds).
  function quotedBy(p) {
    if (!p.outlets.length) return 'no outlet quotes this person directly';
    const counted = p.outlet_quotes?.length === p.outlets.length ? p.outlet_quotes : null;
    const named = p.outlets.slice(0, MAX_OUTLETS).map((o, i) => (counted ? `${o} (${formatNumber(counted[i])})` : o)).join(', ');
    const rest = p.outlets.length - MAX_OUTLETS;
    return rest > 0 ? `${named}, and ${formatNumber(rest)} more outlet${rest === 1 ? '' : 's'}` : named;
  }

  function renderDocs(box, docs) {
    for (const d of docs) {
      const sec = h('section', { class: 'quote-doc' },
        h('h3', {}, h('a', {
          href: `#doc=${d.doc}`,
          onclick: (e) => { e.preventDefault(); app.openDoc(d.doc); },
        }, app.docName(d.doc))),
        h('p', { class: 'doc-meta' }, [d.outlet || 'unknown outlet', d.date || 'undated'].join(' · ')));
      for (const q of d.quotes) {
        sec.appendChild(h('figure', { class: `quote quote-${q.kind}` },
          h('blockquote', {}, q.text),
          h('figcaption', {},
            h('span', { class: 'badge' }, q.kind === 'turn' ? 'transcript turn' : 'direct quote'),
            q.cue ? ` cue: “${q.cue}”` : '',
            ' ',
            h('a', {
              href: `#doc=${d.doc}`,
              onclick: (e) => { e.preventDefault(); app.openDoc(d.doc, { highlight: q.location }); },
            }, 'open in context'))));
      }
      box.appendChild(sec);
    }
  }
}
