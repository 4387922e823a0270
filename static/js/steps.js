/* The stop form's browser steps. "Continue" checks what it can here and shows the answers;
   "Send stop record" puts the stop in the outbox (IndexedDB) with a receipt slot from the
   device's stock and shows the confirmation at once, with no network needed. Drafts are kept
   as the officer types. Without this script, or without IndexedDB, the server's own
   form → check → send flow runs unchanged. Reasons and rules: docs/offline.md. */
import { legalityProblems, locate } from "./form.js";
import { fill, officer, render, sendQueued } from "./outbox.js";
import { get, open, put, remove, result, transact } from "./store.js";

const form = document.getElementById("stop-form");
const formStep = document.getElementById("form-step");
const words = document.getElementById("check-template").dataset;
const errorPrefix = document.getElementById("summary-template").dataset.prefix;
const baseTitle = document.title.replace(`${errorPrefix} `, "");
const NUMBERS = ["duration_minutes", "occupants", "passenger_ids_demanded", "persons_searched", "latitude", "longitude"];
const SCHEMA_VERSION = 1;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CLOCK_SKEW = 5 * 60e3;
let step = null;          // the section shown in place of the form, if any
let correcting = null;    // an outbox item the server refused, back in the form with its id and receipt
let changeField = null;   // the field a Change button asked for
let draftTimer = 0;

/* ---- time in the display zone (the officer's phone may be set to another one) ---- */

function zoneParts(date) {
  const format = new Intl.DateTimeFormat("en-GB", { timeZone: form.dataset.timezone, hourCycle: "h23", year: "numeric",
    month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** `date` as the form's wall time, e.g. 2026-11-30T14:05. */
function wallTime(date) {
  const p = zoneParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The form's wall time as an instant (ISO, UTC); twice round, for the hour a clock change moves. */
function instant(wall) {
  const asUtc = Date.parse(`${wall.slice(0, 16)}:00Z`);
  const offset = (ms) => {
    const p = zoneParts(new Date(ms));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
  };
  return new Date(asUtc - offset(asUtc - offset(asUtc))).toISOString();
}

/* ---- identifiers minted on the device ---- */

function uuid() {
  if (crypto.randomUUID) { return crypto.randomUUID(); }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A stop reference like the server's (10 Crockford symbols), for a stop queued without a slot. */
function mintReference() {
  const s = Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) => CROCKFORD[byte & 31]).join("");
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/* ---- reading the form ---- */

const controls = (name) => Array.from(form.querySelectorAll(`[name="${name}"]`));
const names = () => [...new Set(Array.from(form.querySelectorAll("input[name], select[name], textarea[name]"), (el) => el.name))]
  .filter((name) => name !== "csrf_token");

function value(name) {
  const els = controls(name);
  if (els[0].type === "radio" || els[0].type === "checkbox") {
    const on = els.find((el) => el.checked);
    return on ? on.value : "";
  }
  return els[0].value.trim();
}

function textOf(el) {
  const copy = el.cloneNode(true);
  copy.querySelectorAll(".hint").forEach((hint) => hint.remove());
  return copy.textContent.trim();
}

function labelOf(name) {
  const el = document.getElementById(`f-${name}`);
  return textOf(el.tagName === "FIELDSET" ? el.querySelector("legend") : form.querySelector(`label[for="f-${name}"]`));
}

function shown(name) {
  const [el] = controls(name);
  if (el.type === "checkbox") { return el.checked ? words.yes : words.no; }
  if (el.type === "radio") {
    const on = controls(name).find((radio) => radio.checked);
    return on ? textOf(form.querySelector(`label[for="${on.id}"]`)) : words.none;
  }
  if (el.tagName === "SELECT") { return el.selectedIndex >= 0 ? el.options[el.selectedIndex].textContent : words.none; }
  const text = el.value.trim();
  return !text ? words.none : el.type === "datetime-local" ? text.replace("T", " ") : text;
}

/** The API body: the form's fields, typed, with the time as an instant and the receipt's ids. */
function payload(ids) {
  const body = {};
  for (const name of names()) {
    const [el] = controls(name);
    const text = value(name);
    if (el.type === "checkbox") { body[name] = el.checked; } else if (text) { body[name] = NUMBERS.includes(name) ? Number(text) : text; }
  }
  body.occurred_at = instant(body.occurred_at);
  return Object.assign(body, ids);
}

/* ---- checking (the server checks everything again) ---- */

function holds(condition) {
  const [name, expected] = condition.split("=");
  return expected === undefined ? value(name) !== "" : value(name) === expected;
}

function broken(rule, text) {
  const { pattern, min, max } = rule.dataset;
  return !text || (pattern && !new RegExp(pattern).test(text)) ||
    (min !== undefined && !(/^\d+$/.test(text) && +text >= +min && +text <= +max)) ||
    (rule.hasAttribute("data-not-future") && Date.parse(instant(text)) > Date.now() + CLOCK_SKEW);
}

/** {field: message} in the form's order, the first broken rule per field. */
function problems() {
  const found = new Map();
  for (const rule of document.getElementById("client-rules").content.querySelectorAll("[data-field]")) {
    const name = rule.dataset.field;
    if (found.has(name) || (rule.dataset.when && !holds(rule.dataset.when))) { continue; }
    if (broken(rule, value(name))) { found.set(name, rule.textContent); }
  }
  for (const { field, message } of legalityProblems()) {
    if (!found.has(field)) { found.set(field, message); }
  }
  const order = names();
  return new Map([...found].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])));
}

const clone = (id) => document.getElementById(id).content.firstElementChild.cloneNode(true);

function clearErrors() {
  document.getElementById("error-summary")?.remove();
  form.querySelectorAll(".field-error").forEach((el) => el.remove());
  form.querySelectorAll(".has-error").forEach((el) => el.classList.remove("has-error"));
  for (const el of form.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    const ids = (el.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.startsWith("e-"));
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); } else { el.removeAttribute("aria-describedby"); }
  }
  document.title = baseTitle;
}

