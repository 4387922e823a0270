/* The stop form's screens in the browser: which step shows, which conditional questions apply, the
   basis a reason suggests, the article link of each chosen basis, a template in one tap, and the
   time the form has been open. The rules mirror the server's (stopform/stops/steps.py); without
   this script the server shows the same steps as plain pages. Importing this module does nothing;
   `init()` wires the page (static/js/start.js). */
import { readBases, readRecord } from "./form.js";

const count = (value) => Number(value || 0);
const MAX_SECONDS = 24 * 60 * 60;
let openedAt = Date.now();
let suggested = "";  // the basis this script filled in from the reason, until the officer picks another

/* ---- pure rules (tested under Node: tests/js/) ---- */

/** Whether the questions of reveal `group` apply to `record` (field -> value; a box as true/false);
    `bases`: code -> {permits, requires, criminal}. Mirrors steps.applies. */
export function applies(group, record, bases) {
  const searched = Boolean(record.vehicle_searched) || count(record.persons_searched) > 0;
  const identified = Boolean(record.driver_id_demanded) || count(record.passenger_ids_demanded) > 0;
  const reliedOn = [record.legal_basis, identified && record.id_basis, searched && record.search_basis]
    .filter((code) => code && bases[code]).map((code) => bases[code]);
  const tests = {
    hit: () => Boolean(record.triggered_by_hit),
    nationality: () => Boolean(record.identity_document_seen),
    passengers: () => count(record.occupants) > 1,
    identity: () => identified,
    search: () => searched,
    suspect: () => reliedOn.some((b) => b.criminal || b.requires.includes("caution_given")),
    supervised: () => reliedOn.some((b) => b.requires.includes("supervised_law")),
    not_offered: () => record.receipt === "not_offered",
    outcome: () => !["", "none", undefined].includes(record.outcome),
  };
  return tests[group] ? tests[group]() : true;
}

/** The step to show after `current`, given `problems` per step number: the first later step with a
    problem, or null when the answers are ready to check (an answered step is skipped). */
export function nextStep(current, problemSteps) {
  const later = problemSteps.filter((step) => step > current);
  return later.length ? Math.min(...later) : null;
}

/** Whole seconds between two moments (ms), or undefined outside 0 … one day. */
export function secondsBetween(start, end) {
  const seconds = Math.round((end - start) / 1000);
  return seconds >= 0 && seconds <= MAX_SECONDS ? seconds : undefined;
}

/* ---- the page ---- */

/** The number of the step that asks field `name` (1 for fields outside the steps). */
export function stepOf(form, name) {
  const el = document.getElementById(`w-${name}`) || form.querySelector(`[name="${name}"]`);
  const section = el && el.closest("section[data-step]");
  return section ? Number(section.dataset.step) : 1;
}

export const currentStep = (form) => Number(form.elements.step.value) || 1;

/** Show step `number` of the form, with its title and progress. */
export function showFormStep(form, number) {
  for (const section of form.querySelectorAll("section[data-step]")) {
    section.hidden = Number(section.dataset.step) !== number;
  }
  form.elements.step.value = String(number);
  const section = form.querySelector(`section[data-step="${number}"]`);
  const title = document.getElementById("form-title");
  title.textContent = section.dataset.title;
  const progress = document.getElementById("progress");
  progress.textContent = progress.dataset.text.replace("{number}", number);
  document.title = `${document.title.split(":")[0]}: ${section.dataset.title} · stopform`;
}

/** Show or hide every conditional group as the answers now stand. */
export function toggleReveals(form) {
  const record = readRecord(form);
  const bases = readBases(form);
  for (const el of form.querySelectorAll("[data-reveal]")) {
    el.hidden = !applies(el.dataset.reveal, record, bases);
  }
}

/** Whether field `name` is asked now (not inside a hidden conditional group). */
export function asked(form, name) {
  const el = document.getElementById(`w-${name}`);
  return !el || !el.closest("[data-reveal][hidden]");
}

function suggestBasis(form, select) {
  const reason = select.options[select.selectedIndex];
  if (!reason) { return; }
  const box = reason.dataset.ticks && form.elements[reason.dataset.ticks];
  if (box && !box.checked) {
    box.checked = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }
  const basis = form.elements.legal_basis;
  const suggestion = reason.dataset.suggests;
  if (!suggestion || !basis || (basis.value && basis.value !== suggested)) { return; }
  basis.value = suggestion;
  suggested = suggestion;
  basis.dispatchEvent(new Event("change", { bubbles: true }));
}

function showArticle(select) {
  const link = document.getElementById(`a-${select.name}`);
  const option = select.options[select.selectedIndex];
  if (!link) { return; }
  link.hidden = !(option && option.dataset.url);
  if (!link.hidden) {
    link.querySelector("a").href = option.dataset.url;
    link.querySelector("a").textContent = option.dataset.citation;
  }
}

/** A template's answers into the form (field -> value; a box as "y" or ""). */
export function applyTemplate(form, answers) {
  for (const [name, value] of Object.entries(answers)) {
    for (const el of form.querySelectorAll(`[name="${name}"]`)) {
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = el.type === "checkbox" ? value === "y" : el.value === value;
      } else {
        el.value = value;
      }
    }
  }
  suggested = "";
  form.dispatchEvent(new Event("change"));
}

/** Seconds since this stop's form was opened (for the time to record). */
export const secondsOpen = () => secondsBetween(openedAt, Date.now());

/** A new stop starts the clock again; a restored draft keeps its own start. */
export function startClock(at = Date.now()) { openedAt = at; }

export const clockStart = () => openedAt;

function onChange(form, event) {
  const target = event.target;
  if (target.name === "reason") { suggestBasis(form, target); }
  if (target.name === "legal_basis" && event.isTrusted) { suggested = ""; }
  if (target.tagName === "SELECT" && target.hasAttribute("data-article")) { showArticle(target); }
  toggleReveals(form);
}

/** Wire the conditional questions, the basis suggestion and the article links of the stop form. */
export function init() {
  const form = document.getElementById("stop-form");
  if (!form || !form.elements.step) { return; }
  form.addEventListener("change", (event) => onChange(form, event));
  form.addEventListener("input", () => toggleReveals(form));
  form.querySelectorAll("select[data-article]").forEach(showArticle);
  toggleReveals(form);
}
