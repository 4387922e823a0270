"""The catalogs use the glossary of legal terms in docs/translations.md, and never the words
that change the meaning (a stop is not an arrest, a seizure not a confiscation)."""
from pathlib import Path

import pytest

from stopform.receipts import catalogs

DOC = Path(__file__).resolve().parents[2] / "docs" / "translations.md"


def _tables() -> tuple[list[list[str]], list[list[str]]]:
    section = DOC.read_text(encoding="utf-8").split("## Glossary of legal terms", 1)[1].split("\n## ", 1)[0]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in section.splitlines() if line.startswith("|") and not line.startswith("|---")]
    terms = [row for row in rows if len(row) == 11 and row[0] != "term"]
    never = [row for row in rows if len(row) == 3 and row[0] != "language"]
    return terms, never


TERMS, NEVER = _tables()
LOCALES = ["nl", "en", "de", "fr", "pl", "ro", "bg", "tr", "ar"]


def test_the_glossary_covers_every_term():
    assert [row[0] for row in TERMS] == ["stop", "arrest", "search", "seize", "consent", "suspect", "complaint"]
    assert NEVER


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_uses_the_glossary(locale):
    catalog = catalogs.load(locale)
    column = LOCALES.index(locale) + 2
    for row in TERMS:
        translation = catalog[row[1]].string
        assert row[column].casefold() in translation.casefold(), (locale, row[0], translation)


@pytest.mark.parametrize(("locale", "word", "messages"), NEVER)
def test_catalog_avoids_words_that_change_the_meaning(locale, word, messages):
    catalog = catalogs.load(locale)
    for msgid in messages.split("; "):
        assert word.casefold() not in catalog[msgid].string.casefold(), (locale, msgid)
