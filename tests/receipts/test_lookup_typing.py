"""`/r` reads what a person types: any case, I/L/O, hyphens or none; a reference, an empty box and a
typing error each get their own answer, and the typed value stays in the box."""
import pytest

from stopform.receipts.codes import read_typed_code


def test_a_code_is_read_whatever_its_case_hyphens_or_confusable_letters(client, receipted):
    _stop, credentials = receipted()
    bare = credentials.code.replace("-", "")
    for typed in (bare.lower(), credentials.code, " ".join(credentials.code.split("-")),
                  bare.replace("1", "I").replace("0", "O"), bare.replace("1", "l").lower()):
        response = client.get("/r", query_string={"code": typed, "lang": "fr"})
        assert response.status_code == 303, typed
        assert response.headers["Location"] == f"/r/{bare}?lang=fr"


def test_a_pasted_receipt_address_opens_the_receipt(client, receipted):
    _stop, credentials = receipted()
    response = client.get("/r", query_string={"code": credentials.url, "lang": "en"})
    assert response.status_code == 303 and credentials.token in response.headers["Location"]


def test_a_reference_gets_a_page_explaining_why_it_opens_nothing(client, receipted):
    stop, _credentials = receipted()
    response = client.get("/r", query_string={"code": stop.reference.lower(), "lang": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "reference, not your code" in page and "not secret" in page
    assert "Ask the police for your receipt" in page
    assert stop.reference.lower() in page
    dutch = client.get("/r", query_string={"code": stop.reference, "lang": "nl"}).get_data(as_text=True)
    assert "referentie" in dutch.lower() and "reference, not your code" not in dutch


def test_an_empty_box_asks_for_the_code_with_an_error_summary(client):
    response = client.get("/r", query_string={"code": "  ", "lang": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Enter the code on your card" in page and "typing error" not in page
    assert 'class="error-summary"' in page and 'href="#code"' in page and 'aria-invalid="true"' in page


def test_a_typing_error_keeps_what_was_typed(client, receipted):
    _stop, credentials = receipted()
    typo = credentials.code[:-1] + ("0" if credentials.code[-1] != "0" else "1")
    response = client.get("/r", query_string={"code": typo, "lang": "en"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "typing error" in page
    assert f'value="{typo}"' in page and "There is a problem" in page


@pytest.mark.parametrize(("typed", "problem"), [("", "empty"), ("ABC", "typo"), ("7KQ4-M2XD-9P", "reference"),
                                                ("7kq4 m2xd 9p", "reference"), ("U" * 16, "typo")])
def test_read_typed_code_names_the_problem(typed, problem):
    assert read_typed_code(typed).problem == problem and read_typed_code(typed).credential == ""


def test_a_reference_has_the_length_stops_give_it():
    from stopform.receipts.codes import STOP_REFERENCE_SYMBOLS
    from stopform.stops.codes import REFERENCE_LENGTH
    assert STOP_REFERENCE_SYMBOLS == REFERENCE_LENGTH
