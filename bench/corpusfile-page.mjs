// The corpus file in the page: the ~26k scale corpus built into a .lede
// (target/bench-scale.lede, built here with `lede build` when missing),
// opened through ?corpus=
// (HTTP Range requests, as a published evidence pack would be): time to a
// usable page, then 100 one-word searches typed into the box (first run and
// again), the bytes each reads, 50 documents opened, People and Timeline,
// and the tab's private memory (renderer processes, Private_Clean +
// Private_Dirty from /proc) before and after. Prints a Markdown section.
import { existsSync, readFileSync, symlinkSync, rmSync, readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, openPage, ready } from '../tests/e2e/harness.js';
import { ROOT, scaleCorpus } from './scale-page.mjs';

const target = process.env.CARGO_TARGET_DIR || join(ROOT, 'target');
// LEDE_BENCH_FILE and LEDE_BENCH_SOURCE (the JSON Lines it was built from,
// for the queries) measure another file, e.g. the million-article one.
const FILE = process.env.LEDE_BENCH_FILE || join(target, 'bench-scale.lede');
const SOURCE = process.env.LEDE_BENCH_SOURCE || null;
// LEDE_BENCH_FROM_DISK=1: the file opened from disk through "Open a corpus
// file…" (Blob.slice reads), not through ?corpus= (HTTP Range requests).
const FROM_DISK = !!process.env.LEDE_BENCH_FROM_DISK;

/** The first `bytes` of a file, as text cut at its last line break. */
function head(path, bytes) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(Math.min(bytes, statSync(path).size));
  readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  const text = buf.toString('utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1);
}
const LINK = join(ROOT, 'www/bench-corpus.lede');

/** Private memory (bytes) of the renderer processes this Node process started. */
function rendererPrivate() {
  const parent = new Map();
  const renderer = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderer.push(pid);
    } catch { /* ended */ }
  }
  const mine = (pid) => {
    for (let p = pid, i = 0; p && p !== '0' && i < 64; p = parent.get(p), i++) if (p === String(process.pid)) return true;
    return false;
  };
  let total = 0;
  for (const pid of renderer.filter(mine)) {
    try {
      const s = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      for (const m of s.matchAll(/Private_(?:Clean|Dirty):\s+(\d+) kB/g)) total += Number(m[1]) * 1024;
    } catch { /* ended */ }
  }
  return total;
}

const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.round((s.length - 1) * p)]; };
const mb = (b) => (b / 1048576).toFixed(0);

