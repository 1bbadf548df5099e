// The WebAssembly boundary, exercised in headless Chromium on the wasm the
// page ships (`make test-wasm`: www/pkg/lede.js and lede_bg.wasm, built by
// `make wasm`). Logic is tested natively; these tests check that `Engine`
// converts and forwards correctly, through the calls the page makes
// (www/worker.js: `importMany` with Uint8Arrays, `snapshot` and `restore`
// for storage, `loadData` for the entity model).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage } from '../e2e/harness.js';

let server, browser, page;
before(async () => {
  server = await startServer();
  browser = await launch();
  ({ page } = await openPage(browser, server.url));
  // A page of the same origin without the app: the module is imported
  // here alone, its own instance.
  await page.goto(`${server.url}style.css`);
  await page.evaluate(async () => {
    const lede = await import('./pkg/lede.js');
    await lede.default();
    self.lede = lede;
    self.model = new Uint8Array(await (await fetch('./pkg/ner.bin')).arrayBuffer());
    // One importMany batch, as the worker sends it: names and byte arrays.
    // Whether `f()` throws an Error (a refusal, not a trap).
    self.refused = (f) => { try { f(); return false; } catch (err) { return err instanceof Error; } };
    self.importFiles = (engine, files) => engine.importMany(files.map(([n]) => n),
      files.map(([, b]) => (typeof b === 'string' ? new TextEncoder().encode(b) : new Uint8Array(b))));
  });
});
after(async () => { await browser?.close(); server?.stop(); });

// The entity model, handed over as the worker does before anything
// extracts (the wasm does not carry it).
const withModel = () => page.evaluate(() => self.lede.loadData('ner.bin', self.model));

test('the engine lists the five seeds', async () => {
  await withModel();
  const list = await page.evaluate(() => new self.lede.Engine(true).list());
  assert.equal(list.length, 5);
  assert.equal(typeof list[0].title, 'string');
  assert.ok(list[0].words > 100, JSON.stringify(list[0]));
});

test('a document round-trips; a missing one is null', async () => {
  await withModel();
  const out = await page.evaluate(() => {
    const engine = new self.lede.Engine(true);
    return { paragraphs: engine.document(1).paragraphs.length, missing: engine.document(999), marks: engine.annotations(999) };
  });
  assert.ok(out.paragraphs > 10);
  assert.equal(out.missing, null);
  assert.equal(out.marks, null);
});

// Every file of a batch ends in exactly one list of the report, with its
// name; bad input is a reported error, not a thrown one or a trap.
test('importMany reports each file', async () => {
  await withModel();
  const out = await page.evaluate(() => {
    const engine = new self.lede.Engine(false);
    const story = 'Ferry sinks near Piraeus\n\nA ferry sank near Piraeus on Tuesday, the coast guard said.';
    const report = self.importFiles(engine, [
      ['ferry.txt', story], ['empty.txt', ''], ['bin.dat', [0, 1, 2, 3, 0, 0]], ['again.txt', story],
      ['wire.jsonl', '{"title":"Port strike ends","text":"Dock workers returned to work."}\n{"title":'],
    ]);
    const id = report.added[0];
    return { report, listed: engine.list().length, opened: engine.document(id) !== null, total: engine.search('Piraeus', undefined).total };
  });
  assert.equal(out.report.added.length, 2, 'ferry.txt and the first wire record');
  assert.deepEqual(out.report.errors.map((e) => e.file).sort(), ['bin.dat', 'empty.txt', 'wire.jsonl#2']);
  assert.ok(out.report.errors.every((e) => e.error.length > 0));
  assert.equal(out.report.duplicates.length, 1);
  assert.equal(out.report.duplicates[0].file, 'again.txt');
  assert.equal(out.report.duplicates[0].of_file, 'ferry.txt');
  assert.equal(out.listed, 2);
  assert.ok(out.opened);
  assert.equal(out.total, 1);
});

// What the worker stores and reads back: the restored engine answers as
// the original; damaged bytes are an error.
test('a snapshot restores; damage is an error', async () => {
  await withModel();
  const out = await page.evaluate(() => {
    const { Engine } = self.lede;
    const engine = new Engine(true);
    self.importFiles(engine, [['late.txt', 'Late news\n\nA ferry sank near Piraeus on Tuesday.']]);
    const bytes = engine.snapshot();
    const restored = Engine.restore(bytes);
    return {
      listed: restored.list().length,
      totals: [restored.search('Piraeus', null).total, engine.search('Piraeus', null).total],
      half: self.refused(() => Engine.restore(bytes.slice(0, bytes.length / 2))),
      junk: self.refused(() => Engine.restore(new TextEncoder().encode('not a snapshot'))),
    };
  });
  assert.equal(out.listed, 6);
  assert.equal(out.totals[0], out.totals[1]);
  assert.ok(out.half, 'half a snapshot is refused');
  assert.ok(out.junk, 'junk is refused');
});

test('loadData refuses unknown names and damaged models', async () => {
  const out = await page.evaluate(() => {
    const load = (name, text) => () => self.lede.loadData(name, new TextEncoder().encode(text));
    return [self.refused(load('seeds.bin', 'LEDENER1')), self.refused(load('ner.bin', 'LEDENER1 but cut short'))];
  });
  assert.deepEqual(out, [true, true]);
  await withModel();
});
