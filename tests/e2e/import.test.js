// Import, persistence and offline: drop a folder of mixed files, see the
// progress and the report, reload, go offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';
import { corpus } from '../common/corpora.mjs';

const BBC = corpus('bbc/business');

let server, browser, dir;
before(async () => {
  server = await startServer();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'lede-import-'));
  const folder = join(dir, 'news');
  mkdirSync(folder);
  for (const f of readdirSync(BBC).sort().slice(0, 50)) writeFileSync(join(folder, `bbc-${f}`), readFileSync(join(BBC, f)));
  writeFileSync(join(folder, 'wire.jsonl'), [
    { title: 'Port strike ends after talks', text: 'Dock workers returned to work on Tuesday after a deal on pay.', date: '2022-02-01', source: 'Wire One' },
    { title: 'Grain prices rise', body: 'Wheat futures rose for a third day as buyers worried about supply.', published: '2022-02-02', outlet: 'Wire Two' },
  ].map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(join(folder, 'sheet.csv'), 'title,text,date,source\n"Council approves budget","The city council approved the budget by seven votes to two.",2022-03-01,City Desk\n');
  writeFileSync(join(dir, 'zipped-1.txt'), 'Lighthouse restored\n\nThe old lighthouse on the point has been restored by volunteers.');
  writeFileSync(join(dir, 'zipped-2.txt'), 'Ferry timetable changes\n\nThe winter ferry timetable starts next week with fewer crossings.');
  execFileSync('python3', ['-c', `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w'); [z.write(f, f.split('/')[-1]) for f in sys.argv[2:]]; z.close()`,
    join(folder, 'archive.zip'), join(dir, 'zipped-1.txt'), join(dir, 'zipped-2.txt')]);
  writeFileSync(join(folder, 'empty.txt'), '');
  writeFileSync(join(folder, 'broken.json'), '{"title": "half a record", "text": ');
  writeFileSync(join(folder, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
});
after(async () => { await browser?.close(); server?.stop(); });

test('a folder of mixed files imports with progress, a report, persistence and offline use', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.evaluate(() => {
    window.__progressSeen = 0;
    new MutationObserver(() => { window.__progressSeen++; }).observe(document.querySelector('#progress-text'), { childList: true, characterData: true, subtree: true });
  });
  await page.locator('#pick-folder').setInputFiles(join(dir, 'news'));
  const report = page.locator('#import-report');
  await report.locator('.summary').waitFor({ timeout: 60000 });
  assert.ok(await page.evaluate(() => window.__progressSeen) > 0, 'progress was shown');
  const summary = await report.locator('.summary').textContent();
  // 50 BBC files + 2 JSONL records + 1 CSV row + 2 zip members (BBC has duplicates within
  // a topic, so count added + duplicates).
  const added = Number(summary.match(/Imported (\d+)/)[1]);
  const dups = Number((summary.match(/(\d+) duplicate/) || [0, 0])[1]);
  assert.equal(added + dups, 55, summary);
  const errors = await report.locator('.errors li').allTextContents();
  assert.equal(errors.length, 3, errors.join('\n'));
  assert.ok(errors.some((e) => /empty\.txt — .*empty/i.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /broken\.json — .*JSON.*line 1/i.test(e)), errors.join('\n'));
  assert.ok(errors.some((e) => /picture\.png — .*(unsupported|not a text)/i.test(e)), errors.join('\n'));
  await page.screenshot({ path: `${SHOTS}/import.png`, fullPage: true });
  const count = 5 + added;
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  assert.equal(await page.locator('#list .item').count(), count);

  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#list .item').count(), count, 'the corpus survives a reload');
  assert.match(await page.locator('#status').textContent(), /restored/);

  await page.waitForFunction(() => navigator.serviceWorker?.controller || navigator.serviceWorker?.ready.then(() => true));
  await page.reload(); // now controlled by the service worker, which caches the shell
  await ready(page);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#list .item').count(), count, 'works offline');
  await page.locator('#list .item a').first().click();
  await page.locator('#doc-title').waitFor();
  await context.setOffline(false);
  page.check();
  await context.close();
});

test('bad input keeps what was loaded; clear and restore the sample', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  const before = await page.locator('#list .item').count();
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#paste-text').fill('Pasted headline\n\nA pasted body about the harbour and the town council.');
  await page.locator('#paste-form button').click();
  await page.locator('#import-report .summary', { hasText: 'Imported 1' }).waitFor();
  await page.locator('#pick-files').setInputFiles({ name: 'nothing.txt', mimeType: 'text/plain', buffer: Buffer.from('') });
  await page.locator('#import-report .errors li', { hasText: 'nothing.txt' }).waitFor();
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  assert.equal(await page.locator('#list .item').count(), before + 1);
  page.once('dialog', (d) => d.accept());
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#clear-corpus').click();
  await page.locator('#corpus-info', { hasText: /^0 documents/ }).waitFor();
  await page.locator('#restore-seeds').click();
  await page.locator('#corpus-info', { hasText: /^5 documents/ }).waitFor();
  page.check();
  await context.close();
});
