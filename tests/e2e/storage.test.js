// The tab's own corpus in storage (issue 12, item 3): stored as corpus-file
// segments in IndexedDB chunks (www/store.js, src/corpus_file/own.rs), a
// reload opens them without reading the corpus, and search, the reader,
// removal, duplicates and the export work across segments. Small save
// sizes (self.LEDE_POLICY) make a hundred articles several segments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';
import { corpus } from '../common/corpora.mjs';

const BBC = corpus('bbc/business');

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); server?.stop(); });

// The stored manifest (www/store.js).
const manifest = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const req = indexedDB.open('lede', 1);
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const get = req.result.transaction('corpus', 'readonly').objectStore('corpus').get('segments');
    get.onsuccess = () => { req.result.close(); resolve(get.result); };
    get.onerror = () => reject(get.error);
  };
}));

const shown = async (page) => Number((await page.locator('#corpus-info').textContent()).match(/^([\d,]+) documents/)[1].replace(/,/g, ''));

test('stored as segments, reopened lazily: search, read, remove, duplicates and export across segments', async () => {
  const { page } = await openPage(browser, server.url);
  // A save every 40 documents; a last segment under 30 is read back.
  page.on('worker', (w) => { if (w.url().endsWith('/worker.js')) w.evaluate(() => { self.LEDE_POLICY = { flushDocs: 40, absorbDocs: 30 }; }).catch(() => {}); });
  await page.goto(server.url);
  await ready(page);

  const names = readdirSync(BBC).sort().slice(0, 100);
  const files = names.map((f) => ({ name: `bbc-${f}`, mimeType: 'text/plain', buffer: readFileSync(join(BBC, f)) }));
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles(files);
  await page.locator('#import-report .summary', { hasText: /Imported 100 document/ }).waitFor({ timeout: 60000 });
  assert.equal(await page.locator('#import-report [role=alert]').count(), 0, 'saved');
  assert.equal(await shown(page), 105);
  const head = await manifest(page);
  assert.ok(head.segments.length >= 2, `several segments: ${JSON.stringify(head.segments)}`);
  assert.equal(head.segments.reduce((n, s) => n + s.live, 0), 105, 'every document stored once');
  const storedBytes = head.segments.reduce((n, s) => n + s.bytes, 0);

  // A reload reads the segments' directories, not the corpus.
  await page.reload();
  await ready(page);
  const status = await page.locator('#status').textContent();
  const m = status.match(/restored from this browser's storage in \d+ ms, reading ([\d,.]+) (KB|MB) of its ([\d,.]+) (KB|MB)/);
  assert.ok(m, status);
  const bytes = (n, unit) => Number(n.replace(/,/g, '')) * (unit === 'MB' ? 1024 * 1024 : 1024);
  const read = bytes(m[1], m[2]);
  assert.ok(Math.abs(bytes(m[3], m[4]) - storedBytes) < 0.06 * storedBytes, `${m[3]} ${m[4]} vs ${storedBytes}`);
  assert.ok(read < storedBytes / 2, `a reload read ${read} of ${storedBytes} bytes`);
  console.log(`storage: ${head.segments.length} segments, ${storedBytes} bytes stored, reload read ${Math.round(read)}`);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  assert.equal(await shown(page), 105);

  // Search finds documents of every segment, with the sample's.
  await page.locator('#q').fill('Lavrov');
  await page.locator('#side-heading', { hasText: /^5 results/ }).waitFor();
  await page.locator('#q').fill('shares');
  await page.locator('#understood', { hasText: 'shares' }).waitFor();
  await page.locator('#list .hit-item a').first().waitFor();
  const first = page.locator('#list .hit-item a').first();
  const title = (await first.locator('.item-title').textContent()).trim();
  await first.click();
  await page.locator('#doc-title', { hasText: title.slice(0, 20) }).waitFor();
  await page.screenshot({ path: `${SHOTS}/storage-reader.png` });

  // Removing a stored document writes its segment again without it.
  page.once('dialog', (d) => d.accept());
  await page.locator('.doc-foot button', { hasText: /Remove/ }).click();
  await page.locator('#status', { hasText: /Removed/ }).waitFor();
  await page.reload();
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  assert.equal(await shown(page), 104);
  assert.equal((await manifest(page)).segments.reduce((n, s) => n + s.live, 0), 104);

  // A stored text imported again is a duplicate, named.
  await page.locator('#pick-files').setInputFiles([files[60]]);
  await page.locator('#import-report .summary', { hasText: /Imported 0 document/ }).waitFor();
  assert.match(await page.locator('#import-report .dups').textContent(), new RegExp(`bbc-${names[60]} is the same text as bbc-${names[60]}`));

  // The export holds every stored document once, under distinct ids.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#export-jsonl').click()]);
  const lines = readFileSync(await dl.path(), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(lines.length, 104);
  assert.equal(new Set(lines.map((l) => l.id)).size, 104);
  assert.ok(lines.some((l) => /Lavrov/.test(l.text)), 'the sample is in the export');
  page.check();
});

test('a reload shows the list\'s first page from storage, and the whole list follows', async () => {
  const { page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  // 230 short articles in one JSON Lines file (one segment).
  const lines = Array.from({ length: 230 }, (_, i) => JSON.stringify({
    title: `Harbour bulletin ${String(i + 1).padStart(3, '0')}`,
    text: `The harbour master of Port ${i + 1} said on Monday that ${i + 7} ships had docked and ${i + 3} had left.`,
  }));
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles([{ name: 'bulletins.jsonl', mimeType: 'application/json', buffer: Buffer.from(lines.join('\n')) }]);
  await page.locator('#import-report .summary', { hasText: /Imported 230 document/ }).waitFor({ timeout: 60000 });

  // Count what the worker sends at start: the first page, then the rest.
  await page.addInitScript(() => {
    self.__lists = [];
    const W = self.Worker;
    self.Worker = class extends W {
      constructor(...a) {
        super(...a);
        this.addEventListener('message', (e) => {
          const r = e.data && e.data.result;
          if (Array.isArray(r) && r.length && 'words' in r[0]) self.__lists.push(r.length);
          else if (r && Array.isArray(r.docs)) self.__lists.push(r.docs.length);
        });
      }
    };
  });
  await page.reload();
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#side-heading', { hasText: 'Documents (235)' }).waitFor();
  assert.equal(await page.locator('#list [role=option]').count(), 200, 'a page of the list');
  await page.locator('#list-more', { hasText: 'Showing 200 of 235' }).waitFor();
  // The whole list arrives after the first screen: Compare's picker finds
  // a document past the first page.
  await page.locator('.tabs a', { hasText: 'Compare' }).click();
  await page.locator('#pick-filter').fill('bulletin 230');
  await page.locator('#compare-pick label', { hasText: 'Harbour bulletin 230' }).waitFor();
  await page.locator('#corpus-info', { hasText: /^235 documents, [\d,]+ words/ }).waitFor({ state: 'attached' });
  assert.deepEqual(await page.evaluate(() => self.__lists), [200, 235], 'the first page, then the whole list');
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#list-more button').click();
  assert.equal(await page.locator('#list [role=option]').count(), 235);
  page.check();
});

test('reads of stored segments at the same time keep the chunks each took from the cache', async () => {
  const { page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  // A segment of 200 chunks, each filled with its own byte, written
  // straight into the store; read through a fresh copy of store.js.
  const bad = await page.evaluate(async () => {
    const CHUNK = 64 * 1024;
    const db = await new Promise((res, rej) => { const r = indexedDB.open('lede', 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    await new Promise((res, rej) => {
      const tx = db.transaction('corpus', 'readwrite');
      for (let n = 0; n < 200; n++) tx.objectStore('corpus').put(new Uint8Array(CHUNK).fill(n % 250 + 1).buffer, `seg:race:${n}`);
      tx.oncomplete = res;
      tx.onerror = () => rej(tx.error);
    });
    db.close();
    const store = await import(`./store.js?race=${Date.now()}`);
    const read = store.reader({ key: 'race', bytes: 200 * CHUNK, chunk: CHUNK });
    const zeros = (b) => new Uint8Array(b).filter((x) => x === 0).length;
    await read(0, 10); // chunk 0 is in the cache now
    // A read of 129 chunks, and one across chunks 0 (cached) and 1: the
    // first, done while the second waits for chunk 1, fills the cache past
    // its 128 chunks and evicts chunk 0.
    const [, across] = await Promise.all([read(CHUNK, 129 * CHUNK), read(CHUNK - 10, 20)]);
    // The same with a long read across the cached chunks.
    const [, long] = await Promise.all([read(CHUNK, 129 * CHUNK), read(CHUNK - 10, 198 * CHUNK + 20)]);
    return [zeros(across), zeros(long)];
  });
  assert.deepEqual(bad, [0, 0], 'no byte read as zero');
  page.check();
});

test('saves go by bytes as well as documents: a few large documents make their own segments, and a small import does not read them back', async () => {
  const { page } = await openPage(browser, server.url);
  // A save every 100 KB of input; a last segment is read back only under 20 KB.
  page.on('worker', (w) => { if (w.url().endsWith('/worker.js')) w.evaluate(() => { self.LEDE_POLICY = { flushDocs: 10000, flushBytes: 100_000, absorbDocs: 10000, absorbBytes: 20_000 }; }).catch(() => {}); });
  await page.goto(server.url);
  await ready(page);
  // 150 files: the page sends them in batches of 64, each over 100 KB.
  const names = readdirSync(BBC).sort().slice(200, 350);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles(names.map((f) => ({ name: `bbc-${f}`, mimeType: 'text/plain', buffer: readFileSync(join(BBC, f)) })));
  await page.locator('#import-report .summary', { hasText: /Imported \d+ document/ }).waitFor({ timeout: 60000 });
  const after = await manifest(page);
  assert.ok(after.segments.length >= 3, `a segment per batch: ${JSON.stringify(after.segments.map((s) => [s.live, s.bytes]))}`);
  assert.ok(after.segments.every((s) => s.text > 0), 'each segment says the bytes of text it holds');
  await page.locator('#paste-text').fill('Harbour fees\n\nThe harbour council raised its fees on Monday.');
  await page.locator('#paste-form button').click();
  await page.locator('#import-report .summary', { hasText: 'Imported 1 document(s)' }).waitFor();
  const next = await manifest(page);
  assert.equal(next.segments.length, after.segments.length + 1, 'the last segment (over 20 KB) is not read back and written again');
  assert.deepEqual(next.segments.slice(0, -1).map((s) => s.key), after.segments.map((s) => s.key));
  assert.equal(await shown(page), next.segments.reduce((n, s) => n + s.live, 0), 'every document stored once');
  page.check();
});
