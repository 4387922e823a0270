"""How validated rows are stored: chunk after chunk (on PostgreSQL, COPY on a helper thread
overlapping the next chunk's parsing), a storage error reaches the caller, and a large import
refreshes the planner's statistics."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import event, func, select

from stopform.imports.batches import Tally
from stopform.imports.stops import ANALYZE_AFTER_ROWS, import_stop_csv, refresh_statistics
from stopform.imports.storage import staging_for
from stopform.models import Stop, local_time_columns
from stopform.stops.services import record_values
from tests.conftest import TEST_PSEUDONYM_KEY, valid_record

from .conftest import csv_row


def test_many_small_chunks_store_every_row_once(app, db_session, write_csv):
    ids = [str(uuid.uuid4()) for _ in range(7)]
    path = write_csv([csv_row(stop_id=i) for i in ids] + [csv_row(stop_id=ids[0])])
    with app.app_context():
        tally = import_stop_csv(session=db_session, path=path, pseudonym_key=TEST_PSEUDONYM_KEY, chunk_size=2)
    stored = db_session.execute(select(func.count()).select_from(Stop)).scalar_one()
    assert (tally.rows, tally.inserted, tally.repeated, stored) == (8, 7, 1, 7)


def test_a_row_the_database_refuses_fails_the_import(db_session):
    record = valid_record()
    row = record_values(record, pseudonym_key=TEST_PSEUDONYM_KEY) | local_time_columns(record["occurred_at"])
    row |= {"stop_id": uuid.uuid4(), "reference": "0000-0000-00", "source": "import", "beyond_basis": False,
            "amended": False, "created_by_id": None, "recorded_at": record["occurred_at"], "officer_ref": "NL-1",
            "vehicle_pseudonym": "a" * 64, "local_date": None}  # local_date may not be NULL
    staging = staging_for(db_session)
    with pytest.raises(Exception, match="(?i)null"):
        staging.add([row])
        staging.finish()
    staging.close()
    db_session.rollback()


def test_a_large_import_refreshes_the_planner_statistics_and_a_small_one_does_not(db_session):
    statements = []
    connection = db_session.connection()
    event.listen(connection, "before_cursor_execute", lambda *args: statements.append(args[2]))
    refresh_statistics(db_session, Tally(inserted=ANALYZE_AFTER_ROWS - 1))
    assert statements == []
    refresh_statistics(db_session, Tally(inserted=ANALYZE_AFTER_ROWS))
    assert statements == ["ANALYZE stops"]
