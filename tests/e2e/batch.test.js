// Batch search (issue 16, item 2): five names pasted into Analytics, one a
// line, run at once over the sample: a table of matches per name, by
// outlet and by month, links to the matches, and the CSV (its cells safe
// from formula injection). By keyboard; axe-core clean. Then keyness of
// any two sets (item 4): this search against that one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, openPage, ready, SHOTS, parseCsv, AXE } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('batch search: five names, a table by outlet and month, links, CSV; keyness of two searches', async () => {
  const { context, page } = await openPage(browser, server.url, { context: { acceptDownloads: true } });
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Analytics' }).click();
  // Typed, as a reporter pastes a list: one line is a full query, one a
  // hostile "name" that must reach the CSV neutralised.
  await page.locator('#batch-terms').focus();
  await page.keyboard.insertText('Sergey Lavrov\nJens Stoltenberg\nspeaker:Blinken\n"security guarantees"\n=HYPERLINK("http://x")');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const rows = page.locator('#batch-out table.batch tbody tr');
  await rows.nth(4).waitFor();
  assert.equal(await rows.count(), 5);
  const cells = async (i) => page.locator('#batch-out table.batch tbody tr').nth(i).locator('th, td').allTextContents();
  const lavrov = await cells(0);
  assert.equal(lavrov[0], 'Sergey Lavrov');
  assert.ok(Number(lavrov[1]) >= 4, lavrov.join(' | '));
  const head = await page.locator('#batch-out table.batch thead th').allTextContents();
  assert.ok(head.includes('TASS') && head.includes('Sputnik'), head.join(' | '));
  // Lavrov's row counts by outlet add up to his matches (every seed has one outlet).
  const byOutlet = lavrov.slice(4).map(Number).reduce((a, b) => a + b, 0);
  assert.equal(byOutlet, Number(lavrov[1]));
  assert.ok(await page.locator('#batch-out tbody tr').first().locator('svg.sparkbars rect').count() >= 2);
  const hostile = await cells(4);
  assert.equal(hostile[1], '0');
  await page.screenshot({ path: `${SHOTS}/batch.png`, fullPage: true });

  // axe-core clean with the table shown.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await window.axe.run(document.querySelector('#view-analytics'))).violations.map((v) => v.id));
  assert.deepEqual(found, []);

  // The CSV: one row per line, outlet and month columns, the hostile cell neutralised.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#batch-out button', { hasText: 'Export CSV' }).click()]);
  const [csvHead, ...csv] = parseCsv(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(csvHead.slice(0, 2), ['search', 'matches']);
  assert.ok(csvHead.some((c) => c === 'outlet: TASS') && csvHead.some((c) => /^month: 2022-0\d$/.test(c)), csvHead.join(' | '));
  assert.equal(csv.length, 5);
  assert.equal(csv[0][0], 'Sergey Lavrov');
  assert.equal(csv[0][1], lavrov[1]);
  assert.ok(csv[4][0].startsWith("'="), csv[4][0]);

  // Keyness of any two sets: this search against that one.
  await page.locator('#key-a').fill('outlet:TASS OR outlet:Sputnik');
  await page.locator('#key-b').fill('outlet:"Anadolu Agency"');
  await page.locator('#key-form button[type=submit]').click();
  await page.locator('#key-out table tbody tr').first().waitFor();
  const keyHead = await page.locator('#key-out thead th').allTextContents();
  assert.deepEqual(keyHead.slice(0, 3), ['term', '“outlet:TASS OR outlet:Sputnik”', '“outlet:"Anadolu Agency"”']);
  assert.match(await page.locator('#key-out .doc-meta').textContent(), /: 2 documents .* against the documents matching/);
  // A search that matches nothing says so.
  await page.locator('#key-a').fill('zzzznothing');
  await page.locator('#key-form button[type=submit]').click();
  await page.locator('#key-out .error', { hasText: 'zzzznothing' }).waitFor();
  await page.locator('#key-a').fill('');
  await page.locator('#key-b').fill('');

  // A count opens its search; a first match opens the document.
  await page.locator('#batch-out tbody tr').nth(1).locator('td.num a').first().click();
  await page.waitForFunction(() => (document.querySelector('#q')?.value || '') === 'Jens Stoltenberg' && document.querySelector('#list .hit-item'));
  await page.locator('.tabs a', { hasText: 'Analytics' }).click();
  await page.locator('#batch-out .batch-hits a').first().click();
  await page.waitForFunction(() => (document.querySelector('#doc-title')?.textContent || '').length > 10);
  page.check();
  await context.close();
});
