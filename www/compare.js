// Outlets side by side: statements rendered by several outlets (with
// word-by-word differences), stories, and a comparison of chosen documents,
// all within the scope (scope.js: the search's documents, or all).
import { h, clear, formatNumber } from './dom.js';
import { on } from './bus.js';

// Renders one side's whole quote exactly as printed, from the engine's
// marked runs: kept runs plain, this side's own words marked (`tag`: del
// for the earlier side, ins for the later).
function marked(marks, tag) {
  return marks.map((m) => (m.changed ? h(tag, { title: 'only in this version' }, m.text) : m.text));
}

// "2 words added, numbers 2023 → 2024, hedge added: may, …" for a step.
function changeList(c) {
  const items = [];
  items.push(c.rendering === 'verbatim' ? 'verbatim' : c.rendering === 'edited' ? 'edited (most words kept)' : 'paraphrase');
  if (c.added.length) items.push(`added: ${c.added.map((w) => `“${w}”`).join(', ')}`);
  if (c.removed.length) items.push(`removed: ${c.removed.map((w) => `“${w}”`).join(', ')}`);
  if (c.numbers_removed.length || c.numbers_added.length) items.push(`numbers: ${c.numbers_removed.join(', ') || '—'} → ${c.numbers_added.join(', ') || '—'}`);
  if (c.hedges_added.length) items.push(`hedge added: ${c.hedges_added.join(', ')}`);
  if (c.hedges_dropped.length) items.push(`hedge dropped: ${c.hedges_dropped.join(', ')}`);
  if (c.roles_added.length || c.roles_dropped.length) items.push(`role words: ${c.roles_dropped.join(', ') || '—'} → ${c.roles_added.join(', ') || '—'}`);
  if (c.speaker) items.push(`speaker: ${c.speaker.from} → ${c.speaker.to}`);
  if (c.quotation_marks) items.push(`quotation marks ${c.quotation_marks}`);
  return h('ul', { class: 'changes' }, items.map((t) => h('li', {}, t)));
}

// The trail of a statement: members first seen first, each with its
// likely source, its changes, and the flags on it. A step without an
// outlet is named by its document (`docName`), not its file.
function renderTrail(trail, openDoc, docName) {
  const who = (i) => { const st = trail.steps[i]; return `${st.outlet || docName(st.doc)}${st.date ? ` (${st.date})` : ''}`; };
  const list = h('ol', { class: 'trail-steps' });
  trail.steps.forEach((st, i) => {
    const rel = st.relation === 'first-seen' ? 'first seen'
      : st.relation === 'derived' ? `derived from ${who(st.source)}`
        : st.relation === 'same-document' ? 'again in the same document' : 'independent';
    const flags = trail.flags.filter((f) => f.step === i);
    const body = st.changes ? marked(st.changes.marks, 'ins') : [st.text];
    list.appendChild(h('li', { class: 'trail-step' },
      h('p', { class: 'statement-head' },
        h('a', { href: `#doc=${st.doc}`, onclick: (e) => { e.preventDefault(); openDoc(st.doc); } },
          `${st.outlet || 'unknown outlet'} · ${st.date || 'date missing'}`),
        ` — ${rel}${st.quoted ? ' · direct quote' : ''}${st.speaker ? ` · ${st.speaker}` : ''} `,
        ...flags.map((f) => h('span', { class: 'badge flag' }, f.label))),
      h('blockquote', {}, body),
      st.changes ? changeList(st.changes) : null,
      ...flags.filter((f) => f.kind !== 'quote-differs' || !st.changes || st.source !== f.other).map((f) => h('p', { class: 'flag-diff' },
        `${f.label}, against ${who(f.other)}: `, h('q', {}, marked(f.other_marks, 'del')), ' → ', h('q', {}, marked(f.marks, 'ins'))))));
  });
  return h('div', { class: 'trail' },
    trail.missing_dates.length ? h('p', { class: 'note' }, `Dates missing for ${trail.missing_dates.join(', ')}: ordered by what is known (dated first, then document order).`) : null,
    list);
}

