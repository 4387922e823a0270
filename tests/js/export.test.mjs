// Unsent stops exported as a stop CSV (static/js/export.js); tests/imports/test_outbox_export.py imports one.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cell, EXPORT_COLUMNS, fileName, neutralise, toCsv } from "../../static/js/export.js";

const ITEM = { id: "6f1c3c59-8d5b-4c1e-9f57-2d1b4c3a2e10", payload: { reference: "7KQ4-M2XD-9P",
  occurred_at: "2026-11-30T11:00:00.000Z", area: "VENLO", legal_basis: "WVW160-1", reason_text: 'Rood, "twee keer"',
  plate: "12-ABC-3", documents_checked: true, vehicle_searched: false, occupants: 2, receipt_token: "SECRET" } };

test("the header is the import's columns and each item one row", () => {
  const lines = toCsv([ITEM, ITEM], { officerRef: "NL-1234", unit: "LIMBURG-NOORD" }).trimEnd().split("\r\n");
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0].split(","), EXPORT_COLUMNS);
  const row = lines[1];
  assert.ok(row.startsWith(`${ITEM.id},7KQ4-M2XD-9P,2026-11-30T11:00:00.000Z,`));
  assert.ok(row.includes(',NL-1234,LIMBURG-NOORD,WVW160-1,'));
  assert.ok(row.includes('"Rood, ""twee keer"""'));
  assert.ok(row.endsWith(",SECRET"));  // the slot the driver was shown: the import registers its receipt
});

test("cells: booleans, nothing, quotes and formulas", () => {
  assert.equal(cell(true), "true");
  assert.equal(cell(undefined), "");
  assert.equal(cell("a\nb"), '"a\nb"');
  assert.equal(neutralise("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.equal(neutralise("-5.2"), "-5.2");
});

test("the file is named after the officer and the moment", () => {
  assert.equal(fileName("NL-1234", new Date("2026-12-05T07:14:00Z")), "stopform-unsent-NL-1234-20261205-0714.csv");
});
