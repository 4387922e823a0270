"""Citizen-facing labels for the catalogue's codes and for the feedback questions.

The catalogue itself carries only Dutch and English labels for staff; the receipt needs nine
languages, so these are gettext messages. A code without a label here shows as "Other".
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

REASONS = {
    "traffic_violation": _l("A traffic offence"),
    "document_check": _l("A document check"),
    "vehicle_defect": _l("A defect of the vehicle"),
    "alcohol_drug_check": _l("An alcohol or drug check"),
    "system_hit": _l("An alert from an automated system"),
    "suspect_description": _l("You matched the description of a suspect"),
    "suspicion_of_offence": _l("Suspicion of an offence"),
    "wanted_person_or_vehicle": _l("A wanted person or vehicle"),
    "other": _l("Another reason"),
}
OUTCOMES = {
    "none": _l("No further action"),
    "warning": _l("A warning"),
    "fine": _l("A fine"),
    "report": _l("An official report (proces-verbaal)"),
    "arrest": _l("An arrest"),
    "seizure": _l("Something was seized"),
}
HIT_SOURCES = {
    "sensing_risk_model": _l("a risk model that scores passing vehicles"),
    "anpr_reference_list": _l("a number-plate camera and a list of wanted vehicles"),
    "other_system": _l("another automated system"),
}
ACTIONS = {
    "documents": _l("Driving licence and vehicle documents checked"),
    "driver_id": _l("Identification demanded from the driver"),
    "passenger_id": _l("Identification demanded from passengers"),
    "vehicle_search": _l("The vehicle was searched"),
    "person_search": _l("One or more people were searched"),
    "force": _l("Force was used"),
}
OTHER = _l("Other")

YES_NO_UNSURE = {"yes": _l("Yes"), "no": _l("No"), "unsure": _l("Not sure")}
RESPECT = {
    "1": _l("1 – not at all"), "2": "2", "3": "3", "4": "4", "5": _l("5 – completely"),
}
BACKGROUNDS = {
    "dutch": _l("Dutch"),
    "moroccan": _l("Moroccan"),
    "turkish": _l("Turkish"),
    "surinamese": _l("Surinamese"),
    "caribbean": _l("Antillean or Aruban"),
    "european": _l("Another European background"),
    "other": _l("Another background"),
    "prefer_not": _l("I prefer not to say"),
}


def label(mapping: dict, code: str | None):
    """The label of `code` in `mapping`, or "Other" for an unknown code."""
    return mapping.get(code or "", OTHER)
