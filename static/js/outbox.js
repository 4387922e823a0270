/* The outbox, on every page of an officer who records stops. It sends the stops queued in
   IndexedDB until the server confirms each one, shows what is waiting, keeps a stock of receipt
   slots for receipts given without a connection, asks for persistent storage, guards logout and
   registers the service worker. Importing this module does nothing; `init()` starts it.
   Reasons and rules: docs/offline.md. */
import { fileName, toCsv } from "./export.js";
import { all, clear, closeDrafts, count, put, result, transact } from "./store.js";

let bar = null, panel = null;
/** The officer whose queued stops this page shows and sends (the outbox is bound to them); set by `init()`. */
export let officer = "";
const SLOT_STOCK = 10;
const FIRST_DELAY = 30e3, MAX_DELAY = 15 * 60e3, TICK = 30e3, KEEP_SENT = 30 * 864e5;
// A receipt the device minted lives on the server for the retention period; the sent log keeps
// it as long, so its author can show it again (docs/receipts.md).
const KEEP_RECEIPT = 365 * 864e5;
let running = null, rerun = null, reach = "unknown";

/** `template` with each `{name}` replaced by `values[name]`. */
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

/** Milliseconds to wait after the n-th failed attempt: 30 s, 1 min, 2 min … at most 15 min. */
export const backoff = (attempts) => Math.min(FIRST_DELAY * 2 ** Math.max(attempts - 1, 0), MAX_DELAY);

/** The items of the outbox queued by `owner`, oldest first. */
export const ownItems = (items, owner) =>
  items.filter((item) => item.officer === owner).sort((a, b) => (a.created_at < b.created_at ? -1 : 1));

/** The items to send now in `mode` (see `sendQueued`), at the time `now` (ms). */
export const dueItems = (items, mode, now) =>
  items.filter((item) => mode === "all" || (!item.blocked && (mode === "now" || item.next_try <= now)));

/** The server's refusal of a stop, as one line for the officer. */
export const refusalText = (body) =>
  (body.errors ? Object.entries(body.errors).map(([name, text]) => `${name}: ${text}`) : [body.detail]).join("; ");

/** Whether a sent-log entry is past keeping at `now` (ms): 30 days, a year when it holds a receipt. */
export const expired = (entry, now) =>
  Date.parse(entry.sent_at) < now - (entry.receipt ? KEEP_RECEIPT : KEEP_SENT);

/** The header's line: how many stops wait, how many are flagged, and why none moves. `words`: the bar's texts. */
export function barText(items, reach, words) {
  const flagged = items.filter((item) => item.blocked).length;
  let text = items.length ? fill(items.length === 1 ? words.one : words.many, { n: items.length }) : words.none;
  if (flagged) { text += " " + fill(words.flagged, { n: flagged }); }
  if (items.length && reach === "offline") { text += " " + words.offline; }
  if (items.length && reach === "logged-out") { text += " " + words.loggedOut; }
  return text;
}

/** One waiting item's state for the list. `words`: the panel's texts. */
export const itemStatus = (item, words) => (item.blocked ? fill(words.blocked, { error: item.last_error })
  : item.attempts ? fill(words.failed, { n: item.attempts, error: item.last_error }) : words.queued);

const announce = (type, item) => document.dispatchEvent(new CustomEvent(type, { detail: item }));

async function waiting() {
  return ownItems(await all("outbox"), officer);
}

/** Who is logged in, with a current CSRF token (the cached page's token may be from an old session). */
async function probe() {
  try {
    const response = await fetch(bar.dataset.session, { credentials: "same-origin", cache: "no-store" });
    reach = response.status === 401 ? "logged-out" : "ok";
    return response.ok ? response.json() : null;
  } catch (error) {
    reach = "offline";
    return null;
  }
}

/** Send queued stops. "due": those whose back-off has passed; "now": every one not flagged
    (app opened, connection back, stop just queued); "all": flagged ones too (Send now). */
