"""What the form offers an officer first: their own most used answers, and the admins' templates.

Favourites come from the officer's own recent stops only (no other data is kept for them).
"""
from __future__ import annotations

from collections import Counter

from sqlmodel import Session, col, select

from ..models import Stop, StopTemplate, User

RECENT_STOPS = 100
FAVOURITE_FIELDS = ("reason", "legal_basis", "vehicle_type", "outcome")
# The answers a template may fill in: the scenario's, never the stop's own facts (time, plate).
TEMPLATE_FIELDS = ("area", "duration_minutes", "reason", "legal_basis", "reason_text", "triggered_by_hit",
                   "hit_source", "vehicle_type", "occupants", "documents_checked", "outcome",
                   "outcome_linked_to_reason", "receipt")
TEMPLATE_BOOLEANS = ("triggered_by_hit", "documents_checked", "outcome_linked_to_reason")


def ranked(rows: list[tuple]) -> dict[str, list[str]]:
    """Per favourite field, the values of `rows` (one tuple per stop, in FAVOURITE_FIELDS order),
    most frequent first (ties: the more recent first, as the rows come newest first)."""
    ranking: dict[str, list[str]] = {}
    for index, name in enumerate(FAVOURITE_FIELDS):
        counts = Counter(row[index] for row in rows if row[index])
        newest: dict[str, int] = {}
        for position, row in enumerate(rows):
            newest.setdefault(row[index], position)
        ranking[name] = sorted(counts, key=lambda value: (-counts[value], newest[value]))
    return ranking


def favourite_answers(session: Session, user: User) -> dict[str, list[str]]:
    """The officer's answers per favourite field, most used first, from their last stops."""
    query = (select(Stop.reason, Stop.legal_basis, Stop.vehicle_type, Stop.outcome)
             .where(Stop.created_by_id == user.id).order_by(col(Stop.recorded_at).desc()).limit(RECENT_STOPS))
    return ranked([tuple(row) for row in session.exec(query)])


def favourites_first(choices: list[tuple[str, str]], favourites: list[str], keep: int = 3) -> list[tuple[str, str]]:
    """`choices` with up to `keep` favourite values moved to the front, in their order."""
    front = [value for value in favourites[:keep] if any(value == code for code, _ in choices)]
    by_code = dict(choices)
    return [(code, by_code[code]) for code in front] + [choice for choice in choices if choice[0] not in front]


def active_templates(session: Session) -> list[StopTemplate]:
    """The templates officers can start a stop from, by name."""
    return list(session.exec(select(StopTemplate).where(col(StopTemplate.active).is_(True))
                             .order_by(col(StopTemplate.name))))


def template_answers(template: StopTemplate) -> dict[str, str]:
    """A template's answers as form values (a ticked box as "y"), only the fields a template may fill."""
    answers = {}
    for name in TEMPLATE_FIELDS:
        value = template.answers.get(name)
        if name in TEMPLATE_BOOLEANS:
            answers[name] = "y" if value else ""
        elif value not in (None, ""):
            answers[name] = str(value)
    return answers
