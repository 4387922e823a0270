"""`flask purge [--dry-run]`: apply STOPFORM_RETENTION_MONTHS."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import new_session
from ..retention.services import purge


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Report what would go, change nothing.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Reduce record-level data older than the retention period to aggregate-only data."""
    months = current_app.config["RETENTION_MONTHS"]
    with new_session() as session:
        report = purge(session=session, months=months, dry_run=dry_run)
        if not dry_run:
            session.commit()
    verb = "would reduce" if dry_run else "reduced"
    click.echo(f"Retention {months} months (before {report.cutoff[:10]}): {verb} {report.stops_reduced} stops; "
               f"{report.amendments_deleted} amendments, {report.reviews_deleted} reviews, "
               f"{report.receipts_deleted} receipts and {report.feedback_deleted} feedback answers "
               f"{'would be ' if dry_run else ''}deleted.")
