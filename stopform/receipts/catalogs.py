"""Translation checks: compare what the code asks for (a fresh extraction) with each catalog.

The citizen-facing set is every message extracted from `stopform/receipts/` and
`templates/receipts/`; it must be complete in all nine languages. Everything extracted from the
project must be complete in Dutch (staff pages). Used by tests/receipts/test_catalogs.py and by
hand: `python -m stopform.receipts.catalogs check` lists what is missing, `fill-en` copies each
msgid into an empty English msgstr (English is the source language).
"""
from __future__ import annotations

import re
import sys
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from ..i18n import LOCALE_NAMES

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = PROJECT_ROOT / "stopform" / "translations"
CITIZEN_LOCALES = tuple(LOCALE_NAMES)
STAFF_LOCALE = "nl"
CITIZEN_SOURCES = ("stopform/receipts/", "templates/receipts/")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@cache
def extracted() -> dict[str, frozenset[str]]:
    """msgid → the files that use it, from a fresh extraction with babel.cfg."""
    with open(PROJECT_ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str, set[str]] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
            str(PROJECT_ROOT), method_map, options_map):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, set()).add(filename.replace("\\", "/"))
    return {msgid: frozenset(files) for msgid, files in found.items()}


def citizen_msgids() -> set[str]:
    """Messages used by the public receipt pages, card and feedback."""
    return {msgid for msgid, files in extracted().items()
            if any(name.startswith(CITIZEN_SOURCES) for name in files)}


def all_msgids() -> set[str]:
    """Every message the project uses."""
    return set(extracted())


def po_path(locale: str) -> Path:
    """The .po file of a locale."""
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def load(locale: str) -> Catalog:
    """The locale's catalog as stored."""
    with open(po_path(locale), "rb") as handle:
        return read_po(handle, locale=locale)


def problems(locale: str, msgids: set[str]) -> list[str]:
    """One line per msgid that is absent, fuzzy or untranslated in `locale`, or whose
    placeholders differ from the msgid's."""
    catalog = load(locale)
    found = []
    for msgid in sorted(msgids):
        message = catalog.get(msgid)
        text = message.string if message else None
        strings = [text] if isinstance(text, str) else list(text or [])
        if message is None:
            found.append(f"{locale}: missing: {msgid!r}")
        elif message.fuzzy:
            found.append(f"{locale}: fuzzy: {msgid!r}")
        elif not strings or not all(strings):
            found.append(f"{locale}: untranslated: {msgid!r}")
        elif any(_placeholders(string) != _placeholders(msgid) for string in strings):
            found.append(f"{locale}: placeholders differ: {msgid!r}")
    return found


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def stale_mo(locale: str) -> bool:
    """Whether the committed .mo differs from what the .po compiles to."""
    compiled = BytesIO()
    write_mo(compiled, load(locale))
    compiled.seek(0)
    mo_file = po_path(locale).with_suffix(".mo")
    if not mo_file.exists():
        return True
    with open(mo_file, "rb") as handle:
        stored = read_mo(handle)
    fresh = read_mo(compiled)
    return _entries(stored) != _entries(fresh)


def _entries(catalog: Catalog) -> dict:
    def key(value):
        return value if isinstance(value, str) else tuple(value)
    return {key(message.id): key(message.string) for message in catalog if message.id}


def fill_identity(locale: str = "en") -> int:
    """Copy each msgid into its empty msgstr (the source language translates to itself)."""
    catalog = load(locale)
    filled = 0
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id if isinstance(message.id, str) else tuple(message.id)
            filled += 1
        message.flags.discard("fuzzy")
    with open(po_path(locale), "wb") as handle:
        write_po(handle, catalog)
    return filled


def main(argv: list[str]) -> int:
    """`check`: print every problem; `fill-en`: fill the English catalog from its msgids."""
    if argv[:1] == ["fill-en"]:
        print(f"{fill_identity('en')} English messages filled")
        return 0
    found = [line for locale in CITIZEN_LOCALES for line in problems(locale, citizen_msgids())]
    found += problems(STAFF_LOCALE, all_msgids())
    found += [f"{locale}: .mo is stale: run pybabel compile" for locale in CITIZEN_LOCALES if stale_mo(locale)]
    print("\n".join(found) or "catalogs complete")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
