// The files people have (issue 16): an .eml, an .mbox of three messages, a
// .docx, a text PDF, a scanned PDF, an RSS feed and a zip holding a PDF
// chosen on the import page; each lands with its title, author and date,
// and the reader shows the metadata. PDFs are read by the PDF reader (the
// library built with PDF import, fetched only now: the page's own wasm has
// none, examples/pdf_wasm.rs); the scanned PDF gets its clear error naming
// the file, a broken one its own, and neither costs any other file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ready, SHOTS } from './harness.js';

// A PDF of `objects` (numbered from 1) with a correct xref table.
function pdf(objects, trailer) {
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => { const at = out.length; out += `${i + 1} 0 obj\n${o}\nendobj\n`; return at; });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}
const stream = (s) => `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
const pages = (content, resources) => [
  '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents 5 0 R >>`,
  '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>', stream(content),
];

let server, browser, dir;
const files = [];
before(async () => {
  server = await startServer();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'lede-formats-'));
  const put = (name, data) => { writeFileSync(join(dir, name), data); files.push(join(dir, name)); };
  put('letter.eml', [
    'From: "Jane Roe" <jane.roe@reuters.com>', 'To: desk@example.net',
    'Subject: Talks in Geneva end without a deal', 'Date: Tue, 11 Jan 2022 23:30:00 -0500',
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '',
    'GENEVA - Negotiators left the talks on Monday without an agreement, officials said.', '',
  ].join('\r\n'));
  const msg = (from, who, subject, date, body) => `From ${from} ${date}\nFrom: ${who}\nSubject: ${subject}\nDate: ${date}\n\n${body}\n\n`;
  put('inbox.mbox', msg('press@mid.ru', 'Press Service <press@mid.ru>', 'Statement by the Foreign Ministry', 'Mon, 10 Jan 2022 09:00:00 +0300', 'MOSCOW - The ministry issued a statement on security guarantees.')
    + msg('brief@e.example.com', 'The Morning Brief <brief@e.example.com>', 'Morning Brief: markets rally', 'Wed, 12 Jan 2022 07:00:00 +0000', 'Stocks rose sharply on Wednesday.')
    + msg('sam@gmail.com', 'sam.reader@gmail.com', 'Tip about the port contract', 'Thu, 13 Jan 2022 12:00:00 +0100', 'I have documents about the port contract.'));
  const docx = join(dir, 'tender.docx');
  execFileSync('python3', ['-c', `import zipfile,sys
z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)
z.writestr('word/document.xml','<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>The Ministry of Transport announced on Friday a new tender for the northern port.</w:t></w:r></w:p></w:body></w:document>')
z.writestr('docProps/core.xml','<cp:coreProperties xmlns:cp="c" xmlns:dc="d" xmlns:dcterms="t"><dc:title>Ministry announces new port tender</dc:title><dc:creator>Anna Petrova</dc:creator><dcterms:modified>2022-02-04T16:20:00Z</dcterms:modified></cp:coreProperties>')
z.close()`, docx]);
  files.push(docx);
  put('rates.pdf', pdf([...pages('BT /F1 11 Tf 72 700 Td (FRANKFURT - The central bank raised its key interest rate on Thursday.) Tj ET', '<< /Font << /F1 4 0 R >> >>'),
    "<< /Title (Central bank raises rates) /Author (Max Mustermann) /CreationDate (D:20220721101500+02'00') >>"], '/Root 1 0 R /Info 6 0 R'));
  put('broken.pdf', '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nxref\ntrailer <<');
  writeFileSync(join(dir, 'memo-source.pdf'), pdf([...pages('BT /F1 11 Tf 72 700 Td (ROTTERDAM - Port authorities reported record grain exports in March.) Tj ET', '<< /Font << /F1 4 0 R >> >>'),
    "<< /Title (Grain exports hit a record) /Author (Pieter de Vries) /CreationDate (D:20220405090000Z) >>"], '/Root 1 0 R /Info 6 0 R'));
  put('scan.pdf', pdf(pages('q 612 0 0 792 0 0 cm /Im1 Do Q', '<< /XObject << /Im1 6 0 R >> >>').concat(
    ['<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x7f\nendstream']), '/Root 1 0 R'));
  execFileSync('python3', ['-c', `import zipfile,sys
z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)
z.writestr('memo.PDF',open(sys.argv[2],'rb').read())
z.writestr('cover.txt','Shipping costs\\n\\nHAMBURG - Container freight rates fell for a third week, brokers said on Tuesday.')
z.close()`, join(dir, 'briefing.zip'), join(dir, 'memo-source.pdf')]);
  files.push(join(dir, 'briefing.zip'));
  put('gazette.rss', `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Harbour Gazette</title>
<item><title>Port workers strike for a second day</title><link>https://gazette.example.com/strike</link><dc:creator>Lena Fischer</dc:creator>
<pubDate>Mon, 07 Feb 2022 06:30:00 GMT</pubDate><description>&lt;p&gt;Port workers walked out for a second day on Monday.&lt;/p&gt;</description></item></channel></rss>`);
});
after(async () => { await browser?.close(); server?.stop(); });

