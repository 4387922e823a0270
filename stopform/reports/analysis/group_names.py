"""How a group is named in a sentence: 'vehicles with Polish plates (PL)', 'vehicles with Dutch plates'."""
from __future__ import annotations

from .wording import ENGLISH, N_, Wording

# A country's plates and nationality as whole phrases: the adjective's form depends on the noun in
# some languages, and "Dutch" alone is also the name of a language.
PLATES = {
    "NL": N_("Dutch plates"), "DE": N_("German plates"), "BE": N_("Belgian plates"),
    "LU": N_("Luxembourg plates"), "FR": N_("French plates"), "PL": N_("Polish plates"),
    "RO": N_("Romanian plates"), "BG": N_("Bulgarian plates"), "LT": N_("Lithuanian plates"),
    "LV": N_("Latvian plates"), "EE": N_("Estonian plates"), "CZ": N_("Czech plates"),
    "SK": N_("Slovak plates"), "HU": N_("Hungarian plates"), "UA": N_("Ukrainian plates"),
    "GB": N_("British plates"), "IT": N_("Italian plates"), "ES": N_("Spanish plates"),
    "PT": N_("Portuguese plates"), "AT": N_("Austrian plates"), "CH": N_("Swiss plates"),
    "DK": N_("Danish plates"), "TR": N_("Turkish plates"), "MA": N_("Moroccan plates"),
    "HR": N_("Croatian plates"),
}
NATIONALITIES = {
    "NL": N_("Dutch nationality"), "DE": N_("German nationality"), "BE": N_("Belgian nationality"),
    "LU": N_("Luxembourg nationality"), "FR": N_("French nationality"), "PL": N_("Polish nationality"),
    "RO": N_("Romanian nationality"), "BG": N_("Bulgarian nationality"), "LT": N_("Lithuanian nationality"),
    "LV": N_("Latvian nationality"), "EE": N_("Estonian nationality"), "CZ": N_("Czech nationality"),
    "SK": N_("Slovak nationality"), "HU": N_("Hungarian nationality"), "UA": N_("Ukrainian nationality"),
    "GB": N_("British nationality"), "IT": N_("Italian nationality"), "ES": N_("Spanish nationality"),
    "PT": N_("Portuguese nationality"), "AT": N_("Austrian nationality"), "CH": N_("Swiss nationality"),
    "DK": N_("Danish nationality"), "TR": N_("Turkish nationality"), "MA": N_("Moroccan nationality"),
    "HR": N_("Croatian nationality"),
}
# Labels are lower case; sentences capitalise them where needed.
LABELS = {
    "plate_country": {
        "group": N_("vehicles with %(country)s (%(code)s)"),
        "group_no_adjective": N_("vehicles with plates from %(code)s"),
        "reference": N_("vehicles with %(country)s"),
        "reference_no_adjective": N_("vehicles with %(code)s plates"),
        "not_reference": N_("vehicles without %(country)s (%(code)s)"),
    },
    "driver_nationality": {
        "group": N_("drivers of %(country)s (%(code)s)"),
        "group_no_adjective": N_("drivers of nationality %(code)s"),
        "reference": N_("drivers of %(country)s"),
        "reference_no_adjective": N_("drivers of nationality %(code)s"),
        "not_reference": N_("drivers without %(country)s (%(code)s)"),
    },
}
PHRASES = {"plate_country": PLATES, "driver_nationality": NATIONALITIES}
GENERIC_LABELS = {
    "group": N_("people recorded as %(dimension)s '%(code)s'"),
    "reference": N_("people recorded as %(dimension)s '%(code)s'"),
    "not_reference": N_("people recorded as %(dimension)s other than '%(code)s'"),
}
UNKNOWN_PLATE = N_("vehicles whose plate country was not recorded (XX)")
# The dimension as a phrase inside the generic label.
DIMENSION_PHRASES = {"perceived_origin": N_("perceived origin"), "plate_country": N_("plate country"),
                     "driver_nationality": N_("nationality")}


def group_label(dimension: str, code: str, role: str = "group", words: Wording = ENGLISH) -> str:
    """How a group is named in a sentence (lower case).

    ``role`` is ``group`` ('vehicles with Polish plates (PL)'), ``reference``
    ('vehicles with Dutch plates') or ``not_reference`` (every group but ``code``).
    """
    if dimension == "plate_country" and code == "XX" and role == "group":
        return words.text(UNKNOWN_PLATE)
    labels = LABELS.get(dimension)
    if labels is None:
        phrase = DIMENSION_PHRASES.get(dimension)
        named = words.gettext(phrase) if phrase else dimension.replace("_", " ")
        return words.text(GENERIC_LABELS[role], dimension=named, code=code)
    country = PHRASES[dimension].get(code)
    if country is None:
        return words.text(labels[f"{role}_no_adjective"] if role != "not_reference" else GENERIC_LABELS[role],
                          dimension=words.gettext(DIMENSION_PHRASES[dimension]), code=code)
    return words.text(labels[role], country=words.gettext(country), code=code)


def capitalised(text: str) -> str:
    """``text`` with its first letter upper case (the labels are lower case)."""
    return text[:1].upper() + text[1:]