// Copy provenance of a compared document (analyze::compare::Provenance):
// first published, wire copy, rewrite or original, and from whom.
function provenanceText(p, sentences) {
  if (!p) return '';
  const from = p.source_outlet || (p.source != null ? `document ${p.source}` : '');
  const undated = p.undated ? ' · no date, order guessed' : '';
  if (p.kind === 'first') return `First published (of these)${undated}`;
  if (p.kind === 'wire copy') return `Wire copy of ${from}: ${p.verbatim} of ${sentences} passages verbatim${undated}`;
  if (p.kind === 'rewrite') return `Rewrite of ${from}: ${p.passages} passages taken, ${p.verbatim} verbatim${undated}`;
  const shared = p.passages ? ` (${p.passages} passage${p.passages === 1 ? '' : 's'} in common with ${from})` : '';
  return `Original reporting${shared}${undated}`;
}

function memberHead(m) {
  return [m.outlet || 'unknown outlet', m.date || 'undated', m.speaker ? `speaker: ${m.speaker}` : null].filter(Boolean).join(' · ');
}

/** Above this many documents, statements and stories wait to be asked for
 * (they take tens of seconds in the worker, and searches wait behind). */
const AUTO_DOCS = 2000;
/** Documents listed in the picker at once, and stories. */
const PICK_SHOWN = 100;
const STORIES_SHOWN = 50;

