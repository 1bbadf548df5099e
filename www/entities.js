// Entities (Analytics): the people, organizations and places of the
// scope's documents (scope.js), each with its kind, the documents naming it,
// its mentions and their outlets, as the engine lists them
// (src/analyze/entities.rs, the same rows as `lede entities`). The table
// shows the first rows; the exports hold them all: CSV (the engine's, every
// cell neutralised against formula injection) and JSON.
import { h, clear, formatNumber, download } from './dom.js';
import { on } from './bus.js';

/** Rows shown in the table (the exports hold every row). */
const SHOWN = 50;

export function mountEntities(app) {
  const $ = (s) => document.querySelector(s);
  const box = $('#ent-out');
  const sc = app.state.scope;

  // The rows (or CSV text) of the chosen kind over the scope.
  async function fetch(format) {
    await sc.ready;
    const ids = sc.ids ? Uint32Array.from(sc.ids) : undefined;
    const kind = $('#ent-kind').value;
    return app.rpc.call('entities', ids, kind ? [kind] : undefined, format);
  }
  const name = () => `lede-entities${$('#ent-kind').value ? `-${$('#ent-kind').value}` : ''}`;
  const fail = (err) => clear(box).appendChild(h('p', { class: 'error', role: 'alert' }, `Entities could not be listed: ${err.message}`));

  $('#ent-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const rows = await fetch();
      const where = sc.ids ? `${formatNumber(sc.ids.length)} documents matching “${sc.q}”` : 'the whole corpus';
      clear(box).append(
        h('p', { class: 'doc-meta', id: 'ent-count' }, `${formatNumber(rows.length)} entities in ${where}` + (rows.length > SHOWN ? ` (the first ${SHOWN} shown; the exports hold all)` : '')),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'ent-table' },
          h('caption', { class: 'visually-hidden' }, 'Entities by documents naming them'),
          h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Documents', 'Mentions', 'Outlets'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, rows.slice(0, SHOWN).map((r) => h('tr', {},
            h('td', {}, r.name), h('td', {}, r.kind), h('td', { class: 'num' }, formatNumber(r.documents)),
            h('td', { class: 'num' }, formatNumber(r.mentions)), h('td', {}, r.outlets.join('; '))))))));
    } catch (err) { fail(err); }
  });
  $('#ent-csv').addEventListener('click', async () => {
    try { download(`${name()}.csv`, await fetch('csv'), 'text/csv'); } catch (err) { fail(err); }
  });
  $('#ent-json').addEventListener('click', async () => {
    try { download(`${name()}.json`, JSON.stringify(await fetch(), null, 1), 'application/json'); } catch (err) { fail(err); }
  });
  // A new corpus or scope: the table listed is stale.
  const stale = () => clear(box);
  on('corpus', stale);
  on('scope', stale);
}
