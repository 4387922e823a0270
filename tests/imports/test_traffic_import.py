"""import-traffic: validation, all-or-nothing, idempotency, replacement of changed counts."""
from __future__ import annotations

from sqlalchemy import func, select

from stopform.models import TrafficCount


def _row(**overrides) -> dict[str, str]:
    row = {"period_start": "2025-03-01", "period_end": "2025-03-31", "area": "VENLO", "plate_country": "NL",
           "passages": "120000", "hits": "40"}
    row.update(overrides)
    return row


def _import(runner, path):
    return runner.invoke(args=["import-traffic", str(path)])


def _stored(db_session) -> dict:
    rows = db_session.execute(select(TrafficCount)).scalars().all()
    return {(r.area, r.plate_country): (r.passages, r.hits) for r in rows}


def test_counts_are_stored_and_reimport_changes_nothing(runner, db_session, write_csv):
    path = write_csv([_row(), _row(plate_country="PL", passages="900", hits="")], name="traffic.csv")
    first = _import(runner, path)
    assert first.exit_code == 0, first.output
    assert "2 counts added, 0 replaced, 0 unchanged." in first.output
    assert _stored(db_session) == {("VENLO", "NL"): (120000, 40), ("VENLO", "PL"): (900, None)}
    again = _import(runner, path)
    assert "0 counts added, 0 replaced, 2 unchanged." in again.output


def test_a_changed_count_replaces_the_stored_one_and_says_so(runner, db_session, write_csv):
    _import(runner, write_csv([_row()], name="first.csv"))
    result = _import(runner, write_csv([_row(passages="125000")], name="fixed.csv"))
    assert "0 counts added, 1 replaced, 0 unchanged." in result.output
    assert "replaced: 2025-03-01 to 2025-03-31, VENLO, NL" in result.output
    assert _stored(db_session) == {("VENLO", "NL"): (125000, 40)}
    assert db_session.execute(select(func.count()).select_from(TrafficCount)).scalar_one() == 1


def test_bad_rows_are_listed_and_nothing_is_stored(runner, db_session, write_csv):
    rows = [_row(), _row(area="ATLANTIS"), _row(plate_country="XQ", passages="-1"), _row(period_end="2025-02-01"),
            _row(hits="200000"), _row(period_start="March"), _row()]
    result = _import(runner, write_csv(rows, name="bad.csv"))
    assert result.exit_code != 0
    for message in ("line 3, column area: unknown area", "line 4, column passages: must be 0 or more",
                    "line 5, column period_end: before period_start", "line 6, column hits: more alerts than passages",
                    "line 7, column period_start: not a date", "line 8, column period_start: the same period"):
        assert message in result.output, message
    assert _stored(db_session) == {}


def test_missing_header_column_is_refused(runner, write_csv):
    row = _row()
    del row["passages"]
    assert "line 1, column passages: missing from the header" in _import(runner, write_csv([row])).output
