"""The form's legality hint (static/js/form.js, under Node) and the server's guard agree on every
record: the same problem fields, worded the same, over a few hundred seeded records drawn from
the real catalogue."""
import json
import random
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stopform.catalog.data import CATALOG_START, CONSENT
from stopform.catalog.services import load_catalog
from stopform.stops.guard import check_legality
from tests.conftest import valid_record

FORM_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "form.js"
RECORDS = 400
# Reads {records, bases, messages} from the file named first, prints [{field: message}] per record.
NODE_SCRIPT = f"""
import {{ readFileSync }} from "node:fs";
import {{ legalityProblems }} from {json.dumps(FORM_JS.as_uri())};
const {{ records, bases, messages }} = JSON.parse(readFileSync(process.argv[1], "utf8"));
const found = records.map((record) => Object.fromEntries(
  legalityProblems(record, bases, messages).map(({{ field, message }}) => [field, message])));
process.stdout.write(JSON.stringify(found));
"""


class GuardMessages(HTMLParser):
    """The `data-*` attributes of the page's #guard element, named as the browser's `dataset` names them."""

    def __init__(self):
        super().__init__()
        self.dataset: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id") == "guard":
            self.dataset = {re.sub(r"-([a-z])", lambda m: m[1].upper(), name[5:]): value or ""
                            for name, value in attrs if name.startswith("data-")}


def page_messages(client, lang: str) -> dict[str, str]:
    parser = GuardMessages()
    parser.feed(client.get(f"/stops/new?lang={lang}").get_data(as_text=True))
    assert parser.dataset, "the stop form has no #guard element"
    return parser.dataset


def generated_records(catalog, seed: int = 13) -> list[dict]:
    """Records varying everything the guard reads: the bases (known, unknown, missing, consent),
    the actions, every yes/no answer (consent explained, documents checked, caution given) and code
    list (the outcome, arrest too) of the record, and the texts a basis may require."""
    rng = random.Random(seed)
    bases = [None, "", "NOT-A-BASIS", *sorted(catalog.bases)]
    booleans = [name for name, value in valid_record().items() if isinstance(value, bool)]
    code_lists = {kind: sorted(codes) for kind, codes in catalog.codes.items() if kind in valid_record()}
    texts = [None, "", "   "]
    records = []
    for _ in range(RECORDS):
        record = valid_record(
            **{name: rng.random() < 0.5 for name in booleans},
            **{kind: rng.choice(codes) for kind, codes in code_lists.items()},
            legal_basis=rng.choice(bases), id_basis=rng.choice(bases), search_basis=rng.choice([*bases, CONSENT]),
            passenger_ids_demanded=rng.choice([0, 0, 1, 3]), persons_searched=rng.choice([0, 0, 1, 2]),
            authorisation_ref=rng.choice([*texts, "VRG-2026-01 / OvJ-123"]),
            suspected_offence=rng.choice([*texts, "Art. 2 Opiumwet"]),
            supervised_law=rng.choice([*texts, "Wet milieubeheer"]))
        record.pop("occurred_at")  # the guard does not read it, and JSON has no datetime
        records.append(record)
    return records


def hint_problems(records: list[dict], bases: dict, messages: dict, tmp_path) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js runs the form's hint in this test: apt-get install -y nodejs")
    data = tmp_path / "records.json"
    data.write_text(json.dumps({"records": records, "bases": bases, "messages": messages}), encoding="utf-8")
    done = subprocess.run([node, "--input-type=module", "-e", NODE_SCRIPT, str(data)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("version", ["today", "version 1"])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_hint_and_guard_agree_on_every_record(app, client, officer, catalog, db_session, tmp_path, lang, version):
    if version == "version 1":  # no CONSENT entry yet: the hint's legacy consent must match the guard's
        catalog = load_catalog(db_session, CATALOG_START)
    assert (CONSENT in catalog.bases) == (version == "today")
    records = generated_records(catalog)
    bases = {code: {"permits": sorted(basis.permits), "requires": sorted(basis.requires)}
             for code, basis in catalog.bases.items()}
    hinted = hint_problems(records, bases, page_messages(client, lang), tmp_path)
    with app.test_request_context(f"/?lang={lang}"):
        guarded = [check_legality(record, catalog).problems for record in records]

    found = {field for problems in guarded for field in problems}
    required = {requirement for basis in catalog.bases.values() for requirement in basis.requires}
    assert found >= {"id_basis", "search_basis", "consent_refusal_explained", "authorisation_ref"}, found
    assert found >= required - {"arrest"}, (required, found)
    assert sum(not problems for problems in guarded) > RECORDS // 10, "too few lawful records to compare"
    field_gaps = [(record, set(py), set(js)) for record, py, js in zip(records, guarded, hinted, strict=True)
                  if set(py) != set(js)]
    assert not field_gaps, f"{len(field_gaps)} records differ (record, guard, hint); first: {field_gaps[0]}"
    wording_gaps = [(py, js) for py, js in zip(guarded, hinted, strict=True) if py != js]
    assert not wording_gaps, f"{len(wording_gaps)} records worded differently (guard, hint); first: {wording_gaps[0]}"
