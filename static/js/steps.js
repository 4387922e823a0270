/* The stop form's browser steps. "Continue" checks what it can here and shows the answers;
   "Send stop record" puts the stop in the outbox (IndexedDB) with a receipt slot from the
   device's stock and shows the confirmation at once, with no network needed. Drafts are kept
   as the officer types. Without this script, or without IndexedDB, the server's own
   form → check → send flow runs unchanged. Importing this module does nothing; `init()` starts
   it on the stop form. Reasons and rules: docs/offline.md. */
import { mintReference, payloadFields, ruleProblems, toPayload, uuid, wallTime } from "./answers.js";
import { formLegalityProblems, locate } from "./form.js";
import { fill, officer, render, sendQueued } from "./outbox.js";
import { applyTemplate, asked, clockStart, currentStep, nextStep, secondsOpen, showFormStep, startClock, stepOf,
  toggleReveals } from "./stepper.js";
import { get, open, put, remove, result, transact } from "./store.js";

let form, formStep, words, errorPrefix, baseTitle;  // the page's, set by init()
const SCHEMA_VERSION = 1;
let step = null;          // the section shown in place of the form, if any
let correcting = null;    // an outbox item the server refused, back in the form with its id and receipt
let draftTimer = 0;

const formZone = () => form.dataset.timezone;

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

/** The API body of the form as it stands, with the receipt's ids. */
function payload(ids) {
  const fields = names().filter((name) => !["step", "opened"].includes(name))
    .map((name) => [name, controls(name)[0].type === "checkbox" ? controls(name)[0].checked : value(name)]);
  return Object.assign(toPayload(fields, formZone()), ids);
}

/* ---- checking (the server checks everything again) ---- */

const ruleOf = (el) => ({ ...el.dataset, notFuture: el.hasAttribute("data-not-future"), message: el.textContent });

