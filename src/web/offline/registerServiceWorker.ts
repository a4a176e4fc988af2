// Registers the service worker (src/web/public/sw.js, served at /sw.js) that keeps the app shell and
// the page's code for a reload without a connection. Each call also hands the worker the files the
// page loaded before the worker controlled it (the first visit) and the API answers the page drew,
// which the worker fetches again and keeps.
let registering: Promise<ServiceWorkerRegistration> | null = null;

/** `apiUrls`: the API GETs the page's first render made (path and query exactly as the page asks). */
export function registerServiceWorker(apiUrls: string[] = []): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  registering ??= navigator.serviceWorker.register('/sw.js', { scope: '/' });
  registering.then(async () => {
    const ready = await navigator.serviceWorker.ready;
    const urls = performance.getEntriesByType('resource').map((e) => e.name)
      .filter((u) => new URL(u).origin === location.origin && new URL(u).pathname.startsWith('/assets/'));
    ready.active?.postMessage({ type: 'cache-assets', urls });
    ready.active?.postMessage({ type: 'cache-api', urls: ['/api/v1/auth/me', ...apiUrls] });
  }).catch(() => {
    registering = null;
  });
}
