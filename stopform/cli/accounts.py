"""`flask create-user` and the demo accounts."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlmodel import select

from ..audit.services import record_event
from ..auth.services import AccountError, create_user
from ..db import new_session
from ..models import ROLES, User

DEMO_UNIT = "LIMBURG-NOORD"
DEMO_PASSWORD = "demo"


@click.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--unit", "unit_code", default=None, help="Unit code; an unknown code creates the unit.")
@click.option("--service-number", default=None,
              help="Required for officers and supervisors; others default to the username.")
@click.password_option("--password", prompt=True, confirmation_prompt=True)
@with_appcontext
def create_user_command(username: str, role: str, unit_code: str | None, service_number: str | None,
                        password: str) -> None:
    """Create USERNAME with a role and unit (asks for the password when --password is left out)."""
    with new_session() as session:
        try:
            user = create_user(session=session, username=username, role=role, unit_code=unit_code,
                               password=password, service_number=service_number)
        except AccountError as error:
            raise click.ClickException(str(error)) from error
        record_event(session, "user_saved", target_type="user", target_id=user.username,
                     details={"role": user.role, "via": "cli"})
        session.commit()
        click.echo(f"Created {user.role} {user.username} (service number {user.service_number}).")


@click.command("seed-demo-accounts")
@with_appcontext
def seed_demo_accounts() -> None:
    """Create the demo accounts (development only) and print them."""
    if current_app.config["ENV"] != "development":
        raise click.ClickException("demo accounts are only made in development")
    with new_session() as session:
        for role in ROLES:
            if session.exec(select(User).where(User.username == role)).first() is None:
                create_user(session=session, username=role, role=role, unit_code=DEMO_UNIT,
                            password=DEMO_PASSWORD, service_number=f"NL-{40000 + ROLES.index(role)}",
                            enforce_policy=False)  # development only (checked above)
        session.commit()
    click.echo("Demo accounts (password 'demo'): " + ", ".join(ROLES))
