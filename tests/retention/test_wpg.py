"""Retention under the Wpg: fields cleared, time coarsened, legal holds respected and audited,
final deletion at the statutory maximum with counts only, the period capped, the chain intact."""
import uuid
from datetime import timedelta

import pytest
from sqlmodel import select

from stopform import create_app
from stopform.audit.services import verify_chain
from stopform.config import ConfigError
from stopform.models import AuditEntry, Receipt, Stop, StopTally, utcnow
from stopform.receipts.services import issue_receipt
from stopform.retention.holds import HoldError, set_legal_hold
from stopform.retention.policy import MAX_RETENTION_MONTHS, RetentionError
from stopform.retention.services import purge

PRIVATE = {"driver_nationality": "PL", "identity_document_seen": True, "perceived_origin": "europe",
           "reason_for_person": "Your car matched a report.", "suspected_offence": "Theft",
           "supervised_law": "Wet wegvervoer goederen"}


@pytest.fixture()
def aged(app, db_session, make_user, make_stop):
    """Stops of 14 months, 11 years and 11 years under a hold, and a new one."""
    officer = make_user("officer")
    supervisor = make_user("supervisor")
    now = utcnow()
    stops = {name: make_stop(officer, occurred_at=now - age, **PRIVATE)
             for name, age in (("old", timedelta(days=430)), ("ancient", timedelta(days=4030)),
                               ("held", timedelta(days=4030)), ("new", timedelta(minutes=30)))}
    for stop in stops.values():
        issue_receipt(session=db_session, stop=stop)
    set_legal_hold(session=db_session, user=supervisor, stop_id=stops["held"].stop_id, held=True,
                   reason="Complaint K-2026-17")
    db_session.commit()
    return stops, supervisor


def test_reduction_clears_special_categories_and_free_text_and_coarsens_the_time(db_session, aged):
    stops, _ = aged
    report = purge(session=db_session, months=12)
    assert report.stops_reduced == 1 and report.stops_deleted == 1 and report.stops_held == 1
    db_session.expire_all()
    old = db_session.get(Stop, stops["old"].stop_id)
    assert all(getattr(old, name) in (None, "") for name in
               ("driver_nationality", "perceived_origin", "reason_for_person", "suspected_offence", "supervised_law",
                "reason_text", "officer_ref"))
    assert (old.occurred_at.minute, old.occurred_at.second, old.occurred_at.microsecond) == (0, 0, 0)
    assert old.legal_basis == "WVW160-1" and old.local_hour == stops["old"].local_hour
    assert db_session.exec(select(Receipt).where(Receipt.stop_id == old.stop_id)).first() is None
    new = db_session.get(Stop, stops["new"].stop_id)
    assert new.purged_at is None and new.driver_nationality == "PL"


def test_final_deletion_keeps_only_counts_and_respects_the_hold(db_session, aged):
    stops, _ = aged
    purge(session=db_session, months=12)
    db_session.expire_all()
    assert db_session.get(Stop, stops["ancient"].stop_id) is None
    held = db_session.get(Stop, stops["held"].stop_id)
    assert held is not None and held.purged_at is None and held.driver_nationality == "PL"
    tally = db_session.exec(select(StopTally)).one()
    assert tally.stops == 1 and tally.legal_basis == "WVW160-1" and tally.month.day == 1
    assert purge(session=db_session, months=12).stops_deleted == 0  # idempotent


def test_lifting_the_hold_lets_the_purge_proceed_and_both_are_audited(db_session, aged):
    stops, supervisor = aged
    set_legal_hold(session=db_session, user=supervisor, stop_id=stops["held"].stop_id, held=False,
                   reason="Complaint K-2026-17 decided")
    assert purge(session=db_session, months=12).stops_deleted == 2
    actions = [e.action for e in db_session.exec(select(AuditEntry).where(AuditEntry.target_type == "stop"))]
    assert "legal_hold_set" in actions and "legal_hold_lifted" in actions
    logged = db_session.exec(select(AuditEntry).where(AuditEntry.action == "legal_hold_set")).one()
    assert "K-2026-17" not in str(logged.details) and len(logged.details["reason_sha256"]) == 64


def test_only_supervisors_and_admins_may_hold(db_session, aged, make_user):
    stops, _ = aged
    with pytest.raises(HoldError):
        set_legal_hold(session=db_session, user=make_user("officer"), stop_id=stops["new"].stop_id, held=True,
                       reason="x")
    with pytest.raises(HoldError):
        set_legal_hold(session=db_session, user=make_user("supervisor", unit="LIMBURG-ZUID"),
                       stop_id=stops["new"].stop_id, held=True, reason="x")
    with pytest.raises(HoldError):
        set_legal_hold(session=db_session, user=make_user("admin"), stop_id=uuid.uuid4(), held=True, reason="x")


def test_hold_from_the_stop_page(client, auth, db_session, aged):
    stops, supervisor = aged
    auth.login(supervisor.username)
    stop_id = stops["new"].stop_id
    assert "Set a legal hold" in client.get(f"/stops/{stop_id}?lang=en").get_data(as_text=True)
    response = client.post(f"/stops/{stop_id}/legal-hold", data={"held": "1", "reason": "Case 12"})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(Stop, stop_id).legal_hold is True


def test_retention_period_is_capped_by_the_wpg(db_session):
    with pytest.raises(RetentionError):
        purge(session=db_session, months=MAX_RETENTION_MONTHS + 1, dry_run=True)
    with pytest.raises(ConfigError):
        create_app({"TESTING": True, "RETENTION_MONTHS": MAX_RETENTION_MONTHS + 1})


def test_dry_run_names_the_final_deletion_and_the_holds(runner, aged):
    result = runner.invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would reduce 1 stops" in result.output
    assert "1 stops would be deleted, kept as counts only; 1 stops under a legal hold left alone" in result.output


def test_audit_chain_verifies_after_a_purge(runner, db_session, aged):
    assert runner.invoke(args=["purge"]).exit_code == 0
    assert runner.invoke(args=["verify-audit"]).exit_code == 0
    assert verify_chain(db_session)[1] is None
