"""Names of audit actions used by more than one module (so a report or a filter can rely on them)."""
from __future__ import annotations

STOPS_EXPORTED = "stops_exported"
STOPS_IMPORTED = "stops_imported"
TRAFFIC_IMPORTED = "traffic_imported"
AREAS_IMPORTED = "areas_imported"
IMPORT_REFUSED = "import_refused"
TOKEN_CREATED = "api_token_created"
TOKEN_REVOKED = "api_token_revoked"
RECEIPT_REVOKED = "receipt_revoked"
PURGE = "purge"
LEGAL_HOLD_PLACED = "legal_hold_placed"
LEGAL_HOLD_RELEASED = "legal_hold_released"
AUDIT_CHECKPOINT = "audit_checkpoint"
STOP_TEMPLATE_SAVED = "stop_template_saved"

# Keys whose values are typed by a person (an amendment's reason, a review's comment): the log keeps
# their SHA-256, which proves what was written without repeating it (docs/security.md).
FREE_TEXT_KEYS = frozenset({"reason", "comment", "reason_text", "note", "receipt_not_offered_reason"})
