"""Every table model, imported here so Alembic and `create_all` see them all."""
from .accounts import ROLES, Area, Supervision, Unit, User
from .api import ApiToken as ApiToken
from .audit import AuditEntry as AuditEntry
from .audit import AuditHead as AuditHead
from .base import UTCDateTime, utcnow
from .catalog import CatalogCode, LegalBasis
from .receipts import Receipt as Receipt
from .receipts import ReceiptFeedback as ReceiptFeedback
from .retention import StopTally as StopTally
from .reviews import REVIEW_OUTCOMES, StopReview
from .stops import Amendment, Stop, StopFields, local_time_columns
from .traffic import TrafficCount

__all__ = ["ROLES", "Amendment", "Area", "CatalogCode", "LegalBasis", "Stop", "StopFields",
           "Supervision", "UTCDateTime", "Unit", "User", "utcnow",
           "REVIEW_OUTCOMES", "StopReview", "TrafficCount", "local_time_columns"]
