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
  'flags', 'statements', 'stories', 'duplicates', 'compare', 'kwic', 'collocates', 'keyness', 'trends', 'network', 'entities']);

let engine = null;
// The corpus files open in this session: {handle (LedeFiles), open: the
// files the user opened, [{read (offset, length) → Promise<ArrayBuffer>,
// name, header, segments, live, copies (documents hidden as copies of an
// earlier file's: hideCopies), reads, bytesRead}], own: the tab's own
// stored segments (store.js), [{key, bytes, live, read, own: true, reads,
// bytesRead}], shards: the file or segment of each shard (a file of
// several segments is several shards), opening: the one being opened or
// null}. The shards are the opened files' segments, then the tab's own
// segments; the engine holds what was imported since the last save, after
// them. While there are shards, the engine methods answer from them and
// the engine as one (union ids, in that order).
let files = null;
// The key of the stored segment the engine holds again (read back before
// an import, see src/corpus_file/own.rs), or null: the next save replaces it.
let engineFrom = null;
// The own segments whose texts the engine knows (so that an import skips
// them), as "key,key,…", or null when it knows none.
let printsOf = null;
// The tags, notes and saved searches (src/tags.rs), as JSON text: kept in
// storage (store.js), handed to the engine and the corpus files before the
// next call whenever either may lack them (`tagsStale`: the engine emptied
// after a save or refilled from a segment, shards opened), and read back
// from the engine after a change or an import (JSON records may carry
// tags).
let tagsJson = '{}';
let tagsStale = true;
// {flushDocs, flushBytes, absorbDocs, absorbBytes} (src/corpus_file/own.rs); `self.LEDE_POLICY`
// overrides them (tests and benchmarks use small numbers).
let policy = null;
// How the current import run reads its files ({folder_as,
// keep_collection_files}; src/doc/origin.rs), set by the page with
// setImportOptions and applied before each import call; null: defaults.
let importOptions = null;
const savePolicy = () => ({ ...policy, ...(self.LEDE_POLICY || {}) });
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

// Hands the tags to the engine and every shard, when they may lack them.
function pushTags() {
  if (!tagsStale) return;
  engine.setTags(tagsJson);
  files.handle.setTags(tagsJson);
  tagsStale = false;
}

// Keeps the engine's tags after `edit` (a change the page asked for, made
// on the engine; none after an import, which may have added some): stored
// and handed to the shards. Another tab may have stored tags since this
// one last read or wrote them (`tagsJson`): the edit is then made on
// theirs (so their changes stay, and this one's removals too), and an
// import's additions are joined to them. The engine has the result: every
// call starts with pushTags, and prepareImport hands them over again after
// reading a segment back.
async function keepTags(edit = null) {
  if (!edit && engine.tags() === tagsJson) return;
  tagsJson = await store.updateTags((stored) => {
    const theirs = stored !== null && stored !== tagsJson;
    if (theirs && edit) engine.setTags(stored);
    else if (theirs) engine.mergeTags(stored);
    if (edit) edit();
    return engine.tags();
  });
  files.handle.setTags(tagsJson);
}

// The tags as the page uses them: {docs, quotes, people, searches} (each
// note {tags, note}) and every tag's counts; the tab's, with those of the
// open corpus files (their tags.json) unless `own`.
async function tagsInfo(own = false) {
  let t = JSON.parse(tagsJson);
  let counts = null;
  if (!own && files.open.length) ({ tags: t, counts } = await fileStep(() => files.handle.tagsWith(engine)));
  return { docs: t.docs || {}, quotes: t.quotes || {}, people: t.people || {}, searches: t.searches || [], counts: counts || engine.tagCounts() };
}

// Runs an engine method the corpus files answer when any are open.
const engineCall = (method, ...args) => (files.shards.length && Object.hasOwn(FILE_METHODS, method)
  ? fileStep(() => FILE_METHODS[method](...args))
  : engine[method](...args));