function markField(name, message) {
  const control = document.getElementById(`f-${name}`);
  const error = Object.assign(document.createElement("p"), { className: "field-error", id: `e-${name}` });
  error.append(Object.assign(document.createElement("span"), { className: "visually-hidden", textContent: errorPrefix }), ` ${message}`);
  document.getElementById(`w-${name}`).classList.add("has-error");
  (control.tagName === "FIELDSET" ? control.querySelector(".choice") : control).before(error);
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", `${control.getAttribute("aria-describedby") || ""} e-${name}`.trim());
}

function showErrors(found) {
  clearErrors();
  const summary = clone("summary-template");
  for (const [name, message] of found) {
    const link = Object.assign(document.createElement("a"), { href: `#f-${name}`, textContent: `${labelOf(name)}: ${message}` });
    const item = document.createElement("li");
    item.append(link);
    summary.querySelector("ul").append(item);
    markField(name, message);
  }
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (link) {
      event.preventDefault();
      document.getElementById(link.hash.slice(1)).focus();
    }
  });
  formStep.prepend(summary);
  document.title = `${errorPrefix} ${baseTitle}`;
  summary.focus();
}

/* ---- steps ---- */

function showStep(section) {
  step?.remove();
  step = section;
  formStep.hidden = Boolean(section);
  if (section) { formStep.after(section); }
  window.scrollTo(0, 0);
  (section ? section.querySelector("h1") : document.getElementById("form-title")).focus();
}

function showCheck() {
  const section = clone("check-template");
  const list = section.querySelector("dl");
  for (const name of names()) {
    if (controls(name)[0].type === "hidden") { continue; }
    const row = clone("check-row");
    const label = labelOf(name);
    row.querySelector("dt").textContent = label;
    row.querySelector("dd").textContent = shown(name);
    row.querySelector("[data-change]").dataset.change = name;
    row.querySelector(".visually-hidden").textContent = ` ${label}`;
    list.append(row);
  }
  section.querySelector("[data-location]").hidden = !value("latitude");
  list.addEventListener("click", (event) => {
    const button = event.target.closest("[data-change]");
    if (button) { change(button.dataset.change); }
  });
  section.querySelector("[data-send]").addEventListener("click", queueStop);
  showStep(section);
  history.pushState({ step: "check" }, "");
}

