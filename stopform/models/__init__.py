"""Every table model, imported here so Alembic and `create_all` see them all."""
from .accounts import ROLES, Area, Supervision, Unit, User
from .api import ApiToken as ApiToken
from .audit import AuditEntry as AuditEntry
from .audit import AuditHead as AuditHead
from .base import UTCDateTime, table_of, utcnow
from .catalog import CatalogCode, LegalBasis
from .receipts import Receipt as Receipt
from .receipts import ReceiptFeedback as ReceiptFeedback
from .report_cells import BasisCell, OfficerCell, RecordingCell, RepeatVehicle, StopCell
from .retention import StopTally as StopTally
from .reviews import REVIEW_OUTCOMES, StopReview
from .stops import RECORD_FIELDS, Amendment, FieldLimits, Stop, StopFields, field_limits, local_time_columns
from .stored_reports import ReportDataVersion as ReportDataVersion
from .stored_reports import StoredReport as StoredReport
from .stored_reports import StoredReportPdf as StoredReportPdf
from .templates import StopTemplate
from .traffic import TrafficCount

__all__ = ["RECORD_FIELDS", "ROLES", "FieldLimits", "field_limits",
           "Amendment", "Area", "BasisCell", "OfficerCell", "RecordingCell", "RepeatVehicle", "StopCell",
           "CatalogCode", "LegalBasis", "Stop", "StopFields",
           "StopTemplate", "Supervision", "UTCDateTime", "Unit", "User", "table_of", "utcnow",
           "REVIEW_OUTCOMES", "StopReview", "TrafficCount", "local_time_columns"]
