"""The same migrations, loads, report views and comparison on PostgreSQL.

Runs a throw-away PostgreSQL cluster on loopback when the server binaries are installed
(Debian's postgresql package; .ci/run installs it), and is skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from unitbudget import api, db
from unitbudget.catalog import TABLES

from .conftest import DATA, SAMPLE


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for root in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (root / name).exists():
            return str(root / name)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    # Not under pytest's private tmp dirs: the postgres user must be able to reach it.
    base = Path(tempfile.mkdtemp(prefix="unitbudget-pg-"))
    base.chmod(0o755)
    tempfile_dir = base
    data = base / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(data, "postgres")
    port = _free_port()
    subprocess.run(
        _as_postgres([initdb, "-D", str(data), "-A", "trust", "-U", "postgres"]),
        check=True,
        capture_output=True,
    )
    log = base / "log"
    if os.geteuid() == 0:
        log.touch()
        shutil.chown(log, "postgres")
    subprocess.run(
        _as_postgres(
            [
                pg_ctl,
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-o",
                f"-c listen_addresses=127.0.0.1 -p {port} -k {tempfile_dir}",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def loaded(pg_url: str) -> str:
    start = time.perf_counter()
    batch = api.load(pg_url, [SAMPLE, DATA / "expenditure-by-agency-112.xls"])
    assert [o.status for o in batch.outcomes] == ["loaded", "loaded"], batch.outcomes
    print(f"PostgreSQL load took {time.perf_counter() - start:.1f} s")
    return pg_url


def test_migrations_and_views_on_postgres(loaded: str) -> None:
    assert api.current(loaded) == db.head_revision()
    views = api.query(
        loaded,
        "SELECT table_name FROM information_schema.views WHERE table_schema = current_schema()",
    ).rows
    names = {v for (v,) in views}
    assert {
        "documents",
        "line_items",
        "table_comparison",
        "consistency_checks",
        "account_series",
    } <= names
    # one report view per published table (the count was stale: 16 before issue 12's tables)
    assert len([n for n in names if n.startswith("report_")]) == len(TABLES)


def test_comparison_on_postgres_equals_duckdb(loaded: str, tmp_path: Path) -> None:
    duck = str(tmp_path / "d.duckdb")
    api.load(duck, [SAMPLE, DATA / "expenditure-by-agency-112.xls"])
    sql = (
        "SELECT table_slug, row_key, column_key, status, regenerated_value "
        "FROM table_comparison ORDER BY 1, 2, 3, 4"
    )

    def norm(rows: list[tuple]) -> list[tuple]:
        return [(a, b, c, d, None if e is None else int(e)) for a, b, c, d, e in rows]

    pg_rows = norm(api.query(loaded, sql, read_only=False).rows)
    duck_rows = norm(api.query(duck, sql).rows)
    assert len(pg_rows) > 900
    assert pg_rows == duck_rows


def test_line_items_and_series_on_postgres(loaded: str) -> None:
    total = api.query(loaded, "SELECT sum(amount) FROM line_items").rows[0][0]
    assert int(total) == 2_579_641
    series = api.query(
        loaded,
        "SELECT amount, statements FROM account_series WHERE account_code = '5262200100' "
        "AND fiscal_year = 112 AND stage = 'enacted'",
    ).rows
    assert [(int(a), int(s)) for a, s in series] == [(211_016, 2)]
    dgbas = api.query(
        loaded,
        "SELECT status FROM table_comparison WHERE source = 'dgbas' AND row_key = '5262200100'",
    ).rows
    assert dgbas == [("match",)]


def test_read_only_on_postgres(loaded: str) -> None:
    from unitbudget.errors import ReadOnlyViolation

    with pytest.raises(ReadOnlyViolation):
        api.query(loaded, "DELETE FROM core.line_items")


def test_models_and_migrations_do_not_drift_on_postgres(loaded: str) -> None:
    """Alembic's own comparison, where reflection is complete (keys, indexes, types)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from unitbudget.schema import metadata

    engine = create_engine(loaded)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn,
                opts={
                    "include_schemas": True,
                    "include_name": lambda name, type_, parents: (
                        name == "core" if type_ == "schema" else True
                    ),
                    "compare_type": True,
                },
            )
            assert compare_metadata(ctx, metadata) == []
    finally:
        engine.dispose()


def test_plumbing_schemas_and_dictionary_on_postgres(loaded: str) -> None:
    """stg_*/cmp_* live in schemas staging/compare; every public view column has a comment."""
    from unitbudget.viewsync import public_view_names

    schemas = dict(
        api.query(
            loaded,
            "SELECT table_schema, count(*) FROM information_schema.views "
            "WHERE table_schema IN ('staging', 'compare') GROUP BY 1",
        ).rows
    )
    assert schemas["staging"] >= 20 and schemas["compare"] >= 16
    missing = api.query(
        loaded,
        "SELECT c.table_name, c.column_name FROM information_schema.columns AS c "
        "JOIN information_schema.views AS v "
        "ON v.table_name = c.table_name AND v.table_schema = c.table_schema "
        "WHERE c.table_schema = current_schema() AND col_description("
        "(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass, "
        "c.ordinal_position) IS NULL",
    ).rows
    assert missing == []
    described = {r[0]: r for r in api.describe(loaded, "premises").rows}
    assert "m²" in described["area_m2"][2]
    assert set(public_view_names()) >= {"line_items", "grants"}


def test_account_moves_are_followed_on_postgres(loaded: str) -> None:
    """The recursive move chain and the refresh run on PostgreSQL too (a hand-entered chain:
    數位產業署 0062200000 -> 0099200000 from 113 -> 0098200000 from 115)."""
    from sqlalchemy import text

    def run(sql: str) -> None:
        with db.open_engine(loaded) as engine, engine.begin() as conn:
            conn.execute(text(sql))

    run(
        "INSERT INTO core.account_moves VALUES ('0062200000', '0099200000', 113, 1, 'test'), "
        "('0099200000', '0098200000', 115, 1, 'test')"
    )
    try:
        assert api.refresh_account_moves(loaded) == 0  # one workbook: nothing to compare
        assert api.query(
            loaded,
            "SELECT account_code, series_code, amount FROM account_series "
            "WHERE account_code = '0062200000' AND fiscal_year = 112 AND stage = 'enacted'",
        ).rows == [("0062200000", "0098200000", 2_579_641)]  # DOMAIN.md §6: 112 = 2,579,641
        assert api.query(
            loaded,
            "SELECT from_code, series_code, origin FROM account_moves ORDER BY from_fiscal_year",
        ).rows == [("0062200000", "0098200000", "entered"), ("0099200000", "0098200000", "entered")]
    finally:
        run("DELETE FROM core.account_moves WHERE note = 'test'")
