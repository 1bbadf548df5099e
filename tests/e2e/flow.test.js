// Results first, by keyboard too, and one scope across views (issue 15):
// the results come before the facets (each group its top values and
// "more"), a few Tabs from the search box; arrow keys move through results
// and people, Enter opens; Esc closes what is open before it clears the
// search; a new search closes the old article; labels that say something;
// every view shows the same scope banner and follows the search unless
// "use all"; a phone shows results first and brings a tapped article into
// view. axe-core finds nothing on any view. The seeds; one desktop page
// for the first three tests (each goes on from where the last left it),
// one phone page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, openPage, ready, SHOTS, parseCsv, axeClean } from './harness.js';

let server, browser, desk;
before(async () => {
  server = await startServer();
  browser = await launch();
  desk = await openPage(browser, server.url, { context: { acceptDownloads: true } });
  await desk.page.goto(server.url);
  await ready(desk.page);
});
after(async () => { await browser?.close(); server?.stop(); });

const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { id: a.id, option: a.getAttribute('role') === 'option', doc: a.dataset.doc ?? null, person: a.dataset.person ?? null, text: a.textContent.trim().slice(0, 60) };
});

test('keyboard only: find Lavrov\'s statements on NATO and export them', async () => {
  const { page } = desk;
  await page.keyboard.press('/');
  await page.keyboard.type('speaker:Lavrov NATO', { delay: 10 });
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();

  // The first result is a few Tabs from the search box (53 before).
  // The whole query's results, not those of "speaker:Lavrov" typed so
  // far (also 5): on a loaded machine the list was drawn again while the
  // Tabs below went through it.
  await page.locator('#understood', { hasText: 'speaker:Lavrov +nato' }).waitFor();
  let tabs = 0;
  const path = [];
  while (!(await focused(page)).option && tabs < 60) {
    await page.keyboard.press('Tab');
    tabs += 1;
    const f = await focused(page);
    path.push(f.text || f.id);
  }
  assert.ok(tabs <= 6, `${tabs} Tabs from the search box to the first result: ${path.join(' | ')}`);
  assert.equal(await page.locator('#result-tools .jump-facets').isVisible(), false, 'no "Filters" jump on a desktop');
  const ids = await page.locator('#list [role=option]').evaluateAll((as) => as.map((a) => a.dataset.doc));
  assert.equal((await focused(page)).doc, ids[0]);
  // Arrow keys move through the results; the list is one Tab stop.
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).doc, ids[1]);
  await page.keyboard.press('End');
  assert.equal((await focused(page)).doc, ids[ids.length - 1]);
  await page.keyboard.press('Home');
  assert.equal((await focused(page)).doc, ids[0]);
  await page.keyboard.press('ArrowUp');
  assert.equal((await focused(page)).doc, ids[0], 'Up stops at the first');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('#list [tabindex="0"]').count(), 1, 'one Tab stop in the list');
  // Enter opens the focused result at its match.
  await page.keyboard.press('Enter');
  await page.locator('#reader .doc-body mark.hit').first().waitFor();
  // The reader takes the focus once its marks are drawn (just after).
  await page.waitForFunction(() => document.activeElement.id === 'reader');
  assert.equal(await page.locator(`#list [data-doc="${ids[1]}"]`).getAttribute('aria-selected'), 'true');
  // The match is not hidden under the sticky header.
  const clear = await page.evaluate(() => document.querySelector('mark.hit').getBoundingClientRect().top - document.querySelector('.top').getBoundingClientRect().bottom);
  assert.ok(clear >= 0, `the match is ${clear}px below the header`);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#doc-title')).scrollMarginTop), '80px');
  // A date in the reader is not an empty Tab stop; its source button is one.
  assert.ok(await page.locator('.doc-body time.timex').count() >= 1);
  assert.equal(await page.locator('.doc-body time.timex[tabindex]').count(), 0);
  await axeClean(page, 'search results with the reader open');
  await page.screenshot({ path: `${SHOTS}/flow-desktop.png` });

  // "/" goes back to the search box; the CSV button is a few Tabs on.
  await page.keyboard.press('/');
  let steps = 0;
  while ((await focused(page)).text !== 'CSV' && steps < 8) { await page.keyboard.press('Tab'); steps += 1; }
  assert.equal((await focused(page)).text, 'CSV');
  assert.ok(steps <= 4, `${steps} Tabs from the search box to CSV`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const [head, ...rows] = parseCsv(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(head, ['id', 'file', 'title', 'outlet', 'date', 'score', 'snippet', 'tags', 'note']);
  assert.equal(rows.length, 5);
  for (const row of rows) assert.match(row[5], /^\d+(\.\d{1,3})?$/, `a rounded score: ${row.join(' | ')}`);
  assert.ok(rows.every((r) => /NATO/i.test(r.join(' '))), rows.map((r) => r[2]).join(' | '));
  assert.deepEqual(rows.map((r) => r[0]), ids, 'the rows of the results, in their order');

  // Esc: a focused result gives the focus to the search box (the query
  // stays); in the search box with nothing open, Esc clears it.
  await page.locator(`#list [data-doc="${ids[0]}"]`).focus();
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  assert.equal(await page.locator('#q').inputValue(), 'speaker:Lavrov NATO');
  // From the box, Down goes to the first result.
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).doc, ids[0]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#q').inputValue(), '');
  page.check();
});

