// The page's service worker: keeps a copy of the page's own files, so that once the page has
// been opened it opens and works with the network gone. It never stores anything else: the
// files a user gives are read from their computer and never requested, the figures are made in
// the page, and nothing is added to the copy after it is made.
//
// The build (scripts/service-worker.mjs, a Trunk post-build hook) writes the two lines below:
// the page's files, relative to this script, and a hash of their contents. A new dist/ changes
// the hash, so browsers install the new worker, which copies the new files into a cache of its
// own and deletes the old copy. The cache name holds this worker's scope, so that copies of
// Careboard under two paths of one site keep a cache each.
const BUILD = 'unbuilt';
const FILES = [];

const PREFIX = `careboard ${new URL(self.registration.scope).pathname} `;
const CACHE = PREFIX + BUILD;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `no-cache`: revalidate with the server, so that no stale copy from the browser's HTTP
    // cache (an unhashed file such as worker_bg.wasm) enters the new build's copy.
    await cache.addAll(FILES.map((file) => new Request(file, { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The network first, so that the page is always the server's latest when the server can be
// reached (an update needs one reload, and the page and its worker always come from the same
// build); the copy only when it cannot. Only the page's own GET requests are answered here (the
// Content-Security-Policy allows no other), and nothing fetched is stored.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(fetch(request).catch(async (offline) => {
    const cache = await caches.open(CACHE);
    const copy = await cache.match(request, { ignoreSearch: true })
      ?? (request.mode === 'navigate' ? await cache.match('index.html') : undefined);
    if (copy) return copy;
    throw offline;
  }));
});
