// Outlets side by side and corpus analytics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, openPage, ready, axeClean, SHOTS } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('the statement view shows both versions of "there is always a chance" with differences marked', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Compare' }).click();
  await page.locator('#statements .statement').first().waitFor({ timeout: 60000 });
  await page.locator('#statement-filter').fill('there is always a chance');
  const st = page.locator('#statements .statement').first();
  await st.waitFor();
  const heads = await st.locator('.version figcaption').allTextContents();
  assert.ok(heads.some((t) => t.includes('Anadolu Agency')), heads.join(' | '));
  assert.ok(heads.some((t) => t.includes('Plainsmen Post')), heads.join(' | '));
  assert.ok(await st.locator('ins, del').count() >= 1, 'differences are marked');
  // Exact wording: the content farm's "chances" as printed, marked.
  assert.ok((await st.locator('ins').allTextContents()).includes('chances'));
  await st.screenshot({ path: `${SHOTS}/statement.png` });

  // The trail, by keyboard: Tab from the filter reaches "Show trail".
  await page.locator('#statement-filter').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Show trail');
  await page.keyboard.press('Enter');
  const steps = st.locator('.trail-step');
  await steps.first().waitFor();
  const first = await steps.nth(0).locator('.statement-head').textContent();
  const second = await steps.nth(1).locator('.statement-head').textContent();
  assert.match(first, /Anadolu Agency.*first seen/, first);
  assert.match(second, /Plainsmen Post.*derived from Anadolu Agency.*quotation differs/, second);
  assert.ok((await steps.nth(1).locator('blockquote ins').allTextContents()).includes('chances'));
  assert.equal(await st.locator('.statement-head .badge.flag').first().textContent(), 'quotation differs');
  await st.screenshot({ path: `${SHOTS}/trail.png` });

  // A rewrite that swaps words for related ones is linked through the
  // word relations the worker loads (pkg/relations.txt): Anadolu's
  // "Moscow will pursue getting answers", the content farm's "Moscow will
  // continue to search for answers".
  await page.locator('#statement-filter').fill('search for answers');
  const related = page.locator('#statements .statement', { hasText: 'pursue getting answers' }).first();
  await related.waitFor();
  const relatedHeads = await related.locator('.version figcaption').allTextContents();
  assert.ok(relatedHeads.some((t) => t.includes('Anadolu Agency')) && relatedHeads.some((t) => t.includes('Plainsmen Post')), relatedHeads.join(' | '));
  await related.screenshot({ path: `${SHOTS}/statement-related-words.png` });
  assert.equal(await page.locator('#statements [role=status]').count(), 0, 'the relations were loaded: nothing to say');

  // The seeds' story and its storyline thread (late December to February).
  const thread = await page.locator('#stories .story .thread-head').first().textContent();
  assert.match(thread, /^Storyline thread: 5 documents · 2021-12-\d\d to 2022-02-\d\d/, thread);
  await page.locator('#stories .story').first().screenshot({ path: `${SHOTS}/story-thread.png` });

  // Compare the Anadolu and Plainsmen articles.
  await page.locator('#compare-pick label', { hasText: 'Anadolu Agency' }).click();
  await page.locator('#compare-pick label', { hasText: 'Plainsmen Post' }).click();
  await page.locator('#compare-form button[type=submit]').click();
  await page.locator('#comparison .pair').first().waitFor();
  assert.ok(await page.locator('#comparison .pair').count() >= 2, 'shared passages');
  assert.equal(await page.locator('#comparison .unique').count(), 2);
  assert.ok(await page.locator('#comparison .only-here li').count() >= 2, 'passages unique to each outlet');
  // Copy provenance: Anadolu published first, the content farm rewrote it.
  const prov = await page.locator('#comparison .provenance').allTextContents();
  assert.match(prov[0], /^First published/, prov.join(' | '));
  assert.match(prov[1], /^Rewrite of Anadolu Agency: \d+ passages taken/, prov.join(' | '));
  await page.locator('#comparison .provenance').nth(1).screenshot({ path: `${SHOTS}/provenance.png` });
  await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true });

  // The flag is a search filter: it finds the content farm's misquote.
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('flag:quote-differs');
  await page.locator('#list .hit-item', { hasText: 'Russia sees options for dialogue' }).waitFor();

  // A Flags facet counts it among a search's results; its chip, pressed
  // by keyboard, narrows the search to the flagged document.
  await page.locator('#q').fill('Lavrov');
  const chip = page.locator('#facets .facet[aria-label="Flags"] .chip', { hasText: 'quote-differs' });
  await chip.waitFor();
  assert.equal(await chip.locator('.count').textContent(), '1');
  await page.locator('#facets .facet[aria-label="Flags"]').screenshot({ path: `${SHOTS}/flags-facet.png` });
  await chip.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#q').value === 'Lavrov flag:quote-differs');
  await page.waitForFunction(() => document.querySelectorAll('#list .hit-item').length === 1);
  assert.match(await page.locator('#list .hit-item').textContent(), /Russia sees options for dialogue/);

  // The reader badges the flagged document; its link opens the statement
  // in Compare.
  await page.locator('#list .hit-item a').first().click();
  const flagRow = page.locator('#reader .doc-flags li', { hasText: 'You and other representatives' });
  await flagRow.waitFor();
  assert.equal(await flagRow.locator('.badge.flag').textContent(), 'quotation differs');
  assert.match(await flagRow.locator('a').textContent(), /against Anadolu Agency$/);
  await page.locator('#reader .doc-head').screenshot({ path: `${SHOTS}/flags-reader.png` });
  await axeClean(page, 'reader with flags');
  await flagRow.locator('a').click();
  await page.locator('#view-compare').waitFor();
  assert.equal(await page.locator('#statement-filter').inputValue(), 'You and other representatives of Russia have said that we');
  const flagged = page.locator('#statements .statement').first();
  await flagged.locator('.badge.flag', { hasText: 'quotation differs' }).waitFor();
  assert.ok((await flagged.locator('.version figcaption').allTextContents()).some((t) => t.includes('Anadolu Agency')));

  // People badges the speaker whose quotes are flagged.
  await page.locator('.tabs a', { hasText: 'People' }).click();
  const lavrov = page.locator('#people-list [role=option]', { hasText: 'Lavrov' }).first();
  await lavrov.locator('.badge.flag', { hasText: 'quotation differs' }).waitFor();
  await lavrov.click();
  await page.locator('#person .doc-flags .badge.flag').waitFor();
  await page.locator('#people-list').screenshot({ path: `${SHOTS}/flags-people.png` });
  await page.locator('#person .doc-flags').screenshot({ path: `${SHOTS}/flags-person.png` });
  await axeClean(page, 'people with flags');
  page.check();
  await context.close();
});

