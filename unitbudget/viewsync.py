"""Views are SQL files under views/; after every upgrade they are dropped and created again.

Dependency order is found from the files themselves: a view depends on every other managed
view whose name appears in its SQL. That keeps one file per view with no manifest to maintain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from graphlib import CycleError, TopologicalSorter
from importlib.resources import files

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .catalog import published_tables_sql
from .errors import DatabaseError

_CREATE = re.compile(r"CREATE\s+VIEW\s+(\w+)", re.I)


def _REF(name: str) -> re.Pattern[str]:  # noqa: N802 - reads like a constant pattern
    """A reference to view `name`: not part of a longer word and not schema-qualified
    (core.grants is the base table, grants the public view)."""
    return re.compile(rf"(?<![\w.]){name}(?!\w)")


@dataclass(frozen=True)
class ViewFile:
    name: str
    path: str
    sql: str

    def code(self) -> str:
        """The SQL without comments and string literals: what can reference another view."""
        return re.sub(r"'(?:[^']|'')*'", "''", "\n".join(self.statements()))

    def statements(self) -> list[str]:
        body = "\n".join(ln for ln in self.sql.splitlines() if not ln.lstrip().startswith("--"))
        return [s.strip() for s in re.split(r";\s*(?:\n|$)", body) if s.strip()]


@cache
def view_files() -> tuple[ViewFile, ...]:
    root = files("unitbudget.views")
    found: list[ViewFile] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for f in sorted(p for p in folder.iterdir() if p.name.endswith(".sql")):
            sql = f.read_text(encoding="utf-8")
            m = _CREATE.search(sql)
            if not m:
                raise DatabaseError(f"{folder.name}/{f.name}: no CREATE VIEW statement")
            name = m.group(1)
            if name != f.name.removesuffix(".sql"):
                raise DatabaseError(f"{folder.name}/{f.name}: defines {name}, expected file name")
            found.append(ViewFile(name, f"{folder.name}/{f.name}", sql))
    found.append(_regenerated_cells([v.name for v in found if v.name.startswith("cmp_")]))
    found.append(ViewFile("published_tables", "public/(generated)", published_tables_sql()))
    return tuple(found)


def _regenerated_cells(cmp_views: list[str]) -> ViewFile:
    """The union of every cmp_<slug> view, built from the files present.

    Generated rather than written by hand so adding a published table's cmp view is the only
    step needed for table_comparison to see it.
    """
    union = "\nUNION ALL\n".join(
        f"SELECT document_id, table_slug, row_key, column_key, regenerated_value FROM {n}"
        for n in sorted(cmp_views)
    ) or (
        "SELECT CAST(NULL AS INTEGER) AS document_id, CAST(NULL AS VARCHAR) AS table_slug, "
        "CAST(NULL AS VARCHAR) AS row_key, CAST(NULL AS VARCHAR) AS column_key, "
        "CAST(NULL AS NUMERIC(20, 4)) AS regenerated_value WHERE 1 = 0"
    )
    sql = (
        "-- Comparison: every regenerated cell of every published table (union of cmp_* views).\n"
        f"CREATE VIEW regenerated_cells AS\n{union};\n"
        "COMMENT ON VIEW regenerated_cells IS 'Cells of every report_<slug> view, unpivoted: "
        "document, table, row key, column key, regenerated value.';\n"
    )
    return ViewFile("regenerated_cells", "compare/(generated)", sql)


@cache
def ordered_views() -> tuple[ViewFile, ...]:
    """Topological order: every view after the views it reads."""
    views = {v.name: v for v in view_files()}
    graph = {}
    for name in sorted(views):
        code = views[name].code()
        graph[name] = sorted(o for o in views if o != name and _REF(o).search(code))
    try:
        return tuple(views[name] for name in TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise DatabaseError(f"views form a cycle through {exc.args[1][0]}") from exc


def existing_views(conn: Connection) -> set[str]:
    if conn.dialect.name == "duckdb":
        sql = (
            "SELECT view_name FROM duckdb_views() "
            "WHERE NOT internal AND schema_name = current_schema()"
        )
    else:
        sql = (
            "SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()"
        )
    return {r[0] for r in conn.execute(text(sql))}


def drop_views(conn: Connection) -> None:
    """Drop every view of the schema, managed or left over from a removed file.

    CASCADE makes the order irrelevant on PostgreSQL; DuckDB tracks no view dependencies.
    """
    managed = [v.name for v in ordered_views()]
    present = existing_views(conn)
    for name in [*reversed(managed), *sorted(present - set(managed))]:
        if name in present:
            conn.execute(text(f"DROP VIEW IF EXISTS {name} CASCADE"))


def sync_views(conn: Connection) -> list[str]:
    """Drop all views and create them again from their files, in dependency order."""
    drop_views(conn)
    created: list[str] = []
    for view in ordered_views():
        try:
            _create(conn, view)
        except Exception as exc:
            raise DatabaseError(f"view {view.path} failed: {exc}") from exc
        created.append(view.name)
    return created


def _create(conn: Connection, view: ViewFile) -> None:
    # A raw cursor with no parameters: view SQL holds LIKE '%…' patterns that drivers with
    # pyformat placeholders (psycopg) would otherwise read as parameters.
    cursor = conn.connection.cursor()
    try:
        for stmt in view.statements():
            cursor.execute(stmt)
    finally:
        cursor.close()
