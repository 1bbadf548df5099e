// Flags of the statement trails (analyze::Flags): a direct quote worded
// otherwise by another outlet ("quotation differs"), the same words
// credited to someone else ("attribution differs"), a quote printed as an
// outlet's own words ("unattributed"). The engine gathers them once per
// corpus (a corpus file stores them); the page asks for the list once per
// corpus change (`flags`: {notes: [{doc, kind, other, quote, speakers}],
// complete}, union ids), and again after a `flag:` search while it is not
// complete (a big stored segment gathers its flags on the first `flag:`
// search, src/corpus_file/own.rs), and shows it:
// - in the reader, a badge per flag on the open document, a link to the
//   statement in Compare (its statement filter set to the quote's opening
//   words; the search is kept when its documents hold the other version,
//   else the link opens Compare on the whole corpus);
// - in People, a badge beside a person whose quotes are flagged
//   (people.js asks `personFlags`).
// The search's Flags facet is search.js's (the engine counts it).
import { h } from './dom.js';
import { on } from './bus.js';

/** What a reader sees for each kind (FlagKind::label). */
export const FLAG_LABELS = {
  'quote-differs': 'quotation differs',
  'attribution-differs': 'attribution differs',
  unattributed: 'unattributed',
};

/** Words of a flagged quote put in Compare's statement filter. */
const FILTER_WORDS = 10;

export function mountFlags(app) {
  const f = app.state.flags;
  on('corpus', () => { f.notes = null; f.loading = null; });
  on('search', ({ q }) => { if (f.notes && !f.complete && /\bflag:/i.test(q)) { f.notes = null; f.loading = null; } });
  // The reader does not wait for them (asked for once per corpus).
  on('reader', () => { badge(app); });
}

/** Resolves to the flag notes of the corpus (asked for once per corpus
 * change; [] when the engine could not give them, said in the status). */
export function flagsReady(app) {
  const f = app.state.flags;
  if (f.notes) return Promise.resolve(f.notes);
  f.loading ??= app.rpc.call('flags').then((r) => {
    f.notes = r.notes;
    f.complete = r.complete;
    return f.notes;
  }, (err) => {
    f.loading = null;
    app.setStatus(`Flags unavailable: ${err.message}`, 'warn');
    return [];
  });
  return f.loading;
}

/** The flag kinds on `name`'s quotes (either side of a flag), once each,
 * from the notes loaded (flagsReady); [] before. */
export function personFlags(app, name) {
  const notes = app.state.flags.notes || [];
  return [...new Set(notes.filter((n) => n.speakers.includes(name)).map((n) => n.kind))];
}

/** Badges for flag kinds (text, not links). */
export function flagBadges(kinds) {
  return kinds.map((k) => h('span', { class: 'badge flag', dataset: { flag: k } }, FLAG_LABELS[k] || k));
}

// The address of the statement of `note` in Compare.
function compareHref(app, note) {
  const p = new URLSearchParams();
  p.set('view', 'compare');
  const s = app.state.search;
  const ids = app.state.scope.ids;
  // The search stays when Compare, which follows it, holds both versions.
  if (s.q && (!ids || (ids.includes(note.doc) && ids.includes(note.other)))) {
    p.set('q', s.q);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.mode === 'quotes') p.set('mode', 'quotes');
  }
  const words = note.quote.trim().match(new RegExp(`^(\\S+\\s+){0,${FILTER_WORDS - 1}}\\S+`));
  p.set('statement', words ? words[0] : note.quote);
  return `#${p.toString()}`;
}

// The open document's flags, under its headline: a row per flag, its
// badge and a link to its statement in Compare (the quote's opening words,
// against whom).
async function badge(app) {
  const id = app.state.docId;
  const notes = (await flagsReady(app)).filter((n) => n.doc === id);
  if (!notes.length || app.state.docId !== id) return;
  const head = document.querySelector('#reader .doc-head');
  if (!head) return;
  const other = (n) => {
    const d = app.state.byId.get(n.other);
    return d ? d.outlet || app.docName(n.other) : `document ${n.other}`;
  };
  const opening = (q) => {
    const w = q.replace(/^[\s"“”„«»]+|[\s"“”„«»]+$/g, '').split(/\s+/);
    return w.length > 8 ? `${w.slice(0, 8).join(' ')}…` : w.join(' ');
  };
  head.appendChild(h('ul', { class: 'doc-flags', 'aria-label': 'Flags' },
    notes.map((n) => h('li', {},
      flagBadges([n.kind]), ' ',
      h('a', { href: compareHref(app, n), title: 'Open the statement in Compare' },
        `“${opening(n.quote)}” against ${other(n)}`)))));
}
