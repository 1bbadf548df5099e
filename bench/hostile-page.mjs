// Hostile inputs in the real page (issue 13): each case generated here,
// given to the page as a user would (a file picked, a query typed, a link
// opened, storage tampered with), timed from the action to the page's
// answer, with the peak of the tab's private memory (the renderer
// processes: page, workers, wasm; Private_Clean + Private_Dirty, sampled
// every 50 ms) over what it was just before. After each case the same
// session must still search, open a document and import: the outcome
// column says whether it did.
// Prints a Markdown section (`make bench` puts it into BENCHMARKS.md as
// hostile-page).
// usage: node bench/hostile-page.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ready } from '../tests/e2e/harness.js';
import { rendererPrivate } from './scale-page.mjs';

const log = (...a) => console.error(...a);
const mb = (b) => `${(b / 1e6).toFixed(0)} MB`;
const secs = (ms) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const dir = mkdtempSync(join(tmpdir(), 'lede-hostile-'));

// Samples the tab's private memory until stopped: its peak.
function sampler() {
  let peak = rendererPrivate();
  const timer = setInterval(() => { peak = Math.max(peak, rendererPrivate()); }, 50);
  return () => { clearInterval(timer); return Math.max(peak, rendererPrivate()); };
}

async function importFiles(page, files, timeout = 600000) {
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles(files);
  const summary = page.locator('#import-report .summary');
  await summary.waitFor({ timeout });
  const notes = await page.locator('#import-report .notes li, #import-report .errors li').allTextContents();
  return `${await summary.textContent()} ${notes.slice(0, 2).map((n) => `“${n.length > 160 ? `${n.slice(0, 160)}…` : n}”`).join(' ')}`;
}

async function typed(page, q) {
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill(q);
  await page.locator('body[data-busy="false"]').waitFor({ timeout: 600000 });
  await page.locator('#understood').waitFor({ state: 'attached' });
  const understood = (await page.locator('#understood').textContent()).trim();
  return `${(await page.locator('#side-heading').textContent()).trim()}; “${understood.length > 160 ? `${understood.slice(0, 160)}…` : understood}”`;
}

// Whether the session still searches, opens and imports.
let n = 0;
async function stillWorks(page) {
  n += 1;
  try {
    await page.locator('.tabs a', { hasText: 'Documents' }).click();
    await page.locator('#q').fill('Lavrov');
    await page.locator('#side-heading', { hasText: /^\d+ results?/ }).waitFor({ timeout: 30000 });
    await page.locator('#list .hit-item a').first().click();
    await page.locator('#doc-title').waitFor({ timeout: 30000 });
    await page.locator('.tabs a', { hasText: 'Import' }).click();
    await page.locator('#paste-text').fill(`Check ${n}\n\nThe harbour check number ${n} passed on Tuesday.`);
    await page.locator('#paste-form button').click();
    await page.locator('#import-report .summary', { hasText: 'Imported 1 document(s)' }).waitFor({ timeout: 30000 });
    return 'session searches, opens and imports after';
  } catch (err) {
    return `**session broken after**: ${err.message.split('\n')[0]}`;
  }
}

// A stored zip of `members` × `size` bytes of text, made by Python's zipfile.
function zipOf(members, size, name) {
  const path = join(dir, name);
  execFileSync('python3', ['-c', `import zipfile,sys
n,size=int(sys.argv[2]),int(sys.argv[3])
line=b"the harbour council met again and talked about fees for boats on Monday\\n"
body=line*(size//len(line))
with zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED,compresslevel=9) as z:
    for i in range(n): z.writestr(f"m{i}.txt", b"Member %d\\n\\n" % i + body)`, path, String(members), String(size)]);
  return path;
}

const weekdays = (bytes) => {
  const words = ['the', 'harbour', 'council', 'met', 'again', 'and', 'talked', 'about', 'fees', 'for', 'boats', 'Monday'];
  const out = [];
  for (let i = 0, len = 0; len < bytes; i++) { out.push(words[i % words.length]); len += words[i % words.length].length + 1; }
  return `A very long minute\n\nLONDON, 3 March 2022. ${out.join(' ')}\n`;
};

