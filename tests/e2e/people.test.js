// Who said what: the People view lists each person once, with their
// quotes from every document; speaker: search finds them; the reader
// marks quotes with their speakers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('People lists Sergey Lavrov once, with quotes from all five seeds', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await page.locator('#people-list .item').first().waitFor();
  const names = await page.locator('#people-list .item-title').allTextContents();
  assert.equal(names.filter((n) => /Lavrov/.test(n)).length, 1, names.join(', '));
  assert.ok(!names.some((n) => /^(he|she|they|him)$/i.test(n)), 'pronouns are never people');
  await page.locator('#people-list .item a', { hasText: 'Sergey Lavrov' }).click();
  await page.locator('#person h2', { hasText: 'Sergey Lavrov' }).waitFor();
  const aliases = await page.locator('#person .aliases').first().textContent();
  assert.match(aliases, /S\.V\. Lavrov/);
  assert.match(aliases, /Sergei Lavrov/);
  assert.equal(await page.locator('#person .quote-doc').count(), 5, 'quotes from all five seeds');
  const outlets = await page.locator('#person .quote-doc .doc-meta').allTextContents();
  for (const o of ['Anadolu Agency', 'TASS', 'Sputnik', 'Plainsmen Post', 'Ministry of Foreign Affairs of Russia']) {
    assert.ok(outlets.some((t) => t.includes(o)), `${o} quotes Lavrov (${outlets.join(' | ')})`);
  }
  // Quoted by each outlet so many times: the counts are the quotes listed.
  const quotedBy = await page.locator('#person .aliases', { hasText: 'Quoted by' }).textContent();
  const counted = [...quotedBy.matchAll(/ \((\d+)\)/g)].map((m) => Number(m[1]));
  assert.equal(counted.length, 5, quotedBy);
  assert.equal(counted.reduce((a, b) => a + b, 0), await page.locator('#person blockquote').count(), quotedBy);
  // Each document is named by its headline, or its opening words: never a file name.
  const headings = await page.locator('#person .quote-doc h3').allTextContents();
  assert.ok(!headings.some((t) => /\.txt$/.test(t)), headings.join(' | '));
  await page.screenshot({ path: `${SHOTS}/people.png` });
  assert.match(page.url(), /person=Sergey(%20|\+)Lavrov/);

  // A quote opens in context, marked with its speaker in the reader.
  await page.locator('#person .quote figcaption a').first().click();
  await page.locator('.doc-body mark.hit').first().waitFor();
  await page.locator('.doc-body .said-by').first().waitFor();
  assert.ok((await page.locator('.doc-body .said-by').allTextContents()).includes('Sergey Lavrov'));
  await page.screenshot({ path: `${SHOTS}/reader-quotes.png` });
  page.check();
  await context.close();
});

test('speaker:Lavrov returns his documents', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('#q').fill('speaker:Lavrov');
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();
  const speakers = await page.locator('#facets .facet[aria-label="Speaker"] .chip').allTextContents();
  // Sergey, Sergei and S.V. Lavrov are one person: one chip, five documents.
  const lavrov = speakers.filter((t) => /Lavrov/.test(t));
  assert.equal(lavrov.length, 1, `one Lavrov chip (${speakers.join(' | ')})`);
  assert.match(lavrov[0], /5$/);
  // Clicking the chip filters by that spelling and still finds all five.
  await page.locator('#facets .facet[aria-label="Speaker"] .chip', { hasText: 'Lavrov' }).click();
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();
  const places = await page.locator('#facets .facet[aria-label="Place"] .chip').allTextContents();
  assert.equal(places.filter((t) => /^(US|U\.S\.|United States)\d/.test(t)).length, 1, `US counted once (${places.join(' | ')})`);
  await page.locator('#q').fill('speaker:Peskov');
  await page.locator('#side-heading', { hasText: /^1 result/ }).waitFor();
  assert.match(await page.locator('#list .hit-item .item-meta').textContent(), /Plainsmen Post/);
  page.check();
  await context.close();
});
