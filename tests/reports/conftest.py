"""Fixtures for the report's outputs (service, page, CLI, PDF).

Nothing here is autouse: the analysis tests in tests/reports/analysis/ share this directory
and must not start an app or a database.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
import pytest

from stopform.demo.loading import demo_rows
from stopform.demo.synthetic import DEFAULT_AREAS
from stopform.models import StopFields
from stopform.stops.bulk import insert_stop_rows

REPORT_MONTH = "2025-03"
FAR_FUTURE = datetime(2030, 1, 1, tzinfo=UTC)
# What a stop row looks like when nothing happened beyond the stop itself.
PLAIN = {"legal_basis": "WVW160-1", "vehicle_searched": False, "persons_searched": 0, "search_found": False,
         "beyond_basis": False, "triggered_by_hit": False, "offence_found": False, "outcome": "warning",
         "receipt": "qr_shown", "receipt_not_offered_reason": None, "driver_nationality": None,
         "perceived_origin": None, "force_used": False}


def synthetic_rows(count: int, *, seed: int = 1, month: str = REPORT_MONTH) -> list[dict]:
    """`count` synthetic stop rows of `month` as the database takes them (model defaults filled)."""
    rows = demo_rows(count, seed=seed, month=month, areas=DEFAULT_AREAS, now=FAR_FUTURE)
    for row in rows:
        for name, field in StopFields.model_fields.items():
            if row.get(name) is None and field.default is not None and not field.is_required():
                row[name] = field.default
    return rows


def search_polish_plates_more(rows: list[dict]) -> None:
    """Tweak for `seed_stops`: every other Polish-plated vehicle searched, beyond its stop's basis,
    far more than the others, so the report flags Polish plates."""
    for index, row in enumerate(r for r in rows if r["plate_country"] == "PL"):
        if index % 2 == 0:
            row.update(vehicle_searched=True, beyond_basis=True)


@pytest.fixture()
def english(client):
    """The test client, asking for the English staff pages."""
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture()
def seed_stops(db_session) -> Callable[..., list[dict]]:
    """Factory: seed_stops(rows) or seed_stops(count=..., seed=..., month=..., tweak=fn) inserts
    stop rows in bulk (as the import does) and returns them."""
    def seed(rows: list[dict] | None = None, *, count: int = 1500, seed: int = 1, month: str = REPORT_MONTH,
             tweak: Callable[[list[dict]], None] | None = None) -> list[dict]:
        rows = synthetic_rows(count, seed=seed, month=month) if rows is None else rows
        if tweak is not None:
            tweak(rows)
        insert_stop_rows(session=db_session, rows=rows)
        db_session.commit()
        return rows
    return seed


@pytest.fixture()
def hand_rows() -> Callable[..., list[dict]]:
    """Factory: hand_rows(count, **fields) gives `count` plain stop rows (nothing searched, no
    extra action, no hit) of REPORT_MONTH with `fields` set, for hand-checked counts."""
    templates = synthetic_rows(400, seed=99)
    used = 0

    def make(count: int, **fields) -> list[dict]:
        nonlocal used
        rows = [{**row, **PLAIN, **fields} for row in templates[used:used + count]]
        used += count
        assert len(rows) == count, "hand_rows: out of template rows"
        return rows
    return make


@pytest.fixture()
def login(auth, make_user):
    """Factory: login(role, unit=UNIT) makes a user of that role and logs them in."""
    from tests.conftest import UNIT

    def factory(role: str, unit: str | None = UNIT):
        user = make_user(role, unit=unit)
        response = auth.login(user.username)
        assert response.status_code == 302
        return user
    return factory


@pytest.fixture()
def stored_stops(db_session) -> pd.DataFrame:
    """Synthetic stops of Feb–Apr 2025 in the database, a few vehicles stopped again and again;
    the same rows as a frame with Dutch local date, hour and weekday."""
    rows = []
    for seed, month, count in ((1, "2025-02", 150), (2, REPORT_MONTH, 700), (3, "2025-04", 150)):
        rows += synthetic_rows(count, seed=seed, month=month)
    for index, row in enumerate(rows[:40]):
        row["vehicle_pseudonym"] = f"repeat-{index % 6}"
    insert_stop_rows(session=db_session, rows=rows)
    frame = pd.DataFrame(rows)
    local = pd.to_datetime(frame["occurred_at"], utc=True).dt.tz_convert("Europe/Amsterdam")
    return frame.assign(local_date=local.dt.date, local_hour=local.dt.hour, weekday=local.dt.day_of_week)
