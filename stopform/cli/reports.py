"""`flask report --month YYYY-MM [--unit U] [--area A] --format json|html|pdf|csv [--output FILE]`."""
from __future__ import annotations

import os
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..db import new_report_session, new_session
from ..i18n import STAFF_LOCALES
from ..reports import outputs
from ..reports.months import month_option
from ..reports.reading import read_report


def _render(session, report, output: str, lang: str) -> str | bytes:
    if output == "json":
        return outputs.report_json(report)
    if output == "csv":
        return outputs.report_csv(report)
    from ..reports.document import document_html, render_pdf  # WeasyPrint and matplotlib load only here
    from ..reports.first_page import first_page, with_first_page
    from ..reports.storage import drawn_view
    # Templates translate per request: render inside one, in the asked language.
    with current_app.test_request_context(f"/reports/{report.request.month}?lang={lang}"):
        # The command line reads every unit, as an admin does: the review queue as well.
        figures = first_page(session, report.request, with_queue=True)
        view = with_first_page(drawn_view(session, report), figures)
        return render_pdf(view) if output == "pdf" else document_html(view)


def _write(body: str | bytes, output: Path | None) -> None:
    if output is None:
        click.echo(body, nl=False)
        return
    partial = output.with_name(output.name + ".partial")
    try:
        if isinstance(body, bytes):
            partial.write_bytes(body)
        else:
            partial.write_text(body, encoding="utf-8")
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, output)  # never a half-written report under the asked name


@click.command("report")
@click.option("--month", required=True, callback=month_option, help="YYYY-MM (Dutch calendar month).")
@click.option("--unit", default=None, help="Only this unit's stops.")
@click.option("--area", default=None, help="Only this area's stops.")
@click.option("--format", "output_format", type=click.Choice(outputs.FORMATS), required=True,
              help="json (see docs/reports.md), csv (one line per test row), html or pdf.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write; standard output when left out (not for pdf).")
@click.option("--lang", type=click.Choice(STAFF_LOCALES), default="nl", show_default=True,
              help="Language of the html and pdf.")
@with_appcontext
def report_command(month: str, unit: str | None, area: str | None, output_format: str, output: Path | None,
                   lang: str) -> None:
    """Compute the monthly disparity report for all units (or one unit or area) and write it."""
    if output_format == "pdf" and output is None:
        raise click.UsageError("a PDF needs --output FILE")
    from ..reports.inputs import reference_groups  # the statistics stack loads on first use only
    source = new_report_session()  # None: the app's own database
    with new_session() as session:
        try:
            report = read_report(session, user=None, month=month, unit=unit, area=area, output=output_format,
                                 reference_groups=reference_groups(current_app.config), source=source)
        finally:
            if source is not None:
                source.close()
        body = _render(session, report, output_format, lang)
        _write(body, output)
        session.commit()  # the audit event and the stored report, once the report is written
    if output is not None:
        click.echo(f"Wrote the {output_format} report for {month} ({report.data['n_stops']} stops, "
                   f"{len(report.flags)} flags) to {output}.", err=True)
