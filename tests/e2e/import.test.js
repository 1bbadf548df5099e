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

// Issue 12, all cores: an import big enough for the worker pool (here two
// workers, whatever the machine) gives the corpus a one-worker import
// gives; a 2 MB CSV goes in slices (the progress moves within it, rows keep
// their line numbers); a file that kills a pool worker is named and left
// out, the rest imported.
test('the worker pool imports what one worker does, slices a large CSV, and names a file that kills a worker', async () => {
  const sport = corpus('bbc/sport');
  const texts = readdirSync(sport).sort().slice(0, 300).map((f) => readFileSync(join(sport, f), 'utf8'));
  const q = (s) => `"${s.replace(/"/g, '""')}"`;
  const rows = ['title,text,date'];
  // ~2.2 MB: rows whose quoted text holds newlines and quotes; row 5 is ragged.
  for (let i = 0; rows.join('\n').length < 2.2e6; i++) {
    // Long rows (three articles each): the bytes for three slices, few documents to save.
    const [title, ...body] = texts[i % texts.length].split('\n');
    const more = [1, 2].map((k) => texts[(i + k * 97) % texts.length].trim()).join('\n\n');
    rows.push(i === 3 ? 'ragged,row,with,too,many' : `${q(`${title} (${i})`)},${q(`Row ${i}: "${title}".\n\n${body.join('\n').trim()}\n\n${more}`)},2021-0${1 + (i % 9)}-1${i % 10}`);
  }
  const csv = Buffer.from(rows.join('\n') + '\n');
  const files = [
    ...readdirSync(BBC).sort().slice(60, 72).map((f) => ({ name: `b-${f}`, mimeType: 'text/plain', buffer: readFileSync(join(BBC, f)) })),
    { name: 'poison.txt', mimeType: 'text/plain', buffer: Buffer.from('Poison pill\n\nThis file stops any import worker that reads it.') },
    { name: 'rows.csv', mimeType: 'text/csv', buffer: csv },
  ];
  // Every pool worker dies (an uncaught error, as a trap would) on a task
  // holding poison.txt: its script is served with that wrapped around its
  // message handler.
  const poison = `
const handle = self.onmessage;
self.onmessage = (e) => {
  if (e.data.kind === 'files' && e.data.args[0].includes('poison.txt')) setTimeout(() => { throw new Error('simulated worker trap'); });
  else handle(e);
};`;
  const importAll = async (workers, given = files) => {
    const { context, page } = await openPage(browser, server.url);
    await context.addInitScript((n) => { self.LEDE_POOL_SIZE = n; }, workers);
    await context.route('**/pool-worker.js', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()) + poison });
    });
    await page.goto(server.url);
    await ready(page);
    await page.locator('.tabs a', { hasText: 'Import' }).click();
    await page.evaluate(() => {
      const seen = (window.__mbSeen = new Set());
      new MutationObserver(() => {
        const m = document.querySelector('#progress-text').textContent.match(/([\d.]+) of [\d.]+ MB/);
        if (m) seen.add(m[1]);
      }).observe(document.querySelector('#progress-text'), { childList: true, characterData: true, subtree: true });
    });
    await page.locator('#pick-files').setInputFiles(given);
    const report = page.locator('#import-report');
    await report.locator('.summary').waitFor({ timeout: 120000 });
    const out = {
      summary: await report.locator('.summary').textContent(),
      errors: await report.locator('.errors li').allTextContents(),
      pool: await report.evaluate((b) => ({ ...b.dataset })),
      steps: await page.evaluate(() => window.__mbSeen.size),
      jsonl: await (async () => {
        const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-jsonl').click()]);
        return readFileSync(await dl.path(), 'utf8');
      })(),
      // The timeline (the pool's batches carry each document's dated
      // events; the engine alone tags them when the view asks).
      timeline: await (async () => {
        await page.locator('.tabs a', { hasText: 'Timeline' }).click();
        await page.locator('#events .event').first().waitFor();
        return {
          heading: await page.locator('#events-heading').textContent(),
          events: await page.locator('#events .event').evaluateAll((els) => els.slice(0, 200).map((e) => e.textContent)),
        };
      })(),
    };
    page.check();
    await context.close();
    return out;
  };
  const two = await importAll(2);
  const one = await importAll(1);
  // The engine alone, without the file that kills pool workers (a pool of
  // none has no worker to kill).
  const alone = await importAll(0, files.filter((f) => f.name !== 'poison.txt'));
  assert.equal(two.pool.poolSize, '2', JSON.stringify(two.pool));
  assert.equal(one.pool.poolSize, '1', JSON.stringify(one.pool));
  // Both workers did tasks (and the ones that replaced the killed ones).
  assert.ok(Number(two.pool.poolUsed) >= 2 && Number(two.pool.poolTasks) >= 4 && Number(two.pool.poolReplaced) >= 1, JSON.stringify(two.pool));
  assert.equal(two.summary.replace(/ \([\d.]+ s\)/, ''), one.summary.replace(/ \([\d.]+ s\)/, ''));
  assert.deepEqual(two.errors, one.errors);
  // The same documents in the same order (ids, titles, dates, everything).
  assert.equal(two.jsonl, one.jsonl);
  // The same timeline as the engine alone gives, its events tagged there.
  assert.equal(alone.pool.poolSize, undefined, JSON.stringify(alone.pool));
  assert.match(two.timeline.heading, /^[\d,]+ events \([\d,]+ dated mentions\)/);
  assert.equal(two.timeline.heading, alone.timeline.heading);
  assert.ok(two.timeline.events.length >= 50, two.timeline.events.length);
  assert.deepEqual(two.timeline.events, alone.timeline.events);
  const titles = two.jsonl.trim().split('\n').map((l) => JSON.parse(l).title);
  assert.ok(titles.includes('Poison pill') === false && titles.length > 5 + 12 + 250, titles.length);
  // Errors: the killing file named; the ragged row at its line in the file.
  assert.ok(two.errors.some((e) => /^poison\.txt — the import stopped on this file \(.*simulated worker trap.*\); this file was left out/.test(e)), two.errors.join('\n'));
  const line = csv.toString().split('\n').findIndex((l) => l.startsWith('ragged')) + 1;
  assert.ok(two.errors.some((e) => e.startsWith(`rows.csv#${line} — `) && /the row has 5 fields, the header 3/.test(e)), two.errors.join('\n'));
  // The progress moved within the CSV (three slices) and the batch.
  assert.ok(two.steps >= 4, `progress steps: ${two.steps}`);
});

