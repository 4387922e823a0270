"""Submitting a stop through the API: validate, store exactly once, answer replays the same way."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask import current_app
from pydantic import ValidationError
from sqlmodel import Session

from ..auth.access import Actor
from ..catalog.services import load_catalog
from ..models import Stop
from ..receipts.services import ReceiptError, issued_slot_token, receipt_url, server_token
from ..stops.codes import normalise_reference
from ..stops.context import local_today, past_live_window, rule_context
from ..stops.recording import RecordedStop, record_stop
from ..stops.rules import validate_record
from .schemas import StopIn


@dataclass(frozen=True)
class Answer:
    """An HTTP status and its JSON body."""

    status: int
    body: dict


def fingerprint(body: dict) -> str:
    """SHA-256 of the body in canonical JSON: equal bodies, equal fingerprints."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def pydantic_errors(error: ValidationError) -> dict[str, str]:
    """One readable message per field."""
    errors: dict[str, str] = {}
    for item in error.errors():
        name = ".".join(str(part) for part in item["loc"]) or "body"
        errors.setdefault(name, item["msg"])
    return errors


def _accepted(stop: Stop | RecordedStop, token: str, status: int) -> Answer:
    url = receipt_url(current_app.config["PUBLIC_BASE_URL"], token)
    return Answer(status, {"stop_id": str(stop.stop_id), "reference": stop.reference, "receipt_url": url})


def _replay(stop: Stop, digest: str, data: StopIn, caller: Actor) -> Answer:
    # Another author's stop_id gets the same answer as changed content: nothing of that stop
    # (its reference, its receipt) reaches anyone but its author.
    if stop.submission_hash != digest or stop.created_by_id != caller.id:
        return Answer(409, {"error": "conflict", "status": 409,
                            "detail": "this stop_id was already stored with different content"})
    return _accepted(stop, data.receipt_token or server_token(stop.stop_id), 200)


def _record(data: StopIn) -> dict:
    record = data.model_dump(exclude={"reference", "receipt_token"})
    record["plate_country"] = data.plate_country.upper()
    record["driver_nationality"] = data.driver_nationality.upper() if data.driver_nationality else None
    record["plate"] = data.plate.upper()
    record["unit"] = data.unit or None  # empty: the officer's own unit; else a known unit (rules check)
    return record


def submit_stop(*, session: Session, caller: Actor, body: dict) -> Answer:
    """Store a stop once: 201 first, 200 for the same body again, 409 for another body, 422 if invalid."""
    try:
        data = StopIn.model_validate(body)
    except ValidationError as error:
        return Answer(422, {"errors": pydantic_errors(error)})
    digest = fingerprint(body)
    record = _record(data)
    reference = normalise_reference(data.reference) if data.reference else None
    catalog = load_catalog(session, local_today(data.occurred_at))
    # A device long offline still sends what it queued: accepted, and marked late (never stuck).
    errors = validate_record(record, rule_context(session, catalog, caller, live=False))
    if data.receipt_token and not issued_slot_token(data.receipt_token, caller.id):
        errors["receipt_token"] = "not a receipt slot issued to this account: take slots from /api/v1/receipt-slots"
    if data.reference and not reference:
        errors["reference"] = "not a stop reference (10 Crockford base32 symbols, e.g. 7KQ4-M2XD-9P)"
    if errors:
        # A stop stored earlier is answered as a replay even if it would not pass today (too old).
        existing = session.get(Stop, data.stop_id)
        return _replay(existing, digest, data, caller) if existing else Answer(422, {"errors": errors})
    return _store(session, caller, data, record, reference, digest, catalog)


def _store(session: Session, caller: Actor, data: StopIn, record: dict, reference: str | None,
           digest: str, catalog) -> Answer:
    try:
        stop = record_stop(session=session, record=record, actor=caller, catalog=catalog,
                           pseudonym_key=current_app.config["PSEUDONYM_KEY"], source="api", reference=reference,
                           receipt_token=data.receipt_token, submission_hash=digest,
                           late_submission=past_live_window(record.get("occurred_at")))
    except ReceiptError as error:
        session.rollback()
        return Answer(422, {"errors": {"receipt_token": str(error)}})
    if stop is None:
        existing = session.get(Stop, data.stop_id)
        if existing is None:
            return Answer(409, {"error": "conflict", "status": 409, "detail": "reference already in use"})
        return _replay(existing, digest, data, caller)
    return _accepted(stop, stop.receipt_token, 201)
