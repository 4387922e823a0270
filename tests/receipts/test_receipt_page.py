"""The public receipt page: the right facts and rights for each legal basis in each language."""
import html as htmllib
import re
from zoneinfo import ZoneInfo

import pytest

from stopform.receipts import labels
from stopform.receipts.rights import BASIS_RIGHTS, REMEDIES

from .conftest import LANGUAGES, translated

STOP_BASES = [code for code in BASIS_RIGHTS if code != "CONSENT"]
ARTICLE = re.compile(r"\d+(?::\d+)?[a-z]?")


def page(client, credential: str, lang: str, **headers):
    response = client.get(f"/r/{credential}?lang={lang}", headers=headers)
    assert response.status_code == 200, response.data[:500]
    return htmllib.unescape(response.get_data(as_text=True))


def assert_rights(app, html: str, lang: str, code: str) -> None:
    rights = BASIS_RIGHTS[code]
    for part in (rights.name, rights.may, rights.may_not, rights.you):
        text = translated(app, lang, part)
        assert text in html, (code, lang, text)
    for article in ARTICLE.findall(translated(app, "en", rights.may)):
        assert article in html


@pytest.mark.parametrize("code", STOP_BASES)
def test_rights_for_each_basis_in_each_language(app, client, receipted, code):
    stop, credentials = receipted(legal_basis=code)
    for lang in LANGUAGES:
        html = page(client, credentials.token, lang)
        assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
        assert_rights(app, html, lang, code)
        others = [other for other in STOP_BASES if other != code]
        assert not any(translated(app, lang, BASIS_RIGHTS[o].may) in html for o in others)
        for remedy in REMEDIES:
            assert translated(app, lang, remedy.title) in html
        assert stop.reference in html


def test_consent_search_adds_its_own_rights(app, client, receipted):
    _stop, credentials = receipted(vehicle_searched=True, search_basis="CONSENT", consent_refusal_explained=True)
    for lang in LANGUAGES:
        html = page(client, credentials.token, lang)
        assert_rights(app, html, lang, "WVW160-1")
        assert_rights(app, html, lang, "CONSENT")


def test_facts_of_the_stop(app, client, receipted):
    stop, credentials = receipted(legal_basis="WWM-VRG", authorisation_ref="OVJ-2026-41", reason="system_hit",
                                  triggered_by_hit=True, hit_source="anpr_reference_list", vehicle_searched=True,
                                  persons_searched=1, outcome="seizure", force_used=True)
    html = page(client, credentials.code, "en")
    local = stop.occurred_at.astimezone(ZoneInfo("Europe/Amsterdam"))
    assert f"{local.hour:02d}:00–{(local.hour + 1) % 24:02d}:00" in html
    assert f"{local.hour:02d}:{local.minute:02d}" not in html or local.minute == 0
    for expected in ("Roermond", "NL-31337", "LIMBURG-NOORD", "OVJ-2026-41", "Art. 50, 51 en 52 lid 3",
                     labels.REASONS["system_hit"], labels.HIT_SOURCES["anpr_reference_list"],
                     labels.OUTCOMES["seizure"], labels.ACTIONS["vehicle_search"], labels.ACTIONS["person_search"],
                     labels.ACTIONS["force"], labels.ACTIONS["documents"]):
        assert translated(app, "en", expected) in html


def test_the_order_reference_shows_only_for_a_preventive_search(client, receipted):
    _stop, credentials = receipted(authorisation_ref="OVJ-2026-41")
    assert "OVJ-2026-41" not in page(client, credentials.token, "en")


def test_no_automated_system_and_nothing_done(client, receipted):
    _stop, credentials = receipted(documents_checked=False)
    html = page(client, credentials.token, "en")
    assert "Prompted by an automated system</dt><dd>No</dd>" in html
    assert "Nothing beyond stopping and talking" in html


@pytest.mark.parametrize("header, expected", [("pl-PL,pl;q=0.9,en;q=0.5", "pl"), ("ar", "ar"), ("bg-BG", "bg"),
                                              ("ja, zh;q=0.8", "en"), ("", "nl")])
def test_language_follows_accept_language(client, receipted, header, expected):
    _stop, credentials = receipted()
    response = client.get(f"/r/{credentials.token}", headers={"Accept-Language": header})
    assert f'<html lang="{expected}"'.encode() in response.data
    assert response.headers["Content-Language"] == expected


def test_switcher_names_each_language_in_itself_and_keeps_it_in_the_url(client, receipted):
    _stop, credentials = receipted()
    html = page(client, credentials.token, "tr")
    for code, name in (("nl", "Nederlands"), ("bg", "Български"), ("ar", "العربية"), ("tr", "Türkçe")):
        assert f'href="/r/{credentials.token}?lang={code}" lang="{code}" hreflang="{code}"' in html
        assert name in html
    assert 'hreflang="tr" aria-current="true"' in html
    assert f'/r/{credentials.token}/card.pdf?lang=tr' in html
    assert f'/r/{credentials.token}/feedback?lang=tr' in html


def test_upper_case_qr_route_answers_and_links_back_to_lower_case(client, receipted):
    _stop, credentials = receipted()
    response = client.get(f"/R/{credentials.token}?lang=en")
    assert response.status_code == 200
    assert f'href="/r/{credentials.token}?lang=de"'.encode() in response.data


def test_unsupported_lang_falls_back(client, receipted):
    _stop, credentials = receipted()
    html = client.get(f"/r/{credentials.token}?lang=xx", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="de"' in html
