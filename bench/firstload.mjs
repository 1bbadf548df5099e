// The page's first load (issue 12, a lighter first load): every file the
// page and its worker fetch until the first screen is up and a search on
// the seeds has answered (bytes as served and gzipped -9, as a static host
// would send them), then the files fetched after it (the data loaded on
// first use: the entity model is held back until the search has answered,
// so the figure is what search needs, not what happened to arrive first),
// and the time from navigation to the first search results (median of RUNS
// cold loads: a fresh context, no service worker).
// usage: node bench/firstload.mjs [WWW_DIR]  → prints a Markdown section.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch, startServer, ROOT } from '../tests/e2e/harness.js';

const WWW = process.argv[2] || join(ROOT, 'www');
const RUNS = 5;

const server = await startServer(WWW);
const browser = await launch();
const sizes = (path) => {
  const b = readFileSync(join(WWW, path === '' ? 'index.html' : path));
  return { raw: b.length, gz: gzipSync(b, { level: 9 }).length };
};
let first = null, later = null;
const times = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const seen = [];
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route('**/pkg/ner.bin', async (route) => { await held; await route.continue(); });
  context.on('request', (r) => { if (r.url().startsWith(server.url)) seen.push(new URL(r.url()).pathname.slice(1)); });
  const t0 = Date.now();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.locator('#q').fill('security');
  await page.locator('#list .hit-item').first().waitFor({ timeout: 60000 });
  times.push(Date.now() - t0);
  const upToSearch = [...new Set(seen)].filter((p) => !p.endsWith('ner.bin'));
  release();
  await page.waitForTimeout(1500);
  if (run === 0) {
    first = upToSearch;
    later = [...new Set(seen)].filter((p) => !upToSearch.includes(p));
  }
  await context.close();
}
await browser.close();
server.stop();

const fmt = (n) => n.toLocaleString('en-US');
const rows = (list) => list.map((p) => ({ p: p || 'index.html', ...sizes(p) }));
const firstRows = rows(first);
const sum = (rs, k) => rs.reduce((s, r) => s + r[k], 0);
const wasm = firstRows.filter((r) => r.p.endsWith('.wasm'));
times.sort((a, b) => a - b);
const out = [];
out.push(`First load of \`${WWW.replace(ROOT, '')}\` (\`node bench/firstload.mjs\`; headless Chromium, loopback, cold cache, no service worker):`);
out.push('');
out.push('| what | files | bytes | gzipped -9 |');
out.push('|---|---|---|---|');
out.push(`| first screen + first search | ${firstRows.length} | ${fmt(sum(firstRows, 'raw'))} | ${fmt(sum(firstRows, 'gz'))} |`);
out.push(`| of which wasm | ${wasm.length} | ${fmt(sum(wasm, 'raw'))} | ${fmt(sum(wasm, 'gz'))} |`);
out.push(`| of which JS, CSS, HTML, data | ${firstRows.length - wasm.length} | ${fmt(sum(firstRows, 'raw') - sum(wasm, 'raw'))} | ${fmt(sum(firstRows, 'gz') - sum(wasm, 'gz'))} |`);
const laterRows = rows(later);
for (const r of laterRows) out.push(`| after it (on first use): ${r.p} | 1 | ${fmt(r.raw)} | ${fmt(r.gz)} |`);
out.push('');
out.push(`Navigation to the first search results on the seeds ("security"): median ${times[Math.floor(RUNS / 2)]} ms of ${RUNS} (${times.join(', ')} ms).`);
out.push('');
out.push(`First-screen files: ${firstRows.map((r) => `${r.p} ${fmt(r.gz)}`).join(', ')} (gzipped bytes).`);
console.log(out.join('\n'));
