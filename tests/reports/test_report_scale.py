"""Scale: the report page issues a bounded number of SQL queries, whatever the number of stops,
and never loads stops as ORM objects. (Timings are measured outside the test suite.)"""
from __future__ import annotations

import pytest
from sqlalchemy import event

from stopform.models import Stop
from stopform.reports.service import compute_report

MONTH = "2025-03"
# total, 3 dimensions x (6 count tests + repeat vehicles), traffic, veil and officer rows, areas,
# the trend, compliance (4), feedback, and the page's own (user, units, areas, audit log): well below.
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


def _flagged_trend_queries(report) -> int:
    """One trend query per flagged test and dimension that has a monthly count."""
    return len({(f["test"], f["dimension"]) for f in report.flags if f["test"] not in
                ("stop_rate_vs_traffic", "system_hit_rate_vs_traffic", "repeat_vehicle", "veil_of_darkness",
                 "officer_benchmark")})


def test_page_queries_do_not_grow_with_stops(english, login, seed_stops, db_session, count_queries, stop_loads):
    login("admin", unit=None)
    counts = []
    for count, seed in ((200, 5), (2500, 6)):
        seed_stops(count=count, seed=seed)
        count_queries.clear()
        assert english.get(f"/reports/{MONTH}").status_code == 200
        issued = len(count_queries)
        assert issued <= MAX_QUERIES
        counts.append(issued - _flagged_trend_queries(compute_report(db_session, month=MONTH)))
    assert counts[0] == counts[1]
    assert stop_loads == []
