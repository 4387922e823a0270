"""Write and verify the hash-chained audit log."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, select

from ..models import AuditEntry, AuditHead, User
from ..models.audit import GENESIS_HASH


def entry_digest(prev_hash: str, entry: AuditEntry) -> str:
    """SHA-256 over the previous hash and this entry's content in canonical JSON."""
    content = {"seq": entry.seq, "at": entry.at.isoformat(), "actor": entry.actor, "actor_role": entry.actor_role,
               "action": entry.action, "target_type": entry.target_type, "target_id": entry.target_id,
               "details": entry.details}
    payload = prev_hash + "|" + json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _advance_head(session: Session) -> tuple[int, str]:
    # The UPDATE takes the head row's lock (PostgreSQL) or the write lock (SQLite) until commit,
    # so concurrent writers queue here instead of forking the chain.
    statement = (update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1)
                 .returning(AuditHead.seq, AuditHead.last_hash))
    row = session.execute(statement).first()
    if row is None:
        ensure_head(session)
        row = session.execute(statement).first()
    return row[0], row[1]


def ensure_head(session: Session) -> None:
    """Create the chain's head row if missing; concurrent callers may race here safely."""
    dialect = session.get_bind().dialect.name
    values = {"id": 1, "seq": 0, "last_hash": GENESIS_HASH}
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only the two supported databases
        raise RuntimeError(f"unsupported database {dialect}")
    session.execute(insert(AuditHead).values(**values).on_conflict_do_nothing(index_elements=["id"]))


def record_event(session: Session, action: str, *, actor: User | None = None, target_type: str | None = None,
                 target_id=None, details: dict | None = None) -> AuditEntry:
    """Append one event to the chain (flushed; committed with the request's transaction)."""
    seq, prev_hash = _advance_head(session)
    entry = AuditEntry(seq=seq, actor=actor.username if actor else None, actor_role=actor.role if actor else None,
                       action=action, target_type=target_type, target_id=None if target_id is None else str(target_id),
                       details=details or {}, prev_hash=prev_hash, entry_hash="")
    entry.at = entry.at.replace(microsecond=(entry.at.microsecond // 1000) * 1000)  # portable precision
    entry.entry_hash = entry_digest(prev_hash, entry)
    session.add(entry)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_hash=entry.entry_hash))
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the chain does not hold."""

    seq: int
    message: str


def verify_chain(session: Session, batch: int = 5000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return how many entries held and the first problem, if any."""
    query = select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=batch)
    result = session.exec(query)
    try:
        checked, prev_hash, problem = _walk(result)
    finally:
        result.close()  # a server-side cursor on PostgreSQL: close it even when we stop early
    if problem is not None:
        return checked, problem
    head = session.get(AuditHead, 1)
    if head is not None and (head.seq != checked or head.last_hash != prev_hash):
        return checked, ChainProblem(checked + 1, f"entries after {checked} were removed (head at {head.seq})")
    return checked, None


def _walk(entries) -> tuple[int, str, ChainProblem | None]:
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    for entry in entries:
        if entry.seq != expected_seq:
            kind = "removed" if entry.seq > expected_seq else "reordered or duplicated"
            return checked, prev_hash, ChainProblem(expected_seq, f"entry {expected_seq} is missing ({kind}); "
                                                                  f"found {entry.seq}")
        if entry.prev_hash != prev_hash:
            return checked, prev_hash, ChainProblem(entry.seq, f"entry {entry.seq} does not follow entry "
                                                               f"{entry.seq - 1} (removed or reordered)")
        if entry_digest(prev_hash, entry) != entry.entry_hash:
            return checked, prev_hash, ChainProblem(entry.seq, f"entry {entry.seq} was altered (hash mismatch)")
        prev_hash, expected_seq, checked = entry.entry_hash, expected_seq + 1, checked + 1
    return checked, prev_hash, None


def latest_entries(session: Session, *, page: int = 1, per_page: int = 50,
                   action: str | None = None) -> list[AuditEntry]:
    """Newest entries first, optionally of one action."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    return list(session.exec(query.offset((page - 1) * per_page).limit(per_page)))
