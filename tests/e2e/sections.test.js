// Sections and sources the user chooses (issue 16, items 4 and 7): a folder
// with subfolders is picked; the Import view asks what the folder names
// become, chosen by keyboard ("section"); the README is left out with a
// note and "Import anyway"; `section:sport` finds the sport files, the
// Section facet counts them, the reader shows the section; Analytics lists
// the organizations and exports them as CSV. axe-core finds nothing. One
// page, a handful of small files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, axeClean, parseCsv, SHOTS } from './harness.js';

let server, browser, dir;
before(async () => {
  server = await startServer();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'lede-sections-'));
  const put = (path, text) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  put('news/README.TXT', 'Consists of 3 documents from a news website in two topical areas.\nIf you make use of the dataset, please cite the publication.\n');
  put('news/sport/001.txt', 'Claxton hunting first major medal\n\nBritish hurdler Sarah Claxton is confident she can win her first major medal at next month\'s European Indoor Championships in Madrid.\n');
  put('news/sport/002.txt', 'Arsenal beat Newcastle\n\nArsenal beat Newcastle United 2-0 at Highbury on Saturday, the Football Association said.\n');
  execFileSync('python3', ['-c', `import zipfile,sys
z=zipfile.ZipFile(sys.argv[1],'w')
z.writestr('desk/README.md','# Desk\\n\\n- [one](politics/1.txt)\\n- [two](politics/2.txt)\\n- [three](politics/3.txt)\\n')
z.writestr('desk/politics/1.txt','Budget vote delayed\\n\\nThe parliament delayed its budget vote until next week, the speaker said on Monday.\\n')
z.close()`, join(dir, 'desk.zip')]);
  put('news/business/001.txt', 'Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant Time Warner jumped 76% for the three months to December, the Securities and Exchange Commission said.\n');
});
after(async () => { await browser?.close(); server?.stop(); });

test('folder names become sections; the README is left out with a note; Section facet; entities CSV', async () => {
  const { page } = await openPage(browser, server.url, { context: { acceptDownloads: true } });
  await page.goto(server.url);
  await ready(page);
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-folder').setInputFiles(join(dir, 'news'));

  // The choice, by keyboard: focus is on "nothing"; arrows move to section.
  const choice = page.locator('#folder-choice');
  await choice.waitFor();
  assert.match(await choice.locator('legend').textContent(), /business, sport/);
  assert.equal(await page.evaluate(() => document.activeElement.value), 'nothing');
  await axeClean(page, 'the folder choice');
  await choice.screenshot({ path: `${SHOTS}/sections-choice.png` });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'section');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');

  const report = page.locator('#import-report');
  await report.locator('.summary').waitFor();
  assert.match(await report.locator('.summary').textContent(), /Imported 3 document\(s\); 1 file\(s\) about the collection left out/);
  const left = await report.locator('ul.left-out li').allTextContents();
  assert.equal(left.length, 1);
  assert.match(left[0], /news\/README\.TXT — a README file, describing the collection/);
  await axeClean(page, 'the import report');
  await page.screenshot({ path: `${SHOTS}/sections-import.png`, fullPage: true });

  // section:sport, with its facet; the reader names the section.
  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  await page.locator('#q').fill('section:sport');
  await page.locator('#side-heading', { hasText: /2 result/ }).waitFor();
  const facet = page.locator('#facets .facet[aria-label="Section"]');
  assert.deepEqual(await facet.locator('.chip').allTextContents(), ['sport2']);
  assert.match(await page.locator('#list .hit-item').first().textContent(), /sport/);
  await page.locator('#list .hit-item a').first().click();
  await page.locator('#reader .section', { hasText: 'Section: sport' }).waitFor();
  await page.locator('#reader .doc-head').screenshot({ path: `${SHOTS}/sections-reader.png` });
  await page.locator('#q').fill('');

  // Import anyway: the README alone, kept.
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await report.locator('#import-anyway').click();
  await report.locator('.summary', { hasText: /Imported 1 document/ }).waitFor();
  assert.equal(await report.locator('ul.left-out').count(), 0);

  // A zip with folders: asked too (its members' folders), here "outlet";
  // its Markdown index is left out, then imported alone.
  await page.locator('#pick-files').setInputFiles(join(dir, 'desk.zip'));
  await choice.waitFor();
  assert.match(await choice.locator('legend').textContent(), /\(desk, politics\)/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await report.locator('.summary', { hasText: /Imported 1 document\(s\); 1 file\(s\) about the collection left out/ }).waitFor();
  assert.match(await report.locator('ul.left-out li').textContent(), /desk\.zip#desk\/README\.md — a README file/);
  await report.locator('#import-anyway').click();
  await report.locator('.summary', { hasText: /^Imported 1 document\(s\) \(/ }).waitFor();

  // Entities: the organizations, as a table and as a neutralised CSV.
  await page.locator('.tabs a', { hasText: 'Analytics' }).click();
  await page.locator('#ent-kind').selectOption('org');
  await page.locator('#ent-form button[type=submit]').click();
  await page.locator('#ent-table tbody tr').first().waitFor();
  const names = await page.locator('#ent-table tbody tr td:first-child').allTextContents();
  assert.ok(names.includes('Arsenal'), names.join(', '));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#ent-csv').click()]);
  assert.equal(dl.suggestedFilename(), 'lede-entities-org.csv');
  const rows = parseCsv(readFileSync(await dl.path(), 'utf8'));
  assert.deepEqual(rows[0], ['name', 'kind', 'documents', 'mentions', 'outlets']);
  assert.ok(rows.slice(1).filter((r) => r.length > 1).every((r) => r[1] === 'org'), JSON.stringify(rows));
  assert.ok(rows.some((r) => r[0] === 'Arsenal'));
  await axeClean(page, 'the entities table');
  await page.locator('#ent-out').screenshot({ path: `${SHOTS}/sections-entities.png` });
  page.check();
});
