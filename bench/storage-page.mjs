// The tab's own corpus in storage (issue 12, item 3), in the real page in
// headless Chromium: the ~26k-document scale corpus imported, then the
// page opened again in a new browser on the same profile (what a new
// visit does). Measures the tab's private memory (the
// renderer process: page, worker and wasm; Private_Clean + Private_Dirty)
// before and after the import and after the reopening, the time to a
// usable first screen, what that read from storage, and the first search,
// document, People and Timeline after it; then the same tab reloaded.
// Prints a Markdown section (`make bench` puts it into BENCHMARKS.md as
// storage-page).
// usage: node bench/storage-page.mjs [records]   (default: the whole corpus)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, ready, CHROMIUM_ARGS } from '../tests/e2e/harness.js';
import { scaleCorpus, scaleSlice, importThroughPage, searchLatency, viewTimes, storedBytes, rendererPrivate } from './scale-page.mjs';

const n = Number(process.argv[2]) || 0;
const file = n ? scaleSlice(n, join(tmpdir(), `lede-scale-${n}.jsonl`)) : scaleCorpus();
const server = await startServer();
// One browser profile, opened twice: the second time is a new browser on
// the corpus the first stored (a fresh renderer: nothing of the first tab
// left in its memory).
const profile = mkdtempSync(join(tmpdir(), 'lede-profile-'));
const open = () => chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
let context = await open();
const version = context.browser()?.version() ?? 'Chromium';
const log = (...a) => console.error(...a);
const settle = (ms = 3000) => new Promise((r) => setTimeout(r, ms));
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
const fmt = (x) => Math.round(x).toLocaleString('en-US');
// The engine worker's wasm memory (its high-water mark).
// (After a large import the page replaces its worker: the live one answers.)
const wasmBytes = (page) => Promise.all(page.workers().filter((w) => w.url().endsWith('/worker.js'))
  .map((w) => w.evaluate(() => self.ledeWasmBytes()).catch(() => 0))).then((a) => a.filter(Boolean).pop() || 0);
try {
  let page = await context.newPage();
  await page.goto(server.url);
  await ready(page);
  await settle();
  const before = rendererPrivate();
  log('importing', file, 'tab private memory', mb(before));
  const imp = await importThroughPage(page, file);
  log(imp.summary, imp.alerts);
  await settle();
  const afterImport = rendererPrivate();
  const wasmAfterImport = await wasmBytes(page);
  const stored = await storedBytes(page);
  const segments = await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('lede', 1);
    req.onsuccess = () => {
      const get = req.result.transaction('corpus', 'readonly').objectStore('corpus').get('segments');
      get.onsuccess = () => { req.result.close(); resolve(get.result ? get.result.segments.length : 0); };
    };
  }));
  await context.close();

  // A new browser on the stored corpus.
  context = await open();
  page = await context.newPage();
  const t0 = performance.now();
  await page.goto(server.url);
  await ready(page);
  const readyMs = performance.now() - t0;
  const status = await page.locator('#status').textContent();
  log(status);
  const read = status.match(/storage in (\d+) ms, reading ([^ ]+ [KM]B) of its ([^ ]+ [KM]B)/);
  const count = (await page.locator('#corpus-info').textContent()).match(/^[\d,]+ documents/)?.[0];
  await settle();
  const atReady = rendererPrivate();
  const wasmAtReady = await wasmBytes(page);
  const search = [];
  for (const q of ['oil prices', '"interest rates"', 'minist*']) search.push({ q, ...(await searchLatency(page, q)) });
  await page.locator('#q').fill('shares');
  await page.locator('#understood', { hasText: 'shares' }).waitFor();
  const d0 = performance.now();
  await page.locator('#list .hit-item a').first().click();
  await page.locator('#doc-title').waitFor();
  const docMs = performance.now() - d0;
  await page.locator('#q').fill('');
  const views = await viewTimes(page, ['People', 'Timeline', 'Documents']);
  await settle();
  const afterUse = rendererPrivate();
  const wasmAfterUse = await wasmBytes(page);
  // Reload in the same browser (what the reload button does: the page's
  // files and the compiled wasm come from the browser's caches), three
  // times; the median.
  const reloads = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${server.url}#`);
    const r0 = performance.now();
    await page.reload();
    await ready(page);
    reloads.push(performance.now() - r0);
    await settle(1000);
  }
  reloads.sort((a, b) => a - b);
  const reloadCount = (await page.locator('#corpus-info').textContent()).match(/^[\d,]+ documents/)?.[0];
  log({ readyMs, search, docMs, views, reloads });

  console.log(`## The tab's own corpus in storage (issue 12, item 3)

\`node bench/storage-page.mjs\` (part of \`make bench\`): \`bench-data/scale.jsonl\` (${n ? `the first ${fmt(n)} records of ` : ''}${(imp.bytes / 1e6).toFixed(1)} MB, BBC + Reuters-21578 + NewsArticles CSV + PolNeAR) imported through the Import view, then the page opened again in a new browser on the same profile. Release wasm, Chromium ${version}, ${new Date().toISOString().slice(0, 10)}, shared 2-core machine. Memory is the tab's renderer process (page, worker, wasm), private bytes (smaps_rollup Private_Clean + Private_Dirty), 3 s after things settle.

| | |
|---|---|
| import | ${fmt(imp.added)} imported, ${fmt(imp.dups)} duplicates, in ${(imp.ms / 1000).toFixed(1)} s (${(imp.bytes / 1e6 / (imp.ms / 1000)).toFixed(2)} MB/s)${imp.alerts.length ? `; **not saved**: ${imp.alerts.join(' ')}` : ''} |
| stored | ${segments} segments, ${(stored / 1e6).toFixed(1)} MB in IndexedDB |
| **tab private memory: before the import / after it** | ${mb(before)} / ${mb(afterImport)}: **growth ${mb(afterImport - before)}** (peak RSS during the import ${mb(imp.peakRss)}; the engine's wasm memory ${mb(wasmAfterImport)}) |
| **new browser: page ready with the stored corpus** | **${fmt(readyMs)} ms** (navigation to first screen; the worker's start ${read ? `${read[1]} ms, reading ${read[2]} of its ${read[3]}` : status}); “${count}” |
| **reload in the same browser: page ready with the stored corpus** | **${fmt(reloads[1])} ms** (median of 3: ${reloads.map(fmt).join(', ')} ms; navigation to first screen); “${reloadCount}” |
| tab private memory at ready / after 3 searches, a document, People and Timeline | ${mb(atReady)} / ${mb(afterUse)} (the engine's wasm memory ${mb(wasmAtReady)} / ${mb(wasmAfterUse)}) |
| search then (typed to results shown) | ${search.map((s) => `\`${s.q}\` ${fmt(s.ms)} ms (${s.heading})`).join('; ')} |
| open a document | ${fmt(docMs)} ms |
| views (tab click to painted; longest stall) | ${views.map((v) => `${v.name} ${fmt(v.ms)} ms, ${fmt(v.stall)} ms`).join('; ')} |`);
} finally {
  await context.close();
  server.stop();
  rmSync(profile, { recursive: true, force: true });
}
