// A crashed engine worker is replaced: the requests it had not answered
// fail with a clear error, the new worker restores the corpus stored in
// this browser, the page says what happened, and search works again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const engineWorker = (page) => page.workers().find((w) => w.url().endsWith('/worker.js'));

test('a worker that crashes is restarted with the stored corpus and a message', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  // A sixth document, saved in this browser.
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#paste-text').fill('Harbour reopens at Quillon\n\nThe harbour of Quillon reopened on Monday after the storm damage was repaired.');
  await page.locator('#paste-form button').click();
  await page.locator('#status', { hasText: 'Imported 1 document(s)' }).waitFor();
  // Every status line shown from here on.
  await page.evaluate(() => {
    self.statuses = [];
    const el = document.querySelector('#status');
    new MutationObserver(() => self.statuses.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
  });
  const before = engineWorker(page);
  assert.ok(before, page.workers().map((w) => w.url()).join(' '));
  assert.equal(await page.locator('#alert').isVisible(), false);

  // The worker is busy (a long task), a search waits for it, then an
  // uncaught error in the worker crashes it.
  await before.evaluate(() => {
    setTimeout(() => {
      const t = Date.now();
      while (Date.now() - t < 2000) { /* busy */ }
      throw new Error('crash test: an uncaught error in the worker');
    });
  });
  await page.locator('#q').fill('Quillon');
  const alert = page.locator('#alert');
  await alert.locator('p', { hasText: /^The engine stopped \(.*crash test: an uncaught error in the worker\) and was restarted: the corpus \(6 documents\) was restored from this browser's storage/ }).waitFor();
  assert.equal(await alert.locator('p').getAttribute('role'), 'alert');
  await page.screenshot({ path: `${SHOTS}/engine-restart.png` });
  // The waiting search failed with a clear error, not silently.
  const statuses = await page.evaluate(() => self.statuses);
  assert.ok(statuses.some((t) => /^Search failed: the engine stopped \(.*crash test.*\) before answering; it is restarting/.test(t)), statuses.join('\n'));
  await page.locator('#status', { hasText: '6 documents loaded after the engine restarted.' }).waitFor();

  // A new worker answers, with the stored corpus.
  await page.waitForFunction(() => document.body.dataset.busy === 'false');
  assert.notEqual(engineWorker(page), before, 'a new worker');
  // The search that failed is not sent again by itself (it may be what
  // crashed the engine); asked again, it finds the stored document.
  await page.locator('#q').fill('');
  await page.locator('#q').fill('Quillon');
  await page.locator('#list .hit-item', { hasText: 'Harbour reopens at Quillon' }).waitFor();
  await page.locator('#q').fill('');
  await page.locator('#side-heading', { hasText: 'Documents (6)' }).waitFor();
  assert.equal(await page.locator('#list .item').count(), 6);
  await page.locator('#q').fill('Lavrov');
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();
  await alert.locator('button', { hasText: 'Dismiss' }).click();
  assert.equal(await alert.isVisible(), false);
  page.check();
  await context.close();
});