test('e-mail, a mailbox, Word, PDFs (alone and in a zip) and a feed import with their metadata; a scanned PDF gets a clear error', async () => {
  const { page } = await openPage(browser, server.url);
  await page.goto(server.url);
  await ready(page);
  // The page's own wasm has no PDF reader: it is fetched by the import.
  const pdfFetches = [];
  page.on('request', (r) => { if (/lede_pdf_bg\.wasm$/.test(r.url())) pdfFetches.push(r.url()); });
  await page.locator('.tabs a', { hasText: 'Import' }).click();
  await page.locator('#pick-files').setInputFiles(files);
  const report = page.locator('#import-report');
  await report.locator('.summary').waitFor({ timeout: 60000 });
  const summary = await report.locator('.summary').textContent();
  // letter, 3 messages, the Word file, the text PDF, the zip's PDF and
  // text file, the feed item.
  assert.match(summary, /Imported 9\b/, summary);
  const errors = (await report.locator('.errors li').allTextContents()).sort();
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(errors[0], /^broken\.pdf — .*(PDF|pdf)/);
  assert.match(errors[1], /scan\.pdf — .*no text layer — run OCR first/);
  assert.ok(pdfFetches.length >= 1, 'the PDF reader was fetched');
  await page.screenshot({ path: `${SHOTS}/formats-import.png`, fullPage: true });

  await page.locator('.tabs a', { hasText: 'Documents' }).click();
  const expected = [
    ['Talks in Geneva end without a deal', 'Jane Roe', '2022-01-11', 'Reuters'],
    ['Statement by the Foreign Ministry', 'Press Service', '2022-01-10', 'Ministry of Foreign Affairs of Russia'],
    ['Morning Brief: markets rally', 'The Morning Brief', '2022-01-12', 'example.com'],
    ['Tip about the port contract', 'sam.reader@gmail.com', '2022-01-13', null],
    ['Ministry announces new port tender', 'Anna Petrova', '2022-02-04', null],
    ['Port workers strike for a second day', 'Lena Fischer', '2022-02-07', 'Harbour Gazette'],
    ['Central bank raises rates', 'Max Mustermann', '2022-07-21', null],
    ['Grain exports hit a record', 'Pieter de Vries', '2022-04-05', null],
  ];
  for (const [title, author, date, outlet] of expected) {
    await page.locator('#list .item a', { hasText: title }).click();
    await page.locator('#doc-title', { hasText: title }).waitFor();
    const meta = await page.locator('.doc-meta').textContent();
    assert.ok(meta.includes(`By ${author}`), `${title}: ${meta}`);
    assert.equal(await page.locator(`.doc-meta time[datetime="${date}"]`).count(), 1, `${title}: ${meta}`);
    if (outlet) assert.ok(meta.includes(outlet), `${title}: ${meta}`);
    // The feed item's link is shown too.
    if (author === 'Lena Fischer') assert.match(meta, /gazette\.example\.com\/strike/);
  }
  // The zip's PDF, found by its text and by its dateline's place
  // ("ROTTERDAM - Port authorities…": the dateline is kept apart from the
  // first paragraph, shown above it in the reader, the match marked).
  await page.locator('#q').fill('grain exports port authorities');
  await page.locator('#list .hit-item', { hasText: 'Grain exports hit a record' }).first().waitFor();
  await page.locator('#q').fill('Rotterdam');
  await page.locator('#list .hit-item', { hasText: 'Grain exports hit a record' }).first().locator('a').click();
  await page.locator('.doc-body .dateline mark.hit', { hasText: 'ROTTERDAM' }).waitFor();
  assert.equal(await page.locator('.doc-body .dateline').textContent(), 'ROTTERDAM -');
  await page.screenshot({ path: `${SHOTS}/formats-dateline.png` });
  await page.screenshot({ path: `${SHOTS}/formats-reader.png` });
  page.check();
});
