// Corpus files: a .lede built by the CLI (`lede build`) in the test, opened
// in the page through "Open a corpus file…" and through ?corpus=URL (HTTP
// Range requests); search, the reader, People and Timeline answer from it,
// reading only the blocks they need. A file that is not a corpus file is
// refused by its first bytes and leaves the session as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, rmSync, statSync, readdirSync, mkdirSync } from 'node:fs';
import { startServer, launch, openPage, ready, axeClean, SHOTS, ROOT } from './harness.js';

const FILE = `${ROOT}www/e2e-corpus.lede`;
// A second, small file: a few BBC business articles.
const SECOND = `${ROOT}target/e2e/e2e-business.lede`;
let server, browser, built;
before(async () => {
  // The seeds and the first 150 of the BBC's technology articles, by the
  // debug CLI that `cargo test` has built (a few thousand documents take
  // minutes in a debug build: the scale tier, tests/e2e-scale/, does that).
  execFileSync('cargo', ['build', '--quiet', '--bin', 'lede'], { cwd: ROOT, stdio: 'inherit' });
  const target = process.env.CARGO_TARGET_DIR || `${ROOT}target`;
  const tech = `${ROOT}../shared/corpora/bbc/tech`;
  const picked = readdirSync(tech).filter((f) => f.endsWith('.txt')).sort().slice(0, 150).map((f) => `${tech}/${f}`);
  built = JSON.parse(execFileSync(`${target}/debug/lede`, ['build', '-o', FILE, `${ROOT}seeds`, ...picked], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const business = `${ROOT}../shared/corpora/bbc/business`;
  const few = readdirSync(business).filter((f) => f.endsWith('.txt')).sort().slice(0, 12).map((f) => `${business}/${f}`);
  mkdirSync(`${ROOT}target/e2e`, { recursive: true });
  // Built in two steps: the appended half is the file's second segment.
  // It also holds a technology article the first file holds too.
  execFileSync(`${target}/debug/lede`, ['build', '-o', SECOND, ...few.slice(0, 6), picked[0]], { stdio: 'ignore' });
  execFileSync(`${target}/debug/lede`, ['build', '--append', '-o', SECOND, ...few.slice(6)], { stdio: 'ignore' });
  server = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); server?.stop(); rmSync(FILE, { force: true }); });

async function search(page, q) {
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill(q);
  await page.locator('#q').press('Enter');
  // The results of this query (the understood line names its first word),
  // not those of the one before.
  const word = q.split(' ')[0].toLowerCase();
  await page.waitForFunction((w) => (document.querySelector('#understood').textContent || '').includes(w) && document.querySelector('#list .hit-item'), word);
}

test('a corpus file opens through the picker: search, reader, People, Timeline', async () => {
  assert.ok(built.docs > 140, `built ${built.docs} documents`);
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#open-corpus').setInputFiles(FILE);
  await page.waitForFunction(() => /Opened the corpus file/.test(document.querySelector('#status').textContent));
  const status = await page.locator('#status').textContent();
  assert.match(status, new RegExp(`${built.docs.toLocaleString('en')} documents`));
  // Opening read a small part of the file.
  const info = await page.evaluate(() => document.querySelector('#corpus-info').textContent);
  assert.match(info, /Corpus file e2e-corpus\.lede/);
  const opened = Number(/\(([\d.,]+) KB read/.exec(status)?.[1].replace(',', '') ?? NaN);
  assert.ok(opened * 1024 < statSync(FILE).size / 4, `opening read ${opened} KB of ${statSync(FILE).size} bytes`);

  await search(page, 'broadband');
  const total = await page.locator('#list .hit-item').count();
  assert.ok(total >= 5, `broadband: ${total} hits from the BBC articles`);
  // The facets follow the hits (a second call reads each counted
  // document's values); a chip narrows the search.
  const chip = page.locator('#facets .facet[aria-label="Person"] .chip, #facets .facet[aria-label="Place"] .chip').first();
  await chip.waitFor();
  const term = await chip.getAttribute('data-term');
  const count = Number(await chip.locator('.count').textContent());
  await chip.click();
  await page.waitForFunction((t) => (document.querySelector('#understood').textContent || '').includes(t.split(':')[0]) && document.querySelector('#facets .chip[aria-pressed="true"]'), term);
  assert.equal(Number(/^([\d,]+) result/.exec(await page.locator('#side-heading').textContent())?.[1].replace(',', '')), count, `${term}: as many results as the chip counted`);
  // A corpus file's search lists the first screen's 20 hits; "Show N
  // more" adds the next and focuses the first of them.
  await search(page, 'the');
  assert.equal(await page.locator('#list .hit-item').count(), 20);
  await page.locator('#list-more .show-more-hits').click();
  await page.waitForFunction(() => document.querySelectorAll('#list .hit-item').length > 20);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll('#list [role=option]')].indexOf(document.activeElement)), 20);
  await search(page, 'Lavrov security guarantees');
  const first = await page.locator('#list .hit-item .item-title').first().textContent();
  assert.match(first, /security|guarantee|Lavrov/i);
  await page.locator('#list .hit-item a').first().click();
  await page.waitForFunction(() => (document.querySelector('#doc-title')?.textContent || '').length > 10);
  await page.locator('.doc-body mark.hit').first().waitFor();

  // People and Timeline follow the search on a corpus file too (scope.js).
  await page.locator('.tabs a', { hasText: 'People' }).click();
  const matching = await page.evaluate(() => document.querySelector('#view-people [data-scope-banner]').textContent);
  const n = Number(/^(\d+) documents? matching “Lavrov security guarantees”/.exec(matching)?.[1]);
  assert.ok(n >= 1 && n < built.docs, matching);
  await page.locator('#people-list .item a', { hasText: 'Sergey Lavrov' }).waitFor();
  await page.locator('#people-list .item a', { hasText: 'Sergey Lavrov' }).click();
  await page.locator('#person h2', { hasText: 'Sergey Lavrov' }).waitFor();
  const scopedPeople = await page.locator('#people-list [role=option]').count();

  await page.locator('.tabs a', { hasText: 'Timeline' }).click();
  await page.locator('#chart svg.chart').waitFor();
  const eventDocs = () => page.locator('#events .event-doc').evaluateAll((as) => new Set(as.map((a) => a.getAttribute('href'))).size);
  assert.ok(await page.locator('#events .event').count() >= 7);
  const scopedDocs = await eventDocs();
  assert.ok(scopedDocs <= n, `the timeline shows events of ${scopedDocs} documents, the scope has ${n}`);
  await page.screenshot({ path: `${SHOTS}/corpusfile.png` });
  // "use all": the whole file's timeline and people.
  await page.locator('#view-timeline [data-scope-banner] button', { hasText: 'use all' }).click();
  await page.waitForFunction((k) => new Set([...document.querySelectorAll('#events .event-doc')].map((a) => a.getAttribute('href'))).size > k, scopedDocs);
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await page.waitForFunction((k) => document.querySelectorAll('#people-list [role=option]').length > k, scopedPeople);

  // Analytics reads the documents' text: every block in one round of reads.
  await page.locator('.tabs a', { hasText: 'Analytics' }).click();
  await page.locator('#view-analytics [data-scope-banner]', { hasText: /^All [\d,]+ documents/ }).waitFor();
  await page.locator('#kwic-q').fill('broadband');
  await page.locator('#kwic-form button[type=submit]').click();
  await page.locator('#kwic-out table tbody tr').first().waitFor();
  const kws = await page.locator('#kwic-out td.kw').allTextContents();
  assert.ok(kws.length >= 5 && kws.every((k) => /broadband/i.test(k)), kws.join(' | '));

  // A document imported on top goes into this browser's corpus and is
  // searched with the file; a second file opened is searched with both.
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles({ name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('Broadband memo\n\nThe zanzibarite broadband rollout memo, imported on top of the corpus file.\n') });
  await page.locator('#import-report .summary', { hasText: 'Imported 1' }).waitFor();
  await page.locator('#open-corpus').setInputFiles(SECOND);
  await page.waitForFunction(() => /Opened the corpus file e2e-business\.lede/.test(document.querySelector('#status').textContent));
  assert.match(await page.locator('#status').textContent(), /e2e-business\.lede: 12 documents \(and 1 already in a corpus file opened before, counted there\)/);
  assert.equal(await page.locator('#file-list li').count(), 2);
  assert.match(await page.locator('#file-list li').last().textContent(), /e2e-business\.lede: 12 documents \(1 more also in a file above, counted there\)/);
  await page.locator("#file-list").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/corpusfile-shared-article.png` });
  assert.match(await page.locator('#corpus-info').textContent(), /2 corpus files: e2e-corpus\.lede, e2e-business\.lede: .* and 6 stored in this browser, searched as one/);
  // People of both files as one list: each person once (a person of one
  // file is not folded into another through a shared surname).
  await page.locator('.tabs a', { hasText: 'People' }).click();
  const useAll = page.locator('#view-people [data-scope-banner] button', { hasText: 'use all' });
  if (await useAll.isVisible()) await useAll.click();
  await page.locator('#people-list .item a', { hasText: 'Rod Eddington' }).waitFor();
  const names = await page.locator('#people-list [role=option] .item-title, #people-list .item a').allTextContents();
  const seen = new Set();
  const twice = names.map((t) => t.trim()).filter((t) => t && seen.size === seen.add(t).size);
  assert.deepEqual(twice, [], `listed twice: ${twice.join(', ')}`);
  assert.ok(names.some((t) => t.includes('Sergey Lavrov')), names.slice(0, 10).join(' | '));
  await page.screenshot({ path: `${SHOTS}/corpusfile-people-two-files.png` });
  // The article both files hold is found once (the first file's).
  await search(page, 'Kyrgyz');
  const found = await page.locator('#list .hit-item .item-title').allTextContents();
  assert.deepEqual(found, ['Ink helps drive democracy in Asia']);
  await page.locator('#side-heading', { hasText: /^1 result/ }).waitFor();
  await search(page, 'zanzibarite');
  assert.equal(await page.locator('#list .hit-item').count(), 1);
  await page.locator('#list .hit-item a').first().click();
  await page.waitForFunction(() => (document.querySelector('#doc-title')?.textContent || '') === 'Broadband memo');
  // One query finds the technology file's, the business file's and the
  // imported document's matches, ranked together.
  await search(page, 'Warner OR zanzibarite');
  const titles = await page.locator('#list .hit-item .item-title').allTextContents();
  for (const t of ['Ad sales boost Time Warner profit', 'Broadband memo']) assert.ok(titles.includes(t), `${t} in ${titles.join(' | ')}`);
  assert.ok(titles.length >= 3, titles.join(' | '));

  // Closing one file keeps the other; closing all returns to the corpus
  // stored in this browser (the sample and the memo).
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#file-list button', { hasText: 'Close' }).last().click();
  await page.waitForFunction(() => /Closed e2e-business\.lede/.test(document.querySelector('#status').textContent));
  assert.match(await page.locator('#corpus-info').textContent(), /^Corpus file e2e-corpus\.lede/);
  // The reader closed: the documents after the closed file were renumbered.
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#reader', { hasText: 'Choose a document' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/corpusfile-closed-one.png` });
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#close-corpus').click();
  await page.waitForFunction(() => /Closed the corpus files/.test(document.querySelector('#status').textContent));
  assert.match(await page.locator('#corpus-info').textContent(), /^6 documents/);

  // Opened the other way round, the technology file's copy is the hidden
  // one; once the business file closes, it is shown again.
  await page.locator('#open-corpus').setInputFiles(SECOND);
  await page.waitForFunction(() => /Opened the corpus file e2e-business\.lede: 13 documents/.test(document.querySelector('#status').textContent));
  await page.locator('#open-corpus').setInputFiles(FILE);
  await page.waitForFunction(() => /Opened the corpus file e2e-corpus\.lede: .*\(and 1 already in a corpus file opened before/.test(document.querySelector('#status').textContent));
  await page.locator('#file-list button', { hasText: 'Close' }).first().click();
  await page.waitForFunction(() => /Closed e2e-business\.lede/.test(document.querySelector('#status').textContent));
  assert.doesNotMatch(await page.locator('#file-list li').first().textContent(), /counted there/);
  await search(page, 'Kyrgyz');
  assert.deepEqual(await page.locator('#list .hit-item .item-title').allTextContents(), ['Ink helps drive democracy in Asia']);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#close-corpus').click();
  await page.waitForFunction(() => /Closed the corpus files/.test(document.querySelector('#status').textContent));
  page.check();
  await context.close();
});

