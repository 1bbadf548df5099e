// Saved searches and history (issue 16, item 1): save the current search,
// import more, see "N new since …", open it (the new ones are then seen);
// the search box offers recent searches; both survive a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function search(page, q) {
  await page.locator('#q').fill(q);
  await page.locator('#q').press('Enter');
  await page.waitForFunction((w) => (document.querySelector('#understood').textContent || '').includes(w), q.toLowerCase());
}

test('save a search, import more, see what is new; history in the search box', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await search(page, 'Stoltenberg');
  await search(page, 'Lavrov');
  // Saved by keyboard: open the box, name it, Enter.
  await page.locator('#saved-summary').click();
  await page.locator('#save-name').fill('Lavrov watch');
  await page.locator('#save-name').press('Enter');
  await page.locator('#saved-list li', { hasText: 'Lavrov watch' }).waitFor();
  const before = await page.locator('#saved-list li').first().textContent();
  assert.match(before, /Lavrov watch \d+ matches/);
  assert.doesNotMatch(before, /new since/);

  // An import on top: one more document quotes Lavrov.
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#paste-text').fill('Lavrov speaks again\n\nSergey Lavrov said on Tuesday that the talks would go on, a new statement.');
  await page.locator('#paste-form button').click();
  await page.locator('#import-report .summary', { hasText: 'Imported 1' }).waitFor();
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#saved-list li', { hasText: '1 new since' }).waitFor();
  assert.match(await page.locator('#saved-summary').textContent(), /Saved searches \(1\) — 1 new/);
  await page.screenshot({ path: `${SHOTS}/saved.png` });

  // Opening it runs the search (the new document among the results); then nothing is new.
  await page.locator('#saved-list li a', { hasText: 'Lavrov watch' }).click();
  await page.locator('#list .hit-item', { hasText: 'Lavrov speaks again' }).waitFor();
  await page.waitForFunction(() => !/new since/.test(document.querySelector('#saved-list').textContent));

  // History: the search box offers the recent searches, newest first.
  const offered = await page.locator('#q-history option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(offered.slice(0, 2), ['Lavrov', 'Stoltenberg']);

  // Both survive a reload; Remove takes a saved search away.
  await page.reload();
  await ready(page);
  await page.locator('#saved-summary').click();
  await page.locator('#saved-list li', { hasText: 'Lavrov watch' }).waitFor();
  assert.ok(await page.locator('#q-history option[value="Lavrov"]').count());
  await page.locator('#saved-list button', { hasText: 'Remove' }).click();
  await page.locator('#saved-list li', { hasText: 'None yet' }).waitFor();
  // The corpus is a stored segment now: its flags were saved with it.
  await search(page, 'flag:quote-differs');
  await page.locator('#list .hit-item', { hasText: 'Russia sees options for dialogue' }).waitFor();
  await page.locator('#facets .facet[aria-label="Flags"] .chip', { hasText: 'quote-differs' }).waitFor();
  page.check();
  await context.close();
});
