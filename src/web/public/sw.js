// kechuang service worker: lets the commissioner's log page open without a connection (villages
// often have no signal). Registered by that page only (src/web/offline/registerServiceWorker.ts).
//   - pages (navigations): the network first; without one, the app shell (index.html) kept from
//     the last visit — every route is the same shell, the router draws the page;
//   - /assets/*: hashed, never change — from the cache, else fetched and kept;
//   - a few GETs of the API the log page needs to draw (who is signed in, the own dispatches and
//     logs): the network first, the last answer without one. Dropped at sign-in and sign-out.
// Everything else (every write among them) goes to the network untouched: logs written offline
// wait in the page's own outbox (IndexedDB), not here.
const SHELL = 'kc-shell-v1';
const ASSETS = 'kc-assets-v1';
const API = 'kc-api-v1';
const SHELL_KEY = '/index.html';

/** API GETs kept for offline use (path, and the query must match too where given). */
function keptApi(url) {
  if (url.pathname === '/api/v1/auth/me' || url.pathname === '/api/v1/commissioners/me' || url.pathname === '/api/v1/regions') return true;
  return url.pathname === '/api/v1/service-logs' && url.searchParams.get('mine') === 'true';
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.add(new Request('/', { cache: 'reload' })).then(() => cache.match('/')).then((r) => r && cache.put(SHELL_KEY, r)))
      .catch(() => {})
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  const keep = [SHELL, ASSETS, API];
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter((n) => n.startsWith('kc-') && !keep.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The page lists the files it loaded before this worker controlled it: keep them too.
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'cache-assets' && Array.isArray(data.urls)) {
    const urls = data.urls.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).pathname.startsWith('/assets/'));
    event.waitUntil(caches.open(ASSETS).then((cache) => Promise.all(urls.map((u) => cache.match(u).then((hit) => hit || cache.add(u).catch(() => {}))))));
  }
  // ... and the API answers the page drew from before then (fetched again here, with the session's cookie)
  if (data.type === 'cache-api' && Array.isArray(data.urls)) {
    const urls = data.urls.filter((u) => typeof u === 'string' && keptApi(new URL(u, self.location.origin)));
    event.waitUntil(caches.open(API).then((cache) => Promise.all(urls.map((u) => fetch(u, { credentials: 'same-origin' })
      .then((r) => (r.ok ? cache.put(u, r) : undefined)).catch(() => {})))));
  }
});

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key || request, response.clone());
    else if (response.status === 401) await cache.delete(key || request);
    return response;
  } catch (error) {
    // the answer whatever the request's language (Vary: Accept-Language would miss it otherwise)
    const kept = await cache.match(key || request, { ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    // a new session (or none): what was kept of the former one must not be shown
    if (url.pathname === '/api/v1/auth/login' || url.pathname === '/api/v1/auth/logout') event.waitUntil(caches.delete(API));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL, SHELL_KEY));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (keptApi(url)) {
    event.respondWith(networkFirst(request, API));
  }
});
