// Quotes as results (issue 16, item 1): `speaker:Lavrov NATO` in Quotes
// mode (switched by keyboard) lists Lavrov's quotes only, with speaker,
// outlet, date and headline; one opens its document with the quote marked;
// the list exports as CSV with the CLI's columns; the mode is in the
// address; People's "Search their quotes" lands in Quotes mode. The seeds,
// one page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, openPage, ready, SHOTS, parseCsv, axeClean } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('Quotes mode lists Lavrov on NATO, opens a quote in context, exports CSV', async () => {
  const { context, page } = await openPage(browser, server.url, { context: { acceptDownloads: true } });
  await page.goto(server.url);
  await ready(page);
  await page.locator('#q').fill('speaker:Lavrov NATO');
  await page.locator('#side-heading', { hasText: /results?/ }).waitFor();

  // The switch by keyboard: Tab to it (one stop: "Documents", checked),
  // then the right arrow.
  const docsButton = page.locator('#result-tools .mode-button[data-mode="docs"]');
  await page.locator('#q').focus();
  let steps = 0;
  while (!(await docsButton.evaluate((b) => b === document.activeElement)) && steps < 12) {
    await page.keyboard.press('Tab');
    steps += 1;
  }
  assert.ok(steps < 12, 'the switch is reached by Tab');
  await page.keyboard.press('ArrowRight');
  await page.locator('#side-heading', { hasText: /quotes?/ }).waitFor();
  assert.equal(await page.locator('#result-tools .mode-button[data-mode="quotes"]').getAttribute('aria-checked'), 'true');
  assert.ok(await page.evaluate(() => document.activeElement.dataset.mode === 'quotes'), 'focus stays on the switch');
  assert.match(page.url(), /mode=quotes/);
  const items = page.locator('#list .quote-item');
  const n = await items.count();
  assert.ok(n > 0, 'some quotes');
  const metas = await page.locator('#list .quote-item .item-meta').allTextContents();
  assert.ok(metas.every((m) => m.startsWith('Sergey Lavrov · ')), metas.join(' | '));
  assert.ok(metas.some((m) => /TASS|Anadolu|Sputnik/.test(m)), 'outlets are shown');
  assert.ok((await page.locator('#list .quote-item .quote-headline').first().textContent()).length > 0);
  await axeClean(page, 'Quotes mode');
  await page.screenshot({ path: `${SHOTS}/quotes.png` });

  // Arrow keys move through the quotes; Enter opens one with the quote marked.
  await items.first().locator('a').focus();
  await page.keyboard.press('ArrowDown');
  const text = await page.evaluate(() => document.activeElement.querySelector('.quote-text').textContent);
  await page.keyboard.press('Enter');
  const mark = page.locator('.doc-body mark.hit').first();
  await mark.waitFor();
  const marked = (await page.locator('.doc-body mark.hit').allTextContents()).join('');
  const words = (s) => s.replace(/[“”"]/g, '').replace(/\s+/g, ' ').trim();
  assert.ok(words(text).startsWith(words(marked).slice(0, 40)), `${marked.slice(0, 80)} | ${text.slice(0, 80)}`);
  await page.screenshot({ path: `${SHOTS}/quotes-reader.png` });

  // CSV: the CLI's columns, one row per quote, Lavrov's only.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.locator('#result-tools button', { hasText: 'CSV' }).click()]);
  const [head, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(head, ['quote', 'speaker', 'outlet', 'date', 'title', 'file', 'start', 'end', 'tags', 'note']);
  assert.equal(rows.length, n);
  assert.ok(rows.every((r) => r[1] === 'Sergey Lavrov' && /^\d+$/.test(r[6]) && Number(r[7]) > Number(r[6])), rows.map((r) => r[1]).join(' | '));
  page.check();
  await context.close();
});

test('People: "Search their quotes" lands in Quotes mode', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await page.locator('#people-list .item a', { hasText: 'Sergey Lavrov' }).click();
  await page.locator('#person button', { hasText: 'Search their quotes' }).click();
  await page.locator('#side-heading', { hasText: /quotes?/ }).waitFor();
  assert.equal(await page.locator('#result-tools .mode-button[data-mode="quotes"]').getAttribute('aria-checked'), 'true');
  const metas = await page.locator('#list .quote-item .item-meta').allTextContents();
  assert.ok(metas.length >= 5 && metas.every((m) => m.startsWith('Sergey Lavrov')), metas.join(' | '));
  // Back to documents with the switch.
  await page.locator('#result-tools .mode-button[data-mode="docs"]').click();
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();
  page.check();
  await context.close();
});