export function mountCompare(app) {
  const $ = (s) => document.querySelector(s);
  const s = app.state.compare;

  on('view', ({ view }) => {
    if (view !== 'compare') return;
    $('#statement-filter').value = s.filter; // as the address has it
    load();
  });
  on('scope', () => { if (app.state.view === 'compare') load(); });
  on('corpus', () => {
    s.statements = s.stories = null;
    for (const id of [...s.picked]) if (!app.state.byId.has(id)) s.picked.delete(id);
    if (app.state.view === 'compare') load();
  });
  $('#statement-filter').addEventListener('input', (e) => { s.filter = e.target.value; renderStatements(); app.writeHash(true); });
  $('#compare-form').addEventListener('submit', (e) => { e.preventDefault(); runCompare(); });
  $('#pick-filter').addEventListener('input', (e) => { s.pickFilter = e.target.value; renderPicker(); });
  $('#compare-run').addEventListener('click', () => find());

  const sc = app.state.scope;
  const f = () => app.state.corpusFile;
  const scopeSize = () => (sc.ids ? sc.ids.length : f() ? f().docs + f().tabDocs : app.state.docTotal);

  async function load() {
    // Follow the scope: compare the documents of the search (or all).
    await sc.ready;
    if (sc.q !== s.scopeKey) {
      s.scopeKey = sc.q;
      s.statements = s.stories = null;
    }
    const n = scopeSize();
    renderPicker();
    if (s.statements && s.stories) { renderStatements(); renderStories(); return; }
    if (n > AUTO_DOCS) {
      // Too many to start unasked: say what it costs and wait.
      $('#compare-run').hidden = false;
      $('#compare-run').textContent = `Find statements and stories across ${formatNumber(n)} documents (may take a minute)`;
      clear($('#statements'));
      clear($('#stories'));
      $('#statements-count').textContent = '';
      return;
    }
    await find();
  }

  async function find() {
    $('#compare-run').hidden = true;
    const n = scopeSize();
    const key = sc.q;
    $('#statements-count').textContent = `Aligning statements across ${formatNumber(n)} documents…`;
    try {
      const ids = sc.ids && Uint32Array.from(sc.ids);
      const statements = await app.rpc.call('statements', ids);
      const stories = await app.rpc.call('stories', ids);
      const missing = await app.rpc.call('relationsMissing');
      if (key !== s.scopeKey) return; // the scope changed meanwhile: its own load follows
      s.statements = statements;
      s.stories = stories;
      s.relationsMissing = missing;
    } catch (err) {
      app.setStatus(`Comparison failed: ${err.message}`, 'error');
      return;
    }
    renderStatements();
    renderStories();
  }

  function renderStatements() {
    const box = clear($('#statements'));
    const f = s.filter.trim().toLowerCase();
    const list = s.statements.filter((st) => !f || st.members.some((m) => m.quote.toLowerCase().includes(f)));
    // Over more than maxAlignDocs documents, the engine aligns statements
    // within each story; say so.
    const max = app.state.limits.maxAlignDocs;
    const scope = scopeSize() > max ? ` (aligned within each story: more than ${max} documents)` : '';
    $('#statements-count').textContent = `${formatNumber(list.length)} statement${list.length === 1 ? '' : 's'} carried by more than one outlet or document${scope}`;
    if (s.relationsMissing) {
      // Aligned without the table of related words: rewordings that swap
      // a word for a related one ("pursue" / "search") are not linked.
      box.appendChild(h('p', { class: 'doc-meta', role: 'status' },
        `Aligned on shared words alone: the table of related words could not be loaded (${s.relationsMissing}), so rewordings that swap a word for a related one are not linked. It is tried again when the corpus changes.`));
    }
    for (const st of list.slice(0, 60)) {
      const kinds = [...new Set(st.trail.flags.map((f) => f.label))];
      const trailBox = h('div', { class: 'trail-box', hidden: true });
      const toggle = h('button', {
        type: 'button', class: 'small trail-toggle', 'aria-expanded': 'false',
        onclick: () => {
          const open = trailBox.hidden;
          trailBox.hidden = !open;
          toggle.setAttribute('aria-expanded', String(open));
          toggle.textContent = open ? 'Hide trail' : 'Show trail';
          if (open && !trailBox.firstChild) trailBox.appendChild(renderTrail(st.trail, app.openDoc, app.docName));
        },
      }, 'Show trail');
      const fig = h('section', { class: 'statement' },
        h('p', { class: 'statement-head' },
          h('span', { class: 'badge' }, `similarity ${(st.score * 100).toFixed(0)}%`), ' ',
          ...kinds.map((k) => h('span', { class: 'badge flag' }, k)), kinds.length ? ' ' : '',
          `${st.members.length} versions`, st.members[0].speaker ? ` · ${st.members[0].speaker}` : '', ' ', toggle));
      const link = st.links[0];
      const grid = h('div', { class: 'versions' });
      st.members.forEach((m, i) => {
        let body = m.quote;
        if (link && (i === link.a || i === link.b)) body = i === link.a ? marked(link.a_marks, 'del') : marked(link.b_marks, 'ins');
        grid.appendChild(h('figure', { class: 'version' },
          h('figcaption', {}, h('a', {
            href: `#doc=${m.doc}`, onclick: (e) => { e.preventDefault(); app.openDoc(m.doc); },
          }, memberHead(m))),
          h('blockquote', {}, body)));
      });
      fig.appendChild(grid);
      fig.appendChild(trailBox);
      box.appendChild(fig);
    }
    if (!list.length) box.appendChild(h('p', { class: 'empty' }, 'No statement matches.'));
  }

  function renderStories() {
    const box = clear($('#stories'));
    const byId = app.state.byId;
    const shown = s.allStories ? s.stories : s.stories.slice(0, STORIES_SHOWN);
    for (const st of shown) {
      box.appendChild(h('li', { class: 'story' },
        h('p', { class: 'story-head' }, h('strong', {}, (st.label && st.label.length ? st.label : st.terms).slice(0, 6).join(', ')), ` — ${st.docs.length} documents`,
          st.first_date ? ` · ${st.first_date}${st.last_date && st.last_date !== st.first_date ? ` to ${st.last_date}` : ''}` : ''),
        h('ul', {}, st.docs.map((id) => {
          const d = byId.get(id);
          return h('li', {}, d ? `${d.outlet || 'unknown outlet'}: ${app.docName(d.id)}` : `document ${id}`);
        })),
        h('button', { type: 'button', class: 'small', onclick: () => { s.picked = new Set(st.docs); renderPicker(); runCompare(); } }, 'Compare these'),
        threadLine(st)));
    }
    if (!s.stories.length) box.appendChild(h('li', { class: 'empty' }, 'No story groups two or more documents.'));
    if (shown.length < s.stories.length) {
      box.appendChild(h('li', { class: 'more' }, `Showing ${formatNumber(shown.length)} of ${formatNumber(s.stories.length)} stories. `,
        h('button', { type: 'button', class: 'small', onclick: () => { s.allStories = true; renderStories(); } }, 'Show all')));
    }
  }

  // The storyline thread of a story (analyze::stories::Thread), when it
  // holds more than the story: the other documents of the storyline.
  function threadLine(st) {
    const t = st.thread;
    if (!t || t.docs.length <= st.docs.length) return null;
    const own = new Set(st.docs);
    const byId = app.state.byId;
    const dates = t.docs.map((id) => byId.get(id)?.date).filter(Boolean).sort();
    const span = dates.length ? ` · ${dates[0]}${dates.at(-1) !== dates[0] ? ` to ${dates.at(-1)}` : ''}` : '';
    return h('div', { class: 'thread' },
      h('p', { class: 'thread-head' }, `Storyline thread: ${t.docs.length} documents${span}`),
      h('ul', {}, t.docs.filter((id) => !own.has(id)).map((id) => {
        const d = byId.get(id);
        return h('li', {}, d ? `${d.outlet || 'unknown outlet'}: ${app.docName(d.id)}${d.date ? ` (${d.date})` : ''}` : `document ${id}`);
      })),
      h('button', { type: 'button', class: 'small', onclick: () => { s.picked = new Set(t.docs); renderPicker(); runCompare(); } }, 'Compare the thread'));
  }

  function renderPicker() {
    const box = clear($('#compare-pick'));
    // The picked documents first, then those of the scope that match the
    // filter, at most PICK_SHOWN of them.
    const f = s.pickFilter.trim().toLowerCase();
    const inScope = sc.ids ? new Set(sc.ids) : null;
    const picked = [...s.picked].map((id) => app.state.byId.get(id)).filter(Boolean);
    const matching = app.state.docs.filter((d) => !s.picked.has(d.id) && (!inScope || inScope.has(d.id))
      && (!f || `${d.outlet || ''} ${app.docName(d.id)}`.toLowerCase().includes(f)));
    for (const d of [...picked, ...matching.slice(0, PICK_SHOWN)]) {
      const id = `pick-${d.id}`;
      box.appendChild(h('li', {},
        h('input', {
          type: 'checkbox', id, checked: s.picked.has(d.id),
          onchange: (e) => { if (e.target.checked) s.picked.add(d.id); else s.picked.delete(d.id); },
        }),
        h('label', { for: id }, `${d.outlet || 'unknown outlet'}: ${app.docName(d.id)}`)));
    }
    if (matching.length > PICK_SHOWN) {
      box.appendChild(h('li', { class: 'more' }, `Showing ${PICK_SHOWN} of ${formatNumber(matching.length)}: type above to narrow.`));
    }
  }

  async function runCompare() {
    const out = clear($('#comparison'));
    const ids = [...s.picked];
    if (ids.length < 2) { out.appendChild(h('p', { class: 'error', role: 'alert' }, 'Pick at least two documents.')); return; }
    let cmp;
    try {
      cmp = await app.rpc.call('compare', Uint32Array.from(ids));
    } catch (err) {
      out.appendChild(h('p', { class: 'error', role: 'alert' }, `Comparison failed: ${err.message}`));
      return;
    }
    const name = new Map(cmp.docs.map((d) => [d.doc, `${d.outlet || 'unknown outlet'}`]));
    out.appendChild(h('h3', {}, `Shared passages (${cmp.aligned.length})`));
    const table = h('div', { class: 'aligned' });
    for (const p of cmp.aligned) {
      table.appendChild(h('div', { class: 'pair' },
        h('figure', { class: 'version' }, h('figcaption', {}, name.get(p.a.doc)), h('blockquote', {}, marked(p.a_marks, 'del'))),
        h('figure', { class: 'version' }, h('figcaption', {}, `${name.get(p.b.doc)} · ${(p.score * 100).toFixed(0)}%`), h('blockquote', {}, marked(p.b_marks, 'ins')))));
    }
    out.appendChild(table);
    const cols = h('div', { class: 'unique-cols' });
    for (const d of cmp.docs) {
      cols.appendChild(h('section', { class: 'unique' },
        h('h3', {}, `${d.outlet || 'unknown outlet'}: ${app.docName(d.doc)}`),
        h('p', { class: 'doc-meta' }, `${d.shared} of ${d.sentences} passages shared`),
        h('p', { class: 'provenance' }, provenanceText(d.provenance, d.sentences)),
        h('h4', {}, `Only here (${d.unique.length})`),
        h('ul', { class: 'only-here' }, d.unique.map((u) => h('li', {}, u.text))),
        h('h4', {}, `Left out here, told by the others (${d.omits.length})`),
        h('ul', { class: 'omits' }, d.omits.map((u) => h('li', {}, u.text)))));
    }
    out.appendChild(cols);
    out.scrollIntoView({ block: 'start' });
  }
}
