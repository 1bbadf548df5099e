// The single-file build works opened from disk (file://).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, openPage, ready, SHOTS, ROOT } from './harness.js';

let browser;
before(async () => {
  execFileSync('python3', [`${ROOT}tools/dist.py`, `${ROOT}www`, `${ROOT}target/dist/lede.html`]);
  browser = await launch();
});
after(async () => { await browser?.close(); });

test('dist/lede.html opened via file:// shows the seeds', async () => {
  const url = `file://${ROOT}target/dist/lede.html`;
  const { context, page } = await openPage(browser, url);
  await page.goto(url);
  await ready(page);
  assert.equal(await page.locator('#list .item').count(), 5);
  await page.locator('#list .item a').first().click();
  await page.locator('#doc-title').waitFor();
  await page.screenshot({ path: `${SHOTS}/dist.png` });
  page.check();
  await context.close();
});
