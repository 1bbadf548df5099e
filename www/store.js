// IndexedDB persistence of the tab's own corpus (used by the worker; the
// page reads and restores the kept copy, below).
//
// Layout (issue 12: the tab's storage in the layout of the corpus file).
// The corpus is stored as segments, each the bytes of a corpus file of one
// segment (what `lede build` writes; see src/corpus_file/own.rs), cut into
// chunks of CHUNK bytes under `seg:KEY:N`, listed in order by one manifest
// (`segments` → {generation, savedAt, next, segments: [{key, bytes, live,
// chunk, text}]}; `text`: the bytes of text of its documents, when the
// saver said).
// The worker opens each segment like any corpus file, reading chunks as
// the reader asks for byte ranges (`reader`): a reload reads the
// directories and what the first screen shows, not the corpus. Every
// member of a segment has its own CRC-32, so a damaged chunk damages the
// blocks in it, which the reader names and leaves out while the rest
// answers; a missing chunk reads as zeros, which the checksums catch the
// same way.
//
// A save is one transaction (`commit`): new segments' chunks are written,
// replaced and dropped segments' chunks deleted, and the manifest put; a
// failed write (a full quota) leaves the stored corpus as it was.
//
// Several tabs share the one stored corpus. `generation` counts the saves;
// a tab remembers the generation it loaded or last saved, and a save that
// finds a newer one in storage (another tab saved since) is refused
// (`StaleError`): nothing is written over the other tab's corpus. The
// worker then merges when it can (it opens the other tab's new segments,
// drops what they already hold, `adopt`s their generation and saves
// again), and otherwise tells the user how to keep both. A tab that saved
// tells the others on a BroadcastChannel, so they know without looking.
//
// A manifest is checked before anything is read (`manifestProblem`), so a
// damaged manifest claiming millions of segments fails at once with a
// message instead of stalling the start. A segment the engine refuses
// (its directory or header damaged) is kept aside (`keepAside`: its chunks
// move under `kept:`, with any kept before, `kept` → {segments: [{key,
// reason, keptAt, bytes, chunk}], legacy?}) so that no save can lose it;
// the page offers each for download (a .lede file: "Open a corpus file"
// reads what is intact) or to try again (`keptInfo`, `keptCopy`,
// `retryKept`). A segment that could not be read (storage failing) is
// left where it is: a save changes only the segments it names.
//
// Before this layout the corpus was one snapshot in parts (`snapshot` →
// {parts, bytes, generation}, `snapshot:N`): `load` still reads it, once,
// so the worker can store it as segments (the save deletes it).
const DB_NAME = 'lede';
const STORE = 'corpus';
const MANIFEST = 'segments';
const KEPT = 'kept';
/** Bytes per stored chunk of a segment written now (each segment records
 *  its own): small enough that a read of a few blocks scattered over a
 *  segment does not pull in much more, big enough that a segment is a few
 *  hundred records. */
export const CHUNK = 64 * 1024;
// A wasm32 engine addresses at most 4 GB; no segment it wrote is larger.
const MAX_BYTES = 4 * 1024 * 1024 * 1024;
// More segments than a tab ever writes (a segment holds thousands of documents).
const MAX_SEGMENTS = 100000;
const LEGACY = 'snapshot';
const LEGACY_PART_BYTES = 32 * 1024 * 1024;
const LEGACY_KEYS = IDBKeyRange.bound(LEGACY, `${LEGACY}\uffff`);
const KEPT_KEYS = IDBKeyRange.bound(KEPT, `${KEPT}\uffff`);
// Chunks read lately, kept for the reads that follow (a reader asks for
// neighbouring ranges): at most this many.
const CACHE_CHUNKS = 128;

const chunkKey = (key, n) => `seg:${key}:${n}`;
const chunkKeys = (key) => IDBKeyRange.bound(`seg:${key}:`, `seg:${key}:\uffff`);

/** A save refused because another tab saved a newer corpus since. */
export class StaleError extends Error {}

// The generation this tab loaded or last saved (0: nothing stored then),
// null until load() has read the manifest.
let known = null;
// A newer generation another tab announced, or 0.
let announced = 0;

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('lede-store') : null;
if (channel) channel.onmessage = (e) => { announced = Math.max(announced, Number(e.data?.generation) || 0); };

// One connection for the session.
let connection = null;
function db() {
  connection ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      req.result.onversionchange = () => { req.result.close(); connection = null; };
      resolve(req.result);
    };
    req.onerror = () => { connection = null; reject(req.error); };
  });
  return connection;
}

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

