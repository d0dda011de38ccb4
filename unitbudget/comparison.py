"""The materialised comparison: regenerated cells and comparison results stored per document.

`compare` on the live views plans and runs one CTE chain per published table on every call,
over the whole warehouse. Instead, after a load (once per load command, in its own transaction,
never inside the transaction that writes the documents) `store_pending` stores for every unit
budget not yet stored:
- core.comparison_cells: the regenerated cells of the tables that read only their own
  document (STORED_TABLES); the generated views compare.stored_table_comparison(_summary) read
  them and compute the tables of LIVE_TABLES from their views;
- core.comparison_summary and core.comparison_mismatches: the document's rows of
  table_comparison_summary and the mismatching rows of table_comparison (every table, the
  cross-document ones and the dgbas branch included), computed through the stored views;
- core.comparison_documents: the documents those rows are current for.
`compare` reads a stored document's two result tables only, and computes from the live views
the documents not listed (new since the last store, e.g. a load killed before its store, or
invalidated), so it is right whatever was stored.

Which tables read other documents, decided from their view SQL (views/report):
- expenditure_by_agency: 上年度 / 前年度決算 columns come from account_series of the fiscal
  years Y-1 and Y-2 (any document stating the account's series: books, DGBAS workbooks,
  followed through core.account_moves); table_comparison also compares the unit budget with
  the DGBAS workbooks of its year (the `dgbas` branch).
- travel_summary: 上年度 columns come from the same agency's book of the year Y-1.
Every other report view joins its facts on the document's own document_id (plus reference
charts that only migrations change, and stg_account_parents, a function of the account code).
So `invalidate`, run in the transaction that writes documents, removes from
core.comparison_documents (with their results) the unit budgets whose results may read them:
for unit budgets of year Y the unit budgets of Y+1 and Y+2; for anything else (a DGBAS workbook,
a replace, which may change a stage or year) every unit budget. `invalidate_all` is also run
when core.account_moves is refreshed. consistency_checks (a 附錄 unit against its book) is not
part of `compare` and stays live.

Staleness guard: core.comparison_state keeps a fingerprint of the view files, the catalog, the
database's migration revision, the parser version and STORED_TABLES. `refresh_if_stale` (run
after every upgrade and before every load) rebuilds everything when it changed; `is_fresh`
tells `compare` whether the stored rows can be trusted, and it computes from the live views if
not.

Kept free of SQLAlchemy imports at module level: `compare` checks freshness on a plain DuckDB
connection.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
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
# What is stored (cells, then results per document): a change makes every store stale.
_LAYOUT = "cells+results/1"
SUMMARY_COLUMNS = (
    "document_id, fiscal_year, agency_name, table_slug, table_order, printed, compared, "
    "matched, mismatched, missing_in_print, missing_in_view"
)
MISMATCH_COLUMNS = (
    "document_id, table_slug, row_key, column_key, row_order, column_order, printed_value, "
    "regenerated_value, status, page, line"
)
# Tables holding rows per document, derived from the facts (the results and the cells).
_RESULT_TABLES = ("comparison_summary", "comparison_mismatches", "comparison_documents")
_STORED_ROWS = (*_RESULT_TABLES, "comparison_cells")


def _views_dir() -> Path:
    """The folder of the view files (the unitbudget.views package)."""
    from . import views

    return Path(views.__file__).parent


def views_digest_of(folder: Path) -> str:
    """SHA-256 of every `*.sql` file in the sub-folders of `folder` (folder, name and bytes).

    Plain os.scandir and one read per file: `compare` pays this in every fresh process, and
    importlib.resources' traversal cost twice as much for the same bytes (bench/compare_open.py).
    The bytes are read, not stat'ed: a copy or reinstall of identical views keeps the stored
    comparison fresh, and any edit makes it stale whatever its mtime.
    """
    digest = hashlib.sha256()
    for sub in sorted(e.name for e in os.scandir(folder) if e.is_dir()):
        base = os.path.join(folder, sub)
        for name in sorted(e.name for e in os.scandir(base) if e.name.endswith(".sql")):
            digest.update(f"{sub}/{name}\n".encode())
            with open(os.path.join(base, name), "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()


@cache
def _views_digest() -> str:
    """`views_digest_of` the installed view files, once per process."""
    return views_digest_of(_views_dir())


def fingerprint(revision: str | None) -> str:
    """SHA-256 of the view files, the migration `revision`, the parser version, the list of
    stored tables and the catalog (table order): what the stored rows were computed with."""
    from .catalog import published_tables_sql
    from .loaders.version import PARSER_VERSION

    parts = (
        f"{_views_digest()}\n{revision}\n{PARSER_VERSION}\n{','.join(STORED_TABLES)}\n"
        f"{published_tables_sql()}\n{_LAYOUT}\n"
    )
    return hashlib.sha256(parts.encode()).hexdigest()


Execute = Callable[[str], list[tuple[Any, ...]]]


# The stored fingerprint and the database's migration revision, in one row.
FINGERPRINT_SQL = (
    f"SELECT (SELECT value FROM core.comparison_state WHERE name = '{_STATE}') "
    "AS stored_fingerprint, (SELECT version_num FROM alembic_version) AS revision"
)


def stored_fingerprint(execute: Execute) -> tuple[str | None, str | None]:
    """(stored fingerprint, database revision) through `execute(sql) -> rows`.

    (None, None) when the database has no comparison store (below revision 0013) or cannot
    say; the caller then treats the store as stale.
    """
    try:
        rows = execute(FINGERPRINT_SQL)
    except Exception:  # noqa: BLE001 - each engine names "no such table" its own way
        return None, None
    return rows[0][0], rows[0][1]


def is_current(stored: str | None, revision: str | None) -> bool:
    """True when `stored` (a fingerprint read from core.comparison_state of a database at
    `revision`) is what this code's views, revision and parser version give."""
    return stored is not None and stored == fingerprint(revision)


