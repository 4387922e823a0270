"""Optional feedback: once per receipt, stored apart from the stop, shown only for 10 people or more."""
from datetime import date

from flask_babel import refresh
from sqlmodel import select

from stopform.models import Receipt, ReceiptFeedback, utcnow
from stopform.receipts.codes import secret_hash
from stopform.receipts.feedback import MIN_GROUP, feedback_summary, shown_groups

ANSWERS = {"reason_explained": "yes", "respect": "4", "singled_out": "no", "background": "surinamese"}


def test_feedback_is_stored_once_and_apart_from_the_stop(client, db_session, receipted):
    stop, credentials = receipted()
    form = client.get(f"/r/{credentials.token}/feedback?lang=en")
    assert form.status_code == 200 and b'name="respect"' in form.data and b"prefer not to say" in form.data
    response = client.post(f"/r/{credentials.token}/feedback?lang=en", data=ANSWERS)
    assert response.status_code == 303
    thanks = client.get(response.headers["Location"])
    assert b"have been received" in thanks.data and b'name="respect"' not in thanks.data
    again = client.post(f"/r/{credentials.token}/feedback", data={**ANSWERS, "respect": "1"})
    assert again.status_code == 303
    rows = db_session.exec(select(ReceiptFeedback).where(ReceiptFeedback.unit == stop.unit)).all()
    assert len(rows) == 1
    row = rows[0]
    assert (row.reason_explained, row.respect, row.singled_out, row.background) == ("yes", 4, "no", "surinamese")
    local_month = stop.local_date.replace(day=1) if hasattr(stop, "local_date") else row.month
    assert row.month == local_month and row.area == stop.area
    assert not {"stop_id", "receipt_id", "created_at", "reference"} & set(ReceiptFeedback.model_fields)
    receipt = db_session.exec(select(Receipt).where(Receipt.token_hash == secret_hash(credentials.token))).one()
    assert receipt.feedback_given is True


def test_unknown_answers_are_dropped_and_an_empty_form_stores_nothing(client, db_session, receipted):
    _stop, credentials = receipted()
    empty = client.post(f"/r/{credentials.token}/feedback?lang=de", data={"respect": "9", "background": "x"})
    assert empty.status_code == 200 and b"keine Frage beantwortet" in empty.data
    assert db_session.exec(select(ReceiptFeedback)).all() == []
    partial = client.post(f"/r/{credentials.token}/feedback", data={"respect": "9", "singled_out": "yes"})
    assert partial.status_code == 303
    row = db_session.exec(select(ReceiptFeedback)).one()
    assert row.respect is None and row.singled_out == "yes" and row.background is None


def test_feedback_without_csrf_token_or_cookie(app, client, receipted):
    app.config["WTF_CSRF_ENABLED"] = True
    _stop, credentials = receipted()
    response = client.post(f"/r/{credentials.token}/feedback", data=ANSWERS)
    assert response.status_code == 303 and "Set-Cookie" not in response.headers


def test_feedback_for_an_unknown_receipt_is_the_404_page(client):
    assert client.post("/r/0000-0000-0000-0000/feedback", data=ANSWERS).status_code == 404


def _add(db_session, count: int, background: str, unit: str = "LIMBURG-NOORD", **answers) -> None:
    month = utcnow().date().replace(day=1)
    for _ in range(count):
        db_session.add(ReceiptFeedback(month=month, unit=unit, area="ROERMOND", background=background, **answers))
    db_session.flush()


def _this_month():
    today = utcnow().date()
    return today.replace(day=1), today


def test_summary_is_suppressed_below_ten_responses(db_session):
    _add(db_session, MIN_GROUP - 1, "dutch", respect=5, reason_explained="yes", singled_out="no")
    start, end = _this_month()
    summary = feedback_summary(db_session, start=start, end=end)
    assert summary.suppressed and summary.responses == 0 and summary.overall is None and not summary.by_background


def test_summary_counts_means_and_shares(db_session):
    _add(db_session, 8, "dutch", respect=5, reason_explained="yes", singled_out="no")
    _add(db_session, 4, "moroccan", respect=2, reason_explained="no", singled_out="yes")
    _add(db_session, 30, "dutch", unit="LIMBURG-ZUID", respect=1)
    start, end = _this_month()
    summary = feedback_summary(db_session, units=["LIMBURG-NOORD"], start=start, end=end)
    assert not summary.suppressed and summary.responses == 12
    assert summary.overall.respect_mean == round((8 * 5 + 4 * 2) / 12, 3)
    assert summary.overall.reason_explained_share == round(8 / 12, 3)
    assert summary.overall.singled_out_share == round(4 / 12, 3)
    # Both groups are under 10 people: no breakdown at all.
    assert summary.by_background == []
    elsewhere = feedback_summary(db_session, units=["LIMBURG-NOORD"], start=date(2000, 1, 1), end=date(2000, 12, 31))
    assert elsewhere.suppressed


def test_small_groups_are_hidden_and_cannot_be_recovered_by_subtraction():
    rows = [{"background": "dutch", "n": 40}, {"background": "turkish", "n": 12}, {"background": "moroccan", "n": 3}]
    shown, hidden = shown_groups(rows)
    assert [row["background"] for row in shown] == ["dutch"]
    assert sum(row["n"] for row in hidden) >= MIN_GROUP
    shown, hidden = shown_groups([{"background": "dutch", "n": 40}, {"background": "turkish", "n": 12}])
    assert hidden == [] and len(shown) == 2


def test_breakdown_rows_in_the_summary(db_session):
    _add(db_session, 20, "dutch", respect=4)
    _add(db_session, 11, "turkish", respect=3, singled_out="yes")
    _add(db_session, 2, "prefer_not", respect=5)
    start, end = _this_month()
    summary = feedback_summary(db_session, start=start, end=end)
    keys = [group.key for group in summary.by_background]
    assert keys == ["dutch", "other_or_small"]
    assert summary.by_background[-1].responses == 13
    assert all(group.responses >= MIN_GROUP for group in summary.by_background)


def test_supervisors_see_feedback_on_the_overview_only_in_aggregate(client, auth, make_user, db_session):
    supervisor = make_user("supervisor")
    _add(db_session, 12, "dutch", respect=4, reason_explained="yes", singled_out="no")
    db_session.commit()
    auth.login(supervisor.username)
    refresh()  # the fixture's app context outlives requests: choose the language afresh
    page = client.get("/overview?lang=en").get_data(as_text=True)
    section = page[page.index("Feedback from people stopped"):]
    assert "<td>Everyone</td>\n  <td>12</td>\n  <td>100 %</td>\n  <td>4.0</td>\n  <td>0 %</td>" in section
    assert "Dutch" in section


def test_overview_hides_feedback_of_fewer_than_ten(client, auth, make_user, db_session):
    _add(db_session, 9, "dutch", respect=4)
    _add(db_session, 30, "dutch", unit="LIMBURG-ZUID", respect=4)
    db_session.commit()
    auth.login(make_user("supervisor").username)
    refresh()
    page = client.get("/overview?lang=nl").get_data(as_text=True)
    assert "Minder dan 10 mensen" in page and "<td>9</td>" not in page and "<td>39</td>" not in page
