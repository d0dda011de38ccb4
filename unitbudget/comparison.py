"""The materialised comparison: regenerated cells stored with their document.

`compare` on the live views plans and runs one CTE chain per published table on every call.
The regenerated cells of the tables that read only their own document are instead stored in
core.comparison_cells inside the transaction that writes the document (`store_cells`); the
generated views compare.stored_table_comparison(_summary) read them, and compute the tables
of LIVE_TABLES from their views as before.

Which tables read other documents, decided from their view SQL (views/report):
- expenditure_by_agency: 上年度 / 前年度決算 columns come from account_series, i.e. other
  documents (last year's book, DGBAS workbooks); table_comparison also compares the unit
  budget with the DGBAS workbooks of its year (the `dgbas` branch, never stored).
- travel_summary: 上年度 columns come from the same agency's book of the year before.
Every other report view joins its facts on the document's own document_id (plus reference
charts that only migrations change, and stg_account_parents, a function of the account code).
consistency_checks (a 附錄 unit against its book) is not part of `compare` and stays live.

Staleness guard: core.comparison_state keeps a fingerprint of the view files, the database's
migration revision, the parser version and STORED_TABLES. `refresh_if_stale` (run after every
upgrade and before every load) rebuilds the whole table when it changed; `is_fresh` tells
`compare` whether the stored cells can be trusted, and it computes from the live views if not.

Kept free of SQLAlchemy imports: `compare` checks freshness on a plain DuckDB connection.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cache
from importlib.resources import files
from typing import Any

from .catalog import TABLES

# Published tables whose regenerated cells read other documents: computed from the views.
LIVE_TABLES: tuple[str, ...] = ("expenditure_by_agency", "travel_summary")
# Published tables whose regenerated cells are stored at load time.
STORED_TABLES: tuple[str, ...] = tuple(t.slug for t in TABLES if t.slug not in LIVE_TABLES)

# The generated views reading the stored cells (schema compare; unitbudget.viewsync).
STORED_VIEWS: tuple[str, ...] = (
    "stored_regenerated_cells",
    "stored_table_comparison",
    "stored_table_comparison_summary",
)

_STATE = "fingerprint"
_COLUMNS = "document_id, table_slug, row_key, column_key, regenerated_value"


@cache
def _views_digest() -> str:
    """SHA-256 of every view file (folder, name and bytes)."""
    digest = hashlib.sha256()
    root = files("unitbudget.views")
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.name)
    for folder in folders:
        for f in sorted((p for p in folder.iterdir() if p.name.endswith(".sql")), key=str):
            digest.update(f"{folder.name}/{f.name}\n".encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()


def fingerprint(revision: str | None) -> str:
    """SHA-256 of the view files, the migration `revision`, the parser version and the list of
    stored tables: what the stored cells were computed with."""
    from .loaders.version import PARSER_VERSION

    parts = f"{_views_digest()}\n{revision}\n{PARSER_VERSION}\n{','.join(STORED_TABLES)}\n"
    return hashlib.sha256(parts.encode()).hexdigest()


Execute = Callable[[str], list[tuple[Any, ...]]]


def stored_fingerprint(execute: Execute) -> tuple[str | None, str | None]:
    """(stored fingerprint, database revision) through `execute(sql) -> rows`.

    (None, None) when the database has no comparison store (below revision 0013) or cannot
    say; the caller then treats the store as stale.
    """
    try:
        rows = execute(
            f"SELECT (SELECT value FROM core.comparison_state WHERE name = '{_STATE}'), "
            "(SELECT version_num FROM alembic_version)"
        )
    except Exception:  # noqa: BLE001 - each engine names "no such table" its own way
        return None, None
    return rows[0][0], rows[0][1]


def is_fresh(execute: Execute) -> bool:
    """True when core.comparison_cells was computed with this code's views, revision and
    parser version (see `fingerprint`)."""
    stored, revision = stored_fingerprint(execute)
    return stored is not None and stored == fingerprint(revision)


def cells_sql(document_ids: Iterable[int] | None = None) -> str:
    """SELECT of the regenerated cells of STORED_TABLES from their compare.cmp_* views, for
    `document_ids` (every document when None). The filter sits in every branch of the union
    so it reaches each view's own scan."""
    where = ""
    if document_ids is not None:
        ids = ", ".join(str(int(i)) for i in document_ids)
        where = f" WHERE document_id IN ({ids})"
    return "\nUNION ALL\n".join(
        f"SELECT {_COLUMNS} FROM compare.cmp_{slug}{where}" for slug in STORED_TABLES
    )


def store_cells(conn: Any, document_ids: Iterable[int], replaced: Iterable[int] = ()) -> None:
    """Store the regenerated cells of the new documents `document_ids`, in the caller's
    transaction (a SQLAlchemy Connection), after their facts are written.

    One INSERT … SELECT over the cmp_* views of STORED_TABLES for all `document_ids`: its
    cost is mostly planning the view chains (a few hundred ms on a busy 2-core machine) and
    barely grows with the number of documents, so a group of documents should be stored in
    one call.

    `replaced`: documents this write deleted (a --replace); their cells and those of their
    附錄 units, already gone from core.documents, are deleted too. A new document_id comes
    from the sequence, so it has no cells to delete. Raises what the engine raises; the
    caller's transaction then rolls back with the document.
    """
    ids = sorted({int(i) for i in document_ids})
    if ids:
        # Only unit budgets print tables: a DGBAS workbook skips the (costly) view statement.
        listed = ", ".join(map(str, ids))
        ids = [
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT document_id FROM core.documents WHERE document_id IN ({listed}) "
                "AND kind = 'unit_budget'"
            )
        ]
    if list(replaced):
        # The replaced book's units were deleted with it and cannot be listed any more:
        # drop every stored cell whose document no longer exists.
        conn.exec_driver_sql(
            "DELETE FROM core.comparison_cells WHERE document_id NOT IN "
            "(SELECT document_id FROM core.documents)"
        )
    if ids:
        conn.exec_driver_sql(f"INSERT INTO core.comparison_cells ({_COLUMNS})\n{cells_sql(ids)}")


def rebuild(conn: Any) -> None:
    """Recompute every stored cell from the views and record the fingerprint (caller's
    transaction; the views must exist, i.e. the database is at head)."""
    from sqlalchemy import text

    conn.exec_driver_sql("DELETE FROM core.comparison_cells")
    conn.exec_driver_sql(f"INSERT INTO core.comparison_cells ({_COLUMNS})\n{cells_sql()}")
    revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    conn.execute(text("DELETE FROM core.comparison_state WHERE name = :n"), {"n": _STATE})
    conn.execute(
        text("INSERT INTO core.comparison_state (name, value) VALUES (:n, :v)"),
        {"n": _STATE, "v": fingerprint(revision)},
    )


def refresh_if_stale(conn: Any) -> bool:
    """Rebuild core.comparison_cells when its fingerprint is not this code's; True when it
    did. Call only at the head revision, after the views are created."""
    if is_fresh(lambda sql: conn.exec_driver_sql(sql).all()):
        return False
    rebuild(conn)
    return True
