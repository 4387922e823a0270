"""Flag messages and caveats: the statistical sentence of a flag, and what to keep in mind.

Pure: each function takes a `Wording` (English by default, which is what the JSON carries); the
page and the PDF pass the reader's (see `.wording`). Templates use ``%(name)s`` placeholders and are
marked with `N_` for extraction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .group_names import capitalised, group_label
from .wording import ENGLISH, N_, Nn_, Wording

__all__ = ["comparison_note", "flag_caveat", "flag_message", "format_p", "format_per_10000",
           "format_percent", "format_ratio", "group_label", "window_text", "withheld_message"]

TEMPLATES = {
    "search_rate": N_("%(Subject)s were searched %(ratio)s times as often as %(reference)s "
                      "(%(rate)s vs %(reference_rate)s of stops; 95%% interval %(ci_low)s–%(ci_high)s)."),
    "extra_actions_rate": N_("%(Subject)s faced an identity demand or search beyond the stop's legal basis "
                             "%(ratio)s times as often as %(reference)s (%(rate)s vs %(reference_rate)s of stops; "
                             "95%% interval %(ci_low)s–%(ci_high)s)."),
    "no_further_action_rate": N_("Stops of %(subject)s ended with no further action %(ratio)s times as often as "
                                 "stops of %(reference)s (%(rate)s vs %(reference_rate)s; "
                                 "95%% interval %(ci_low)s–%(ci_high)s)."),
    "hit_triggered_share": N_("%(Subject)s were stopped after an automated system hit %(ratio)s times as often as "
                              "%(reference)s (%(rate)s vs %(reference_rate)s of stops; "
                              "95%% interval %(ci_low)s–%(ci_high)s)."),
    "force_rate": N_("Force was used in stops of %(subject)s %(ratio)s times as often as in stops of %(reference)s "
                     "(%(rate)s vs %(reference_rate)s; 95%% interval %(ci_low)s–%(ci_high)s)."),
    "repeat_vehicle": N_("%(Subject)s were stopped three or more times in the period %(ratio)s times as often as "
                         "%(reference)s (%(rate)s vs %(reference_rate)s of vehicles stopped; "
                         "95%% interval %(ci_low)s–%(ci_high)s)."),
    "stop_rate_vs_traffic": N_("%(Subject)s were stopped %(ratio)s times as often per camera passage as "
                               "%(reference)s (%(rate)s vs %(reference_rate)s stops per 10,000 passages; "
                               "95%% interval %(ci_low)s–%(ci_high)s)."),
    "system_hit_rate_vs_traffic": N_("The automated system raised an alert on %(subject)s %(ratio)s times as often "
                                     "per camera passage as on %(reference)s (%(rate)s vs %(reference_rate)s "
                                     "alerts per 10,000 passages; 95%% interval %(ci_low)s–%(ci_high)s)."),
    "hit_rate": N_("Searches of %(subject)s found what they were for less often than searches of %(reference)s "
                   "(%(rate)s vs %(reference_rate)s of searches; ratio %(ratio)s, "
                   "95%% interval %(ci_low)s–%(ci_high)s)."),
    "hit_triggered_yield": N_("Hit-triggered stops of %(subject)s found an offence less often than those of "
                              "%(reference)s (%(rate)s vs %(reference_rate)s; ratio %(ratio)s, "
                              "95%% interval %(ci_low)s–%(ci_high)s)."),
    "veil_of_darkness": N_("%(Subject)s made up a larger share of officer-initiated stops in daylight, when "
                           "drivers can be seen, than after dark (%(rate)s vs %(reference_rate)s, compared with "
                           "%(reference)s; adjusted ratio %(ratio)s, 95%% interval %(ci_low)s–%(ci_high)s)."),
    "officer_benchmark": N_("Officer %(group)s stopped %(subject)s in %(rate)s of their stops, where colleagues' "
                            "comparable stops (same area, time band and reason) suggest %(reference_rate)s "
                            "(ratio %(ratio)s, 95%% interval %(ci_low)s–%(ci_high)s)."),
}
CHANCE = N_("This is unlikely to be chance (adjusted p %(p_adjusted)s).")
OFFICER_CHANCE = N_("The estimated chance that this is a false alarm is %(local_fdr)s (local false discovery rate).")
UNDER_ONE_IN_A_THOUSAND = N_("under 0.001")
REVIEW = N_("A flag is a prompt to review, not proof of bias.")
OFFICER_REVIEW = N_("This is a review list, never a verdict on the officer.")

CAVEATS = {
    "search_rate": N_("This compares stopped vehicles only and assumes every group was stopped on equally strong "
                      "grounds."),
    "extra_actions_rate": N_("An extra action can be lawful on its own basis (for example an identity demand under "
                             "Art. 8 Politiewet or a consent search); check the recorded grounds."),
    "no_further_action_rate": N_("A higher share of stops without result can mean weaker grounds for stopping this "
                                 "group, or simply a different mix of stop types."),
    "hit_triggered_share": N_("Hit-triggered stops follow automated alerts: the difference may lie in the system's "
                              "rules and lists or in which alerts officers act on."),
    "force_rate": N_("Force follows from what happens in the stop (resistance, arrest); compare the recorded "
                     "outcomes before reading it as a difference in treatment."),
    "repeat_vehicle": N_("Some vehicles are stopped often for legitimate reasons, such as commercial vehicles or "
                         "vehicles on a reference list."),
    "stop_rate_vs_traffic": N_("Camera passages are only a rough benchmark: the traffic a camera counts is not "
                               "exactly the traffic officers can see and stop, and commuters, visitors and through "
                               "traffic differ by country."),
    "system_hit_rate_vs_traffic": N_("This measures the automated system, not officers: its rules or reference "
                                     "lists select this group more often per passage."),
    "hit_rate": N_("Hit rates can differ for reasons other than bias (infra-marginality): groups may differ in how "
                   "often they carry what is searched for. A lower rate suggests, but does not prove, a lower bar "
                   "for searching."),
    "hit_triggered_yield": N_("Yield depends on what the system alerts on and on infra-marginality: groups may "
                              "differ in how often an alert is right for reasons other than bias."),
    "veil_of_darkness": N_("Driving patterns, street lighting and patrol locations change after dark, and number "
                           "plates stay readable at night, so this test is weak for plate groups. Placebo on "
                           "hit-triggered stops: %(placebo)s."),
    "officer_benchmark": N_("The benchmark is colleagues' stops in the same area, time band and reason; duties the "
                            "data do not record (special operations, assignments) can explain a difference."),
}
DIMENSION_CAVEATS = {
    "plate_country": N_("Plate country is not ethnicity: rental and lease cars and residents with "
                        "foreign-registered cars are common."),
    "driver_nationality": N_("Nationality is known only when an identity document was inspected anyway."),
    "perceived_origin": N_("Perceived origin is the officer's perception, not how the person identifies."),
}
PLACEBO_RATIO = N_("ratio %(ratio)s (95%% interval %(ci_low)s–%(ci_high)s; near 1 is expected)")
PLACEBO_MISSING = N_("not available (%(note)s)")
TOO_FEW_STOPS = N_("too few stops")
DIFFERENCE = 1.1
IN_MONTH = N_("In the report month")
OVER_MONTHS = Nn_("Over the %(num)s month ending with the report month",
                  "Over the %(num)s months ending with the report month")
ADJUSTED = N_("These figures compare stops within the same area, time band and day type (and month); "
              "the crude ratio over all stops is %(crude)s.")
MOSTLY_PLACE = N_("The crude ratio (%(crude)s) is mostly explained by where and when the stops happened: "
                  "within the same area and time band the ratio is %(adjusted)s.")
PARTLY_PLACE = N_("Part of the crude ratio (%(crude)s) is explained by where and when the stops happened: "
                  "within the same area and time band the ratio is %(adjusted)s.")
HIDDEN_BY_PLACE = N_("Where and when the stops happened hides part of the difference: the crude ratio is "
                     "%(crude)s, within the same area and time band %(adjusted)s.")
WITHHELD = {
    "higher": N_("%(window)s: the %(test)s of %(subject)s is significantly higher than that of %(reference)s, "
                 "but the figures rest on fewer than 10 records and are withheld."),
    "lower": N_("%(window)s: the %(test)s of %(subject)s is significantly lower than that of %(reference)s, "
                "but the figures rest on fewer than 10 records and are withheld."),
}


def format_ratio(value: float | None) -> str:
    """Up to two decimals without trailing zeros (2.5, 1.25, 0.57); whole numbers from 10."""
    return ENGLISH.ratio(value)


def format_percent(value: float | None) -> str:
    """A share as a percentage: 10%, 5.3%, 0.29%."""
    return ENGLISH.percent(value)


def format_per_10000(value: float | None) -> str:
    """A per-passage rate per 10,000 passages, one decimal."""
    return ENGLISH.per_10000(value)


def format_p(value: float | None) -> str:
    """'= 0.0006' style, or '< 0.0001' for very small p."""
    return ENGLISH.p_value(value)


def rate_formatter(test: str, words: Wording = ENGLISH) -> Callable[[float | None], str]:
    """How `test`'s rates are written: per 10,000 passages for traffic, else as a percentage."""
    return words.per_10000 if test in ("stop_rate_vs_traffic", "system_hit_rate_vs_traffic") else words.percent


