"""Command-line commands (`flask --app app COMMAND`)."""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Add every command group to the app's CLI."""
    from . import accounts, areas, audit, database, demo, exports, imports, retention, tokens
    app.cli.add_command(database.db)
    for command in (accounts.create_user_command, accounts.seed_demo_accounts, areas.import_areas_command,
                    demo.demo_data_command, imports.import_stops_command, imports.import_traffic_command,
                    exports.export_stops_command, tokens.create_token_command, tokens.revoke_token_command,
                    audit.verify_audit_command, audit.audit_checkpoint_command, audit.audit_keygen_command,
                    retention.purge_command):
        app.cli.add_command(command)
    from .reports import report_command
    app.cli.add_command(report_command)
