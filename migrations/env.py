"""Alembic environment. unitbudget.db drives it with a live connection; no alembic.ini needed."""

from __future__ import annotations

from alembic import context
from alembic.ddl.impl import DefaultImpl

from unitbudget.schema import metadata


class DuckDBImpl(DefaultImpl):
    """Alembic ships no DuckDB implementation; DuckDB DDL is transactional like PostgreSQL's."""

    __dialect__ = "duckdb"
    transactional_ddl = True


def include_name(name, type_, parent_names):  # noqa: ANN001
    # Only the warehouse's own schema is managed; views and alembic_version live outside it.
    if type_ == "schema":
        return name == "core"
    return True


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    # duckdb-engine reflects no indexes or unique constraints (TECH-NOTES): comparing them
    # would report false drift, so the drift check compares tables and columns only.
    return type_ not in {"index", "unique_constraint", "foreign_key_constraint"}


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("unitbudget migrations run through unitbudget.db with a connection")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        include_name=include_name,
        include_schemas=True,
        compare_type=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) mode is not supported")
run_migrations_online()
