"""Registers DuckDB with Alembic, which ships no implementation for it (TECH-NOTES).

Importing this module is enough: Alembic finds implementations by `__dialect__`.
"""

from __future__ import annotations

from alembic.ddl.impl import DefaultImpl


class DuckDBImpl(DefaultImpl):
    __dialect__ = "duckdb"
    # DuckDB DDL is transactional: a failed migration rolls back whole.
    transactional_ddl = True
