// Builds the benchmark corpora into bench-data/ (git-ignored):
//   bbc.jsonl    BBC News, 2,225 articles (line 1 = headline)
//   scale.jsonl  BBC + Reuters-21578 (with a body) + NewsArticles CSV + PolNeAR texts
// One JSON object per line: {"file", "title", "text"} and "date"
// (YYYY-MM-DD) where the source has one (Reuters, NewsArticles CSV).
// Usage: node bench/build-data.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpus } from '../tests/common/corpora.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench-data');

function decode(buf) {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('latin1').decode(buf);
  }
}

function bbc() {
  const docs = [];
  for (const topic of ['business', 'entertainment', 'politics', 'sport', 'tech']) {
    const dir = corpus(`bbc/${topic}`);
    for (const f of fs.readdirSync(dir).sort()) {
      const text = decode(fs.readFileSync(path.join(dir, f))).replace(/\r/g, '');
      const nl = text.indexOf('\n');
      docs.push({ file: `bbc/${topic}/${f}`, title: text.slice(0, nl).trim(), text: text.slice(nl + 1).trim() });
    }
  }
  return docs;
}

function unescapeSgml(s) {
  return s.replace(/&#\d+;/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const pad = (n) => String(n).padStart(2, '0');

function reuters() {
  const docs = [];
  const dir = corpus('reuters21578');
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.sgm')).sort()) {
    const sgm = decode(fs.readFileSync(path.join(dir, f)));
    for (const m of sgm.matchAll(/<REUTERS[^>]*NEWID="(\d+)"[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
      const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[2]);
      if (!body) continue;
      const title = /<TITLE>([\s\S]*?)<\/TITLE>/.exec(m[2]);
      const d = /<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})/.exec(m[2]);
      const mon = d ? MONTHS.indexOf(d[2]) + 1 : 0;
      docs.push({
        file: `reuters/${m[1]}`,
        title: title ? unescapeSgml(title[1]).trim() : '',
        text: unescapeSgml(body[1]).trim(),
        ...(mon ? { date: `${d[3]}-${pad(mon)}-${pad(d[1])}` } : {}),
      });
    }
  }
  return docs;
}

// RFC 4180 CSV: quoted fields with "" escapes and embedded newlines.
function parseCsv(s) {
  const rows = [];
  let row = [];
  let field = '';
  let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) {
      if (c === '"') {
        if (s[i + 1] === '"') { field += '"'; i++; } else q = false;
      } else field += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function newsCsv() {
  const rows = parseCsv(decode(fs.readFileSync(corpus('newsarticles-csv/NewsArticles.csv'))));
  const head = rows.shift();
  const ti = head.indexOf('title');
  const xi = head.indexOf('text');
  const ii = head.indexOf('article_id');
  const di = head.indexOf('publish_date');
  return rows
    .filter((r) => r.length > xi && r[xi].trim())
    .map((r) => {
      const d = /^(\d{4})\/(\d{1,2})\/(\d{1,2})/.exec(r[di] || '');
      return { file: `csv/${r[ii]}`, title: r[ti].trim(), text: r[xi].trim(), ...(d ? { date: `${d[1]}-${pad(d[2])}-${pad(d[3])}` } : {}) };
    });
}

function polnear() {
  const docs = [];
  for (const split of ['train', 'dev']) {
    const dir = corpus(`polnear/${split}/text`);
    for (const f of fs.readdirSync(dir).sort()) {
      const text = decode(fs.readFileSync(path.join(dir, f))).replace(/\r/g, '').trim();
      const nl = text.indexOf('\n');
      docs.push({ file: `polnear/${split}/${f}`, title: nl > 0 ? text.slice(0, nl).trim() : '', text: nl > 0 ? text.slice(nl + 1).trim() : text });
    }
  }
  return docs;
}

function write(name, docs) {
  fs.writeFileSync(path.join(out, name), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.title) + Buffer.byteLength(d.text), 0);
  console.log(`${name}: ${docs.length} documents, ${(bytes / 1e6).toFixed(1)} MB of text`);
}

fs.mkdirSync(out, { recursive: true });
const b = bbc();
write('bbc.jsonl', b);
write('scale.jsonl', [...b, ...reuters(), ...newsCsv(), ...polnear()]);
