"""A flag in plain words, for a reader who is not a statistician: what was found, compared with
whom, and how strong the evidence is. The statistics (intervals, p-values) stay in
`.messages.flag_message`, which the page shows behind a details toggle.

Rates of stops are written per 1,000 (stops, searches, vehicles); traffic rates per 10,000 camera
passages, as in the tables.
"""
from __future__ import annotations

from typing import Any

from .group_names import capitalised, group_label
from .messages import adjusted_figures, subject_label, window_text
from .wording import ENGLISH, N_, Wording

PER_PASSAGE = frozenset({"stop_rate_vs_traffic", "system_hit_rate_vs_traffic"})
SHARES = frozenset({"veil_of_darkness", "officer_benchmark"})

FINDINGS = {
    "search_rate": N_("%(Subject)s were searched in %(rate)s of every 1,000 stops, %(reference)s in "
                      "%(reference_rate)s: %(ratio)s times as often, compared within the same area and time of day."),
    "extra_actions_rate": N_("%(Subject)s faced an identity demand or search beyond the stop's legal basis in "
                             "%(rate)s of every 1,000 stops, %(reference)s in %(reference_rate)s: %(ratio)s times as "
                             "often, compared within the same area and time of day."),
    "no_further_action_rate": N_("Stops of %(subject)s ended without any further action in %(rate)s of every 1,000, "
                                 "stops of %(reference)s in %(reference_rate)s: %(ratio)s times as often, compared "
                                 "within the same area and time of day."),
    "hit_triggered_share": N_("%(Subject)s were stopped after an automated system hit in %(rate)s of every 1,000 "
                              "stops, %(reference)s in %(reference_rate)s: %(ratio)s times as often, compared within "
                              "the same area and time of day."),
    "force_rate": N_("Force was used in %(rate)s of every 1,000 stops of %(subject)s, in %(reference_rate)s of "
                     "%(reference)s: %(ratio)s times as often, compared within the same area and time of day."),
    "repeat_vehicle": N_("Of every 1,000 %(subject)s stopped, %(rate)s were stopped three or more times; of "
                         "%(reference)s, %(reference_rate)s: %(ratio)s times as often."),
    "stop_rate_vs_traffic": N_("%(Subject)s were stopped %(rate)s times per 10,000 camera passages, %(reference)s "
                               "%(reference_rate)s times: %(ratio)s times as often as their share of the traffic "
                               "suggests, compared within the same area and time of day."),
    "system_hit_rate_vs_traffic": N_("The automated system raised %(rate)s alerts per 10,000 camera passages of "
                                     "%(subject)s, %(reference_rate)s for %(reference)s: %(ratio)s times as often, "
                                     "compared within the same area and time of day."),
    "hit_rate": N_("Searches of %(subject)s found what they were for in %(rate)s of every 1,000 searches, those of "
                   "%(reference)s in %(reference_rate)s, compared within the same area and time of day. Searching "
                   "a group with less reason produces fewer finds."),
    "hit_triggered_yield": N_("Stops of %(subject)s after a system hit found an offence in %(rate)s of every 1,000, "
                              "those of %(reference)s in %(reference_rate)s, compared within the same area and time "
                              "of day."),
    "veil_of_darkness": N_("%(Subject)s were %(rate)s of officer-initiated stops in daylight, when officers can see "
                           "who drives, and %(reference_rate)s after dark, at the same time of day, compared with "
                           "%(reference)s."),
    "officer_benchmark": N_("Officer %(group)s stopped %(subject)s in %(rate)s of their stops; colleagues' stops in "
                            "the same area, time of day and for the same reason suggest %(reference_rate)s: "
                            "%(ratio)s times as often."),
}
# How strong the evidence is, from the p-value after correcting for the report's many comparisons.
STRENGTH: tuple[tuple[float, str], ...] = (
    (0.001, N_("The evidence is very strong: a difference this large would almost never arise by chance.")),
    (0.01, N_("The evidence is strong: a difference this large would rarely arise by chance.")),
    (1.0, N_("The evidence is moderate: unlikely to be chance, but worth watching over the coming months.")),
)
OFFICER_STRENGTH: tuple[tuple[float, str], ...] = (
    (0.05, N_("The evidence is strong: this officer very probably differs from comparable colleagues.")),
    (1.0, N_("The evidence is moderate: this officer probably differs from comparable colleagues.")),
)
WITHHELD_STRENGTH = N_("The difference is unlikely to be chance, but it rests on so few stops that the figures "
                       "are not shown.")
LOOK = N_("A flag is a reason to look at these stops, not proof of bias.")
OFFICER_LOOK = N_("A reason to talk with the officer and look at the stops, never a verdict.")
STANDING = N_("This flag was raised last month too.")


def _rate(test: str, value: float | None, words: Wording) -> str:
    if test in PER_PASSAGE:
        return words.per_10000(value)
    return words.percent(value) if test in SHARES else words.per_1000(value)


def finding(block: dict[str, Any], row: dict[str, Any], words: Wording = ENGLISH) -> str:
    """What was found, in one sentence with the comparison named, preceded by its period."""
    test, dimension = block["test"], block["dimension"]
    subject = subject_label(block, row, words)
    ratio = adjusted_figures(row)[0]
    text = words.text(FINDINGS[test], Subject=capitalised(subject), subject=subject, group=row["group"],
                      reference=group_label(dimension, block["reference_group"], "reference", words),
                      rate=_rate(test, row["rate"], words), reference_rate=_rate(test, row["reference_rate"], words),
                      ratio=words.ratio(ratio))
    return text if test == "officer_benchmark" else f"{window_text(row, words)}: {text}"


def strength(test: str, row: dict[str, Any], words: Wording = ENGLISH) -> str:
    """How strong the evidence behind a flag is, in words."""
    if test == "officer_benchmark":
        value, scale = row.get("local_fdr"), OFFICER_STRENGTH
    else:
        value, scale = row.get("p_adjusted"), STRENGTH
    if value is None:
        return words.text(WITHHELD_STRENGTH)
    return words.text(next(message for limit, message in scale if value < limit or limit == 1.0))


def reminder(test: str, words: Wording = ENGLISH) -> str:
    """What a flag is and is not."""
    return words.text(OFFICER_LOOK if test == "officer_benchmark" else LOOK)
