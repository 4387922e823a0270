"""`flask verify-audit`, `flask audit-checkpoint` and `flask audit-keygen`."""
from __future__ import annotations

import os
from pathlib import Path

import click
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from flask import current_app
from flask.cli import with_appcontext

from ..audit.checkpoints import (
    Checkpoint,
    CheckpointError,
    extension_problem,
    load_public_key,
    load_signing_key,
    make_checkpoint,
    new_signing_key,
    read_checkpoint,
)
from ..audit.services import record_event, verify_chain
from ..db import new_session


@click.command("verify-audit")
@click.option("--checkpoint", "checkpoints", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A signed checkpoint file; the log must still extend it. Repeatable.")
@click.option("--public-key", "public_key_file", type=click.Path(exists=True, dir_okay=False),
              help="The trusted public key (default: STOPFORM_AUDIT_PUBLIC_KEY_FILE, else the signing key's).")
@with_appcontext
def verify_audit_command(checkpoints: tuple[str, ...], public_key_file: str | None) -> None:
    """Check the audit chain, and that it still extends every checkpoint given."""
    parsed: list[tuple[str, Checkpoint]] = []
    if checkpoints:  # no key is needed (or looked for) when there is nothing to check against it
        trusted = _trusted_key(public_key_file)
        try:
            parsed = [(path, read_checkpoint(Path(path).read_text(), trusted)) for path in checkpoints]
        except CheckpointError as error:
            raise click.ClickException(f"checkpoint refused: {error}") from error
    with new_session() as session:
        checked, problem = verify_chain(session)
        if problem is not None:
            raise click.ClickException(f"audit chain broken at entry {problem.seq}: {problem.message} "
                                       f"({checked} entries before it hold)")
        for path, checkpoint in parsed:
            reason = extension_problem(session, checkpoint)
            if reason is not None:
                raise click.ClickException(f"audit log does not extend checkpoint {path}: {reason}")
    click.echo(f"audit chain intact: {checked} entries")
    for path, checkpoint in parsed:
        click.echo(f"extends checkpoint {path} (entry {checkpoint.seq}, signed {checkpoint.made_at})")


def _trusted_key(public_key_file: str | None) -> Ed25519PublicKey:
    path = public_key_file or current_app.config.get("AUDIT_PUBLIC_KEY_FILE")
    try:
        if path:
            return load_public_key(Path(path).read_text())
        return _signing_key().public_key()
    except (CheckpointError, OSError) as error:
        raise click.ClickException(str(error)) from error


def _signing_key() -> Ed25519PrivateKey:
    path = current_app.config.get("AUDIT_SIGNING_KEY_FILE")
    if not path:
        raise click.ClickException("set STOPFORM_AUDIT_SIGNING_KEY_FILE (or pass --public-key to verify)")
    try:
        return load_signing_key(path)
    except CheckpointError as error:
        raise click.ClickException(str(error)) from error


@click.command("audit-checkpoint")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, writable=True),
              help="Write the checkpoint here (default: standard output).")
@with_appcontext
def audit_checkpoint_command(out_file: str | None) -> None:
    """Sign the audit chain's head with STOPFORM_AUDIT_SIGNING_KEY_FILE, for the oversight body to keep."""
    key = _signing_key()
    with new_session() as session:
        checked, problem = verify_chain(session)
        if problem is not None:
            raise click.ClickException(f"refusing to sign a broken chain (entry {problem.seq}: {problem.message})")
        checkpoint = make_checkpoint(session, key)
        record_event(session, "audit_checkpoint", target_type="audit_entry", target_id=checkpoint.seq,
                     details={"entry_hash": checkpoint.entry_hash, "via": "cli"})
        session.commit()
    if out_file:
        Path(out_file).write_text(checkpoint.to_json())
        click.echo(f"checkpoint of entry {checkpoint.seq} written to {out_file}", err=True)
    else:
        click.echo(checkpoint.to_json(), nl=False)


@click.command("audit-keygen")
@click.option("--out", "out_file", required=True, type=click.Path(dir_okay=False),
              help="Where to write the new private key (mode 0600; must not exist).")
def audit_keygen_command(out_file: str) -> None:
    """Make an Ed25519 signing key for checkpoints and print its public key for the oversight body."""
    pem, public = new_signing_key()
    try:
        descriptor = os.open(out_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise click.ClickException(f"{out_file} exists; not overwriting a key") from error
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    click.echo(public)
    click.echo(f"private key written to {out_file}; give the line above to the oversight body", err=True)

