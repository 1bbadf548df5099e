// Near duplicates, stories and statement alignment on the ~26k-document
// scale corpus, in WebAssembly (Node's V8, the engine Chromium runs): the
// corpus is imported through Engine.importMany as JSON Lines batches (the
// page's path, with dates), then each analysis is timed as the page calls
// it, over the whole corpus.
// usage: node bench/analyze.mjs  → prints a Markdown section (analyze-scale).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { initSync, Engine, loadData } from '../www/pkg/lede.js';

const ROOT = new URL('..', import.meta.url).pathname;
const DATA = join(ROOT, 'bench-data/scale.jsonl');
if (!existsSync(DATA) || !readFileSync(DATA, 'utf8').includes('"date"')) {
  execFileSync('node', [join(ROOT, 'bench/build-data.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
}
initSync({ module: readFileSync(join(ROOT, 'www/pkg/lede_bg.wasm')) });
// The entity model is a data file, handed over as the page's worker does.
loadData('ner.bin', readFileSync(join(ROOT, 'models/ner.bin')));

const lines = readFileSync(DATA, 'utf8').split('\n').filter((l) => l.trim());
const engine = new Engine(false);
const enc = new TextEncoder();
const t0 = performance.now();
let skipped = 0;
for (let i = 0; i < lines.length; i += 1000) {
  const name = `scale-${String(i / 1000).padStart(3, '0')}.jsonl`;
  const r = engine.importMany([name], [enc.encode(lines.slice(i, i + 1000).join('\n'))]);
  skipped += r.duplicates.length + r.errors.length;
}
const importS = (performance.now() - t0) / 1000;
const ids = engine.list().map((d) => d.id);

function timed(f) {
  const t = performance.now();
  const r = f();
  return [r, (performance.now() - t) / 1000];
}
const [dups, dupS] = timed(() => engine.duplicates(null));
const [stories, storyS] = timed(() => engine.stories(null));
const [stmts, stmtS] = timed(() => engine.statements(null));
const [stmts400, stmt400S] = timed(() => engine.statements(ids.slice(0, 400)));

const sizes = stories.map((s) => s.docs.length).sort((a, b) => a - b);
const inStories = sizes.reduce((a, b) => a + b, 0);
const stmtDocs = new Set(stmts.flatMap((s) => s.members.map((m) => m.doc)));
console.log(`## Near duplicates, stories and statements at scale (WebAssembly)

\`node bench/analyze.mjs\` (part of \`make bench\`): the release wasm in Node ${process.version} (V8, as in Chromium), ${new Date().toISOString().slice(0, 10)}; shared 2-core machine. Corpus: \`bench-data/scale.jsonl\` (BBC + Reuters-21578 + NewsArticles CSV + PolNeAR, with the Reuters and CSV dates), imported with \`importMany\` in JSON Lines batches of 1,000 (${importS.toFixed(0)} s, parse + extraction + index; ${skipped} exact duplicates skipped): **${ids.length} documents**. Each call is the engine method the page calls, over the whole corpus.

| engine call | time | result |
|---|---|---|
| \`duplicates\` (documents and paragraphs) | **${dupS.toFixed(1)} s** | ${dups.exact.length} exact groups, ${dups.near.length} near-duplicate pairs, ${dups.paragraphs.length} repeated-paragraph groups |
| \`stories\` | **${storyS.toFixed(1)} s** | ${stories.length} stories, ${inStories} documents in stories, largest ${sizes[sizes.length - 1] ?? 0}, median ${sizes[sizes.length >> 1] ?? 0} |
| \`statements\` (whole corpus: aligned within each story) | **${stmtS.toFixed(1)} s** | ${stmts.length} statements (capped at 500, best first) from ${stmtDocs.size} documents |
| \`statements\` over 400 documents (all sentence pairs; the former whole-corpus cap) | ${stmt400S.toFixed(1)} s | ${stmts400.length} statements |`);