// Runs `body(store)` in one transaction; resolves with what it returns once
// the transaction completes, rejects with `refused()` or the transaction's error.
async function transaction(mode, body) {
  const tx = (await db()).transaction(STORE, mode);
  const store = tx.objectStore(STORE);
  let out;
  let refused = null;
  const done = new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(out);
    tx.onabort = tx.onerror = () => reject(refused || tx.error || new Error('the storage transaction was aborted'));
  });
  try {
    out = await body(store, (err) => { refused = err; tx.abort(); });
  } catch (err) {
    refused ??= err;
    try { tx.abort(); } catch { /* already finished */ }
  }
  return done;
}

const generationOf = (head) => (head && Number.isSafeInteger(head.generation) ? head.generation : 0);
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

/** Why `head` (a stored manifest) cannot be read, or null when it can. */
export function manifestProblem(head) {
  if (!head || typeof head !== 'object' || !Array.isArray(head.segments)) return 'its manifest is not one';
  if (head.segments.length > MAX_SEGMENTS) return `its manifest claims ${head.segments.length} segments`;
  const keys = new Set();
  for (const s of head.segments) {
    if (!s || !Number.isSafeInteger(s.key) || keys.has(s.key)) return 'its manifest names a segment twice or not at all';
    if (!Number.isSafeInteger(s.bytes) || s.bytes <= 0 || s.bytes > MAX_BYTES) return `its manifest gives an impossible size (${String(s.bytes).slice(0, 20)} bytes)`;
    if (!Number.isSafeInteger(s.chunk) || s.chunk < 1024 || s.chunk > 64 * 1024 * 1024) return `its manifest gives an impossible chunk size (${String(s.chunk).slice(0, 20)})`;
    keys.add(s.key);
  }
  return null;
}

// Why a manifest of the snapshot stored before segments cannot be read, or null.
function legacyProblem(head) {
  if (head instanceof ArrayBuffer) return null;
  const { parts, bytes } = head || {};
  if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > MAX_BYTES) return `its manifest gives an impossible size (${String(bytes).slice(0, 20)} bytes)`;
  if (!Number.isSafeInteger(parts) || parts !== Math.ceil(bytes / LEGACY_PART_BYTES)) {
    return `its manifest claims ${String(parts).slice(0, 20)} parts for ${mb(bytes)}, where ${Math.ceil(bytes / LEGACY_PART_BYTES)} would hold it`;
  }
  return null;
}

/** What is stored: {exists (a corpus is stored, maybe empty), segments:
 * [{key, bytes, live}], legacy: the bytes of a snapshot stored before
 * segments, or null}. A manifest that cannot be
 * read throws (nothing is changed in storage). */
export async function load() {
  return transaction('readonly', async (store) => {
    const head = await request(store.get(MANIFEST));
    if (head) {
      known = generationOf(head);
      const problem = manifestProblem(head);
      if (problem) throw new Error(problem);
      return { exists: true, segments: head.segments.map(({ key, bytes, live, chunk, text }) => ({ key, bytes, live, chunk, ...(text ? { text } : {}) })), legacy: null };
    }
    const old = await request(store.get(LEGACY));
    known = generationOf(old);
    if (!old) return { segments: [], legacy: null };
    const problem = legacyProblem(old);
    if (problem) throw new Error(problem);
    if (old instanceof ArrayBuffer) return { segments: [], legacy: new Uint8Array(old) };
    const parts = await Promise.all(Array.from({ length: old.parts }, (_, i) => request(store.get(`${LEGACY}:${i}`))));
    const out = new Uint8Array(old.bytes);
    let at = 0;
    for (const p of parts) {
      if (!(p instanceof ArrayBuffer) || at + p.byteLength > out.byteLength) throw new Error('a part of the stored corpus is missing');
      out.set(new Uint8Array(p), at);
      at += p.byteLength;
    }
    if (at !== out.byteLength) throw new Error('a part of the stored corpus is missing');
    return { segments: [], legacy: out };
  });
}

// The researcher's tags, notes and saved searches (src/tags.rs `Tags`, as
// its JSON text) under `tags`, beside the segments and apart from them:
// documents are keyed by their text's print, so a segment written again
// changes nothing here. Every change is saved at once, as a change to what
// is stored (`updateTags`), so that tabs editing at the same time lose
// nothing of each other's.
const TAGS = 'tags';

/** The stored tags' JSON text, or null when none were kept. */
export async function loadTags() {
  const v = await transaction('readonly', (store) => request(store.get(TAGS)));
  return typeof v === 'string' ? v : null;
}

