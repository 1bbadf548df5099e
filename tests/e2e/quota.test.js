// A full storage quota: IndexedDB writes really fail (the origin's quota is
// lowered through the DevTools protocol). The import stays loaded in the
// tab, the page says plainly that it was not saved, and the corpus stored
// before is what a reload brings back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';
import { corpus } from '../common/corpora.mjs';

const BBC = corpus('bbc/business');

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); server?.stop(); });

test('a full storage quota is reported and leaves the stored corpus intact', async () => {
  const { context, page } = await openPage(browser, server.url);
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  await page.goto(server.url);
  await ready(page);
  // The service worker has cached the shell: storage use is settled.
  await page.evaluate(() => navigator.serviceWorker.ready);

  // The quota becomes what is used plus 400 kB. (Chromium applies an
  // override to a database opened after it, so it comes first.)
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: usage + 400 * 1024 });

  // One pasted article is saved while there is room.
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#paste-text').fill('Harbour reopens\n\nThe harbour reopened on Monday after the storm damage was repaired.');
  await page.locator('#paste-form button').click();
  await page.locator('#import-report .summary', { hasText: 'Imported 1' }).waitFor();
  assert.equal(await page.locator('#import-report [role=alert]').count(), 0, 'saved while there was room');
  const stored = Number((await page.locator('#corpus-info').textContent()).match(/^(\d+) documents/)[1]);

  const files = readdirSync(BBC).sort().slice(0, 300)
    .map((f) => ({ name: `bbc-${f}`, mimeType: 'text/plain', buffer: readFileSync(join(BBC, f)) }));
  await page.locator('#pick-files').setInputFiles(files);
  const alert = page.locator('#import-report [role=alert]');
  await alert.waitFor({ timeout: 60000 });
  assert.match(await alert.textContent(), /storage is full.*not saved.*previously stored corpus is unchanged/i);
  assert.match(await page.locator('#status').textContent(), /not saved.*storage is full/i, 'the status line says so too');
  assert.equal(await page.locator('#status').getAttribute('data-kind'), 'error');
  const summary = await page.locator('#import-report .summary').textContent();
  const added = Number(summary.match(/Imported (\d+)/)[1]);
  assert.ok(added > 30, summary);
  const loaded = Number((await page.locator('#corpus-info').textContent()).match(/^(\d+) documents/)[1]);
  assert.equal(loaded, stored + added, 'what was imported stays loaded in the tab');
  await page.locator('#q').fill('shares');
  await page.locator('#side-heading', { hasText: /result/ }).waitFor();
  await page.screenshot({ path: `${SHOTS}/quota.png` });

  // A reload brings back the corpus stored before, whole.
  await page.reload();
  await ready(page);
  assert.match(await page.locator('#corpus-info').textContent(), new RegExp(`^${stored} documents`), 'the stored corpus, whole');
  assert.match(await page.locator('#status').textContent(), /restored/);
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('');
  await page.locator('#list .item', { hasText: 'Harbour reopens' }).waitFor();

  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin });
  assert.ok(!crashed, 'the tab did not crash');
  page.check();
  await context.close();
});
