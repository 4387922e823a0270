"""`flask demo-data`: realistic synthetic stops over the seeded areas."""
from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from ..areas.services import list_areas
from ..db import new_session
from ..models import utcnow
from ..stops.bulk import analyze_stops, insert_stop_rows
from .accounts import DEMO_UNIT


def _month(value: str | None) -> str:
    if value is None:
        return utcnow().strftime("%Y-%m")
    try:
        datetime.strptime(value, "%Y-%m")
    except ValueError as error:
        raise click.BadParameter("use YYYY-MM, for example 2026-10") from error
    return value


@click.command("demo-data")
@click.option("--stops", "count", type=click.IntRange(1, 5_000_000), default=500, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--month", default=None, help="YYYY-MM; default this month (up to now).")
@click.option("--receipts/--no-receipts", default=True, show_default=True,
              help="Issue a citizen's receipt for every new stop and print the first few.")
@with_appcontext
def demo_data_command(count: int, seed: int, month: str | None, receipts: bool) -> None:
    """Make COUNT realistic stops over the known areas (same seed, same stops)."""
    from ..demo.loading import demo_rows, issue_demo_receipts  # pandas loads only when demo data is made
    month = _month(month)
    with new_session() as session:
        areas = [{"code": a.code, "latitude": float(a.latitude), "longitude": float(a.longitude)}
                 for a in list_areas(session)]
        if not areas:
            raise click.ClickException("no areas: run `flask --app app db upgrade` or `import-areas` first")
        rows = demo_rows(count, seed=seed, month=month, areas=areas, now=utcnow())
        with click.progressbar(length=len(rows), label=f"Storing {len(rows)} stops for {month}") as bar:
            inserted = insert_stop_rows(session=session, rows=rows, progress=bar.update)
        analyze_stops(session)  # the demo's pages are planned on its data at once, not after autovacuum
        config = current_app.config
        issued = issue_demo_receipts(session, rows, base_url=config["PUBLIC_BASE_URL"],
                                     retention_months=config["RETENTION_MONTHS"]) if receipts else []
        session.commit()
    click.echo(f"{inserted} stops stored ({len(rows) - inserted} existed already).")
    from ..demo.explain import demo_breakdown
    for line in demo_breakdown(rows, month=month, timezone=config["DISPLAY_TIMEZONE"], supervisor_unit=DEMO_UNIT):
        click.echo(line)
    _print_receipts(issued)


def _print_receipts(issued: list, shown: int = 5) -> None:
    """The first receipts' addresses and codes (only hashes are stored: this is the one chance)."""
    if not issued:
        return
    click.echo(f"Citizen's receipts of the first {min(shown, len(issued))} new stops (type a code at "
               f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/r):")
    for reference, credentials in issued[:shown]:
        click.echo(f"  {reference}  {credentials.url}  code {credentials.code}")
