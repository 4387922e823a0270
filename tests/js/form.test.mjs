// The legality hint's rules (static/js/form.js) on plain records; tests/stops/test_guard_parity.py
// holds them to the server's guard over the real catalogue.
import assert from "node:assert/strict";
import { test } from "node:test";
import { legalityProblems, performedActions } from "../../static/js/form.js";

const basis = (permits, requires = []) => ({ permits, requires });
const BASES = {
  "WVW160-1": basis([], ["documents_checked"]), "POLW8-ID": basis(["driver_id", "passenger_id"]),
  "SV96B": basis(["vehicle_search"], ["suspected_offence"]),
  "WWM-VRG": basis(["person_search", "vehicle_search"], ["authorisation_ref"]),
  "SV56": basis(["person_search"], ["suspected_offence", "arrest"]),
};
const MESSAGES = {
  idMissing: "{basis} does not allow {action}; give an identity basis.",
  idNotEither: "{basis} does not allow {action} either.",
  searchMissing: "A search needs its basis: {basis} does not allow {action}.",
  searchNotAllowed: "{basis} does not allow {action}.",
  consent_refusal_explained: "Confirm the refusal right was explained.",
  authorisation_ref: "{basis}: give the order reference.", documents_checked: "{basis}: check the documents.",
  suspected_offence: "{basis}: name the offence.", arrest: "{basis}: only after an arrest.",
  driver_id: "demanding the driver's ID", passenger_id: "demanding passengers' ID",
  vehicle_search: "searching the vehicle", person_search: "searching a person",
};
const TRAFFIC_CHECK = {
  legal_basis: "WVW160-1", documents_checked: true, outcome: "fine", suspected_offence: "Art. 2 Opiumwet", driver_id_demanded: false, passenger_ids_demanded: 0, id_basis: "",
  vehicle_searched: false, persons_searched: 0, search_basis: "", consent_refusal_explained: false, authorisation_ref: "",
};
const problems = (changes) => legalityProblems({ ...TRAFFIC_CHECK, ...changes }, BASES, MESSAGES);
const fields = (changes) => problems(changes).map((problem) => problem.field);

test("actions are read from the record's fields, numbers as typed or as text", () => {
  assert.deepEqual(performedActions(TRAFFIC_CHECK), []);
  assert.deepEqual(performedActions({ driver_id_demanded: true, passenger_ids_demanded: "2", vehicle_searched: true, persons_searched: 1 }),
    ["driver_id", "passenger_id", "vehicle_search", "person_search"]);
  assert.deepEqual(performedActions({ passenger_ids_demanded: "", persons_searched: null }), []);
});

test("a lawful traffic check has no problem, nor has a record without a known stop basis", () => {
  assert.deepEqual(problems({}), []);
  assert.deepEqual(problems({ legal_basis: "", vehicle_searched: true }), []);
  assert.deepEqual(problems({ legal_basis: "NOT-A-BASIS", vehicle_searched: true, search_basis: "WWM-VRG" }), []);
});

test("an identity demand beyond the stop's basis needs an identity basis that permits it", () => {
  assert.deepEqual(problems({ passenger_ids_demanded: 2 }),
    [{ field: "id_basis", message: "WVW160-1 does not allow demanding passengers' ID; give an identity basis." }]);
  assert.deepEqual(problems({ driver_id_demanded: true, id_basis: "SV96B" }),
    [{ field: "id_basis", message: "SV96B does not allow demanding the driver's ID either." }]);
  assert.deepEqual(fields({ driver_id_demanded: true, passenger_ids_demanded: 1, id_basis: "POLW8-ID" }), []);
  assert.deepEqual(fields({ legal_basis: "POLW8-ID", driver_id_demanded: true }), []);
});

test("every search names its basis, even one the stop's basis permits", () => {
  assert.deepEqual(problems({ vehicle_searched: true }),
    [{ field: "search_basis", message: "A search needs its basis: WVW160-1 does not allow searching the vehicle." }]);
  assert.deepEqual(fields({ legal_basis: "SV96B", vehicle_searched: true }), ["search_basis"]);
  assert.deepEqual(fields({ legal_basis: "SV96B", vehicle_searched: true, search_basis: "SV96B" }), []);
});

test("a search basis must permit every search done", () => {
  assert.deepEqual(problems({ vehicle_searched: true, persons_searched: 1, search_basis: "SV96B" }),
    [{ field: "search_basis", message: "SV96B does not allow searching a person." }]);
});

test("a search by consent needs the right to refuse explained, with or without a CONSENT entry", () => {
  assert.deepEqual(problems({ persons_searched: 1, search_basis: "CONSENT" }),
    [{ field: "consent_refusal_explained", message: "Confirm the refusal right was explained." }]);
  assert.deepEqual(fields({ persons_searched: 1, search_basis: "CONSENT", consent_refusal_explained: true }), []);
  const consent = { ...BASES, CONSENT: basis(["person_search"], ["consent_refusal_explained"]) };
  const record = { ...TRAFFIC_CHECK, vehicle_searched: true, search_basis: "CONSENT", consent_refusal_explained: true };
  assert.deepEqual(legalityProblems(record, consent, MESSAGES).map((problem) => problem.field), ["search_basis"]);
});

test("a preventive search (WWM-VRG), as the stop's or the search's basis, needs the order reference", () => {
  const search = { vehicle_searched: true, search_basis: "WWM-VRG" };
  assert.deepEqual(problems(search), [{ field: "authorisation_ref", message: "WWM-VRG: give the order reference." }]);
  assert.deepEqual(fields({ ...search, authorisation_ref: "   " }), ["authorisation_ref"]);
  assert.deepEqual(fields({ ...search, authorisation_ref: "VRG-2026-01 / OvJ-123" }), []);
  assert.deepEqual(fields({ legal_basis: "WWM-VRG", authorisation_ref: null }), ["authorisation_ref"]);
});

test("what a basis relied on requires is asked for on the field of that name, an arrest on the search basis", () => {
  assert.deepEqual(problems({ documents_checked: false }),
    [{ field: "documents_checked", message: "WVW160-1: check the documents." }]);
  assert.deepEqual(problems({ persons_searched: 1, search_basis: "SV56", suspected_offence: " " }), [
    { field: "search_basis", message: "SV56: only after an arrest." },
    { field: "suspected_offence", message: "SV56: name the offence." }]);
  assert.deepEqual(fields({ persons_searched: 1, search_basis: "SV56", outcome: "arrest" }), []);
  assert.deepEqual(fields({ id_basis: "SV56", suspected_offence: "" }), [], "an identity basis is relied on only for an identity demand");
});

test("each field has at most one problem, the action's before the requirement's, and different fields add up", () => {
  const record = { driver_id_demanded: true, passenger_ids_demanded: 1, vehicle_searched: true, search_basis: "WWM-VRG" };
  assert.deepEqual(fields(record), ["id_basis", "authorisation_ref"]);
  assert.deepEqual(problems({ persons_searched: 1, search_basis: "SV96B", suspected_offence: null }),
    [{ field: "search_basis", message: "SV96B does not allow searching a person." },
      { field: "suspected_offence", message: "SV96B: name the offence." }]);
});
