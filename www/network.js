// Network: the people, organizations and places of the scope's documents
// (scope.js) as a graph. The engine (in the worker) builds it and lays it
// out (analyze::network): nodes sized by the documents naming them,
// edges for "in the same paragraph" and "quoted in a document about".
// Drawn as SVG that scales to the width; hovering a node, or focusing or
// hovering its row in the table, highlights its neighbours; clicking a
// person (in the graph or the table) opens them in People. The table is
// the keyboard and screen-reader way in: every node, its kind, size and
// strongest connections. GEXF and CSV exports come from the engine too.
// Names are inserted as text, never as HTML.
import { h, svg, clear, formatNumber, download } from './dom.js';
import { on } from './bus.js';

const KINDS = {
  person: { label: 'Person', color: '#1a56c4' },
  org: { label: 'Organization', color: '#b26a00' },
  place: { label: 'Place', color: '#2e7d32' },
};
// Node labels drawn in the graph (the largest nodes); the table has all.
const LABELS = 40;
// Connections listed per node in the table.
const STRONGEST = 4;

export function mountNetwork(app) {
  const $ = (s) => document.querySelector(s);
  const s = app.state.network;

  on('view', ({ view }) => { if (view === 'network') load(); });
  on('corpus', () => { s.data = null; if (app.state.view === 'network') load(); });
  on('scope', () => { s.data = null; if (app.state.view === 'network') load(); });
  $('#network-max').addEventListener('change', (e) => { s.maxNodes = Number(e.target.value); s.data = null; load(); });
  $('#network-gexf').addEventListener('click', () => exportAs('gexf', 'application/gexf+xml'));
  $('#network-csv').addEventListener('click', () => exportAs('csv', 'text/csv'));

  // The scope's ids as the worker takes them (null: every document).
  const scopeIds = () => (app.state.scope.ids ? Uint32Array.from(app.state.scope.ids) : null);

  async function load() {
    await app.state.scope.ready;
    if (s.data) return;
    const ids = app.state.scope.ids;
    const box = $('#network-graph');
    box.setAttribute('aria-busy', 'true');
    try {
      const t0 = performance.now();
      const data = await app.rpc.latest('network', 'network', scopeIds(), s.maxNodes);
      if (data === undefined || ids !== app.state.scope.ids) return; // a newer scope is loading
      const t1 = performance.now();
      s.data = data;
      draw();
      renderTable();
      s.ms = { layout: t1 - t0, draw: performance.now() - t1 };
      // For bench/network.mjs: what the last build took.
      box.dataset.layoutMs = s.ms.layout.toFixed(1);
      box.dataset.drawMs = s.ms.draw.toFixed(1);
    } catch (err) {
      app.setStatus(`The network could not be built: ${err.message}`, 'error');
    } finally {
      box.removeAttribute('aria-busy');
    }
  }

  async function exportAs(format, type) {
    try {
      const text = await app.rpc.call('network', scopeIds(), s.maxNodes, format);
      download(`network.${format}`, text, type);
    } catch (err) {
      app.setStatus(`The network could not be exported: ${err.message}`, 'error');
    }
  }

  // Each node's neighbours with the summed weight of their edges, heaviest first.
  function neighbours() {
    const n = s.data.nodes.length;
    const m = Array.from({ length: n }, () => new Map());
    for (const e of s.data.edges) {
      m[e.source].set(e.target, (m[e.source].get(e.target) || 0) + e.weight);
      m[e.target].set(e.source, (m[e.target].get(e.source) || 0) + e.weight);
    }
    return m.map((x) => [...x.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]));
  }

  function openPerson(node) {
    if (node.kind !== 'person') return;
    app.state.people.selected = node.label;
    app.navigate('people');
  }

  function draw() {
    const box = clear($('#network-graph'));
    const legend = clear($('#network-legend'));
    const { nodes, edges } = s.data;
    $('#network-count').textContent = nodes.length
      ? `${formatNumber(nodes.length)} names, ${formatNumber(edges.length)} links`
      : '';
    if (!nodes.length) {
      box.appendChild(h('p', { class: 'empty' }, 'No people, organizations or places found in these documents.'));
      return;
    }
    legend.append(h('ul', { class: 'legend', 'aria-label': 'Legend' },
      Object.entries(KINDS).map(([kind, k]) => h('li', {}, h('span', { class: `swatch round net-${kind}` }), k.label)),
      h('li', {}, h('span', { class: 'swatch line' }), 'same paragraph'),
      h('li', {}, h('span', { class: 'swatch line quotes' }), 'quoted in a document about')));
    let maxSize = 1, maxW = 1;
    for (const n of nodes) maxSize = Math.max(maxSize, n.size);
    for (const e of edges) maxW = Math.max(maxW, e.weight);
    const radius = (n) => 4 + 14 * Math.sqrt(n.size / maxSize);
    const chart = svg('svg', {
      class: 'network', viewBox: '-40 -40 1080 1080', role: 'img', preserveAspectRatio: 'xMidYMid meet',
      'aria-label': `Network of ${nodes.length} people, organizations and places; the table below lists each with its connections.`,
    });
    const gEdges = svg('g', { class: 'edges' });
    // Lightest first, so heavy links are drawn on top.
    for (let i = edges.length - 1; i >= 0; i--) {
      const e = edges[i];
      const a = nodes[e.source], b = nodes[e.target];
      gEdges.appendChild(svg('line', {
        x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: `edge ${e.kind}`, 'data-source': e.source, 'data-target': e.target,
        'stroke-width': (0.6 + 4 * Math.sqrt(e.weight / maxW)).toFixed(2),
      }));
    }
    const gNodes = svg('g', { class: 'nodes' });
    const gLabels = svg('g', { class: 'labels', 'aria-hidden': 'true' });
    // Smallest first, so large nodes stay on top.
    for (let i = nodes.length - 1; i >= 0; i--) {
      const n = nodes[i];
      const c = svg('circle', {
        cx: n.x, cy: n.y, r: radius(n).toFixed(1), fill: KINDS[n.kind].color, class: `node ${n.kind}`, 'data-id': n.id, 'data-label': n.label,
      }, svg('title', {}, `${n.label} (${KINDS[n.kind].label.toLowerCase()}, ${n.size} document${n.size === 1 ? '' : 's'})`));
      gNodes.appendChild(c);
    }
    // Labels of the largest nodes, each only where it overlaps no label
    // already placed (approximate boxes: ~11 units a character at 20).
    const placed = [];
    for (const n of nodes.slice(0, LABELS * 3)) {
      if (placed.length >= LABELS) break;
      const w = n.label.length * 11, r = radius(n);
      // Above the node, below, right of it, left of it: the first free place.
      const spots = [
        { x: n.x, y: n.y - r - 4, anchor: 'middle', x0: n.x - w / 2 },
        { x: n.x, y: n.y + r + 20, anchor: 'middle', x0: n.x - w / 2 },
        { x: n.x + r + 4, y: n.y + 7, anchor: 'start', x0: n.x + r + 4 },
        { x: n.x - r - 4, y: n.y + 7, anchor: 'end', x0: n.x - r - 4 - w },
      ].map((p) => ({ ...p, x1: p.x0 + w, y0: p.y - 20, y1: p.y + 2 }));
      const spot = spots.find((b) => !placed.some((p) => b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1));
      if (!spot) continue;
      placed.push(spot);
      gLabels.appendChild(svg('text', { x: spot.x, y: spot.y, 'text-anchor': spot.anchor, 'data-id': n.id, class: 'node-label' }, n.label));
    }
    chart.append(gEdges, gNodes, gLabels);
    chart.addEventListener('mouseover', (e) => { const id = e.target.dataset?.id; if (id !== undefined) highlight(Number(id)); });
    chart.addEventListener('mouseout', (e) => { if (e.target.dataset?.id !== undefined) highlight(null); });
    chart.addEventListener('click', (e) => { const id = e.target.dataset?.id; if (id !== undefined) openPerson(nodes[Number(id)]); });
    box.appendChild(chart);
  }

  // Marks node `id`, its neighbours and its edges; null clears.
  function highlight(id) {
    const chart = $('#network-graph svg');
    if (!chart) return;
    for (const el of chart.querySelectorAll('.hi')) el.classList.remove('hi');
    chart.classList.toggle('focused', id !== null);
    if (id === null) return;
    const near = new Set([id]);
    for (const line of chart.querySelectorAll(`line[data-source="${id}"], line[data-target="${id}"]`)) {
      line.classList.add('hi');
      near.add(Number(line.dataset.source));
      near.add(Number(line.dataset.target));
    }
    for (const n of near) for (const el of chart.querySelectorAll(`[data-id="${n}"]`)) el.classList.add('hi');
  }

  function renderTable() {
    const body = clear($('#network-rows'));
    const { nodes } = s.data;
    const near = neighbours();
    for (const n of nodes) {
      const named = near[n.id].map(([m, w]) => `${nodes[m].label} (${w})`);
      // The strongest few, the others behind a disclosure.
      const strongest = named.length > STRONGEST
        ? [named.slice(0, STRONGEST).join(', '), ' ', h('details', {}, h('summary', {}, `all ${named.length}`), named.slice(STRONGEST).join(', '))]
        : named.join(', ');
      const name = n.kind === 'person'
        ? h('button', { type: 'button', class: 'link', title: `Open ${n.label} in People`, onclick: () => openPerson(n) }, n.label)
        : n.label;
      const row = h('tr', { 'data-id': n.id },
        h('th', { scope: 'row' }, name),
        h('td', {}, KINDS[n.kind].label),
        h('td', { class: 'num' }, formatNumber(n.size)),
        h('td', { class: 'num' }, formatNumber(n.mentions)),
        h('td', { class: 'strongest' }, strongest.length ? strongest : '—'));
      row.addEventListener('mouseenter', () => highlight(n.id));
      row.addEventListener('mouseleave', () => highlight(null));
      row.addEventListener('focusin', () => highlight(n.id));
      row.addEventListener('focusout', () => highlight(null));
      body.appendChild(row);
    }
  }
}
