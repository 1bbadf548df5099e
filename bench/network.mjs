// The Network view at 500 nodes in the real page (headless Chromium): a
// slice of the scale corpus (BBC + Reuters + …) imported through the page,
// then the Network tab opened; the times are those network.js records on
// the graph box: the engine's build and force-directed layout (in the
// worker, including the message round trip) and the SVG drawing plus the
// table, and the wall clock from the click to the drawn graph.
// usage: node bench/network.mjs [records]   (default 2000)
//   → prints a Markdown section (`make bench` puts it into BENCHMARKS.md as network-page).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS } from '../tests/e2e/harness.js';
import { scaleSlice, importThroughPage } from './scale-page.mjs';

const n = Number(process.argv[2]) || 2000;
const file = scaleSlice(n, join(tmpdir(), `lede-scale-${n}.jsonl`));
const server = await startServer();
const browser = await launch();
try {
  const { page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await importThroughPage(page, file);
  const docs = (await page.locator('#corpus-info').textContent()).match(/^[\d,]+ documents/)[0];
  const runs = [];
  for (const max of ['500', '250', '500']) {
    if (runs.length === 0) {
      const t0 = performance.now();
      await page.locator('.tabs a', { hasText: 'Network' }).click();
      await page.waitForFunction(() => document.querySelector('#network-graph')?.dataset.drawMs && !document.querySelector('#network-graph[aria-busy]'), null, { timeout: 120000 });
      runs.push({ max, wall: performance.now() - t0 });
    } else {
      await page.evaluate(() => { delete document.querySelector('#network-graph').dataset.drawMs; });
      const t0 = performance.now();
      await page.locator('#network-max').selectOption(max);
      await page.waitForFunction(() => document.querySelector('#network-graph')?.dataset.drawMs && !document.querySelector('#network-graph[aria-busy]'), null, { timeout: 120000 });
      runs.push({ max, wall: performance.now() - t0 });
    }
    const got = await page.evaluate(() => {
      const box = document.querySelector('#network-graph');
      return { layout: Number(box.dataset.layoutMs), draw: Number(box.dataset.drawMs), nodes: box.querySelectorAll('circle.node').length, edges: box.querySelectorAll('line.edge').length };
    });
    Object.assign(runs.at(-1), got);
  }
  await page.locator("#network-graph").screenshot({ path: `${SHOTS}/network-500.png` });
  page.check();
  const rows = runs.map((r) => `| ${r.nodes} | ${r.edges} | ${Math.round(r.layout)} ms | ${Math.round(r.draw)} ms | **${Math.round(r.wall)} ms** |`).join('\n');
  console.log(`## Network view at 500 nodes, in the page (issue 16)

\`node bench/network.mjs\` (part of \`make bench\`): headless Chromium, release wasm, ${new Date().toISOString().slice(0, 10)}; shared 2-core machine. Corpus: the first ${n} records of \`bench-data/scale.jsonl\` imported through the page (${docs}). The Network tab opened (whole corpus), then 250 and 500 names picked again. "Build + layout" is the worker's \`network\` call as the page awaits it (entity graph, top nodes, Fruchterman–Reingold, 200 iterations over all pairs); "draw" the SVG and the table; "wall" from the click to the drawn graph.

| nodes | edges | build + layout (worker) | draw (SVG + table) | wall |
|---|---|---|---|---|
${rows}`);
} finally {
  await browser.close();
  server.stop();
}
