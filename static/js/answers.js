/* The stop's answers on the device, without the page: time in the form's display zone, the
   identifiers minted on the device, the API body, and the form's client rules. Pure functions
   (no DOM, no network, no storage), used by steps.js and tested under Node (tests/js/). */
const NUMBERS = ["duration_minutes", "occupants", "passenger_ids_demanded", "persons_searched", "latitude", "longitude"];
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CLOCK_SKEW = 5 * 60e3;

/* ---- time in the display zone (the officer's phone may be set to another one) ---- */

function zoneParts(date, zone) {
  const format = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", year: "numeric",
    month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** `date` as wall time in the time zone `zone`, e.g. 2026-11-30T14:05. */
export function wallTime(date, zone) {
  const p = zoneParts(date, zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A wall time in `zone` as an instant (ISO, UTC); twice round, for the hour a clock change moves. */
export function instant(wall, zone) {
  const asUtc = Date.parse(`${wall.slice(0, 16)}:00Z`);
  const offset = (ms) => {
    const p = zoneParts(new Date(ms), zone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms;
  };
  return new Date(asUtc - offset(asUtc - offset(asUtc))).toISOString();
}

/* ---- identifiers minted on the device ---- */

/** A random (version 4) UUID. */
export function uuid() {
  if (crypto.randomUUID) { return crypto.randomUUID(); }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64;
  b[8] = (b[8] & 63) | 128;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A stop reference like the server's (10 Crockford symbols), for a stop queued without a slot. */
export function mintReference() {
  const s = Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) => CROCKFORD[byte & 31]).join("");
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/* ---- the API body ---- */

/** The API body from [name, value] pairs (a checkbox's value true/false): typed, empty answers
    left out, the wall time in `zone` as an instant. */
export function toPayload(fields, zone) {
  const body = {};
  for (const [name, text] of fields) {
    if (typeof text === "boolean") {
      body[name] = text;
    } else if (text) {
      body[name] = NUMBERS.includes(name) ? Number(text) : text;
    }
  }
  body.occurred_at = instant(body.occurred_at, zone);
  return body;
}

/** A queued payload back as the form's [name, value] pairs (the reverse of `toPayload`). */
export const payloadFields = (payload, zone) => Object.entries(payload).filter(([, v]) => v !== false && v !== null)
  .map(([name, v]) => [name, name === "occurred_at" ? wallTime(new Date(v), zone) : v === true ? "y" : String(v)]);

/* ---- checking (the server checks everything again) ---- */

/** Whether a rule's condition ("name" answered, or "name=value") holds; `valueOf(name)` reads the form. */
export function holds(condition, valueOf) {
  const [name, expected] = condition.split("=");
  return expected === undefined ? valueOf(name) !== "" : valueOf(name) === expected;
}

/** Whether the answer `text` breaks `rule` ({pattern, min, max, notFuture}, from the page's
    client rules); a time is wall time in `zone`, compared with `now` (ms). */
export function broken(rule, text, zone, now) {
  const { pattern, min, max, notFuture } = rule;
  return !text || Boolean(pattern && !new RegExp(pattern).test(text)) ||
    (min !== undefined && !(/^\d+$/.test(text) && +text >= +min && +text <= +max)) ||
    Boolean(notFuture && Date.parse(instant(text, zone)) > now + CLOCK_SKEW);
}

/** {field: message}, the first broken rule per field; `rules`: [{field, when, message, …}]. */
export function ruleProblems(rules, valueOf, zone, now) {
  const found = new Map();
  for (const rule of rules) {
    if (found.has(rule.field) || (rule.when && !holds(rule.when, valueOf))) { continue; }
    if (broken(rule, valueOf(rule.field), zone, now)) { found.set(rule.field, rule.message); }
  }
  return found;
}
