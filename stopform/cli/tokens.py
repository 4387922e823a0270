"""`flask create-token USERNAME` and `flask revoke-token ID`."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlmodel import select

from ..api.tokens import create_token, revoke_token
from ..db import new_session
from ..models import User


@click.command("create-token")
@click.argument("username")
@click.option("--label", default="", help="What the token is for, e.g. the device.")
@with_appcontext
def create_token_command(username: str, label: str) -> None:
    """Print a new API token for USERNAME (shown once; only its hash is stored)."""
    with new_session() as session:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is None or not user.active:
            raise click.ClickException(f"no active user {username!r}")
        row, raw = create_token(session=session, user=user, label=label)
        session.commit()
        click.echo(raw)
        click.echo(f"token id {row.id} for {username}; revoke with: flask --app app revoke-token {row.id}", err=True)


@click.command("revoke-token")
@click.argument("token_id", type=int)
@with_appcontext
def revoke_token_command(token_id: int) -> None:
    """Revoke the API token with TOKEN_ID."""
    with new_session() as session:
        if not revoke_token(session=session, token_id=token_id):
            raise click.ClickException(f"no live token {token_id}")
        session.commit()
    click.echo(f"token {token_id} revoked")