export function sendQueued(mode) {
  if (running) {
    rerun = mode;
    return running;
  }
  running = send(mode).catch(() => {}).finally(() => {
    const next = rerun;
    running = rerun = null;
    render();
    if (next) { sendQueued(next); }
  });
  return running;
}

async function send(mode) {
  const due = dueItems(await waiting(), mode, Date.now());
  if (!due.length && (await count("slots")) >= SLOT_STOCK) { return; }
  const session = await probe();
  if (!session || session.username !== officer) { return; }
  for (const item of due) {
    if (!(await sendOne(item, session.csrf_token))) { break; }
  }
  await topUp(session.csrf_token);
}

/** One POST; false when the others should wait (no connection, server trouble). */
async function sendOne(item, csrf) {
  let response;
  try {
    response = await fetch(bar.dataset.api, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(item.payload),
      headers: { "Content-Type": "application/json", "Idempotency-Key": item.id, "X-CSRFToken": csrf },
    });
  } catch (error) {
    reach = "offline";
    await retryLater(item, bar.dataset.offline);
    return false;
  }
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    const entry = { id: item.id, reference: body.reference || item.payload.reference, sent_at: new Date().toISOString(),
      receipt: item.receipt || null };
    await transact(["outbox", "sent"], "readwrite", (s) => { s.outbox.delete(item.id); s.sent.put(entry); });
    announce("stopform:sent", item);
    return true;
  }
  if (response.status === 409 || response.status === 422) {
    // The server would answer the same again: flag it for the officer, no blind retry.
    Object.assign(item, { blocked: response.status, attempts: item.attempts + 1, last_error: refusalText(body) });
    await put("outbox", item);
    announce("stopform:blocked", item);
    return true;
  }
  await retryLater(item, body.detail || body.error || `HTTP ${response.status}`);
  return response.status < 500;
}

function retryLater(item, error) {
  Object.assign(item, { attempts: item.attempts + 1, last_error: error });
  item.next_try = Date.now() + backoff(item.attempts);
  return put("outbox", item);
}

/** Keep SLOT_STOCK receipt slots on the device: each gives one receipt QR without a connection. */
async function topUp(csrf) {
  const missing = SLOT_STOCK - (await count("slots"));
  if (missing <= 0) { return; }
  try {
    const response = await fetch(`${bar.dataset.slots}?count=${missing}`, {
      method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf } });
    if (response.ok) {
      const { items } = await response.json();
      await transact(["slots"], "readwrite", (s) => items.forEach((slot) => s.slots.put(slot)));
    }
  } catch (error) {
    // No connection: the next trigger tries again.
  }
}

const time = (iso) => new Intl.DateTimeFormat(document.documentElement.lang, {
  timeZone: bar.dataset.timezone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
}).format(new Date(iso));

function element(tag, text, attributes = {}) {
  const el = Object.assign(document.createElement(tag), attributes);
  if (text) { el.textContent = text; }
  return el;
}

function row(item) {
  const li = element("li");
  li.append(element("strong", item.payload.reference), ` · ${time(item.created_at)}`, element("br"), itemStatus(item, panel.dataset));
  const hidden = element("span", ` ${item.payload.reference}`, { className: "visually-hidden" });
  if (item.blocked === 422) {
    const link = element("a", panel.dataset.correct, { href: `${panel.dataset.form}?correct=${item.id}` });
    link.append(hidden);
    li.append(" ", link);
  } else if (item.blocked === 409) {
    // Stored already with other content: the record is on the server, so the device may let go of it.
    const button = element("button", panel.dataset.remove, { type: "button", className: "link" });
    button.append(hidden);
    button.addEventListener("click", () => forget(item));
    li.append(" ", button);
  }
  return li;
}

