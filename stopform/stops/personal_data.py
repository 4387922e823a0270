"""Personal data in free text: names, number plates, BSNs, phone numbers, e-mail and postal addresses.

The record must stay nameless: the receipt and the reports are built from it, and the plate is
kept only as a keyed pseudonym. A plate or a name typed into the reason would undo that. The form
warns as the officer types (`static/js/personal_data.js`, the same rules, tested on the same cases
in `tests/stops/personal_data_cases.json`); the server refuses the record here, for the form, the
API and the import alike (`rules.validate_record`).

The detectors are deliberately conservative, since a false alarm stops an officer at the roadside:
a plate must have the shape of a Dutch side code (or a common foreign shape, or follow the word
"kenteken"), a BSN must pass the 11-proef, and a name is a title followed by a capitalised word.
Two capitalised words (with Dutch particles between) neither of which is an ordinary word, a
place or an institution of the officers' vocabulary may be a name too ("Peter de Vries"), but as
often are a car model, a shop or a law ("Volkswagen Golf", "Opium Act"): the form warns about
such a pair, the server does not refuse it (`include_guesses=False`).
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l

FREE_TEXT_FIELDS = ("reason_text", "reason_for_person", "suspected_offence", "supervised_law",
                    "receipt_not_offered_reason")
# Free-text fields hold at most 280 characters; longer text is refused for its length anyway, and
# reading only its beginning keeps the check linear-ish whatever a client sends.
MAX_CHECKED = 1000
KINDS = {
    "name": _l("a name"), "plate": _l("a number plate"), "bsn": _l("a citizen service number (BSN)"),
    "phone": _l("a phone number"), "email": _l("an e-mail address"), "address": _l("a postal address"),
}

_L, _D = "[A-Z]", r"\d"
# The Dutch side codes 1-14 (letters L, digits D), e.g. 12-AB-34, GH-456-J, 5-KLM-67.
_SIDECODES = ("LL DD DD", "DD DD LL", "DD LL DD", "LL DD LL", "LL LL DD", "DD LL LL", "DD LLL D",
              "D LLL DD", "LL DDD L", "L DDD LL", "LLL DD L", "L DD LLL", "D LL DDD", "DDD LL D")


def _sidecode_pattern(shape: str) -> str:
    groups = ["".join(_L if ch == "L" else _D for ch in group) for group in shape.split()]
    return "(?:" + "[- ]?".join(groups) + ")"


_SIDECODE_SHAPES = "|".join(map(_sidecode_pattern, _SIDECODES))
# Hyphens or no separator in any case ("12-ab-34", "12ab34"); spaces only in capitals, since
# "3 uur 15" has the shape of side code 8 too.
_DUTCH_PLATE = re.compile(r"(?<![\w-])(?:" + _SIDECODE_SHAPES.replace("[- ]?", "-?") + r")(?![\w-])", re.IGNORECASE)
_DUTCH_PLATE_SPACED = re.compile(r"(?<![\w-])(?:" + _SIDECODE_SHAPES.replace("[- ]?", " ") + r")(?![\w-])")
_FOREIGN_PLATES = [
    re.compile(r"(?<![\w-])[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?\d{1,4}[EH]?(?![\w-])"),  # German: M-AB 1234
    re.compile(r"(?<![\w-])\d-[A-Z]{3}-\d{3}(?![\w-])"),  # Belgian: 1-ABC-234
    re.compile(r"(?<![\w-])[A-Z]{2}-\d{3}-[A-Z]{2}(?![\w-])"),  # French, Italian: AB-123-CD
]
_AFTER_PLATE_WORD = re.compile(r"\b(?:kenteken(?:plaat)?|nummerplaat|plate|kennzeichen)\s*:?\s*"
                               r"([A-Z0-9][A-Z0-9 .-]{2,10})", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONES = [
    re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[ -]?(?:\(0\)[ -]?)?\d(?:[ -]?\d){6,11}(?!\w)"),  # +31 6 12345678
    re.compile(r"(?<![\w-])0(?:\d{9}|6[ -]\d{8}|6[ -]?\d{2}(?:[ -]\d{2}){3}|\d{2}[ -]\d{7}|\d{3}[ -]\d{6}"
               r"|\d{2}[ -]\d{3}[ -]\d{4}|\d{3}[ -]\d{3}[ -]\d{3})(?![\w-])"),  # 06-12345678, 020 123 4567
]
_BSN = re.compile(r"(?<![\d.-])\d(?:[ .]?\d){8}(?![\d-])")
_POSTCODE = re.compile(r"(?<!\d)[1-9]\d{3} ?(?!SA|SD|SS|KM|KG|CC|PK|KW|EU|NL|DE|BE)[A-Z]{2}(?![A-Za-z])"
                       r"|(?<!\d)[1-9]\d{3}[a-z]{2}(?![A-Za-z])")
_STREET = re.compile(r"\b[A-Z][a-zà-ÿ'-]*(?:straat|weg|laan|plein|gracht|singel|kade|dijk|dreef|steeg|pad|hof|markt|"
                     r"park|baan|straße|strasse|allee)\s+\d{1,4}(?:\s?[a-zA-Z])?(?![\w-])"
                     r"|\b(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Uu]lica|ul\.)\s+[\w' -]{2,30}?\s\d{1,4}\b")
_TITLE_NAME = re.compile(r"\b(?:[Dd]hr|[Mm]evr|[Mm]w|[Mm]r|[Mm]rs|[Mm]s|[Hh]r)\.?\s+[A-Z][a-z]"
                         r"|\b(?:[Dd]e heer|[Mm]evrouw|[Mm]eneer|[Hh]err|[Ff]rau|[Mm]adame|[Mm]onsieur|[Pp]an|[Pp]ani)"
                         r"\s+(?:[a-z]{1,3}\s+){0,2}[A-Z][a-z]")
_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|het|von|zu|di|da|du|le|la|el|al|bin|ibn)\s+){0,3}"
# A lookahead, so that overlapping pairs are all seen ("Bij Jan de Vries": "Bij Jan", "Jan de Vries").
_CAPITALISED_RUN = re.compile(r"\b([A-Z][a-zà-ÿ'-]+)(?=\s+" + _PARTICLES + r"([A-Z][a-zà-ÿ'-]+)\b)")
# Capitalised words that are no name: sentence openers, places, institutions, the officers' vocabulary.
ORDINARY_WORDS = frozenset("""
de het een en of maar want dus toen daarna daarbij daarom omdat nadat terwijl bij in op aan naar van voor na met
door over onder tegen uit om tot tijdens rond volgens zonder via per ter ten te als zo er hier daar die dat deze
dit wij we ik hij zij ze men collega collega's bestuurder bestuurster passagier passagiers inzittende inzittenden
voertuig auto bestelbus vrachtwagen motor kenteken melding bij camera anpr systeem signalering controle
the a an and or but then after before during at in on to from with by for of via near he she they we driver
vehicle car van truck passenger officer police
politie nationale eenheid limburg meldkamer oost west noord zuid midden nederland nederlandse duitsland duitse
belgië belgische frankrijk franse polen poolse roemenië bulgarije turkije marokko europa europese unie
koninklijke marechaussee openbaar ministerie officier justitie rijkswaterstaat belastingdienst douane inspectie
leefomgeving transport rdw cjib sensing schengen rijksweg provinciale snelweg afrit oprit knooppunt centrum
roermond venlo maastricht heerlen sittard geleen weert echt venray kerkrade brunssum landgraaf horst susteren
swalmen herten maasbracht stein beek meerssen valkenburg gulpen vaals eijsden den haag bosch amsterdam
rotterdam utrecht eindhoven nijmegen arnhem tilburg breda aken düsseldorf keulen luik hasselt genk antwerpen
brussel wegenverkeerswet politiewet opiumwet wet wapens munitie vreemdelingenwet wetboek strafvordering
strafrecht algemene bestuursrecht artikel art lid sv sr wvw awb wed bvr rvv opiumwet ambtsinstructie
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus
september oktober november december monday tuesday wednesday thursday friday saturday sunday
""".split())


def _is_bsn(digits: str) -> bool:
    """The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.strip("0"):
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _has_plate(text: str) -> bool:
    patterns = [_DUTCH_PLATE, _DUTCH_PLATE_SPACED, *_FOREIGN_PLATES]
    if any(pattern.search(text) for pattern in patterns):
        return True
    return any(re.search(r"\d", m.group(1)) and re.search(r"[A-Za-z]", m.group(1))
               for m in _AFTER_PLATE_WORD.finditer(text))


