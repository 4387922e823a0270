"""Retention: record-level data is reduced after STOPFORM_RETENTION_MONTHS."""
