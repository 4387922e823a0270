"""Plain-English flag messages and caveats, kept as format strings for translation.

Every user-facing sentence lives here so it can later be wrapped in gettext.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

COUNTRY_ADJECTIVES = {
    "NL": "Dutch", "DE": "German", "BE": "Belgian", "LU": "Luxembourg", "FR": "French",
    "PL": "Polish", "RO": "Romanian", "BG": "Bulgarian", "LT": "Lithuanian", "LV": "Latvian",
    "EE": "Estonian", "CZ": "Czech", "SK": "Slovak", "HU": "Hungarian", "UA": "Ukrainian",
    "GB": "British", "IT": "Italian", "ES": "Spanish", "PT": "Portuguese", "AT": "Austrian",
    "CH": "Swiss", "DK": "Danish", "TR": "Turkish", "MA": "Moroccan", "HR": "Croatian",
}
# Labels are lower case; sentences capitalise them where needed.
LABELS = {
    "plate_country": {
        "group": "vehicles with {adjective} plates ({code})",
        "group_no_adjective": "vehicles with plates from {code}",
        "reference": "{adjective}-plated vehicles",
        "reference_no_adjective": "vehicles with {code} plates",
        "not_reference": "vehicles with plates other than {adjective} ({code})",
    },
    "driver_nationality": {
        "group": "drivers of {adjective} nationality ({code})",
        "group_no_adjective": "drivers of nationality {code}",
        "reference": "drivers of {adjective} nationality",
        "reference_no_adjective": "drivers of nationality {code}",
        "not_reference": "drivers of a nationality other than {adjective} ({code})",
    },
}
GENERIC_LABELS = {
    "group": "people recorded as {dimension} '{code}'",
    "reference": "people recorded as {dimension} '{code}'",
    "not_reference": "people recorded as {dimension} other than '{code}'",
}
UNKNOWN_PLATE = "vehicles whose plate country was not recorded (XX)"

TEMPLATES = {
    "search_rate": "{Subject} were searched {ratio} times as often as {reference} "
    "({rate} vs {reference_rate} of stops; 95% interval {ci_low}–{ci_high}).",
    "extra_actions_rate": "{Subject} faced an identity demand or search beyond the stop's legal basis "
    "{ratio} times as often as {reference} ({rate} vs {reference_rate} of stops; 95% interval {ci_low}–{ci_high}).",
    "no_further_action_rate": "Stops of {subject} ended with no further action {ratio} times as often as "
    "stops of {reference} ({rate} vs {reference_rate}; 95% interval {ci_low}–{ci_high}).",
    "hit_triggered_share": "{Subject} were stopped after an automated system hit {ratio} times as often as "
    "{reference} ({rate} vs {reference_rate} of stops; 95% interval {ci_low}–{ci_high}).",
    "force_rate": "Force was used in stops of {subject} {ratio} times as often as in stops of {reference} "
    "({rate} vs {reference_rate}; 95% interval {ci_low}–{ci_high}).",
    "repeat_vehicle": "{Subject} were stopped three or more times in the period {ratio} times as often as "
    "{reference} ({rate} vs {reference_rate} of vehicles stopped; 95% interval {ci_low}–{ci_high}).",
    "stop_rate_vs_traffic": "{Subject} were stopped {ratio} times as often per camera passage as {reference} "
    "({rate} vs {reference_rate} stops per 10,000 passages; 95% interval {ci_low}–{ci_high}).",
    "system_hit_rate_vs_traffic": "The automated system raised an alert on {subject} {ratio} times as often per "
    "camera passage as on {reference} ({rate} vs {reference_rate} alerts per 10,000 passages; "
    "95% interval {ci_low}–{ci_high}).",
    "hit_rate": "Searches of {subject} found what they were for less often than searches of {reference} "
    "({rate} vs {reference_rate} of searches; ratio {ratio}, 95% interval {ci_low}–{ci_high}).",
    "hit_triggered_yield": "Hit-triggered stops of {subject} found an offence less often than those of "
    "{reference} ({rate} vs {reference_rate}; ratio {ratio}, 95% interval {ci_low}–{ci_high}).",
    "veil_of_darkness": "{Subject} made up a larger share of officer-initiated stops in daylight, when drivers "
    "can be seen, than after dark ({rate} vs {reference_rate}, compared with {reference}; "
    "adjusted ratio {ratio}, 95% interval {ci_low}–{ci_high}).",
    "officer_benchmark": "Officer {group} stopped {subject} in {rate} of their stops, where colleagues' "
    "comparable stops (same area, time band and reason) suggest {reference_rate} "
    "(ratio {ratio}, 95% interval {ci_low}–{ci_high}).",
}
CHANCE = "This is unlikely to be chance (adjusted p {p_adjusted})."
OFFICER_CHANCE = "The estimated chance that this is a false alarm is {local_fdr} (local false discovery rate)."
REVIEW = "A flag is a prompt to review, not proof of bias."
OFFICER_REVIEW = "This is a review list, never a verdict on the officer."

CAVEATS = {
    "search_rate": "This compares stopped vehicles only and assumes every group was stopped on equally strong grounds.",
    "extra_actions_rate": "An extra action can be lawful on its own basis (for example an identity demand under "
    "Art. 8 Politiewet or a consent search); check the recorded grounds.",
    "no_further_action_rate": "A higher share of stops without result can mean weaker grounds for stopping this "
    "group, or simply a different mix of stop types.",
    "hit_triggered_share": "Hit-triggered stops follow automated alerts: the difference may lie in the system's "
    "rules and lists or in which alerts officers act on.",
    "force_rate": "Force follows from what happens in the stop (resistance, arrest); compare the recorded "
    "outcomes before reading it as a difference in treatment.",
    "repeat_vehicle": "Some vehicles are stopped often for legitimate reasons, such as commercial vehicles or "
    "vehicles on a reference list.",
    "stop_rate_vs_traffic": "Camera passages are only a rough benchmark: the traffic a camera counts is not exactly "
    "the traffic officers can see and stop, and commuters, visitors and through traffic differ by country.",
    "system_hit_rate_vs_traffic": "This measures the automated system, not officers: its rules or reference lists "
    "select this group more often per passage.",
    "hit_rate": "Hit rates can differ for reasons other than bias (infra-marginality): groups may differ in how "
    "often they carry what is searched for. A lower rate suggests, but does not prove, a lower bar for searching.",
    "hit_triggered_yield": "Yield depends on what the system alerts on and on infra-marginality: groups may "
    "differ in how often an alert is right for reasons other than bias.",
    "veil_of_darkness": "Driving patterns, street lighting and patrol locations change after dark, and number "
    "plates stay readable at night, so this test is weak for plate groups. Placebo on hit-triggered stops: {placebo}.",
    "officer_benchmark": "The benchmark is colleagues' stops in the same area, time band and reason; duties the "
    "data do not record (special operations, assignments) can explain a difference.",
}
DIMENSION_CAVEATS = {
    "plate_country": "Plate country is not ethnicity: rental and lease cars and residents with foreign-registered "
    "cars are common.",
    "driver_nationality": "Nationality is known only when an identity document was inspected anyway.",
    "perceived_origin": "Perceived origin is the officer's perception, not how the person identifies.",
}
PLACEBO_RATIO = "ratio {ratio} (95% interval {ci_low}–{ci_high}; near 1 is expected)"
PLACEBO_MISSING = "not available ({note})"
UNBOUNDED = "∞"
DIFFERENCE = 1.1
IN_MONTH = "In the report month"
OVER_MONTHS = "Over the {months} months ending with the report month"
ADJUSTED = ("These figures compare stops within the same area, time band and day type (and month); "
            "the crude ratio over all stops is {crude}.")
MOSTLY_PLACE = ("The crude ratio ({crude}) is mostly explained by where and when the stops happened: "
                "within the same area and time band the ratio is {adjusted}.")
PARTLY_PLACE = ("Part of the crude ratio ({crude}) is explained by where and when the stops happened: "
                "within the same area and time band the ratio is {adjusted}.")
HIDDEN_BY_PLACE = ("Where and when the stops happened hides part of the difference: the crude ratio is "
                   "{crude}, within the same area and time band {adjusted}.")
WITHHELD = ("{window}: the {test} of {subject} differs significantly ({direction} than {reference}), "
            "but the figures rest on fewer than 10 records and are withheld.")
HIGHER = "higher"
LOWER = "lower"


def format_ratio(value: float | None) -> str:
    """Up to two decimals without trailing zeros (2.5, 1.25, 0.57); whole numbers from 10."""
    if value is None:
        return UNBOUNDED
    if value >= 10:
        return f"{value:,.0f}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_percent(value: float | None) -> str:
    """A share as a percentage: 10%, 5.3%, 0.29%."""
    if value is None:
        return "–"
    pct = value * 100
    if pct >= 10 or pct == 0:
        return f"{pct:.0f}%"
    if pct >= 1:
        return f"{pct:.1f}".rstrip("0").rstrip(".") + "%"
    return f"{pct:.2g}%"


def format_per_10000(value: float | None) -> str:
    """A per-passage rate per 10,000 passages, one decimal."""
    return "–" if value is None else f"{value * 10_000:,.1f}"


def format_p(value: float | None) -> str:
    """'= 0.0006' style, or '< 0.0001' for very small p."""
    if value is None:
        return "not available"
    if value < 0.0001:
        return "< 0.0001"
    decimals = 2 if value >= 0.01 else 3 if value >= 0.001 else 4
    return f"= {value:.{decimals}f}"


def group_label(dimension: str, code: str, role: str = "group") -> str:
    """How a group is named in a sentence (lower case).

    ``role`` is ``group`` ('vehicles with Polish plates (PL)'), ``reference``
    ('Dutch-plated vehicles') or ``not_reference`` (every group but ``code``).
    """
    if dimension == "plate_country" and code == "XX" and role == "group":
        return UNKNOWN_PLATE
    labels = LABELS.get(dimension)
    if labels is None:
        return GENERIC_LABELS[role].format(dimension=dimension.replace("_", " "), code=code)
    adjective = COUNTRY_ADJECTIVES.get(code)
    if adjective is None and role != "not_reference":
        return labels[f"{role}_no_adjective"].format(code=code)
    return labels[role].format(adjective=adjective or code, code=code)


def _rate_formatter(test: str) -> Callable[[float | None], str]:
    return format_per_10000 if test in ("stop_rate_vs_traffic", "system_hit_rate_vs_traffic") else format_percent


def _subject(test: str, dimension: str, row: dict[str, Any], reference: str) -> str:
    if test != "officer_benchmark":
        return group_label(dimension, row["group"])
    studied = row.get("studied_group")
    return group_label(dimension, studied) if studied else group_label(dimension, reference, "not_reference")


def _adjusted(row: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    if "ratio_adjusted" in row:
        return row["ratio_adjusted"], row["ci_low_adjusted"], row["ci_high_adjusted"]
    return row["ratio"], row["ci_low"], row["ci_high"]


def differs(crude: float | None, adjusted: float | None) -> bool:
    """Crude and adjusted ratios more than 10 % apart (either way)."""
    if crude is None or adjusted is None or crude <= 0 or adjusted <= 0:
        return crude != adjusted
    return not 1 / DIFFERENCE <= crude / adjusted <= DIFFERENCE


def comparison_note(row: dict[str, Any]) -> str | None:
    """Plain words when the crude and the adjusted ratio tell different stories, else None."""
    if "ratio_adjusted" not in row or not differs(row["ratio"], row["ratio_adjusted"]):
        return None
    crude, adjusted = row["ratio"], row["ratio_adjusted"]
    if crude is not None and adjusted is not None and abs(adjusted - 1) < abs(crude - 1) / 2:
        text = MOSTLY_PLACE
    elif crude is not None and adjusted is not None and abs(adjusted - 1) < abs(crude - 1):
        text = PARTLY_PLACE
    else:
        text = HIDDEN_BY_PLACE
    return text.format(crude=format_ratio(crude), adjusted=format_ratio(adjusted))


def window_text(row: dict[str, Any]) -> str:
    """'In the report month' or 'Over the 12 months ending with the report month'."""
    window = row.get("window", 1)
    return IN_MONTH if window == 1 else OVER_MONTHS.format(months=window)


def flag_message(block: dict[str, Any], row: dict[str, Any]) -> str:
    """One or two plain sentences for a supervisor, ending with the review reminder."""
    test, dimension = block["test"], block["dimension"]
    reference = block["reference_group"]
    subject = _subject(test, dimension, row, reference)
    rate = _rate_formatter(test)
    ratio, low, high = _adjusted(row)
    text = TEMPLATES[test].format(
        Subject=subject[:1].upper() + subject[1:], subject=subject, group=row["group"],
        reference=group_label(dimension, reference, "reference"), ratio=format_ratio(ratio),
        rate=rate(row["rate"]), reference_rate=rate(row["reference_rate"]),
        ci_low=format_ratio(low), ci_high=format_ratio(high),
    )
    if test != "officer_benchmark":
        text = f"{window_text(row)}: {text}"
        if "ratio_adjusted" in row:
            text += " " + ADJUSTED.format(crude=format_ratio(row["ratio"]))
            note = comparison_note(row)
            text += f" {note}" if note else ""
    if test == "officer_benchmark":
        fdr = row["local_fdr"]
        chance = OFFICER_CHANCE.format(local_fdr="under 0.001" if fdr < 0.001 else f"{fdr:.3f}")
        return f"{text} {chance} {OFFICER_REVIEW}"
    return f"{text} {CHANCE.format(p_adjusted=format_p(row['p_adjusted']))} {REVIEW}"


def withheld_message(block: dict[str, Any], row: dict[str, Any]) -> str:
    """The message of a flag whose figures are withheld as small cells."""
    test, dimension = block["test"], block["dimension"]
    subject = _subject(test, dimension, row, block["reference_group"])
    direction = LOWER if test in ("hit_rate", "hit_triggered_yield") else HIGHER
    text = WITHHELD.format(window=window_text(row), test=test.replace("_", " "), subject=subject,
                           direction=direction, reference=group_label(dimension, block["reference_group"], "reference"))
    return f"{text} {OFFICER_REVIEW if test == 'officer_benchmark' else REVIEW}"


def flag_caveat(block: dict[str, Any], row: dict[str, Any]) -> str:
    """The caveat for this test, plus one for the group dimension where there is one."""
    test = block["test"]
    caveat = CAVEATS[test]
    if test == "veil_of_darkness":
        caveat = caveat.format(placebo=_placebo_text(row))
    extra = DIMENSION_CAVEATS.get(block["dimension"])
    return f"{caveat} {extra}" if extra else caveat


def _placebo_text(row: dict[str, Any]) -> str:
    if row.get("placebo_ratio") is None:
        return PLACEBO_MISSING.format(note=row.get("placebo_note") or "too few stops")
    return PLACEBO_RATIO.format(
        ratio=format_ratio(row["placebo_ratio"]),
        ci_low=format_ratio(row["placebo_ci_low"]),
        ci_high=format_ratio(row["placebo_ci_high"]),
    )
