// The Import view: file picker, folder picker, drag-and-drop, paste;
// batches sent to the worker with progress and cancel; the import report;
// corpus management (export, restore the sample, clear).
// An import of POOL_MIN_BYTES or more is parsed and extracted by a pool of
// workers (pool.js), one per core, a few tasks ahead; what they return is
// added by the engine worker (addExtracted) in the tasks' order, so ids and
// dates are those of a one-worker import. Large JSON Lines, CSV and JSON
// array files go in slices of whole records.
// Files in subfolders (a dropped folder's folders, a zip's): before the
// import, "Use folder names as: nothing / outlet / section" is asked
// (folderChoice), and the choice goes to the engine for that run
// (setImportOptions; src/doc/origin.rs). Files that describe the collection
// (README, LICENSE, …) are left out by the engine and named in the report,
// with "Import anyway" importing just them again, kept.
import { h, clear, formatNumber, download } from './dom.js';
import { on } from './bus.js';
import * as store from './store.js';
import { Pool, mayHoldPdf } from './pool.js';

const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_FILES = 64;
// JSON Lines files larger than this are imported a slice at a time.
const SLICE_BYTES = 1024 * 1024;
const LINES = /\.(jsonl|ndjson|jsonlines)$/i;
// Imports of at least this many bytes go through the worker pool.
const POOL_MIN_BYTES = 512 * 1024;

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

  // Asks what the folders of `items` become (when they have subfolders):
  // {folder_as} or null when the user cancels.
  const choice = h('form', { id: 'folder-choice', class: 'folder-choice', hidden: true });
  $('#import-report').before(choice);
  async function folderChoice(items) {
    const folders = await subfolders(items);
    if (!folders.length) return { folder_as: 'nothing' };
    const shown = folders.slice(0, 8).join(', ') + (folders.length > 8 ? `, … (${formatNumber(folders.length)} folders)` : '');
    const radio = (value, label, checked) => h('label', {},
      h('input', { type: 'radio', name: 'folder-as', value, checked: checked || undefined }), ` ${label}`);
    clear(choice).append(
      h('fieldset', {},
        h('legend', {}, `These files are in folders (${shown}). Use folder names as:`),
        radio('nothing', 'nothing', true), radio('outlet', 'outlet'), radio('section', 'section')),
      h('p', { class: 'buttons' },
        h('button', { type: 'submit', id: 'folder-import' }, 'Import'),
        h('button', { type: 'button', id: 'folder-cancel' }, 'Cancel')));
    choice.hidden = false;
    choice.querySelector('input[value=nothing]').focus();
    return new Promise((resolve) => {
      const done = (v) => { choice.hidden = true; clear(choice); resolve(v); };
      choice.onsubmit = (e) => { e.preventDefault(); done({ folder_as: choice.querySelector('input[name=folder-as]:checked').value }); };
      choice.querySelector('#folder-cancel').onclick = () => { done(null); app.setStatus('Import cancelled.'); };
      choice.onkeydown = (e) => { if (e.key === 'Escape') { e.preventDefault(); done(null); app.setStatus('Import cancelled.'); } };
    });
  }

  async function run(items, options = null) {
    if (running) { app.setStatus('An import is already running.', 'error'); return; }
    if (!items.length) return;
    if (!options) {
      running = true;
      const chosen = await folderChoice(items).finally(() => { running = false; });
      if (!chosen) return;
      options = { ...chosen, keep_collection_files: false, only: [] };
    }
    running = true;
    cancelled = false;
    const total = items.length;
    const totalBytes = items.reduce((s, it) => s + (it.size || 0), 0);
    const report = { added: [], errors: [], duplicates: [], notes: [], left_out: [] };
    const t0 = performance.now();
    let done = 0;
    let bytesDone = 0;
    let partial = null;   // "file from line N": where a cancel stopped a sliced file
    let engineMs = 0;     // time the engine took to add what the pool made
    // Imports big enough to pay for starting them go through the worker
    // pool (www/pool.js): parsing and extraction on every core, the engine
    // adding what they return in order.
    // (`self.LEDE_POOL_SIZE = 0`: the engine alone, as before the pool;
    // for benchmarks.)
    const pool = totalBytes >= POOL_MIN_BYTES && self.LEDE_POOL_SIZE !== 0 ? new Pool() : null;
    // Files that may hold a PDF go, one a task, to the PDF reader (a worker
    // of the library built with PDF import, fetched on first use; the
    // page's own wasm has none, www/pool.js), whatever the import's size.
    let pdfPool = null;
    const pdfReader = () => (pdfPool ||= new Pool(1, { pdf: true }));
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
        (pool ? ` · ${pool.size} worker${pool.size === 1 ? '' : 's'}` : '') +
        (Number.isFinite(left) && bytesDone < totalBytes ? ` · about ${Math.ceil(left)} s left` : '');
    };
    const merge = (r) => {
      report.added.push(...r.added);
      report.errors.push(...r.errors);
      report.duplicates.push(...r.duplicates);
      report.notes.push(...(r.notes || []));
      report.left_out.push(...(r.left_out || []));
    };
    // The engine dying on a file (rpc.js restarts it with the stored
    // corpus, which has none of this run's documents): the run starts over
    // without the file that did it, which the report names. A batch of
    // several files that dies is sent again a file at a time to find it.
    const culprits = new Map();   // file → error
    const stopped = new Set();    // sliced files a file-wide error ended
    const alone = new Set();      // files sent one per batch
    const died = (err) => err && err.engineRestarted;
    const restart = (file, err) => {
      if (file) culprits.set(file, `the engine stopped on this file (${err.message.replace(/^the engine stopped \((.*)\) before answering.*$/, '$1')}); it was restarted with the corpus stored in this browser, and this file left out`);
    };

    // The run's tasks in order: batches of whole files, or slices of one
    // large file (see sliceTasks); each {kind, …, size: bytes it covers,
    // files: files it finishes}, or {kind: 'report', report} for files
    // refused before parsing.
    async function* tasks() {
      let i = 0;
      let held = null; // a file read for a batch that goes alone, to the PDF reader
      while ((i < total || held) && !cancelled) {
        if (held) { yield held; held = null; continue; }
        const it = items[i];
        if (culprits.has(it.name)) { i++; yield { kind: 'report', report: null, size: it.size || 0, files: 1 }; continue; }
        const slicing = pool && sliceKind(it);
        if (slicing || (it.blob && it.size > SLICE_BYTES && LINES.test(it.name))) {
          i++;
          try {
            yield* sliceTasks(it, slicing || 'lines');
          } catch (err) {
            yield { kind: 'report', report: { added: [], errors: [{ file: it.name, error: `${it.name}: cannot read: ${err.message}` }], duplicates: [] }, size: 0, files: 1 };
          }
          continue;
        }
        const names = [];
        const buffers = [];
        const errors = [];
        let size = 0;
        let files = 0;
        while (i < total && names.length < BATCH_FILES && (size < BATCH_BYTES || !names.length)) {
          const it = items[i];
          if (it.blob && it.size > SLICE_BYTES && (LINES.test(it.name) || (pool && sliceKind(it)))) break;
          if (culprits.has(it.name) || (alone.has(it.name) && names.length)) break;
          i++;
          files++;
          const limit = app.state.limits.maxFileBytes;
          if (it.size > limit) {
            errors.push({ file: it.name, error: `${it.name}: too large (${(it.size / 1e6).toFixed(1)} MB; the limit is ${limit / 1024 / 1024} MB)` });
            size += it.size;
            continue;
          }
          try {
            const buffer = await it.read();
            if (mayHoldPdf(it.name, buffer)) {
              held = { kind: 'files', names: [it.name], buffers: [buffer], size: it.size, files: 1, pdf: true };
              files--;
              break;
            }
            buffers.push(buffer);
            names.push(it.name);
            size += it.size;
            if (alone.has(it.name)) break;
          } catch (err) {
            errors.push({ file: it.name, error: `${it.name}: cannot read: ${err.message}` });
          }
        }
        if (errors.length) yield { kind: 'report', report: { added: [], errors, duplicates: [] }, size: 0, files: 0 };
        if (names.length || files) yield { kind: 'files', names, buffers, size, files };
      }
    }

    // A file too large to slice as its kind says, whole.
    async function wholeFile(it) {
      const limit = app.state.limits.maxFileBytes;
      if (it.size > limit) return { kind: 'report', report: { added: [], errors: [{ file: it.name, error: `${it.name}: too large (${(it.size / 1e6).toFixed(1)} MB; the limit is ${limit / 1024 / 1024} MB)` }], duplicates: [] }, size: it.size, files: 1 };
      return { kind: 'files', names: [it.name], buffers: [await it.read()], size: it.size, files: 1 };
    }

    // A large file a slice at a time (JSON Lines: whole lines; CSV: the
    // header row and whole rows, a newline inside a quoted field being no
    // boundary; a JSON array: whole elements), so that the progress moves
    // within it and no file-size limit applies. Errors keep the file's
    // line and record numbers.
    async function* sliceTasks(it, kind) {
      const scan = SCANNERS[kind]();
      let pos = 0;
      let line = 0;
      if (kind === 'json') {
        const head = new Uint8Array(await it.blob.slice(0, 65536).arrayBuffer());
        const tail = new Uint8Array(await it.blob.slice(Math.max(0, it.size - 64)).arrayBuffer());
        pos = arrayStart(head, tail);
        if (pos < 0) { yield await wholeFile(it); return; }
        line = countLines(head.subarray(0, pos));
      }
      let record = 0;
      let header = null;
      while (pos < it.size && !stopped.has(it.name)) {
        if (cancelled) { partial = `${it.name} from ${kind === 'json' ? 'record' : 'line'} ${formatNumber((kind === 'json' ? record : line) + 1)}`; return; }
        let want = SLICE_BYTES;
        let cut;
        let buf;
        for (;;) {
          buf = new Uint8Array(await it.blob.slice(pos, pos + want).arrayBuffer());
          cut = scan.cut(buf, pos + buf.byteLength >= it.size);
          if (cut) break;
          want *= 2; // one record longer than a slice
        }
        const bytes = buf.slice(0, cut.end);
        const last = pos + cut.next >= it.size || cut.last;
        const lines = countLines(bytes);
        const label = `lines ${formatNumber(line + 1)}–${formatNumber(line + Math.max(lines, 1))}`;
        let task;
        if (kind === 'lines') task = { kind, name: it.name, buffer: bytes.buffer, args: [line], label };
        else if (kind === 'csv') {
          if (header === null) header = bytes.slice(0, cut.header);
          const body = line === 0 ? bytes : concat(header, bytes);
          task = { kind, name: it.name, buffer: body.buffer, args: [line === 0 ? countLines(header) : line], label };
        } else task = { kind, name: it.name, buffer: bytes.buffer, args: [record, line], label: `records ${formatNumber(record + 1)}–${formatNumber(record + cut.records)}` };
        task.size = last ? it.size - pos : cut.next;
        task.files = last ? 1 : 0;
        pos += cut.next;
        line += lines + (cut.skippedLines || 0);
        record += cut.records || 0;
        yield task;
        if (last) return;
      }
    }

    // Runs a task to its report: through the pool, then addExtracted; or
    // in the engine worker alone (small imports).
    async function perform(task, parts) {
      const out = { added: [], errors: [], duplicates: [], notes: [], left_out: [] };
      if (task.kind === 'report') { if (task.report) merge(task.report); return null; }
      if (!parts) {
        if (task.kind === 'csv' || task.kind === 'json') throw new Error(pool.broken);
        // The PDF reader could not start (offline before it was ever
        // fetched, the single-file build): a PDF is refused saying why; a
        // container goes to the engine, which refuses only its PDFs.
        if (task.pdf && /\.pdf$/i.test(task.names[0])) {
          return { ...out, errors: [{ file: task.names[0], error: `${task.names[0]}: ${pdfPool.broken}` }] };
        }
        if (task.kind === 'files') {
          if (!task.names.length) return null;
          return app.rpc.send({ method: 'importBatch', args: [task.names, task.buffers] }, task.buffers);
        }
        return app.rpc.send({ method: 'importLines', args: [task.name, task.buffer, task.args[0]] }, [task.buffer]);
      }
      for (const part of parts) {
        if (part.errors) { out.errors.push(...part.errors); continue; }
        const t = performance.now();
        const r = await app.rpc.send({ method: 'addExtracted', args: [part.bytes] }, [part.bytes]);
        engineMs += performance.now() - t;
        out.added.push(...r.added);
        out.errors.push(...r.errors);
        out.duplicates.push(...r.duplicates);
        out.notes.push(...(r.notes || []));
        out.left_out.push(...(r.left_out || []));
      }
      return out;
    }

    // One pass over the items; returns false when the engine died and the
    // run must start over. Up to AHEAD tasks are in the pool at once.
    async function pass() {
      report.added.length = report.errors.length = report.duplicates.length = report.notes.length = report.left_out.length = 0;
      // The run's options, again on a restarted engine.
      await app.rpc.call('setImportOptions', options);
      done = bytesDone = 0;
      partial = null;
      update();
      const gen = tasks();
      const ahead = [];
      let exhausted = false;
      const AHEAD = pool ? pool.size * 2 : 1;
      for (;;) {
        while (!exhausted && ahead.length < AHEAD) {
          const n = await gen.next();
          if (n.done) { exhausted = true; break; }
          const task = n.value;
          const running = task.pdf ? pdfReader().run(task)
            : pool && task.kind !== 'report' && !(task.kind === 'files' && !task.names.length) ? pool.run(task) : null;
          ahead.push({ task, running });
        }
        if (!ahead.length) return true;
        const { task, running } = ahead.shift();
        try {
          let parts = null;
          try {
            parts = running ? await running : null;
          } catch (err) {
            if (!err.broken) throw err; // the pool could not start: the engine alone
          }
          if (task.name && stopped.has(task.name)) { bytesDone += task.size; continue; }
          const r = await perform(task, parts);
          if (r) {
            merge(r);
            // A file-wide error of a slice (a CSV without a text column)
            // ends that file: its other slices would say the same.
            if (task.buffer && !r.added.length && r.errors.some((e) => e.file === task.name)) { stopped.add(task.name); task.files = 1; }
          }
        } catch (err) {
          const names = task.kind === 'files' ? task.names : [task.name];
          if (died(err)) {
            if (names.length === 1) restart(names[0], err);
            else { for (const n of names) alone.add(n); }
            await Promise.allSettled(ahead.map((a) => a.running));
            await gen.return();
            return false;
          }
          for (const n of names) report.errors.push({ file: n, error: `${n}: ${err.message}` });
        }
        done += task.files;
        bytesDone += task.size;
        update();
      }
    }

    try {
      update();
      while (!(await pass()));
    } finally {
      pool?.close();
      pdfPool?.close();
      await app.rpc.call('setImportOptions', null).catch(() => {});
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
    const box = $('#import-report');
    // What the pool did, for tests and benchmarks: its size, the workers
    // that did a task (replacements included), tasks, workers replaced,
    // milliseconds the workers worked (summed) and the engine added.
    const stats = pool ? { poolSize: pool.size, poolUsed: pool.stats.used, poolTasks: pool.stats.tasks, poolReplaced: pool.stats.replaced, poolMs: Math.round(pool.stats.ms), engineMs: Math.round(engineMs) } : {};
    for (const k of ['poolSize', 'poolUsed', 'poolTasks', 'poolReplaced', 'poolMs', 'engineMs']) {
      if (pool) box.dataset[k] = String(stats[k]);
      else delete box.dataset[k];
    }
    showReport(report, total - done - (partial ? 1 : 0), cancelled, saveError, (performance.now() - t0) / 1000, partial);
    // "Import anyway": the files left out, again, kept, and only them (an
    // archive member comes with its archive; `only` passes over the rest).
    if (report.left_out.length) {
      const only = report.left_out.map((n) => n.file);
      const again = items.filter((it) => only.some((f) => f === it.name || f.startsWith(`${it.name}#`)));
      $('#import-anyway').onclick = () => run(again, { ...options, keep_collection_files: true, only });
    }
    // Another tab had saved meanwhile: its documents were merged in.
    if (saved?.merged) {
      const { docs, dropped } = saved.merged;
      app.setStatus(`Another tab had saved ${formatNumber(docs)} document(s) in this browser since this page loaded: both tabs' documents are kept and searched together here${dropped ? ` (${formatNumber(dropped)} that both had are kept once)` : ''}.`, 'warn');
    }
  }

  function showReport(r, skipped, wasCancelled, saveError = null, secs = null, partial = null) {
    const box = clear($('#import-report'));
    const summary = `Imported ${formatNumber(r.added.length)} document(s)` +
      (r.errors.length ? `; ${r.errors.length} could not be imported` : '') +
      (r.duplicates.length ? `; ${r.duplicates.length} duplicate(s) skipped` : '') +
      ((r.left_out || []).length ? `; ${r.left_out.length} file(s) about the collection left out` : '') +
      (wasCancelled ? `; cancelled${skipped ? `, ${skipped} file(s) not read` : ''}${partial ? `, ${partial} on not read` : ''}` : '') +
      (secs !== null ? ` (${secs.toFixed(1)} s)` : '') + '.';
    box.appendChild(h('h3', {}, 'Import report'));
    box.appendChild(h('p', { class: 'summary' }, summary));
    if (saveError) box.appendChild(h('p', { class: 'error', role: 'alert' }, `Not saved: ${saveError.replace(/\.$/, '')}.`));
    if (r.errors.length) {
      box.appendChild(h('h4', {}, 'Not imported'));
      box.appendChild(h('ul', { class: 'errors' }, r.errors.map((e) => h('li', {}, h('strong', {}, e.file), ' — ', reason(e)))));
    }
    const left = r.left_out || [];
    if (left.length) {
      box.appendChild(h('h4', {}, 'Left out: files about the collection, not articles'));
      box.appendChild(h('div', { class: 'note left-out' },
        h('ul', { class: 'left-out' }, left.map((n) => h('li', {}, h('strong', {}, n.file), ' — ', reason({ file: n.file, error: n.note })))),
        h('p', { class: 'buttons' }, h('button', { type: 'button', id: 'import-anyway' }, `Import anyway (${left.length})`))));
    }
    if (r.duplicates.length) {
      box.appendChild(h('h4', {}, 'Duplicates (already in the corpus)'));
      box.appendChild(h('ul', { class: 'dups' }, r.duplicates.map((d) => h('li', {}, h('strong', {}, d.file), ' is the same text as ', d.of_file))));
    }
    // What the parsers changed or left out of a file they read (nesting
    // cut, a broken record skipped): the note starts with the file's name.
    if (r.notes?.length) {
      box.appendChild(h('h4', {}, 'Notes'));
      box.appendChild(h('ul', { class: 'notes' }, r.notes.map((n) => h('li', {}, n.note))));
    }
    if (saveError) app.setStatus(`${summary} Not saved: ${saveError.replace(/\.$/, '')}.`, 'error');
    else app.setStatus(summary, r.errors.length ? 'warn' : 'info');
  }
}

