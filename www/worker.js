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
import init, { Engine, LedeFiles, limits, loadData } from './pkg/lede.js';
import * as store from './store.js';

// Engine methods the page may call directly (read-only or self-contained).
const ENGINE_METHODS = new Set(['list', 'document', 'exportJsonl', 'search', 'quotes', 'matchIds', 'timeline', 'annotations', 'people',
  'statements', 'stories', 'duplicates', 'compare', 'kwic', 'collocates', 'keyness', 'trends', 'network']);

let engine = null;
// The corpus files open in this session, or null: {handle (LedeFiles),
// open: [{read (offset, length) → Promise<ArrayBuffer>, name, header,
// segments, live, reads, bytesRead}], shards: the file of each shard (a file
// of several segments is several shards), opening: the one being opened or
// null}. While files are open, the engine methods answer from them and the
// tab's own corpus as one (ids: the files' documents first, then the tab's).
let files = null;
// Rounds of reads one call on the corpus files may take (a safety net:
// every round reads something new; opening a file of 24 segments takes 50).
const MAX_ROUNDS = 1000;

// Runs `call()` on the corpus files until it stops asking for bytes: each
// `{needs: [[shard, [[offset, length], …]], …]}` is read (in parallel) from
// those shards' files and supplied.
async function fileStep(call) {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const r = call();
    if (!r.needs) return r.done;
    // Every shard's ranges of one round are read at once.
    await Promise.all(r.needs.flatMap(([shard, ranges]) => {
      const f = files.shards[shard] || files.opening;
      return coalesce(ranges).map(async ([offset, length]) => {
        const bytes = new Uint8Array(await f.read(offset, length));
        f.reads += 1;
        f.bytesRead += bytes.byteLength;
        files.handle.supply(shard, offset, bytes);
      });
    }));
  }
  throw new Error('the corpus file asked for more reads than expected');
}

// Ranges sorted and merged where they touch or nearly do (less than 4 KB
// apart): one read instead of many for neighbouring blocks.
function coalesce(ranges) {
  const out = [];
  for (const [o, l] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && o <= last[0] + last[1] + 4096) last[1] = Math.max(last[1], o + l - last[0]);
    else out.push([o, l]);
  }
  return out;
}

// Opens a corpus file read through `read`, `size` bytes long, after those
// already open; the files open before stay open whatever happens.
async function openFile(name, size, read) {
  if (!files) files = { handle: new LedeFiles(), open: [], shards: [], opening: null };
  const next = { read, name, header: null, segments: 0, live: 0, reads: 0, bytesRead: 0 };
  files.opening = next;
  files.handle.begin(size);
  try {
    Object.assign(next, await fileStep(() => files.handle.open()));
  } catch (err) {
    if (isTrap(err)) throw err;
    if (!files.open.length) closeFiles();
    throw new Error(`${name}: ${err.message || err}`);
  } finally {
    if (files) files.opening = null;
  }
  files.open.push(next);
  for (let i = 0; i < next.segments; i++) files.shards.push(next);
  return { ...fileInfo(), opened: { name, docs: next.live, segments: next.segments, reads: next.reads, bytesRead: next.bytesRead } };
}

function closeFiles() {
  if (files) files.handle.free();
  files = null;
}

// The open corpus files: {name (all names), docs (in the files), files:
// [{name, docs, reads, bytesRead}], reads, bytesRead, tabDocs}, or null.
function fileInfo() {
  if (!files || !files.open.length) return null;
  const list = files.open.map((f) => ({ name: f.name, docs: f.live, segments: f.segments, reads: f.reads, bytesRead: f.bytesRead }));
  const sum = (k) => list.reduce((s, f) => s + f[k], 0);
  return { name: list.map((f) => f.name).join(', '), docs: sum('docs'), files: list, reads: sum('reads'), bytesRead: sum('bytesRead'), tabDocs: engine.list().length };
}

