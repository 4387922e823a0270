// The form's personal-data warning (static/js/personal_data.js) finds what the server's check finds,
// on the same cases (tests/stops/personal_data_cases.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { isBsn, personalDataKinds } from "../../static/js/personal_data.js";

const CASES = JSON.parse(readFileSync(new URL("../stops/personal_data_cases.json", import.meta.url), "utf8"));

test("names, plates, BSNs, phone numbers, e-mail and postal addresses are found", () => {
  for (const [text, kinds] of CASES.caught) { assert.deepEqual(personalDataKinds(text), kinds, text); }
});

test("realistic reason texts in the officers' vocabulary pass", () => {
  for (const text of CASES.clean) { assert.deepEqual(personalDataKinds(text), [], text); }
});

test("a BSN must pass the 11-proef", () => {
  assert.equal(isBsn("111222333"), true);
  assert.equal(isBsn("111222334"), false);
  assert.equal(isBsn("000000000"), false);
  assert.equal(isBsn("11122233"), false);
  assert.deepEqual(personalDataKinds("Nummer 123456789"), []);
});

test("nothing typed, nothing found", () => {
  assert.deepEqual(personalDataKinds(""), []);
  assert.deepEqual(personalDataKinds(undefined), []);
});
