"""Command-line commands (`flask --app app COMMAND`)."""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Add every command group to the app's CLI."""
    from . import accounts, areas, database, demo
    app.cli.add_command(database.db)
    for command in (accounts.create_user_command, accounts.seed_demo_accounts, areas.import_areas_command,
                    demo.demo_data_command):
        app.cli.add_command(command)
