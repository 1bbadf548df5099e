// In-page benchmark: the same documents into Lede (wasm), MiniSearch and
// FlexSearch; index build time, query latency, memory, serialized size.
// Loaded by bench/index.html; driven by bench/run.mjs. Uses the bench build
// of the wasm (target/bench-pkg: `addPlain`, `indexStats`, `indexBytes`).
import init, { Engine } from '../target/bench-pkg/lede.js';
import MiniSearch from '../node_modules/minisearch/dist/es/index.js';
import { Document as FlexDocument } from '../node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs';

const gc = () => { if (window.gc) { window.gc(); window.gc(); } };
const heap = () => { gc(); return performance.memory ? performance.memory.usedJSHeapSize : 0; };

// Latency of each query: REPEAT runs, averaged (the browser clock is coarse).
const REPEAT = 5;
function latencies(run, queries) {
  for (const q of queries.slice(0, 20)) run(q); // warm-up
  const out = [];
  const kinds = {};
  for (const q of queries) {
    const t0 = performance.now();
    for (let i = 0; i < REPEAT; i++) run(q);
    const t = (performance.now() - t0) / REPEAT;
    out.push(t);
    (kinds[q.kind] ||= []).push(t);
  }
  const pct = (a, p) => { a.sort((x, y) => x - y); return a[Math.min(a.length - 1, Math.floor(p * a.length))]; };
  const byKind = Object.fromEntries(Object.entries(kinds).map(([k, a]) => [k, pct(a, 0.5)]));
  return { p50: pct(out, 0.5), p95: pct(out, 0.95), mean: out.reduce((a, b) => a + b, 0) / out.length, byKind };
}

async function lede(docs, queries) {
  await init();
  const mem = () => wasmMemory().buffer.byteLength;
  const h0 = heap();
  const w0 = mem();
  const t0 = performance.now();
  const e = new Engine(false);
  for (const d of docs) e.addPlain(d.file, d.title, d.text);
  e.search('warmup*', { limit: 1, snippets: false, facets: false }); // builds the word FST
  const build = performance.now() - t0;
  const stats = e.indexStats();
  const memory = heap() - h0 + (mem() - w0);
  const opts = { limit: 10, snippets: false, facets: false };
  const lat = latencies((q) => e.search(q.lede, opts), queries);
  const full = { limit: 10, snippets: true, facets: true };
  const latFull = latencies((q) => e.search(q.lede, full), queries);
  const serialized = e.indexBytes().length;
  const sample = queries.slice(0, 5).map((q) => [q.lede, e.search(q.lede, opts).total]);
  return { build, memory, wasmMemory: mem(), indexMemory: stats.memory_bytes, serialized, lat, latFull, stats, sample };
}

// wasm-bindgen keeps the instance's memory behind its exports.
let memoryRef = null;
function wasmMemory() { return memoryRef; }

function minisearch(docs, queries) {
  const h0 = heap();
  const t0 = performance.now();
  const ms = new MiniSearch({
    fields: ['title', 'text'],
    idField: 'file',
    searchOptions: { boost: { title: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
  });
  ms.addAll(docs);
  const build = performance.now() - t0;
  const memory = heap() - h0;
  const lat = latencies((q) => ms.search(q.plain).slice(0, 10), queries);
  const serialized = JSON.stringify(ms).length;
  const sample = queries.slice(0, 5).map((q) => [q.plain, ms.search(q.plain).length]);
  return { build, memory, serialized, lat, sample };
}

function flexsearch(docs, queries) {
  const h0 = heap();
  const t0 = performance.now();
  const ix = new FlexDocument({
    document: { id: 'id', index: ['title', 'text'] },
    tokenize: 'forward',
  });
  docs.forEach((d, i) => ix.add({ id: i, title: d.title, text: d.text }));
  const build = performance.now() - t0;
  const memory = heap() - h0;
  const lat = latencies((q) => ix.search(q.plain, { limit: 10, merge: true }), queries);
  let serialized = 0;
  ix.export((key, data) => { serialized += key.length + (data ? data.length : 0); });
  const sample = queries.slice(0, 5).map((q) => [q.plain, ix.search(q.plain, { limit: 1000, merge: true }).length]);
  return { build, memory, serialized, lat, sample };
}

window.runBench = async function (url, queries, engines) {
  const text = await (await fetch(url)).text();
  const docs = text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const textBytes = docs.reduce((n, d) => n + d.title.length + d.text.length, 0);
  const out = { docs: docs.length, textBytes };
  const wasm = await init();
  memoryRef = wasm.memory;
  for (const name of engines) {
    if (name === 'lede') out.lede = await lede(docs, queries);
    if (name === 'minisearch') out.minisearch = minisearch(docs, queries);
    if (name === 'flexsearch') out.flexsearch = flexsearch(docs, queries);
    gc();
  }
  return out;
};
window.benchReady = true;
