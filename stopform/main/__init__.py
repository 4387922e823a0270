"""The start page and small shared pages."""
