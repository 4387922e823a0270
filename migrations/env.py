"""Alembic environment: the engine comes from stopform (see stopform/migrate.py)."""
import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel

import stopform.models  # noqa: F401  (registers every table on SQLModel.metadata)
from stopform.models.base import UTCDateTime

target_metadata = SQLModel.metadata


def render_item(type_, obj, autogen_context):
    """Render the app's column types as plain SQLAlchemy types in migration files."""
    if type_ == "type" and isinstance(obj, sa.JSON):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and obj.__class__.__module__.startswith("sqlmodel"):
        return f"sa.String(length={obj.length})" if getattr(obj, "length", None) else "sa.String()"
    return False


def run_migrations_online() -> None:
    engine = context.config.attributes.get("engine")
    if engine is None:
        from stopform import create_app
        from stopform.db import engine_of
        engine = engine_of(create_app())
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # An index built on a large table may take longer than a web request's statement limit.
            connection.exec_driver_sql("SET statement_timeout = 0")
        context.configure(connection=connection, target_metadata=target_metadata, compare_type=True,
                          render_as_batch=connection.dialect.name == "sqlite", render_item=render_item)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
