// Browser search benchmark: Lede (wasm) vs MiniSearch vs FlexSearch in one
// headless Chromium, on BBC (2,225 docs) and the ~26k-document scale
// corpus. Writes the "search-browser" section of BENCHMARKS.md.
//
// Prerequisites: `make wasm` (www/pkg, whose size is reported) and the bench
// build (target/bench-pkg, which the page loads), both done by `make bench`;
// `npm ci`; the data is built on first run.
// Usage: node bench/run.mjs [--only bbc|scale]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!fs.existsSync(path.join(root, 'bench-data', 'scale.jsonl'))) {
  execFileSync('node', [path.join(root, 'bench', 'build-data.mjs')], { stdio: 'inherit' });
}
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

// ---- a tiny static server for the repo root ----
const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.jsonl': 'text/plain', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  const p = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!p.startsWith(root) || !fs.existsSync(p) || fs.statSync(p).isDirectory()) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(p)] || 'application/octet-stream' });
  fs.createReadStream(p).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

// ---- queries drawn from the corpus with a fixed seed ----
function mulberry32(a) {
  return () => { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const STOP = new Set('the of and to in a is that for on it with as was he be by at his are this from have an but not said has they were had which its or their been would will who after also more there we about all one up than can out new first into her two she over some when other what so time them year people if'.split(' '));
function queriesFor(docs, seed = 42) {
  const rnd = mulberry32(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const words = (d) => (d.title + ' ' + d.text).split(/[^A-Za-z]+/).filter((w) => w.length >= 4 && !STOP.has(w.toLowerCase()));
  const out = [];
  const add = (kind, lede, plain) => out.push({ kind, lede, plain });
  while (out.length < 60) { const w = pick(words(pick(docs))); if (w) add('word', w, w); }
  while (out.length < 110) { const ws = words(pick(docs)); if (ws.length > 2) { const a = pick(ws), b = pick(ws); add('pair', `${a} ${b}`, `${a} ${b}`); } }
  while (out.length < 150) {
    const toks = pick(docs).text.split(/\s+/).filter((w) => /^[A-Za-z]{3,}$/.test(w));
    if (toks.length > 3) { const i = Math.floor(rnd() * (toks.length - 1)); add('phrase', `"${toks[i]} ${toks[i + 1]}"`, `${toks[i]} ${toks[i + 1]}`); }
  }
  while (out.length < 180) { const w = pick(words(pick(docs))); if (w && w.length >= 6) add('prefix', w.slice(0, 4) + '*', w.slice(0, 4)); }
  while (out.length < 210) {
    const w = pick(words(pick(docs)));
    if (w && w.length >= 6) {
      const i = 1 + Math.floor(rnd() * (w.length - 2));
      const c = 'aeiou'[Math.floor(rnd() * 5)];
      const t = w.slice(0, i) + (w[i] === c ? 'y' : c) + w.slice(i + 1);
      add('typo', t, t);
    }
  }
  return out;
}

const gz = (f) => zlib.gzipSync(fs.readFileSync(path.join(root, f)), { level: 9 }).length;
const wasmGz = gz('www/pkg/lede_bg.wasm');
const msGz = gz('node_modules/minisearch/dist/es/index.js');
const fsGz = gz('node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const results = {};
for (const name of ['bbc', 'scale']) {
  if (only && only !== name) continue;
  const file = path.join(root, 'bench-data', `${name}.jsonl`);
  const docs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const queries = queriesFor(docs);
  results[name] = {};
  // One fresh page per engine, so that memory figures do not mix.
  for (const engine of ['lede', 'minisearch', 'flexsearch']) {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.error(`[page] ${m.text()}`); });
    page.on('pageerror', (e) => console.error(`[page] ${e}`));
    await page.goto(`${base}/bench/index.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const r = await page.evaluate(([u, q, e]) => window.runBench(u, q, e), [`/bench-data/${name}.jsonl`, queries, [engine]]);
    results[name].docs = r.docs;
    results[name].textBytes = r.textBytes;
    results[name][engine] = r[engine];
    console.error(`${name} ${engine}: build ${r[engine].build.toFixed(0)} ms, p50 ${r[engine].lat.p50.toFixed(3)} ms, p95 ${r[engine].lat.p95.toFixed(3)} ms, memory ${(r[engine].memory / 1e6).toFixed(1)} MB`);
    await page.close();
  }
}
await browser.close();
server.close();

// ---- BENCHMARKS.md ----
const mb = (b) => (b / 1e6).toFixed(1);
const ms = (x) => x.toFixed(x < 1 ? 3 : 0);
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
const version = (p) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', p, 'package.json'), 'utf8')).version;
const chromeVersion = (() => { try { return execFileSync('/usr/bin/chromium', ['--version']).toString().trim(); } catch { return 'chromium'; } })();
let md = `## Search in the browser: Lede vs MiniSearch vs FlexSearch

\`node bench/run.mjs\` (data: \`node bench/build-data.mjs\`), one headless ${chromeVersion} run, ${new Date().toISOString().slice(0, 10)}.
Each engine runs in a fresh page over the same documents (fields: title, text). The machine is shared (2 cores, other jobs running), so absolute times vary from run to run (up to 3x); compare the engines within one run, i.e. the ratios.

- **Lede** (wasm, release build): \`Engine.addPlain(file, title, text)\` per document; positions stored; BM25F with title boost; queries in Lede syntax (phrases quoted, prefixes with \`*\`, typos corrected automatically); \`{limit: 10, snippets: false, facets: false}\` (also timed with snippets and facets on).
- **MiniSearch ${version('minisearch')}**: \`fields: [title, text]\`, \`searchOptions: {boost: {title: 2}, prefix: true, fuzzy: 0.2, combineWith: 'AND'}\`; no positions (phrases run as AND of their words); top 10 sliced from the full result.
- **FlexSearch ${version('flexsearch')}**: \`Document\` over title and text, \`tokenize: 'forward'\` (prefix search), \`limit: 10, merge: true\`; no fuzzy, no positions.

Queries: 210 drawn from each corpus with a fixed seed (60 single words, 50 word pairs, 40 two-word phrases, 30 four-letter prefixes, 30 one-letter typos of 6+-letter words); each query timed as the mean of ${5} runs after a warm-up. Memory: JS heap growth after GC (\`--enable-precise-memory-info --expose-gc\`) plus, for Lede, wasm memory growth; for Lede this includes the stored documents (the text itself), so the index alone is also given. Serialized size: Lede \`indexBytes()\`, MiniSearch \`JSON.stringify\`, FlexSearch \`export()\` keys and values. Code size gzipped (-9): Lede wasm ${(wasmGz / 1024).toFixed(0)} KiB; MiniSearch ${(msGz / 1024).toFixed(0)} KiB; FlexSearch bundle ${(fsGz / 1024).toFixed(0)} KiB.
`;
for (const [name, r] of Object.entries(results)) {
  const L = r.lede, M = r.minisearch, F = r.flexsearch;
  md += `
### ${name === 'bbc' ? 'BBC' : 'Scale corpus (BBC + Reuters-21578 + NewsArticles CSV + PolNeAR)'}: ${r.docs.toLocaleString('en')} documents, ${mb(r.textBytes)} M characters of text

| | Lede | MiniSearch | FlexSearch | Lede/MiniSearch | Lede/FlexSearch |
|---|---|---|---|---|---|
| index build (ms) | ${ms(L.build)} | ${ms(M.build)} | ${ms(F.build)} | ${ratio(L.build, M.build)} | ${ratio(L.build, F.build)} |
| query p50 (ms) | ${ms(L.lat.p50)} | ${ms(M.lat.p50)} | ${ms(F.lat.p50)} | ${ratio(L.lat.p50, M.lat.p50)} | ${ratio(L.lat.p50, F.lat.p50)} |
| query p95 (ms) | ${ms(L.lat.p95)} | ${ms(M.lat.p95)} | ${ms(F.lat.p95)} | ${ratio(L.lat.p95, M.lat.p95)} | ${ratio(L.lat.p95, F.lat.p95)} |
| memory after indexing (MB) | ${mb(L.memory)} (index alone ${mb(L.indexMemory)}) | ${mb(M.memory)} | ${mb(F.memory)} | ${ratio(L.indexMemory, M.memory)} (index) | ${ratio(L.indexMemory, F.memory)} (index) |
| serialized index (MB) | ${mb(L.serialized)} | ${mb(M.serialized)} | ${mb(F.serialized)} | ${ratio(L.serialized, M.serialized)} | ${ratio(L.serialized, F.serialized)} |

Median latency by query kind (ms): ${Object.keys(L.lat.byKind).map((k) => `${k} ${ms(L.lat.byKind[k])} / ${ms(M.lat.byKind[k])} / ${ms(F.lat.byKind[k])}`).join('; ')} (Lede / MiniSearch / FlexSearch).
Lede with snippets and facets: p50 ${ms(L.latFull.p50)} ms, p95 ${ms(L.latFull.p95)} ms. Lede index memory / raw text: ${ratio(L.indexMemory, r.textBytes)}. Lede index: ${L.stats.terms.toLocaleString('en')} terms, ${L.stats.words.toLocaleString('en')} surface words, ${mb(L.stats.postings_bytes)} MB of positional postings.
`;
}
fs.writeFileSync(path.join(root, 'bench-data', 'search-browser.json'), JSON.stringify(results, null, 2));
execFileSync('python3', [path.join(root, 'tools/md_section.py'), path.join(root, 'BENCHMARKS.md'), 'search-browser'], { input: md });
console.log(md);
