// The ~26k-document scale corpus imported through the real page in headless
// Chromium: progress, main-thread stalls, memory, the views at that size,
// reload from IndexedDB and search. Prints a Markdown section
// (`make bench` puts it into BENCHMARKS.md as import-scale-page).
// usage: node bench/import-page.mjs [records]   (default: the whole corpus)
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS } from '../tests/e2e/harness.js';
import { scaleCorpus, scaleSlice, importThroughPage, searchLatency, viewTimes, storedBytes, rendererRss } from './scale-page.mjs';

const n = Number(process.argv[2]) || 0;
const file = n ? scaleSlice(n, join(tmpdir(), `lede-scale-${n}.jsonl`)) : scaleCorpus();
const server = await startServer();
const browser = await launch();
const log = (...a) => console.error(...a);
try {
  const { page } = await openPage(browser, server.url);
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  await page.goto(server.url);
  await ready(page);
  log('importing', file);
  const imp = await importThroughPage(page, file);
  log(imp.summary, imp.alerts);
  const views = await viewTimes(page);
  log(views);
  const search = [];
  for (const q of ['oil prices', '"interest rates"', 'minist*']) search.push({ q, ...(await searchLatency(page, q)) });
  log(search);
  const docsShown = async () => (await page.locator('#corpus-info').textContent()).match(/^[\d,]+ documents/)[0];
  const count = await docsShown();
  const snapshot = await storedBytes(page);
  await page.screenshot({ path: `${SHOTS}/import-scale.png` });
  const r0 = performance.now();
  await page.reload();
  await ready(page);
  const reloadMs = performance.now() - r0;
  const status = await page.locator('#status').textContent();
  const restoreMs = Number((status.match(/in (\d+) ms/) || [0, NaN])[1]);
  const countAfter = await docsShown();
  const rssAfter = rendererRss();
  page.check();

  const secs = imp.ms / 1000;
  const mb = imp.bytes / 1e6;
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  const steps = imp.progress.length;
  const first = imp.progress[0]?.text ?? '';
  const mid = imp.progress[Math.floor(steps / 2)]?.text ?? '';
  console.log(`## Import at scale, in the page (headless Chromium)

\`node bench/import-page.mjs\` (part of \`make bench\`): \`bench-data/scale.jsonl\` (${n ? `the first ${fmt(n)} records of ` : ''}BBC + Reuters-21578 + NewsArticles CSV + PolNeAR, built by \`bench/build-data.mjs\`) picked in the Import view of the real page, release wasm, Chromium ${browser.version()}, ${new Date().toISOString().slice(0, 10)}; shared 2-core machine.

| | |
|---|---|
| input | one JSON Lines file, ${mb.toFixed(1)} MB |
| result | ${fmt(imp.added)} imported, ${fmt(imp.dups)} exact duplicates reported, ${fmt(imp.errors)} errors; the corpus shows “${count}” |
| **import, picked to report shown** (parse + dates + quotes + entities + index + save) | **${secs.toFixed(1)} s**: ${(mb / secs).toFixed(2)} MB/s, ${fmt((imp.added + imp.dups) / secs)} docs/s |
| saved | ${imp.alerts.length ? `**no**: ${imp.alerts.join(' ')}` : `yes: snapshot, IndexedDB write, document list ≈ ${fmt(imp.saveMs)} ms of the import`} |
| progress | ${steps} distinct progress texts seen (sampled every 250 ms), e.g. “${first}”, “${mid}” |
| longest main-thread stall during the import | ${fmt(imp.stalls.frame)} ms between animation frames (${fmt(imp.stalls.timer)} ms late for a 50 ms timer) |
| peak page JS heap / peak tab memory (renderer processes' RSS, page + worker + wasm) | ${(imp.peakHeap / 1e6).toFixed(0)} MB / ${(imp.peakRss / 1e6).toFixed(0)} MB |
| snapshot in IndexedDB | ${(snapshot / 1e6).toFixed(1)} MB |
| **reload: page ready with the stored corpus** | **${(reloadMs / 1000).toFixed(1)} s** (of which read + \`Engine.restore\` in the worker ${fmt(restoreMs)} ms); “${countAfter}”, tab memory then ${(rssAfter / 1e6).toFixed(0)} MB |
| search after the import (typed to results shown) | ${search.map((s) => `\`${s.q}\` ${fmt(s.ms)} ms (${s.heading})`).join('; ')} |
| views at that size (tab click to painted; longest stall; DOM elements) | ${views.map((v) => `${v.name} ${fmt(v.ms)} ms, ${fmt(v.stall)} ms, ${fmt(v.nodes)}`).join('; ')} |
| crash | ${crashed ? '**the tab crashed**' : 'none; no console errors'} |`);
} finally {
  await browser.close();
  server.stop();
}
