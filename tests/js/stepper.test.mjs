// The stop form's steps in the browser (static/js/stepper.js): which questions apply, which step
// comes next, the time to record. The rules mirror stopform/stops/steps.py (tests/stops/test_steps.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import { applies, nextStep, secondsBetween } from "../../static/js/stepper.js";

const BASES = {
  "WVW160-1": { permits: [], requires: ["documents_checked"], criminal: false },
  SV52: { permits: ["driver_id", "passenger_id"], requires: ["caution_given", "suspected_offence"], criminal: true },
  SV96B: { permits: ["vehicle_search"], requires: ["caution_given", "suspected_offence"], criminal: true },
  AWB519: { permits: ["vehicle_search", "driver_id"], requires: ["supervised_law"], criminal: false },
};

test("search questions apply only after a search", () => {
  assert.equal(applies("search", { vehicle_searched: false, persons_searched: "0" }, BASES), false);
  assert.equal(applies("search", { vehicle_searched: true }, BASES), true);
  assert.equal(applies("search", { persons_searched: "2" }, BASES), true);
});

test("a suspect's questions follow every basis relied on", () => {
  assert.equal(applies("suspect", { legal_basis: "WVW160-1" }, BASES), false);
  assert.equal(applies("suspect", { legal_basis: "SV52" }, BASES), true);
  assert.equal(applies("suspect", { legal_basis: "WVW160-1", vehicle_searched: true, search_basis: "SV96B" }, BASES), true);
  assert.equal(applies("suspect", { legal_basis: "WVW160-1", vehicle_searched: false, search_basis: "SV96B" }, BASES), false);
  assert.equal(applies("supervised", { legal_basis: "AWB519" }, BASES), true);
});

test("passengers, nationality, the hit and the outcome's link follow their answers", () => {
  assert.equal(applies("passengers", { occupants: "1" }, BASES), false);
  assert.equal(applies("passengers", { occupants: "3" }, BASES), true);
  assert.equal(applies("nationality", { identity_document_seen: true }, BASES), true);
  assert.equal(applies("hit", { triggered_by_hit: false }, BASES), false);
  assert.equal(applies("outcome", { outcome: "none" }, BASES), false);
  assert.equal(applies("outcome", { outcome: "fine" }, BASES), true);
  assert.equal(applies("not_offered", { receipt: "not_offered" }, BASES), true);
});

test("the next step is the first later one with a question open", () => {
  assert.equal(nextStep(1, [2, 3]), 2);
  assert.equal(nextStep(2, [1, 3]), 3);
  assert.equal(nextStep(3, [1, 2]), null);
  assert.equal(nextStep(0, [2]), 2);  // a template: straight to the plate
});

test("the time to record is whole seconds within a day", () => {
  assert.equal(secondsBetween(0, 94_600), 95);
  assert.equal(secondsBetween(10_000, 5_000), undefined);
  assert.equal(secondsBetween(0, 86_401_000), undefined);
});
