// Drives the real page through a large import and measures it: shared by
// `bench/import-page.mjs` (the whole scale corpus, `make bench`) and the
// e2e test `tests/e2e-scale/scale.test.js` (`make test-scale`).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
export const SCALE = join(ROOT, 'bench-data/scale.jsonl');

/** bench-data/scale.jsonl, built from ../shared/corpora when missing
 * (which fails, naming the path, when the corpora are not there). */
export function scaleCorpus() {
  if (!existsSync(SCALE)) execFileSync('node', [join(ROOT, 'bench/build-data.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return SCALE;
}

/** The first `n` records of the scale corpus as a file of its own. */
export function scaleSlice(n, path) {
  const lines = readFileSync(scaleCorpus(), 'utf8').split('\n').filter(Boolean);
  writeFileSync(path, lines.slice(0, n).join('\n') + '\n');
  return path;
}

// The Chromium renderer processes (the tabs and their workers) started by
// this Node process. Linux only; none elsewhere.
function rendererPids() {
  if (!existsSync('/proc/self/stat')) return [];
  const parent = new Map();
  const renderer = new Set();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderer.add(pid);
    } catch { /* the process ended */ }
  }
  const mine = (pid) => {
    for (let p = pid, i = 0; p && p !== '0' && i < 64; p = parent.get(p), i++) if (p === String(process.pid)) return true;
    return false;
  };
  return [...renderer].filter(mine);
}

// Resident memory of the Chromium renderer processes started by this Node
// process (the tab and its worker), in bytes. Linux only; 0 elsewhere.
export function rendererRss() {
  let rss = 0;
  for (const pid of rendererPids()) {
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      if (m) rss += Number(m[1]) * 1024;
    } catch { /* the process ended */ }
  }
  return rss;
}

/** Private memory (Private_Clean + Private_Dirty, from smaps_rollup) of
 *  the Chromium renderer processes started by this Node process: the
 *  tab's page, its workers and their wasm. Linux only; 0 elsewhere. */
export function rendererPrivate() {
  let total = 0;
  for (const pid of rendererPids()) {
    try {
      const t = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      for (const m of t.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) total += Number(m[1]) * 1024;
    } catch { /* the process ended */ }
  }
  return total;
}

/** Starts recording main-thread stalls in the page: the longest gap between
 *  animation frames and the worst lateness of a 50 ms timer. */
export async function watchStalls(page) {
  await page.evaluate(() => {
    const w = (window.__stalls = { frame: 0, timer: 0, frames: 0 });
    let last = performance.now();
    const frame = (t) => {
      w.frame = Math.max(w.frame, t - last);
      w.frames++;
      last = t;
      if (!w.stop) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    let due = performance.now() + 50;
    w.timerId = setInterval(() => {
      const now = performance.now();
      w.timer = Math.max(w.timer, now - due);
      due = now + 50;
    }, 50);
  });
}

export async function stopStalls(page) {
  return page.evaluate(() => {
    const w = window.__stalls;
    w.stop = true;
    clearInterval(w.timerId);
    return { frame: w.frame, timer: w.timer, frames: w.frames };
  });
}

/**
 * Imports `file` through the Import view's file picker and waits for the
 * report. Samples the progress text, the page's JS heap and the renderer
 * memory while it runs. Returns the figures.
 */
export async function importThroughPage(page, file, { timeout = 20 * 60 * 1000 } = {}) {
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  const bytes = statSync(file).size;
  await watchStalls(page);
  const progress = [];
  let peakHeap = 0;
  let peakRss = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      try {
        const s = await page.evaluate(() => ({
          text: document.querySelector('#progress-text')?.textContent || '',
          value: document.querySelector('#progress-bar')?.value ?? 0,
          hidden: document.querySelector('#progress')?.hidden,
          heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
        }));
        if (!s.hidden && (!progress.length || progress.at(-1).text !== s.text)) progress.push({ t: performance.now(), text: s.text, value: s.value });
        peakHeap = Math.max(peakHeap, s.heap);
      } catch { /* navigation or a closed page */ }
      peakRss = Math.max(peakRss, rendererRss());
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const t0 = performance.now();
  await page.locator('#pick-files').setInputFiles(file);
  const summary = page.locator('#import-report .summary');
  await summary.waitFor({ timeout });
  const ms = performance.now() - t0;
  sampling = false;
  await sampler;
  const stalls = await stopStalls(page);
  const text = await summary.textContent();
  const added = Number(text.match(/Imported ([\d,]+)/)[1].replace(/,/g, ''));
  const dups = Number((text.match(/([\d,]+) duplicate/) || [0, '0'])[1].replace(/,/g, ''));
  const errors = Number((text.match(/([\d,]+) could not be imported/) || [0, '0'])[1].replace(/,/g, ''));
  const alerts = await page.locator('#import-report [role=alert]').allTextContents();
  // From the first "Saving" progress text to the report (±250 ms).
  const saving = progress.find((p) => /^Saving/.test(p.text));
  const saveMs = saving ? t0 + ms - saving.t : NaN;
  return { ms, bytes, added, dups, errors, summary: text, alerts, saveMs, progress, stalls, peakHeap, peakRss };
}

/** Types `q` in the search box; resolves to the milliseconds until the
 *  result count shows. */
export async function searchLatency(page, q) {
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  const t0 = performance.now();
  await page.locator('#q').fill(q);
  await page.waitForFunction(() => /result/.test(document.querySelector('#side-heading').textContent));
  const ms = performance.now() - t0;
  const heading = await page.locator('#side-heading').textContent();
  await page.locator('#q').fill('');
  await page.waitForFunction(() => /^Documents/.test(document.querySelector('#side-heading').textContent));
  return { ms, heading };
}

/** Opens each view in turn; for each, the milliseconds until the worker has
 *  answered and the page has painted, and the longest main-thread stall. */
export async function viewTimes(page, views = ['Documents', 'People', 'Timeline', 'Analytics', 'Documents']) {
  const out = [];
  for (const name of views) {
    await watchStalls(page);
    const t0 = performance.now();
    await page.locator('.tabs a', { hasText: name }).click();
    await page.waitForFunction(() => document.body.dataset.busy !== 'true', null, { timeout: 10 * 60 * 1000, polling: 50 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const ms = performance.now() - t0;
    const stalls = await stopStalls(page);
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    out.push({ name, ms, stall: Math.max(stalls.frame, stalls.timer), nodes });
  }
  return out;
}

/** Bytes of the corpus stored in IndexedDB: its segments (www/store.js),
 *  or a snapshot stored before segments. */
export async function storedBytes(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('lede', 1);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const store = db.transaction('corpus', 'readonly').objectStore('corpus');
      const segs = store.get('segments');
      const old = store.get('snapshot');
      old.onsuccess = () => {
        db.close();
        if (segs.result) resolve(segs.result.segments.reduce((n, s) => n + s.bytes, 0));
        else resolve(old.result ? old.result.bytes ?? old.result.byteLength : 0);
      };
      old.onerror = () => { db.close(); reject(old.error); };
    };
  }));
}