test('?corpus=URL opens a corpus file over HTTP Range requests; a bad file is refused', async () => {
  const { context, page } = await openPage(browser, server.url);
  const ranges = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('.lede')) ranges.push(r.headers().range); });
  await page.goto(`${server.url}?corpus=e2e-corpus.lede`);
  await ready(page);
  await page.waitForFunction(() => /Opened the corpus file/.test(document.querySelector('#status').textContent));
  await search(page, 'broadband');
  assert.ok(ranges.length > 2 && ranges.every((r) => /^bytes=\d+-\d+$/.test(r)), ranges.join(' '));

  // Not a corpus file: refused by its first bytes; the open file stays usable.
  const bogus = `${ROOT}target/e2e/not-a-corpus.lede`;
  writeFileSync(bogus, 'PK\u0003\u0004 this is not a corpus file at all '.repeat(20));
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#open-corpus').setInputFiles(bogus);
  await page.waitForFunction(() => /Could not open not-a-corpus\.lede: .*not a Lede corpus file/.test(document.querySelector('#status').textContent));
  await search(page, 'broadband');
  assert.match(await page.locator('#corpus-info').textContent(), /Corpus file e2e-corpus\.lede/);
  page.check();
  await context.close();
});

// The file above with its stored timeline made as big as that of ~20,000
// articles dense with dates (over 24 MB of JSON): rewritten member by
// member with Python's zipfile, every other member as it was.
const DENSE_PY = `
import json, sys, zipfile
src, dst = sys.argv[1:3]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w') as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == 'views/timeline.json':
            events = json.loads(data)['events']
            data = json.dumps({'events': events * (30_000_000 // len(data) + 1)}).encode()
        out = zipfile.ZipInfo(info.filename, info.date_time)
        out.compress_type = info.compress_type
        zout.writestr(out, data)
`;