/** {field: message} in the form's order: the client rules', then the legality guard's. */
function problems() {
  const rules = Array.from(document.getElementById("client-rules").content.querySelectorAll("[data-field]"), ruleOf);
  const found = ruleProblems(rules, value, formZone(), Date.now());
  for (const { field, message } of formLegalityProblems(form)) {
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
  const folded = control.closest("details");
  if (folded) { folded.open = true; }
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

/** Whether the check lists field `name`: asked, and answered or one every stop answers. */
function listed(name) {
  const [el] = controls(name);
  if (el.type === "hidden" || !asked(form, name)) { return false; }
  const answered = el.type === "checkbox" ? el.checked : !["", "0"].includes(value(name));
  return answered || form.dataset.always.split(" ").includes(name);
}

function checkGroup(section) {
  const group = clone("check-group");
  const title = section.dataset.title;
  group.querySelector("h2").textContent = title;
  group.querySelector("[data-change]").dataset.change = section.dataset.step;
  group.querySelector(".visually-hidden").textContent = ` ${title}`;
  for (const name of names().filter((n) => stepOf(form, n) === Number(section.dataset.step) && listed(n))) {
    const row = clone("check-row");
    row.querySelector("dt").textContent = labelOf(name);
    row.querySelector("dd").textContent = shown(name);
    group.querySelector("dl").append(row);
  }
  return group.querySelector("dd") ? group : null;
}

function showCheck() {
  const section = clone("check-template");
  const groups = section.querySelector("[data-groups]");
  for (const step of form.querySelectorAll("section[data-step]")) {
    const group = checkGroup(step);
    if (group) { groups.append(group); }
  }
  section.querySelector("[data-location]").hidden = !value("latitude");
  groups.addEventListener("click", (event) => {
    const button = event.target.closest("[data-change]");
    if (button) { change(Number(button.dataset.change)); }
  });
  section.querySelector("[data-send]").addEventListener("click", queueStop);
  showStep(section);
  history.pushState({ step: "check" }, "");
}

/** Back to the form at one step (a Change button); Continue leads back to the check. */
function change(number) {
  showStep(null);
  goToStep(number, "replace");
}

/** Show form step `number`; `how` says what happens to the browser's history ("push", "replace" or none). */
function goToStep(number, how) {
  showStep(null);
  showFormStep(form, number);
  if (how === "push") { history.pushState({ step: number }, ""); }
  if (how === "replace") { history.replaceState({ step: number }, ""); }
  window.scrollTo(0, 0);
  document.getElementById("form-title").focus();
}

function onPopState(event) {
  if (step && step.id === "done-step") {
    newStop();
  } else if (event.state && typeof event.state.step === "number") {
    clearErrors();
    goToStep(event.state.step);
  } else if (step) {
    showStep(null);
  } else {
    goToStep(1);
  }
}

/** The problems of the first step with any, among those on `upTo` or before it. */
function firstStepProblems(found, upTo) {
  const early = [...found].filter(([name]) => stepOf(form, name) <= upTo);
  if (!early.length) { return null; }
  const first = Math.min(...early.map(([name]) => stepOf(form, name)));
  return { step: first, problems: new Map(early.filter(([name]) => stepOf(form, name) === first)) };
}

function onContinue(event) {
  event.preventDefault();
  if (draftTimer) { saveDraft(); }  // the last keystrokes too, before the next step is shown
  const current = currentStep(form);
  if (event.submitter && event.submitter.hasAttribute("data-back")) {
    clearErrors();
    if (history.state && history.state.step === current && current > 1) { history.back(); } else { goToStep(Math.max(1, current - 1), "replace"); }
    return;
  }
  const found = problems();
  const early = firstStepProblems(found, current);
  if (early) {
    if (early.step !== current) { goToStep(early.step, "push"); }
    showErrors(early.problems);
    return;
  }
  clearErrors();
  const following = nextStep(current, [...found.keys()].map((name) => stepOf(form, name)));
  if (following !== null) { goToStep(following, "push"); } else { showCheck(); }
}

/** A template chosen at the start: its answers in, then the first step they leave open (or the check). */
function onTemplate(event) {
  const link = event.target.closest("a[data-template]");
  if (!link) { return; }
  event.preventDefault();
  applyTemplate(form, JSON.parse(link.dataset.template));
  clearErrors();
  const following = nextStep(0, [...problems().keys()].map((name) => stepOf(form, name)));
  if (following !== null) { goToStep(following, "push"); } else { showCheck(); }
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
    const seconds = base ? base.payload.time_to_record_seconds : secondsOpen();
    if (seconds !== undefined) { ids.time_to_record_seconds = seconds; }
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
  form.elements.occurred_at.value = wallTime(new Date(), formZone());
  startClock();
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
  goToStep(1, "replace");
  locate();
}

/* ---- drafts and corrections ---- */

function saveDraft() {
  clearTimeout(draftTimer);
  draftTimer = 0;
  return put("drafts", {
    officer, saved_at: new Date().toISOString(), correcting: correcting ? correcting.id : null, opened_at: clockStart(),
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
  toggleReveals(form);
}

async function offerDraft() {
  const draft = await get("drafts", officer);
  if (!draft) { return; }
  const offer = clone("draft-template");
  const when = offer.querySelector("[data-when]");
  when.textContent = fill(when.textContent, { time: wallTime(new Date(draft.saved_at), formZone()).replace("T", " ") });
  offer.querySelector("[data-restore]").addEventListener("click", async () => {
    fillForm(draft.fields);
    if (draft.opened_at) { startClock(draft.opened_at); }
    goToStep(currentStep(form), "replace");
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
  fillForm(payloadFields(item.payload, formZone()));
  const notice = clone("correct-template");
  const text = notice.querySelector("[data-text]");
  text.textContent = fill(text.textContent, { reference: item.payload.reference, error: item.last_error || "" });
  document.getElementById("form-title").after(notice);
  notice.focus();
}

async function start() {
  await open();  // no IndexedDB (some private modes): the server's flow stays in charge
  form.addEventListener("submit", onContinue);
  form.addEventListener("click", onTemplate);
  if (!history.state) { history.replaceState({ step: currentStep(form) }, ""); }
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

/** Start the browser steps on the stop form, if this page has it. */
export function init() {
  form = document.getElementById("stop-form");
  formStep = document.getElementById("form-step");
  if (!form || !formStep) { return; }
  words = document.getElementById("check-template").dataset;
  errorPrefix = document.getElementById("summary-template").dataset.prefix;
  baseTitle = document.title.replace(`${errorPrefix} `, "");
  start().catch(() => {});
}
