// The network of the seeds (issue 16, item 4): the Network view draws the
// graph and its table; Lavrov is linked to Stoltenberg and to Blinken in
// both; hovering a row highlights the node's neighbours; the GEXF export
// parses as XML with a <node> per name; clicking Lavrov's node opens him
// in People; a search narrows the graph; axe-core finds nothing; at phone
// width the graph fits. One page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, openPage, ready, SHOTS, AXE } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('the seeds network links Lavrov to Stoltenberg and Blinken, exports GEXF, opens People', async () => {
  const { page } = await openPage(browser, server.url, { context: { acceptDownloads: true } });
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Network' }).click();
  await page.locator('#network-graph svg.network circle.node').first().waitFor();
  const nodes = await page.locator('#network-graph circle.node').count();
  assert.equal(await page.locator('#network-rows tr').count(), nodes);

  // The table: Lavrov's connections (the strongest, then all of them
  // behind a disclosure, opened by keyboard) name both.
  const lavrovRow = page.locator('#network-rows tr', { has: page.locator('th', { hasText: 'Lavrov' }) }).first();
  const more = lavrovRow.locator('td.strongest summary');
  if (await more.count()) { await more.focus(); await page.keyboard.press('Enter'); }
  const strongest = await lavrovRow.locator('td.strongest').innerText();
  assert.match(strongest, /Stoltenberg/, strongest);
  assert.match(strongest, /Blinken/, strongest);

  // The SVG: an edge joins Lavrov's circle to each of theirs.
  const linked = await page.evaluate(() => {
    // The largest node of that name (the lowest id).
    const id = (part) => String(Math.min(...[...document.querySelectorAll(`#network-graph circle.node[data-label*="${part}"]`)].map((c) => Number(c.dataset.id))));
    const lavrov = id('Lavrov');
    const joins = (other) => [...document.querySelectorAll('#network-graph line.edge')].some((l) =>
      (l.dataset.source === lavrov && l.dataset.target === other) || (l.dataset.target === lavrov && l.dataset.source === other));
    return { lavrov, stoltenberg: joins(id('Stoltenberg')), blinken: joins(id('Blinken')) };
  });
  assert.deepEqual({ ...linked, lavrov: undefined }, { lavrov: undefined, stoltenberg: true, blinken: true });

  // Hovering his row highlights him and his neighbours, not everyone.
  await lavrovRow.hover();
  const hi = await page.locator('#network-graph circle.node.hi').count();
  assert.ok(hi > 2, `${hi} of ${nodes} highlighted`);
  assert.ok(await page.locator('#network-graph svg.network.focused').count());
  // (Lavrov is quoted about everyone in the seeds; the smallest name is not.)
  await page.locator('#network-rows tr').last().hover();
  const few = await page.locator('#network-graph circle.node.hi').count();
  assert.ok(few >= 1 && few < nodes, `${few} of ${nodes} highlighted`);
  await lavrovRow.hover();
  await page.screenshot({ path: `${SHOTS}/network.png` });
  await page.locator('#network-graph').screenshot({ path: `${SHOTS}/network-graph.png` });

  // axe-core on the view.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(found, [], 'axe-core on the network view');

  // GEXF: well-formed XML (the page's DOMParser) with one <node> per name.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#network-gexf').click()]);
  assert.equal(dl.suggestedFilename(), 'network.gexf');
  const gexf = readFileSync(await dl.path(), 'utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    return {
      error: doc.getElementsByTagName('parsererror').length,
      nodes: doc.getElementsByTagName('node').length,
      edges: doc.getElementsByTagName('edge').length,
      labels: [...doc.getElementsByTagName('node')].map((n) => n.getAttribute('label')),
    };
  }, gexf);
  assert.equal(parsed.error, 0);
  assert.equal(parsed.nodes, nodes);
  assert.equal(parsed.edges, await page.locator('#network-graph line.edge').count());
  assert.ok(parsed.labels.some((l) => /Lavrov/.test(l)));

  // The CSV edge list: a header and one row per edge.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#network-csv').click()]);
  const lines = readFileSync(await csv.path(), 'utf8').trim().split('\n');
  assert.equal(lines[0], 'source,target,kind,weight');
  assert.equal(lines.length - 1, parsed.edges);

  // Clicking Lavrov's node opens him in People.
  await page.locator(`#network-graph circle.node[data-id="${linked.lavrov}"]`).click({ force: true });
  await page.locator('#view-people:not([hidden])').waitFor();
  await page.locator('#person h2', { hasText: 'Lavrov' }).waitFor();
  assert.match(page.url(), /view=people&.*person=.*Lavrov/);

  // A search narrows the graph (the scope): fewer names.
  await page.locator('#q').fill('outlet:TASS');
  await page.locator('#q').press('Enter');
  await page.locator('.tabs a', { hasText: 'Network' }).click();
  await page.locator('#view-network [data-scope-banner]', { hasText: 'matching' }).waitFor();
  await page.waitForFunction((n) => {
    const c = document.querySelectorAll('#network-graph circle.node').length;
    return c > 0 && c < n;
  }, nodes);
  // Phone width: the graph scales to the screen, the page does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 800 });
  const fit = await page.evaluate(() => ({
    svg: document.querySelector('#network-graph svg').getBoundingClientRect().width,
    page: document.documentElement.scrollWidth,
  }));
  assert.ok(fit.svg > 200 && fit.svg <= 390 && fit.page <= 390, JSON.stringify(fit));
  await page.screenshot({ path: `${SHOTS}/network-phone.png` });
  page.check();
});
