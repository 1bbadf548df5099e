// Foundation: the page opens with the five seeds; reader, boilerplate
// toggle, deep links, phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('the page lists the five seeds and opens each in the reader', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  const items = page.locator('#list .item');
  assert.equal(await items.count(), 5);
  const visibleViews = await page.evaluate(() => [...document.querySelectorAll('.view')].filter((v) => v.offsetParent !== null || v.getClientRects().length).map((v) => v.id));
  assert.deepEqual(visibleViews, ['view-docs'], 'only the documents view shows');
  const titles = await page.locator('#list .item-title').allTextContents();
  assert.ok(titles.some((t) => /security guarantee proposals as excessive/i.test(t)), titles.join(' | '));
  for (let i = 0; i < 5; i++) {
    const title = (await items.nth(i).locator('.item-title').textContent()).trim();
    await items.nth(i).locator('a').click();
    await page.waitForFunction((t) => document.querySelector('#doc-title')?.textContent === t, title);
    assert.ok(await page.locator('#reader .para').count() > 3);
  }
  await page.screenshot({ path: `${SHOTS}/foundation.png`, fullPage: false });
  page.check();
  await context.close();
});

test('the boilerplate toggle reveals the removed lines', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  // The ministry transcript has share rows and a "Leave A Reply" tail.
  await page.locator('#list .item a', { hasText: /Security Council/ }).click();
  const toggle = page.locator('button.toggle');
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('#boilerplate').isVisible(), false);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const removed = await page.locator('#boilerplate').textContent();
  assert.match(removed, /Leave A Reply/);
  assert.match(removed, /Pinterest/);
  const body = await page.locator('.doc-body').textContent();
  assert.doesNotMatch(body, /Leave A Reply|Pinterest/);
  assert.ok(await page.locator('.doc-body .speaker').count() >= 3, 'transcript turns show their speakers');
  await page.screenshot({ path: `${SHOTS}/boilerplate.png` });
  page.check();
  await context.close();
});

test('a deep link opens the right document after a reload', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('#list .item a').nth(3).click();
  // The address follows once the reader has its marks.
  await page.waitForURL(/#doc=3/);
  const title = await page.locator('#doc-title').textContent();
  await page.reload();
  await ready(page);
  await page.waitForFunction((t) => document.querySelector('#doc-title')?.textContent === t, title);
  page.check();
  await context.close();
});

test('phone width: the list and reader stack and stay readable', async () => {
  const { context, page } = await openPage(browser, server.url, { viewport: { width: 390, height: 844 } });
  await page.goto(`${server.url}#doc=0`);
  await ready(page);
  await page.locator('#doc-title').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at phone width (overflow ${overflow}px)`);
  await page.screenshot({ path: `${SHOTS}/phone.png`, fullPage: false });
  page.check();
  await context.close();
});
