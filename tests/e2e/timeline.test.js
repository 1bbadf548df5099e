// The timeline shows the seed events; brushing a range filters the results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('the timeline shows the story events and a brushed range filters the search', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Timeline' }).click();
  await page.locator('#chart svg.chart').waitFor();
  const days = await page.locator('#chart rect[data-day]').evaluateAll((rs) => [...new Set(rs.map((r) => r.dataset.day))]);
  for (const d of ['2021-12-15', '2022-01-10', '2022-01-12', '2022-01-13', '2022-01-26', '2022-02-12', '2022-02-24']) {
    assert.ok(days.includes(d), `${d} on the timeline (${days.join(' ')})`);
  }
  assert.ok(await page.locator('#events .event').count() >= 7);
  await page.screenshot({ path: `${SHOTS}/timeline.png` });

  // Brush from the middle of January to the middle of February by dragging.
  const box = await page.locator('#chart svg.chart').boundingBox();
  const x = async (day) => page.locator(`#chart rect[data-day="${day}"]`).first().evaluate((r) => {
    const b = r.getBoundingClientRect();
    return b.left + b.width / 2;
  });
  const x0 = (await x('2022-01-10')) - 4;
  const x1 = (await x('2022-01-26')) + 4;
  const y = box.y + box.height / 2;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, y, { steps: 4 });
  await page.mouse.move(x1, y, { steps: 4 });
  await page.mouse.up();
  await page.locator('#events-heading', { hasText: /from 2022-01-/ }).waitFor();
  // Each event row has at least one date in the range (a sentence may name others too).
  const shown = await page.locator('#events .event').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('time')].map((t) => t.getAttribute('datetime') || '')));
  assert.ok(shown.length >= 2 && shown.every((ds) => ds.some((d) => d.startsWith('2022-01'))), JSON.stringify(shown));
  const q = await page.locator('#q').inputValue();
  assert.match(q, /date:2022-01-\d\d\.\.2022-01-\d\d/);
  await page.locator('#understood', { hasText: 'date' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/timeline-brushed.png` });
  // The search is filtered: only documents dated in the range (TASS, Jan 28, is outside).
  const res = await page.evaluate(async (query) => {
    const hits = [...document.querySelectorAll('#list .hit-item .item-meta')].map((e) => e.textContent);
    return { query, hits };
  }, q);
  assert.ok(res.hits.every((m) => Number(/(\d+) Jan 2022/.exec(m)?.[1]) <= 26), res.hits.join(' | '));

  // The keyboard way: two dates. Only the TASS piece (Jan 28) is dated then.
  await page.locator('#range-from').fill('2022-01-20');
  await page.locator('#range-to').fill('2022-01-31');
  await page.locator('#range-form button[type=submit]').click();
  await page.locator('#q', { hasText: '' }).waitFor();
  await page.waitForFunction(() => /date:2022-01-20\.\.2022-01-31/.test(document.querySelector('#q').value));
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#side-heading', { hasText: /^1 result/ }).waitFor();
  assert.match(await page.locator('#list .hit-item .item-meta').textContent(), /TASS · 28 Jan 2022 · printed/);
  page.check();
  await context.close();
});

test('dates a reader can check: source, evidence by keyboard; events in words', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  // The Sputnik seed (dated from its content) says so in the list and the reader.
  const row = page.locator('#list .item a', { hasText: 'security guarantees are aimed at creating' }).first();
  await row.waitFor();
  assert.match(await row.locator('.item-meta').textContent(), /≈ 30 Dec 2021 · inferred/);
  // Search hits say it the same way.
  await page.locator('#q').fill('"security guarantees are aimed"');
  const hit = page.locator('#list .hit-item', { hasText: 'security guarantees are aimed at creating' }).first();
  await hit.waitFor();
  assert.match(await hit.locator('.item-meta').textContent(), /≈ 30 Dec 2021 · inferred/);
  // (Clearing the box shows the list again; Enter there would open the
  // list's first document, racing the click below.)
  await page.locator('#q').fill('');
  await page.locator('#side-heading', { hasText: /^Documents/ }).waitFor();
  await row.waitFor();
  await row.click();
  await page.locator('#doc-title', { hasText: 'security guarantees are aimed at creating' }).waitFor();
  const source = page.locator('#reader .doc-date .date-source');
  await source.waitFor();
  assert.equal((await source.textContent()).trim(), 'inferred');
  assert.match(await page.locator('#reader .doc-date time').textContent(), /≈ 30 Dec 2021/);
  // Keyboard only: from the reader, Tab reaches the source; Enter shows the evidence.
  await page.locator('#reader').focus();
  let reached = false;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('date-source'));
  }
  assert.ok(reached, 'the date source is a Tab stop');
  assert.equal(await source.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  const evidence = page.locator('#date-evidence');
  await evidence.waitFor({ state: 'visible' });
  assert.equal(await source.getAttribute('aria-expanded'), 'true');
  assert.match(await evidence.textContent(), /Thursday's phone call.*early January 2022/);
  await page.screenshot({ path: `${SHOTS}/date-evidence.png` });

  // The timeline: weeks in words, date phrases marked, no snippet cut mid-word.
  await page.locator('.tabs a', { hasText: 'Timeline' }).click();
  await page.locator('#events .event').first().waitFor();
  const labels = await page.locator('#events .event time').allTextContents();
  assert.ok(labels.some((l) => /^week of \d+ [A-Z][a-z]{2} \d{4}$/.test(l)), labels.join(' | '));
  assert.ok(!labels.some((l) => /W\d\d/.test(l)), labels.join(' | '));
  const texts = await page.locator('#events .event-text').allTextContents();
  assert.ok(texts.every((t) => /^(…|[^a-z])/.test(t)), texts.filter((t) => /^[a-z]/.test(t)).join(' | '));
  // The Sputnik talks sentence (10, 12 and 13 January) is one event with its three dates marked.
  const talks = page.locator('#events .event', { hasText: 'three formats' });
  assert.equal(await talks.count(), 1);
  assert.deepEqual(await talks.locator('mark').allTextContents(), ['10 January', '12 January', '13 January']);
  assert.equal(await talks.locator('time').count(), 3);
  page.check();
  await context.close();
});

test('the reader shows normalized dates on hover', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(`${server.url}#doc=0`);
  await ready(page);
  const feb12 = page.locator('.doc-body time.timex', { hasText: 'Feb. 12' });
  await feb12.waitFor();
  assert.match(await feb12.getAttribute('title'), /2022-02-12/);
  page.check();
  await context.close();
});
