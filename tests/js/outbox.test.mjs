// The outbox's pure helpers (static/js/outbox.js): templates, back-off, what is due, the texts shown.
import assert from "node:assert/strict";
import { test } from "node:test";
import { backoff, barText, dueItems, expired, fill, itemStatus, ownItems, refusalText } from "../../static/js/outbox.js";

const WORDS = {
  none: "No stops waiting", one: "1 stop waiting", many: "{n} stops waiting", flagged: "{n} need you.",
  offline: "No connection.", loggedOut: "Log in to send.", queued: "Queued", failed: "Tried {n} times: {error}",
  blocked: "Refused: {error}",
};
const item = (changes) => ({ id: "a", officer: "jdevries", created_at: "2026-11-30T10:00:00Z", attempts: 0,
  blocked: 0, next_try: 0, last_error: null, ...changes });

test("fill puts each value in its place", () => {
  assert.equal(fill("{n} of {total}: {n}", { n: 2, total: 5 }), "2 of 5: 2");
  assert.equal(fill("no placeholders", { n: 1 }), "no placeholders");
});

test("back-off doubles from 30 seconds up to 15 minutes", () => {
  assert.deepEqual([0, 1, 2, 3, 6, 20].map(backoff), [30e3, 30e3, 60e3, 120e3, 900e3, 900e3]);
});

test("only the officer's own items, oldest first", () => {
  const items = [item({ id: "b", created_at: "2026-11-30T11:00:00Z" }), item({ id: "x", officer: "other" }), item({ id: "a" })];
  assert.deepEqual(ownItems(items, "jdevries").map((i) => i.id), ["a", "b"]);
});

test("what is due: back-off passed in 'due', all unflagged in 'now', everything in 'all'", () => {
  const items = [item({ id: "ready", next_try: 1000 }), item({ id: "later", next_try: 5000 }), item({ id: "flagged", blocked: 422 })];
  const ids = (mode) => dueItems(items, mode, 2000).map((i) => i.id);
  assert.deepEqual(ids("due"), ["ready"]);
  assert.deepEqual(ids("now"), ["ready", "later"]);
  assert.deepEqual(ids("all"), ["ready", "later", "flagged"]);
});

test("the header says how many wait, how many are flagged, and why none moves", () => {
  assert.equal(barText([], "offline", WORDS), "No stops waiting");
  assert.equal(barText([item()], "ok", WORDS), "1 stop waiting");
  assert.equal(barText([item(), item({ blocked: 409 })], "offline", WORDS), "2 stops waiting 1 need you. No connection.");
  assert.equal(barText([item()], "logged-out", WORDS), "1 stop waiting Log in to send.");
});

test("each waiting item shows its state", () => {
  assert.equal(itemStatus(item(), WORDS), "Queued");
  assert.equal(itemStatus(item({ attempts: 2, last_error: "HTTP 503" }), WORDS), "Tried 2 times: HTTP 503");
  assert.equal(itemStatus(item({ attempts: 1, blocked: 422, last_error: "plate: wrong" }), WORDS), "Refused: plate: wrong");
});

test("a refusal lists the server's errors per field, else its detail", () => {
  assert.equal(refusalText({ errors: { plate: "Too long.", area: "Unknown." } }), "plate: Too long.; area: Unknown.");
  assert.equal(refusalText({ detail: "Stored already with other content." }), "Stored already with other content.");
});

test("the sent log keeps an entry 30 days, a year when it holds the receipt to show again", () => {
  const now = Date.parse("2026-12-05T12:00:00Z");
  const daysAgo = (days) => new Date(now - days * 864e5).toISOString();
  assert.equal(expired({ sent_at: daysAgo(29) }, now), false);
  assert.equal(expired({ sent_at: daysAgo(31) }, now), true);
  assert.equal(expired({ sent_at: daysAgo(31), receipt: { receipt_code: "X" } }, now), false);
  assert.equal(expired({ sent_at: daysAgo(366), receipt: { receipt_code: "X" } }, now), true);
});
