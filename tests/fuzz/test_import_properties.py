"""Property-based tests of the stop CSV importer: any cell values or raw bytes end in either a
clean import or a refusal that names lines and columns; never an exception, never half a file."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from stopform.imports.problems import ImportRefused
from stopform.imports.stops import import_stop_csv
from stopform.models import Stop
from tests.conftest import TEST_PSEUDONYM_KEY
from tests.imports.conftest import csv_row

SETTINGS = settings(max_examples=50, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
COLUMNS = list(csv_row())
CELLS = st.one_of(st.text(max_size=80),
                  st.sampled_from(["", "true", "false", "-1", "1e309", "NaN", "2024-02-30T10:00:00+01:00",
                                   "ROERMOND", "WVW160-1", "CONSENT", "XX", "\u202e"]))
PROBLEM_LINE = re.compile(r"^line \d+, column [^:]+: .+")


def stop_count(session) -> int:
    return session.exec(select(func.count()).select_from(Stop)).one()


def run_import(session, path):
    """As `flask import-stops` does: a refusal rolls the whole file back (here to a savepoint, so
    each example stays apart)."""
    try:
        with session.begin_nested():
            return import_stop_csv(session=session, path=path, pseudonym_key=TEST_PSEUDONYM_KEY), None
    except ImportRefused as refused:
        return None, refused


@given(rows=st.lists(st.dictionaries(st.sampled_from(COLUMNS), CELLS, max_size=5), min_size=1, max_size=4))
@SETTINGS
def test_any_cells_import_cleanly_or_are_refused_with_line_and_column(app, db_session, tmp_path_factory, rows):
    import csv
    path = tmp_path_factory.mktemp("csv") / "stops.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows([csv_row(**overrides) for overrides in rows])
    before = stop_count(db_session)
    tally, refused = run_import(db_session, path)
    if refused is None:
        assert tally is not None
    else:
        messages = refused.problems.messages
        assert messages and all(PROBLEM_LINE.match(message) for message in messages), messages
        assert stop_count(db_session) == before  # all rows or none


@given(data=st.binary(max_size=400))
@SETTINGS
def test_arbitrary_bytes_never_crash_the_importer(app, db_session, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("raw") / "stops.csv"
    path.write_bytes(data)
    before = stop_count(db_session)
    tally, refused = run_import(db_session, path)
    assert (tally is None) != (refused is None)
    if refused is not None:
        assert stop_count(db_session) == before
