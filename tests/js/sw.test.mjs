// The service worker's decisions (static/js/sw.js). A worker is a classic script that must add its
// listeners when it runs, so it runs here in a context of its own with a stand-in `self`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const ORIGIN = "https://stopform.test";
const SHELL = { version: "abc123", urls: ["/stops/new", "/offline", "/api/v1/catalog", "/static/js/form.js"],
  pages: ["/stops/new", "/offline"], offline: "/offline" };

function loadWorker() {
  const listeners = {};
  const self = { location: { origin: ORIGIN }, addEventListener: (type, listener) => { listeners[type] = listener; } };
  const worker = vm.createContext({ SHELL, self, URL });
  vm.runInContext(readFileSync(new URL("../../static/js/sw.js", import.meta.url), "utf8"), worker);
  return { worker, listeners };
}

const { worker, listeners } = loadWorker();
const route = (url, changes = {}) => worker.routeOf({ url: ORIGIN + url, method: "GET", mode: "cors", ...changes }, SHELL, ORIGIN);

test("the worker listens for install, activate and fetch as it starts", () => {
  assert.deepEqual(Object.keys(listeners).sort(), ["activate", "fetch", "install"]);
});

test("static files come from the cache first", () => {
  assert.deepEqual({ ...route("/static/css/app.css") }, { strategy: "cache-first" });
});

test("pages come from the network first, kept only when they are the shell's", () => {
  assert.deepEqual({ ...route("/stops/new?lang=en", { mode: "navigate" }) }, { strategy: "network-first", key: "/stops/new" });
  assert.deepEqual({ ...route("/stops/", { mode: "navigate" }) }, { strategy: "network-first", key: null });
  assert.deepEqual({ ...route("/api/v1/catalog") }, { strategy: "network-first", key: "/api/v1/catalog" });
});

test("anything else is left to the browser: other methods, origins and requests", () => {
  assert.equal(route("/api/v1/stops", { method: "POST" }), null);
  assert.equal(worker.routeOf({ url: "https://elsewhere.test/static/x.js", method: "GET" }, SHELL, ORIGIN), null);
  assert.equal(route("/api/v1/session"), null);
});

test("activation removes the shell caches of other versions only", () => {
  const names = ["stopform-shell-old1", "stopform-shell-abc123", "something-else"];
  assert.deepEqual([...worker.staleCaches(names, "stopform-shell-abc123")], ["stopform-shell-old1"]);
});
