"""Write and verify the hash-chained audit log."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection, insert, update
from sqlmodel import Session, col, select

from ..db import insert_skipping_conflicts
from ..models import AuditEntry, AuditHead, table_of, utcnow
from ..models.audit import GENESIS_HASH
from .actions import FREE_TEXT_KEYS


class Actor(Protocol):
    """Who acted: a `User` row, or an `auth.access.Actor`.

    Read-only members, so the frozen `auth.access.Actor` satisfies it as well as a `User` row.
    """

    @property
    def username(self) -> str: ...

    @property
    def role(self) -> str: ...


CHAINED_FIELDS = ("seq", "at", "actor", "actor_role", "action", "target_type", "target_id", "details")


def entry_digest(prev_hash: str, entry: AuditEntry) -> str:
    """SHA-256 over the previous hash and this entry's content in canonical JSON."""
    before, after = payload_around_seq({name: getattr(entry, name) for name in CHAINED_FIELDS if name != "seq"})
    return chain_hash(prev_hash, before, entry.seq, after)


def chain_hash(prev_hash: str, before_seq: str, seq: int, after_seq: str) -> str:
    """The entry hash: SHA-256 of `prev_hash|{canonical JSON}`, the JSON given in two parts
    around the sequence number (so PostgreSQL can fill that in under the chain's lock)."""
    return hashlib.sha256(f"{prev_hash}|{before_seq}{seq}{after_seq}".encode()).hexdigest()


def payload_around_seq(content: dict) -> tuple[str, str]:
    """The canonical JSON of an entry's content (all chained fields but `seq`), split where the
    sequence number goes: sorted keys put `action` … `details` before it, `target_*` after."""
    content = {**content, "at": content["at"].isoformat()}
    before = _canonical({name: value for name, value in content.items() if name < "seq"})
    after = _canonical({name: value for name, value in content.items() if name > "seq"})
    return before[:-1] + ',"seq":', "," + after[1:]


def _canonical(value: dict) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def event_content(action: str, *, actor: Actor | None = None, target_type: str | None = None, target_id=None,
                  details: dict | None = None) -> dict:
    """An entry's chained fields but `seq`, stamped now (to the millisecond: SQLite keeps no more)."""
    at = utcnow()
    return {"at": at.replace(microsecond=(at.microsecond // 1000) * 1000),
            "actor": actor.username if actor else None, "actor_role": actor.role if actor else None,
            "action": action, "target_type": target_type,
            "target_id": None if target_id is None else str(target_id),
            "details": without_free_text(details or {})}


def without_free_text(details: dict) -> dict:
    """`details` with every free-text value replaced by `<key>_sha256`: its hash, not its words."""
    kept = {}
    for name, value in details.items():
        if name in FREE_TEXT_KEYS and isinstance(value, str):
            kept[f"{name}_sha256"] = hashlib.sha256(value.encode()).hexdigest()
        else:
            kept[name] = value
    return kept


_HEAD = table_of(AuditHead)
_ADVANCE = update(_HEAD).where(_HEAD.c.id == 1).values(seq=_HEAD.c.seq + 1).returning(_HEAD.c.seq, _HEAD.c.last_hash)


def _advance_head(connection: Connection) -> tuple[int, str]:
    # The UPDATE takes the head row's lock (PostgreSQL) or the write lock (SQLite) until commit,
    # so concurrent writers queue here instead of forking the chain.
    row = connection.execute(_ADVANCE).first()
    if row is None:
        _ensure_head(connection)
        row = connection.execute(_ADVANCE).first()
    if row is None:  # the head row was just created, so the UPDATE found it
        raise RuntimeError("the audit chain's head row is missing")
    return row[0], row[1]


def ensure_head(session: Session) -> None:
    """Create the chain's head row if missing; concurrent callers may race here safely."""
    _ensure_head(session.connection())


def _ensure_head(connection: Connection) -> None:
    statement = insert_skipping_conflicts(_HEAD, connection.dialect.name, ["id"])
    connection.execute(statement.values(id=1, seq=0, last_hash=GENESIS_HASH))


def record_event(session: Session, action: str, *, actor: Actor | None = None, target_type: str | None = None,
                 target_id=None, details: dict | None = None) -> None:
    """Append one event to the chain, in the session's transaction (committed with the request).

    Core statements, not ORM objects: every submitted stop appends one entry while holding the
    chain's lock, so this is kept as short as it can be.
    """
    session.flush()  # what the caller changed goes first, as it did when this flushed an ORM entry
    connection = session.connection()
    seq, prev_hash = _advance_head(connection)
    content = event_content(action, actor=actor, target_type=target_type, target_id=target_id, details=details)
    before, after = payload_around_seq(content)
    entry_hash = chain_hash(prev_hash, before, seq, after)
    connection.execute(insert(table_of(AuditEntry)),
                       {**content, "seq": seq, "prev_hash": prev_hash, "entry_hash": entry_hash})
    connection.execute(update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=entry_hash))


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the chain does not hold."""

    seq: int
    message: str


def verify_chain(session: Session, batch: int = 5000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return how many entries held and the first problem, if any."""
    query = select(AuditEntry).order_by(col(AuditEntry.seq)).execution_options(yield_per=batch)
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
    query = select(AuditEntry).order_by(col(AuditEntry.seq).desc())
    if action:
        query = query.where(AuditEntry.action == action)
    return list(session.exec(query.offset((page - 1) * per_page).limit(per_page)))