/** A button that shows the receipt the device minted for `entry` again, after `place`. */
function receiptButton(entry, place) {
  const label = document.getElementById("device-receipt-template").dataset.show;
  const button = element("button", label, { type: "button", className: "link" });
  button.append(element("span", ` ${entry.reference}`, { className: "visually-hidden" }));
  button.addEventListener("click", () => showReceipt(entry, place));
  return button;
}

function showReceipt(entry, place) {
  const id = `receipt-${entry.id}`;
  let section = document.getElementById(id);
  if (!section) {
    section = document.getElementById("device-receipt-template").content.firstElementChild.cloneNode(true);
    section.id = id;
    const qr = section.querySelector("[data-qr]");
    qr.innerHTML = entry.receipt.qr_svg;  // SVG markup made by this app's server (stopform/api/slots.py)
    section.querySelector("[data-code]").textContent = entry.receipt.receipt_code;
    section.querySelector("[data-reference]").textContent = entry.reference;
    const lookup = section.querySelector("[data-lookup]");
    lookup.textContent = fill(lookup.textContent, { url: entry.receipt.receipt_url.replace(/\/[^/]*$/, "") });
    place.after(section);
  }
  section.querySelector("h3").focus();
}

/** On "My stops" and a stop's page: the stops whose receipt this device minted get their receipt
    from the sent log. */
async function offerDeviceReceipts() {
  const rows = document.querySelectorAll("[data-stop-id]");
  if (!rows.length || !document.getElementById("device-receipt-template")) { return; }
  const receipts = new Map((await all("sent")).filter((entry) => entry.receipt).map((entry) => [entry.id, entry]));
  for (const li of rows) {
    const entry = receipts.get(li.dataset.stopId);
    if (entry && !li.querySelector("[data-device-receipt], a[href$='/done']")) {
      const button = receiptButton(entry, li);
      button.dataset.deviceReceipt = "";
      li.append(" ", button);
    }
  }
}

/** Save this officer's unsent stops to a CSV file a supervisor imports (`flask import-stops`). */
async function exportUnsent() {
  const items = await waiting();
  const officerRef = panel.dataset.officerRef;
  const blob = new Blob([toCsv(items, { officerRef, unit: panel.dataset.unit })], { type: "text/csv" });
  const link = element("a", "", { href: URL.createObjectURL(blob), download: fileName(officerRef, new Date()) });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60e3);
}

async function forget(item) {
  const entry = { id: item.id, reference: item.payload.reference, sent_at: new Date().toISOString(),
    receipt: item.receipt || null };
  await transact(["outbox", "sent"], "readwrite", (s) => { s.outbox.delete(item.id); s.sent.put(entry); });
  await render();
  panel.querySelector("h2").focus();
}

async function renderPanel(items) {
  panel.querySelector("[data-waiting]").replaceChildren(...items.map(row));
  panel.querySelector("[data-empty]").hidden = items.length > 0;
  panel.querySelector("[data-export]").hidden = items.length === 0;
  const sent = (await all("sent")).sort((a, b) => (a.sent_at < b.sent_at ? 1 : -1)).slice(0, 5);
  panel.querySelector("[data-sent]").replaceChildren(...sent.map((entry) => {
    const li = element("li", fill(panel.dataset.sentItem, { reference: entry.reference, time: time(entry.sent_at) }));
    if (entry.receipt) { li.append(" ", receiptButton(entry, li)); }
    return li;
  }));
  panel.querySelector("[data-sent-block]").hidden = sent.length === 0;
  const slots = panel.querySelector("[data-slot-count]");
  slots.textContent = fill(slots.dataset.text, { n: await count("slots") });
  panel.hidden = false;
}

/** Show the unsent count in the header (and the list, where the page has one). */
export async function render() {
  if (!bar) { return; }
  const items = await waiting();
  const text = barText(items, reach, bar.dataset);
  const status = bar.querySelector("[data-count]");
  if (status.textContent !== text) { status.textContent = text; }
  bar.querySelector("button").hidden = items.length === 0;
  bar.hidden = false;
  if (panel) { await renderPanel(items); }
  await offerDeviceReceipts();
}

