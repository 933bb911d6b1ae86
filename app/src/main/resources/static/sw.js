// The app's service worker: the report and found-child pages open with no connection (their forms keep
// a report on the device until it can be sent), and the static files (content-hashed names) come from
// the device. Nothing else is cached: no case, no task, no child's record ever lands in this cache.
const CACHE = 'mcc-v1';
const PAGES = ['/cases/new', '/cases/found/new'];
const STATIC = /^\/(css|js|vendor|icons)\//;

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const page of PAGES) {
      try {
        const response = await fetch(page, { credentials: 'same-origin' });
        if (response.ok && !response.redirected) await cache.put(page, response);
      } catch (offline) {
        // cached the next time the page is opened online
      }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const page = PAGES.includes(url.pathname) && url.search === '';
  if (!page && !STATIC.test(url.pathname)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (!page) {
      const kept = await cache.match(request);
      if (kept) return kept;
      const response = await fetch(request);
      if (response.ok) await cache.put(request, response.clone());
      return response;
    }
    try {
      const response = await fetch(request);
      if (response.ok && !response.redirected) await cache.put(url.pathname, response.clone());
      return response;
    } catch (offline) {
      return (await cache.match(url.pathname)) || Response.error();
    }
  })());
});