def _has_name(text: str, include_guesses: bool) -> bool:
    if _TITLE_NAME.search(text):
        return True
    return include_guesses and any(
        match.group(1).lower() not in ORDINARY_WORDS and match.group(2).lower() not in ORDINARY_WORDS
        for match in _CAPITALISED_RUN.finditer(text))


def personal_data_kinds(text: str, include_guesses: bool = True) -> list[str]:
    """The kinds of personal data (keys of `KINDS`) that `text` seems to hold, in `KINDS` order.

    Without `include_guesses`, a pair of capitalised words is not counted as a name (see above)."""
    if not text:
        return []
    text = text[:MAX_CHECKED]
    found = {
        "name": _has_name(text, include_guesses),
        "plate": _has_plate(text),
        "bsn": any(_is_bsn(re.sub(r"\D", "", m.group())) for m in _BSN.finditer(text)),
        "phone": any(pattern.search(text) for pattern in _PHONES),
        "email": _EMAIL.search(text) is not None,
        "address": _POSTCODE.search(text) is not None or _STREET.search(text) is not None,
    }
    return [kind for kind in KINDS if found[kind]]


def personal_data_message(kinds: list[str]) -> str:
    """What the officer is told about a field that seems to hold `kinds`."""
    what = ", ".join(str(KINDS[kind]) for kind in kinds)
    return str(_l("This seems to hold personal data (%(what)s): leave it out. The record, the receipt and the "
                  "reports stay nameless.", what=what))


def fields_with_personal_data(record: Mapping) -> dict[str, str]:
    """`{field: message}` for each free-text field of the record that holds personal data: what the
    server refuses, so a name is counted only after a title (the form also warns about guesses)."""
    problems = {}
    for name in FREE_TEXT_FIELDS:
        value = record.get(name)
        kinds = personal_data_kinds(value, include_guesses=False) if isinstance(value, str) else []
        if kinds:
            problems[name] = personal_data_message(kinds)
    return problems
