// The import's worker pool (issue 12, all cores): `size` workers
// (www/pool-worker.js), each its own wasm instance, parse and extract the
// tasks of an import in parallel; the page hands what they return to the
// engine worker (addExtracted) in the tasks' order, so ids are those of a
// one-worker import. No SharedArrayBuffer: bytes move by transfer, so the
// single-file build (file://) works too (tools/dist.py inlines the worker as
// self.LEDE_POOL_URL).
//
// A task is {kind: 'files', names, buffers} or a slice of one file
// {kind: 'lines' | 'csv' | 'json', name, buffer, args: [the numbers after
// the buffer], label: 'lines A–B'}. `run(task)` resolves to its parts, in
// order: {bytes (ArrayBuffer), files} to add, or {errors: [{file, error}]}.
// A worker that traps on a task is replaced; a task of several files is
// then run again a file at a time, so that only the file that did it is
// left out (an error naming it); a slice that traps is one error naming the
// file and its lines. Nothing the engine holds is touched.

/** Whether a file may hold a PDF, so that it goes to the PDF reader: a
 *  name ending in .pdf, bytes starting with %PDF-, or a container (an
 *  archive, a mailbox, a message, a file of no known text format) whose
 *  bytes name a PDF (".pdf" in a member's or an attachment's name, or
 *  "/pdf" in a content type). A container that names one without holding
 *  it only costs the PDF reader's start. */
export function mayHoldPdf(name, buffer) {
  if (/\.pdf$/i.test(name)) return true;
  const b = new Uint8Array(buffer);
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return true;
  if (TEXT_FORMATS.test(name)) return false;
  for (const f of [0x66, 0x46]) { // 'f', 'F'
    for (let i = b.indexOf(f, 3); i >= 3; i = b.indexOf(f, i + 1)) {
      if ((b[i - 1] | 0x20) === 0x64 && (b[i - 2] | 0x20) === 0x70 && (b[i - 3] === 0x2e || b[i - 3] === 0x2f)) return true;
    }
  }
  return false;
}
const TEXT_FORMATS = /\.(jsonl?|ndjson|csv|tsv|txt|md|markdown|html?|xhtml|sgml?|xml|rss|atom|docx)$/i;

/** Workers for this machine: one per core, 1 to 8; `self.LEDE_POOL_SIZE`
 *  (a number) overrides it (benchmarks). */
export function poolSize() {
  const want = Number(self.LEDE_POOL_SIZE) || navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(8, Math.floor(want)));
}

export class Pool {
  /** `pdf`: workers of the PDF reader (the library built with PDF import,
   *  pkg/lede_pdf_bg.wasm, about 2.3 MB gzipped), for the files of an
   *  import that may hold a PDF (see mayHoldPdf). */
  constructor(size = poolSize(), { pdf = false } = {}) {
    this.size = size;
    this.pdf = pdf;
    this.url = self.LEDE_POOL_URL || new URL('./pool-worker.js', import.meta.url);
    this.workers = [];
    this.queue = [];      // jobs waiting for a worker: {message, transfer, resolve, reject}
    this.next = 1;
    this.broken = null;   // why the workers cannot start, or null
    // Figures for the report and the tests: workers started, workers that
    // did at least one task, tasks done, workers replaced after a trap,
    // milliseconds the workers spent on tasks (summed).
    this.stats = { started: 0, used: 0, tasks: 0, replaced: 0, ms: 0 };
    // The wasm compiled once, here, and handed to every worker: they share
    // its code (and its optimized tiers) instead of each compiling it. The
    // single-file build's workers carry the bytes (null: they compile).
    this.module = self.LEDE_POOL_URL ? Promise.resolve(null)
      : WebAssembly.compileStreaming(fetch(new URL(pdf ? './pkg/lede_pdf_bg.wasm' : './pkg/lede_bg.wasm', import.meta.url))).catch(() => null);
    for (let i = 0; i < size; i++) this.spawn();
  }

