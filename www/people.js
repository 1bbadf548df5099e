// People: every person once (aliases merged), with every quote across the
// corpus grouped by document and outlet, and who quotes them.
import { h, clear, formatNumber } from './dom.js';
import { on } from './bus.js';

const PAGE = 200;

export function mountPeople(app) {
  const $ = (s) => document.querySelector(s);
  const s = app.state.people;

  on('view', ({ view }) => { if (view === 'people') load(); });
  on('corpus', () => { s.list = null; if (app.state.view === 'people') load(); });
  $('#people-filter').addEventListener('input', (e) => { s.filter = e.target.value.toLowerCase(); renderList(); });

  async function load() {
    if (!s.list) {
      $('#people-list').setAttribute('aria-busy', 'true');
      try {
        s.list = await app.rpc.call('people');
      } catch (err) {
        app.setStatus(`People could not be listed: ${err.message}`, 'error');
        return;
      } finally {
        $('#people-list').removeAttribute('aria-busy');
      }
    }
    renderList();
    if (s.selected) renderPerson(s.list.find((p) => p.name === s.selected));
  }

  function renderList() {
    const list = clear($('#people-list'));
    const people = (s.list || []).filter((p) => !s.filter || p.name.toLowerCase().includes(s.filter) || p.aliases.some((a) => a.toLowerCase().includes(s.filter)));
    $('#people-count').textContent = `${formatNumber(people.length)} people`;
    // A page of rows (and the selected person), more on request: a large
    // corpus names thousands, and the list is redrawn on every keystroke.
    const open = people.findIndex((p) => p.name === s.selected);
    s.shown = Math.max(s.shown || PAGE, open + 1);
    const shown = Math.min(people.length, s.shown);
    for (const p of people.slice(0, shown)) {
      const current = p.name === s.selected;
      list.appendChild(h('li', { class: 'item' + (current ? ' current' : '') },
        h('a', {
          href: `#view=people&person=${encodeURIComponent(p.name)}`, 'aria-current': current ? 'true' : null,
          onclick: (e) => { e.preventDefault(); select(p.name); },
        },
          h('span', { class: 'item-title' }, p.name),
          h('span', { class: 'item-meta' },
            `${p.quote_count} quote${p.quote_count === 1 ? '' : 's'} · ${p.mentions} mention${p.mentions === 1 ? '' : 's'}` +
            (p.outlets.length ? ` · ${p.outlets.length} outlet${p.outlets.length === 1 ? '' : 's'}` : '')))));
    }
    if (shown < people.length) {
      list.appendChild(h('li', { class: 'more' },
        h('span', {}, `Showing ${formatNumber(shown)} of ${formatNumber(people.length)}; filter to find the others. `),
        h('button', {
          type: 'button', class: 'small',
          onclick: () => { s.shown = shown + PAGE * 5; renderList(); },
        }, `Show ${formatNumber(Math.min(PAGE * 5, people.length - shown))} more`)));
    }
  }

  function select(name) {
    s.selected = name;
    renderList();
    renderPerson(s.list.find((p) => p.name === name));
    app.writeHash();
    $('#person').focus();
  }

  function renderPerson(p) {
    const box = clear($('#person'));
    if (!p) { box.appendChild(h('p', { class: 'empty' }, 'Choose a person.')); return; }
    box.appendChild(h('h2', { class: 'doc-title' }, p.name));
    if (p.roles.length) box.appendChild(h('p', { class: 'doc-meta' }, p.roles.join(' · ')));
    if (p.aliases.length) box.appendChild(h('p', { class: 'aliases' }, h('strong', {}, 'Also written: '), p.aliases.join(', ')));
    box.appendChild(h('p', { class: 'aliases' }, h('strong', {}, 'Quoted by: '),
      p.outlets.length ? p.outlets.join(', ') : 'no outlet quotes this person directly'));
    box.appendChild(h('p', { class: 'buttons' },
      h('button', { type: 'button', onclick: () => app.search(`speaker:"${p.name}"`) }, 'Search their quotes'),
      h('button', { type: 'button', onclick: () => app.search(`person:"${p.name}"`) }, 'Documents mentioning them')));
    for (const d of p.docs) {
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
