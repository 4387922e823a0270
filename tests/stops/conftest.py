"""Helpers for posting the officer's stop form."""
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from stopform.models import utcnow

BOOLEANS = ("triggered_by_hit", "documents_checked", "driver_id_demanded", "vehicle_searched",
            "consent_refusal_explained", "force_used", "search_found", "offence_found", "outcome_linked_to_reason")


def local(moment) -> str:
    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides) -> dict:
    """A lawful traffic-check stop as the browser posts it (checkboxes as 'y' or absent)."""
    data = {
        "stop_id": str(uuid.uuid4()), "occurred_at": local(utcnow() - timedelta(minutes=20)),
        "duration_minutes": "7", "area": "ROERMOND", "unit": "LIMBURG-NOORD", "legal_basis": "WVW160-1",
        "reason": "traffic_violation", "reason_text": "Speeding, 82 km/h where 50 applies.",
        "hit_source": "", "hit_reference": "", "plate": "12-abc-3", "plate_country": "NL",
        "vehicle_type": "car", "occupants": "2", "driver_nationality": "", "perceived_origin": "",
        "documents_checked": True, "passenger_ids_demanded": "0", "id_basis": "", "persons_searched": "0",
        "search_basis": "", "authorisation_ref": "", "found_category": "none", "offence_found": True,
        "outcome": "fine", "outcome_linked_to_reason": True, "receipt": "qr_shown",
        "receipt_not_offered_reason": "", "action": "send",
    }
    data.update(overrides)
    return {k: ("y" if v is True else v) for k, v in data.items() if v is not False and v is not None}


@pytest.fixture()
def officer(make_user, auth):
    user = make_user("officer")
    auth.login(user.username)
    return user
