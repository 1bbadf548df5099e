// Hostile inputs on the page (issue 13): deep nesting in a file, a zip
// bomb, deep nesting in a query
// and a link, a query that expands to everything, formula injection in
// every CSV export, bad URL state, two tabs saving one corpus, damaged
// storage, a long one-paragraph document, an engine that dies during an
// import.
// Each test generates its hostile input; after each, the page still
// searches, imports and opens documents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS, parseCsv } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const HYPERLINK = '=HYPERLINK("http://x","y")';
const CMD = "+cmd|' /C calc'!A0";

// Every cell a spreadsheet would run as a formula; plain numbers are fine.
const risky = (cells) => cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(c));

async function downloaded(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFileSync(await dl.path(), 'utf8');
}

async function start(context) {
  const page = await context.newPage();
  await page.goto(server.url);
  await ready(page);
  return page;
}

async function paste(page, text) {
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#paste-text').fill(text);
  await page.locator('#paste-form button').click();
  await page.locator('#import-report .summary').waitFor();
}

// The session still searches, opens a document and imports.
async function stillWorks(page, word) {
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('Lavrov');
  await page.locator('#side-heading', { hasText: /^\d+ results?/ }).waitFor();
  await page.locator('#list .hit-item a').first().click();
  await page.locator('#doc-title').waitFor();
  await paste(page, `${word} harbour\n\nThe ${word} harbour reopened on Tuesday.`);
  await page.locator('#import-report .summary', { hasText: 'Imported 1 document(s)' }).waitFor();
}

