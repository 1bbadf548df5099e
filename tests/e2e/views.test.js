// The views are independent modules on one event bus: each loads its
// content whichever view was shown before it, in any order, from a deep
// link or by its tab.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, ready } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

// What each view shows once loaded (on the five seeds).
const LOADED = {
  docs: (page) => page.locator('#list .item').first().waitFor(),
  people: (page) => page.locator('#people-list .item-title', { hasText: 'Sergey Lavrov' }).waitFor(),
  timeline: (page) => page.locator('#chart rect[data-day="2022-01-10"]').first().waitFor(),
  compare: async (page) => {
    await page.locator('#statements .statement').first().waitFor({ timeout: 60000 });
    await page.locator('#stories .story').first().waitFor();
    await page.locator('#compare-pick li').nth(4).waitFor();
  },
  analytics: async (page) => {
    await page.waitForFunction(() => document.querySelectorAll('#key-outlet option').length === 5);
    const q = await page.evaluate(() => document.querySelector('#q').value);
    await page.locator('#view-analytics [data-scope-banner]', { hasText: q ? `matching “${q}”` : /^All 5 documents/ }).waitFor();
  },
  import: (page) => page.locator('#dropzone').waitFor(),
};

const ORDERS = [
  ['docs', 'people', 'timeline', 'compare', 'analytics', 'import'],
  ['import', 'analytics', 'compare', 'timeline', 'people', 'docs'],
  ['compare', 'people', 'analytics', 'docs', 'import', 'timeline'],
  ['timeline', 'import', 'docs', 'analytics', 'people', 'compare'],
];

async function shows(page, view) {
  await LOADED[view](page);
  const visible = await page.evaluate(() => [...document.querySelectorAll('.view')].filter((v) => !v.hidden).map((v) => v.dataset.view));
  assert.deepEqual(visible, [view]);
  assert.equal(await page.locator(`.tabs a[data-view="${view}"]`).getAttribute('aria-current'), 'page');
}

for (const order of ORDERS) {
  test(`views load in the order ${order.join(', ')}`, async () => {
    const { context, page } = await openPage(browser, server.url);
    await page.goto(`${server.url}#view=${order[0]}`);
    await ready(page);
    await shows(page, order[0]);
    for (const view of order.slice(1)) {
      await page.locator(`.tabs a[data-view="${view}"]`).click();
      await shows(page, view);
    }
    // And back through the history, each view loaded again.
    await page.goBack();
    await shows(page, order[order.length - 2]);
    page.check();
    await context.close();
  });
}

test('a search carries into the views whichever comes first', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(`${server.url}#view=analytics&q=Lavrov`);
  await ready(page);
  await shows(page, 'analytics');
  await page.locator('.tabs a[data-view="compare"]').click();
  await page.locator('#view-compare [data-scope-banner]', { hasText: /matching “Lavrov”/ }).waitFor();
  await shows(page, 'compare');
  page.check();
  await context.close();
});
