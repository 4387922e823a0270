"""The server side of the stepped form: every problem with the answers so far, the ones a step
shows, and the signed moment the form was opened (for the time to record)."""
from __future__ import annotations

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.datastructures import MultiDict

from ..catalog.services import Catalog
from ..db import get_session
from ..models import User
from ..models.stops import TIME_TO_RECORD_MAX
from .context import rule_context
from .forms import StopForm
from .rules import validate_record

OPENED_SALT = "stop-form-opened"


def answers_and_problems(form: StopForm, catalog: Catalog, user: User) -> tuple[dict, dict[str, str]]:
    """The record the form holds and `{field: message}` for all its problems (the form's own checks
    first, then the shared rules); nothing is attached to the fields yet."""
    form.validate()
    problems = {field.name: [str(error) for error in field.errors] for field in form if field.errors}
    record = form.to_record(current_app.config["DISPLAY_TIMEZONE"])
    for name, message in validate_record(record, rule_context(get_session(), catalog, user)).items():
        if message not in problems.setdefault(name, []):
            problems[name].append(message)
    return record, {name: " ".join(messages) for name, messages in problems.items()}


def problems_as_posted(form: StopForm, catalog: Catalog, user: User) -> dict[str, str]:
    """The problems the form's current values would meet if the page were sent as it is (a template's
    answers on a new form: which step they leave open)."""
    data: MultiDict[str, str] = MultiDict()
    for field in form:
        if field.type == "BooleanField":
            if field.data:
                data.add(field.name, "y")
        elif field.type == "DateTimeLocalField":
            data.add(field.name, field._value())
        elif field.name != "csrf_token":
            data.add(field.name, "" if field.data is None else str(field.data))
    posted = StopForm(formdata=data, meta={"csrf": False})
    return answers_and_problems(posted, catalog, user)[1]


def show_problems(form: StopForm, problems: dict[str, str]) -> None:
    """Attach exactly `problems` to the form's fields (and clear every other error)."""
    for field in form:
        field.errors = [problems[field.name]] if field.name in problems else []


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=OPENED_SALT)


def opened_token() -> str:
    """A signed mark of this moment, carried by the form page from one step to the next."""
    return _serializer().dumps("opened")


def seconds_since_opened(token: str | None) -> int | None:
    """Whole seconds since the form carrying `token` was opened; None when the mark is missing,
    forged, or older than a day (a form left open measures nothing)."""
    if not token:
        return None
    try:
        _, signed_at = _serializer().loads(token, max_age=TIME_TO_RECORD_MAX, return_timestamp=True)
    except BadData:
        return None
    from ..models import utcnow
    return max(0, int((utcnow() - signed_at).total_seconds()))
