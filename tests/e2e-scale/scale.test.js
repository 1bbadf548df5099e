// The tab survives a big import: the scale corpus (bench-data/scale.jsonl,
// 25,980 records, 40 MB, built from ../shared/corpora when missing) picked
// as one JSON Lines file; a few minutes on a 2-core machine, so it is in
// `make test-scale` (part of `make bench`), not `make test`. The figures
// are `node bench/import-page.mjs`. LEDE_SCALE_RECORDS imports the first N
// records instead.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS } from '../e2e/harness.js';
import { scaleCorpus, scaleSlice, importThroughPage } from '../../bench/scale-page.mjs';

const SLICE = Number(process.env.LEDE_SCALE_RECORDS) || 0;
let server, browser, file, records;
before(async () => {
  file = SLICE ? scaleSlice(SLICE, join(mkdtempSync(join(tmpdir(), 'lede-scale-')), 'scale.jsonl')) : scaleCorpus();
  records = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).length;
  server = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); server?.stop(); });

const docsIn = async (page) => Number((await page.locator('#corpus-info').textContent()).match(/^([\d,]+) documents/)[1].replace(/,/g, ''));

test('the ~26k-record scale corpus as one JSON Lines file: progress within the file, a responsive page, no crash, a reload', { timeout: 300000 }, async () => {
  const { page } = await openPage(browser, server.url);
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  await page.goto(server.url);
  await ready(page);
  const before = await docsIn(page);

  const imp = await importThroughPage(page, file, { timeout: 240000 });
  assert.ok(!crashed, 'the tab did not crash');
  assert.equal(imp.errors, 0, imp.summary);
  assert.equal(imp.added + imp.dups, records, imp.summary);
  assert.deepEqual(imp.alerts, [], 'saved');
  // The progress moves inside the one file: records, bytes, speed, time left.
  const counts = imp.progress.map((p) => Number((p.text.match(/([\d,]+) records/) || [0, '-1'])[1].replace(/,/g, ''))).filter((n) => n > 0);
  assert.ok(counts.length >= 3, `progress seen: ${imp.progress.map((p) => p.text).join(' | ')}`);
  assert.ok(counts.every((n, i) => !i || n >= counts[i - 1]), 'records only go up');
  assert.ok(imp.progress.some((p) => /0 of 1 files · [\d,]+ records · [\d.]+ of [\d.]+ MB · [\d.]+ MB\/s · about \d+ s left/.test(p.text)),
    imp.progress.map((p) => p.text).join(' | '));
  assert.ok(imp.progress.some((p) => p.value > 0.2 && p.value < 0.9), 'the bar moves');
  // The page kept painting: no gap between animation frames over a second.
  assert.ok(imp.stalls.frame < 1000, `longest stall ${imp.stalls.frame} ms`);
  assert.equal(await docsIn(page), before + imp.added);

  // The document list shows a page of the corpus, not every row.
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  assert.equal(await page.locator('#list .item').count(), 200);
  assert.match(await page.locator('#list .more').textContent(), new RegExp(`Showing 200 of ${(before + imp.added).toLocaleString('en-US')}`));
  await page.locator('#list .more button').click();
  assert.equal(await page.locator('#list .item').count(), 1200);
  // So does the People view.
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await page.locator('#people-list .more', { hasText: /^Showing 200 of [\d,]+/ }).waitFor({ timeout: 60000 });
  assert.equal(await page.locator('#people-list .item').count(), 200);
  // The timeline draws every dated mention of the corpus (by month over
  // its decades).
  await page.locator('.tabs a', { hasText: 'Timeline' }).click();
  await page.locator('#chart svg.chart rect[data-day]').first().waitFor({ timeout: 90000 });
  assert.match(await page.locator('#events-heading').textContent(), /^[\d,]+ dated mentions/);
  await page.screenshot({ path: `${SHOTS}/timeline-scale.png` });
  // Compare does not start a minute of work unasked, and lists a page of
  // documents to pick from, narrowed by typing.
  await page.locator('.tabs a', { hasText: 'Compare' }).click();
  await page.locator('#compare-run', { hasText: /across [\d,]+ documents/ }).waitFor();
  assert.ok(await page.locator('#compare-pick li input').count() <= 100);
  await page.locator('#pick-filter').fill('oil');
  await page.locator('#compare-pick .more', { hasText: /^Showing 100 of [\d,]+/ }).waitFor();
  assert.ok((await page.locator('#compare-pick label').allTextContents()).every((t) => /oil/i.test(t)));
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('oil prices');
  await page.locator('#side-heading', { hasText: /\d+ results/ }).waitFor();
  await page.locator('#list .item a').first().click();
  await page.locator('#doc-title').waitFor();
  await page.screenshot({ path: `${SHOTS}/scale.png` });

  await page.reload();
  await ready(page);
  assert.equal(await docsIn(page), before + imp.added, 'the corpus survives a reload');
  assert.match(await page.locator('#status').textContent(), /restored/);
  assert.ok(!crashed, 'the tab did not crash');
  page.check();
});

test('cancel stops a large JSON Lines file between slices and keeps what was imported', { timeout: 120000 }, async () => {
  const { page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  const part = scaleSlice(6000, join(mkdtempSync(join(tmpdir(), 'lede-cancel-')), 'part.jsonl'));
  await page.locator('#pick-files').setInputFiles(part);
  await page.locator('#progress-text', { hasText: /[1-9][\d,]* records/ }).waitFor({ timeout: 60000 });
  await page.locator('#cancel-import').click();
  const summary = await page.locator('#import-report .summary').textContent();
  assert.match(summary, /cancelled, part\.jsonl from line [\d,]+ on not read/, summary);
  const added = Number(summary.match(/Imported ([\d,]+)/)[1].replace(/,/g, ''));
  assert.ok(added > 0 && added < 6000, summary);
  assert.equal(await docsIn(page), 5 + added);
  page.check();
});
