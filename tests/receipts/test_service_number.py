"""The public receipt shows a service number, never a username standing in for one."""
from stopform.receipts.services import issue_receipt


def _receipt_page(app, client, db_session, make_stop, user):
    with app.test_request_context():
        stop = make_stop(user, with_receipt=False)
    credentials = issue_receipt(session=db_session, stop=stop)
    db_session.commit()
    return client.get(f"/r/{credentials.token}?lang=en").get_data(as_text=True)


def test_a_username_is_not_shown_as_service_number(app, client, db_session, make_stop, make_user):
    # An account made before service numbers were required got its username as one.
    officer = make_user("officer", username="j.devries")
    officer.service_number = "J.DEVRIES"
    db_session.add(officer)
    db_session.commit()
    page = _receipt_page(app, client, db_session, make_stop, officer)
    assert "J.DEVRIES" not in page.upper()


def test_a_real_service_number_is_shown(app, client, db_session, make_stop, make_user):
    page = _receipt_page(app, client, db_session, make_stop, make_user("officer", service_number="NL-31337"))
    assert "NL-31337" in page