/** Changes the stored tags in one transaction (no other tab's save comes
 *  between the read and the write): `change(stored)` gets the stored JSON
 *  text (null when none) and returns the text to keep, synchronously.
 *  Resolves to that text once it is stored. */
export async function updateTags(change) {
  let kept = null;
  await transaction('readwrite', (store, refuse) => {
    const get = store.get(TAGS);
    get.onsuccess = () => {
      try {
        kept = change(typeof get.result === 'string' ? get.result : null);
        store.put(kept, TAGS);
      } catch (err) {
        refuse(err);
      }
    };
  });
  return kept;
}

/** The stored manifest as it is now: {generation, segments: [{key, bytes,
 * live, chunk}]} (nothing changes here; see `adopt`). */
export async function latest() {
  const head = await transaction('readonly', (store) => request(store.get(MANIFEST)));
  if (head && manifestProblem(head)) throw new Error(manifestProblem(head));
  return { generation: generationOf(head), segments: head?.segments || [] };
}

/** Takes `generation` (from `latest`) as the one this tab has: after it
 * has opened another tab's segments, its saves go on from there. */
export function adopt(generation) {
  known = Math.max(known ?? 0, generation);
  announced = Math.min(announced, known);
}

// Recently read chunks: "key:n" → Uint8Array, oldest first.
const cache = new Map();

/** Reads the chunks that opening stored segments `segs` reads first, all
 * in one transaction, into the cache `reader` reads from: each segment's
 * first and last chunks (its header, norms and dictionary table; its ZIP
 * directory). Opening many segments then waits on storage once, not a few
 * times for each. A failure is left to the reads themselves. */
export async function prefetch(segs, { head = 2, tail = 3 } = {}) {
  const wanted = [];
  for (const seg of segs) {
    const chunks = Math.ceil(seg.bytes / seg.chunk);
    for (let n = 0; n < chunks; n++) {
      if ((n < head || n >= chunks - tail) && !cache.has(`${seg.key}:${n}`)) wanted.push([seg.key, n]);
    }
  }
  if (!wanted.length || wanted.length > CACHE_CHUNKS / 2) return;
  try {
    const got = await transaction('readonly', (store) => Promise.all(wanted.map(([key, n]) => request(store.get(chunkKey(key, n))))));
    wanted.forEach(([key, n], i) => { if (got[i] instanceof ArrayBuffer) cache.set(`${key}:${n}`, new Uint8Array(got[i])); });
    while (cache.size > CACHE_CHUNKS) cache.delete(cache.keys().next().value);
  } catch {
    // The reads of the opening say what fails.
  }
}

/** Reads byte ranges of stored segment `seg` ({key, bytes, chunk}):
 * `read(offset, length)` → ArrayBuffer, from the chunks that hold them. */
export function reader(seg) {
  const size = seg.chunk;
  return async (offset, length) => {
    const end = Math.min(offset + length, seg.bytes);
    const first = Math.floor(offset / size);
    const last = Math.floor((Math.max(end, offset + 1) - 1) / size);
    // The chunks in the cache are taken now: reads running at the same
    // time may evict them while this one waits for storage.
    const have = new Map();
    const wanted = [];
    for (let n = first; n <= last; n++) {
      const cached = cache.get(`${seg.key}:${n}`);
      if (cached) have.set(n, cached);
      else wanted.push(n);
    }
    if (wanted.length) {
      const got = await transaction('readonly', (store) => Promise.all(wanted.map((n) => request(store.get(chunkKey(seg.key, n))))));
      wanted.forEach((n, i) => {
        // A missing chunk reads as zeros: the checksums of the blocks in
        // it fail, and the reader names them and leaves them out.
        const bytes = got[i] instanceof ArrayBuffer ? new Uint8Array(got[i]) : new Uint8Array(Math.min(size, seg.bytes - n * size));
        cache.set(`${seg.key}:${n}`, bytes);
        have.set(n, bytes);
      });
      while (cache.size > CACHE_CHUNKS) cache.delete(cache.keys().next().value);
    }
    const out = new Uint8Array(Math.max(0, end - offset));
    for (let n = first; n <= last; n++) {
      const chunk = have.get(n);
      if (!chunk) continue;
      const from = Math.max(offset, n * size);
      const to = Math.min(end, n * size + chunk.byteLength);
      if (to > from) out.set(chunk.subarray(from - n * size, to - n * size), from - offset);
    }
    return out.buffer;
  };
}

function forget(key) {
  for (const k of [...cache.keys()]) if (k.startsWith(`${key}:`)) cache.delete(k);
}

