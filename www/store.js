// IndexedDB persistence of the corpus snapshot (used by the worker; the
// page reads and restores the kept copy, below).
// One object store. Chromium refuses a single value over about 128 MB, so
// the snapshot is stored in parts (`snapshot:0`, `snapshot:1`, …) under a
// manifest (`snapshot` → {parts, bytes, generation, savedAt}), all written
// in one transaction: a failed write (a full quota) leaves the previous
// snapshot intact.
//
// Several tabs share the one stored corpus. `generation` counts the saves;
// a tab remembers the generation it loaded or last saved, and a save that
// finds a newer one in storage (another tab saved since) is refused with a
// clear error (`StaleError`): this tab's change stays loaded here, the
// other tab's stays stored, and the user decides (the message says how to
// keep both). A tab that saved tells the others on a BroadcastChannel, so
// they refuse at once too, without having to look.
//
// A manifest is checked before anything is read: its part count must be
// the one its byte count needs, and the bytes must fit a wasm engine
// (4 GB), so a damaged manifest claiming millions of parts fails at once
// with a message instead of stalling the start.
//
// A stored corpus that could not be used (unreadable here, or refused by
// the engine: `markUnusable`) is not lost at the next save: that save
// first keeps its records under `kept:` keys (`kept` → {reason, keptAt,
// bytes}), one copy at a time, which the page offers to download or to try
// again (`keptInfo`, `keptCopy`, `retryKept`).
const DB_NAME = 'lede';
const STORE = 'corpus';
const KEY = 'snapshot';
const KEPT = 'kept';
const PART_BYTES = 32 * 1024 * 1024;
// A wasm32 engine addresses at most 4 GB; no snapshot it wrote is larger.
const MAX_BYTES = 4 * 1024 * 1024 * 1024;
// Every key of the stored snapshot (the manifest and its parts), and of the
// kept copy.
const SNAPSHOT_KEYS = IDBKeyRange.bound(KEY, `${KEY}\uffff`);
const KEPT_KEYS = IDBKeyRange.bound(KEPT, `${KEPT}\uffff`);
const PART_KEYS = IDBKeyRange.bound(`${KEY}:`, `${KEY}:\uffff`);

/** A save refused because another tab saved a newer corpus since. */
export class StaleError extends Error {}

// The generation this tab loaded or last saved (0: nothing stored then),
// null until load() has read the manifest.
let known = null;
// A newer generation another tab announced, or 0.
let announced = 0;
// Why the stored corpus could not be used, or null.
let unusable = null;

