/* The legality guard's hint on the stop form, and the GPS fill. Progressive enhancement:
   without it the server still refuses an unlawful record. Importing this module does nothing;
   `init()` wires the page. The rules are a pure function of the record, so that a test can hold
   them to the server's guard (stopform/stops/guard.py; tests/stops/test_guard_parity.py). */
import { fill } from "./outbox.js";

const CONSENT = "CONSENT";
const IDENTITY_ACTIONS = ["driver_id", "passenger_id"];
const SEARCH_ACTIONS = ["vehicle_search", "person_search"];
// Catalogue version 1 had no CONSENT entry: consent covered searches only, as it did then.
const LEGACY_CONSENT = { permits: SEARCH_ACTIONS, requires: ["consent_refusal_explained"] };
const REQUIREMENT_FIELDS = { arrest: "search_basis" };

const count = (value) => Number(value || 0);

/** The guarded actions a record says were done, in the server's order. */
export function performedActions(record) {
  const done = [];
  if (record.driver_id_demanded) { done.push("driver_id"); }
  if (count(record.passenger_ids_demanded) > 0) { done.push("passenger_id"); }
  if (record.vehicle_searched) { done.push("vehicle_search"); }
  if (count(record.persons_searched) > 0) { done.push("person_search"); }
  return done;
}

/* Each rule: (record, context) -> [{field, message}]; the first problem per field wins. */

function identityRule(record, { basis, beyond, permits, say }) {
  for (const action of beyond.filter((a) => IDENTITY_ACTIONS.includes(a))) {
    const idBasis = record.id_basis;
    if (!idBasis) { return [{ field: "id_basis", message: say("idMissing", basis, action) }]; }
    if (!permits(idBasis).includes(action)) { return [{ field: "id_basis", message: say("idNotEither", idBasis, action) }]; }
  }
  return [];
}

function searchRule(record, { basis, actions, permits, say }) {
  const searches = actions.filter((a) => SEARCH_ACTIONS.includes(a));
  const searchBasis = record.search_basis;
  if (!searches.length) { return []; }
  if (!searchBasis) { return [{ field: "search_basis", message: say("searchMissing", basis, searches[0]) }]; }
  const refused = searches.find((action) => !permits(searchBasis).includes(action));
  return refused ? [{ field: "search_basis", message: say("searchNotAllowed", searchBasis, refused) }] : [];
}

function meets(record, requirement) {
  if (requirement === "arrest") { return record.outcome === "arrest"; }
  const value = record[requirement];
  return typeof value === "string" ? value.trim() !== "" : Boolean(value);
}

/** What the bases relied on (the stop's, and the identity or search basis where such an action
    was done) require and the record does not show. */
function requirementRule(record, { actions, named, say }) {
  const codes = [record.legal_basis];
  if (actions.some((a) => IDENTITY_ACTIONS.includes(a))) { codes.push(record.id_basis); }
  if (actions.some((a) => SEARCH_ACTIONS.includes(a))) { codes.push(record.search_basis); }
  return [...new Set(codes)].filter(named).flatMap((code) => [...named(code).requires].sort()
    .filter((requirement) => !meets(record, requirement))
    .map((requirement) => ({ field: REQUIREMENT_FIELDS[requirement] || requirement, message: say(requirement, code) })));
}

const RULES = [identityRule, searchRule, requirementRule];

/** The guard's problems with `record` (field name -> value, the server's names), as [{field, message}],
    at most one per field. `bases`: basis code -> {permits, requires} (action and requirement names);
    a code missing there is no basis, CONSENT aside. `messages`: the guard's message templates with
    {basis} and {action}, one per requirement, and a label per action. */
export function legalityProblems(record, bases, messages) {
  const known = (code) => Boolean(code) && Object.prototype.hasOwnProperty.call(bases, code);
  const named = (code) => (known(code) ? bases[code] : code === CONSENT ? LEGACY_CONSENT : null);
  const basis = record.legal_basis;
  if (!known(basis)) { return []; }
  const permits = (code) => (named(code) || { permits: [] }).permits;
  const actions = performedActions(record);
  const say = (key, code, action) => fill(messages[key], { basis: code, action: messages[action] });
  const context = { basis, actions, beyond: actions.filter((a) => !permits(basis).includes(a)), permits, named, say };
  const found = new Map();
  for (const { field, message } of RULES.flatMap((rule) => rule(record, context))) {
    if (!found.has(field)) { found.set(field, message); }
  }
  return Array.from(found, ([field, message]) => ({ field, message }));
}

/* ---- the page ---- */

/** The form's values by name: a checkbox as true/false, a radio group as its checked value. */
export function readRecord(form) {
  const record = {};
  for (const el of form.querySelectorAll("input[name], select[name], textarea[name]")) {
    if (el.type === "checkbox") {
      record[el.name] = el.checked;
    } else if (el.type !== "radio") {
      record[el.name] = el.value.trim();
    } else if (el.checked || !(el.name in record)) {
      record[el.name] = el.checked ? el.value : "";
    }
  }
  return record;
}

/** Basis code -> {permits, requires, criminal}, from the options' `data-permits`, `data-requires` and
    `data-criminal` (stopform/catalog). */
export function readBases(form) {
  const bases = {};
  for (const el of form.querySelectorAll("[data-permits]")) {
    const list = (name) => (el.getAttribute(name) || "").split(" ").filter(Boolean);
    bases[el.value] = { permits: list("data-permits"), requires: list("data-requires"), criminal: el.dataset.criminal === "true" };
  }
  return bases;
}

/** The legality problems of the form as it stands now. */
export function formLegalityProblems(form) {
  const guard = document.getElementById("guard");
  return legalityProblems(readRecord(form), readBases(form), { ...guard.dataset });
}

function checkLegality(form) {
  const guard = document.getElementById("guard");
  const problems = formLegalityProblems(form);
  const text = problems.map((problem) => problem.message).join(" ");
  if (guard.textContent !== text) { guard.textContent = text; }  // an alert: announce changes only
  guard.hidden = problems.length === 0;
}

function toggleHit(form) {
  const box = form.elements.triggered_by_hit, details = document.getElementById("hit-details");
  if (box && details) { details.hidden = !box.checked; }
}

/** Fill the (rounded) location once the phone allows it; called again for each new stop. */
export function locate() {
  const lat = document.getElementById("f-latitude"), lon = document.getElementById("f-longitude");
  if (!lat || lat.value || !navigator.geolocation) { return; }
  navigator.geolocation.getCurrentPosition((pos) => {
    lat.value = pos.coords.latitude.toFixed(3);
    lon.value = pos.coords.longitude.toFixed(3);
    const status = document.getElementById("location-status");
    if (status) { status.textContent = status.getAttribute("data-found"); }
  }, () => {}, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
}

/** Wire the hint, the hit details, the first focus and the location to the stop form, if any. */
export function init() {
  const form = document.getElementById("stop-form");
  if (!form) { return; }
  document.documentElement.classList.add("js");
  form.addEventListener("change", () => { checkLegality(form); toggleHit(form); });
  form.addEventListener("input", () => checkLegality(form));
  checkLegality(form);
  toggleHit(form);
  const summary = document.getElementById("error-summary");
  const focusField = document.getElementById("f-" + form.getAttribute("data-focus"));
  if (summary) { summary.focus(); } else if (focusField) { focusField.focus(); }
  locate();
}