// How a large file is sliced: 'lines', 'csv', 'json' (an array), or null.
function sliceKind(it) {
  if (!it.blob || it.size <= SLICE_BYTES) return null;
  if (LINES.test(it.name)) return 'lines';
  if (/\.(csv|tsv|tab)$/i.test(it.name)) return 'csv';
  if (/\.json$/i.test(it.name)) return 'json';
  return null;
}

function countLines(bytes) {
  let n = 0;
  for (let k = 0; k < bytes.length; k++) if (bytes[k] === 10) n++;
  return n;
}

function concat(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

// Where the elements of a JSON file that is one array begin (after its
// "["), or -1 when the file is not one array (`head`: its first bytes,
// `tail`: its last).
function arrayStart(head, tail) {
  let k = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (k < head.length && (head[k] === 32 || head[k] === 9 || head[k] === 10 || head[k] === 13)) k++;
  let e = tail.length - 1;
  while (e >= 0 && (tail[e] === 32 || tail[e] === 9 || tail[e] === 10 || tail[e] === 13)) e--;
  return head[k] === 91 && tail[e] === 93 ? k + 1 : -1;
}

// Where a slice ends, for each kind: `cut(buf, atEnd)` gets the bytes from
// the slice's start (a record boundary) and returns {end (bytes of the
// slice), next (bytes to skip to the next slice), records (JSON), header
// (CSV: the header row's length, in the first slice)} or null when `buf`
// holds no whole record (the caller reads more).
const SCANNERS = {
  lines: () => ({
    cut(buf, atEnd) {
      if (atEnd) return { end: buf.length, next: buf.length };
      const nl = buf.lastIndexOf(10);
      return nl < 0 ? null : { end: nl + 1, next: nl + 1 };
    },
  }),
  // A newline inside a quoted field ("" escapes a quote and toggles twice)
  // is no boundary. The first slice keeps the header row; later ones get it
  // put in front (import.js).
  csv: () => {
    let first = true;
    return {
      cut(buf, atEnd) {
        let quoted = false;
        let header = -1;
        let last = -1;
        for (let k = 0; k < buf.length; k++) {
          const b = buf[k];
          if (b === 34) quoted = !quoted;
          else if (b === 10 && !quoted) {
            if (first && header < 0) header = k + 1;
            else last = k + 1;
          }
        }
        if (atEnd) last = buf.length;
        if (last < 0) return null;
        const cut = { end: last, next: last, header: first ? Math.max(header, 0) : 0 };
        first = false;
        return cut;
      },
    };
  },
  // Elements of the array: a comma outside strings at the array's own depth
  // ends one; the closing bracket ends the last.
  json: () => ({
    cut(buf, atEnd) {
      let depth = 0;
      let str = false;
      let esc = false;
      let commas = 0;
      let lastComma = -1;
      let content = false;
      for (let k = 0; k < buf.length; k++) {
        const b = buf[k];
        if (str) {
          if (esc) esc = false;
          else if (b === 92) esc = true;
          else if (b === 34) str = false;
          continue;
        }
        if (b === 34) { str = true; content = true; } else if (b === 91 || b === 123) { depth++; content = true; } else if (b === 93 || b === 125) {
          if (depth === 0) return { end: k, next: Infinity, records: commas + (content ? 1 : 0), last: true };
          depth--;
        } else if (b === 44 && depth === 0) { commas++; lastComma = k; content = false; } else if (b > 32) content = true;
      }
      if (atEnd) return { end: buf.length, next: buf.length, records: commas + 1, last: true };
      return lastComma < 0 ? null : { end: lastComma, next: lastComma + 1, records: commas };
    },
  }),
};

// The error sentence without the file name it starts with.
function reason(e) {
  return e.error.startsWith(e.file + ': ') ? e.error.slice(e.file.length + 2) : e.error;
}

// The folders the files of `items` are in below the top one (a dropped
// folder's subfolders, `bbc/sport/001.txt` → sport; a zip's folders, read
// from its central directory), sorted; empty when there are none.
async function subfolders(items) {
  const found = new Set();
  const add = (path) => {
    const parts = path.split('/').filter(Boolean);
    if (parts.length >= 2) found.add(parts[parts.length - 2]);
  };
  for (const it of items) {
    if (it.name.split('/').filter(Boolean).length >= 3) add(it.name);
    if (/\.zip$/i.test(it.name) && it.blob) {
      try {
        for (const name of await zipNames(it.blob)) if (!name.endsWith('/')) add(name);
      } catch { /* not a readable zip: the import says so */ }
    }
  }
  return [...found].sort();
}

// The member names of a zip (a Blob), from its end record and central
// directory (the last 64 KiB + 22 bytes hold the end record).
async function zipNames(blob) {
  const tailLen = Math.min(blob.size, 65536 + 22);
  const tail = new DataView(await blob.slice(blob.size - tailLen).arrayBuffer());
  let end = -1;
  for (let k = tail.byteLength - 22; k >= 0; k--) if (tail.getUint32(k, true) === 0x06054b50) { end = k; break; }
  if (end < 0) return [];
  const count = tail.getUint16(end + 10, true);
  const size = tail.getUint32(end + 12, true);
  const offset = tail.getUint32(end + 16, true);
  const dir = new DataView(await blob.slice(offset, offset + size).arrayBuffer());
  const names = [];
  const decoder = new TextDecoder();
  for (let k = 0, i = 0; i < count && k + 46 <= dir.byteLength; i++) {
    if (dir.getUint32(k, true) !== 0x02014b50) break;
    const n = dir.getUint16(k + 28, true);
    const extra = dir.getUint16(k + 30, true);
    const comment = dir.getUint16(k + 32, true);
    names.push(decoder.decode(new Uint8Array(dir.buffer, dir.byteOffset + k + 46, n)));
    k += 46 + n + extra + comment;
  }
  return names;
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