// The single-file build (file://, tools/dist.py) starts its pool workers
// from inlined sources too; a 1.6 MB JSON array goes in slices of whole
// records, numbered as in the whole file.
test('the single-file build imports a JSON array in slices through its worker pool', async () => {
  const out = join(dir, 'dist', 'lede.html');
  execFileSync('python3', [new URL('../../tools/dist.py', import.meta.url).pathname, new URL('../../www', import.meta.url).pathname, out]);
  const sport = corpus('bbc/sport');
  const texts = [...readdirSync(sport).sort().slice(0, 500).map((f) => readFileSync(join(sport, f), 'utf8')),
    ...readdirSync(BBC).sort().slice(300, 500).map((f) => readFileSync(join(BBC, f), 'utf8'))];
  // Long records (three articles each): the bytes for two slices, few documents to save.
  const records = texts.slice(0, 233).map((t, i) => (i === 100 ? { url: 'http://example.org/no-article' }
    : { title: `${t.split('\n')[0]} (${i})`, text: [t, texts[233 + i], texts[466 + i]].join('\n\n'), date: '2020-05-01' }));
  const json = `[\n${records.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`;
  assert.ok(json.length > 1.1e6);
  const { context, page } = await openPage(browser, `file://${out}`);
  await page.goto(`file://${out}`);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles({ name: 'wire.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  const report = page.locator('#import-report');
  await report.locator('.summary', { hasText: /^Imported \d+ document/ }).waitFor({ timeout: 60000 });
  const summary = await report.locator('.summary').textContent();
  const stats = await report.evaluate((b) => ({ ...b.dataset }));
  assert.ok(Number(stats.poolUsed) >= 1 && Number(stats.poolTasks) >= 2, JSON.stringify(stats));
  const added = Number(summary.match(/Imported (\d+)/)[1]);
  const dups = Number((summary.match(/(\d+) duplicate/) || [0, 0])[1]);
  assert.equal(added + dups, 232, summary);
  assert.deepEqual((await report.locator('.errors li').allTextContents()).map((e) => e.split(' — ')[0]), ['wire.json#101']);
  page.check();
  await context.close();
});
