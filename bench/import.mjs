// Import, extraction and reload figures for the BBC corpus, in WebAssembly
// (Node's V8, the engine Chromium runs): parse + extract + index every
// file through Engine.importMany in batches like the page, then
// snapshot and restore (what a reload does, IndexedDB aside).
// It needs the bench build (`addPlain`, target/bench-pkg, built by `make
// bench`); the wasm size reported is the shipping build's (www/pkg).
// usage: node bench/import.mjs  → prints a Markdown section.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initSync, Engine, loadData } from '../target/bench-pkg/lede.js';
import { corpus } from '../tests/common/corpora.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
initSync({ module: readFileSync(join(ROOT, 'target/bench-pkg/lede_bg.wasm')) });
// The entity model is a data file, handed over as the page's worker does.
loadData('ner.bin', readFileSync(join(ROOT, 'models/ner.bin')));
const wasm = readFileSync(join(ROOT, 'www/pkg/lede_bg.wasm'));
const BBC = corpus('bbc');
const files = [];
for (const topic of readdirSync(BBC).sort()) {
  const dir = join(BBC, topic);
  if (!statSync(dir).isDirectory()) continue;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.txt')) files.push(join(dir, f));
}
const bufs = files.map((f) => readFileSync(f));
const bytes = bufs.reduce((s, b) => s + b.length, 0);

const engine = new Engine(false);
const t0 = performance.now();
let added = 0, dups = 0, errors = 0;
for (let i = 0; i < files.length; i += 64) {
  const r = engine.importMany(files.slice(i, i + 64).map((f) => f.slice(BBC.length + 1)), bufs.slice(i, i + 64).map((b) => new Uint8Array(b)));
  added += r.added.length; dups += r.duplicates.length; errors += r.errors.length;
}
const importMs = performance.now() - t0;

// Index only, for comparison (what the search benchmark times).
const plain = new Engine(false);
const t1 = performance.now();
files.forEach((f, i) => {
  const [title, ...rest] = bufs[i].toString('latin1').split('\n');
  plain.addPlain(f, title, rest.join('\n'));
});
const indexMs = performance.now() - t1;

const t2 = performance.now();
const snap = engine.snapshot();
const snapMs = performance.now() - t2;
const t3 = performance.now();
const restored = Engine.restore(snap);
const restoreMs = performance.now() - t3;
const n = restored.list().length;

const mb = bytes / 1e6;
console.log(`## Import, extraction and reload (BBC, WebAssembly)

\`node bench/import.mjs\` (part of \`make bench\`): the release wasm in Node ${process.version} (V8, as in Chromium), ${new Date().toISOString().slice(0, 10)}; shared 2-core machine.

| | |
|---|---|
| files | ${files.length} (${mb.toFixed(1)} MB): ${added} imported, ${dups} exact duplicates reported, ${errors} errors |
| full import: parse + dates + quotes + entities + index (\`importMany\`, batches of 64) | ${(importMs / 1000).toFixed(1)} s, **${(mb / (importMs / 1000)).toFixed(2)} MB/s** |
| index only (\`addPlain\`, no extraction) | ${(indexMs / 1000).toFixed(1)} s, ${(mb / (indexMs / 1000)).toFixed(2)} MB/s |
| extraction and parsing share (full − index only) | ${((importMs - indexMs) / 1000).toFixed(1)} s, ≈ ${(mb / ((importMs - indexMs) / 1000)).toFixed(2)} MB/s |
| snapshot (what IndexedDB stores) | ${(snap.byteLength / 1e6).toFixed(1)} MB (${(gzipSync(snap).length / 1e6).toFixed(1)} MB gzipped), written in ${snapMs.toFixed(0)} ms |
| **reload: restore without re-parsing** (\`Engine.restore\`) | **${restoreMs.toFixed(0)} ms** for ${n} documents (${((importMs) / restoreMs).toFixed(0)}× faster than importing again) |
| wasm (shipping build) | ${(wasm.length / 1e6).toFixed(2)} MB, ${(gzipSync(wasm, { level: 9 }).length / 1e6).toFixed(2)} MB gzipped |`);
