"""Every table model, imported here so Alembic and `create_all` see them all."""
from .accounts import ROLES, Area, Supervision, Unit, User
from .base import UTCDateTime, utcnow
from .catalog import CatalogCode, LegalBasis
from .stops import Amendment, Stop, StopFields

__all__ = ["ROLES", "Amendment", "Area", "CatalogCode", "LegalBasis", "Stop", "StopFields",
           "Supervision", "UTCDateTime", "Unit", "User", "utcnow"]
