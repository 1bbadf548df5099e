// The ~26k-document scale corpus imported through the real page in headless
// Chromium: progress, main-thread stalls, memory, the views at that size,
// reload from IndexedDB and search. Prints a Markdown section
// (`make bench` puts it into BENCHMARKS.md as import-scale-page).
// usage: node bench/import-page.mjs [records]   (default: the whole corpus)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS } from '../tests/e2e/harness.js';
import { scaleCorpus, scaleSlice, importThroughPage, searchLatency, viewTimes, storedBytes, rendererRss } from './scale-page.mjs';

// `--pool N [--csv]` (issue 12, all cores): only the import, with N pool
// workers (0: the engine worker alone, as before the pool), of the scale
// corpus or (--csv) a 13 MB CSV made from it; prints one JSON line.
const args = process.argv.slice(2);
if (args.includes('--stages')) {
  await stages(args[args.indexOf('--stages') + 1] || 'www');
  process.exit(0);
}
if (args.includes('--pool')) {
  await poolRun(Number(args[args.indexOf('--pool') + 1]), args.includes('--csv'));
  process.exit(0);
}
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
| saved | ${imp.alerts.length ? `**no**: ${imp.alerts.join(' ')}` : `yes: snapshot, IndexedDB write, document list ≈ ${Number.isNaN(imp.saveMs) ? 'under 250 ms (no “Saving” text seen: the progress is sampled every 250 ms)' : `${fmt(imp.saveMs)} ms`} of the import`} |
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

// The import alone through the page with `workers` pool workers (see --pool
// above): seconds, MB/s, the progress texts seen (sampled every 250 ms) and
// the longest time the progress text stood still.
async function poolRun(workers, csv) {
  const file = csv ? scaleCsv(join(tmpdir(), 'lede-scale-13mb.csv')) : scaleCorpus();
  // BENCH_WWW=/abs/folder serves another build of the page (the one before).
  const server = await startServer(process.env.BENCH_WWW || 'www');
  const browser = await launch();
  try {
    const { context, page } = await openPage(browser, server.url);
    await context.addInitScript((w) => { self.LEDE_POOL_SIZE = w; }, workers);
    await page.goto(server.url);
    await ready(page);
    const cpu0 = rendererCpu();
    const imp = await importThroughPage(page, file);
    const cpuSecs = rendererCpu() - cpu0;
    const pool = await page.locator('#import-report').evaluate((b) => ({ ...b.dataset }));
    const t = imp.progress.map((p) => p.t);
    const still = t.slice(1).reduce((m, x, i) => Math.max(m, x - t[i]), 0);
    console.log(JSON.stringify({
      file, workers, cores: await page.evaluate(() => navigator.hardwareConcurrency), secs: +(imp.ms / 1000).toFixed(1),
      mbps: +(imp.bytes / 1e6 / (imp.ms / 1000)).toFixed(2), cpuSecs: +cpuSecs.toFixed(1), load: +loadavg()[0].toFixed(1), added: imp.added, dups: imp.dups, errors: imp.errors,
      progressTexts: imp.progress.length, longestStillMs: Math.round(still), stallMs: Math.round(imp.stalls.frame),
      peakRssMB: Math.round(imp.peakRss / 1e6), pool, saved: !imp.alerts.length,
    }));
    page.check();
  } finally {
    await browser.close();
    server.stop();
  }
}

// CPU seconds (user + system) the Chromium renderer processes have used
// (the page and its workers are threads of one): the import's work, which
// other load on a shared machine does not inflate as it does the wall time.
function rendererCpu() {
  const parent = new Map();
  const renderers = new Map();   // pid → ticks
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, f[1]);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderers.set(pid, Number(f[11]) + Number(f[12]));
    } catch { /* the process ended */ }
  }
  const mine = (pid) => {
    for (let p = pid, i = 0; p && p !== '0' && i < 64; p = parent.get(p), i++) if (p === String(process.pid)) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, t] of renderers) if (mine(pid)) ticks += t;
  return ticks / 100;
}

// A CSV of about 13 MB (title, text, date, outlet) from the scale corpus's
// first records: the issue's "13 MB CSV" case.
function scaleCsv(path) {
  const q = (v) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const out = ['title,text,date,outlet'];
  let size = 0;
  for (const line of readFileSync(scaleCorpus(), 'utf8').split('\n')) {
    if (!line.trim() || size >= 13e6) continue;
    const r = JSON.parse(line);
    const row = [r.title, r.text ?? r.body, r.date, r.outlet ?? r.source].map(q).join(',');
    size += row.length + 1;
    out.push(row);
  }
  writeFileSync(path, out.join('\n') + '\n');
  return path;
}

// `--stages [WWW]`: the scale corpus's 1 MB slices through one wasm
// instance in Node (V8, as in Chromium), CPU seconds per stage, so that a
// busy shared machine does not blur them: the import as one worker does it
// (importLines) and, when the build has the pool's exports, the pool
// worker's part (extractLines) and the engine's (addExtracted). WWW: the
// page folder whose pkg/ to load (another build: the one before).
async function stages(www) {
  const dir = www.startsWith('/') ? www : join(new URL('..', import.meta.url).pathname, www);
  const pkg = await import(join(dir, 'pkg/lede.js'));
  pkg.initSync({ module: readFileSync(join(dir, 'pkg/lede_bg.wasm')) });
  pkg.loadData('ner.bin', readFileSync(join(dir, 'pkg/ner.bin')));
  const bytes = readFileSync(scaleCorpus());
  const slices = [];
  for (let pos = 0, line = 0; pos < bytes.length;) {
    let end = Math.min(bytes.length, pos + 1024 * 1024);
    if (end < bytes.length) end = bytes.lastIndexOf(10, end - 1) + 1;
    const s = bytes.subarray(pos, end);
    slices.push({ s, line });
    for (const b of s) if (b === 10) line++;
    pos = end;
  }
  const cpu = (f) => { const c = process.cpuUsage(); const r = f(); const d = process.cpuUsage(c); return [r, (d.user + d.system) / 1e6]; };
  const out = { www: dir, mb: +(bytes.length / 1e6).toFixed(1), slices: slices.length };
  // Warm-up (V8 optimizes hot wasm functions after a while): three slices
  // through each path, not counted.
  const warm = new pkg.Engine(false);
  for (const { s, line } of slices.slice(0, 3)) {
    warm.importLines('warm.jsonl', s, line);
    if (pkg.extractLines) pkg.extractLines('warm.jsonl', s, line);
  }
  warm.free();
  const one = new pkg.Engine(false);
  out.importLinesCpu = +slices.reduce((t, { s, line }) => t + cpu(() => one.importLines('scale.jsonl', s, line))[1], 0).toFixed(1);
  out.docs = one.list().length;
  if (pkg.extractLines) {
    const engine = new pkg.Engine(false);
    let extract = 0;
    let add = 0;
    for (const { s, line } of slices) {
      const [b, t] = cpu(() => pkg.extractLines('scale.jsonl', s, line));
      extract += t;
      add += cpu(() => engine.addExtracted(b))[1];
    }
    Object.assign(out, { extractCpu: +extract.toFixed(1), addCpu: +add.toFixed(1), sameDocs: engine.exportJsonl() === one.exportJsonl() });
  }
  console.log(JSON.stringify(out));
}