test('deep nesting in a file, the search box and a link, and a query that expands to everything: each said, and the session goes on', async () => {
  const { context, page } = await openPage(browser, server.url);
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await ready(page);

  // 5,000 nested <div>s (the engine used to overflow its stack and stay
  // broken): imported with a note, its text kept.
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles({ name: 'nested.html', mimeType: 'text/html',
    buffer: Buffer.from(`<html><head><title>Deep page</title></head><body>${'<div>'.repeat(5000)}<p>The quarry at Oakhurst closed.</p>${'</div>'.repeat(5000)}</body></html>`) });
  const report = page.locator('#import-report');
  await report.locator('.summary', { hasText: 'Imported 1 document(s)' }).waitFor({ timeout: 60000 });
  assert.match(await report.textContent(), /nested\.html.*nest(ed|s)? \d+ deep/s);
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('Oakhurst');
  await page.locator('#side-heading', { hasText: /^1 result/ }).waitFor();
  await stillWorks(page, 'Alder');

  // The report's zip bomb: 3.7 MB holding 16 members of 65 MB of text
  // (each past the per-file limit: refused without being kept, where it
  // used to take 5 GB and break the engine).
  const dir = mkdtempSync(join(tmpdir(), 'lede-bomb-'));
  const bomb = join(dir, 'bomb.zip');
  execFileSync('python3', ['-c', `import zipfile,sys
line=b"the harbour council met again and talked about fees for boats on Monday\\n"
body=line*((65<<20)//len(line))
with zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED,compresslevel=1) as z:
    [z.writestr(f"m{i}.txt", body) for i in range(16)]`, bomb]);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles(bomb);
  await report.locator('.summary', { hasText: /^Imported 0 document\(s\); 16 could not be imported/ }).waitFor({ timeout: 60000 });
  assert.match(await report.locator('.errors li').first().textContent(), /bomb\.zip#m0\.txt — too large/);
  rmSync(dir, { recursive: true, force: true });
  await stillWorks(page, 'Ash');

  // 3,000 nested parentheses typed in the search box: a clear note. The
  // box offers no recent searches for text that long (the browser's
  // matching of them took seconds a keystroke), nor keeps it.
  await page.locator('#q').fill(`${'('.repeat(3000)}Lavrov${')'.repeat(3000)}`);
  await page.locator('#understood', { hasText: /nest/i }).waitFor();
  assert.equal(await page.locator('#q').getAttribute('list'), null);
  assert.equal(await page.locator('#q-history option').evaluateAll((o) => o.filter((x) => x.value.length > 500).length), 0);
  await stillWorks(page, 'Birch');
  assert.equal(await page.locator('#q').getAttribute('list'), 'q-history', 'offered again for a short search');

  // 20,000 in a link someone sends.
  await page.goto(`${server.url}#q=${encodeURIComponent(`${'('.repeat(20000)}Lavrov${')'.repeat(20000)}`)}`);
  await ready(page);
  await page.locator('#understood', { hasText: /nest/i }).waitFor();
  await stillWorks(page, 'Cedar');

  // A 10,000-character chain of prefixes: bounded, and said.
  const t0 = Date.now();
  await page.locator('#q').fill(Array.from({ length: 3300 }, () => 'a*').join(' OR '));
  await page.locator('#understood', { hasText: /left out/ }).waitFor({ timeout: 30000 });
  const chainMs = Date.now() - t0;
  await stillWorks(page, 'Damson');
  console.log(`hostile: prefix chain answered in ${chainMs} ms`);
  assert.deepEqual(problems, []);
  page.check();
  await context.close();
});

test('CSV exports neutralise formula injection from an imported title, outlet, tag and note', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  const records = [
    { title: HYPERLINK, text: 'The Quillon harbour reopened on Monday after repairs to the harbour wall.', date: '2022-02-01', outlet: CMD, tags: ['=1+2'], note: '-2+3' },
    { title: '@SUM(A1:A9)', text: 'Harbour fees at Quillon rise in March, the harbour board said.', date: '2022-03-01', outlet: CMD },
  ];
  await page.locator('#pick-files').setInputFiles({ name: 'hostile.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n') });
  await page.locator('#import-report .summary', { hasText: 'Imported 2 document(s)' }).waitFor();

  // Search results: the title and outlet cells carry a leading quote.
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('Quillon');
  await page.locator('#side-heading', { hasText: /^2 results/ }).waitFor();
  const results = parseCsv(await downloaded(page, () => page.locator('.result-tools button', { hasText: 'CSV' }).click()));
  assert.deepEqual(results[0], ['id', 'file', 'title', 'outlet', 'date', 'score', 'snippet', 'tags', 'note']);
  const cells = results.flat();
  assert.deepEqual(risky(cells), []);
  assert.ok(cells.includes(`'${HYPERLINK}`) && cells.includes(`'${CMD}`) && cells.includes("'@SUM(A1:A9)"), cells.join(' | '));
  // A record's tag and note, as imported, in their columns.
  assert.ok(cells.includes("'=1+2") && cells.includes("'-2+3"), cells.join(' | '));

  // Keyness (the outlet is a column name) and trends.
  await page.locator('.tabs a', { hasText: 'Analytics' }).click();
  await page.locator('#key-outlet').selectOption(CMD);
  await page.locator('#key-form button[type=submit], #key-form button').first().click();
  const keyness = parseCsv(await downloaded(page, () => page.locator('#key-out button', { hasText: 'Export CSV' }).click()));
  assert.equal(keyness[0][1], `'${CMD}`);
  assert.deepEqual(risky(keyness.flat()), []);
  assert.ok(keyness.slice(1).every((r) => /^-?\d/.test(r[4])), 'log ratios stay numbers');
  await page.locator('#trend-terms').fill('harbour, Quillon');
  await page.locator('#trend-form button').first().click();
  const trends = parseCsv(await downloaded(page, () => page.locator('#trend-out button', { hasText: 'Export CSV' }).click()));
  assert.deepEqual(risky(trends.flat()), []);
  assert.ok(trends.length > 1);
  page.check();
  await context.close();
});

