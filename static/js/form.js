/* The legality guard's hint on the stop form, and the GPS fill. Progressive enhancement:
   without it the server still refuses an unlawful record. Importing this module does nothing;
   `init()` wires the page. The rules are a pure function of the record, so that a test can hold
   them to the server's guard (stopform/stops/guard.py; tests/stops/test_guard_parity.py). */
import { fill } from "./outbox.js";

const CONSENT = "CONSENT";
// Bases whose search needs the prosecutor's order reference (Art. 52 lid 3 Wet wapens en munitie).
const AUTHORISED_BASES = ["WWM-VRG"];
const IDENTITY_ACTIONS = ["driver_id", "passenger_id"];
const SEARCH_ACTIONS = ["vehicle_search", "person_search"];

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

/* Each rule: (record, context) -> [{field, message}]. A new guard rule is one more function here. */

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
  if (searchBasis === CONSENT) {
    return record.consent_refusal_explained ? [] : [{ field: "consent_refusal_explained", message: say("consentUnexplained") }];
  }
  const refused = searches.find((action) => !permits(searchBasis).includes(action));
  return refused ? [{ field: "search_basis", message: say("searchNotAllowed", searchBasis, refused) }] : [];
}

function authorisationRule(record, { say }) {
  const named = [record.legal_basis, record.search_basis].some((code) => AUTHORISED_BASES.includes(code));
  return named && !String(record.authorisation_ref || "").trim() ? [{ field: "authorisation_ref", message: say("authorisationMissing") }] : [];
}

const RULES = [identityRule, searchRule, authorisationRule];

/** The guard's problems with `record` (field name -> value, the server's names), as [{field, message}],
    at most one per field. `permitsByCode`: basis code -> actions it permits; a code missing there is
    no basis. `messages`: the guard's message templates with {basis} and {action}, and a label per action. */
export function legalityProblems(record, permitsByCode, messages) {
  const known = (code) => Boolean(code) && Object.prototype.hasOwnProperty.call(permitsByCode, code);
  const basis = record.legal_basis;
  if (!known(basis)) { return []; }
  const permits = (code) => (known(code) ? permitsByCode[code] : []);
  const actions = performedActions(record);
  const say = (key, code, action) => fill(messages[key], { basis: code, action: messages[action] });
  const context = { basis, actions, beyond: actions.filter((a) => !permits(basis).includes(a)), permits, say };
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

/** Basis code -> permitted actions, from the options' `data-permits` (stopform/catalog). */
export function readPermits(form) {
  const permits = {};
  for (const el of form.querySelectorAll("[data-permits]")) {
    permits[el.value] = el.getAttribute("data-permits").split(" ").filter(Boolean);
  }
  return permits;
}

/** The legality problems of the form as it stands now. */
export function formLegalityProblems(form) {
  const guard = document.getElementById("guard");
  return legalityProblems(readRecord(form), readPermits(form), { ...guard.dataset });
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