test('facets collapse to their top values; labels say something; a new search closes the old article; Esc closes a date\'s evidence first', async () => {
  const { page } = desk;
  await page.locator('#q').fill('Russia');
  await page.locator('#list .hit-item').first().waitFor();
  // The results come before the facets.
  const [list, facets] = await page.evaluate(() => ['#list', '#facets'].map((s) => document.querySelector(s).getBoundingClientRect().top));
  assert.ok(list < facets, `results (${list}) above the facets (${facets})`);
  // A group with more values than its top ones has "more", collapsed.
  const group = page.locator('#facets .facet', { has: page.locator('button.more-values') }).first();
  await group.waitFor();
  const more = group.locator('button.more-values');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  const visible = () => group.locator('.chip:visible').count();
  assert.equal(await visible(), 5);
  await more.focus();
  await page.keyboard.press('Enter');
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  assert.ok(await visible() > 5);
  await axeClean(page, 'facets expanded');
  // A chip pressed by keyboard keeps the focus after the facets are redrawn.
  const chip = group.locator('.chip').first();
  const term = await chip.getAttribute('data-term');
  await chip.focus();
  await page.keyboard.press('Enter');
  // (The query changes before the results come back and the facets are
  // redrawn: wait for the redrawn, pressed chip to hold the focus.)
  await page.waitForFunction((t) => document.querySelector('#q').value.includes(t) && document.activeElement.dataset.term === t
    && document.activeElement.getAttribute('aria-pressed') === 'true', term);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-pressed')), 'true');

  // A filter-only query ranks nothing: no "score 0.00".
  await page.locator('#q').fill('speaker:Lavrov');
  // (The query before may have had five results too: wait for this one's
  // line of how it was understood, drawn with its results.)
  await page.waitForFunction(() => /^Understood as: speaker:\S*lavrov\S*( —.*)?$/i.test(document.querySelector('#understood').textContent));
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();
  const metas = await page.locator('#list .item-meta').allTextContents();
  assert.ok(metas.every((m) => !/score/.test(m)), metas.join(' | '));
  await page.locator('#q').fill('Lavrov NATO');
  await page.locator('#list .item-meta', { hasText: /score \d\.\d\d/ }).first().waitFor();

  // A new search closes the article opened from the previous one.
  await page.locator('#list .hit-item a').first().click();
  await page.locator('#reader .doc-body').waitFor();
  await page.locator('#q').fill('Stoltenberg');
  await page.locator('#understood', { hasText: /stoltenberg/i }).waitFor();
  await page.locator('#reader p.empty').waitFor();
  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('doc'), null);

  // KWIC names documents by their headline, never a hashed file name.
  await page.locator('.tabs a', { hasText: 'Analytics' }).click();
  await page.locator('#kwic-form button[type=submit]').click();
  await page.locator('#kwic-out td.src a').first().waitFor();
  const sources = await page.locator('#kwic-out td.src a').allTextContents();
  assert.ok(sources.every((t) => !/\.txt$/.test(t) && t.length > 10), sources.slice(0, 3).join(' | '));
  // A file is named with its folder: "301.txt" is in every BBC folder.
  assert.deepEqual(await page.evaluate(async () => {
    const { fileLabel } = await import('./dom.js');
    return [fileLabel('bbc/tech/301.txt'), fileLabel('301.txt'), fileLabel('C:\\news\\sport\\301.txt')];
  }), ['tech/301.txt', '301.txt', 'sport/301.txt']);

  // Esc closes the date's evidence before it touches the search.
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('"security guarantees are aimed"');
  await page.locator('#list .hit-item a').first().click();
  const source = page.locator('#reader .date-source');
  await source.click();
  await page.locator('#date-evidence').waitFor({ state: 'visible' });
  await page.locator('#q').focus();
  await page.keyboard.press('Escape');
  await page.locator('#date-evidence').waitFor({ state: 'hidden' });
  assert.equal(await source.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'date-source inferred');
  assert.equal(await page.locator('#q').inputValue(), '"security guarantees are aimed"');
  page.check();
});

