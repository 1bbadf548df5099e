// A lighter first load (issue 12): the entity model is not in the wasm but
// a data file (pkg/ner.bin) the worker fetches once the first screen is up.
// Search and the reader work before it arrives; an import waits for it and
// then extracts with it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startServer, launch, openPage, ready, SHOTS, ROOT } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('search and the reader work while the model is held back; an import waits for it', async () => {
  // No service worker: its install would fetch the model too.
  const { context, page } = await openPage(browser, server.url, { context: { serviceWorkers: 'block' } });
  let release;
  const held = new Promise((r) => { release = r; });
  let requested = 0;
  await context.route('**/pkg/ner.bin', async (route) => {
    requested += 1;
    await held;
    await route.continue();
  });
  await page.goto(server.url);
  await ready(page);
  await page.locator('#q').fill('"indivisibility of security"');
  await page.locator('#list .hit-item').first().waitFor();
  await page.locator('#list .hit-item a').first().click();
  await page.locator('.doc-body mark.hit').first().waitFor();
  for (let i = 0; i < 50 && !requested; i++) await page.waitForTimeout(100);
  assert.ok(requested >= 1, 'the model is requested once the first screen is up');
  await page.screenshot({ path: `${SHOTS}/firstload-search.png` });
  // The reader asked for the flags (statement alignment, which waits for
  // the word relations, not for the model): the next search is not held.
  await page.locator('#q').fill('Peskov');
  await page.locator('#understood', { hasText: 'Peskov' }).waitFor();
  await page.locator('#list .hit-item').first().waitFor();
  await page.locator('#q').focus();
  await page.keyboard.press('Escape');
  await page.locator('#side-heading', { hasText: /^Documents/ }).waitFor();

  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#paste-text').fill('Fjord ferry fares\n\nNorwegian Finance Minister Ingrid Solberg told reporters in Oslo on Monday that ferry fares would fall. "We will cut the fares by half," Solberg said.');
  await page.locator('#paste-form button').click();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#import-report .summary', { hasText: 'Imported 1' }).count(), 0, 'the import waits for the model');
  release();
  await page.locator('#import-report .summary', { hasText: 'Imported 1' }).waitFor();
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await page.locator('#view-people', { hasText: 'Ingrid Solberg' }).first().waitFor();
  page.check();
  await context.close();
});

test('the single-file build carries the model: an import offline from file:// extracts with it', async () => {
  execFileSync('python3', [`${ROOT}tools/dist.py`, `${ROOT}www`, `${ROOT}target/dist/lede-firstload.html`]);
  const url = `file://${ROOT}target/dist/lede-firstload.html`;
  const { context, page } = await openPage(browser, url);
  await page.goto(url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#paste-text').fill('Fjord ferry fares\n\nNorwegian Finance Minister Ingrid Solberg told reporters in Oslo on Monday that ferry fares would fall. "We will cut the fares by half," Solberg said.');
  await page.locator('#paste-form button').click();
  await page.locator('#import-report .summary', { hasText: 'Imported 1' }).waitFor();
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await page.locator('#view-people', { hasText: 'Ingrid Solberg' }).first().waitFor();
  page.check();
  await context.close();
});

test('index.html preloads every module the page imports, so they arrive in one round', () => {
  const www = `${ROOT}www/`;
  const seen = new Set();
  const walk = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const m of readFileSync(`${www}${name}`, 'utf8').matchAll(/^import [^;]*? from '\.\/([\w-]+\.js)';/gms)) walk(m[1]);
  };
  walk('app.js');
  const html = readFileSync(`${www}index.html`, 'utf8');
  const preloaded = new Set([...html.matchAll(/<link rel="modulepreload" href="([\w-]+\.js)">/g)].map((m) => m[1]));
  assert.ok(seen.size > 10, `app.js imports its views (${[...seen]})`);
  assert.deepEqual([...seen].filter((m) => !preloaded.has(m)), [], 'imported but not preloaded');
  assert.deepEqual([...preloaded].filter((m) => !seen.has(m)), [], 'preloaded but not imported');
});
