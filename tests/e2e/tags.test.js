// Tags and notes (issue 16, item 3): a quote of Lavrov's tagged by
// keyboard (t on the focused quote, the tag typed, Enter), found with
// `tag:`, counted by the Tags facet, still there after a reload, shown in
// the reader, and carried by the JSON Lines export on its document's line;
// the tab's corpus stored as a segment first (an import), so that all this
// goes through the stored segments, as after any save. A person tagged in
// People.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launch, openPage, ready, axeClean, parseCsv, SHOTS } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('tag a quote by keyboard, find it with tag:, the Tags facet, a reload, the export', async () => {
  const { context, page } = await openPage(browser, server.url, { context: { acceptDownloads: true } });
  await page.goto(server.url);
  await ready(page);
  // An import first: the tab's corpus is then stored as a segment, and
  // what follows goes through the stored segments (as after any save).
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#paste-text').fill('Lavrov on the talks\n\nSergey Lavrov said on Tuesday that "NATO must answer our proposals in writing", a new statement.\n\n"We will not wait forever," Lavrov added.');
  await page.locator('#paste-form button').click();
  await page.locator('#import-report .summary', { hasText: 'Imported 1' }).waitFor();
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('speaker:Lavrov NATO');
  await page.locator('#side-heading', { hasText: /results?/ }).waitFor();
  await page.locator('#result-tools .mode-button[data-mode="quotes"]').click();
  await page.locator('#side-heading', { hasText: /quotes?/ }).waitFor();
  const first = page.locator('#list .quote-item a').first();
  await first.waitFor();
  const quote = await first.locator('.quote-text').textContent();

  // By keyboard: Down from the search box to the first quote, t, type, Enter.
  await page.locator('#q').focus();
  await page.keyboard.press('ArrowDown');
  assert.ok(await first.evaluate((a) => a === document.activeElement), 'the first quote has the focus');
  await page.keyboard.press('t');
  const dialog = page.locator('#tag-dialog');
  await dialog.waitFor();
  assert.match(await dialog.locator('.tag-what').textContent(), /^Quote: /);
  await page.keyboard.type('follow up');
  await page.locator('#tag-note').fill('check against the transcript');
  await page.locator('#tag-input').press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await first.evaluate((a) => a === document.activeElement), 'the focus is back on the quote');
  await first.locator('.tag-badge', { hasText: 'follow up' }).waitFor();
  assert.match(await first.locator('.note-text').textContent(), /check against the transcript/);

  // The Tags facet counts the matching document; its chip adds tag:.
  await page.locator('#facets .tags-facet .chip', { hasText: 'follow up' }).waitFor();
  await axeClean(page, 'a tagged quote and the Tags facet');
  await page.screenshot({ path: `${SHOTS}/tags.png` });

  // tag: finds it; in Quotes mode the tagged quote alone, not the other
  // quote of its document.
  await page.locator('#q').fill('Lavrov wait forever');
  await page.locator('#list .quote-item', { hasText: 'not wait forever' }).waitFor();
  await page.locator('#q').fill('tag:"follow up"');
  await page.locator('#side-heading', { hasText: /quotes?/ }).waitFor();
  await page.locator('#list .quote-item', { hasText: quote.slice(0, 40) }).waitFor();
  assert.equal(await page.locator('#list .quote-item').count(), 1);
  await page.locator('#result-tools .mode-button[data-mode="docs"]').click();
  await page.locator('#side-heading', { hasText: '1 result' }).waitFor();

  // A reload keeps it (the tab's storage); the autocomplete offers it.
  await page.reload();
  await ready(page);
  await page.locator('#side-heading', { hasText: '1 result' }).waitFor();
  await page.locator('#list .hit-item a').first().click();
  // The reader lists the document's tagged quote.
  await page.locator('#reader .doc-tags .tag-line', { hasText: 'A quote:' }).locator('.tag-badge', { hasText: 'follow up' }).waitFor();
  await page.locator('#reader .doc-tags button', { hasText: 'Tags & note' }).click();
  await dialog.waitFor();
  assert.deepEqual(await page.locator('#tag-options option').evaluateAll((os) => os.map((o) => o.value)), ['follow up']);
  await axeClean(page, 'the tag dialog');
  await page.screenshot({ path: `${SHOTS}/tags-dialog.png` });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.ok(await page.locator('#reader .doc-title').count(), 'Esc closed the dialog only');

  // The export carries it on the quote's document line.
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-jsonl').click()]);
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const tagged = lines.filter((l) => l.quote_notes);
  assert.equal(tagged.length, 1);
  assert.deepEqual(tagged[0].quote_notes[0].tags, ['follow up']);
  assert.equal(tagged[0].quote_notes[0].note, 'check against the transcript');

  // The quotes' CSV carries the quote's tags and note, its document's row
  // in the results' CSV none (the document itself is not tagged).
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('tag:"follow up"');
  await page.locator('#side-heading', { hasText: '1 result' }).waitFor();
  const [results] = await Promise.all([page.waitForEvent('download'), page.locator('#result-tools button', { hasText: 'CSV' }).click()]);
  const [rhead, ...rrows] = parseCsv(readFileSync(await results.path(), 'utf8'));
  assert.deepEqual(rhead.slice(-2), ['tags', 'note']);
  assert.equal(rrows.length, 1);
  assert.deepEqual(rrows[0].slice(-2), ['', '']);
  await page.locator('#result-tools .mode-button[data-mode="quotes"]').click();
  await page.locator('#list .quote-item', { hasText: quote.slice(0, 40) }).waitFor();
  const [quotes] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the quotes as CSV' }).click()]);
  const [qhead, ...qrows] = parseCsv(readFileSync(await quotes.path(), 'utf8'));
  const col = (name) => qhead.indexOf(name);
  const row = qrows.find((r) => quote.startsWith(r[col('quote')].slice(0, 30)) || r[col('quote')].startsWith(quote.slice(0, 30)));
  assert.ok(row, qrows.map((r) => r[0]).join('\n'));
  assert.equal(row[col('tags')], 'follow up');
  assert.equal(row[col('note')], 'check against the transcript');
  await page.locator('#result-tools .mode-button[data-mode="docs"]').click();

  // A person, by keyboard in People: the badge in the list and beside
  // their name; tag: finds the documents quoting or naming them.
  await page.locator('.tabs a', { hasText: 'People' }).click();
  const person = page.locator('#people-list .item a', { hasText: 'Jens Stoltenberg' });
  await person.click();
  await page.locator('#person h2', { hasText: 'Jens Stoltenberg' }).waitFor();
  await person.focus();
  await page.keyboard.press('t');
  await dialog.waitFor();
  assert.match(await dialog.locator('.tag-what').textContent(), /^Person: Jens Stoltenberg/);
  await page.keyboard.type('NATO side');
  await page.keyboard.press('Enter');
  await person.locator('.tag-badge', { hasText: 'NATO side' }).waitFor();
  await page.locator('#person .tag-slot .tag-badge', { hasText: 'NATO side' }).waitFor();
  await page.screenshot({ path: `${SHOTS}/tags-people.png` });
  await page.locator('#q').fill('tag:"nato side"');
  await page.locator('#side-heading', { hasText: /\d+ results?/ }).waitFor();
  assert.ok(await page.locator('#list .hit-item').count() >= 1);
  page.check();
  await context.close();
});