test('one scope across views: the same banner everywhere, "use all" in one shows in the others', async () => {
  const { page } = desk;
  await page.setViewportSize({ width: 1280, height: 520 });
  await page.locator('#q').fill('');
  await page.locator('.tabs a', { hasText: 'People' }).click();
  const banner = (view) => page.locator(`#view-${view} [data-scope-banner]`);
  await banner('people').filter({ hasText: 'All 5 documents' }).waitFor();
  await page.locator('#people-list [role=option]').first().waitFor();
  const everyone = await page.locator('#people-list .item-title').allTextContents();

  // Search for the Peskov piece: People lists only those quoted in it.
  await page.locator('#q').fill('Peskov');
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await banner('people').filter({ hasText: /^1 document matching “Peskov” \(use all\)$/ }).waitFor();
  await page.waitForFunction(() => !/Jens Stoltenberg/.test(document.querySelector('#people-list').textContent));
  const scoped = await page.locator('#people-list .item-title').allTextContents();
  assert.ok(scoped.includes('Dmitri Peskov') && scoped.length < everyone.length, scoped.join(', '));
  await page.locator('#people-list [data-person="Sergey Lavrov"]').click();
  await page.locator('#person h2', { hasText: 'Sergey Lavrov' }).waitFor();
  assert.equal(await page.locator('#person .quote-doc').count(), 1, 'only the quotes of the scope');
  await axeClean(page, 'People, scoped');

  // Every view shows the same banner and follows the search.
  for (const view of ['timeline', 'compare', 'analytics', 'docs']) {
    await page.locator(`.tabs a[data-view="${view}"]`).click();
    await banner(view).filter({ hasText: /^1 document matching “Peskov” \(use all\)$/ }).waitFor();
  }
  await page.locator('.tabs a[data-view="timeline"]').click();
  await page.locator('#events .event').first().waitFor();
  const docsOnTimeline = await page.locator('#events .event-doc').evaluateAll((as) => new Set(as.map((a) => a.getAttribute('href'))).size);
  assert.equal(docsOnTimeline, 1, 'the timeline shows the events of the one document');
  await axeClean(page, 'Timeline, scoped');
  await page.locator('.tabs a[data-view="compare"]').click();
  await page.locator('#compare-pick li').first().waitFor();
  assert.equal(await page.locator('#compare-pick li').count(), 1, 'the picker offers the scope');
  await axeClean(page, 'Compare, scoped');
  await page.locator('.tabs a[data-view="analytics"]').click();
  await page.locator('#kwic-q').fill('Peskov');
  await page.locator('#kwic-form button[type=submit]').click();
  await page.locator('#kwic-out .doc-meta', { hasText: 'in 1 documents matching “Peskov”' }).waitFor();
  await axeClean(page, 'Analytics, scoped');

  // The timeline's date range is part of the search: every view follows it.
  await page.locator('.tabs a[data-view="timeline"]').click();
  await page.locator('#range-from').fill('2022-02-01');
  await page.locator('#range-to').fill('2022-02-28');
  await page.locator('#range-form button[type=submit]').click();
  await banner('timeline').filter({ hasText: /^1 document matching “Peskov date:2022-02-01\.\.2022-02-28”/ }).waitFor();
  await page.locator('.tabs a[data-view="people"]').click();
  await banner('people').filter({ hasText: /^1 document matching “Peskov date:2022-02-01\.\.2022-02-28”/ }).waitFor();
  await page.locator('.tabs a[data-view="timeline"]').click();
  await page.locator('#range-from').fill('2021-01-01');
  await page.locator('#range-to').fill('2021-12-31');
  await page.locator('#range-form button[type=submit]').click();
  await banner('timeline').filter({ hasText: /^0 documents matching “Peskov date:2021-01-01\.\.2021-12-31”/ }).waitFor();
  await page.locator('#range-clear').click();
  await banner('timeline').filter({ hasText: /^1 document matching “Peskov” / }).waitFor();

  // "use all" in the timeline shows in every view; the views widen.
  await banner('timeline').getByRole('button', { name: 'use all' }).click();
  await banner('timeline').filter({ hasText: 'All 5 documents; the search “Peskov” is not applied (follow the search)' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'follow the search', 'the focus stays on the toggle');
  await page.waitForFunction(() => new Set([...document.querySelectorAll('#events .event-doc')].map((a) => a.getAttribute('href'))).size > 1);
  await page.locator('.tabs a[data-view="people"]').click();
  await banner('people').filter({ hasText: 'All 5 documents' }).waitFor();
  await page.locator('#people-list [data-person="Jens Stoltenberg"]').waitFor();
  await page.locator('.tabs a[data-view="docs"]').click();
  assert.match(await banner('docs').textContent(), /^All 5 documents; the search “Peskov” is not applied/);

  // People: arrow keys move through the list; a pick keeps its scroll.
  await page.locator('.tabs a[data-view="people"]').click();
  await page.locator('#people-list [role=option]').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = (await page.locator('#people-list .item-title').allTextContents())[2];
  assert.equal((await focused(page)).person, third);
  await page.keyboard.press('End');
  const last = await focused(page);
  const scroller = await page.evaluate(() => {
    const l = document.querySelector('#people-list');
    return { top: l.scrollTop, scrolls: l.scrollHeight > l.clientHeight };
  });
  assert.ok(scroller.scrolls && scroller.top > 0, `the list scrolls (${JSON.stringify(scroller)})`);
  await page.keyboard.press('Enter');
  await page.locator('#person h2', { hasText: last.person }).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector('#people-list').scrollTop), scroller.top, 'the list keeps its scroll position');
  assert.equal(await page.locator(`#people-list [data-person="${last.person}"]`).getAttribute('aria-selected'), 'true');
  await axeClean(page, 'People, all');
  await page.locator('.tabs a[data-view="import"]').click();
  await axeClean(page, 'Import');
  page.check();
});