def is_fresh(execute: Execute) -> bool:
    """True when the stored cells and results were computed with this code's views, revision
    and parser version (see `fingerprint`)."""
    return is_current(*stored_fingerprint(execute))


def documents_clause(document_ids: Iterable[int]) -> str:
    """`document_id …` selecting `document_ids`; one id is written `= id`, which DuckDB pushes
    through the comparison views' joins (`IN (one)` it does not, 4x slower)."""
    ids = sorted({int(i) for i in document_ids})
    if not ids:
        return "1 = 0"
    if len(ids) == 1:
        return f"document_id = {ids[0]}"
    return f"document_id IN ({', '.join(map(str, ids))})"


def document_filter(document_ids: Iterable[int] | None) -> str:
    """` WHERE documents_clause(document_ids)`, or '' for None (every document)."""
    return "" if document_ids is None else f" WHERE {documents_clause(document_ids)}"


def cells_sql(document_ids: Iterable[int] | None = None) -> str:
    """SELECT of the regenerated cells of STORED_TABLES from their compare.cmp_* views, for
    `document_ids` (every document when None). The filter sits in every branch of the union
    so it reaches each view's own scan."""
    where = document_filter(document_ids)
    return "\nUNION ALL\n".join(
        f"SELECT {_COLUMNS} FROM compare.cmp_{slug}{where}" for slug in STORED_TABLES
    )


def _unit_budgets(conn: Any, where: str = "") -> list[int]:
    return [
        int(r[0])
        for r in conn.exec_driver_sql(
            f"SELECT document_id FROM core.documents WHERE kind = 'unit_budget'{where} "
            "ORDER BY document_id"
        )
    ]


def invalidate(conn: Any, document_ids: Iterable[int], replaced: Iterable[int] = ()) -> None:
    """In the transaction that wrote (or deleted) documents: forget the stored results of the
    unit budgets whose comparison may read them, so the next `store_pending` recomputes them
    and `compare` computes them live until then (see the module docstring for the rule).

    `document_ids`: the documents written; `replaced`: documents this write deleted (a
    --replace), whose stored rows (and their 附錄 units', already gone from core.documents)
    are deleted too. A few small DELETE statements: the costly store runs after the load.
    Raises what the engine raises; the caller's transaction then rolls back with the documents.
    """
    ids = sorted({int(i) for i in document_ids})
    if list(replaced):
        for name in _STORED_ROWS:
            conn.exec_driver_sql(
                f"DELETE FROM core.{name} WHERE document_id NOT IN "
                "(SELECT document_id FROM core.documents)"
            )
        invalidate_all(conn)
        return
    if not ids:
        return
    listed = ", ".join(map(str, ids))
    rows = conn.exec_driver_sql(
        f"SELECT kind, fiscal_year FROM core.documents WHERE document_id IN ({listed})"
    ).all()
    if any(kind != "unit_budget" for kind, _ in rows):
        invalidate_all(conn)
        return
    years = sorted({int(y) + k for _, y in rows for k in (1, 2)})
    if years:
        _forget(
            conn,
            "SELECT document_id FROM core.documents WHERE kind = 'unit_budget' "
            f"AND fiscal_year IN ({', '.join(map(str, years))})",
        )