if (!existsSync(FILE)) {
  execFileSync('cargo', ['run', '--quiet', '--profile', 'eval', '--bin', 'lede', '--', 'build', '-o', FILE, scaleCorpus()], { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] });
}
rmSync(LINK, { force: true });
symlinkSync(FILE, LINK);
const server = await startServer();
const browser = await launch();
try {
  // One-word queries from the corpus's own titles, every 250th record.
  const lines = head(SOURCE || scaleCorpus(), 48 << 20).split('\n').filter(Boolean);
  const words = [];
  for (let i = 0; i < lines.length && words.length < 100; i += 250) {
    const t = JSON.parse(lines[i]).title || '';
    const w = t.split(/[^\p{L}]+/u).find((x) => x.length >= 6 && !words.includes(x.toLowerCase()));
    if (w) words.push(w.toLowerCase());
  }
  const { page } = await openPage(browser, server.url);
  // Bytes read from the file: counted by the engine's worker (from disk
  // no HTTP response counts them), read after each step.
  let bytes = 0;
  const fileBytes = () => Promise.all(page.workers().filter((w) => w.url().endsWith('/worker.js'))
    .map((w) => w.evaluate(() => self.ledeFileBytes()).catch(() => 0))).then((a) => Math.max(0, ...a));
  await page.goto(server.url);
  await ready(page);
  const before = rendererPrivate();
  const t0 = performance.now();
  if (FROM_DISK) {
    await page.locator('.tabs a', { hasText: 'Import' }).click();
    await page.locator('#open-corpus').setInputFiles(FILE);
  } else {
    await page.goto(`${server.url}?corpus=bench-corpus.lede`);
    await ready(page);
  }
  await page.waitForFunction(() => /Opened the corpus file/.test(document.querySelector('#status').textContent), null, { timeout: 600000 });
  const openMs = performance.now() - t0;
  bytes = await fileBytes();
  const openBytes = bytes;
  const search = async (q, { facets = true } = {}) => {
    const b0 = bytes;
    const t = performance.now();
    // Timed in the page: from the box's input event to the results in the
    // document (a mutation observer sees them; a polled wait would add up
    // to a frame, 17 ms, to every figure).
    await page.evaluate((w) => {
      const t = { start: 0, end: 0 };
      window.benchSearch = t;
      document.querySelector('#q').addEventListener('input', () => { t.start = performance.now(); }, { once: true });
      const shown = () => (document.querySelector('#understood').textContent || '').includes(w)
        && (document.querySelector('#list .hit-item') || document.querySelector('#list .no-results'));
      const mo = new MutationObserver(() => {
        if (t.start && shown()) { t.end = performance.now(); mo.disconnect(); }
      });
      mo.observe(document.body, { subtree: true, childList: true, characterData: true });
    }, q);
    // Typing searches (Enter would open the first hit of what is listed).
    await page.locator('#q').fill(q);
    await page.waitForFunction(() => window.benchSearch.end > 0, null, { timeout: 120000 });
    const ms = await page.evaluate(() => window.benchSearch.end - window.benchSearch.start);
    if (!facets) {
      bytes = await fileBytes();
      return { ms, bytes: bytes - b0 };
    }
    // Then its facets (the page asks for them once the query has stood
    // 200 ms, and draws them after the hits); the next search starts
    // after them, and the bytes counted are both calls'.
    await page.waitForFunction((w) => document.querySelector('#facets')?.dataset.q === w
      || !document.querySelector('#list .hit-item'), q, { timeout: 120000 });
    const facetsMs = performance.now() - t;
    bytes = await fileBytes();
    return { ms, facetsMs, bytes: bytes - b0 };
  };
  const first = await search(words[0]);
  const cold = [first];
  for (const w of words.slice(1)) cold.push(await search(w));
  const warm = [];
  for (const w of words) warm.push(await search(w));
  // 50 documents: the first hit of 50 of the searches.
  const tDocs = performance.now();
  for (const w of words.slice(0, 50)) {
    // The first hit clicked as soon as it shows.
    await search(w, { facets: false });
    const link = page.locator('#list .hit-item a').first();
    if (await link.count()) {
      await link.click();
      await page.waitForFunction(() => (document.querySelector('#doc-title')?.textContent || '').length > 0);
    }
  }
  const docsMs = (performance.now() - tDocs) / 50;
  // People and Timeline follow the search: over 200,000 documents a view
  // needs one (the stored whole-corpus views are not merged), so the
  // scope is a phrase of a headline there, else every document.
  let scopeNote = 'the whole corpus (no search)';
  if (SOURCE) {
    const t = (JSON.parse(lines[0]).title || '').split(/[^\p{L}]+/u).filter((w) => w.length > 2).slice(0, 3).join(' ').toLowerCase();
    await search(`"${t}"`);
    scopeNote = `the documents of the search "${t}" (${await page.locator('#side-heading').textContent()})`;
  } else {
    await page.locator('#q').fill('');
    await page.locator('#q').press('Enter');
  }
  const tPeople = performance.now();
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await page.waitForFunction(() => document.querySelector('#people-list .item, #people-more .no-results'), null, { timeout: 300000 });
  const peopleMs = performance.now() - tPeople;
  const tTime = performance.now();
  await page.locator('.tabs a', { hasText: 'Timeline' }).click();
  await page.waitForFunction(() => document.querySelector('#chart svg.chart, #events .empty, #events .event'), null, { timeout: 300000 });
  const timelineMs = performance.now() - tTime;
  // The whole corpus's timeline with the search cleared: over 200,000
  // documents, the chart drawn from the counts every segment stores.
  let wholeMs = null;
  const beforeWhole = rendererPrivate();
  if (SOURCE) {
    await page.locator('#q').fill('');
    await page.locator('#q').press('Enter');
    const t = performance.now();
    await page.locator('.tabs a', { hasText: 'Timeline' }).click();
    await page.waitForFunction(() => /The chart counts all|search first/.test(document.querySelector('#view-timeline')?.textContent || ''), null, { timeout: 300000 });
    wholeMs = /The chart counts all/.test(await page.locator('#events').textContent()) ? performance.now() - t : null;
  }
  // The whole corpus's people, search cleared: over 200,000 documents,
  // listed from the counts every segment stores; the first person picked
  // (their quotes read from some of their documents).
  let wholePeopleMs = null;
  let personMs = null;
  let peopleListed = 0;
  if (SOURCE) {
    const t = performance.now();
    await page.locator('.tabs a', { hasText: 'People' }).click();
    // (The list of the search before stays until the new one is drawn.)
    await page.waitForFunction(() => (!document.querySelector('#people-list').hasAttribute('aria-busy') && document.querySelector('#people-list .item')) || /could not be listed/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 300000 });
    if (await page.locator('#people-list .item').count()) {
      wholePeopleMs = performance.now() - t;
      peopleListed = Number((await page.locator('#people-count').textContent()).replace(/\D/g, ''));
      const tp = performance.now();
      await page.locator('#people-list .item a').first().click();
      await page.waitForFunction(() => document.querySelector('#person .quote-doc') || /could not be read|None of their/.test(document.querySelector('#person')?.textContent || ''), null, { timeout: 300000 });
      personMs = performance.now() - tp;
    }
  }
  bytes = await fileBytes();
  const after = rendererPrivate();
  // Of it: the engine worker's wasm memory (its high-water mark) and the
  // page's JavaScript heap.
  const wasm = await Promise.all(page.workers().filter((w) => w.url().endsWith('/worker.js'))
    .map((w) => w.evaluate(() => self.ledeWasmBytes()).catch(() => 0))).then((a) => a.filter(Boolean).pop() || 0);
  const pageHeap = await page.evaluate(() => performance.memory?.usedJSHeapSize || 0);
  const ms = (v) => v.map((x) => x.ms);
  const kb = (v) => v.map((x) => x.bytes / 1024);
  const fileMb = (statSync(FILE).size / 1048576).toFixed(1);
  console.log(`## The corpus file in the page (issue 12)

\`node bench/corpusfile-page.mjs\`: ${SOURCE ? `${SOURCE.split('/').pop()}` : 'the ~26k scale corpus'} as a .lede (${fileMb} MB) opened in headless Chromium ${FROM_DISK ? 'from disk through "Open a corpus file…" (\`Blob.slice\` reads)' : 'through \`?corpus=\` (HTTP Range requests to \`tools/serve.py\` on loopback)'}, then 100 one-word searches typed into the search box (each waited for until its results are on screen; the first screen's hits, 20 for a corpus file, with snippets and facets), run once and again, the first hit of 50 of them opened, People and Timeline (and, of a file built from LEDE_BENCH_SOURCE, the whole corpus's Timeline and People with the search cleared, and the first person's quotes). A search is timed in the page, from the search box's input event to its results in the document (a mutation observer); the other times are wall-clock from Node, so they include typing, rendering and the page's own work.

| figure | value |
|---|---|
| page loaded → file open and usable | ${openMs.toFixed(0)} ms, ${(openBytes / 1024).toFixed(0)} KB read |
| first search after opening (cold) | ${first.ms.toFixed(0)} ms, ${(first.bytes / 1024).toFixed(0)} KB read |
| search on screen, first run: p50 / p90 | ${pct(ms(cold), 0.5).toFixed(0)} / ${pct(ms(cold), 0.9).toFixed(0)} ms |
| search on screen, again (warm): p50 / p90 | ${pct(ms(warm), 0.5).toFixed(0)} / ${pct(ms(warm), 0.9).toFixed(0)} ms |
| its facets on screen (typed to drawn; asked for once the query stood 200 ms), first run / again: p50 | ${pct(cold.map((x) => x.facetsMs), 0.5).toFixed(0)} / ${pct(warm.map((x) => x.facetsMs), 0.5).toFixed(0)} ms |
| bytes read per search (hits and facets), first run: p50 / p90 | ${pct(kb(cold), 0.5).toFixed(0)} / ${pct(kb(cold), 0.9).toFixed(0)} KB |
| open a document from the results (search + click) | ${docsMs.toFixed(0)} ms each |
| People / Timeline of ${scopeNote} | ${peopleMs.toFixed(0)} / ${timelineMs.toFixed(0)} ms |
${SOURCE ? `| Timeline of the whole corpus, search cleared (the chart from the stored counts) | ${wholeMs === null ? 'not shown: the file stores no counts' : `${wholeMs.toFixed(0)} ms`} |\n` : ''}${SOURCE ? `| People of the whole corpus, search cleared (listed from the stored counts) / the first person's quotes | ${wholePeopleMs === null ? 'not shown: the file stores no people counts' : `${wholePeopleMs.toFixed(0)} ms (${peopleListed.toLocaleString('en')} people) / ${personMs.toFixed(0)} ms`} |\n` : ''}| tab private memory: sample loaded → after all of the above | ${mb(before)} MB → ${mb(after)} MB (+${mb(after - before)} MB; of it the engine's wasm memory ${mb(wasm)} MB, the page's JavaScript heap ${mb(pageHeap)} MB)${wholeMs === null ? '' : `; before the whole corpus's Timeline and People ${mb(beforeWhole)} MB`} |
| bytes read in all | ${(bytes / 1048576).toFixed(1)} MB of ${fileMb} MB |
`);
} finally {
  await browser.close();
  server.stop();
  rmSync(LINK, { force: true });
}
