"""The one recording path: a stop, its receipt and its audit entry, on SQLite step by step and
on PostgreSQL in one statement, for the form, the API and (its rows) the import alike."""
import uuid

import pytest
from sqlmodel import select

from stopform.audit.services import verify_chain
from stopform.auth.access import Actor
from stopform.models import AuditEntry, Receipt, Stop, User
from stopform.receipts.codes import new_token, secret_hash
from stopform.receipts.services import ReceiptError, registered_server_token, server_token
from stopform.stops import recording
from stopform.stops.recording import new_stop_row, record_stop
from tests.conftest import TEST_PSEUDONYM_KEY, UNIT, valid_record


@pytest.fixture()
def author(make_user):
    return make_user("officer")


def record(db_session, author, catalog, *, source="api", reference=None, token=None, **overrides):
    return record_stop(session=db_session, record=valid_record(stop_id=uuid.uuid4(), **overrides),
                       actor=Actor.of_user(author), catalog=catalog, pseudonym_key=TEST_PSEUDONYM_KEY,
                       source=source, reference=reference, receipt_token=token, submission_hash="f" * 64)


@pytest.mark.parametrize("source", ["form", "api"])
def test_stores_the_stop_its_receipt_and_a_chained_audit_entry(app, db_session, author, catalog, source):
    stored = record(db_session, author, catalog, source=source)
    stop = db_session.get(Stop, stored.stop_id)
    assert (stop.reference, stop.source, stop.created_by_id, stop.unit) == (stored.reference, source, author.id, UNIT)
    receipt = db_session.exec(select(Receipt).where(Receipt.stop_id == stop.stop_id)).one()
    assert (receipt.token_hash, receipt.minted_by) == (secret_hash(server_token(stop.stop_id)), "server")
    entry = db_session.exec(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert (entry.action, entry.actor, entry.target_id) == ("stop_created", author.username, str(stop.stop_id))
    assert entry.details == {"reference": stored.reference, "source": source}
    checked, problem = verify_chain(db_session)  # on PostgreSQL the database computed this entry's hash
    assert problem is None and checked == entry.seq


def test_the_author_can_be_shown_a_server_minted_receipt_again(app, db_session, author, catalog):
    stored = record(db_session, author, catalog, source="form")
    assert registered_server_token(session=db_session, stop=stored) == stored.receipt_token


def test_consecutive_stops_extend_the_chain(app, db_session, author, catalog):
    for _ in range(3):
        record(db_session, author, catalog)
    checked, problem = verify_chain(db_session)
    assert problem is None and checked >= 3


def test_the_import_builds_its_rows_with_the_same_function(app, db_session, author, catalog):
    fields = valid_record(stop_id=uuid.uuid4(), latitude="51.19412", longitude="5.98765", plate="gh-456-j")
    stored = record_stop(session=db_session, record=fields, actor=Actor.of_user(author), catalog=catalog,
                         pseudonym_key=TEST_PSEUDONYM_KEY, source="form")
    by_service = db_session.get(Stop, stored.stop_id).model_dump()
    row = new_stop_row(record={**fields, "officer_ref": author.service_number, "unit": UNIT}, catalog=catalog,
                       pseudonym_key=TEST_PSEUDONYM_KEY, source="form", author_id=author.id)
    compared = set(row) - {"recorded_at"}
    assert {name: row[name] for name in compared} == {name: by_service[name] for name in compared}


def test_a_stop_id_stored_already_stores_nothing(app, db_session, author, catalog):
    fields = valid_record(stop_id=uuid.uuid4())
    arguments = {"session": db_session, "record": fields, "actor": Actor.of_user(author), "catalog": catalog,
                 "pseudonym_key": TEST_PSEUDONYM_KEY, "source": "api"}
    record_stop(**arguments)
    entries = len(db_session.exec(select(AuditEntry.id)).all())
    assert record_stop(**arguments) is None
    assert len(db_session.exec(select(AuditEntry.id)).all()) == entries
    assert len(db_session.exec(select(Receipt.id).where(Receipt.stop_id == fields["stop_id"])).all()) == 1


def test_a_device_reference_in_use_stores_nothing(app, db_session, author, catalog):
    first = record(db_session, author, catalog, reference="7KQ4-M2XD-9P")
    second = record(db_session, author, catalog, reference=first.reference)
    assert second is None


def test_a_server_reference_that_clashes_is_drawn_again(app, db_session, author, catalog, monkeypatch):
    taken = record(db_session, author, catalog).reference
    draws = iter([taken, "ABCD-EFGH-12"])
    monkeypatch.setattr(recording, "new_reference", lambda: next(draws))
    assert record(db_session, author, catalog).reference == "ABCD-EFGH-12"


def test_a_device_token_of_another_stop_is_refused(app, db_session, author, catalog):
    token = new_token()
    record(db_session, author, catalog, token=token)
    with pytest.raises(ReceiptError):
        record(db_session, author, catalog, token=token)


def test_remembers_the_area_of_the_latest_stop(app, db_session, author, catalog):
    record(db_session, author, catalog, area="VENLO")
    db_session.expire_all()
    assert db_session.get(User, author.id).last_area == "VENLO"