// A same-origin URL's bytes by HTTP Range requests; the total size from the
// first answer's Content-Range. A server that ignores Range gets one whole
// download, kept.
async function urlReader(url) {
  const target = new URL(url, self.location.href);
  if (target.origin !== self.location.origin) throw new Error(`${url}: only corpus files from this page's own site can be opened`);
  const first = await fetch(target, { headers: { Range: 'bytes=0-0' } });
  if (!first.ok) throw new Error(`${url}: the server answered ${first.status} ${first.statusText}`);
  if (first.status === 200) {
    const whole = await first.arrayBuffer();
    return { size: whole.byteLength, read: async (o, l) => whole.slice(o, o + l) };
  }
  const total = Number((first.headers.get('Content-Range') || '').split('/')[1]);
  await first.arrayBuffer();
  if (!Number.isFinite(total) || total <= 0) throw new Error(`${url}: the server gave no file size (Content-Range)`);
  const read = async (o, l) => {
    const res = await fetch(target, { headers: { Range: `bytes=${o}-${o + l - 1}` } });
    if (res.status !== 206) throw new Error(`${url}: a range request was answered ${res.status}`);
    return res.arrayBuffer();
  };
  return { size: total, read };
}

// Engine methods the corpus files answer, with the tab's corpus as one.
const FILE_METHODS = {
  list: () => files.handle.list(engine),
  search: (q, o) => files.handle.search(engine, q, o),
  quotes: (q, n) => files.handle.quotes(engine, q, n),
  matchIds: (q) => files.handle.matchIds(engine, q),
  document: (id) => files.handle.document(engine, id),
  annotations: (id) => files.handle.annotations(engine, id),
  people: (ids) => files.handle.people(engine, ids),
  timeline: (ids) => files.handle.timeline(engine, ids),
  statements: (ids) => files.handle.statements(engine, ids),
  stories: (ids) => files.handle.stories(engine, ids),
  duplicates: (ids) => files.handle.duplicates(engine, ids),
  compare: (ids) => files.handle.compare(engine, ids),
  kwic: (q, w, ids) => files.handle.kwic(engine, q, w, ids),
  collocates: (t, w, ids) => files.handle.collocates(engine, t, w, ids),
  keyness: (t, r) => files.handle.keyness(engine, t, r),
  trends: (terms, ids) => files.handle.trends(engine, terms, ids),
  network: (ids, max, format) => files.handle.network(engine, ids, max, format),
};

/** Whether `err` is a trap of the wasm engine, after which it is unusable. */
function isTrap(err) {
  return err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /call stack/i.test(err.message));
}
let startup = null;   // {restored, docs, ms, warning}

// ---- Data loaded on first use (issue 12: a lighter first load) ----
// The entity model is not in the wasm: it is the file pkg/ner.bin (written
// by `make wasm`), fetched once the first screen is up, handed to the engine
// with loadData, and awaited by every call that extracts (an import, the
// seeds), so extraction never runs without it. The seeds come as a snapshot
// made at build time (pkg/seeds.snap), so a first visit searches at once.
// The single-file build inlines both (self.LEDE_DATA, tools/dist.py); the
// service worker caches them (sw.js).
const DATA_FILES = ['ner.bin'];
let dataLoading = null;

async function dataBytes(name) {
  if (self.LEDE_DATA && self.LEDE_DATA[name]) return self.LEDE_DATA[name];
  const res = await fetch(new URL(`./pkg/${name}`, import.meta.url));
  if (!res.ok) throw new Error(`pkg/${name}: the server answered ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Resolves once the engine has every data file; a failure is retried by the next call. */
function needData() {
  dataLoading ??= Promise.all(DATA_FILES.map(async (name) => loadData(name, await dataBytes(name)))).catch((err) => {
    dataLoading = null;
    throw new Error(`the entity model could not be loaded (${err.message || err}); try again when the page's files can be reached`);
  });
  return dataLoading;
}

