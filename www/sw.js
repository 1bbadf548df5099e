// Offline: the app shell, the wasm and its data files (the entity model, the
// word relations and the seeds' snapshot, loaded by the worker on first use) and the PDF
// reader are cached on install; every request goes to the network first (so a new build is
// picked up at once) and falls back to the cache when the network is off.
// The cache is written only when a file changed (its validators differ):
// a reload does not copy the 4 MB wasm into it again, and answers from the
// cache when the network's copy is the same version.
const CACHE = 'lede-shell-v2';
const SHELL = [
  './', 'index.html', 'style.css', 'app.js', 'bus.js', 'state.js', 'rpc.js', 'dom.js', 'import.js', 'pool.js', 'pool-worker.js', 'worker.js', 'store.js', 'boot.js',
  'search.js', 'scope.js', 'annotate.js', 'flags.js', 'corpusfile.js', 'people.js', 'timeline.js', 'network.js', 'compare.js', 'analytics.js', 'batch.js', 'entities.js', 'saved.js', 'tags.js', 'dates.js',
  'pkg/lede.js', 'pkg/lede_bg.wasm', 'pkg/ner.bin', 'pkg/relations.txt', 'pkg/seeds.snap',
  // The PDF reader (the library built with PDF import, fetched by an import
  // that holds a PDF): its glue is imported by pool-worker.js; its wasm is
  // cached here too, so that PDFs import offline.
  'pkg/lede_pdf.js', 'pkg/lede_pdf_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // A missing optional module must not prevent the rest from being cached.
    await Promise.all(SHELL.map((u) => cache.add(u).catch(() => {})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

// The headers that tell two versions of a file apart.
const VALIDATORS = ['etag', 'last-modified', 'content-length'];

// Whether `old` (cached) is the same version of the file as `res`.
function same(old, res) {
  const known = VALIDATORS.filter((h) => res.headers.has(h));
  return !!old && known.length > 0 && known.every((h) => old.headers.get(h) === res.headers.get(h));
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  // Range requests (a corpus file read a block at a time) go to the network
  // as they are: a partial answer is not something to cache.
  if (req.headers.has('range')) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    let res;
    try {
      res = await fetch(req);
    } catch (err) {
      const hit = await cache.match(req, { ignoreSearch: true });
      if (hit) return hit;
      throw err;
    }
    if (!res.ok) return res;
    // The same version as the cached copy: the cached copy answers (the
    // network's body is dropped unread), and nothing is cloned: a clone
    // copies every byte through this worker (a reload's 4.6 MB wasm was
    // ready ~70 ms later that way: BENCHMARKS.md, storage-page).
    const old = await cache.match(req);
    if (same(old, res)) {
      res.body?.cancel().catch(() => {});
      return old;
    }
    event.waitUntil(cache.put(req, res.clone()));
    return res;
  })());
});
