// Search in the page: typing shows highlighted results and facets; a click
// opens the match; the URL restores the search after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('typing searches, highlights, shows facets; a click opens the match; reload keeps it', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q', '"/" focuses the search box');
  await page.keyboard.type('"indivisibility of security"', { delay: 15 });
  await page.locator('#understood', { hasText: 'Understood as' }).waitFor();
  await page.locator('#side-heading', { hasText: /result/ }).waitFor();
  const hits = page.locator('#list .hit-item');
  assert.ok(await hits.count() >= 2);
  const marks = await page.locator('#list .snippet mark').allTextContents();
  assert.ok(marks.length >= 2, 'matches are highlighted');
  assert.ok(marks.every((m) => /^indivisibility of security$/i.test(m)), `the whole phrase is highlighted: ${marks.join('|')}`);
  assert.ok(await page.locator('#facets .facet').count() >= 1, 'facets shown');
  await page.screenshot({ path: `${SHOTS}/search.png` });

  await hits.first().locator('a').click();
  const hit = page.locator('.doc-body mark.hit');
  await hit.first().waitFor();
  assert.match((await hit.allTextContents()).join(' '), /indivisibility/i);
  assert.ok(await hit.first().isVisible(), 'the reader is scrolled to the match');
  await page.screenshot({ path: `${SHOTS}/search-open.png` });

  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('q'), '"indivisibility of security"');
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#q').inputValue(), '"indivisibility of security"');
  await page.locator('#list .hit-item').first().waitFor();
  await page.locator('.doc-body mark.hit, #doc-title').first().waitFor();

  await page.locator('#q').focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#q').inputValue(), '');
  await page.locator('#side-heading', { hasText: /^Documents/ }).waitFor();
  page.check();
  await context.close();
});

test('facet chips filter the query, and a typo is corrected visibly', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('#q').fill('Stoltenbrg');
  await page.locator('#understood', { hasText: /stoltenberg/i }).waitFor();
  assert.ok(await page.locator('#list .hit-item').count() >= 1);
  await page.locator('#q').fill('NATO -Ukraine');
  await page.locator('#understood', { hasText: /ukraine/i }).waitFor();
  page.check();
  await context.close();
});
