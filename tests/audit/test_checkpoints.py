"""Signed checkpoints: the rewrite a database writer can do (edit an entry, recompute every hash
after it; or cut the tail and move the head back) passes the chain check alone but not a
checkpoint kept outside the database."""
import json

import pytest
from sqlalchemy import delete, update
from sqlmodel import select

from stopform.audit.services import entry_digest, record_event
from stopform.models import AuditEntry, AuditHead


@pytest.fixture()
def signing_key(app, runner, tmp_path):
    key_file = tmp_path / "audit-signing.pem"
    result = runner.invoke(args=["audit-keygen", "--out", str(key_file)])
    assert result.exit_code == 0, result.output
    app.config["AUDIT_SIGNING_KEY_FILE"] = str(key_file)
    public_file = tmp_path / "audit-public.txt"
    public_file.write_text(result.stdout.strip() + "\n")
    return key_file, public_file


@pytest.fixture()
def checkpointed(db_session, runner, signing_key, tmp_path):
    """Ten entries, then a checkpoint of the head, then five more."""
    for number in range(10):
        record_event(db_session, "test_event", target_type="n", target_id=number, details={"n": number})
    db_session.commit()
    checkpoint = tmp_path / "checkpoint.json"
    result = runner.invoke(args=["audit-checkpoint", "--out", str(checkpoint)])
    assert result.exit_code == 0, result.output
    for number in range(5):
        record_event(db_session, "test_event", target_type="n", target_id=100 + number)
    db_session.commit()
    return checkpoint


def entries(db_session) -> list[AuditEntry]:
    return list(db_session.exec(select(AuditEntry).order_by(AuditEntry.seq)))


def rewrite_from(db_session, seq: int, details: dict) -> None:
    """What an attacker with write access does: edit one entry, recompute the chain from there."""
    prev_hash = None
    for entry in entries(db_session):
        if entry.seq < seq:
            prev_hash = entry.entry_hash
            continue
        if entry.seq == seq:
            entry.details = details
        entry.prev_hash = prev_hash if prev_hash is not None else entry.prev_hash
        entry.entry_hash = entry_digest(entry.prev_hash, entry)
        prev_hash = entry.entry_hash
        db_session.add(entry)
    db_session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_hash=prev_hash))
    db_session.commit()


def test_checkpoint_is_signed_and_the_log_extends_it(runner, checkpointed, signing_key):
    fields = json.loads(checkpointed.read_text())
    assert fields["format"] == "stopform-audit-checkpoint/1" and len(fields["signature"]) == 128
    result = runner.invoke(args=["verify-audit", "--checkpoint", str(checkpointed),
                                 "--public-key", str(signing_key[1])])
    assert result.exit_code == 0, result.output
    assert f"extends checkpoint {checkpointed} (entry {fields['seq']}" in result.output


def test_checkpoint_is_itself_audited(db_session, checkpointed):
    logged = db_session.exec(select(AuditEntry).where(AuditEntry.action == "audit_checkpoint")).one()
    assert logged.target_id == str(json.loads(checkpointed.read_text())["seq"])


def test_rewritten_entry_with_recomputed_hashes_is_caught_only_by_the_checkpoint(runner, db_session,
                                                                                 checkpointed):
    target = json.loads(checkpointed.read_text())["seq"] - 4
    rewrite_from(db_session, target, {"n": "forged"})
    alone = runner.invoke(args=["verify-audit"])
    assert alone.exit_code == 0  # the limit of a database-only check (docs/security.md)
    result = runner.invoke(args=["verify-audit", "--checkpoint", str(checkpointed)])
    assert result.exit_code != 0
    assert "no longer has the hash signed" in result.output and "rewritten" in result.output


def test_cut_tail_with_the_head_moved_back_is_caught(runner, db_session, checkpointed):
    keep = json.loads(checkpointed.read_text())["seq"] - 2
    kept = [e for e in entries(db_session) if e.seq <= keep]
    db_session.execute(delete(AuditEntry).where(AuditEntry.seq > keep))
    db_session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=keep, last_hash=kept[-1].entry_hash))
    db_session.commit()
    assert runner.invoke(args=["verify-audit"]).exit_code == 0
    result = runner.invoke(args=["verify-audit", "--checkpoint", str(checkpointed)])
    assert result.exit_code != 0 and f"the log ends at entry {keep}" in result.output


def test_a_forged_checkpoint_is_refused(runner, checkpointed):
    fields = json.loads(checkpointed.read_text())
    fields["seq"] -= 1
    checkpointed.write_text(json.dumps(fields))
    result = runner.invoke(args=["verify-audit", "--checkpoint", str(checkpointed)])
    assert result.exit_code != 0 and "signature does not match" in result.output


def test_a_checkpoint_signed_by_another_key_is_refused(runner, checkpointed, tmp_path):
    other = runner.invoke(args=["audit-keygen", "--out", str(tmp_path / "other.pem")])
    (tmp_path / "other.txt").write_text(other.stdout)
    result = runner.invoke(args=["verify-audit", "--checkpoint", str(checkpointed),
                                 "--public-key", str(tmp_path / "other.txt")])
    assert result.exit_code != 0 and "another key" in result.output


def test_checkpoint_needs_a_configured_key(app, runner):
    app.config["AUDIT_SIGNING_KEY_FILE"] = None
    result = runner.invoke(args=["audit-checkpoint"])
    assert result.exit_code != 0 and "STOPFORM_AUDIT_SIGNING_KEY_FILE" in result.output


def test_keygen_never_overwrites_a_key(runner, signing_key):
    result = runner.invoke(args=["audit-keygen", "--out", str(signing_key[0])])
    assert result.exit_code != 0 and "not overwriting" in result.output
