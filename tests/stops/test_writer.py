"""The API's write path: one stop, its receipt and its audit entry, on SQLite step by step and on
PostgreSQL in one statement. Both must store what the ORM service stores and keep the chain whole."""
import uuid

import pytest
from sqlmodel import select

from stopform.audit.services import verify_chain
from stopform.models import AuditEntry, Receipt, Stop, User
from stopform.receipts.codes import new_token, secret_hash
from stopform.receipts.services import ReceiptError, server_token
from stopform.stops import writer
from stopform.stops.services import create_stop
from stopform.stops.writer import NewStop, new_stop_row, store_new_stop
from tests.conftest import TEST_PSEUDONYM_KEY, UNIT, valid_record

ROW_FIELDS_SET_BY_THE_WRITER = {"stop_id", "reference", "recorded_at", "source", "submission_hash"}


@pytest.fixture()
def author(make_user):
    return make_user("officer")


def new_stop(author, catalog, *, reference=None, token=None, **overrides) -> NewStop:
    record = valid_record(stop_id=uuid.uuid4(), **overrides)
    row = new_stop_row(record=record, author_id=author.id, officer_ref=author.service_number, unit=UNIT,
                       catalog=catalog, pseudonym_key=TEST_PSEUDONYM_KEY, source="api", submission_hash="f" * 64)
    return NewStop(row=row, reference=reference, receipt_token=token or server_token(row["stop_id"]),
                   receipt_minted_by="device" if token else "server")


def test_stores_the_stop_its_receipt_and_a_chained_audit_entry(app, db_session, author, catalog):
    new = new_stop(author, catalog)
    stored = store_new_stop(db_session, new, author)
    stop = db_session.get(Stop, new.row["stop_id"])
    assert (stop.reference, stop.source, stop.created_by_id) == (stored.reference, "api", author.id)
    receipt = db_session.exec(select(Receipt).where(Receipt.stop_id == stop.stop_id)).one()
    assert (receipt.token_hash, receipt.minted_by) == (secret_hash(new.receipt_token), "server")
    entry = db_session.exec(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (entry.action, entry.actor, entry.target_id) == ("stop_created", author.username, str(stop.stop_id))
    assert entry.details == {"reference": stored.reference, "source": "api"}
    checked, problem = verify_chain(db_session)  # on PostgreSQL the database computed this entry's hash
    assert problem is None and checked == entry.seq


def test_consecutive_stops_extend_the_chain(app, db_session, author, catalog):
    for _ in range(3):
        store_new_stop(db_session, new_stop(author, catalog), author)
    checked, problem = verify_chain(db_session)
    assert problem is None and checked >= 3


def test_the_row_equals_what_the_orm_service_stores(app, db_session, author, catalog):
    record = valid_record(stop_id=uuid.uuid4(), latitude="51.19412", longitude="5.98765", plate="gh-456-j")
    by_orm = create_stop(session=db_session, record=record, user=author, catalog=catalog,
                         pseudonym_key=TEST_PSEUDONYM_KEY, audit=False)
    row = new_stop_row(record={**record, "stop_id": uuid.uuid4()}, author_id=author.id,
                       officer_ref=author.service_number, unit=UNIT, catalog=catalog,
                       pseudonym_key=TEST_PSEUDONYM_KEY, source="api", submission_hash=None)
    expected = {name: value for name, value in by_orm.model_dump().items() if name not in ROW_FIELDS_SET_BY_THE_WRITER}
    assert {name: row[name] for name in expected} == expected


def test_a_stop_id_stored_already_stores_nothing(app, db_session, author, catalog):
    new = new_stop(author, catalog)
    store_new_stop(db_session, new, author)
    entries = len(db_session.exec(select(AuditEntry.id)).all())
    assert store_new_stop(db_session, new, author) is None
    assert len(db_session.exec(select(AuditEntry.id)).all()) == entries
    assert len(db_session.exec(select(Receipt.id).where(Receipt.stop_id == new.row["stop_id"])).all()) == 1


def test_a_device_reference_in_use_stores_nothing(app, db_session, author, catalog):
    first = store_new_stop(db_session, new_stop(author, catalog, reference="7KQ4M2XD9P"), author)
    second = new_stop(author, catalog, reference=first.reference)
    assert store_new_stop(db_session, second, author) is None
    assert db_session.get(Stop, second.row["stop_id"]) is None


def test_a_server_reference_that_clashes_is_drawn_again(app, db_session, author, catalog, monkeypatch):
    taken = store_new_stop(db_session, new_stop(author, catalog), author).reference
    draws = iter([taken, "ABCDEFGH12"])
    monkeypatch.setattr(writer, "new_reference", lambda: next(draws))
    assert store_new_stop(db_session, new_stop(author, catalog), author).reference == "ABCDEFGH12"


def test_a_device_token_of_another_stop_is_refused(app, db_session, author, catalog):
    token = new_token()
    store_new_stop(db_session, new_stop(author, catalog, token=token), author)
    with pytest.raises(ReceiptError):
        store_new_stop(db_session, new_stop(author, catalog, token=token), author)


def test_remembers_the_area_of_the_latest_stop(app, db_session, author, catalog):
    store_new_stop(db_session, new_stop(author, catalog, area="VENLO"), author)
    db_session.expire_all()
    assert db_session.get(User, author.id).last_area == "VENLO"
