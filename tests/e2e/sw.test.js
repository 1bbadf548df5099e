// The service worker: a file the server still has in the same version is
// answered from the worker's cache (a reload does not stream the 4 MB wasm
// through the worker again), a changed file is picked up at once, and the
// changed copy is what the page gets offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, launch, openPage, ready } from './harness.js';

let server, browser, dir;
before(async () => {
  // A copy of the page, so that the test can change one of its files.
  dir = mkdtempSync(join(tmpdir(), 'lede-sw-'));
  cpSync(`${ROOT}www`, dir, { recursive: true });
  server = await startServer(dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// What the page gets for `path` now: the body's length, a marker in it, and
// the Date header of the answer (the cached copy keeps the date it was
// fetched on).
const get = (page, path) => page.evaluate(async (p) => {
  const res = await fetch(p);
  const text = await res.text();
  return { date: res.headers.get('date'), length: text.length, marked: text.includes('/* changed by the test */') };
}, path);

test('unchanged files come from the service worker cache; a changed file at once, and offline', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller || navigator.serviceWorker?.ready.then(() => true));
  await page.reload(); // controlled by the worker from here
  await ready(page);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page is controlled by the service worker');

  const first = await get(page, 'style.css');
  await page.waitForTimeout(1100); // HTTP dates step by a second
  const again = await get(page, 'style.css');
  assert.equal(again.date, first.date, 'an unchanged file is answered from the cache (the date it was cached on)');
  assert.equal(again.length, first.length);

  // A new version of the file on the server: served at once, then cached.
  appendFileSync(join(dir, 'style.css'), '\n/* changed by the test */\n');
  const changed = await get(page, 'style.css');
  assert.ok(changed.marked, 'a changed file is picked up at once');
  assert.notEqual(changed.date, first.date);
  await page.reload();
  await ready(page);
  assert.ok(await page.evaluate(() => [...document.styleSheets].some((s) => s.href?.endsWith('style.css'))));
  await context.setOffline(true);
  const offline = await get(page, 'style.css');
  assert.ok(offline.marked, 'offline, the cache holds the changed copy');
  await page.reload();
  await ready(page);
  assert.ok(await page.locator('#list .item').count() > 0, 'the page works offline');
  await context.setOffline(false);
  page.check();
  await context.close();
});