// Opens a corpus file read through `read`, `size` bytes long, after those
// already open; the files open before stay open whatever happens.
async function openFile(name, size, read) {
  const next = { read, name, header: null, segments: 0, live: 0, reads: 0, bytesRead: 0 };
  // After the other opened files, before the tab's own segments.
  const at = files.shards.length - files.own.length;
  try {
    await openShards(next, size, at);
  } catch (err) {
    if (isTrap(err)) throw err;
    throw new Error(`${name}: ${err.message || err}`);
  }
  files.open.push(next);
  let warning = null;
  try {
    await hideCopies();
  } catch (err) {
    if (isTrap(err)) throw err;
    // Open all the same; an article in two files then counts twice.
    warning = `${name} could not be compared with the other open files (${err.message || err}): an article in several of them counts once per file`;
  }
  return { ...fileInfo(), opened: { name, docs: next.live - (next.copies || 0), copies: next.copies || 0, warning, segments: next.segments, reads: next.reads, bytesRead: next.bytesRead } };
}

// Hides, in the open corpus files, each article that a file opened before
// holds too: counted, listed and shown once, as in a file merged from them
// (the tab's own documents are kept apart from the files' at import).
async function hideCopies() {
  const shards = files.shards.map((e, k) => (e.own ? -1 : k)).filter((k) => k >= 0);
  // With one file left, this shows again what an earlier call hid (nothing
  // is read then).
  const hidden = files.open.length ? await fileStep(() => files.handle.hideCopies(shards)) : [];
  for (const f of files.open) f.copies = 0;
  shards.forEach((k, i) => { files.shards[k].copies += hidden[i] || 0; });
}

// Opens `entry` (a file or a stored segment: its `read`), `size` bytes, as
// the shards from `at` on; fills in its header, segments and live count.
async function openShards(entry, size, at) {
  files.opening = entry;
  files.handle.begin(size);
  try {
    Object.assign(entry, await fileStep(() => files.handle.open(at)));
  } finally {
    files.opening = null;
  }
  files.shards.splice(at, 0, ...Array(entry.segments).fill(entry));
  tagsStale = true;
}

// Opens a stored segment of the tab's own corpus ({key, bytes, live}) after
// the other shards.
async function openOwn(seg) {
  const entry = { ...seg, own: true, read: ownReader(seg), reads: 0, bytesRead: 0 };
  await openShards(entry, seg.bytes, files.shards.length);
  files.own.push(entry);
  printsOf = null;
  return entry;
}

// A stored segment's reader; its failures are marked `unread` (storage
// failed, not the segment's bytes).
function ownReader(seg) {
  const read = store.reader(seg);
  return (offset, length) => read(offset, length).catch((err) => {
    const e = err instanceof Error ? err : new Error(String(err));
    e.unread = true;
    throw e;
  });
}

// Closes the shards of `entry` (a file or a stored segment).
function closeShards(entry) {
  const first = files.shards.indexOf(entry);
  if (first < 0) return;
  const n = files.shards.filter((e) => e === entry).length;
  for (let k = 0; k < n; k++) files.handle.close(first);
  files.shards.splice(first, n);
  if (entry.own) files.own.splice(files.own.indexOf(entry), 1);
  else files.open.splice(files.open.indexOf(entry), 1);
  printsOf = null;
}

// The open corpus files: {name (all names), docs (in the files), files:
// [{name, docs, reads, bytesRead}], reads, bytesRead, tabDocs}, or null.
function fileInfo() {
  if (!files.open.length) return null;
  const list = files.open.map((f) => ({ name: f.name, docs: f.live - (f.copies || 0), copies: f.copies || 0, segments: f.segments, reads: f.reads, bytesRead: f.bytesRead }));
  const sum = (k) => list.reduce((s, f) => s + f[k], 0);
  return { name: list.map((f) => f.name).join(', '), docs: sum('docs'), copies: sum('copies'), files: list, reads: sum('reads'), bytesRead: sum('bytesRead'), tabDocs: tabDocs() };
}