def subject_label(block: dict[str, Any], row: dict[str, Any], words: Wording = ENGLISH) -> str:
    """The group the row is about, in words (for an officer row: the studied plate group)."""
    test, dimension, reference = block["test"], block["dimension"], block["reference_group"]
    if test != "officer_benchmark":
        return group_label(dimension, row["group"], words=words)
    studied = row.get("studied_group")
    if studied:
        return group_label(dimension, studied, words=words)
    return group_label(dimension, reference, "not_reference", words)


def adjusted_figures(row: dict[str, Any]) -> tuple[float | None, float | None, float | None]:
    """The ratio and interval a flag rests on: the adjusted ones where the row has them."""
    if "ratio_adjusted" in row:
        return row["ratio_adjusted"], row["ci_low_adjusted"], row["ci_high_adjusted"]
    return row["ratio"], row["ci_low"], row["ci_high"]


def differs(crude: float | None, adjusted: float | None) -> bool:
    """Crude and adjusted ratios more than 10 % apart (either way)."""
    if crude is None or adjusted is None or crude <= 0 or adjusted <= 0:
        return crude != adjusted
    return not 1 / DIFFERENCE <= crude / adjusted <= DIFFERENCE


def comparison_note(row: dict[str, Any], words: Wording = ENGLISH) -> str | None:
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
    return words.text(text, crude=words.ratio(crude), adjusted=words.ratio(adjusted))


