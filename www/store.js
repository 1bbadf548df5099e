// IndexedDB persistence of the corpus snapshot (used by the worker).
// One object store, one key: the snapshot is written in one transaction,
// so a failed write (a full quota) leaves the previous snapshot intact.
const DB_NAME = 'lede';
const STORE = 'corpus';
const KEY = 'snapshot';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The stored snapshot bytes, or null. */
export async function load() {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
      req.onsuccess = () => resolve(req.result ? new Uint8Array(req.result) : null);
      req.onerror = () => reject(req.error);
    });
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
      tx.objectStore(STORE).put(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), KEY);
      tx.oncomplete = () => resolve();
      tx.onabort = tx.onerror = () => reject(tx.error);
    });
  } catch (err) {
    if (err && (err.name === 'QuotaExceededError' || /quota/i.test(err.message || ''))) {
      throw new Error(`the browser's storage is full (${(bytes.byteLength / 1e6).toFixed(1)} MB needed); the corpus is loaded but was not saved, and the previously stored corpus is unchanged`);
    }
    throw err;
  } finally {
    db.close();
  }
}
