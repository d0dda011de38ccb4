"""Views are SQL files under views/; after every upgrade they are dropped and created again.

Dependency order is found from the files themselves: a view depends on every other managed
view whose name appears in its SQL. That keeps one file per view with no manifest to maintain.

Plumbing lives outside the analysts' schema so `SHOW TABLES` lists the API only: `stg_*` views
in schema `staging`, `cmp_*` views (and their union) in schema `compare`. View files keep
referring to them by plain name; references are qualified here, at sync time, so a new file
needs no edit and every SQL client resolves the names without a search_path.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from graphlib import CycleError, TopologicalSorter
from importlib.resources import files

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .catalog import published_tables_sql
from .chart_views import economic_rules_sql, policy_functions_sql
from .comparison import LIVE_TABLES, STORED_VIEWS
from .errors import DatabaseError

_CREATE = re.compile(r"CREATE\s+VIEW\s+(\w+)", re.I)


# Every word that is not part of a longer word and not schema-qualified: `_REF(name)`
# matches exactly where this finds `name` (view names are words).
_WORD = re.compile(r"(?<![\w.])\w+")


def _REF(name: str) -> re.Pattern[str]:  # noqa: N802 - reads like a constant pattern
    """A reference to view `name`: not part of a longer word and not schema-qualified
    (core.grants is the base table, grants the public view)."""
    return re.compile(rf"(?<![\w.]){name}(?!\w)")


# Schemas of the plumbing views, by name prefix; other views go to the current schema.
PLUMBING_SCHEMAS = {"stg_": "staging", "cmp_": "compare"}
_STRING = re.compile(r"'(?:[^']|'')*'")


def schema_of(name: str) -> str | None:
    """The schema holding view `name`: staging, compare, or None for the analysts' schema."""
    if name == "regenerated_cells" or name in STORED_VIEWS:
        return "compare"
    for prefix, schema in PLUMBING_SCHEMAS.items():
        if name.startswith(prefix):
            return schema
    return None


def qualified(name: str) -> str:
    schema = schema_of(name)
    return f"{schema}.{name}" if schema else name


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
    cmp_views = [v.name for v in found if v.name.startswith("cmp_")]
    found.append(_regenerated_cells(cmp_views))
    found.extend(_stored_comparison(cmp_views, found))
    found.append(ViewFile("published_tables", "public/(generated)", published_tables_sql()))
    found.append(ViewFile("stg_policy_functions", "staging/(generated)", policy_functions_sql()))
    found.append(ViewFile("stg_economic_rules", "staging/(generated)", economic_rules_sql()))
    return tuple(found)