def window_text(row: dict[str, Any], words: Wording = ENGLISH) -> str:
    """'In the report month' or 'Over the 12 months ending with the report month'."""
    window = row.get("window", 1)
    return words.text(IN_MONTH) if window == 1 else words.plural(*OVER_MONTHS, window)


def flag_message(block: dict[str, Any], row: dict[str, Any], words: Wording = ENGLISH) -> str:
    """The flag in full statistical terms: the comparison with its interval and p, the window,
    crude against adjusted, and the review reminder."""
    test, dimension = block["test"], block["dimension"]
    subject = subject_label(block, row, words)
    rate = rate_formatter(test, words)
    ratio, low, high = adjusted_figures(row)
    text = words.text(
        TEMPLATES[test], Subject=capitalised(subject), subject=subject, group=row["group"],
        reference=group_label(dimension, block["reference_group"], "reference", words), ratio=words.ratio(ratio),
        rate=rate(row["rate"]), reference_rate=rate(row["reference_rate"]),
        ci_low=words.ratio(low), ci_high=words.ratio(high),
    )
    if test == "officer_benchmark":
        fdr = row["local_fdr"]
        shown = words.text(UNDER_ONE_IN_A_THOUSAND) if fdr < 0.001 else words.decimal(fdr, "0.000")
        return " ".join((text, words.text(OFFICER_CHANCE, local_fdr=shown), words.text(OFFICER_REVIEW)))
    text = f"{window_text(row, words)}: {text}"
    if "ratio_adjusted" in row:
        text += " " + words.text(ADJUSTED, crude=words.ratio(row["ratio"]))
        note = comparison_note(row, words)
        text += f" {note}" if note else ""
    chance = words.text(CHANCE, p_adjusted=words.p_value(row["p_adjusted"]))
    return f"{text} {chance} {words.text(REVIEW)}"


def withheld_message(block: dict[str, Any], row: dict[str, Any], words: Wording = ENGLISH,
                     test_name: str | None = None, remind: bool = True) -> str:
    """The message of a flag whose figures are withheld as small cells (``test_name``: the test
    in the reader's words, its code in words otherwise), with the review reminder unless the
    page says it beside."""
    test, dimension = block["test"], block["dimension"]
    direction = "lower" if test in ("hit_rate", "hit_triggered_yield") else "higher"
    text = words.text(WITHHELD[direction], window=window_text(row, words),
                      test=test_name or test.replace("_", " "), subject=subject_label(block, row, words),
                      reference=group_label(dimension, block["reference_group"], "reference", words))
    if not remind:
        return text
    return f"{text} {words.text(OFFICER_REVIEW if test == 'officer_benchmark' else REVIEW)}"


def flag_caveat(block: dict[str, Any], row: dict[str, Any], words: Wording = ENGLISH) -> str:
    """The caveat for this test, plus one for the group dimension where there is one."""
    test = block["test"]
    caveat = words.text(CAVEATS[test], placebo=_placebo_text(row, words)) if test == "veil_of_darkness" \
        else words.text(CAVEATS[test])
    extra = DIMENSION_CAVEATS.get(block["dimension"])
    return f"{caveat} {words.text(extra)}" if extra else caveat


def _placebo_text(row: dict[str, Any], words: Wording) -> str:
    if row.get("placebo_ratio") is None:
        note = row.get("placebo_note")
        return words.text(PLACEBO_MISSING, note=note or words.text(TOO_FEW_STOPS))
    return words.text(PLACEBO_RATIO, ratio=words.ratio(row["placebo_ratio"]),
                      ci_low=words.ratio(row["placebo_ci_low"]), ci_high=words.ratio(row["placebo_ci_high"]))

