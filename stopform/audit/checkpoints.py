"""Signed checkpoints of the audit chain's head, kept outside the database.

The hash chain alone proves only that the log is consistent with itself: whoever can write the
database can edit an entry and recompute every hash after it. A checkpoint is the head's
sequence number and hash at one moment, signed with an Ed25519 key that is not in the database
(RFC 8032). The oversight body keeps the checkpoint files; later, `verify-audit --checkpoint`
checks that the log still holds the checkpointed entry with the same hash. Because each hash
covers every entry before it, that proves the log up to the checkpoint was neither rewritten
nor cut back.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlmodel import Session, col, select

from ..models import AuditEntry, AuditHead, utcnow
from ..models.audit import GENESIS_HASH

CHECKPOINT_FORMAT = "stopform-audit-checkpoint/1"
SIGNED_FIELDS = ("format", "seq", "entry_hash", "made_at", "public_key")


class CheckpointError(ValueError):
    """A key or checkpoint file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Checkpoint:
    """The chain's head at one moment, with the signature over it."""

    seq: int
    entry_hash: str
    made_at: str
    public_key: str
    signature: str

    def signed_bytes(self) -> bytes:
        """The canonical JSON the signature covers."""
        return _canonical({"format": CHECKPOINT_FORMAT, "seq": self.seq, "entry_hash": self.entry_hash,
                           "made_at": self.made_at, "public_key": self.public_key})

    def to_json(self) -> str:
        """The file's content."""
        fields = {"format": CHECKPOINT_FORMAT, "seq": self.seq, "entry_hash": self.entry_hash,
                  "made_at": self.made_at, "public_key": self.public_key, "signature": self.signature}
        return json.dumps(fields, indent=2) + "\n"


def _canonical(value: dict) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def public_key_hex(key: Ed25519PublicKey) -> str:
    """The raw 32-byte public key in hex, as checkpoints and key files name it."""
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def new_signing_key() -> tuple[bytes, str]:
    """A fresh key: its private PEM (to keep secret) and the public key in hex (to hand out)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return pem, public_key_hex(key.public_key())


def load_signing_key(path: str | Path) -> Ed25519PrivateKey:
    """The Ed25519 private key in the PEM file at `path`."""
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise CheckpointError(f"cannot read the signing key {path}: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise CheckpointError(f"{path} is not an Ed25519 private key")
    return key


def load_public_key(text: str) -> Ed25519PublicKey:
    """A public key given as 64 hex digits (what `audit-keygen` prints) or a PEM block."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(text.encode())
        else:
            key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))
    except ValueError as error:
        raise CheckpointError(f"not an Ed25519 public key: {error}") from error
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError("not an Ed25519 public key")
    return key


def make_checkpoint(session: Session, key: Ed25519PrivateKey) -> Checkpoint:
    """Sign the chain's current head."""
    head = session.get(AuditHead, 1)
    seq, entry_hash = (head.seq, head.last_hash) if head is not None else (0, GENESIS_HASH)
    unsigned = Checkpoint(seq=seq, entry_hash=entry_hash, made_at=utcnow().isoformat(timespec="seconds"),
                          public_key=public_key_hex(key.public_key()), signature="")
    return Checkpoint(**{**unsigned.__dict__, "signature": key.sign(unsigned.signed_bytes()).hex()})


def read_checkpoint(text: str, trusted: Ed25519PublicKey) -> Checkpoint:
    """Parse a checkpoint file and check its signature against the trusted public key."""
    try:
        fields = json.loads(text)
        checkpoint = Checkpoint(seq=int(fields["seq"]), entry_hash=str(fields["entry_hash"]),
                                made_at=str(fields["made_at"]), public_key=str(fields["public_key"]),
                                signature=str(fields["signature"]))
        valid_format = fields.get("format") == CHECKPOINT_FORMAT
    except (ValueError, KeyError, TypeError) as error:
        raise CheckpointError(f"not a checkpoint file ({error})") from error
    if not valid_format:
        raise CheckpointError(f"not a checkpoint file (format is not {CHECKPOINT_FORMAT})")
    if checkpoint.public_key != public_key_hex(trusted):
        raise CheckpointError("signed with another key than the trusted one")
    try:
        trusted.verify(bytes.fromhex(checkpoint.signature), checkpoint.signed_bytes())
    except (InvalidSignature, ValueError) as error:
        raise CheckpointError("the signature does not match: the file was altered or forged") from error
    return checkpoint


def extension_problem(session: Session, checkpoint: Checkpoint) -> str | None:
    """Why the log does not extend `checkpoint`, or None when it does.

    Run after the chain itself verified: then the checkpointed entry's hash still being the
    signed one means nothing up to it changed.
    """
    if checkpoint.seq == 0:
        return None if checkpoint.entry_hash == GENESIS_HASH else "an empty-log checkpoint with a non-empty hash"
    stored = session.exec(select(AuditEntry.entry_hash).where(AuditEntry.seq == checkpoint.seq)).first()
    if stored is None:
        last = session.exec(select(AuditEntry.seq).order_by(col(AuditEntry.seq).desc())).first() or 0
        return (f"entry {checkpoint.seq} of the checkpoint made {checkpoint.made_at} is gone: the log ends at "
                f"entry {last} (its tail was removed)")
    if stored != checkpoint.entry_hash:
        return (f"entry {checkpoint.seq} no longer has the hash signed at {checkpoint.made_at}: the log was "
                f"rewritten at or before entry {checkpoint.seq}")
    return None