  spawn() {
    const w = { worker: new Worker(this.url, { type: self.LEDE_WORKER_TYPE || 'module' }), ready: false, job: null, used: false };
    this.stats.started++;
    w.worker.onmessage = (e) => this.message(w, e.data);
    w.worker.onerror = (e) => {
      e.preventDefault();
      this.crash(w, e.message || 'an uncaught error in an import worker');
    };
    this.workers.push(w);
    this.module.then((module) => w.worker.postMessage({ init: module, pdf: this.pdf }));
    return w;
  }

  message(w, data) {
    if (!w.ready) {
      if (data.ready) {
        w.ready = true;
        this.pump();
      } else {
        this.crash(w, data.error, true);
      }
      return;
    }
    const job = w.job;
    if (!job || data.id !== job.id) return;
    if (data.fatal) { this.crash(w, data.error); return; }
    w.job = null;
    if (data.error !== undefined) job.reject(new Error(data.error));
    else {
      if (!w.used) { w.used = true; this.stats.used++; }
      this.stats.tasks++;
      this.stats.ms += data.ms || 0;
      job.resolve(data.bytes);
    }
    this.pump();
  }

  // A worker died (a trap, an uncaught error) or could not start: it is
  // replaced; its job fails with `trapped` set. Workers that cannot start
  // at all make the pool unusable: every job fails with the reason.
  crash(w, reason, atStart = false) {
    w.worker.terminate();
    this.workers = this.workers.filter((x) => x !== w);
    if (atStart || !w.ready) {
      this.broken = `${this.pdf ? 'the PDF reader' : 'the import workers'} could not start (${reason})`;
      for (const job of this.queue.splice(0)) job.reject(this.brokenError());
      if (w.job) w.job.reject(this.brokenError());
      for (const other of this.workers) other.worker.terminate();
      this.workers = [];
      return;
    }
    this.stats.replaced++;
    if (w.job) {
      const err = new Error(reason);
      err.trapped = true;
      w.job.reject(err);
    }
    this.spawn();
  }

  pump() {
    for (const w of this.workers) {
      if (!this.queue.length) return;
      if (!w.ready || w.job) continue;
      const job = this.queue.shift();
      w.job = job;
      w.worker.postMessage(job.message, job.transfer);
    }
  }

  // One message to a worker; resolves to the bytes it returns.
  exec(kind, args, transfer) {
    if (this.broken) return Promise.reject(this.brokenError());
    return new Promise((resolve, reject) => {
      const id = this.next++;
      this.queue.push({ id, message: { id, kind, args }, transfer, resolve, reject });
      this.pump();
    });
  }

  // The error of a job the pool could not run (`broken`: the caller may run
  // it another way).
  brokenError() {
    const err = new Error(this.broken);
    err.broken = true;
    return err;
  }

  /** Parses and extracts `task`; resolves to its parts (see above). Rejects
   *  (with `broken` set) when the workers cannot start. */
  async run(task) {
    if (task.kind === 'files') return this.runFiles(task.names, task.buffers);
    const { name, buffer, args } = task;
    try {
      return [{ bytes: await this.exec(task.kind, [name, buffer, ...args], [buffer]), files: [name] }];
    } catch (err) {
      if (err.broken) throw err;
      if (!err.trapped) return [{ errors: [{ file: name, error: `${name}: ${err.message}` }] }];
      return [{ errors: [{ file: name, error: `${name}: the import stopped on ${task.label} of this file (${err.message}); the rest of the file was imported, these records left out` }] }];
    }
  }

  async runFiles(names, buffers) {
    // Several files go as copies (not transferred), kept to run them again
    // one by one should a worker trap on the batch.
    try {
      return [{ bytes: await this.exec('files', [names, buffers], names.length > 1 ? [] : buffers), files: names }];
    } catch (err) {
      if (err.broken) throw err;
      if (!err.trapped) return [{ errors: names.map((file) => ({ file, error: `${file}: ${err.message}` })) }];
      if (names.length === 1) return [{ errors: [{ file: names[0], error: `${names[0]}: the import stopped on this file (${err.message}); this file was left out` }] }];
      const parts = await Promise.all(names.map((n, i) => this.runFiles([n], [buffers[i]])));
      return parts.flat();
    }
  }

  /** Ends every worker. */
  close() {
    for (const w of this.workers) w.worker.terminate();
    for (const job of this.queue.splice(0)) job.reject(new Error('the import pool was closed'));
    this.workers = [];
  }
}