test('bad URL state is ignored and named in the status line', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(`${server.url}#q=Lavrov&sort=sideways&doc=abc&view=nowhere`);
  await ready(page);
  await page.locator('#status', { hasText: /Ignored in the address: view=nowhere \(no such view\); doc=abc \(not a document number\); sort=sideways \(not one of relevance, date, date_asc\)\./ }).waitFor();
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();
  assert.equal(await page.locator('#doc-title').count(), 0, 'no document opened');
  assert.equal(await page.locator('#sort').inputValue(), 'relevance');
  const hash = await page.evaluate(() => location.hash);
  assert.doesNotMatch(hash, /doc=|sort=|view=/);
  assert.match(hash, /q=Lavrov/);
  // A negative or huge id is not a document either; a good one still opens.
  await page.goto('about:blank');
  await page.goto(`${server.url}#doc=-1`);
  await ready(page);
  await page.locator('#status', { hasText: 'doc=-1 (not a document number)' }).waitFor();
  assert.equal(await page.locator('#doc-title').count(), 0);
  await page.goto('about:blank');
  await page.goto(`${server.url}#doc=2`);
  await ready(page);
  await page.locator('#doc-title').waitFor();
  page.check();
  await context.close();
});

test('two tabs: the second save merges the first tab\'s documents in, says so, and a real conflict is refused', async () => {
  const { context, page: a } = await openPage(browser, server.url);
  await a.goto(server.url);
  await ready(a);
  const b = await start(context);
  await paste(a, 'Alpha ferry resumes\n\nThe Alpha ferry resumed crossings on Tuesday after the strike.');
  await a.locator('#status', { hasText: 'Imported 1 document(s)' }).waitFor();
  // B saves after A: A's documents are merged in (the sample, which both
  // hold, is kept once), and B says so.
  await paste(b, 'Beta bridge closes\n\nThe Beta bridge closed for repairs on Wednesday, the council said.');
  await b.locator('#status[data-kind=warn]', { hasText: /Another tab had saved 6 document\(s\) in this browser since this page loaded: both tabs' documents are kept and searched together here \(5 that both had are kept once\)/ }).waitFor();
  assert.equal(await b.locator('#import-report .error').count(), 0);
  await b.screenshot({ path: `${SHOTS}/hostile-two-tabs.png` });
  await b.locator('#q').fill('ferry OR bridge');
  await b.locator('#side-heading', { hasText: /^2 results/ }).waitFor();
  await b.locator('#q').fill('');
  // Both are stored: A, reloaded, has seven.
  await a.reload();
  await ready(a);
  await a.locator('#corpus-info', { hasText: /^7 documents/ }).waitFor();
  assert.equal(await a.locator('#list .item-title', { hasText: 'Beta bridge closes' }).count(), 1);
  // A real conflict: A clears the corpus, then B (which still has the old
  // segments open) removes a document: refused, and said; nothing of A's
  // change is overwritten.
  a.once('dialog', (d) => d.accept());
  await a.locator('.tabs a', { hasText: 'Import' }).click();
  await a.locator('#clear-corpus').click();
  await a.locator('#status', { hasText: 'The corpus is empty' }).waitFor();
  await b.locator('#list .item-title', { hasText: 'Alpha ferry resumes' }).click();
  await b.locator('#doc-title', { hasText: 'Alpha ferry resumes' }).waitFor();
  b.once('dialog', (d) => d.accept());
  await b.locator('.doc-foot button', { hasText: /Remove/ }).click();
  await b.locator('#status[data-kind=error]', { hasText: /another tab saved a newer corpus in this browser at \d\d:\d\d:\d\d; this tab's change was not stored/ }).waitFor();
  await a.reload();
  await ready(a);
  await a.locator('.tabs a', { hasText: 'Import' }).click();
  await a.locator('#corpus-info', { hasText: /^0 documents/ }).waitFor();
  a.check();
  await context.close();
});

// The page's IndexedDB object store, for the tests' own reads and writes.
const STORE_JS = `
  self.withStore = async (fn) => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('lede', 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const tx = db.transaction('corpus', 'readwrite');
    const out = await fn(tx.objectStore('corpus'), (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); }));
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
    db.close();
    return out;
  };`;

// Where member `name`'s data starts in stored segment bytes (its local
// header: the name at 30, then the extra field; see src/corpus_file/zip.rs).
const MEMBER_AT = `
  self.memberAt = (bytes, name) => {
    const want = new TextEncoder().encode(name);
    for (let i = 0; i + 30 + want.length < bytes.length; i++) {
      if (bytes[i] !== 0x50 || bytes[i + 1] !== 0x4b || bytes[i + 2] !== 3 || bytes[i + 3] !== 4) continue;
      const n = bytes[i + 26] | (bytes[i + 27] << 8);
      const extra = bytes[i + 28] | (bytes[i + 29] << 8);
      if (n === want.length && want.every((c, k) => bytes[i + 30 + k] === c)) return i + 30 + n + extra;
    }
    return -1;
  };`;

test('damaged storage: a damaged block is named and the rest answers; an unusable segment is kept aside; a huge manifest is refused at once', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  await paste(page, 'Gamma mill reopens\n\nThe Gamma mill reopened on Thursday with forty workers.');
  await page.locator('#status', { hasText: 'Imported 1 document(s)' }).waitFor();

  // The corpus is stored as one segment (the sample and the memo), in
  // chunks. One flipped byte in the block of documents 4 and 5.
  await page.evaluate(STORE_JS + MEMBER_AT);
  const size = await page.evaluate(() => self.withStore(async (store, req) => {
    const head = await req(store.get('segments'));
    const seg = head.segments[0];
    const chunks = [];
    for (let n = 0; n * seg.chunk < seg.bytes; n++) chunks.push(new Uint8Array(await req(store.get(`seg:${seg.key}:${n}`))));
    const whole = new Uint8Array(seg.bytes);
    chunks.forEach((c, n) => whole.set(c, n * seg.chunk));
    const at = self.memberAt(whole, 'docs/000001') + 40;
    const n = Math.floor(at / seg.chunk);
    chunks[n][at - n * seg.chunk] ^= 0x40;
    await req(store.put(chunks[n].buffer, `seg:${seg.key}:${n}`));
    return seg.bytes;
  }));

  await page.reload();
  await ready(page);
  await page.locator('#corpus-info', { hasText: /^6 documents/ }).waitFor();
  // Search answers from the intact index; the damaged block is named (its
  // documents are left out), the intact documents open.
  await page.locator('#q').fill('Gamma mill');
  await page.locator('#understood', { hasText: /docs\/000001: checksum mismatch \(the block is damaged\)/ }).waitFor();
  await page.locator('#q').fill('Lavrov');
  await page.locator('#side-heading', { hasText: /results/ }).waitFor();
  await page.locator('#list .hit-item a').first().click();
  await page.locator('#doc-title').waitFor();
  await page.screenshot({ path: `${SHOTS}/hostile-damaged-block.png` });

  // A damaged directory: the segment cannot be opened at all. It is kept
  // aside (not lost, not overwritten) and the sample is shown.
  await page.evaluate(STORE_JS);
  await page.evaluate(() => self.withStore(async (store, req) => {
    const head = await req(store.get('segments'));
    const seg = head.segments[0];
    const last = Math.floor((seg.bytes - 1) / seg.chunk);
    const chunk = new Uint8Array(await req(store.get(`seg:${seg.key}:${last}`)));
    chunk.fill(0, chunk.length - 22);
    await req(store.put(chunk.buffer, `seg:${seg.key}:${last}`));
  }));
  await page.reload();
  await ready(page);
  await page.locator('#status[data-kind=warn]', { hasText: /Part of the stored corpus \(6 documents\) is unusable \(.+\) and was kept aside to download or try again/ }).waitFor();
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#corpus-info', { hasText: /^5 documents/ }).waitFor();
  await page.locator('#kept-copy', { hasText: /A stored corpus that could not be used \(.+\) was kept aside/ }).waitFor();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#kept-download').click()]);
  assert.equal(readFileSync(await dl.path()).length, size, 'the kept copy is the whole stored segment');
  assert.match(dl.suggestedFilename(), /\.lede$/, 'a kept segment downloads as a corpus file');
  // A change now does not touch it; trying it again puts it back.
  await paste(page, 'Delta port dredged\n\nThe Delta port was dredged in May to take larger ships.');
  await page.locator('#status', { hasText: 'Imported 1 document(s)' }).waitFor();
  await page.locator('#kept-copy').waitFor();
  page.once('dialog', (d) => d.accept());
  await Promise.all([page.waitForEvent('load'), page.locator('#kept-retry').click()]);
  await ready(page);
  await page.locator('#status[data-kind=warn]', { hasText: /Part of the stored corpus \(\d+ documents\) is unusable/ }).waitFor();
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#corpus-info', { hasText: /^6 documents/ }).waitFor();

  // A manifest claiming 200,000 segments: refused before any is read.
  await page.evaluate(STORE_JS);
  await page.evaluate(() => self.withStore((store, req) => req(store.put({ generation: 99, next: 1, segments: Array.from({ length: 200000 }, (_, i) => ({ key: i + 1, bytes: 1000, live: 1 })) }, 'segments'))));
  const t0 = Date.now();
  await page.reload();
  await ready(page);
  const ms = Date.now() - t0;
  await page.locator('#status', { hasText: 'The stored corpus could not be read (its manifest claims 200000 segments)' }).waitFor();
  assert.ok(ms < 15000, `start-up took ${ms} ms`);
  console.log(`hostile: 200k-segment manifest start-up ${ms} ms`);
  // The session works: search and open.
  await page.locator('#q').fill('Lavrov');
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();
  await page.locator('#list .hit-item a').first().click();
  await page.locator('#doc-title').waitFor();
  page.check();
  await context.close();
});

test('a long one-paragraph document opens at once; a hit deep inside is marked and scrolled to', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  // A weekday every 12 words: ~30,000 dates for the reader to mark.
  const words = ['the', 'harbour', 'council', 'met', 'again', 'and', 'talked', 'about', 'fees', 'for', 'boats', 'Monday'];
  const body = [];
  for (let i = 0, n = 0; n < 400_000; i++) { const w = words[i % words.length]; body.push(w); n += w.length + 1; }
  body.splice(Math.floor(body.length * 0.9), 0, 'Zephyrine');
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles({ name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(`A very long minute\n\nLONDON, 3 March 2022. ${body.join(' ')}\n`) });
  await page.locator('#import-report .summary', { hasText: 'Imported 1 document(s)' }).waitFor({ timeout: 60000 });
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  let t0 = Date.now();
  await page.locator('#list .item a', { hasText: 'A very long minute' }).click();
  await page.locator('#doc-title', { hasText: 'A very long minute' }).waitFor();
  const openMs = Date.now() - t0;
  // The reader has its marks once the address names the document.
  await page.waitForURL(/#doc=5/, { waitUntil: 'commit' });
  const blocks = await page.locator('.doc-body [data-para="0"] > .para-block').count();
  assert.ok(blocks > 40, `${blocks} blocks`);
  // Every date is marked (the marks' offsets are found by binary search,
  // not by counting from the paragraph's start: this took minutes).
  // The blocks in view get theirs as they come into view.
  await page.locator('.doc-body time.timex').first().waitFor({ timeout: 20000 });
  const annotateMs = Date.now() - t0;
  const marked = await page.locator('.doc-body time.timex').count();
  assert.ok(marked >= 10, `${marked} dates marked in view`);
  // The search hit 90% in: marked, in view.
  t0 = Date.now();
  await page.locator('#q').fill('Zephyrine');
  await page.locator('#list .hit-item a').first().click();
  const hit = page.locator('.doc-body mark.hit', { hasText: 'Zephyrine' });
  await hit.waitFor();
  await page.waitForFunction(() => {
    const r = document.querySelector('.doc-body mark.hit')?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= innerHeight;
  });
  const jumpMs = Date.now() - t0;
  // 90% in, the dates are marked on their words.
  const near = () => [...(document.querySelector('.doc-body mark.hit')?.closest('.para-block')?.querySelectorAll('time.timex') || [])].map((t) => t.textContent);
  await page.waitForFunction(() => (document.querySelector('.doc-body mark.hit')?.closest('.para-block')?.querySelectorAll('time.timex').length || 0) >= 5, null, { timeout: 20000 }).catch(() => {});
  const deep = await page.evaluate(near);
  assert.ok(deep.length >= 5 && deep.every((t) => t === 'Monday'), `dates by the hit: ${deep.slice(0, 5)}`);
  console.log(`hostile: 400 KB paragraph, reader ${openMs} ms, its ${marked} dates marked by ${annotateMs} ms, jump to a hit ${jumpMs} ms`);
  assert.equal((await page.locator('.doc-body').textContent()).length >= 400_000, true, 'the whole text is in the reader');
  await page.screenshot({ path: `${SHOTS}/hostile-long.png` });
  page.check();
  await context.close();
});

test('an engine that dies on an imported file is restarted; the report names the file and the session goes on', async () => {
  const { context, page } = await openPage(browser, server.url);
  // Every engine worker dies (an uncaught error, as a trap would) when it is
  // handed the hostile file among the files of a batch: its script is
  // served with that wrapped around its message handler (set as the module
  // runs, so no message comes before it; patching a running worker from
  // the test raced with the import on a loaded machine).
  const poison = `
{
  const handle = self.onmessage;
  self.onmessage = (e) => {
    if (e.data.method === 'importBatch' && e.data.args[0].includes('nested.html')) setTimeout(() => { throw new Error('simulated engine trap'); });
    else handle(e);
  };
}`;
  await context.route('**/worker.js', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: (await res.text()) + poison });
  });
  await page.goto(server.url);
  await ready(page);
  await paste(page, 'Epsilon dam inspected\n\nThe Epsilon dam was inspected on Friday and found sound.');
  await page.locator('#status', { hasText: 'Imported 1 document(s)' }).waitFor();
  // One batch of three files, the hostile one in the middle.
  await page.locator('#pick-files').setInputFiles([
    { name: 'eta.txt', mimeType: 'text/plain', buffer: Buffer.from('Eta lock repaired\n\nThe Eta lock was repaired in June by the canal trust.') },
    { name: 'nested.html', mimeType: 'text/html', buffer: Buffer.from('<div>'.repeat(5000) + 'deep' + '</div>'.repeat(5000)) },
    { name: 'theta.txt', mimeType: 'text/plain', buffer: Buffer.from('Theta weir rebuilt\n\nThe Theta weir was rebuilt after the floods of March.') },
  ]);
  const report = page.locator('#import-report');
  await report.locator('.summary', { hasText: /^Imported 2 document\(s\); 1 could not be imported/ }).waitFor({ timeout: 60000 });
  assert.deepEqual(await report.locator('.errors li').allTextContents(),
    ['nested.html — the engine stopped on this file (Uncaught Error: simulated engine trap); it was restarted with the corpus stored in this browser, and this file left out']);
  await page.locator('#alert', { hasText: /was restarted: the corpus \(\d+ documents\) was restored/ }).waitFor();
  // Search, import and open still work in the same session, and nothing
  // imported before or with the hostile file is lost.
  await paste(page, 'Zeta canal widened\n\nThe Zeta canal was widened over the winter.');
  await page.locator('#status', { hasText: 'Imported 1 document(s)' }).waitFor();
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('Epsilon OR Zeta OR Eta OR Theta');
  await page.locator('#side-heading', { hasText: /^4 results/ }).waitFor();
  await page.locator('#list .hit-item a').first().click();
  await page.locator('#doc-title').waitFor();
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => /^9 documents/.test(document.querySelector('#corpus-info').textContent));
  page.check();
  await context.close();
});
