"""Catalogs: every citizen-facing message in all nine languages, every message in Dutch, .mo up to date.

The messages the code uses come from a fresh extraction with babel.cfg (not from the catalogs
themselves), so a message added to the code but never extracted, translated or compiled fails here.
"""
import pytest

from stopform.receipts import catalogs

CITIZEN = sorted(catalogs.CITIZEN_LOCALES)


def test_extraction_finds_the_receipt_messages():
    citizen = catalogs.citizen_msgids()
    assert "Your rights with this stop" in citizen  # a template message
    assert "Traffic check" in citizen  # a lazy_gettext message in rights.py
    assert "Receipt not found" in citizen
    assert "Log out" not in citizen and "Log out" in catalogs.all_msgids()
    assert len(citizen) > 150


@pytest.mark.parametrize("locale", CITIZEN)
def test_citizen_messages_are_translated_in_every_language(locale):
    assert catalogs.problems(locale, catalogs.citizen_msgids()) == []


def test_every_message_is_translated_into_dutch():
    assert catalogs.problems(catalogs.STAFF_LOCALE, catalogs.all_msgids()) == []


@pytest.mark.parametrize("locale", CITIZEN)
def test_compiled_catalogs_match_their_sources(locale):
    assert not catalogs.stale_mo(locale), f"run: pybabel compile -d stopform/translations -l {locale}"


def test_a_message_new_in_the_code_fails_until_translated(monkeypatch):
    extracted = dict(catalogs.extracted())
    extracted["A brand-new receipt sentence."] = frozenset({"templates/receipts/receipt.html"})
    monkeypatch.setattr(catalogs, "extracted", lambda: extracted)
    assert "A brand-new receipt sentence." in catalogs.citizen_msgids()
    assert catalogs.problems("pl", catalogs.citizen_msgids()) == ["pl: missing: 'A brand-new receipt sentence.'"]
    assert catalogs.main(["check"]) == 1


def test_fuzzy_and_empty_entries_count_as_untranslated(monkeypatch):
    catalog = catalogs.load("de")
    catalog["Traffic check"].flags.add("fuzzy")
    catalog["Reference"].string = ""
    monkeypatch.setattr(catalogs, "load", lambda locale: catalog)
    found = catalogs.problems("de", {"Traffic check", "Reference", "Unit"})
    assert found == ["de: untranslated: 'Reference'", "de: fuzzy: 'Traffic check'"]


def test_placeholders_must_survive_translation(monkeypatch):
    catalog = catalogs.load("fr")
    catalog["Yes: %(system)s"].string = "Oui"
    monkeypatch.setattr(catalogs, "load", lambda locale: catalog)
    assert catalogs.problems("fr", {"Yes: %(system)s"})
