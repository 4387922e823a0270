/* stopform's service worker. The server prepends `const SHELL = {version, urls, pages, offline}`
   (stopform/pwa/shell.py). It caches the app shell only. Queued stops live in IndexedDB, which
   no worker version touches, so an update can never strand them (docs/offline.md). */
"use strict";
const PREFIX = "stopform-shell-";
const CACHE = PREFIX + SHELL.version;

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

async function precache() {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(SHELL.urls.map(async (url) => {
      // "no-cache" asks the server every time, so a new version never keeps an old file, while a
      // file the page has just loaded costs a 304 instead of its bytes a second time.
      const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
      // A redirect means the session ended (login page): never keep that as the form.
      if (!response.ok || response.redirected) { throw new Error("precache " + url + ": " + response.status); }
      await cache.put(url, response);
    }));
  } catch (error) {
    // An incomplete shell is never used: the old version stays in charge and tries again later.
    await caches.delete(CACHE);
    throw error;
  }
}

// Activation happens only after a complete install, so the old cache goes only once the new one is whole.
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, SHELL.pages.includes(url.pathname) ? url.pathname : null));
  } else if (SHELL.urls.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) || fetch(request);
}

/* Fresh from the network when possible (and kept under `key`, without the query string);
   else the kept copy when the network fails or the server errs; else the offline page. */
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  let response = null;
  try {
    response = await fetch(request);
    if (key && response.ok && !response.redirected) { await cache.put(key, response.clone()); }
    if (response.status < 500) { return response; }
  } catch (error) {
    // No connection: answer from the cache below.
  }
  const kept = key && await cache.match(key);
  if (kept) { return kept; }
  if (response) { return response; }
  return (request.mode === "navigate" && await cache.match(SHELL.offline)) || Response.error();
}
