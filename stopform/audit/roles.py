"""The PostgreSQL privileges of the role the app runs as.

The migrations run as the schema's owner; the app connects as another role. Only an owner may
ALTER a table, DROP or DISABLE its triggers or replace the trigger function (PostgreSQL docs,
"Privileges" and "ALTER TABLE"), so the running app, or whoever takes it over, cannot switch off
the audit log's append-only triggers, and has no UPDATE, DELETE or TRUNCATE on the log at all.
"""
from __future__ import annotations

import re

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
AUDIT_TABLE = "audit_entries"


def app_role_grants(role: str, owner: str | None = None) -> list[str]:
    """The statements an owner runs (after `db upgrade`) to let `role` run the app, nothing more."""
    if not ROLE_NAME.match(role) or (owner is not None and not ROLE_NAME.match(owner)):
        raise ValueError("role names: lower-case letters, digits and underscores")
    statements = [
        f"GRANT USAGE ON SCHEMA public TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {AUDIT_TABLE} FROM {role}",
        f"REVOKE ALL ON alembic_version FROM {role}",
        f"GRANT SELECT ON alembic_version TO {role}",
    ]
    if owner:
        statements += [
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
        ]
    return statements
