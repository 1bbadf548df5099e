// The worker: owns the wasm Engine and the stored corpus; the page talks to
// it only by messages.
// Protocol: in {id, method, args, latest?}; out {id, result} | {id, error} |
// {id, dropped} | {id, error, fatal: true}.
// A message with `latest: KEY` supersedes any queued message with the same key
// (typing in the search box drops the stale queries).
// `fatal` means the engine trapped (a Rust panic becomes the trap
// "unreachable"; a deep recursion, a stack overflow): its memory may be
// half-updated, so this worker answers nothing more and the page replaces
// it (rpc.js).
import init, { Engine, limits } from './pkg/lede.js';
import * as store from './store.js';

// Engine methods the page may call directly (read-only or self-contained).
const ENGINE_METHODS = new Set(['list', 'document', 'exportJsonl', 'search', 'matchIds', 'timeline', 'annotations', 'people',
  'statements', 'stories', 'duplicates', 'compare', 'kwic', 'collocates', 'keyness', 'trends']);

let engine = null;

/** Whether `err` is a trap of the wasm engine, after which it is unusable. */
function isTrap(err) {
  return err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /call stack/i.test(err.message));
}
let startup = null;   // {restored, docs, ms, warning}

async function start() {
  // The single-file build hands the wasm bytes in; the served page fetches them.
  await init(self.LEDE_WASM ? { module_or_path: self.LEDE_WASM } : undefined);
  const t0 = performance.now();
  let warning = null;
  let bytes = null;
  try {
    bytes = await store.load();
  } catch (err) {
    warning = `The stored corpus could not be read (${err.message}); showing the sample articles.`;
  }
  if (bytes) {
    try {
      engine = Engine.restore(bytes);
    } catch (err) {
      if (isTrap(err)) throw err;
      warning = `The stored corpus is unusable (${err.message || err}); showing the sample articles. It stays stored until you change the corpus.`;
    }
  }
  const restored = !!engine;
  if (!engine) engine = new Engine(true);
  startup = { restored, ms: performance.now() - t0, bytes: bytes ? bytes.byteLength : 0, warning };
}

// Methods implemented here: they combine engine calls with storage.
const LOCAL = {
  startup: () => startup,
  // The engine's limits: {maxFileBytes, maxAlignDocs}.
  limits: () => limits(),
  // Imports several files: names[i] with buffers[i] (ArrayBuffers).
  importBatch(names, buffers) {
    try {
      return engine.importMany(names, buffers.map((b) => new Uint8Array(b)));
    } catch (err) {
      if (isTrap(err)) throw err;
      const error = String(err.message || err);
      return { added: [], errors: names.map((file) => ({ file, error: `${file}: ${error}` })), duplicates: [] };
    }
  },
  // Imports a slice of a large JSON Lines file (an ArrayBuffer) that starts
  // `firstLine` lines into it.
  importLines(name, buffer, firstLine) {
    try {
      return engine.importLines(name, new Uint8Array(buffer), firstLine);
    } catch (err) {
      if (isTrap(err)) throw err;
      const error = String(err.message || err);
      return { added: [], errors: [{ file: name, error: `${name}: ${error}` }], duplicates: [] };
    }
  },
  async persist() {
    const bytes = engine.snapshot();
    await store.save(bytes);
    return { bytes: bytes.byteLength };
  },
  async remove(id) {
    const removed = engine.remove(id);
    if (removed) await LOCAL.persist();
    return removed;
  },
  async clear() {
    engine.clear();
    await LOCAL.persist();
    return true;
  },
  async restoreSeeds() {
    const report = engine.restoreSeeds();
    await LOCAL.persist();
    return report;
  },
};

const ready = start();
const queue = [];
let busy = false;

self.onmessage = (event) => {
  const msg = event.data;
  if (msg.latest) {
    for (const queued of queue) {
      if (queued.latest === msg.latest && !queued.dropped) {
        queued.dropped = true;
        self.postMessage({ id: queued.id, dropped: true });
      }
    }
  }
  queue.push(msg);
  pump();
};

async function pump() {
  if (busy) return;
  busy = true;
  try {
    await ready;
  } catch (err) {
    if (isTrap(err)) { fatal(queue[0]?.id, err); return; }
    for (const m of queue.splice(0)) self.postMessage({ id: m.id, error: `the engine failed to start: ${err.message || err}` });
    busy = false;
    return;
  }
  while (queue.length) {
    const m = queue.shift();
    if (m.dropped) continue;
    try {
      let result;
      if (Object.hasOwn(LOCAL, m.method)) result = await LOCAL[m.method](...(m.args || []));
      else if (ENGINE_METHODS.has(m.method)) result = engine[m.method](...(m.args || []));
      else throw new Error(`unknown method ${m.method}`);
      self.postMessage({ id: m.id, result });
    } catch (err) {
      if (isTrap(err)) { fatal(m.id, err); return; }
      self.postMessage({ id: m.id, error: String(err && err.message ? err.message : err) });
    }
    // Yield so that newer messages can arrive and supersede queued ones.
    await new Promise((r) => setTimeout(r, 0));
  }
  busy = false;
}

// Says the engine trapped (answering `id`) and stops answering (`busy`
// stays set): the page terminates this worker and starts another.
function fatal(id, err) {
  queue.length = 0;
  self.postMessage({ id, fatal: true, error: `${err.name}: ${err.message}` });
}