function putChunks(store, key, bytes) {
  // (CHUNK: the size new segments are written in.)
  for (let n = 0; n * CHUNK < bytes.byteLength; n++) {
    const from = bytes.byteOffset + n * CHUNK;
    store.put(bytes.buffer.slice(from, Math.min(from + CHUNK, bytes.byteOffset + bytes.byteLength)), chunkKey(key, n));
  }
}

function staleError(head) {
  const at = head?.savedAt ? ` at ${new Date(head.savedAt).toLocaleTimeString('en-GB')}` : '';
  return new StaleError(`another tab saved a newer corpus in this browser${at}; this tab's change was not stored, so as not to overwrite it. `
    + 'To keep both, export this corpus (Import → Export), reload the page and import the export (duplicates are skipped); or reload to use the other tab\'s corpus');
}

/**
 * Saves a change to the stored segments in one transaction and returns
 * {segments: the stored list after it, added: the new segments appended,
 * replaced: {old key: the segment in its place}} (each {key, bytes, live,
 * chunk}):
 * `add`: [{bytes (Uint8Array), live}] appended; `drop`: keys removed;
 * `replace`: [[key, {bytes, live}]] put in those segments' places. A full
 * quota or a newer corpus saved by another tab becomes a clear error, and
 * the stored corpus is then unchanged.
 */
export async function commit({ add = [], drop = [], replace = [] }) {
  const size = [...add, ...replace.map(([, s]) => s)].reduce((n, s) => n + s.bytes.byteLength, 0);
  let generation = 0;
  try {
    const done = await transaction('readwrite', async (store, refuse) => {
      const head = await request(store.get(MANIFEST)) || await request(store.get(LEGACY));
      const stored = generationOf(head);
      if (stored > (known ?? 0) || announced > (known ?? 0)) { refuse(staleError(head)); return null; }
      let next = Number.isSafeInteger(head?.next) ? head.next : 1;
      let list = Array.isArray(head?.segments) ? [...head.segments] : [];
      const gone = new Set(drop);
      const replaced = {};
      for (const [key, seg] of replace) {
        const i = list.findIndex((s) => s.key === key);
        if (i < 0) { refuse(staleError(head)); return null; }
        gone.add(key);
        const was = list[i];
        list[i] = replaced[key] = { key: next, bytes: seg.bytes.byteLength, live: seg.live, chunk: CHUNK, ...(was.text ? { text: was.text } : {}) };
        putChunks(store, next++, seg.bytes);
      }
      list = list.filter((s) => !drop.includes(s.key));
      const added = [];
      for (const seg of add) {
        added.push({ key: next, bytes: seg.bytes.byteLength, live: seg.live, chunk: CHUNK, ...(seg.text ? { text: seg.text } : {}) });
        putChunks(store, next++, seg.bytes);
      }
      list.push(...added);
      for (const key of gone) store.delete(chunkKeys(key));
      store.delete(LEGACY_KEYS);
      generation = stored + 1;
      store.put({ generation, savedAt: Date.now(), next, segments: list }, MANIFEST);
      return { segments: list, added, replaced };
    });
    for (const key of [...drop, ...replace.map(([k]) => k)]) forget(key);
    known = generation;
    channel?.postMessage({ generation });
    return done;
  } catch (err) {
    if (err instanceof StaleError) throw err;
    if (err && (err.name === 'QuotaExceededError' || /quota/i.test(err.message || ''))) {
      throw new Error(`the browser's storage is full (${mb(size)} needed); the corpus is loaded in this tab but was not saved, and the previously stored corpus is unchanged`);
    }
    throw err;
  }
}

/** Moves a stored segment that could not be used (`reason`) out of the
 * corpus and keeps it aside, with any kept before, so that no save can
 * lose it. */
export async function keepAside(key, reason) {
  await transaction('readwrite', async (store) => {
    const head = await request(store.get(MANIFEST));
    const seg = head?.segments?.find((s) => s.key === key);
    if (!seg) return;
    const [keys, values, kept] = await Promise.all([request(store.getAllKeys(chunkKeys(key))), request(store.getAll(chunkKeys(key))), request(store.get(KEPT))]);
    keys.forEach((k, i) => store.put(values[i], `${KEPT}:${k}`));
    const parts = Array.isArray(kept?.segments) ? kept.segments.filter((p) => p.key !== key) : [];
    parts.push({ key, reason: String(reason), keptAt: Date.now(), bytes: seg.bytes, chunk: seg.chunk });
    store.put({ segments: parts }, KEPT);
    store.delete(chunkKeys(key));
    const generation = generationOf(head) + 1;
    store.put({ ...head, generation, savedAt: Date.now(), segments: head.segments.filter((s) => s.key !== key) }, MANIFEST);
    known = generation;
  });
  forget(key);
  channel?.postMessage({ generation: known });
}

