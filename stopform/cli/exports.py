"""`flask export-stops --month YYYY-MM [--open-data] --output FILE`."""
from __future__ import annotations

import os
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..audit.actions import STOPS_EXPORTED
from ..audit.services import record_event
from ..db import new_session
from ..reports.exports import write_internal_export
from ..reports.months import month_option
from ..reports.open_data import open_data_csv, open_data_frame


@click.command("export-stops")
@click.option("--month", required=True, callback=month_option, help="YYYY-MM (Dutch calendar month).")
@click.option("--open-data", is_flag=True, help="Publishable counts (docs/open-data.md) instead of records.")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="CSV file to write.")
@with_appcontext
def export_stops_command(month: str, open_data: bool, output: Path) -> None:
    """Export a month's stops: the internal import format, or open data with --open-data."""
    partial = output.with_name(output.name + ".partial")
    try:
        with new_session() as session, open(partial, "w", encoding="utf-8", newline="") as handle:
            summary = _write(session, month, open_data, handle)
            record_event(session, STOPS_EXPORTED, target_type="month", target_id=month,
                         details={"kind": "open_data" if open_data else "records", "summary": summary,
                                  "file": output.name, "via": "cli"})
            session.commit()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    # Written under a temporary name first, so a failed export never leaves a half file behind.
    os.replace(partial, output)
    click.echo(f"Wrote {summary} for {month} to {output}.")


def _write(session, month: str, open_data: bool, handle) -> str:
    if open_data:
        frame = open_data_frame(session, month)
        handle.write(open_data_csv(frame))
        return f"{len(frame)} rows covering {int(frame['stops'].sum())} stops"
    return f"{write_internal_export(session=session, month=month, handle=handle)} stops"