async function persist() {
  if (!navigator.storage || !navigator.storage.persist) { return; }
  const kept = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  const note = panel && panel.querySelector("[data-storage]");
  if (note) { note.textContent = kept ? note.dataset.kept : note.dataset.notKept; }
}

/** Logging out keeps queued stops (bound to their officer) but wipes drafts and cached pages. A
    draft save still pending from the form is dropped (closeDrafts), so no draft outlives the logout. */
async function leave(form) {
  try {
    closeDrafts();
    await clear("drafts");
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (!/^\/(static|api)\//.test(new URL(request.url).pathname)) { await cache.delete(request); }
      }
    }
  } catch (error) {
    // No IndexedDB or Cache Storage here: nothing was kept, so nothing to wipe.
  } finally {
    form.submit();
  }
}

function warn(form, n) {
  const shown = document.getElementById("logout-warning");
  if (shown) { return shown.querySelector("h2").focus(); }
  const section = document.getElementById("logout-template").content.firstElementChild.cloneNode(true);
  const text = section.querySelector("[data-one]");
  text.textContent = fill(n === 1 ? text.dataset.one : text.dataset.many, { n });
  section.querySelector("[data-leave]").addEventListener("click", () => leave(form));
  section.querySelector("[data-stay]").addEventListener("click", () => {
    section.remove();
    form.querySelector("button").focus();
  });
  document.getElementById("main").prepend(section);
  section.querySelector("h2").focus();
}

/** Offline, logging out would wipe the cached form while the session is still valid, and the
    login page cannot be reached: refuse, saying why. */
function refuseOffline(form) {
  document.getElementById("logout-warning")?.remove();
  let section = document.getElementById("logout-offline");
  if (!section) {
    section = document.getElementById("logout-offline-template").content.firstElementChild.cloneNode(true);
    section.querySelector("[data-stay]").addEventListener("click", () => {
      section.remove();
      form.querySelector("button").focus();
    });
    document.getElementById("main").prepend(section);
  }
  section.querySelector("h2").focus();
}

function guardLogout() {
  const form = document.querySelector("form.logout");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!navigator.onLine) { reach = "offline"; } else { await probe(); }
    if (reach === "offline") { refuseOffline(form); return; }
    document.getElementById("logout-offline")?.remove();
    const n = await waiting().then((items) => items.length, () => 0);
    if (n) { warn(form, n); } else { await leave(form); }
  });
}

async function startWorker() {
  if (!("serviceWorker" in navigator)) { return; }
  await navigator.serviceWorker.register(bar.dataset.worker, { scope: "/" });
  // After a logout wiped the cached pages, keep the form available offline again.
  if (navigator.serviceWorker.controller && !(await caches.match(bar.dataset.form))) {
    await fetch(bar.dataset.form, { credentials: "same-origin" });
  }
}

function pruneSent() {
  const now = Date.now();
  return transact(["sent"], "readwrite", async (s) => {
    for (const entry of await result(s.sent.getAll())) {
      if (expired(entry, now)) { s.sent.delete(entry.id); }
    }
  });
}

/** Start the outbox on this page, if it has one (the pages of an officer who records stops). */
export function init() {
  bar = document.getElementById("outbox-bar");
  panel = document.getElementById("outbox");
  if (!bar) { return; }
  officer = bar.dataset.user;
  bar.querySelector("button").addEventListener("click", () => sendQueued("all"));
  panel?.querySelector("[data-export] button").addEventListener("click", () => exportUnsent().catch(() => {}));
  window.addEventListener("online", () => sendQueued("now"));
  window.addEventListener("offline", () => { reach = "offline"; render(); });
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") { sendQueued("now"); } });
  setInterval(() => sendQueued("due"), TICK);
  guardLogout();
  startWorker().catch(() => {});
  persist().catch(() => {});
  pruneSent().then(render).then(() => sendQueued("now")).catch(() => {});
}