/** Back to the form at one field; the check step comes back with Continue. */
function change(name) {
  changeField = name;
  if (history.state && history.state.step === "check") { history.back(); } else { backToForm(); }
}

function backToForm() {
  showStep(null);
  if (changeField) { document.getElementById(`f-${changeField}`).focus(); }
  changeField = null;
}

function onPopState() {
  if (step && step.id === "done-step") { newStop(); } else if (step) { backToForm(); }
}

function onContinue(event) {
  event.preventDefault();
  if (draftTimer) { saveDraft(); }  // the last keystrokes too, before the answers are shown
  const found = problems();
  if (found.size) {
    showErrors(found);
  } else {
    clearErrors();
    showCheck();
  }
}

async function queueStop(event) {
  event.target.disabled = true;
  let item;
  try {
    item = await queue(correcting);
  } catch (error) {
    // The device cannot store it (storage full or blocked): hand the stop to the server's own flow.
    form.append(Object.assign(document.createElement("input"), { type: "hidden", name: "action", value: "send" }));
    form.submit();
    return;
  }
  correcting = null;
  showDone(item);
  await render();
  sendQueued("now");
}

/** Into the outbox, with the next receipt slot, in one transaction (the draft goes with it);
    a corrected stop keeps its id, reference and receipt. */
function queue(base) {
  return transact(["outbox", "slots", "drafts"], "readwrite", async (s) => {
    let receipt = base ? base.receipt : null;
    if (!base) {
      const cursor = await result(s.slots.openCursor());
      if (cursor) {
        receipt = cursor.value;
        cursor.delete();
      }
    }
    const ids = base ? { reference: base.payload.reference, receipt_token: base.payload.receipt_token }
      : { reference: receipt ? receipt.reference : mintReference(), receipt_token: receipt ? receipt.receipt_token : undefined };
    const queued = { id: value("stop_id"), schema_version: SCHEMA_VERSION, officer, payload: payload(ids), receipt,
      created_at: base ? base.created_at : new Date().toISOString(), attempts: 0, last_error: null, next_try: 0, blocked: 0 };
    s.outbox.put(queued);
    s.drafts.delete(officer);
    return queued;
  });
}

function setState(section, state) {
  const status = section.querySelector("[data-state]");
  status.textContent = status.dataset[state];
  if (state === "sent") {
    section.querySelectorAll("[data-when-sent]").forEach((el) => { el.hidden = false; });
    section.querySelectorAll("[data-until-sent]").forEach((el) => { el.hidden = true; });
  }
}

function showDone(item) {
  const section = clone("done-template");
  const receipt = item.receipt;
  section.dataset.id = item.id;
  section.querySelector("[data-reference]").textContent = item.payload.reference;
  section.querySelector("[data-receipt]").hidden = !receipt;
  section.querySelector("[data-no-receipt]").hidden = Boolean(receipt);
  if (receipt) {
    const qr = section.querySelector("[data-qr]");
    qr.innerHTML = receipt.qr_svg;  // SVG markup made by this app's server (stopform/api/slots.py)
    qr.dataset.url = receipt.receipt_url;
    section.querySelector("[data-code]").textContent = receipt.receipt_code;
    const lookup = section.querySelector("[data-lookup]");
    lookup.textContent = fill(lookup.textContent, { url: receipt.receipt_url.replace(/\/[^/]*$/, "") });
    section.querySelectorAll("[data-card]").forEach((link) => { link.href = link.href.replace("TOKEN", receipt.receipt_token); });
  }
  const view = section.querySelector("[data-view]");
  view.href = fill(decodeURI(view.getAttribute("href")), { id: item.id });
  section.querySelector("[data-another]").addEventListener("click", newStop);
  setState(section, "queued");
  showStep(section);
  history.replaceState({ step: "done" }, "");
}

