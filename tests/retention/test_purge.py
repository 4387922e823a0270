"""`flask purge`: old record-level data goes, aggregates stay, and it is idempotent and logged."""
from datetime import date, timedelta

import pytest
from sqlmodel import select

from stopform.models import Amendment, AuditEntry, Receipt, ReceiptFeedback, Stop, StopReview, utcnow
from stopform.receipts.services import issue_receipt
from stopform.retention.services import purge
from stopform.stops.services import amend_stop
from tests.conftest import TEST_PSEUDONYM_KEY, valid_record


@pytest.fixture()
def old_and_new(app, db_session, make_user, make_stop, catalog):
    officer = make_user("officer")
    supervisor = make_user("supervisor")
    old = make_stop(officer, occurred_at=utcnow() - timedelta(days=430), latitude="51.194", longitude="5.987",
                    hit_reference="ALERT-1", with_receipt=False)
    new = make_stop(officer, with_receipt=False)
    credentials = issue_receipt(session=db_session, stop=old)
    issue_receipt(session=db_session, stop=new)
    amend_stop(session=db_session, stop=old, record=valid_record(duration_minutes=20, occurred_at=old.occurred_at),
               user=officer,
               reason="typo", catalog=catalog, pseudonym_key=TEST_PSEUDONYM_KEY)
    db_session.add(StopReview(stop_id=old.stop_id, reviewer_id=supervisor.id, outcome="ok", comment="fine"))
    old_month = (utcnow() - timedelta(days=430)).date().replace(day=1)
    db_session.add(ReceiptFeedback(month=old_month, unit="LIMBURG-NOORD", area="ROERMOND", respect=4))
    db_session.add(ReceiptFeedback(month=date.today().replace(day=1), unit="LIMBURG-NOORD", area="ROERMOND"))
    db_session.commit()
    return old, new, credentials


def test_dry_run_changes_nothing(runner, db_session, old_and_new):
    old, _, _ = old_and_new
    result = runner.invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0 and "would reduce 1 stops" in result.output
    db_session.refresh(old)
    assert old.purged_at is None and old.reason_text


def test_purge_reduces_old_records_and_keeps_aggregates(runner, client, db_session, old_and_new):
    old, new, credentials = old_and_new
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "reduced 1 stops; 1 amendments, 1 reviews, 1 receipts and 1 feedback answers deleted" in result.output
    db_session.expire_all()
    old, new = db_session.get(Stop, old.stop_id), db_session.get(Stop, new.stop_id)
    assert old.purged_at is not None
    assert (old.reason_text, old.vehicle_pseudonym, old.officer_ref, old.latitude, old.hit_reference) == \
        ("", "", "", None, None)
    assert old.legal_basis == "WVW160-1" and old.plate_country == "NL" and old.outcome == "fine"
    assert new.purged_at is None and new.reason_text and new.vehicle_pseudonym
    assert db_session.exec(select(Amendment)).first() is None
    assert db_session.exec(select(StopReview)).first() is None
    assert [r.stop_id for r in db_session.exec(select(Receipt))] == [new.stop_id]
    assert len(db_session.exec(select(ReceiptFeedback)).all()) == 1
    assert client.get(f"/r/{credentials.token}").status_code == 404
    logged = db_session.exec(select(AuditEntry).where(AuditEntry.action == "purge")).one()
    assert logged.details["stops_reduced"] == 1


def test_purge_is_idempotent(db_session, old_and_new):
    first = purge(session=db_session, months=12)
    second = purge(session=db_session, months=12)
    assert first.stops_reduced == 1 and second.stops_reduced == 0 and second.receipts_deleted == 0


def test_retention_period_is_configurable(db_session, old_and_new):
    assert purge(session=db_session, months=24, dry_run=True).stops_reduced == 0
    assert purge(session=db_session, months=1, dry_run=True).stops_reduced == 1
