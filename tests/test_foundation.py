"""Foundation: install layout, CLI surface, migrations round trip, views from files, drift."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from unitbudget import db
from unitbudget.cli.main import app
from unitbudget.schema import metadata
from unitbudget.viewsync import _REF, ordered_views, view_files

from .conftest import ROOT, run_cli

runner = CliRunner()

COMMANDS = ["load", "documents", "tables", "show", "compare", "sql", "demo", "db"]


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert re.search(rf"\b{name}\b", result.output), name


def test_console_script_runs_as_installed() -> None:
    proc = run_cli("tables", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == "number,slug,title,view,kind,description"
    published = [ln for ln in lines if ",published_table," in ln]
    # 主要表 1, 附屬表 1-15 of the ADI 112 book, 跨年期計畫概況表, the 立法院 report and
    # the two revenue tables (歲入來源別預算表, 歲入項目說明提要表), 補助經費分析表 and the travel
    # category tables 考察、視察、訪問 and 進修、研究、實習
    assert len(published) == 23
    assert "附屬表 9,grants,捐助經費分析表,report_grants,published_table," in lines


def test_package_maps_top_level_folders_into_namespace() -> None:
    import unitbudget.loaders
    import unitbudget.migrations
    import unitbudget.schema
    import unitbudget.views

    assert Path(unitbudget.schema.__file__).parent == ROOT / "schema"
    assert Path(unitbudget.loaders.__file__).parent == ROOT / "loaders"
    assert Path(unitbudget.migrations.__file__).parent == ROOT / "migrations"
    assert Path(unitbudget.views.__file__).parent == ROOT / "views"


def test_fresh_database_reaches_head_and_round_trips(db_path: str) -> None:
    engine = db.make_engine(db.resolve_url(db_path))
    try:
        db.upgrade(engine)
        with engine.connect() as conn:
            assert db.current_revision(conn) == db.head_revision()
            n_classes = conn.execute(text("SELECT count(*) FROM core.object_classes")).scalar()
            assert n_classes == 55  # 49 seeded + 6 獎補助費 classes of 0011
            tables = set(inspect(conn).get_table_names(schema="core"))
        assert tables == {t.name for t in metadata.sorted_tables}
        db.downgrade(engine, "base")
        with engine.connect() as conn:
            assert db.current_revision(conn) is None
            assert inspect(conn).get_table_names(schema="core") == []
        db.upgrade(engine)
        with engine.connect() as conn:
            assert db.current_revision(conn) == db.head_revision()
            assert set(inspect(conn).get_table_names(schema="core")) == tables
    finally:
        engine.dispose()


def _affinity(type_: object) -> str:
    name = type(type_).__name__.upper()
    for key, group in (
        ("BIGINT", "bigint"),
        ("INT", "int"),
        ("NUMERIC", "numeric"),
        ("DECIMAL", "numeric"),
        ("CHAR", "text"),
        ("STRING", "text"),
        ("TEXT", "text"),
        ("DATETIME", "timestamp"),
        ("TIMESTAMP", "timestamp"),
        ("BOOL", "bool"),
    ):
        if key in name:
            return group
    return name


def test_models_and_migrations_do_not_drift(db_path: str) -> None:
    """Every model column exists in the migrated database with the same type and nullability.

    duckdb-engine reflects no keys or indexes (TECH-NOTES), so this compares tables, columns,
    type families, nullability and comments.
    """
    engine = db.make_engine(db.resolve_url(db_path))
    try:
        db.upgrade(engine)
        with engine.connect() as conn:
            insp = inspect(conn)
            problems = []
            for table in metadata.sorted_tables:
                reflected = {c["name"]: c for c in insp.get_columns(table.name, schema="core")}
                model = {c.name: c for c in table.columns}
                if set(reflected) != set(model):
                    problems.append(f"{table.name}: columns {sorted(set(model) ^ set(reflected))}")
                    continue
                for name, col in model.items():
                    r = reflected[name]
                    if _affinity(col.type) != _affinity(r["type"]):
                        problems.append(f"{table.name}.{name}: {col.type} vs {r['type']}")
                    if bool(col.nullable) != bool(r["nullable"]):
                        problems.append(f"{table.name}.{name}: nullable {col.nullable}")
                    if (col.comment or None) != (r.get("comment") or None):
                        problems.append(f"{table.name}.{name}: comment differs")
        assert problems == []
    finally:
        engine.dispose()


def test_every_view_file_names_its_table_and_is_portable() -> None:
    files = view_files()
    assert files, "views/ holds the SQL views"
    for v in files:
        assert v.sql.lstrip().startswith("--"), f"{v.path} must begin with a comment"
        body = v.code().upper()
        for banned in ("PIVOT", "UNPIVOT", "QUALIFY", "GROUP BY ALL", "CREATE OR REPLACE"):
            assert not re.search(rf"\b{banned}\b", body), f"{v.path} uses {banned}"


def test_views_are_created_from_files_in_dependency_order(db_path: str) -> None:
    engine = db.make_engine(db.resolve_url(db_path))
    try:
        db.upgrade(engine)
        with engine.connect() as conn:
            from unitbudget.viewsync import existing_views, schema_of

            present = {
                (schema, n)
                for schema in (None, "staging", "compare")
                for n in existing_views(conn, schema)
            }
        names = [v.name for v in ordered_views()]
        # Plumbing (stg_*, cmp_*) lives in its own schemas; the analysts' schema holds the API.
        assert {(schema_of(n), n) for n in names} <= present
        assert ("staging", "stg_documents") in present and (None, "stg_documents") not in present
        position = {n: i for i, n in enumerate(names)}
        for v in ordered_views():
            for other in names:
                if other != v.name and _REF(other).search(v.code()):
                    assert position[other] < position[v.name], (v.name, other)
    finally:
        engine.dispose()


def test_db_commands_through_the_cli(db_path: str) -> None:
    assert runner.invoke(app, ["--db", db_path, "db", "upgrade"]).exit_code == 0
    out = runner.invoke(app, ["--db", db_path, "db", "current"])
    assert out.output.strip() == db.head_revision()
    hist = runner.invoke(app, ["--db", db_path, "db", "history", "--format", "json"])
    assert json.loads(hist.output)[0]["revision"] == db.head_revision()
    down = runner.invoke(app, ["--db", db_path, "db", "downgrade", "base"])
    assert down.exit_code == 0
    assert runner.invoke(app, ["--db", db_path, "db", "current"]).stdout.strip() == "None"


def test_unknown_table_is_a_clear_error_without_traceback(db_path: str) -> None:
    proc = run_cli("show", "no_such_table", db=db_path)
    assert proc.returncode != 0
    assert "unknown table 'no_such_table'" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_tables_command_formats(fmt: str) -> None:
    result = runner.invoke(app, ["tables", "--format", fmt])
    assert result.exit_code == 0
    if fmt == "json":
        rows = json.loads(result.output)
        # the book's revenue tables come first; the ADI 112 book's first table is 主要表 1
        assert next(r for r in rows if r["number"] == "主要表 1") == {
            "number": "主要表 1",
            "slug": "expenditure_by_agency",
            "title": "歲出機關別預算表",
            "view": "report_expenditure_by_agency",
            "kind": "published_table",
            "description": None,
        }
    elif fmt == "csv":
        assert result.output.startswith("number,slug,title,view,kind,description\n")
    else:
        assert "歲出計畫提要及分支計畫概況表" in result.output