const CASES = [
  ['5,000 nested `<div>`s (55 KB HTML)', async (page) => importFiles(page, { name: 'nested.html', mimeType: 'text/html', buffer: Buffer.from(`${'<div>'.repeat(5000)}<p>The quarry at Oakhurst closed.</p>${'</div>'.repeat(5000)}`) })],
  ['10,000 nested tables (330 KB HTML)', async (page) => importFiles(page, { name: 'tables.html', mimeType: 'text/html', buffer: Buffer.from(`${'<table><tr><td>'.repeat(10000)}Deep cell text about the ferry.${'</td></tr></table>'.repeat(10000)}`) })],
  ['100,000 unclosed `<div>`s (500 KB HTML)', async (page) => importFiles(page, { name: 'unclosed.html', mimeType: 'text/html', buffer: Buffer.from(`${'<div>'.repeat(100000)}The unclosed text about a bridge.`) })],
  ['zip of 16 members × 65 MB of text (the report\'s bomb)', async (page, _, path) => `${(readFileSync(path).length / 1e6).toFixed(1)} MB zip: ${await importFiles(page, [path])}`,
    () => zipOf(16, 65 << 20, 'bomb65.zip')],
  ['zip of 16 members × 20 MB of text (within the per-file limit)', async (page, _, path) => `${(readFileSync(path).length / 1e6).toFixed(1)} MB zip: ${await importFiles(page, [path])}`,
    () => zipOf(16, 20 << 20, 'bomb20.zip')],
  ['3,000 nested parentheses typed in the search box', (page) => typed(page, `${'('.repeat(3000)}Lavrov${')'.repeat(3000)}`)],
  ['20,000 nested parentheses in a `#q=` link', async (page, url) => {
    await page.goto(`${url}#q=${encodeURIComponent(`${'('.repeat(20000)}Lavrov${')'.repeat(20000)}`)}`);
    await ready(page);
    await page.locator('#understood', { hasText: /nest/i }).waitFor();
    return `“${(await page.locator('#understood').textContent()).trim().slice(0, 160)}”`;
  }],
  ['`a* OR a* …` 10,000 characters typed', (page) => typed(page, Array.from({ length: 3300 }, () => 'a*').join(' OR '))],
  ['30 MB one-paragraph document, a weekday every 12 words: imported, opened, its dates marked', async (page, _, path) => {
    const report = await importFiles(page, [path]);
    const t0 = Date.now();
    await page.locator('.tabs a', { hasText: 'Documents' }).click();
    await page.locator('#q').fill('');
    await page.locator('#list .item a', { hasText: 'A very long minute' }).click();
    await page.locator('#doc-title', { hasText: 'A very long minute' }).waitFor({ timeout: 120000 });
    const openMs = Date.now() - t0;
    await page.locator('.doc-body time.timex').first().waitFor({ timeout: 600000 });
    return `${report}; reader ${secs(openMs)}, dates marked ${secs(Date.now() - t0)} after the click`;
  }, () => {
    const path = join(dir, 'long.txt');
    writeFileSync(path, weekdays(30 << 20));
    return path;
  }],
];

const server = await startServer();
const browser = await launch();
const rows = [];
try {
  for (const [name, run, prepare] of CASES) {
    // The input is made before the clock starts.
    const input = prepare ? prepare() : null;
    const { context, page } = await openPage(browser, server.url);
    await page.goto(server.url);
    await ready(page);
    await new Promise((r) => setTimeout(r, 1000));
    const before = rendererPrivate();
    const stop = sampler();
    const t0 = Date.now();
    let outcome;
    try {
      outcome = await run(page, server.url, input);
    } catch (err) {
      outcome = `**failed**: ${err.message.split('\n')[0]}`;
    }
    const ms = Date.now() - t0;
    const peak = stop();
    const after = await stillWorks(page);
    log(name, secs(ms), mb(peak - before), outcome, after);
    rows.push(`| ${name} | ${secs(ms)} | +${mb(Math.max(0, peak - before))} (peak ${mb(peak)}) | ${outcome.replace(/\|/g, '\\|').replace(/\n/g, ' ')}; ${after} |`);
    await context.close();
  }
} finally {
  await browser.close();
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`## Hostile inputs in the page (issue 13; measured)

\`node bench/hostile-page.mjs\` (part of \`make bench\`): each input generated by the script and given to the page as a user would; release wasm, headless Chromium, ${new Date().toISOString().slice(0, 10)}, shared 2-core machine. Time is from the action (files picked, query typed, link opened) to the page's answer; memory is the tab's private memory (renderer processes: page, workers, wasm; smaps_rollup), its peak during the case over what it was just before (a fresh tab with the sample). After each case the same tab searches, opens a document and imports a pasted text.

| case | time | tab private memory | outcome |
|---|---|---|---|
${rows.join('\n')}`);