// The shards of the tab's own segments.
const ownShards = () => files.own.map((s) => files.shards.indexOf(s));

// Documents of the tab's own corpus: its stored segments and the engine.
const tabDocs = () => files.own.reduce((n, s) => n + s.live, 0) + engine.docCount();

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

// The document list of the shards and the engine, under union ids: the
// shards' stored pages are parsed here, not in the engine (see listPages).
// With `limit`, only its first `limit` summaries (read from the pages that
// hold them).
async function unionList(limit) {
  const pages = await fileStep(() => files.handle.listPages(ownShards(), limit));
  const out = [];
  for (const [base, text] of pages) for (const s of JSON.parse(text)) { s.id += base; out.push(s); }
  if (limit === undefined || out.length < limit) {
    const base = files.handle.base(files.shards.length);
    for (const s of engine.list()) { s.id += base; out.push(s); }
  }
  return limit === undefined ? out : out.slice(0, limit);
}

// Engine methods the corpus files answer, with the tab's corpus as one.
const FILE_METHODS = {
  search: (q, o) => files.handle.search(engine, q, o),
  quotes: (q, n) => files.handle.quotes(engine, q, n),
  matchIds: (q) => files.handle.matchIds(engine, q),
  document: (id) => files.handle.document(engine, id),
  annotations: (id) => files.handle.annotations(engine, id),
  people: (ids) => files.handle.people(engine, ids),
  flags: () => files.handle.flags(engine),
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
  entities: (ids, kinds, format) => files.handle.entities(engine, ids, kinds, format),
};

/** Whether `err` is a trap of the wasm engine, after which it is unusable. */
function isTrap(err) {
  return err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /call stack/i.test(err.message));
}
let startup = null;   // {restored, docs, ms, warning}
let wasm = null;      // the wasm instance's exports (its memory)
// The engine's wasm memory in bytes (it grows and never shrinks: its
// high-water mark), for benchmarks (bench/storage-page.mjs).
self.ledeWasmBytes = () => (wasm ? wasm.memory.buffer.byteLength : 0);
// Bytes read from the open corpus files so far (bench/corpusfile-page.mjs,
// which opens a file from disk too, where no HTTP response counts them).
self.ledeFileBytes = () => files.open.reduce((n, f) => n + f.bytesRead, 0);

// ---- Data loaded on first use (issue 12: a lighter first load) ----
// The entity model is not in the wasm: it is the file pkg/ner.bin (written
// by `make wasm`), fetched once the first screen is up, handed to the engine
// with loadData, and awaited by every call that extracts (an import, the
// seeds), so extraction never runs without it. The word relations
// statement alignment reads (pkg/relations.txt) are fetched beside it and
// awaited by the calls that align (ALIGNING, and every import, which
// aligns for its flags), not by search or the reader; if they cannot be
// fetched, alignment goes on shared words alone rather than fail. The seeds come as a snapshot
// made at build time (pkg/seeds.snap), so a first visit searches at once.
// The single-file build inlines both (self.LEDE_DATA, tools/dist.py); the
// service worker caches them (sw.js).
const DATA_FILES = ['ner.bin'];
// Engine methods that may align statements (they see the word relations).
const ALIGNING = new Set(['flags', 'statements', 'stories', 'compare', 'people']);
let dataLoading = null;

async function dataBytes(name) {
  if (self.LEDE_DATA && self.LEDE_DATA[name]) return self.LEDE_DATA[name];
  const res = await fetch(new URL(`./pkg/${name}`, import.meta.url));
  if (!res.ok) throw new Error(`pkg/${name}: the server answered ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Resolves once the engine has every data file; a failure is retried by the next call. */
function needData() {
  dataLoading ??= Promise.all([...DATA_FILES.map(async (name) => loadData(name, await dataBytes(name))), needRelations()]).catch((err) => {
    dataLoading = null;
    throw new Error(`the entity model could not be loaded (${err.message || err}); try again when the page's files can be reached`);
  });
  return dataLoading;
}