// Two tabs tagging at the same time: each change is made on what is stored
// (www/store.js updateTags), so neither tab's tags are lost, and a tag one
// tab removes stays removed.
test('two tabs tag at once: both kept, a removal kept', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const open = async () => {
    const page = await context.newPage();
    await page.goto(server.url);
    await ready(page);
    return page;
  };
  const a = await open();
  const b = await open();
  // Tags the first result of `q` with `tag` by keyboard; `remove` takes
  // it off instead (the dialog's remove button).
  const tag = async (page, q, name, remove = false) => {
    await page.locator('#q').fill(q);
    const first = page.locator('#list .hit-item a').first();
    await first.waitFor();
    await page.locator('#q').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('t');
    const dialog = page.locator('#tag-dialog');
    await dialog.waitFor();
    if (remove) await dialog.getByRole('button', { name: new RegExp(`Remove.*${name}`) }).click();
    else {
      await page.keyboard.type(name);
      await page.locator('#tag-input').press('Enter');
    }
    if (remove) await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
  };
  await tag(a, 'Stoltenberg', 'from-a');
  await tag(b, 'outlet:TASS', 'from-b');   // b has not seen a's tag
  await tag(a, 'Stoltenberg', 'from-a', true); // a takes its own off again…
  await tag(a, 'outlet:Sputnik', 'second-a');       // …and tags another
  const c = await open();
  await c.locator('#q').fill('tag:from-b');
  await c.locator('#side-heading', { hasText: '1 result' }).waitFor();
  await c.locator('#q').fill('tag:second-a');
  await c.locator('#side-heading', { hasText: '1 result' }).waitFor();
  await c.locator('#q').fill('tag:from-a');
  await c.locator('#side-heading', { hasText: /^0 results/i }).waitFor();
  await context.close();
});