/** Keeps a snapshot stored before segments that could not be used
 * (`reason`) aside, so that the save that replaces it cannot lose it. */
export async function keepLegacyAside(reason) {
  await transaction('readwrite', async (store) => {
    const [keys, values] = await Promise.all([request(store.getAllKeys(LEGACY_KEYS)), request(store.getAll(LEGACY_KEYS))]);
    if (!keys.length) return;
    let bytes = 0;
    keys.forEach((k, i) => {
      store.put(values[i], `${KEPT}:${k}`);
      if (values[i] instanceof ArrayBuffer) bytes += values[i].byteLength;
    });
    const kept = await request(store.get(KEPT));
    store.put({ segments: kept?.segments || [], legacy: { reason: String(reason), keptAt: Date.now(), bytes } }, KEPT);
    store.delete(LEGACY_KEYS);
  });
}

/** What is kept aside: [{reason, keptAt, bytes, key}] (a segment, `key`)
 * or with `legacy: true` (a snapshot stored before segments); empty when
 * nothing is. */
export async function keptInfo() {
  const kept = await transaction('readonly', (store) => request(store.get(KEPT)));
  return [...(kept?.segments || []), ...(kept?.legacy ? [{ ...kept.legacy, legacy: true }] : [])];
}

/** The bytes of a kept item (from keptInfo) as they were stored: a
 * segment's are a corpus file; a snapshot's, its parts in order. Null when
 * none is stored. */
export async function keptCopy(item) {
  const prefix = item.legacy ? `${KEPT}:${LEGACY}` : `${KEPT}:seg:${item.key}:`;
  const [keys, values] = await transaction('readonly', (store) => {
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    return Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]);
  });
  const parts = [];
  keys.forEach((k, i) => {
    if (!(values[i] instanceof ArrayBuffer)) return;
    const n = Number(k.split(':').pop());
    parts.push([Number.isFinite(n) ? n : -1, values[i]]);
  });
  if (!parts.length) return null;
  parts.sort((a, b) => a[0] - b[0]);
  return new Blob(parts.map(([, v]) => v), { type: 'application/octet-stream' });
}

/** Puts every kept item back, for the next start to try: segments after
 * the stored ones; a snapshot stored before segments replaces the
 * segments (which are kept aside in its place). */
export async function retryKept() {
  await transaction('readwrite', async (store) => {
    const kept = await request(store.get(KEPT));
    if (!kept) return;
    const range = IDBKeyRange.bound(`${KEPT}:`, `${KEPT}:\uffff`);
    const [keys, values] = await Promise.all([request(store.getAllKeys(range)), request(store.getAll(range))]);
    const head = await request(store.get(MANIFEST));
    store.delete(KEPT_KEYS);
    keys.forEach((k, i) => store.put(values[i], k.slice(KEPT.length + 1)));
    const generation = Math.max(generationOf(head), known ?? 0) + 1;
    if (kept.legacy) {
      // The snapshot is tried at the next start, before any segment; the
      // segments stored now are kept aside in its place.
      const old = values[keys.indexOf(`${KEPT}:${LEGACY}`)];
      if (old && !(old instanceof ArrayBuffer)) store.put({ ...old, generation }, LEGACY);
      const now = head?.segments || [];
      if (now.length) {
        const [nowKeys, nowValues] = await Promise.all([request(store.getAllKeys(IDBKeyRange.bound('seg:', 'seg:\uffff'))), request(store.getAll(IDBKeyRange.bound('seg:', 'seg:\uffff')))]);
        nowKeys.forEach((k, i) => { store.put(nowValues[i], `${KEPT}:${k}`); store.delete(k); });
        store.put({ segments: now.map((s) => ({ ...s, reason: 'set aside to try again the corpus stored before segments', keptAt: Date.now() })) }, KEPT);
      }
      store.delete(MANIFEST);
      return;
    }
    const back = (kept.segments || []).map(({ key, bytes, chunk }) => ({ key, bytes, live: 0, chunk }));
    const segments = [...(head?.segments || []).filter((s) => !back.some((b) => b.key === s.key)), ...back];
    const next = Math.max(Number.isSafeInteger(head?.next) ? head.next : 1, ...back.map((b) => b.key + 1));
    store.put({ ...head, generation, savedAt: Date.now(), next, segments }, MANIFEST);
  });
}