let relationsLoading = null;
// Why the word relations could not be had (null once they are): the
// Compare view says that statements were aligned on shared words alone.
let relationsFailed = null;

/** Resolves once the engine has the word relations, or they could not be
 * had (then the next call tries again); never rejects. */
function needRelations() {
  relationsLoading ??= dataBytes('relations.txt').then((bytes) => {
    loadData('relations.txt', bytes);
    relationsFailed = null;
  }).catch((err) => {
    relationsLoading = null;
    relationsFailed = String(err && err.message ? err.message : err);
  });
  return relationsLoading;
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

// A worker started by boot.js gets the wasm compiled by the page, as its
// first message; any other fetches it (init's default).
let bootMessage = null;
const bootModule = self.name === 'boot'
  ? new Promise((resolve) => { bootMessage = resolve; })
  : Promise.resolve(null);

async function start() {
  // The single-file build hands the wasm bytes in; the served page fetches them.
  const compiled = self.LEDE_WASM || await bootModule;
  wasm = await init(compiled ? { module_or_path: compiled } : undefined);
  const t0 = performance.now();
  files = { handle: new LedeFiles(), open: [], own: [], shards: [], opening: null };
  const { flushDocs, flushBytes, absorbDocs, absorbBytes } = limits();
  policy = { flushDocs, flushBytes, absorbDocs, absorbBytes };
  const warnings = [];
  let stored = { segments: [], legacy: null };
  try {
    stored = await store.load();
  } catch (err) {
    warnings.push(`The stored corpus could not be read (${err.message}); showing the sample articles. It stays stored until you change the corpus`);
  }
  let migrate = false;
  if (stored.legacy) {
    // A snapshot stored before segments: restored whole once, then saved
    // as segments.
    try {
      engine = Engine.restore(stored.legacy);
      migrate = true;
    } catch (err) {
      if (isTrap(err)) throw err;
      await store.keepLegacyAside(err.message || err).catch(() => {});
      warnings.push(`The stored corpus is unusable (${err.message || err}); showing the sample articles. It was kept aside to download or try again (Import)`);
    }
  }
  await store.prefetch(stored.segments);
  for (const seg of stored.segments) {
    try {
      await openOwn(seg);
    } catch (err) {
      if (isTrap(err)) throw err;
      if (err.unread) {
        // Storage failed to give its bytes: left where it is (a save
        // changes only the segments it names), for the next start.
        warnings.push(`Part of the stored corpus (${seg.live} documents) could not be read (${err.message || err}); it stays stored, and the rest is loaded`);
        continue;
      }
      // The engine refuses it as a whole (its directory or header): kept
      // aside, so that no save can lose it; the other segments answer.
      await store.keepAside(seg.key, err.message || err).catch(() => {});
      warnings.push(`Part of the stored corpus (${seg.live} documents) is unusable (${err.message || err}) and was kept aside to download or try again (Import)`);
    }
  }
  // A stored corpus, even an empty one (cleared), is what the tab shows;
  // when every stored segment was kept aside, the sample is.
  const restored = !!engine || files.own.length > 0 || (stored.exists && !stored.segments.length);
  if (restored && !engine) engine = new Engine(false);
  if (!engine) engine = await seedEngine();
  if (migrate) {
    try { await persist(); } catch (err) { warnings.push(`The stored corpus could not be saved in its new layout (${err.message || err})`); }
  }
  const bytesRead = files.own.reduce((n, s) => n + s.bytesRead, 0);
  try {
    const kept = await store.loadTags();
    if (kept) { engine.setTags(kept); tagsJson = kept; }
  } catch (err) {
    if (isTrap(err)) throw err;
    warnings.push(`The stored tags and notes could not be read (${err.message || err}); they stay stored until you change them`);
  }
  startup = { restored, ms: performance.now() - t0, bytes: stored.legacy ? stored.legacy.byteLength : bytesRead, stored: files.own.reduce((n, s) => n + s.bytes, 0), segments: files.own.length, docs: tabDocs(), warning: warnings.length ? `${warnings.join('. ')}.` : null };
  // The first screen is up: fetch the model now (an import awaits it anyway).
  setTimeout(() => needData().catch(() => {}), 0);
}

// Saves what the engine holds as a segment of the tab's own corpus (in
// place of the segment it read back, if any), then lets go of it and opens
// the segment from storage in its place, under the same ids. A failed
// save (a full quota, another tab's newer corpus) leaves the engine as it
// was and the stored corpus unchanged.
async function persist() {
  if (!engine.slots() && engineFrom === null) return { bytes: 0, renew: renewable() };
  let bytes = null;
  const { added, merged } = await commitMerging(() => {
    const live = engine.docCount();
    bytes = live ? engine.segmentBytes() : null;
    return { add: bytes ? [{ bytes, live, text: engine.textBytes() }] : [], drop: engineFrom === null ? [] : [engineFrom] };
  });
  engine.reset();
  tagsStale = true;
  engineFrom = null;
  printsOf = null;
  if (bytes) await openOwn(added[0]);
  return { bytes: bytes ? bytes.byteLength : 0, renew: renewable(), merged };
}

// Commits `change()` (store.commit); when another tab saved meanwhile, its
// segments are merged in (mergeOthers) and `change()` is committed again.
// Resolves to commit's answer and `merged` (null when there was nothing to
// merge).
async function commitMerging(change) {
  try {
    return { ...(await store.commit(change())), merged: null };
  } catch (err) {
    if (!(err instanceof store.StaleError)) throw err;
    const merged = await mergeOthers(err);
    return { ...(await store.commit(change())), merged };
  }
}

// Another tab saved since this one loaded (`stale`, a StaleError). When
// it only added segments (or replaced the one the engine read back), they
// are opened here, the engine drops the texts they hold, and the save is
// tried again: {docs: documents the other tab added, dropped: documents
// both held}. When it changed segments this tab has open (removed a
// document, cleared the corpus), nothing is merged and `stale` is thrown.
async function mergeOthers(stale) {
  const now = await store.latest();
  const stored = new Set(now.segments.map((s) => s.key));
  const mine = new Set(files.own.map((s) => s.key));
  if ([...mine].some((k) => !stored.has(k))) throw stale;
  const others = now.segments.filter((s) => !mine.has(s.key) && s.key !== engineFrom);
  // The segment the engine read back, replaced by the other tab: the
  // engine's copy of its documents is dropped with the rest below.
  if (engineFrom !== null && !stored.has(engineFrom)) engineFrom = null;
  const opened = [];
  for (const seg of others) {
    // Before the engine: the engine's ids move up past them.
    opened.push(await openOwn(seg));
  }
  printsOf = null;
  await fileStep(() => files.handle.storedPrints(engine, ownShards()));
  const dropped = engine.removeStoredDuplicates();
  store.adopt(now.generation);
  return { docs: opened.reduce((n, s) => n + s.live, 0), dropped };
}

// Wasm memory above which a worker that holds nothing unsaved is worth
// replacing by a new one started from storage (`renew` in rpc.js).
const RENEW_BYTES = 64 * 1024 * 1024;

// Whether this worker could be replaced by one started from storage with
// nothing lost, and that would give memory back: everything is saved, no
// corpus file is open (a new worker would not have it), and the wasm
// memory has grown past RENEW_BYTES.
function renewable() {
  return !engine.slots() && engineFrom === null && !files.open.length && wasm.memory.buffer.byteLength > RENEW_BYTES;
}

// Makes the engine ready for an import: a small last segment is read back
// into it (so that small imports do not pile up as small segments), and it
// is told the texts of the other stored segments, which an import skips.
async function prepareImport() {
  const last = files.shards[files.shards.length - 1];
  const p = savePolicy();
  // (By the text it holds: a few large documents of repetitive text store
  // small.)
  if (!engine.slots() && last?.own && last.live < p.absorbDocs && (last.text ?? last.bytes) < p.absorbBytes) {
    await fileStep(() => files.handle.absorbLast(engine));
    tagsStale = true;
    pushTags();
    files.shards.pop();
    files.own.pop();
    engineFrom = last.key;
    printsOf = null;
  }
  const keys = files.own.map((s) => s.key).join(',');
  if (printsOf !== keys) {
    const shards = ownShards();
    await fileStep(() => files.handle.storedPrints(engine, shards));
    printsOf = keys;
  }
  // The run's options, on whichever engine holds the corpus now.
  engine.setImportOptions(importOptions);
}

// During a long import: once the engine holds `flushDocs` documents, they
// are saved as a segment and let go of, so the tab never holds more. A
// failed save is left for the import's own save to report.
async function flushIfFull() {
  const p = savePolicy();
  if (engine.docCount() < p.flushDocs && engine.textBytes() < p.flushBytes) return;
  try { await persist(); } catch (err) { if (isTrap(err)) throw err; }
}

// Methods implemented here: they combine engine calls with storage.
const LOCAL = {
  startup: () => startup,
  // Why the word relations are missing (null when the engine has them).
  relationsMissing: () => relationsFailed,
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
    const which = i === undefined || i === null ? [...files.open] : [files.open[i]].filter(Boolean);
    for (const f of which) closeShards(f);
    // What the closed files held is no longer hidden in the others.
    return hideCopies().then(() => true);
  },
  // The open corpus files (see fileInfo above), or null.
  fileInfo: () => fileInfo(),
  // The first `n` summaries of the document list and how many it holds
  // in all: a first screen shows a page of the list without the whole
  // (25,000 stored documents' summaries are 7 MB to read and send).
  async listHead(n) {
    const docs = files.shards.length ? await unionList(n) : engine.list().slice(0, n);
    const total = files.open.length ? docs.length : tabDocs();
    return { docs, total: Math.max(total, docs.length) };
  },
  // The engine's limits: {maxFileBytes, maxAlignDocs, flushDocs, flushBytes, absorbDocs, absorbBytes}.
  limits: () => limits(),
  // How the next import calls read their files (see importOptions).
  setImportOptions(options) {
    importOptions = options || null;
    return true;
  },
  // Imports several files: names[i] with buffers[i] (ArrayBuffers).
  async importBatch(names, buffers) {
    try {
      await needData();
      await prepareImport();
      const report = engine.importMany(names, buffers.map((b) => new Uint8Array(b)));
      await keepTags();
      await flushIfFull();
      return report;
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
      await prepareImport();
      const report = engine.importLines(name, new Uint8Array(buffer), firstLine);
      await keepTags();
      await flushIfFull();
      return report;
    } catch (err) {
      if (isTrap(err)) throw err;
      const error = String(err.message || err);
      return { added: [], errors: [{ file: name, error: `${name}: ${error}` }], duplicates: [] };
    }
  },
  // Adds a batch a pool worker parsed and extracted (an ArrayBuffer from
  // www/pool.js) as importBatch would add those files; same report. A
  // batch it cannot read is an error (the page names the batch's files).
  async addExtracted(buffer) {
    await prepareImport();
    const report = engine.addExtracted(new Uint8Array(buffer));
    await keepTags();
    await flushIfFull();
    return report;
  },
  persist: () => persist(),
  // The tab's corpus as JSON Lines: its stored segments, then the engine's.
  async exportJsonl() {
    const parts = [];
    for (const seg of files.own) parts.push(await fileStep(() => files.handle.exportJsonl(files.shards.indexOf(seg))));
    parts.push(engine.exportJsonl(files.handle.base(files.shards.length)));
    // The corpus's notes on people and its saved searches ride on the
    // first line (src/tags.rs); each document's are on its own line.
    const text = parts.join('');
    const { people, searches } = await tagsInfo(true);
    const end = text.indexOf('\n');
    if (end < 0 || (!Object.keys(people).length && !searches.length)) return text;
    const first = JSON.parse(text.slice(0, end));
    first.workbench = { people, searches };
    return JSON.stringify(first) + text.slice(end);
  },
  // The tags and notes: {docs, quotes, people, searches, counts}.
  tags: () => tagsInfo(),
  // Changes the note on `kind` ('doc' | 'quote' | 'person') `key` with
  // `edit` ({add: [tag], remove: [tag], note}); answers tags().
  async annotate(kind, key, edit) {
    await keepTags(() => engine.annotate(kind, key, edit));
    return tagsInfo();
  },
  // Keeps the saved searches (saved.js) with the corpus.
  async setSearches(list) {
    await keepTags(() => engine.setSearches(JSON.stringify(list)));
    return true;
  },
  // The key (src/tags.rs) of each of `ids`, null for no document.
  docKeys: (ids) => (files.shards.length ? fileStep(() => files.handle.docKeys(engine, ids)) : engine.docKeys(ids)),
  // The Tags facet of query `q`: [{value, count}] (documents matching
  // `q` that a tag selects), largest first; tags selecting none left out.
  async tagFacet(q) {
    const out = [];
    for (const { tag } of (await tagsInfo()).counts.slice(0, 50)) {
      const filter = `tag:"${tag.replace(/"/g, '')}"`;
      const ids = await engineCall('matchIds', q.trim() ? `(${q}) ${filter}` : filter);
      if (ids.length) out.push({ value: tag, count: ids.length });
    }
    return out.sort((a, b) => b.count - a.count);
  },
  async remove(id) {
    const at = files.shards.length ? files.handle.locate(id) : undefined;
    if (!at) {
      // The engine's: with shards open, ids are union ids, the engine's last.
      const removed = engine.remove(files.shards.length ? files.handle.tabId(id) : id);
      if (removed) await persist();
      return removed;
    }
    const seg = files.shards[at[0]];
    if (!seg.own) throw new Error('a document of a corpus file cannot be removed from it here; close the file instead');
    // Its segment is written again without it, in its place.
    if (!(await fileStep(() => files.handle.without(at[0], id)))) return false;
    const bytes = files.handle.takeBytes();
    const { replaced } = await commitMerging(() => ({ replace: [[seg.key, { bytes, live: seg.live - 1 }]] }));
    const index = files.own.indexOf(seg);
    const first = files.shards.indexOf(seg);
    closeShards(seg);
    const fresh = { ...replaced[seg.key], own: true, reads: 0, bytesRead: 0 };
    fresh.read = ownReader(fresh);
    await openShards(fresh, fresh.bytes, first);
    files.own.splice(index, 0, fresh);
    printsOf = null;
    return true;
  },
  async clear() {
    const drop = [...files.own.map((s) => s.key), ...(engineFrom === null ? [] : [engineFrom])];
    await store.commit({ drop });
    for (const seg of [...files.own]) closeShards(seg);
    engine.reset();
      tagsStale = true;
    engineFrom = null;
    printsOf = null;
    return true;
  },
  async restoreSeeds() {
    await needData();
    await prepareImport();
    const report = engine.restoreSeeds();
    await persist();
    return report;
  },
};

const ready = start();
const queue = [];
let busy = false;

self.onmessage = (event) => {
  const msg = event.data;
  if (Object.hasOwn(msg, 'wasmModule')) { bootMessage?.(msg.wasmModule); return; }
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
      pushTags();
      if (ALIGNING.has(m.method)) await needRelations();
      let result;
      if (Object.hasOwn(LOCAL, m.method)) result = await LOCAL[m.method](...(m.args || []));
      else if (files.shards.length && m.method === 'list') result = await unionList();
      else if (files.shards.length && Object.hasOwn(FILE_METHODS, m.method)) result = await fileStep(() => FILE_METHODS[m.method](...(m.args || [])));
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
