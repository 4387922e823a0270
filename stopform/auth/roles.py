"""Role names as people read them, in the page's language (the codes stay in the database)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

ROLE_NAMES = {
    "officer": _l("Officer"),
    "supervisor": _l("Supervisor"),
    "admin": _l("Administrator"),
    "oversight": _l("Oversight body"),
}


def role_name(role: str) -> str:
    """The role in words, or its code when unknown."""
    return str(ROLE_NAMES.get(role, role))
