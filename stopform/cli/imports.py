"""`flask import-stops FILE.csv` and `flask import-traffic FILE.csv`: all rows or none, idempotent."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..audit.actions import IMPORT_REFUSED, STOPS_IMPORTED, TRAFFIC_IMPORTED
from ..audit.services import record_event
from ..db import new_session
from ..imports.problems import ImportRefused
from ..imports.stops import import_stop_csv, refresh_statistics
from ..imports.traffic import import_traffic_csv
from ..stops.rules import perceived_origin_enabled

CSV_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
SHOWN_REPLACEMENTS = 20


def _refused(session, path: Path, kind: str, error: ImportRefused) -> click.ClickException:
    session.rollback()
    count = error.problems.count
    record_event(session, IMPORT_REFUSED, target_type="file", target_id=path.name[:64],
                 details={"kind": kind, "problems": count, "via": "cli"})
    session.commit()
    heading = f"nothing imported: {count} problem{'s' if count != 1 else ''}"
    return click.ClickException("\n".join([heading, *error.problems.lines()]))


@click.command("import-stops")
@click.argument("path", type=CSV_FILE)
@with_appcontext
def import_stops_command(path: Path) -> None:
    """Import stops from a CSV file in the format of docs/imports.md ("Stop CSV") (one transaction)."""
    config = current_app.config
    with new_session() as session:
        try:
            with click.progressbar(length=path.stat().st_size, label=f"Importing {path.name}") as bar:
                tally = import_stop_csv(session=session, path=path, pseudonym_key=config["PSEUDONYM_KEY"],
                                        record_perceived_origin=perceived_origin_enabled(config),
                                        progress=bar.update)
        except ImportRefused as error:
            raise _refused(session, path, "stops", error) from error
        record_event(session, STOPS_IMPORTED, target_type="file", target_id=path.name[:64],
                     details={"rows": tally.rows, "inserted": tally.inserted, "existing": tally.existing,
                              "via": "cli"})
        session.commit()
        refresh_statistics(session, tally)
        session.commit()
    if tally.rows == 0:
        click.echo("The file has no rows: nothing imported.")
    elif tally.inserted == 0:
        click.echo(f"Nothing new: all {tally.rows} rows were stored before.")
    else:
        click.echo(f"{tally.inserted} stops imported; {tally.existing} were stored before"
                   f" and {tally.repeated} repeated rows in the file were skipped.")


@click.command("import-traffic")
@click.argument("path", type=CSV_FILE)
@with_appcontext
def import_traffic_command(path: Path) -> None:
    """Import traffic counts (period_start, period_end, area, plate_country, passages, hits)."""
    with new_session() as session:
        try:
            tally = import_traffic_csv(session=session, path=path)
        except ImportRefused as error:
            raise _refused(session, path, "traffic", error) from error
        record_event(session, TRAFFIC_IMPORTED, target_type="file", target_id=path.name[:64],
                     details={"added": tally.added, "replaced": tally.replaced_count, "unchanged": tally.unchanged,
                              "via": "cli"})
        session.commit()
    click.echo(f"{tally.added} counts added, {tally.replaced_count} replaced, {tally.unchanged} unchanged.")
    for start, end, area, country in tally.replaced[:SHOWN_REPLACEMENTS]:
        click.echo(f"  replaced: {start} to {end}, {area}, {country}")
    if tally.replaced_count > SHOWN_REPLACEMENTS:
        click.echo(f"  ... and {tally.replaced_count - SHOWN_REPLACEMENTS} more replaced")
