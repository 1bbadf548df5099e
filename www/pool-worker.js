// One worker of the import pool (issue 12, all cores; www/pool.js starts
// them): its own wasm instance, without a corpus, that parses and extracts
// what the page hands it and answers with the extracted documents as bytes
// (Corpus::extract_many's layout), which the engine worker adds with
// addExtracted. Nothing here is stored or kept between tasks.
// Protocol: in first {init: a compiled WebAssembly.Module (shared with the
// pool's other workers) or null (compile it here), pdf: true for the PDF
// reader (the same library built with PDF import, pkg/lede_pdf*,
// examples/pdf_wasm.rs; fetched only when an import holds a PDF)}; out
// {ready: true} | {ready: false, error}; then in
// {id, kind, args} (kind: files [names, buffers], lines [name, buffer,
// firstLine], csv [name, buffer, firstLine], json [name, buffer,
// firstRecord, firstLine]); out {id, bytes, ms} (an ArrayBuffer, transferred;
// the milliseconds the task took) |
// {id, error} | {id, error, fatal: true} (the wasm trapped: this worker
// answers nothing more and the pool replaces it).
import * as main from './pkg/lede.js';
import * as withPdf from './pkg/lede_pdf.js';

let lede = main;

async function start(module, pdf) {
  // The single-file build hands the wasm and the model in (tools/dist.py);
  // it carries no PDF reader.
  if (pdf && !module && self.LEDE_WASM) throw new Error('this single-file copy of Lede has no PDF reader; import PDFs in the served page or with the lede command-line tool');
  lede = pdf ? withPdf : main;
  const wasm = module || self.LEDE_WASM;
  await lede.default(wasm ? { module_or_path: wasm } : undefined);
  let model = self.LEDE_DATA && self.LEDE_DATA['ner.bin'];
  if (!model) {
    const res = await fetch(new URL('./pkg/ner.bin', import.meta.url));
    if (!res.ok) throw new Error(`pkg/ner.bin: the server answered ${res.status} ${res.statusText}`);
    model = new Uint8Array(await res.arrayBuffer());
  }
  lede.loadData('ner.bin', model);
}

const TASKS = {
  files: (names, buffers) => lede.extractFiles(names, buffers.map((b) => new Uint8Array(b))),
  lines: (name, buffer, firstLine) => lede.extractLines(name, new Uint8Array(buffer), firstLine),
  csv: (name, buffer, firstLine) => lede.extractCsv(name, new Uint8Array(buffer), firstLine),
  json: (name, buffer, firstRecord, firstLine) => lede.extractJsonArray(name, new Uint8Array(buffer), firstRecord, firstLine),
};

let trapped = false;
let started = false;

self.onmessage = (event) => {
  if (!started) {
    started = true;
    start(event.data.init, event.data.pdf).then(() => self.postMessage({ ready: true }), (err) => self.postMessage({ ready: false, error: String(err.message || err) }));
    return;
  }
  const { id, kind, args } = event.data;
  if (trapped) return;
  try {
    if (!Object.hasOwn(TASKS, kind)) throw new Error(`unknown task ${kind}`);
    const t0 = performance.now();
    const out = TASKS[kind](...args);
    self.postMessage({ id, bytes: out.buffer, ms: performance.now() - t0 }, [out.buffer]);
  } catch (err) {
    // A trap (a Rust panic's "unreachable", a stack overflow) leaves the
    // instance unusable.
    const fatal = err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /call stack/i.test(err.message));
    trapped = fatal;
    self.postMessage({ id, error: fatal ? `${err.name}: ${err.message}` : String(err.message || err), fatal });
  }
};
