/* Unsent stops as a stop CSV that a supervisor imports with `flask import-stops` (docs/imports.md),
   for a phone that cannot reach the server. Pure functions: no DOM, no storage. The columns are
   the import's own (a test compares them with stopform/imports/records.py); the plate travels as
   typed, and the import replaces it by its pseudonym, as the API does. `receipt_token` is the
   receipt slot the driver was shown: the import registers it, so the driver's code opens. */

export const EXPORT_COLUMNS = ["stop_id", "reference", "occurred_at", "duration_minutes", "area", "latitude",
  "longitude", "officer_ref", "unit", "legal_basis", "reason", "reason_text", "triggered_by_hit", "hit_source",
  "hit_reference", "vehicle_type", "plate", "plate_country", "occupants", "driver_nationality", "perceived_origin",
  "documents_checked", "driver_id_demanded", "passenger_ids_demanded", "id_basis", "vehicle_searched",
  "persons_searched", "search_basis", "consent_refusal_explained", "authorisation_ref", "force_used", "search_found",
  "found_category", "offence_found", "outcome", "outcome_linked_to_reason", "receipt", "receipt_not_offered_reason",
  "caution_given", "reason_for_person", "suspected_offence", "supervised_law", "identity_document_seen",
  "receipt_token"];
const FORMULA_STARTS = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A cell a spreadsheet would run as a formula gets a `'` in front (the import takes it off again). */
export function neutralise(text) {
  return FORMULA_STARTS.test(text) && !PLAIN_NUMBER.test(text.replace(/^'+/, "")) ? `'${text}` : text;
}

/** One value as CSV text: booleans as true/false, nothing as an empty cell, quoted where needed. */
export function cell(value) {
  const text = value === undefined || value === null ? "" : neutralise(String(value));
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The outbox `items` as a stop CSV; `officer` gives the officer_ref and the unit a payload leaves out. */
export function toCsv(items, officer) {
  const rows = items.map((item) => {
    const record = { ...item.payload, stop_id: item.id, officer_ref: officer.officerRef,
      unit: item.payload.unit || officer.unit };
    return EXPORT_COLUMNS.map((name) => cell(record[name])).join(",");
  });
  return [EXPORT_COLUMNS.join(","), ...rows].join("\r\n") + "\r\n";
}

/** The file's name: the officer and the moment of export, e.g. stopform-unsent-NL-1234-20261205-0714.csv. */
export function fileName(officerRef, now) {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return `stopform-unsent-${officerRef.replace(/[^\w-]/g, "")}-${stamp}.csv`;
}
