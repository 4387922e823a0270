"""A plate, a BSN, a phone number or an e-mail address typed into the reason is refused in the
same words by the form, the API and the import: one check (`stops.personal_data`) serves all three."""
import pytest

from stopform.api.tokens import create_token
from tests.api.conftest import stop_body
from tests.imports.conftest import csv_row
from tests.stops.conftest import form_data

TYPED = {"plate": ("Bestuurder van de 12-ABC-3 reed door rood.", "a number plate"),
         "bsn": ("Bestuurder noemde BSN 111222333.", "citizen service number"),
         "phone": ("Bestuurder gaf 06-12345678 als nummer.", "a phone number"),
         "email": ("Gegevens gemaild naar piet@example.nl.", "an e-mail address")}


@pytest.fixture()
def bearer(make_user, db_session):
    _, raw = create_token(session=db_session, user=make_user("officer"))
    db_session.commit()
    return {"Authorization": f"Bearer {raw}", "Accept-Language": "en"}


@pytest.mark.parametrize("kind", TYPED)
def test_the_form_refuses_personal_data_in_the_reason(client, auth, make_user, kind):
    text, named = TYPED[kind]
    auth.login(make_user("officer").username)
    response = client.post("/stops/new?lang=en", data=form_data(reason_text=text, action="check"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#f-reason_text"' in page and named in page and "personal data" in page


@pytest.mark.parametrize("kind", TYPED)
def test_the_api_refuses_personal_data_in_the_reason(client, bearer, kind):
    text, named = TYPED[kind]
    response = client.post("/api/v1/stops", json=stop_body(reason_text=text), headers=bearer)
    assert response.status_code == 422
    assert named in response.get_json()["errors"]["reason_text"]


@pytest.mark.parametrize("kind", TYPED)
def test_the_import_refuses_personal_data_in_the_reason(runner, tmp_path, kind):
    text, named = TYPED[kind]
    row = csv_row(reason_text=text)
    path = tmp_path / "stops.csv"
    path.write_text(",".join(row) + "\n" + ",".join(f'"{value}"' for value in row.values()) + "\n", encoding="utf-8")
    result = runner.invoke(args=["import-stops", str(path)])
    assert result.exit_code == 1
    assert "line 2, column reason_text:" in result.output and named in result.output


def test_a_clean_reason_still_goes_through_the_api(client, bearer):
    body = stop_body(reason_text="Reed 82 km/h waar 50 geldt, WVW160 lid 1, op de A73 bij Venlo.")
    assert client.post("/api/v1/stops", json=body, headers=bearer).status_code == 201
