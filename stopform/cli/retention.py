"""`flask purge [--dry-run]`: apply STOPFORM_RETENTION_MONTHS and the final deletion."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import new_session
from ..retention.policy import RetentionError
from ..retention.services import purge


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Report what would go, change nothing.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Reduce record-level data older than the retention period; delete stops past the Wpg maximum."""
    months = current_app.config["RETENTION_MONTHS"]
    try:
        with new_session() as session:
            report = purge(session=session, months=months, dry_run=dry_run)
            if not dry_run:
                session.commit()
    except RetentionError as error:
        raise click.ClickException(str(error)) from error
    verb = "would reduce" if dry_run else "reduced"
    would = "would be " if dry_run else ""
    click.echo(f"Retention {months} months (before {report.cutoff[:10]}): {verb} {report.stops_reduced} stops; "
               f"{report.amendments_deleted} amendments, {report.reviews_deleted} reviews, "
               f"{report.receipts_deleted} receipts and {report.feedback_deleted} feedback answers "
               f"{would}deleted.")
    click.echo(f"Final deletion (before {report.final_cutoff[:10]}): {report.stops_deleted} stops {would}deleted, "
               f"kept as counts only; {report.stops_held} stops under a legal hold left alone.")