test('a corpus file whose whole timeline is too big for a tab: the chart from its counts, a range lists events, a search gives its timeline', async () => {
  const dense = `${ROOT}target/e2e/e2e-dense.lede`;
  execFileSync('python3', ['-c', DENSE_PY, FILE, dense]);
  // The dated mentions of the file, as the CLI lists them (its timeline
  // of a file this small is every event).
  const target = process.env.CARGO_TARGET_DIR || `${ROOT}target`;
  const listed = JSON.parse(execFileSync(`${target}/debug/lede`, ['timeline', '--index', FILE], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const counted = listed.events.filter((e) => e.date).length;
  const seeds = JSON.parse(execFileSync(`${target}/debug/lede`, ['timeline', '--corpus', `${ROOT}seeds`], { encoding: 'utf8' }));
  const seedsCounted = seeds.events.filter((e) => e.date).length;
  assert.ok(counted > 100, `${counted} mentions counted`);
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#open-corpus').setInputFiles(dense);
  await page.waitForFunction(() => /Opened the corpus file e2e-dense\.lede/.test(document.querySelector('#status').textContent));
  await page.locator('.tabs a', { hasText: 'Timeline' }).click();
  // The chart of the whole corpus, from the counts (the big member is not
  // read); the list says why it lists nothing yet.
  await page.locator('#chart svg.chart').waitFor();
  // The tab's own documents (the five seeds) are counted with the file's.
  const said = page.locator('#events .empty', { hasText: `dated mentions of the ${(built.docs + 5).toLocaleString('en')} documents, too many to list` });
  await said.waitFor();
  const all = Number(/counts all ([\d,]+)/.exec(await said.textContent())[1].replace(/,/g, ''));
  assert.equal(all, counted + seedsCounted, `${all} mentions counted in the page, ${counted} in the file, ${seedsCounted} in the seeds`);
  assert.equal(await page.locator('#events .event').count(), 0);
  assert.ok(await page.locator('#chart .bars rect').count() > 10);
  assert.doesNotMatch(await page.locator('#status').textContent(), /could not be built/);
  await page.screenshot({ path: `${SHOTS}/corpusfile-timeline-counts.png` });
  // Two dates typed (the keyboard's brush): the search takes the range,
  // the chart stays that of the whole corpus, and the events of the
  // documents published in the range are listed, each dated in it.
  await page.locator('#range-from').fill('2021-12-01');
  await page.locator('#range-to').fill('2022-03-01');
  await page.locator('#range-form button', { hasText: 'Filter' }).click();
  await page.waitForFunction(() => /date:2021-12-01\.\.2022-03-01/.test(document.querySelector('#q').value));
  await page.locator('#events .event').first().waitFor();
  assert.match(await page.locator('#events-heading').textContent(), /^\d+ events? \(\d+ dated mentions?\) from 2021-12-01 to 2022-03-01 in the \d+ documents? published then$/);
  const dates = await page.locator('#events .event').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('time')].map((t) => t.getAttribute('datetime'))));
  for (const d of dates) assert.ok(d.some((x) => x && x >= '2021-12-01' && x <= '2022-03-01'), `${d} is in the range`);
  assert.ok(await page.locator('#chart .bars rect').count() > 10, 'the chart still counts the whole corpus');
  await page.screenshot({ path: `${SHOTS}/corpusfile-timeline-counts-range.png` });
  // The range cleared: nothing listed again.
  await page.locator('#range-clear').click();
  await said.waitFor();
  // A search's timeline is made from its documents.
  await search(page, 'Lavrov');
  await page.locator('.tabs a', { hasText: 'Timeline' }).click();
  await page.locator('#events .event').first().waitFor();
  assert.equal(await page.locator('#events .empty').count(), 0);
  // The search cleared: the whole corpus's counts again.
  await page.locator('#q').fill('');
  await page.locator('#q').press('Enter');
  await page.locator('.tabs a', { hasText: 'Timeline' }).click();
  await said.waitFor();
  page.check();
  await context.close();
  rmSync(dense, { force: true });
});

