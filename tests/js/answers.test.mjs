// The stop's answers on the device (static/js/answers.js): display-zone time, ids, the API body, client rules.
import assert from "node:assert/strict";
import { test } from "node:test";
import { broken, holds, instant, mintReference, payloadFields, ruleProblems, toPayload, uuid, wallTime } from "../../static/js/answers.js";

const ZONE = "Europe/Amsterdam";
const NOON = Date.parse("2026-11-30T11:00:00Z");  // 12:00 in Amsterdam

test("wall time is the display zone's, whatever zone the device is in", () => {
  assert.equal(wallTime(new Date("2026-07-01T12:05:00Z"), ZONE), "2026-07-01T14:05");
  assert.equal(wallTime(new Date("2026-01-15T13:05:00Z"), ZONE), "2026-01-15T14:05");
  assert.equal(wallTime(new Date("2026-01-15T13:05:00Z"), "America/New_York"), "2026-01-15T08:05");
});

test("a wall time becomes the instant it names, in summer and in winter", () => {
  assert.equal(instant("2026-07-01T14:05", ZONE), "2026-07-01T12:05:00.000Z");
  assert.equal(instant("2026-01-15T14:05", ZONE), "2026-01-15T13:05:00.000Z");
  assert.equal(instant("2026-10-25T03:00", ZONE), "2026-10-25T02:00:00.000Z");  // just after the clocks went back
});

test("the clock changes: the skipped hour moves on, the repeated hour keeps its wall time", () => {
  assert.equal(instant("2026-03-29T02:30", ZONE), "2026-03-29T01:30:00.000Z");  // shown as 03:30
  const repeated = instant("2026-10-25T02:30", ZONE);
  assert.ok(["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"].includes(repeated));
  assert.equal(wallTime(new Date(repeated), ZONE), "2026-10-25T02:30");
});

test("ids minted on the device have the server's shapes", () => {
  assert.match(uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const references = Array.from({ length: 50 }, mintReference);
  for (const reference of references) { assert.match(reference, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/); }
  assert.equal(new Set(references).size, references.length);
});

test("the API body is typed, leaves empty answers out and carries the instant", () => {
  const body = toPayload([["occurred_at", "2026-07-01T14:05"], ["plate", "12-ABC-3"], ["occupants", "2"],
    ["latitude", "51.194"], ["unit", ""], ["vehicle_searched", false], ["documents_checked", true]], ZONE);
  assert.deepEqual(body, { occurred_at: "2026-07-01T12:05:00.000Z", plate: "12-ABC-3", occupants: 2, latitude: 51.194,
    vehicle_searched: false, documents_checked: true });
});

test("a queued body goes back into the form as it was typed", () => {
  const fields = payloadFields({ occurred_at: "2026-07-01T12:05:00.000Z", plate: "12-ABC-3", occupants: 2,
    vehicle_searched: false, documents_checked: true, hit_source: null }, ZONE);
  assert.deepEqual(fields, [["occurred_at", "2026-07-01T14:05"], ["plate", "12-ABC-3"], ["occupants", "2"], ["documents_checked", "y"]]);
});

test("a rule's condition: a field answered, or answered with one value", () => {
  const answers = { receipt: "not_offered", hit_source: "" };
  const valueOf = (name) => answers[name] ?? "";
  assert.equal(holds("receipt", valueOf), true);
  assert.equal(holds("hit_source", valueOf), false);
  assert.equal(holds("receipt=not_offered", valueOf), true);
  assert.equal(holds("receipt=qr_shown", valueOf), false);
});

test("a rule is broken by an empty answer, a pattern missed, a number out of range, a future time", () => {
  assert.equal(broken({}, "", ZONE, NOON), true);
  assert.equal(broken({}, "anything", ZONE, NOON), false);
  assert.equal(broken({ pattern: "^[A-Z]{2}$" }, "nl", ZONE, NOON), true);
  assert.equal(broken({ pattern: "^[A-Z]{2}$" }, "NL", ZONE, NOON), false);
  assert.equal(broken({ min: "1", max: "60" }, "0", ZONE, NOON), true);
  assert.equal(broken({ min: "1", max: "60" }, "2.5", ZONE, NOON), true);
  assert.equal(broken({ min: "1", max: "60" }, "60", ZONE, NOON), false);
  assert.equal(broken({ notFuture: true }, "2026-11-30T12:04", ZONE, NOON), false);  // within the clock skew allowed
  assert.equal(broken({ notFuture: true }, "2026-11-30T12:06", ZONE, NOON), true);
});

test("the first broken rule of each field counts, and a rule whose condition fails is skipped", () => {
  const answers = { plate: "", occupants: "99", receipt: "qr_shown", receipt_not_offered_reason: "" };
  const rules = [
    { field: "plate", message: "Give the plate." }, { field: "plate", pattern: "^\\w+$", message: "Letters only." },
    { field: "occupants", min: "1", max: "60", message: "1 to 60." },
    { field: "receipt_not_offered_reason", when: "receipt=not_offered", message: "Say why." },
  ];
  const found = ruleProblems(rules, (name) => answers[name], ZONE, NOON);
  assert.deepEqual([...found], [["plate", "Give the plate."], ["occupants", "1 to 60."]]);
});
