"""`flask create-token USERNAME` and `flask revoke-token ID`."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlmodel import select

from ..api.tokens import DEFAULT_LIFETIME_DAYS, MAX_LIFETIME_DAYS, create_token, revoke_token
from ..db import new_session
from ..models import User


@click.command("create-token")
@click.argument("username")
@click.option("--label", default="", help="What the token is for, e.g. the device.")
@click.option("--days", default=DEFAULT_LIFETIME_DAYS, show_default=True,
              type=click.IntRange(1, MAX_LIFETIME_DAYS), help="How long the token stays valid.")
@with_appcontext
def create_token_command(username: str, label: str, days: int) -> None:
    """Print a new API token for USERNAME (shown once; only its hash is stored)."""
    with new_session() as session:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is None or not user.active:
            raise click.ClickException(f"no active user {username!r}")
        row, raw = create_token(session=session, user=user, label=label, days=days)
        session.commit()
        click.echo(raw)
        click.echo(f"token id {row.id} for {username}, valid until {row.expires_at:%Y-%m-%d}; "
                   f"revoke with: flask --app app revoke-token {row.id}", err=True)


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
