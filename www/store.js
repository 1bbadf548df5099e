// IndexedDB persistence of the corpus snapshot (used by the worker).
// One object store. Chromium refuses a single value over about 128 MB, so
// the snapshot is stored in parts (`snapshot:0`, `snapshot:1`, …) under a
// manifest (`snapshot` → {parts, bytes}), all written in one transaction:
// a failed write (a full quota) leaves the previous snapshot intact.
const DB_NAME = 'lede';
const STORE = 'corpus';
const KEY = 'snapshot';
const PART_BYTES = 32 * 1024 * 1024;

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

/** The stored snapshot bytes, or null. */
export async function load() {
  const db = await open();
  try {
    const store = db.transaction(STORE, 'readonly').objectStore(STORE);
    const head = await get(store, KEY);
    if (!head) return null;
    // A snapshot stored whole, before parts.
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
  } finally {
    db.close();
  }
}

/** Stores the snapshot; a full quota becomes a clear error. */
export async function save(bytes) {
  const db = await open();
  try {
    await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const parts = Math.ceil(bytes.byteLength / PART_BYTES);
      for (let i = 0; i < parts; i++) {
        const from = bytes.byteOffset + i * PART_BYTES;
        store.put(bytes.buffer.slice(from, Math.min(from + PART_BYTES, bytes.byteOffset + bytes.byteLength)), `${KEY}:${i}`);
      }
      // Parts left over from a larger snapshot go in the same transaction.
      const old = store.get(KEY);
      old.onsuccess = () => {
        for (let i = parts; i < (old.result?.parts || 0); i++) store.delete(`${KEY}:${i}`);
        store.put({ parts, bytes: bytes.byteLength }, KEY);
      };
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error);
    });
  } catch (err) {
    if (err && (err.name === 'QuotaExceededError' || /quota/i.test(err.message || ''))) {
      throw new Error(`the browser's storage is full (${(bytes.byteLength / 1e6).toFixed(1)} MB needed); the corpus is loaded in this tab but was not saved, and the previously stored corpus is unchanged`);
    }
    throw err;
  } finally {
    db.close();
  }
}
