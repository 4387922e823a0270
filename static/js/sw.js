/* stopform's service worker. The server prepends `const SHELL = {version, urls, pages, offline}`
   (stopform/pwa/shell.py). It caches the app shell only. Queued stops live in IndexedDB, which
   no worker version touches, so an update can never strand them (docs/offline.md). A worker
   must add its listeners when it runs, so this script does; its decisions are plain functions
   (`routeOf`, `staleCaches`) that tests/js/sw.test.mjs runs under Node. */
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
    .then((names) => Promise.all(staleCaches(names, CACHE).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()));
});

/** The caches of other shell versions than `current`, among the origin's cache `names`. */
function staleCaches(names, current) {
  return names.filter((name) => name.startsWith(PREFIX) && name !== current);
}

/** How to answer `request` ({url, method, mode}): {strategy: "cache-first"}, {strategy:
    "network-first", key} (the cache key, or null to keep no copy), or null to leave it alone. */
function routeOf(request, shell, origin) {
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== origin) { return null; }
  if (url.pathname.startsWith("/static/")) { return { strategy: "cache-first" }; }
  if (request.mode === "navigate") {
    return { strategy: "network-first", key: shell.pages.includes(url.pathname) ? url.pathname : null };
  }
  return shell.urls.includes(url.pathname) ? { strategy: "network-first", key: url.pathname } : null;
}

self.addEventListener("fetch", (event) => {
  const route = routeOf(event.request, SHELL, self.location.origin);
  if (route) {
    event.respondWith(route.strategy === "cache-first" ? cacheFirst(event.request) : networkFirst(event.request, route.key));
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