const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('lede-store') : null;
if (channel) channel.onmessage = (e) => { announced = Math.max(announced, Number(e.data?.generation) || 0); };

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function get(store, key) {
  return new Promise((resolve, reject) => {
    const req = store.get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const generationOf = (head) => (head && Number.isSafeInteger(head.generation) ? head.generation : 0);
const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

/** Why `head` (a stored manifest) cannot be read, or null when it can. */
export function manifestProblem(head) {
  if (head instanceof ArrayBuffer) return null; // a snapshot stored whole, before parts
  if (!head || typeof head !== 'object') return 'its manifest is not one';
  const { parts, bytes } = head;
  if (!Number.isSafeInteger(bytes) || bytes < 0 || bytes > MAX_BYTES) return `its manifest gives an impossible size (${String(bytes).slice(0, 20)} bytes)`;
  if (!Number.isSafeInteger(parts) || parts !== Math.ceil(bytes / PART_BYTES)) {
    return `its manifest claims ${String(parts).slice(0, 20)} parts for ${mb(bytes)}, where ${Math.ceil(bytes / PART_BYTES)} would hold it`;
  }
  return null;
}

/** The stored snapshot bytes, or null. */
export async function load() {
  const db = await open();
  try {
    const store = db.transaction(STORE, 'readonly').objectStore(STORE);
    const head = await get(store, KEY);
    known = generationOf(head);
    if (!head) return null;
    try {
      return await readParts(store, head);
    } catch (err) {
      unusable = err.message || String(err);
      throw err;
    }
  } finally {
    db.close();
  }
}

// The snapshot bytes under the manifest `head`, checked first.
async function readParts(store, head) {
  const problem = manifestProblem(head);
  if (problem) throw new Error(problem);
  if (head instanceof ArrayBuffer) return new Uint8Array(head);
  const parts = await Promise.all(Array.from({ length: head.parts }, (_, i) => get(store, `${KEY}:${i}`)));
  const out = new Uint8Array(head.bytes);
  let at = 0;
  for (const p of parts) {
    if (!(p instanceof ArrayBuffer) || at + p.byteLength > out.byteLength) throw new Error('a part of the stored corpus is missing');
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  if (at !== out.byteLength) throw new Error('a part of the stored corpus is missing');
  return out;
}

/** Says that the bytes load() returned could not be restored (`reason`):
 * the next save keeps them (see the module doc). */
export function markUnusable(reason) {
  unusable = String(reason);
}

/** Stores the snapshot; a full quota or a newer corpus saved by another
 * tab becomes a clear error, and the stored corpus is then unchanged. */
export async function save(bytes) {
  const db = await open();
  try {
    const generation = await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      let next = null;
      let refused = null;
      const head = store.get(KEY);
      head.onsuccess = () => {
        const stored = generationOf(head.result);
        if (stored > (known ?? 0) || announced > (known ?? 0)) {
          const at = head.result?.savedAt ? ` at ${new Date(head.result.savedAt).toLocaleTimeString('en-GB')}` : '';
          refused = new StaleError(`another tab saved a newer corpus in this browser${at}; this tab's change was not stored, so as not to overwrite it. `
            + 'To keep both, export this corpus (Import → Export), reload the page and import the export (duplicates are skipped); or reload to use the other tab\'s corpus');
          tx.abort();
          return;
        }
        next = stored + 1;
        const write = () => {
          store.delete(PART_KEYS);
          const parts = Math.ceil(bytes.byteLength / PART_BYTES);
          for (let i = 0; i < parts; i++) {
            const from = bytes.byteOffset + i * PART_BYTES;
            store.put(bytes.buffer.slice(from, Math.min(from + PART_BYTES, bytes.byteOffset + bytes.byteLength)), `${KEY}:${i}`);
          }
          store.put({ parts, bytes: bytes.byteLength, generation: next, savedAt: Date.now() }, KEY);
        };
        if (!unusable || !head.result) { write(); return; }
        // The stored corpus could not be used: its records are kept first.
        const keys = store.getAllKeys(SNAPSHOT_KEYS);
        const values = store.getAll(SNAPSHOT_KEYS);
        values.onsuccess = () => {
          store.delete(KEPT_KEYS);
          let size = 0;
          keys.result.forEach((k, i) => {
            store.put(values.result[i], `${KEPT}:${k}`);
            if (values.result[i] instanceof ArrayBuffer && k !== KEY) size += values.result[i].byteLength;
          });
          store.put({ reason: unusable, keptAt: Date.now(), bytes: size }, KEPT);
          write();
        };
      };
      tx.oncomplete = () => resolve(next);
      tx.onabort = tx.onerror = () => reject(refused || tx.error);
    });
    known = generation;
    unusable = null;
    channel?.postMessage({ generation });
  } catch (err) {
    if (err instanceof StaleError) throw err;
    if (err && (err.name === 'QuotaExceededError' || /quota/i.test(err.message || ''))) {
      throw new Error(`the browser's storage is full (${mb(bytes.byteLength)} needed); the corpus is loaded in this tab but was not saved, and the previously stored corpus is unchanged`);
    }
    throw err;
  } finally {
    db.close();
  }
}

/** The kept copy's {reason, keptAt, bytes}, or null. */
export async function keptInfo() {
  const db = await open();
  try {
    return (await get(db.transaction(STORE, 'readonly').objectStore(STORE), KEPT)) || null;
  } finally {
    db.close();
  }
}

/** The kept copy's bytes as they were stored (its parts in order, or the
 * whole snapshot stored before parts), or null. */
export async function keptCopy() {
  const db = await open();
  try {
    const store = db.transaction(STORE, 'readonly').objectStore(STORE);
    const range = IDBKeyRange.bound(`${KEPT}:${KEY}`, `${KEPT}:${KEY}\uffff`);
    const [keys, values] = await Promise.all([store.getAllKeys(range), store.getAll(range)].map((req) => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    })));
    const byPart = [];
    keys.forEach((k, i) => {
      if (!(values[i] instanceof ArrayBuffer)) return;
      const n = k === `${KEPT}:${KEY}` ? -1 : Number(k.slice(`${KEPT}:${KEY}:`.length));
      byPart.push([n, values[i]]);
    });
    if (!byPart.length) return null;
    byPart.sort((a, b) => a[0] - b[0]);
    return new Blob(byPart.map(([, v]) => v), { type: 'application/octet-stream' });
  } finally {
    db.close();
  }
}

/** Makes the kept copy the stored corpus again, for the next start to try
 * (the corpus stored now becomes the kept copy, so neither is lost). */
export async function retryKept() {
  const db = await open();
  try {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const reqs = [KEPT_KEYS, SNAPSHOT_KEYS].flatMap((r) => [store.getAllKeys(r), store.getAll(r)]);
      reqs[3].onsuccess = () => {
        const [keptKeys, keptValues, nowKeys, nowValues] = reqs.map((r) => r.result);
        const info = keptValues[keptKeys.indexOf(KEPT)];
        const current = nowValues[nowKeys.indexOf(KEY)];
        store.delete(KEPT_KEYS);
        store.delete(SNAPSHOT_KEYS);
        keptKeys.forEach((k, i) => { if (k !== KEPT) store.put(keptValues[i], k.slice(KEPT.length + 1)); });
        nowKeys.forEach((k, i) => store.put(nowValues[i], `${KEPT}:${k}`));
        if (current) store.put({ reason: `set aside to try again the copy kept after: ${info?.reason || 'a failed load'}`, keptAt: Date.now(), bytes: current.bytes || 0 }, KEPT);
        // The restored manifest gets a generation above every tab's.
        const head = keptValues[keptKeys.indexOf(`${KEPT}:${KEY}`)];
        if (head && !(head instanceof ArrayBuffer)) store.put({ ...head, generation: Math.max(generationOf(current), generationOf(head)) + 1, savedAt: Date.now() }, KEY);
      };
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}
