"""`flask import-areas FILE.csv`."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from ..areas.services import AreaImportError, read_area_csv, upsert_areas
from ..audit.actions import AREAS_IMPORTED
from ..audit.services import record_event
from ..db import new_session


@click.command("import-areas")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_areas_command(path: Path) -> None:
    """Load areas (columns code, name, latitude, longitude); all rows or none, idempotent."""
    try:
        areas = read_area_csv(path)
    except AreaImportError as error:
        raise click.ClickException("nothing imported:\n" + "\n".join(error.problems)) from error
    with new_session() as session:
        result = upsert_areas(session=session, areas=areas)
        record_event(session, AREAS_IMPORTED, target_type="file", target_id=path.name[:64],
                     details={"added": result.added, "updated": result.updated, "via": "cli"})
        session.commit()
    click.echo(f"{result.added} added, {result.updated} updated, {result.unchanged} unchanged.")
