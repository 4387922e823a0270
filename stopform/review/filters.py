"""The review list's filters: a GET form read from the query string, so every view is bookmarkable.

Values are checked against what can exist (catalogue codes, known areas, the reader's units);
anything else is reported in the page's error summary and ignored, never a server error. The
report's links to "the stops behind" a flag or row use the same parameters
(`stopform.reports.drilldown`).
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectField, StringField
from wtforms.validators import Length, Optional, Regexp

from .forms import REASON_LABELS

CODE_MAX = 64
PAGE_MAX = 1_000_000
# Printable text without control characters; the value is only ever a bound query parameter.
PLAIN_TEXT = Regexp(r"^[^\x00-\x1f\x7f]*$", message=_l("Use plain text."))
STATUS_LABELS = {"open": _l("To review"), "follow_up": _l("Needs follow-up"), "ok": _l("Reviewed: in order"),
                 "all": _l("All")}
WHY_LABELS = {"listed": _l("Any reason to review"), **REASON_LABELS, "all": _l("Every stop, listed or not")}
METRIC_LABELS = {
    "searched": _l("Searched (vehicle or person)"),
    "search_found": _l("Searched, and the search found something"),
    "search_nothing_found": _l("Searched, and the search found nothing"),
    "extra_action": _l("Action beyond the legal basis of the stop"),
    "no_further_action": _l("Ended without further action"),
    "hit_triggered": _l("Prompted by a system hit"),
    "hit_offence_found": _l("Prompted by a system hit, offence found"),
    "force": _l("Force used"),
    "receipt_not_offered": _l("No receipt offered"),
    "receipt_declined": _l("Receipt declined"),
    "repeat_vehicle": _l("Vehicle stopped 3 or more times in the period"),
    "late": _l("Recorded more than 24 hours after the stop"),
}
TRIGGER_LABELS = {"officer_initiated": _l("The officer's own decision"), "hit_triggered": _l("A system hit")}
SORT_LABELS = {"newest": _l("Newest first"), "oldest": _l("Oldest first"), "area": _l("Area"),
               "officer": _l("Officer"), "reason": _l("Reason"), "basis": _l("Legal basis"), "unit": _l("Unit")}
MONTHS_LABELS = {"1": _l("This month"), "3": _l("3 months ending with this month"),
                 "12": _l("12 months ending with this month")}
GROUP_FIELDS = ("plate_country", "driver_nationality", "perceived_origin")
# The form's fields; links carry these and `page`.
FILTER_NAMES = ("status", "why", "metric", "trigger", "months", "unit", "area", "officer", "reason", "basis",
                *GROUP_FIELDS, "sort")


def _choices(labels: dict, *, blank: str | None = None) -> list[tuple[str, str]]:
    head = [("", blank)] if blank is not None else []
    return head + [(key, str(label)) for key, label in labels.items()]


class ReviewFilterForm(Form):
    """The filters (no CSRF: a GET form that changes nothing)."""

    status = SelectField(_l("Status"), default="open")
    why = SelectField(_l("Why listed"), default="listed")
    metric = SelectField(_l("What happened"), default="")
    trigger = SelectField(_l("Stop prompted by"), default="")
    months = SelectField(_l("Period"), default="1")
    unit = SelectField(_l("Unit"), default="")
    area = SelectField(_l("Area"), default="")
    reason = SelectField(_l("Reason for the stop"), default="")
    basis = SelectField(_l("Legal basis"), default="")
    officer = StringField(_l("Officer (service number)"), validators=[
        Optional(), Length(max=CODE_MAX), PLAIN_TEXT])
    plate_country = StringField(_l("Plate country"), validators=[Optional(), Length(max=CODE_MAX), PLAIN_TEXT])
    driver_nationality = StringField(_l("Driver's nationality"), validators=[
        Optional(), Length(max=CODE_MAX), PLAIN_TEXT])
    perceived_origin = StringField(_l("Perceived origin"), validators=[Optional(), Length(max=CODE_MAX), PLAIN_TEXT])
    sort = SelectField(_l("Sort by"), default="newest")


@dataclass(frozen=True)
class Options:
    """The values the reader can pick: units in their scope, known areas, catalogue codes."""

    units: list[str]
    areas: list[tuple[str, str]]
    reasons: list[tuple[str, str]]
    bases: list[str]


def filter_form(args: MultiDict, options: Options) -> ReviewFilterForm:
    """The filter form bound to the query string, with its choices; call `validate()` next."""
    form = ReviewFilterForm(args, meta={"locales": [str(get_locale() or "nl")]})
    anything = str(_l("Any"))
    form.status.choices = _choices(STATUS_LABELS)
    form.why.choices = _choices(WHY_LABELS)
    form.metric.choices = _choices(METRIC_LABELS, blank=anything)
    form.trigger.choices = _choices(TRIGGER_LABELS, blank=anything)
    form.months.choices = _choices(MONTHS_LABELS)
    form.unit.choices = [("", str(_l("All my units")))] + [(code, code) for code in options.units]
    form.area.choices = [("", str(_l("All areas")))] + options.areas
    form.reason.choices = [("", anything)] + options.reasons
    form.basis.choices = [("", anything)] + [(code, code) for code in options.bases]
    form.sort.choices = _choices(SORT_LABELS)
    return form


@dataclass(frozen=True)
class ReviewFilters:
    """The valid filters of one request (an invalid value counts as not given)."""

    status: str = "open"
    why: str = "listed"
    metric: str = ""
    trigger: str = ""
    months: int = 1
    unit: str = ""
    area: str = ""
    officer: str = ""
    reason: str = ""
    basis: str = ""
    plate_country: str = ""
    driver_nationality: str = ""
    perceived_origin: str = ""
    sort: str = "newest"
    page: int = 1

    def query_args(self, **changes) -> dict[str, str | int]:
        """The non-default filters as query-string arguments (for links), with `changes` applied."""
        defaults = ReviewFilters()
        args: dict[str, str | int] = {}
        for name in (*FILTER_NAMES, "page"):
            value = changes.get(name, getattr(self, name))
            if value != getattr(defaults, name):
                args[name] = value
        return args

    @property
    def groups(self) -> dict[str, str]:
        """The group filters that are set: dimension -> value."""
        return {name: getattr(self, name) for name in GROUP_FIELDS if getattr(self, name)}


def valid_filters(form: ReviewFilterForm, args: MultiDict) -> ReviewFilters:
    """The filters of a validated form (a field with errors falls back to its default) and the
    page of `args` (no number: the first; beyond the last: the last, see `services.review_page`)."""
    given: dict[str, str] = {}
    for name in FILTER_NAMES:
        field = form[name]
        if not field.errors and field.data not in (None, ""):
            given[name] = str(field.data).strip()
    text = {name: given.get(name, "") for name in FILTER_NAMES}
    return ReviewFilters(
        status=given.get("status", "open"), why=given.get("why", "listed"), metric=text["metric"],
        trigger=text["trigger"], months=int(given.get("months", "1")), unit=text["unit"], area=text["area"],
        officer=text["officer"], reason=text["reason"], basis=text["basis"], plate_country=text["plate_country"],
        driver_nationality=text["driver_nationality"], perceived_origin=text["perceived_origin"],
        sort=given.get("sort", "newest"),
        page=min(max(args.get("page", 1, type=int) or 1, 1), PAGE_MAX))


def active_filters(form: ReviewFilterForm, filters: ReviewFilters) -> list[tuple[str, str]]:
    """(label, value) of every filter that differs from the default, in words, for the sentence
    that says what the list shows (status and sort have their own places on the page)."""
    defaults = ReviewFilters()
    shown = []
    for name in FILTER_NAMES:
        value = getattr(filters, name)
        if name in ("status", "sort") or value == getattr(defaults, name):
            continue
        field = form[name]
        words = dict(field.choices).get(str(value), str(value)) if isinstance(field, SelectField) else str(value)
        shown.append((str(field.label.text), words))
    return shown
