// The Import view: file picker, folder picker, drag-and-drop, paste;
// batches sent to the worker with progress and cancel; the import report;
// corpus management (export, restore the sample, clear).
import { h, clear, formatNumber, download } from './dom.js';
import { on } from './bus.js';
import * as store from './store.js';

const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_FILES = 64;
// JSON Lines files larger than this are imported a slice at a time.
const SLICE_BYTES = 1024 * 1024;
const LINES = /\.(jsonl|ndjson|jsonlines)$/i;

export function mountImport(app) {
  const $ = (s) => document.querySelector(s);
  let cancelled = false;
  let running = false;

  $('#pick-files').addEventListener('change', (e) => { run([...e.target.files].map(asItem)); e.target.value = ''; });
  $('#pick-folder').addEventListener('change', (e) => { run([...e.target.files].map(asItem)); e.target.value = ''; });
  const zone = $('#dropzone');
  zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('#pick-files').click(); } });
  for (const t of ['dragenter', 'dragover']) zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    run(await droppedItems(e.dataTransfer));
  });
  // Dropping anywhere on the page imports too, instead of navigating away.
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', async (e) => {
    if (zone.contains(e.target)) return;
    e.preventDefault();
    app.navigate('import');
    run(await droppedItems(e.dataTransfer));
  });
  $('#paste-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('#paste-text').value;
    if (!text.trim()) { app.setStatus('Nothing to add: the text box is empty.', 'error'); return; }
    const n = ++app.state.pasted;
    const bytes = new TextEncoder().encode(text);
    run([{ name: `pasted-${Date.now()}-${n}.txt`, size: bytes.byteLength, read: async () => bytes.buffer }]).then(() => { $('#paste-text').value = ''; });
  });
  $('#cancel-import').addEventListener('click', () => { cancelled = true; });
  $('#export-jsonl').addEventListener('click', async () => {
    download('lede-corpus.jsonl', await app.rpc.call('exportJsonl'), 'application/x-ndjson');
  });
  $('#restore-seeds').addEventListener('click', async () => {
    try {
      const r = await app.rpc.call('restoreSeeds');
      await app.refreshDocs();
      showReport(r, 0, false);
      app.setStatus(`Restored ${r.added.length} sample article(s).`);
    } catch (err) { app.setStatus(err.message, 'error'); }
  });
  $('#clear-corpus').addEventListener('click', async () => {
    if (!confirm('Remove every document from the corpus? (Export it first if you want to keep a copy.)')) return;
    try {
      await app.rpc.call('clear');
      await app.refreshDocs();
      app.setStatus('The corpus is empty. Import articles or restore the sample.');
    } catch (err) { app.setStatus(err.message, 'error'); }
  });

  // Parts of the stored corpus that could not be used, kept aside
  // (store.js): download each (a segment is a corpus file), or put them
  // back and reload to try them again.
  const keptBox = h('div', { id: 'kept-copy', class: 'kept', hidden: true });
  $('#export-jsonl').closest('p').after(keptBox);
  async function showKept() {
    let kept = [];
    try { kept = await store.keptInfo(); } catch (err) { console.warn('kept copy unavailable:', err.message); }
    keptBox.hidden = !kept.length;
    if (!kept.length) return;
    clear(keptBox).append(
      ...kept.map((item, i) => h('p', { class: 'warn' },
        `A stored corpus that could not be used (${item.reason}) was kept aside on ${new Date(item.keptAt).toLocaleString('en-GB')} (${(item.bytes / 1e6).toFixed(1)} MB). `,
        h('button', {
          type: 'button', class: 'kept-download', id: i === 0 ? 'kept-download' : undefined,
          onclick: async () => {
            const blob = await store.keptCopy(item);
            // A kept segment is a corpus file ("Open a corpus file" reads what is intact).
            if (blob) download(item.legacy ? 'lede-kept-corpus.bin' : `lede-kept-${item.key}.lede`, blob, 'application/octet-stream');
            else app.setStatus('The kept copy holds no corpus bytes (only its damaged manifest).', 'warn');
          },
        }, 'Download it'))),
      h('p', { class: 'buttons' },
        h('button', {
          type: 'button', id: 'kept-retry',
          onclick: async () => {
            if (!confirm('Put what was kept aside back into the stored corpus and reload to try it?')) return;
            try {
              await store.retryKept();
              location.reload();
            } catch (err) { app.setStatus(`The kept copy could not be restored: ${err.message}`, 'error'); }
          },
        }, 'Try it again')));
  }
  on('corpus', showKept);

  async function run(items) {
    if (running) { app.setStatus('An import is already running.', 'error'); return; }
    if (!items.length) return;
    running = true;
    cancelled = false;
    const total = items.length;
    const totalBytes = items.reduce((s, it) => s + (it.size || 0), 0);
    const report = { added: [], errors: [], duplicates: [] };
    const t0 = performance.now();
    let done = 0;
    let bytesDone = 0;
    let partial = null;   // "file from line N": where a cancel stopped a sliced file
    $('#progress').hidden = false;
    clear($('#import-report'));
    const records = () => report.added.length + report.errors.length + report.duplicates.length;
    const update = () => {
      const secs = (performance.now() - t0) / 1000;
      const mbps = secs > 0 ? bytesDone / 1e6 / secs : 0;
      const left = bytesDone > 0 ? (totalBytes - bytesDone) / (bytesDone / secs) : NaN;
      $('#progress-bar').value = totalBytes ? bytesDone / totalBytes : (total ? done / total : 1);
      $('#progress-text').textContent = `${formatNumber(done)} of ${formatNumber(total)} files · ` +
        `${formatNumber(records())} records · ${(bytesDone / 1e6).toFixed(1)} of ${(totalBytes / 1e6).toFixed(1)} MB · ${mbps.toFixed(1)} MB/s` +
        (Number.isFinite(left) && bytesDone < totalBytes ? ` · about ${Math.ceil(left)} s left` : '');
    };
    const merge = (r) => {
      report.added.push(...r.added);
      report.errors.push(...r.errors);
      report.duplicates.push(...r.duplicates);
    };
    // The engine dying on a file (rpc.js restarts it with the stored
    // corpus, which has none of this run's documents): the run starts over
    // without the file that did it, which the report names. A batch of
    // several files that dies is sent again a file at a time to find it.
    const culprits = new Map();   // file → error
    const alone = new Set();      // files sent one per batch
    const died = (err) => err && err.engineRestarted;
    // Begins the run again after the engine died (on `file`, when known).
    const startOver = (file, err) => {
      if (file) culprits.set(file, `the engine stopped on this file (${err.message.replace(/^the engine stopped \((.*)\) before answering.*$/, '$1')}); it was restarted with the corpus stored in this browser, and this file left out`);
      report.added.length = report.errors.length = report.duplicates.length = 0;
      i = done = bytesDone = 0;
      partial = null;
      update();
    };
    update();
    let i = 0;
    while (i < total && !cancelled) {
      if (culprits.has(items[i].name)) { done++; bytesDone += items[i].size || 0; i++; continue; }
      // A large JSON Lines file goes in slices of whole lines, so that the
      // progress moves within it and no file-size limit applies.
      if (items[i].blob && items[i].size > SLICE_BYTES && LINES.test(items[i].name)) {
        const it = items[i++];
        try {
          partial = await importSliced(it, (bytes, r) => { merge(r); bytesDone += bytes; update(); });
        } catch (err) {
          if (died(err)) { startOver(it.name, err); continue; }
          report.errors.push({ file: it.name, error: `${it.name}: cannot read: ${err.message}` });
        }
        if (!partial) done++;
        update();
        continue;
      }
      const names = [];
      const buffers = [];
      let size = 0;
      while (i < total && names.length < BATCH_FILES && (size < BATCH_BYTES || !names.length)) {
        const it = items[i];
        if (it.blob && it.size > SLICE_BYTES && LINES.test(it.name)) break;
        if (culprits.has(it.name) || (alone.has(it.name) && names.length)) break;
        i++;
        const limit = app.state.limits.maxFileBytes;
        if (it.size > limit) {
          report.errors.push({ file: it.name, error: `${it.name}: too large (${(it.size / 1e6).toFixed(1)} MB; the limit is ${limit / 1024 / 1024} MB)` });
          done++;
          bytesDone += it.size;
          continue;
        }
        try {
          buffers.push(await it.read());
          names.push(it.name);
          size += it.size;
          if (alone.has(it.name)) break;
        } catch (err) {
          report.errors.push({ file: it.name, error: `${it.name}: cannot read: ${err.message}` });
          done++;
        }
      }
      if (names.length) {
        try {
          merge(await app.rpc.send({ method: 'importBatch', args: [names, buffers] }, buffers));
        } catch (err) {
          if (died(err) && names.length === 1) { startOver(names[0], err); continue; }
          if (died(err)) { for (const n of names) alone.add(n); startOver(null, err); continue; }
          for (const n of names) report.errors.push({ file: n, error: `${n}: ${err.message}` });
        }
      }
      done += names.length;
      bytesDone += size;
      update();
    }
    for (const [file, error] of culprits) report.errors.push({ file, error: `${file}: ${error}` });
    $('#progress-text').textContent = `Saving ${formatNumber(records())} records in this browser…`;
    let saveError = null;
    let saved = null;
    try {
      saved = await app.rpc.call('persist');
      // A large import leaves the engine's wasm memory at its high-water
      // mark (it never shrinks): once everything is saved, a new engine
      // starts from storage in its place and the memory goes back.
      if (saved.renew) await app.rpc.renew();
    } catch (err) {
      saveError = err.message;
    }
    running = false;
    $('#progress').hidden = true;
    await app.refreshDocs();
    showReport(report, total - done - (partial ? 1 : 0), cancelled, saveError, (performance.now() - t0) / 1000, partial);
    // Another tab had saved meanwhile: its documents were merged in.
    if (saved?.merged) {
      const { docs, dropped } = saved.merged;
      app.setStatus(`Another tab had saved ${formatNumber(docs)} document(s) in this browser since this page loaded: both tabs' documents are kept and searched together here${dropped ? ` (${formatNumber(dropped)} that both had are kept once)` : ''}.`, 'warn');
    }
  }

  // Sends `it` (a JSON Lines file) to the worker a slice of whole lines at a
  // time; `progress(bytes, report)` after each. Returns null when the whole
  // file was read, or where a cancel stopped it.
  async function importSliced(it, progress) {
    let pos = 0;
    let line = 0;
    while (pos < it.size) {
      if (cancelled) return `${it.name} from line ${formatNumber(line + 1)}`;
      let want = SLICE_BYTES;
      let buf;
      let end;
      for (;;) {
        buf = new Uint8Array(await it.blob.slice(pos, pos + want).arrayBuffer());
        const nl = buf.lastIndexOf(10);
        if (pos + buf.byteLength >= it.size) { end = buf.byteLength; break; }
        if (nl >= 0) { end = nl + 1; break; }
        want *= 2; // one line longer than a slice
      }
      const bytes = buf.slice(0, end);
      let lines = 0;
      for (let k = 0; k < bytes.length; k++) if (bytes[k] === 10) lines++;
      const r = await app.rpc.send({ method: 'importLines', args: [it.name, bytes.buffer, line] }, [bytes.buffer]);
      pos += end;
      line += lines;
      progress(end, r);
    }
    return null;
  }

  function showReport(r, skipped, wasCancelled, saveError = null, secs = null, partial = null) {
    const box = clear($('#import-report'));
    const summary = `Imported ${formatNumber(r.added.length)} document(s)` +
      (r.errors.length ? `; ${r.errors.length} could not be imported` : '') +
      (r.duplicates.length ? `; ${r.duplicates.length} duplicate(s) skipped` : '') +
      (wasCancelled ? `; cancelled${skipped ? `, ${skipped} file(s) not read` : ''}${partial ? `, ${partial} on not read` : ''}` : '') +
      (secs !== null ? ` (${secs.toFixed(1)} s)` : '') + '.';
    box.appendChild(h('h3', {}, 'Import report'));
    box.appendChild(h('p', { class: 'summary' }, summary));
    if (saveError) box.appendChild(h('p', { class: 'error', role: 'alert' }, `Not saved: ${saveError.replace(/\.$/, '')}.`));
    if (r.errors.length) {
      box.appendChild(h('h4', {}, 'Not imported'));
      box.appendChild(h('ul', { class: 'errors' }, r.errors.map((e) => h('li', {}, h('strong', {}, e.file), ' — ', reason(e)))));
    }
    if (r.duplicates.length) {
      box.appendChild(h('h4', {}, 'Duplicates (already in the corpus)'));
      box.appendChild(h('ul', { class: 'dups' }, r.duplicates.map((d) => h('li', {}, h('strong', {}, d.file), ' is the same text as ', d.of_file))));
    }
    if (saveError) app.setStatus(`${summary} Not saved: ${saveError.replace(/\.$/, '')}.`, 'error');
    else app.setStatus(summary, r.errors.length ? 'warn' : 'info');
  }
}

// The error sentence without the file name it starts with.
function reason(e) {
  return e.error.startsWith(e.file + ': ') ? e.error.slice(e.file.length + 2) : e.error;
}

function asItem(file) {
  return { name: file.webkitRelativePath || file.name, size: file.size, blob: file, read: () => file.arrayBuffer() };
}

// Files and folders from a drop: folders are walked recursively.
async function droppedItems(dt) {
  const entries = [...(dt.items || [])].map((it) => it.webkitGetAsEntry && it.webkitGetAsEntry()).filter(Boolean);
  if (!entries.length) return [...(dt.files || [])].map(asItem);
  const out = [];
  async function walk(entry, prefix) {
    if (entry.isFile) {
      const file = await new Promise((res, rej) => entry.file(res, rej));
      out.push({ name: prefix + file.name, size: file.size, blob: file, read: () => file.arrayBuffer() });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const e of batch) await walk(e, `${prefix}${entry.name}/`);
      }
    }
  }
  for (const e of entries) await walk(e, '');
  return out;
}
