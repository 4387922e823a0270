"""The round trip of a phone that cannot reach the server: its unsent stops exported by the outbox
(static/js/export.js, run here under Node) are imported by `flask import-stops`."""
import json
import shutil
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from stopform.imports.records import KNOWN_COLUMNS
from stopform.models import Stop, utcnow
from stopform.stops.codes import plate_pseudonym
from tests.api.conftest import stop_body
from tests.browser.conftest import require_tool
from tests.conftest import TEST_PSEUDONYM_KEY

EXPORT_MODULE = Path(__file__).parents[2] / "static" / "js" / "export.js"
OFFICER = {"officerRef": "NL-1234", "unit": "LIMBURG-NOORD"}


def exported_csv(items: list[dict]) -> str:
    """What the outbox's export writes for `items`, by the module itself."""
    node = shutil.which("node")
    require_tool(node is not None, in_ci="node is missing: the JavaScript tests need it",
                 elsewhere="no node on this machine")
    script = (f"import {{ toCsv }} from {json.dumps(EXPORT_MODULE.as_uri())};"
              "let input = ''; process.stdin.on('data', (c) => { input += c; });"
              "process.stdin.on('end', () => { const { items, officer } = JSON.parse(input);"
              " process.stdout.write(toCsv(items, officer)); });")
    done = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(
        {"items": items, "officer": OFFICER}), capture_output=True, text=True, check=True, timeout=30)
    return done.stdout


def outbox_item(**overrides) -> dict:
    body = stop_body(**overrides)
    body["reference"] = "7KQ4-M2XD-9P"
    return {"id": body.pop("stop_id"), "payload": body}


def test_the_export_has_the_imports_columns():
    header = exported_csv([]).splitlines()[0].split(",")
    assert set(header) == KNOWN_COLUMNS - {"vehicle_pseudonym"}


@pytest.mark.parametrize("days_queued", [1, 9])
def test_unsent_stops_exported_from_the_phone_are_imported(runner, db_session, tmp_path, days_queued):
    items = [outbox_item(occurred_at=(utcnow() - timedelta(days=days_queued)).isoformat(),
                         reason_text='Reed door rood, "twee keer", =geen formule')]
    items.append(outbox_item(plate="XB-12-TZ", vehicle_searched=True, search_basis="CONSENT",
                             consent_refusal_explained=True))
    items[1]["payload"]["reference"] = "7KQ4-M2XD-9Q"
    path = tmp_path / "unsent.csv"
    path.write_text(exported_csv(items), encoding="utf-8")
    result = runner.invoke(args=["import-stops", str(path)])
    assert result.exit_code == 0, result.output
    first = db_session.get(Stop, uuid.UUID(items[0]["id"]))
    assert first.reference == "7KQ4-M2XD-9P" and first.source == "import"
    assert first.reason_text == 'Reed door rood, "twee keer", =geen formule'
    assert first.officer_ref == "NL-1234" and first.unit == "LIMBURG-NOORD"
    assert first.vehicle_pseudonym == plate_pseudonym("GH-456-J", TEST_PSEUDONYM_KEY)
    second = db_session.get(Stop, uuid.UUID(items[1]["id"]))
    assert second.vehicle_searched and second.search_basis == "CONSENT"
    again = runner.invoke(args=["import-stops", str(path)])
    assert again.exit_code == 0  # importing the same file twice stores nothing new


def exported_with_receipt(app, tmp_path, slot_owner_id: int) -> tuple[dict, str, Path]:
    """One unsent stop whose receipt slot was issued to user `slot_owner_id`, exported to a file."""
    from stopform.receipts.services import slot_token
    with app.app_context():
        token = slot_token(slot_owner_id)
    item = outbox_item()
    item["payload"]["receipt_token"] = token
    path = tmp_path / "unsent.csv"
    path.write_text(exported_csv([item]), encoding="utf-8")
    return item, token, path


def test_the_receipt_the_driver_was_shown_opens_once_the_export_is_imported(app, runner, db_session, make_user,
                                                                               tmp_path):
    from stopform.receipts.services import find_receipt
    item, token, path = exported_with_receipt(app, tmp_path, make_user(service_number=OFFICER["officerRef"]).id)
    assert find_receipt(session=db_session, credential=token) is None  # the QR the phone showed
    result = runner.invoke(args=["import-stops", str(path)])
    assert result.exit_code == 0, result.output
    receipt = find_receipt(session=db_session, credential=token)
    assert receipt is not None and receipt.stop_id == uuid.UUID(item["id"]) and receipt.minted_by == "device"
    assert runner.invoke(args=["import-stops", str(path)]).exit_code == 0  # run twice: nothing new, no error


def test_a_receipt_token_not_issued_to_the_officer_is_refused(app, runner, db_session, make_user, tmp_path):
    make_user(service_number=OFFICER["officerRef"])
    item, _token, path = exported_with_receipt(app, tmp_path, make_user().id)  # another officer's slot
    result = runner.invoke(args=["import-stops", str(path)])
    assert result.exit_code != 0
    assert "receipt_token" in result.output and "not a receipt slot issued to this officer" in result.output
    assert db_session.get(Stop, uuid.UUID(item["id"])) is None