def invalidate_all(conn: Any) -> None:
    """Forget every stored result (caller's transaction): e.g. core.account_moves changed,
    which changes the series every book's 上年度 columns follow. The cells of STORED_TABLES
    stay: they read only their own document."""
    _forget(conn, None)


def _forget(conn: Any, documents_sql: str | None) -> None:
    where = "" if documents_sql is None else f" WHERE document_id IN ({documents_sql})"
    for name in _RESULT_TABLES:
        conn.exec_driver_sql(f"DELETE FROM core.{name}{where}")


def pending_documents(conn: Any) -> list[int]:
    """Unit budgets whose comparison results are not stored (new or invalidated)."""
    return _unit_budgets(
        conn, " AND document_id NOT IN (SELECT document_id FROM core.comparison_documents)"
    )


def store_pending(conn: Any) -> list[int]:
    """Store the cells and comparison results of every unit budget not stored yet, in the
    caller's transaction (a SQLAlchemy Connection at head, views created); rebuild everything
    instead when the fingerprint is stale. Returns the documents stored.

    Run once after a load's writes, not in their transactions: the statements plan the
    comparison view chains (a few hundred ms) whatever the number of documents, so one call
    for a whole batch costs about what one document did. A crash or kill before it commits
    leaves the documents pending, and `compare` computes them from the live views.
    """
    if not is_fresh(lambda sql: conn.exec_driver_sql(sql).all()):
        return rebuild(conn)
    pending = pending_documents(conn)
    if pending:
        everything = pending == _unit_budgets(conn)
        _store(conn, None if everything else pending)
    return pending


def _store(conn: Any, document_ids: list[int] | None) -> None:
    """Delete then store the cells and results of `document_ids` (None: every document)."""
    where = document_filter(document_ids)
    for name in _STORED_ROWS:
        conn.exec_driver_sql(f"DELETE FROM core.{name}{where}")
    conn.exec_driver_sql(
        f"INSERT INTO core.comparison_cells ({_COLUMNS})\n{cells_sql(document_ids)}"
    )
    conn.exec_driver_sql(
        f"INSERT INTO core.comparison_summary ({SUMMARY_COLUMNS}) SELECT {SUMMARY_COLUMNS} "
        f"FROM compare.stored_table_comparison_summary{where}"
    )
    conn.exec_driver_sql(
        f"INSERT INTO core.comparison_mismatches ({MISMATCH_COLUMNS}) SELECT "
        f"{MISMATCH_COLUMNS} FROM compare.stored_table_comparison"
        f"{where}{' AND ' if where else ' WHERE '}status = 'mismatch'"
    )
    conn.exec_driver_sql(
        "INSERT INTO core.comparison_documents (document_id) SELECT document_id "
        f"FROM core.documents{where}{' AND ' if where else ' WHERE '}kind = 'unit_budget'"
    )


def rebuild(conn: Any) -> list[int]:
    """Recompute every stored cell and result from the views and record the fingerprint
    (caller's transaction; the views must exist, i.e. the database is at head). Returns the
    unit budgets stored."""
    from sqlalchemy import text

    for name in _STORED_ROWS:
        conn.exec_driver_sql(f"DELETE FROM core.{name}")
    # A new warehouse (every load's first step) has no document: planning the comparison
    # chains to store nothing cost ~0.2 s of its schema step.
    if conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM core.documents)").scalar():
        _store(conn, None)
    revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    conn.execute(text("DELETE FROM core.comparison_state WHERE name = :n"), {"n": _STATE})
    conn.execute(
        text("INSERT INTO core.comparison_state (name, value) VALUES (:n, :v)"),
        {"n": _STATE, "v": fingerprint(revision)},
    )
    return _unit_budgets(conn)


def refresh_if_stale(conn: Any) -> bool:
    """Rebuild the stored cells and results when their fingerprint is not this code's; True
    when it did. Call only at the head revision, after the views are created."""
    if is_fresh(lambda sql: conn.exec_driver_sql(sql).all()):
        return False
    rebuild(conn)
    return True