test('phone width: results before facets, a tapped result brings the article into view, Esc closes it', async () => {
  const { context, page } = await openPage(browser, server.url, { viewport: { width: 390, height: 844 }, context: { hasTouch: true, isMobile: true } });
  await page.goto(server.url);
  await ready(page);
  await page.locator('#q').fill('Lavrov');
  await page.locator('#list .hit-item').first().waitFor();
  const top = (s) => page.evaluate((sel) => document.querySelector(sel).getBoundingClientRect().top, s);
  assert.ok(await top('#list') < await top('#facets'), 'results before facets');
  assert.ok(await top('#list .hit-item') < 844, 'the first result is on the first screen');
  await page.screenshot({ path: `${SHOTS}/flow-phone-results.png` });
  await axeClean(page, 'phone results');
  // The facets are one press away ("Filters ↓"), a desktop does not need it.
  await page.locator('#result-tools .jump-facets').tap();
  await page.waitForFunction(() => document.activeElement.classList.contains('chip'));
  assert.ok(await top('#facets') < 100, 'the facets are scrolled into view');
  const hit = page.locator('#list .hit-item a').nth(1);
  const id = await hit.getAttribute('data-doc');
  await hit.tap();
  await page.locator('#reader .doc-body').waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('#reader mark.hit').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  await page.screenshot({ path: `${SHOTS}/flow-phone-article.png` });
  // Esc on a phone closes the article first and returns to its result.
  await page.keyboard.press('Escape');
  await page.locator('#reader p.empty').waitFor();
  assert.equal((await focused(page)).doc, id);
  assert.equal(await page.locator('#q').inputValue(), 'Lavrov');
  page.check();
  await context.close();
});