// The file above with its stored people made more bytes than a tab reads
// at once (over 24 MB, as the quotes of a few hundred thousand articles'
// people are): the member padded with spaces (still the same JSON),
// every other member as it was.
const BULKY_PY = `
import sys, zipfile
src, dst, name = sys.argv[1:4]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w') as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == name:
            data = data + b' ' * (25 << 20)
        out = zipfile.ZipInfo(info.filename, info.date_time)
        out.compress_type = info.compress_type
        zout.writestr(out, data)
`;

test('a corpus file whose people are too big for a tab: listed from their counts, a person\'s quotes read from some of their documents', async () => {
  const bulky = `${ROOT}target/e2e/e2e-bulky-people.lede`;
  execFileSync('python3', ['-c', BULKY_PY, FILE, bulky, 'views/people.json']);
  // Lavrov as the CLI lists him in the file (its stored people) and in
  // the seeds the tab holds: the page lists both as one.
  const target = process.env.CARGO_TARGET_DIR || `${ROOT}target`;
  const lavrov = (args) => JSON.parse(execFileSync(`${target}/debug/lede`, ['people', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }))
    .find((p) => p.name === 'Sergey Lavrov');
  const [inFile, inSeeds] = [lavrov(['--index', FILE]), lavrov(['--corpus', `${ROOT}seeds`])];
  assert.ok(inFile.docs.length > 1 && inFile.doc_count === inFile.docs.length, 'the stored view lists every document');
  const quotes = inFile.quote_count + inSeeds.quote_count;
  const docs = inFile.doc_count + inSeeds.doc_count;
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#open-corpus').setInputFiles(bulky);
  await page.waitForFunction(() => /Opened the corpus file e2e-bulky-people\.lede/.test(document.querySelector('#status').textContent));
  await page.locator('.tabs a', { hasText: 'People' }).click();
  const item = page.locator('#people-list .item a', { hasText: 'Sergey Lavrov' });
  await item.waitFor();
  assert.match(await item.locator('.item-meta').textContent(), new RegExp(`^${quotes} quotes · `));
  assert.ok(await page.locator('#people-list .item').count() > 20);
  // Picked by the keyboard: filtered, then Enter on the row.
  await page.locator('#people-filter').fill('lavrov');
  await item.focus();
  await page.keyboard.press('Enter');
  await page.locator('#person h2', { hasText: 'Sergey Lavrov' }).waitFor();
  // His quotes: read from his documents (the stored view is not read),
  // and said to be some of them.
  await page.locator('#person .quote-doc').first().waitFor();
  const note = await page.locator('#person [role=status]').textContent();
  // (All of them: fewer than the hundred read.)
  assert.equal(note, `Their quotes in the ${docs} documents that quote them.`);
  assert.equal(await page.locator('#person .quote-doc').count(), docs);
  const shown = await page.locator('#person blockquote').allTextContents();
  const known = new Set(inFile.docs.flatMap((d) => d.quotes.map((q) => q.text)));
  assert.ok(shown.some((t) => known.has(t)), `${shown[0]} is one of his quotes in the file`);
  assert.equal(await page.locator('#person').getAttribute('aria-busy'), null);
  await page.screenshot({ path: `${SHOTS}/corpusfile-people-counts.png` });
  await axeClean(page, 'people listed from their counts');
  // A quote opens where it stands in its document.
  await page.locator('#person .quote-doc a', { hasText: 'open in context' }).first().click();
  await page.locator('#reader mark, #reader .quote').first().waitFor();
  // A search's people list every quote of the documents found.
  await search(page, 'Lavrov');
  await page.locator('.tabs a', { hasText: 'People' }).click();
  await page.locator('#people-filter').fill('');
  await page.locator('#people-list .item a', { hasText: 'Sergey Lavrov' }).click();
  await page.locator('#person .quote-doc').first().waitFor();
  assert.equal(await page.locator('#person [role=status]').count(), 0);
  page.check();
  await context.close();
  rmSync(bulky, { force: true });
});
