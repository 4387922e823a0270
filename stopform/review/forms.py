"""The form that marks a listed stop as reviewed."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from ..models.reviews import COMMENT_MAX

REASON_LABELS = {
    "force": _l("Force used"),
    "consent_search": _l("Search by consent"),
    "beyond_basis": _l("Action beyond the legal basis of the stop"),
    "hit_without_own_ground": _l("Prompted by a system hit, no ground of the officer's own"),
    "no_receipt_offered": _l("No receipt offered"),
    "crime_or_risk_model": _l("A possible suspect, or prompted by a risk model: criminal-procedure safeguards"),
    "late_submission": _l("Late submission: sent from the device more than 7 days after the stop"),
}
OUTCOME_LABELS = {"ok": _l("Reviewed: in order"), "follow_up": _l("Needs follow-up")}


class ReviewForm(FlaskForm):
    """Outcome and a comment; both required, so every review says what was concluded and why."""

    outcome = RadioField(_l("Outcome"), choices=[SelectChoice(value, label) for value, label in OUTCOME_LABELS.items()],
                         validators=[InputRequired(_l("Choose an outcome."))])
    comment = TextAreaField(_l("Comment"), validators=[
        InputRequired(_l("Write what you checked and concluded.")),
        Length(max=COMMENT_MAX, message=_l("Keep the comment to %(max)d characters or fewer."))])
