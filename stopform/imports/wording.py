"""The shared rules speak to an officer at a form ("select one from the list", "tick"); a file's
problems are read by whoever prepared the file, so the import says the same thing in file terms.

The import renders the rules' messages in English (`force_locale("en")`), so they are matched
here word for word; a message not listed passes through unchanged.
"""
from __future__ import annotations

import re

FILE_WORDING = {
    "Select the legal basis used to stop the vehicle.": "missing: the legal basis of the stop",
    "Unknown legal basis: select one from the list.":
        "not a legal basis in the catalogue valid on the stop's date (docs/imports.md lists the codes)",
    "Select an answer.": "missing",
    "Unknown code: select one from the list.":
        "not a code of this column in the catalogue valid on the stop's date (docs/imports.md lists the codes)",
    "Unknown unit: select one from the list.": "unknown unit code: not among the units in the database",
    "Select the area where the stop took place.": "missing",
    "Unknown area: select one from the list.": "unknown area code: import the areas first with import-areas",
    "Select the country of the number plate (XX if unknown).": "missing (XX when the country is unknown)",
    "Unknown country code: use two letters, such as NL or DE.":
        "unknown country code: use the two-letter ISO 3166 code, such as NL or DE",
    "Describe the concrete, objective reason for the stop.": "missing: the concrete, objective reason",
    "Keep the reason to 280 characters or fewer.": "longer than 280 characters",
    "Select the system whose hit prompted the stop.": "missing: the system whose hit prompted the stop",
    "Unknown system: select one from the list.": "not a system code in the catalogue valid on the stop's date",
    "Select what the search found.": "missing: what the search found (none if nothing)",
    "Say why no receipt was offered.": "missing: why no receipt was offered",
    "Enter the date and time the stop began.": "missing",
    "The reason is a system hit: tick that a system prompted the stop.":
        "must be true when the reason is system_hit",
    "Enter the duration in minutes, from 0 to 1440.": "must be a whole number from 0 to 1440",
    "Enter the number of people in the vehicle, from 1 to 60.": "must be a whole number from 1 to 60",
    "Remove the control character (such as NUL) from this field.":
        "holds a control character (such as NUL): remove it from the cell",
    "A search by consent is only lawful when the person was told they could refuse. Confirm it.":
        "must be true for a search by consent (the person was told they could refuse)",
}
# Form verbs in messages built with values (the legality guard's), in file terms.
FORM_PHRASES = [
    (re.compile(r" Choose the basis for the identity demand \(for example POLW8-ID\) or untick it\.$"),
     " Give id_basis (for example POLW8-ID), or set the demand to false."),
    (re.compile(r" Choose a search basis, or consent if the person agreed after being told they could refuse\.$"),
     " Give search_basis, or CONSENT with consent_refusal_explained true."),
]


def for_a_file(message: str) -> str:
    """The rules' `message` as a problem in a file is best put."""
    if message in FILE_WORDING:
        return FILE_WORDING[message]
    for pattern, replacement in FORM_PHRASES:
        message = pattern.sub(replacement, message)
    return message