test('without the table of related words, Compare aligns on shared words and says so', async () => {
  // No service worker: it would serve the table from its cache.
  const { context, page } = await openPage(browser, server.url, { context: { serviceWorkers: 'block' } });
  await context.route('**/pkg/relations.txt', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Compare' }).click();
  await page.locator('#statements .statement').first().waitFor({ timeout: 60000 });
  const note = await page.locator('#statements [role=status]').textContent();
  assert.match(note, /^Aligned on shared words alone: the table of related words could not be loaded \(pkg\/relations\.txt: the server answered 404/);
  // The near-verbatim statements are there; the rewording that needs a
  // related word is not.
  await page.locator('#statement-filter').fill('there is always a chance');
  await page.locator('#statements .statement').first().waitFor();
  await page.locator('#statement-filter').fill('search for answers');
  await page.locator('#statements .empty', { hasText: 'No statement matches' }).waitFor();
  await page.locator('#view-compare').screenshot({ path: `${SHOTS}/compare-no-relations.png` });
  await axeClean(page, 'compare without the word relations');
  page.check();
  await context.close();
});

test('KWIC lists contexts and exports CSV; collocates, keyness and a trends chart render', async () => {
  const { context, page } = await openPage(browser, server.url, { context: { acceptDownloads: true } });
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Analytics' }).click();
  await page.locator('#kwic-q').fill('security');
  await page.locator('#kwic-form button[type=submit]').click();
  await page.locator('#kwic-out table tbody tr').first().waitFor();
  const kws = await page.locator('#kwic-out td.kw').allTextContents();
  assert.ok(kws.length >= 20 && kws.every((k) => /^secur/i.test(k)), kws.slice(0, 5).join(','));
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#kwic-out button', { hasText: 'Export CSV' }).click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv.split('\r\n')[0], /^file,left,match,right$/);
  assert.ok(csv.split('\r\n').length > kws.length);
  await page.locator('#kwic-sort').selectOption('right');
  await page.locator('#coll-form button[type=submit]').click();
  await page.locator('#coll-out table tbody tr').first().waitFor();
  await page.locator('#key-outlet').selectOption('TASS');
  await page.locator('#key-form button[type=submit]').click();
  await page.locator('#key-out table tbody tr').first().waitFor();
  await page.locator('#trend-form button[type=submit]').click();
  await page.locator('#trend-out svg.trend polyline').first().waitFor();
  assert.equal(await page.locator('#trend-out svg.trend polyline').count(), 2);
  await page.locator('#trend-out').screenshot({ path: `${SHOTS}/trends.png` });
  page.check();
  await context.close();
});
