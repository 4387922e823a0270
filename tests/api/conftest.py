"""API fixtures: a JSON stop body, a bearer token, and a committing app on its own database for
concurrency tests (rollback isolation cannot span threads)."""
import uuid
from datetime import timedelta

import pytest
from sqlmodel import Session

from stopform.api.tokens import create_token
from stopform.auth.services import create_user
from stopform.db import engine_of
from stopform.models import utcnow


def stop_body(**overrides) -> dict:
    body = {
        "stop_id": str(uuid.uuid4()), "occurred_at": (utcnow() - timedelta(minutes=15)).isoformat(),
        "duration_minutes": 6, "area": "VENLO", "legal_basis": "WVW160-1", "reason": "document_check",
        "reason_text": "Routine licence check at the A73 exit.", "plate": "GH-456-J", "plate_country": "DE",
        "vehicle_type": "car", "occupants": 1, "documents_checked": True, "outcome": "none", "receipt": "qr_shown",
    }
    body.update(overrides)
    return body


@pytest.fixture()
def api_officer(make_user, db_session):
    user = make_user("officer")
    _, raw = create_token(session=db_session, user=user)
    db_session.commit()
    return user, {"Authorization": f"Bearer {raw}"}


def officers_with_tokens(app, count: int) -> list[dict]:
    """`count` officers on the committing app, each with a bearer header."""
    headers = []
    with app.app_context(), Session(engine_of(app)) as session:
        for index in range(count):
            user = create_user(session=session, username=f"api-officer-{index}", role="officer",
                               unit_code="LIMBURG-NOORD", password="pw12", service_number=f"NL-API-{index}",
                               enforce_policy=False)
            headers.append({"Authorization": f"Bearer {create_token(session=session, user=user)[1]}"})
        session.commit()
    return headers
