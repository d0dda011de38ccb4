"""Database addresses and the DuckDB fast path for read-only queries.

Kept free of SQLAlchemy so `unitbudget sql` starts quickly: reading a DuckDB file needs only
the duckdb module. Writes and migrations go through unitbudget.db.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .errors import DatabaseError, DatabaseLocked, ReadOnlyViolation

DEFAULT_DB = "unitbudget.duckdb"
ENV_VAR = "UNITBUDGET_DB"
_PID_RE = re.compile(r"PID (\d+)")
_PARAM = re.compile(r"(?<![:\w]):(\w+)")
_REFUSED = ("read-only", "read only", "Permission Error", "configuration has been locked")


def resolve_url(db: str | None = None) -> str:
    """A file path or a SQLAlchemy URL; default ./unitbudget.duckdb (or $UNITBUDGET_DB)."""
    db = db or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in db:
        return db
    return f"duckdb:///{Path(db).expanduser()}"


def is_duckdb(url: str) -> bool:
    return url.startswith("duckdb:")


def duckdb_path(url: str) -> str:
    return url.removeprefix("duckdb:///").split("?", 1)[0] or ":memory:"


def display(url: str) -> str:
    """How messages name a database: the file path for DuckDB, the URL without password else."""
    if is_duckdb(url):
        return duckdb_path(url)
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


# What a user can do about a lock depends on the command: only `load` accepts --wait.
RETRY_LATER = "retry when that process has finished"
RETRY_OR_WAIT = "retry later or pass --wait SECONDS"


def lock_error(message: str, url: str, remedy: str = RETRY_LATER) -> DatabaseLocked | None:
    if "Could not set lock" not in message and "Conflicting lock" not in message:
        return None
    pid = _PID_RE.search(message)
    holder = f" (PID {pid.group(1)})" if pid else ""
    return DatabaseLocked(
        f"the database {duckdb_path(url)} is in use by another process{holder}; {remedy}"
    )


def refusal(message: str) -> DatabaseError:
    first = message.strip().splitlines()[0] if message.strip() else message
    if any(marker in message for marker in _REFUSED):
        return ReadOnlyViolation(
            f"refused: the database is opened read-only for analysis ({first}); "
            "to write a result to a file use `unitbudget sql QUERY --output FILE` "
            "(.csv, .parquet, .xlsx, .json) or `unitbudget export`"
        )
    return DatabaseError(first)


def require_file(url: str) -> str:
    """The DuckDB file a read-only command opens; reading must not create an empty one."""
    path = duckdb_path(url)
    if path != ":memory:" and not Path(path).exists():
        raise DatabaseError(f"no database at {path}: load a document first")
    return path


def lock_down(con: Any) -> None:
    """On a read-only DuckDB connection, also refuse file access, extensions and SET.

    Read-only blocks writes to the file; these also block ATTACH, COPY ... TO, INSTALL/LOAD
    and file reads, then freeze every setting.
    """
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


def connect_read_only(url: str) -> Any:
    """A read-only DuckDB connection to the file at `url`, locked down as `lock_down` does.

    Raises DatabaseError when there is no file or it cannot be opened, DatabaseLocked when a
    writer holds it.
    """
    import duckdb

    path = require_file(url)
    try:
        # Not config= at connect (measured < 1 ms less): DuckDB refuses a second connection
        # to a file this process already has open with other settings.
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise lock_error(str(exc), url) or DatabaseError(f"cannot open {path}: {exc}") from exc
    lock_down(con)
    return con


def schema_state(con: Any) -> str | None:
    """The Alembic revision of an open DuckDB connection; None when never initialised."""
    import duckdb

    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def missing_schema(url: str, revision: str | None, head: str) -> DatabaseError | None:
    """The error for a database not at this version's schema, or None when it is at head."""
    if revision == head:
        return None
    where = display(url)
    if revision is None:
        return DatabaseError(
            f"the database {where} is not initialised: run `unitbudget db upgrade` "
            "(or load a document)"
        )
    return DatabaseError(
        f"the database {where} is at schema revision {revision}, not {head} which this version "
        "needs: run `unitbudget db upgrade`"
    )


def _catalog_error(message: str) -> bool:
    return "Catalog Error" in message or "does not exist" in message


def query_duckdb_read_only(
    url: str, sql: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one statement on a DuckDB file opened read-only, with files and settings locked."""
    con = connect_read_only(url)
    try:
        return run_read_only(con, url, sql, params)
    finally:
        con.close()


def run_read_only(
    con: Any, url: str, sql: str, params: dict[str, Any] | None = None
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """One statement on an open read-only DuckDB connection (connect_read_only), for commands
    that run several: (column names, rows). Raises DatabaseError (the schema is behind, or the
    engine refused) or ReadOnlyViolation."""
    import duckdb

    try:
        if params:
            # SQLAlchemy-style :name parameters become DuckDB's $name: still bound values.
            cur = con.execute(_PARAM.sub(r"$\1", sql), params)
        else:
            cur = con.execute(sql)
    except duckdb.Error as exc:
        if _catalog_error(str(exc)):
            _raise_if_behind(con, url, exc)
        raise refusal(str(exc)) from exc
    if cur is None or cur.description is None:
        return [], []
    return [d[0] for d in cur.description], [tuple(r) for r in cur.fetchall()]


def _raise_if_behind(con: Any, url: str, exc: Exception) -> None:
    """A missing table or view on a database below head is the schema's fault, not the query's."""
    from .db import head_revision  # only on this error path: it imports Alembic

    err = missing_schema(url, schema_state(con), head_revision())
    if err is not None:
        raise err from exc


def arrow_from(con: Any, url: str, sql: str) -> Any:
    """A query's result as an Arrow table (exact DuckDB types) on an open read-only connection."""
    import duckdb

    try:
        return con.sql(sql).to_arrow_table()
    except duckdb.Error as exc:
        if _catalog_error(str(exc)):
            _raise_if_behind(con, url, exc)
        raise refusal(str(exc)) from exc
