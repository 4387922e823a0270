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
TEST_EXPLANATIONS = {
    "stop_rate_vs_traffic": _l("How often vehicles of each group were stopped per passage counted by the cameras, "
                               "against the reference group."),
    "system_hit_rate_vs_traffic": _l("How often the automated system raised an alert per passage: this measures "
                                     "the system, not officers."),
    "search_rate": _l("The share of stops with a search of the vehicle or a person."),
    "hit_rate": _l("The share of searches that found what they were for. A lower share for a group can mean a "
                   "lower bar for searching it."),
    "extra_actions_rate": _l("The share of stops with an identity demand or search beyond what the stop's own "
                             "legal basis allows."),
    "no_further_action_rate": _l("The share of stops that ended without any further action."),
    "hit_triggered_share": _l("The share of stops prompted by an automated system hit."),
    "hit_triggered_yield": _l("The share of hit-prompted stops that found an offence. A lower share can mean the "
                              "system or officers set a lower bar for a group."),
    "force_rate": _l("The share of stops in which force was used."),
    "repeat_vehicle": _l("The share of vehicles stopped three or more times this month."),
    "veil_of_darkness": _l("Officer-initiated stops over 12 months, around dusk: does a group make up more of the "
                           "stops in daylight, when officers can see who drives, than after dark?"),
    "officer_benchmark": _l("Over 12 months, each officer's share of stops of other groups than the reference, "
                            "against colleagues' stops in the same area, time band and reason. A review list, "
                            "never a verdict."),
}
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
# Column headers for `rate` and `reference_rate`, where they mean something else than a rate.
RATE_HEADERS = {
    "stop_rate_vs_traffic": (_l("Stops per 10,000 passages"), _l("Reference per 10,000")),
    "system_hit_rate_vs_traffic": (_l("Alerts per 10,000 passages"), _l("Reference per 10,000")),
    "veil_of_darkness": (_l("Share in daylight"), _l("Share after dark")),
    "officer_benchmark": (_l("Officer's share"), _l("Colleagues' share (benchmark)")),
}
DEFAULT_RATE_HEADERS = (_l("Rate"), _l("Reference rate"))


def rate_headers(test: str) -> tuple[str, str]:
    """Headers of the rate and reference-rate columns for `test`."""
    rate, reference = RATE_HEADERS.get(test, DEFAULT_RATE_HEADERS)
    return str(rate), str(reference)
