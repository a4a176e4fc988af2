// Registers the service worker (src/web/public/sw.js, served at /sw.js) that keeps the app shell and
// this page's code for a reload without a connection, and hands it the files this page loaded
// before the worker controlled it (the first visit), so that those are kept too.
let registered = false;

export function registerServiceWorker(): void {
  if (registered || typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  registered = true;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(async () => {
    const ready = await navigator.serviceWorker.ready;
    const urls = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => new URL(u).origin === location.origin && new URL(u).pathname.startsWith('/assets/'));
    ready.active?.postMessage({ type: 'cache-assets', urls });
  }).catch(() => {
    registered = false;
  });
}