// The seeds' engine: their snapshot, or (without one) the seeds extracted here.
async function seedEngine() {
  try {
    return Engine.restore(await dataBytes('seeds.snap'));
  } catch (err) {
    if (isTrap(err)) throw err;
    await needData();
    return new Engine(true);
  }
}

async function start() {
  // The single-file build hands the wasm bytes in; the served page fetches them.
  await init(self.LEDE_WASM ? { module_or_path: self.LEDE_WASM } : undefined);
  const t0 = performance.now();
  let warning = null;
  let bytes = null;
  try {
    bytes = await store.load();
  } catch (err) {
    warning = `The stored corpus could not be read (${err.message}); showing the sample articles. It stays stored until you change the corpus, and is then kept aside to download or try again (Import).`;
  }
  if (bytes) {
    try {
      engine = Engine.restore(bytes);
    } catch (err) {
      if (isTrap(err)) throw err;
      store.markUnusable(err.message || err);
      warning = `The stored corpus is unusable (${err.message || err}); showing the sample articles. It stays stored until you change the corpus, and is then kept aside to download or try again (Import).`;
    }
  }
  const restored = !!engine;
  if (!engine) engine = await seedEngine();
  startup = { restored, ms: performance.now() - t0, bytes: bytes ? bytes.byteLength : 0, warning };
  // The first screen is up: fetch the model now (an import awaits it anyway).
  setTimeout(() => needData().catch(() => {}), 0);
}

// Methods implemented here: they combine engine calls with storage.
const LOCAL = {
  startup: () => startup,
  // Opens a corpus file (a File or Blob; read a slice at a time).
  openFile: (blob) => openFile(blob.name || 'corpus file', blob.size, (o, l) => blob.slice(o, o + l).arrayBuffer()),
  // Opens a corpus file at a same-origin URL (HTTP Range requests).
  async openUrl(url) {
    const { size, read } = await urlReader(url);
    return openFile(url.split('/').pop() || url, size, read);
  },
  // Closes corpus file `i` (all when absent): the engine answers from the
  // other files and the tab's corpus.
  closeFile(i) {
    if (!files) return true;
    if (i === undefined || i === null || files.open.length <= 1) closeFiles();
    else if (i >= 0 && i < files.open.length) {
      // Its segments are consecutive shards.
      const f = files.open[i];
      const first = files.shards.indexOf(f);
      for (let k = 0; k < f.segments; k++) files.handle.close(first);
      files.shards.splice(first, f.segments);
      files.open.splice(i, 1);
    }
    return true;
  },
  // The open corpus files (see fileInfo above), or null.
  fileInfo: () => fileInfo(),
  // The engine's limits: {maxFileBytes, maxAlignDocs}.
  limits: () => limits(),
  // Imports several files: names[i] with buffers[i] (ArrayBuffers).
  async importBatch(names, buffers) {
    try {
      await needData();
      return engine.importMany(names, buffers.map((b) => new Uint8Array(b)));
    } catch (err) {
      if (isTrap(err)) throw err;
      const error = String(err.message || err);
      return { added: [], errors: names.map((file) => ({ file, error: `${file}: ${error}` })), duplicates: [] };
    }
  },
  // Imports a slice of a large JSON Lines file (an ArrayBuffer) that starts
  // `firstLine` lines into it.
  async importLines(name, buffer, firstLine) {
    try {
      await needData();
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
    // With corpus files open, ids are union ids: the tab's come after theirs.
    if (files) {
      const local = files.handle.tabId(id);
      if (local === undefined) throw new Error('a document of a corpus file cannot be removed from it here; close the file instead');
      id = local;
    }
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
    await needData();
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
      else if (files && Object.hasOwn(FILE_METHODS, m.method)) result = await fileStep(() => FILE_METHODS[m.method](...(m.args || [])));
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
