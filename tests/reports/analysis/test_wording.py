"""Numbers, plurals, group names and reasons in the reader's language; flags in plain words."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.support import Translations

from stopform.reports.analysis import plain
from stopform.reports.analysis.group_names import group_label
from stopform.reports.analysis.messages import flag_caveat, flag_message, window_text, withheld_message
from stopform.reports.analysis.reasons import REASONS, UNKNOWN, reason_text
from stopform.reports.analysis.rows import make_row
from stopform.reports.analysis.wording import ENGLISH, Wording

from .helpers import block

CATALOGS = Path(__file__).resolve().parents[3] / "stopform" / "translations"


@pytest.fixture(scope="module")
def dutch() -> Wording:
    translations = Translations.load(str(CATALOGS), ["nl"])
    return Wording(gettext=translations.gettext, ngettext=translations.ngettext, locale="nl")


def _row(**values) -> dict:
    base = {"rate": 0.1, "reference_rate": 0.04, "ratio": 2.5, "ci_low": 1.7, "ci_high": 3.6, "p_adjusted": 0.0006}
    return make_row(values.pop("group", "PL"), 400, 40, **(base | values))


@pytest.mark.parametrize(("value", "english", "dutch_text"), [
    (2909, "2,909", "2.909"), (0, "0", "0"), (None, "–", "–")])
def test_counts_are_grouped_the_locale_s_way(dutch, value, english, dutch_text):
    assert ENGLISH.count(value) == english and dutch.count(value) == dutch_text


def test_ratios_percentages_and_rates_in_dutch(dutch):
    assert [dutch.ratio(v) for v in (2.5, 1.25, 3.0, 12.34, None)] == ["2,5", "1,25", "3", "12", "∞"]
    assert [dutch.percent(v) for v in (0.094, 0.1, 0.0029)] == ["9,4%", "10%", "0,29%"]
    assert dutch.per_1000(0.0946) == "95" and dutch.per_1000(0.0054) == "5,4" and ENGLISH.per_1000(0.0054) == "5.4"
    assert dutch.per_10000(0.003) == "30,0" and dutch.p_value(0.0006) == "= 0,0006"
    assert dutch.p_value(None) == "niet beschikbaar"


def test_plurals_follow_the_count(dutch):
    assert window_text({"window": 1}, dutch) == "In de rapportmaand"
    assert window_text({"window": 12}, dutch) == "Over de 12 maanden die eindigen met de rapportmaand"
    assert window_text({"window": 3}) == "Over the 3 months ending with the report month"


def test_groups_are_named_in_the_reader_s_language(dutch):
    assert group_label("plate_country", "PL", words=dutch) == "voertuigen met Poolse kentekens (PL)"
    assert group_label("plate_country", "NL", "reference", dutch) == "voertuigen met Nederlandse kentekens"
    assert group_label("plate_country", "NL", "not_reference", dutch) == "voertuigen zonder Nederlandse kentekens (NL)"
    assert group_label("driver_nationality", "BE", words=dutch) == "bestuurders met de Belgische nationaliteit (BE)"
    assert group_label("plate_country", "QQ", words=dutch) == "voertuigen met kentekens uit QQ"
    assert group_label("perceived_origin", "dutch", words=dutch) == \
        "personen geregistreerd met waargenomen afkomst 'dutch'"


def test_the_flag_message_in_dutch_keeps_its_figures(dutch):
    text = flag_message(block("search_rate", []), _row(), dutch)
    assert text.startswith("In de rapportmaand: Voertuigen met Poolse kentekens (PL) werden 2,5 keer zo vaak "
                           "doorzocht")
    assert "(10% tegenover 4% van de controles; 95%-interval 1,7–3,6)" in text
    assert "gecorrigeerde p = 0,0006" in text and text.endswith("geen bewijs van vooringenomenheid.")
    assert "Kentekenland is geen etniciteit" in flag_caveat(block("search_rate", []), _row(), dutch)


def test_a_withheld_flag_can_leave_the_reminder_to_the_page(dutch):
    row = _row()
    assert withheld_message(block("search_rate", []), row).endswith("not proof of bias.")
    text = withheld_message(block("search_rate", []), row, dutch, test_name="aandeel doorzoekingen", remind=False)
    assert "'aandeel doorzoekingen'" in text and "significant hoger" in text and "bewijs" not in text


def test_the_finding_names_the_comparison_and_rates_per_1000():
    text = plain.finding(block("search_rate", []), _row(ratio_adjusted=2.4, ci_low_adjusted=1.6, ci_high_adjusted=3.5))
    assert text == ("In the report month: Vehicles with Polish plates (PL) were searched in 100 of every 1,000 stops, "
                    "vehicles with Dutch plates in 40: 2.4 times as often, compared within the same area and time "
                    "of day.")
    traffic = plain.finding(block("stop_rate_vs_traffic", []), _row(rate=0.003, reference_rate=0.00125))
    assert "30.0 times per 10,000 camera passages" in traffic and "12.5 times" in traffic
    officer = plain.finding(block("officer_benchmark", []), _row(group="NL-41234", rate=0.42, reference_rate=0.2,
                                                                 ratio=2.1, studied_group="RO"))
    assert officer.startswith("Officer NL-41234 stopped vehicles with Romanian plates (RO) in 42% of their stops")


@pytest.mark.parametrize(("p_adjusted", "words"), [(0.00001, "very strong"), (0.004, "is strong"),
                                                    (0.03, "moderate"), (None, "so few stops")])
def test_the_strength_of_a_flag_in_words(p_adjusted, words):
    assert words in plain.strength("search_rate", {"p_adjusted": p_adjusted})


def test_the_strength_of_an_officer_flag_comes_from_the_local_fdr():
    assert "very probably" in plain.strength("officer_benchmark", {"local_fdr": 0.01})
    assert "probably differs" in plain.strength("officer_benchmark", {"local_fdr": 0.15})
    assert "never a verdict" in plain.reminder("officer_benchmark") and "not proof" in plain.reminder("hit_rate")


@pytest.mark.parametrize(("reason", "dutch_text"), [
    ("fewer than 30 in total for this group", "minder dan 30 in totaal voor deze groep"),
    ("fewer than 10 events expected for the reference group",
     "minder dan 10 verwachte gebeurtenissen voor de referentiegroep"),
    ("no records for the reference group NL", "geen registraties voor de referentiegroep NL"),
    ("fewer than 10 stops of the reference group NL in darkness within the twilight window",
     "minder dan 10 controles van de referentiegroep NL bij het donker binnen de schemerperiode"),
    ("a count between 1 and 9 (small cells are not published)",
     "een aantal tussen 1 en 9 (kleine aantallen worden niet gepubliceerd)"),
])
def test_reasons_are_translated_from_their_pattern(dutch, reason, dutch_text):
    assert reason_text(reason, dutch) == dutch_text
    assert reason_text(reason) == reason


def test_an_unknown_reason_never_reaches_a_dutch_page_in_english(dutch):
    assert reason_text("something new the analysis says", dutch) == dutch.text(UNKNOWN)
    assert reason_text("something new the analysis says") == "something new the analysis says"
    assert reason_text(None, dutch) is None


def test_every_reason_pattern_has_a_dutch_message(dutch):
    for reason in REASONS:
        assert dutch.gettext(reason.message) != reason.message, reason.message
