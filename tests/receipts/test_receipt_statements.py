"""Key statements of the receipt (catalogue v2): what happened, the rights that follow, and the
address, URL and code isolation in right-to-left text."""
import pytest
from flask import render_template
from flask_babel import lazy_gettext as _l

from stopform.receipts import rights, views
from stopform.receipts.public import open_receipt

from .conftest import LANGUAGES, translated
from .test_receipt_page import page

COULD_REFUSE = rights.BASIS_RIGHTS["CONSENT"].you
SUSPECT = {"legal_basis": "SV52", "reason": "suspicion_of_offence", "caution_given": True,
           "suspected_offence": "Winkeldiefstal (art. 310 Sr)",
           "reason_for_person": "Uw auto leek op een melding van een winkeldiefstal."}


@pytest.mark.parametrize("search_basis", ["SV56", "OPIUM9-2", "WWM52", "POLW7-3"])
def test_no_could_refuse_after_a_compulsory_person_search(app, client, receipted, search_basis):
    _stop, credentials = receipted(**SUSPECT, persons_searched=1, search_basis=search_basis, outcome="arrest")
    for lang in LANGUAGES:
        html = page(client, credentials.token, lang)
        assert translated(app, lang, COULD_REFUSE) not in html
        assert translated(app, lang, rights.BASIS_RIGHTS[search_basis].you) in html


def test_consent_says_it_could_be_refused_and_withdrawn(client, receipted):
    _stop, credentials = receipted(persons_searched=1, search_basis="CONSENT", consent_refusal_explained=True)
    html = page(client, credentials.token, "en")
    assert "You could refuse" in html and "withdraw your consent at any moment" in html


def test_drug_test_needs_signs_of_drug_use_and_binds_the_accompanying_adult(client, receipted):
    html = page(client, receipted(legal_basis="WVW160-5")[1].token, "en")
    assert "preliminary drug (saliva) test only when there are signs of drug use" in html
    assert "without any suspicion" in html and "accompanying adult of a learner driver" in html
    assert "Passengers had no duty under this power. You" not in html


def test_an_opium_act_search_of_clothing_states_its_statutory_conditions(client, receipted):
    _stop, credentials = receipted(**SUSPECT, persons_searched=1, search_basis="OPIUM9-2")
    html = page(client, credentials.token, "en")
    assert "suspected of a drugs crime under the Opium Act" in html
    assert "serious indications against you (Art. 9(2) Opium Act)" in html


def test_mtv_is_for_the_marechaussee_only_and_police_id_is_no_stop_power(client, receipted):
    assert "Only the Royal Netherlands Marechaussee" in page(client, receipted(legal_basis="MTV")[1].token, "en")
    police_id = page(client, receipted(driver_id_demanded=True, id_basis="POLW8-ID")[1].token, "en")
    assert "does not allow ordering a vehicle to stop" in police_id


def test_a_suspect_reads_the_reason_the_offence_and_their_rights(app, client, receipted):
    _stop, credentials = receipted(**SUSPECT)
    for lang in LANGUAGES:
        html = page(client, credentials.token, lang)
        assert SUSPECT["reason_for_person"] in html and SUSPECT["suspected_offence"] in html
        assert translated(app, lang, _l("Your rights as a suspect")) in html
    english = page(client, credentials.token, "en")
    assert "interpreter" in english and "lawyer" in english and "27a" in english


def test_a_traffic_check_has_no_suspect_rights_and_no_offence(client, receipted):
    html = page(client, receipted(suspected_offence="Should not show")[1].token, "en")
    assert "Your rights as a suspect" not in html and "Should not show" not in html


def test_an_inspection_names_the_supervised_law(client, receipted):
    html = page(client, receipted(legal_basis="AWB519", supervised_law="Wet wegvervoer goederen")[1].token, "en")
    assert "Law the inspector enforces" in html and "Wet wegvervoer goederen" in html


def test_force_names_its_legal_basis(client, receipted):
    html = page(client, receipted(force_used=True)[1].token, "en")
    assert "Use of force" in html and "Art. 7(1) and (7) Police Act 2012" in html


def test_complaint_deadlines_routes_and_footer(client, receipted):
    html = page(client, receipted()[1].token, "en")
    for statement in ("within six weeks", "ten weeks", "four weeks", "Art. 9:11", "Nationale ombudsman",
                      "College voor de Rechten van de Mens", "discriminatie.nl", "Juridisch Loket", "Art. 25",
                      "not an official report"):
        assert statement in html, statement


def test_addresses_urls_and_codes_are_isolated_in_arabic(client, receipted):
    stop, credentials = receipted()
    raw = client.get(f"/r/{credentials.token}?lang=ar").get_data(as_text=True)
    assert '<bdi dir="ltr">Postbus 93122, 2509 AC Den Haag</bdi>' in raw
    assert '<bdi dir="ltr">030 888 38 88</bdi>' in raw
    assert f'<bdi dir="ltr">{stop.reference}</bdi>' in raw
    assert '<bdi dir="ltr">nationaleombudsman.nl</bdi>' in raw


def test_card_isolates_the_lookup_address_and_codes(app, db_session, receipted):
    _stop, credentials = receipted()
    with app.test_request_context("/r?lang=ar"):
        views.offer_citizen_languages()
        receipt = open_receipt(session=db_session, credential=credentials.token, timezone="Europe/Amsterdam")
        card = render_template("receipts/card.html", receipt=receipt, qr="", code="ABCD-EFGH",
                               lookup_url="bon.example.nl/r")
    assert '<bdi dir="ltr">bon.example.nl/r</bdi>' in card
    assert '<bdi dir="ltr">ABCD-EFGH</bdi>' in card and f'<bdi dir="ltr">{receipt.reference}</bdi>' in card


def test_a_weapons_check_of_a_vehicle_states_the_grounds_of_art_51(client, receipted):
    _stop, credentials = receipted(**{**SUSPECT, "legal_basis": "WWM51"}, vehicle_searched=True, search_basis="WWM51")
    html = page(client, credentials.token, "en")
    assert "reasonable cause: an offence with weapons, or indications of one (Art. 51" in html
    assert "Art. 51 lid 1 en 4 Wet wapens en munitie" in html
