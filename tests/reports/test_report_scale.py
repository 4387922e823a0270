"""Scale: the report page issues a bounded number of SQL queries, whatever the number of stops,
and never loads stops as ORM objects. (Timings are measured outside the test suite.)"""
from __future__ import annotations

import pytest
from sqlalchemy import event

from stopform.models import Stop
from stopform.reports.service import compute_report

MONTH = "2025-03"
# tallies (one GROUP BY for every count test and trend), repeated vehicles, officer counts, stops
# near dusk, areas, traffic, compliance, feedback, PostgreSQL settings, and the page's own (user,
# units, areas, audit log): well below.
MAX_QUERIES = 60


@pytest.fixture()
def count_queries(engine):
    """Context: statements executed on the test engine while it is active."""
    statements: list[str] = []

    def listener(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", listener)
    yield statements
    event.remove(engine, "before_cursor_execute", listener)


@pytest.fixture()
def stop_loads():
    """Stops loaded as ORM objects while the test runs."""
    loaded: list[Stop] = []

    def listener(target, _context):
        loaded.append(target)

    event.listen(Stop, "load", listener)
    yield loaded
    event.remove(Stop, "load", listener)


def test_page_queries_do_not_grow_with_stops(english, login, seed_stops, count_queries, stop_loads):
    login("admin", unit=None)
    counts = []
    for count, seed in ((200, 5), (2500, 6)):
        seed_stops(count=count, seed=seed)
        count_queries.clear()
        assert english.get(f"/reports/{MONTH}").status_code == 200
        counts.append(len(count_queries))
    assert counts[0] == counts[1] <= MAX_QUERIES
    assert stop_loads == []


def test_flag_trends_add_no_queries(db_session, seed_stops, hand_rows, count_queries):
    rows = hand_rows(90, plate_country="NL") + hand_rows(10, plate_country="NL", vehicle_searched=True)
    seed_stops(rows + hand_rows(40, plate_country="PL") + hand_rows(20, plate_country="PL", vehicle_searched=True))
    issued = []
    for references in ({"plate_country": "NL"}, {"plate_country": "PL"}):  # against PL, nothing is flagged
        compute_report(db_session, month=MONTH, reference_groups=references)  # the session's own statements first
        count_queries.clear()
        report = compute_report(db_session, month=MONTH, reference_groups=references)
        issued.append((len(report.flags), len(count_queries)))
    (flags, with_flags), (none, without) = issued
    assert flags > 0 == none and with_flags == without