function freshStop() {
  form.elements.stop_id.value = uuid();
  form.elements.occurred_at.value = wallTime(new Date());
}

function newStop() {
  correcting = null;
  document.getElementById("draft-offer")?.remove();
  document.getElementById("correct-notice")?.remove();
  form.reset();
  clearErrors();
  form.elements.latitude.value = form.elements.longitude.value = "";
  freshStop();
  form.dispatchEvent(new Event("change"));  // the legality hint and the hit details follow the reset
  history.replaceState(null, "");
  showStep(null);
  locate();
}

/* ---- drafts and corrections ---- */

function saveDraft() {
  clearTimeout(draftTimer);
  draftTimer = 0;
  return put("drafts", {
    officer, saved_at: new Date().toISOString(), correcting: correcting ? correcting.id : null,
    fields: Array.from(new FormData(form)).filter(([name]) => name !== "csrf_token"),
  });
}

function saveSoon(event) {
  if (!event.isTrusted || step) { return; }
  clearTimeout(draftTimer);
  draftTimer = setTimeout(saveDraft, 300);
}

/** Put [name, value] pairs into a cleared form. */
function fillForm(fields) {
  form.reset();
  clearErrors();
  form.querySelectorAll("input[type=checkbox], input[type=radio]").forEach((el) => { el.checked = false; });
  for (const [name, text] of fields) {
    for (const el of controls(name)) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.value === text) { el.checked = true; }
      } else {
        el.value = text;
      }
    }
  }
  form.dispatchEvent(new Event("change"));
}

async function offerDraft() {
  const draft = await get("drafts", officer);
  if (!draft) { return; }
  const offer = clone("draft-template");
  const when = offer.querySelector("[data-when]");
  when.textContent = fill(when.textContent, { time: wallTime(new Date(draft.saved_at)).replace("T", " ") });
  offer.querySelector("[data-restore]").addEventListener("click", async () => {
    fillForm(draft.fields);
    correcting = draft.correcting ? (await get("outbox", draft.correcting)) || null : null;
    offer.textContent = offer.dataset.restored;
    offer.focus();
  });
  offer.querySelector("[data-discard]").addEventListener("click", async () => {
    await remove("drafts", officer);
    offer.remove();
    document.getElementById("form-title").focus();
  });
  document.getElementById("form-title").after(offer);
}

/** An outbox item the server refused (422) back in the form; it keeps its id, reference and receipt. */
async function startCorrection(id) {
  const item = await get("outbox", id);
  if (!item || item.officer !== officer) { return; }
  correcting = item;
  const fields = Object.entries(item.payload).filter(([, v]) => v !== false && v !== null)
    .map(([name, v]) => [name, name === "occurred_at" ? wallTime(new Date(v)) : v === true ? "y" : String(v)]);
  fillForm(fields);
  const notice = clone("correct-template");
  const text = notice.querySelector("[data-text]");
  text.textContent = fill(text.textContent, { reference: item.payload.reference, error: item.last_error || "" });
  document.getElementById("form-title").after(notice);
  notice.focus();
}

async function start() {
  await open();  // no IndexedDB (some private modes): the server's flow stays in charge
  form.addEventListener("submit", onContinue);
  form.addEventListener("input", saveSoon);
  form.addEventListener("change", saveSoon);
  window.addEventListener("popstate", onPopState);
  document.addEventListener("stopform:sent", (event) => {
    if (step && step.dataset.id === event.detail.id) { setState(step, "sent"); }
  });
  document.addEventListener("stopform:blocked", (event) => {
    if (step && step.dataset.id === event.detail.id) { setState(step, "blocked"); }
  });
  if (form.dataset.fresh) { freshStop(); }
  const correct = new URLSearchParams(window.location.search).get("correct");
  if (correct) { await startCorrection(correct); } else if (form.dataset.fresh) { await offerDraft(); }
}

start().catch(() => {});
