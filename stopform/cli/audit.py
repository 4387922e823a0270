"""`flask verify-audit`."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..audit.services import verify_chain
from ..db import new_session


@click.command("verify-audit")
@with_appcontext
def verify_audit_command() -> None:
    """Check the audit chain; exit non-zero at the first altered, removed or reordered entry."""
    with new_session() as session:
        checked, problem = verify_chain(session)
    if problem is not None:
        raise click.ClickException(f"audit chain broken at entry {problem.seq}: {problem.message} "
                                   f"({checked} entries before it hold)")
    click.echo(f"audit chain intact: {checked} entries")