def _stored_comparison(cmp_views: list[str], found: list[ViewFile]) -> list[ViewFile]:
    """The comparison views again, reading the stored cells (unitbudget.comparison).

    - stored_regenerated_cells: core.comparison_cells plus the live cmp views of LIVE_TABLES
      (the tables that read other documents);
    - stored_table_comparison(_summary): table_comparison(_summary) with every reference to
      regenerated_cells / table_comparison(_summary) renamed to the stored variants.
    Generated from the same files, so both paths compare the same way.
    """
    live = sorted(f"cmp_{slug}" for slug in LIVE_TABLES if f"cmp_{slug}" in cmp_views)
    columns = "document_id, table_slug, row_key, column_key, regenerated_value"
    union = "\nUNION ALL\n".join(
        [
            f"SELECT {columns} FROM core.comparison_cells",
            *(f"SELECT {columns} FROM {n}" for n in live),
        ]
    )
    out = [
        ViewFile(
            "stored_regenerated_cells",
            "compare/(generated)",
            "-- Comparison: regenerated cells, stored at load time plus the live cross-document "
            "tables.\n"
            f"CREATE VIEW stored_regenerated_cells AS\n{union};\n"
            "COMMENT ON VIEW stored_regenerated_cells IS 'regenerated_cells read from "
            "core.comparison_cells, except the tables that read other documents (computed "
            "live).';\n",
        )
    ]
    rename = {
        "table_comparison_summary": "stored_table_comparison_summary",
        "table_comparison": "stored_table_comparison",
        "regenerated_cells": "stored_regenerated_cells",
    }
    by_name = {v.name: v for v in found}
    for name in ("table_comparison", "table_comparison_summary"):
        if name not in by_name:
            continue
        sql = by_name[name].sql
        for old, new in rename.items():
            sql = _REF(old).sub(new, sql)
        out.append(ViewFile(rename[name], f"{by_name[name].path} (stored)", sql))
    return out


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
        # The words `_REF` would find, collected in one scan: searching the code once per
        # other view was 16,000 searches (0.5 s of every new warehouse's schema step).
        words = set(_WORD.findall(views[name].code()))
        graph[name] = sorted(o for o in views if o != name and o in words)
    try:
        return tuple(views[name] for name in TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise DatabaseError(f"views form a cycle through {exc.args[1][0]}") from exc


def public_view_names() -> list[str]:
    """The analysts' views (everything not staging or comparison plumbing), in file order."""
    return [v.name for v in view_files() if schema_of(v.name) is None]


def existing_views(conn: Connection, schema: str | None = None) -> set[str]:
    """Views present in `schema` (default: the current schema)."""
    where = ":schema" if schema else "current_schema()"
    if conn.dialect.name == "duckdb":
        sql = f"SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = {where}"
    else:
        sql = f"SELECT table_name FROM information_schema.views WHERE table_schema = {where}"
    return {r[0] for r in conn.execute(text(sql), {"schema": schema} if schema else {})}


def drop_views(conn: Connection) -> None:
    """Drop every view of the analysts' and plumbing schemas, managed or left over.

    CASCADE makes the order irrelevant on PostgreSQL; DuckDB tracks no view dependencies.
    """
    managed = [v.name for v in ordered_views()]
    present = {(None, n) for n in existing_views(conn)}
    for schema in sorted(set(PLUMBING_SCHEMAS.values())):
        present |= {(schema, n) for n in existing_views(conn, schema)}
    order = {name: i for i, name in enumerate(reversed(managed))}
    # Managed views dependants first; leftovers (e.g. stg_* from before the schema move) last.
    for schema, name in sorted(present, key=lambda p: (order.get(p[1], len(order)), p[1])):
        target = f"{schema}.{name}" if schema else name
        conn.execute(text(f"DROP VIEW IF EXISTS {target} CASCADE"))


def qualify(sql: str, names: list[str]) -> str:
    """`sql` with every plain reference to a plumbing view schema-qualified.

    String literals (comments' text, LIKE patterns) are left as they are.
    """
    plumbing = [n for n in names if schema_of(n)]
    if not plumbing:
        return sql
    pattern = re.compile(rf"(?<![\w.])({'|'.join(map(re.escape, plumbing))})(?!\w)")
    parts = []
    last = 0
    for m in _STRING.finditer(sql):
        parts.append(pattern.sub(lambda x: qualified(x.group(1)), sql[last : m.start()]))
        parts.append(m.group(0))
        last = m.end()
    parts.append(pattern.sub(lambda x: qualified(x.group(1)), sql[last:]))
    return "".join(parts)


# Row of core.comparison_state holding the fingerprint of the views last created.
_VIEWS_STATE = "views"


@cache
def definitions_digest() -> str:
    """SHA-256 of what the views are created from: every managed view's SQL (files and
    generated ones) and views/dictionary.csv (the column comments)."""
    digest = hashlib.sha256()
    for view in view_files():
        digest.update(f"{view.path}\n{view.name}\n{view.sql}\n".encode())
    digest.update((files("unitbudget.views") / "dictionary.csv").read_bytes())
    return digest.hexdigest()


def views_fingerprint(revision: str | None) -> str:
    """SHA-256 of `definitions_digest()` and the migration `revision`: what the views of a
    database at `revision` were created from."""
    return hashlib.sha256(f"{definitions_digest()}\n{revision}\n".encode()).hexdigest()


def views_are_current(conn: Connection) -> bool:
    """True when the database's views were created from this code's definitions at its current
    revision (fingerprint in core.comparison_state) and every managed view is still there.

    False (never raises) when the database has no core.comparison_state (below 0013).
    """
    try:
        row = conn.exec_driver_sql(
            f"SELECT (SELECT value FROM core.comparison_state WHERE name = '{_VIEWS_STATE}'), "
            "(SELECT version_num FROM alembic_version)"
        ).one()
    except Exception:  # noqa: BLE001 - caller re-creates the views; only asked at head
        return False
    if row[0] is None or row[0] != views_fingerprint(row[1]):
        return False
    present = {(None, n) for n in existing_views(conn)}
    for schema in sorted(set(PLUMBING_SCHEMAS.values())):
        present |= {(schema, n) for n in existing_views(conn, schema)}
    return all((schema_of(v.name), v.name) in present for v in view_files())


def record_views(conn: Connection) -> None:
    """Store the fingerprint of the views just created (database at head: the table
    core.comparison_state exists from revision 0013)."""
    revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    conn.execute(text("DELETE FROM core.comparison_state WHERE name = :n"), {"n": _VIEWS_STATE})
    conn.execute(
        text("INSERT INTO core.comparison_state (name, value) VALUES (:n, :v)"),
        {"n": _VIEWS_STATE, "v": views_fingerprint(revision)},
    )


def forget_views(conn: Connection) -> None:
    """Remove the views' fingerprint (they are being dropped); no-op without the table."""
    if conn.dialect.name == "duckdb":
        sql = (
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'core' "
            "AND table_name = 'comparison_state'"
        )
    else:
        sql = (
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'core' "
            "AND table_name = 'comparison_state'"
        )
    if conn.exec_driver_sql(sql).scalar():
        conn.execute(text("DELETE FROM core.comparison_state WHERE name = :n"), {"n": _VIEWS_STATE})


def sync_views_if_changed(conn: Connection) -> bool:
    """`sync_views` unless `views_are_current`; True when the views were re-created.

    Call only at the head revision. Re-creating every view costs over a second on a 2-core
    machine; every write command runs this, so an unchanged database skips it.
    """
    if views_are_current(conn):
        return False
    sync_views(conn)
    record_views(conn)
    return True


def sync_views(conn: Connection) -> list[str]:
    """Drop all views and create them again from their files, in dependency order."""
    drop_views(conn)
    for schema in sorted(set(PLUMBING_SCHEMAS.values())):
        conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    created: list[str] = []
    for view in ordered_views():
        try:
            _create(conn, view)
        except Exception as exc:
            raise DatabaseError(f"view {view.path} failed: {exc}") from exc
        created.append(view.name)
    from .dictionary import apply_comments

    apply_comments(conn, [n for n in created if schema_of(n) is None])
    return created


def _create(conn: Connection, view: ViewFile) -> None:
    # A raw cursor with no parameters: view SQL holds LIKE '%…' patterns that drivers with
    # pyformat placeholders (psycopg) would otherwise read as parameters.
    names = [v.name for v in view_files()]
    cursor = conn.connection.cursor()
    try:
        for stmt in view.statements():
            cursor.execute(qualify(stmt, names))
    finally:
        cursor.close()
