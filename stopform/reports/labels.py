"""Words for the report's tests and dimensions, translated on the staff pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

TEST_TITLES = {
    "stop_rate_vs_traffic": _l("Stops per camera passage"),
    "system_hit_rate_vs_traffic": _l("System alerts per camera passage"),
    "search_rate": _l("Search rate"),
    "hit_rate": _l("Searches that found what they were for"),
    "extra_actions_rate": _l("Actions beyond the stop's legal basis"),
    "no_further_action_rate": _l("Stops without further action"),
    "hit_triggered_share": _l("Stops prompted by a system hit"),
    "hit_triggered_yield": _l("Hit-prompted stops that found an offence"),
    "force_rate": _l("Force used"),
    "repeat_vehicle": _l("Vehicles stopped three or more times"),
    "veil_of_darkness": _l("Veil of darkness (daylight against dark)"),
    "officer_benchmark": _l("Officers compared with colleagues"),
}
# What n and events count in each test: the reader needs this to read the table.
TEST_COUNTS = {
    "stop_rate_vs_traffic": (_l("Passages"), _l("Stops")),
    "system_hit_rate_vs_traffic": (_l("Passages"), _l("Alerts")),
    "search_rate": (_l("Stops"), _l("Searched")),
    "hit_rate": (_l("Searches"), _l("Found")),
    "extra_actions_rate": (_l("Stops"), _l("With extra action")),
    "no_further_action_rate": (_l("Stops"), _l("No further action")),
    "hit_triggered_share": (_l("Stops"), _l("Prompted by a hit")),
    "hit_triggered_yield": (_l("Hit-prompted stops"), _l("Offence found")),
    "force_rate": (_l("Stops"), _l("Force used")),
    "repeat_vehicle": (_l("Vehicles"), _l("Stopped 3+ times")),
    "veil_of_darkness": (_l("Stops in the twilight window"), _l("Of this group")),
    "officer_benchmark": (_l("Stops compared"), _l("Of the studied group")),
}
# One sentence a non-statistician understands, naming the comparison (%(reference)s: the reference
# group in words, e.g. "Dutch-plated vehicles").
TEST_EXPLANATIONS = {
    "stop_rate_vs_traffic": _l("How often vehicles of each group were stopped for every 10,000 times the cameras "
                               "counted one passing, compared with %(reference)s in the same area and time of day."),
    "system_hit_rate_vs_traffic": _l("How often the automated system raised an alert for every 10,000 camera "
                                     "passages, compared with %(reference)s: this measures the system, not officers."),
    "search_rate": _l("Of every 1,000 stops, how many included a search of the vehicle or a person, compared with "
                      "%(reference)s in the same area and time of day."),
    "hit_rate": _l("Of every 1,000 searches, how many found what they were for, compared with %(reference)s: fewer "
                   "finds for a group can mean it is searched with less reason."),
    "extra_actions_rate": _l("Of every 1,000 stops, how many included an identity demand or search beyond what the "
                             "stop's own legal basis allows, compared with %(reference)s in the same area and time "
                             "of day."),
    "no_further_action_rate": _l("Of every 1,000 stops, how many ended without any further action, compared with "
                                 "%(reference)s in the same area and time of day."),
    "hit_triggered_share": _l("Of every 1,000 stops, how many followed a hit of an automated system, compared with "
                              "%(reference)s in the same area and time of day."),
    "hit_triggered_yield": _l("Of every 1,000 stops after a system hit, how many found an offence, compared with "
                              "%(reference)s: fewer finds can mean the system or officers act on weaker alerts."),
    "force_rate": _l("Of every 1,000 stops, in how many force was used, compared with %(reference)s in the same "
                     "area and time of day."),
    "repeat_vehicle": _l("Of every 1,000 vehicles stopped this month, how many were stopped three or more times, "
                         "compared with %(reference)s."),
    "veil_of_darkness": _l("Over 12 months, around dusk: is a group a larger share of officer-initiated stops in "
                           "daylight, when officers can see who drives, than after dark at the same time of day?"),
    "officer_benchmark": _l("Over 12 months, each officer's stops of other groups than %(reference)s, compared with "
                            "colleagues' stops in the same area, time of day and for the same reason: a list of "
                            "whom to talk to, never a verdict."),
}
# The two blocks of the traffic test: an officer's choice and an automated alert are different decisions.
TRIGGERS = {"officer_initiated": _l("officer-initiated stops"), "hit_triggered": _l("hit-triggered stops")}
RATE_IS_PER_PASSAGE = frozenset({"stop_rate_vs_traffic", "system_hit_rate_vs_traffic"})
DIMENSIONS = {
    "plate_country": _l("plate country"),
    "driver_nationality": _l("driver's nationality"),
    "perceived_origin": _l("perceived origin"),
}


def test_title(test: str) -> str:
    """The test's title, or its code when unknown."""
    return str(TEST_TITLES.get(test, test))


def dimension_name(dimension: str) -> str:
    """The dimension in words, or its code when unknown."""
    return str(DIMENSIONS.get(dimension, dimension.replace("_", " ")))


def block_title(block: dict) -> str:
    """'Search rate · plate country', with the trigger where the test has one block per trigger."""
    title = f"{test_title(block['test'])} · {dimension_name(block['dimension'])}"
    trigger = TRIGGERS.get(block.get("trigger") or "")
    return f"{title} · {trigger}" if trigger else title


# Column headers for `rate` and `reference_rate`, where they mean something else than a rate.
RATE_HEADERS = {
    "stop_rate_vs_traffic": (_l("Stops per 10,000 passages"), _l("Reference per 10,000")),
    "system_hit_rate_vs_traffic": (_l("Alerts per 10,000 passages"), _l("Reference per 10,000")),
    "veil_of_darkness": (_l("Share in daylight"), _l("Share after dark")),
    "officer_benchmark": (_l("Officer's share"), _l("Colleagues' share (benchmark)")),
}
DEFAULT_RATE_HEADERS = (_l("Per 1,000"), _l("Reference per 1,000"))
# Tests whose rates the tables show as a share (%), not per 1,000 or per 10,000.
RATE_IS_SHARE = frozenset({"veil_of_darkness", "officer_benchmark"})


def rate_headers(test: str) -> tuple[str, str]:
    """Headers of the rate and reference-rate columns for `test`."""
    rate, reference = RATE_HEADERS.get(test, DEFAULT_RATE_HEADERS)
    return str(rate), str(reference)
