"""The personal-data check of free text: what it catches, what the officers' vocabulary leaves alone."""
import json
from pathlib import Path

import pytest

from stopform.stops.personal_data import FREE_TEXT_FIELDS, fields_with_personal_data, personal_data_kinds

CASES = json.loads((Path(__file__).parent / "personal_data_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "kinds"), CASES["caught"])
def test_personal_data_is_caught(text, kinds):
    assert personal_data_kinds(text) == kinds


@pytest.mark.parametrize("text", CASES["clean"])
def test_realistic_reason_texts_pass(text):
    assert personal_data_kinds(text) == []


@pytest.mark.parametrize("digits", ["111222334", "123456789", "000000000"])
def test_nine_digits_failing_the_eleven_test_are_no_bsn(digits):
    assert "bsn" not in personal_data_kinds(f"Nummer {digits}")


def test_every_free_text_field_is_checked_and_named(app):
    with app.test_request_context("/?lang=en"):
        record = dict.fromkeys(FREE_TEXT_FIELDS, "Bel 06-12345678") | {"hit_reference": "0612345678"}
        problems = fields_with_personal_data(record)
    assert set(problems) == set(FREE_TEXT_FIELDS)
    assert "a phone number" in problems["reason_text"]


def test_the_forms_warning_uses_the_same_list_of_ordinary_words():
    from stopform.stops.personal_data import ORDINARY_WORDS
    script = (Path(__file__).parents[2] / "static" / "js" / "personal_data.js").read_text(encoding="utf-8")
    block = script.split("export const ORDINARY_WORDS = new Set(`", 1)[1].split("`", 1)[0]
    assert set(block.split()) == ORDINARY_WORDS


def test_the_server_refuses_a_titled_name_but_only_warns_about_a_pair_of_capitalised_words(app):
    # "Opium Act" and "Volkswagen Golf" have the shape of a name: the form warns, the server lets them pass.
    with app.test_request_context("/?lang=en"):
        for guess in ("Opium Act search of the boot", "Signalement: blauwe Volkswagen Golf", "Bij Jan de Vries"):
            assert personal_data_kinds(guess) == ["name"]
            assert fields_with_personal_data({"reason_text": guess}) == {}
        assert "a name" in fields_with_personal_data({"reason_text": "Dhr. Jansen was onrustig"})["reason_text"]
