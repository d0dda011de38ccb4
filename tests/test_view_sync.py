"""Write commands re-create the views only when their definitions or the revision changed.

db.ensure_schema runs before every write; the fingerprint of the definitions the views were
created from is kept in core.comparison_state (unitbudget.viewsync.views_are_current).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from unitbudget import db, viewsync
from unitbudget.viewsync import view_files

from .conftest import ROOT


@pytest.fixture
def synced(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of viewsync.sync_views (each drops and re-creates every view)."""
    calls: list[int] = []
    real = viewsync.sync_views

    def counting(conn):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(conn)

    monkeypatch.setattr(viewsync, "sync_views", counting)
    return calls


def _copy(src: str, tmp_path: Path) -> str:
    path = str(tmp_path / "wh.duckdb")
    shutil.copy(src, path)
    return path


def _public_views(path: str) -> set[str]:
    con = duckdb.connect(path, read_only=True)
    try:
        rows = con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'"
        ).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


def _view_comment(path: str, name: str) -> str:
    con = duckdb.connect(path, read_only=True)
    try:
        return con.execute(
            "SELECT comment FROM duckdb_views() WHERE view_name = ?", [name]
        ).fetchone()[0]
    finally:
        con.close()


def test_an_unchanged_database_keeps_its_views(
    sample_db: str, tmp_path: Path, synced: list[int]
) -> None:
    path = _copy(sample_db, tmp_path)
    with db.open_engine(path) as engine:
        db.ensure_schema(engine)
        db.ensure_schema(engine)
    assert synced == []
    assert set(viewsync.public_view_names()) <= _public_views(path)


def test_an_edited_view_file_re_creates_the_views(
    sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, synced: list[int]
) -> None:
    """A changed COMMENT ON in one view file reaches the database on the next write."""
    path = _copy(sample_db, tmp_path)
    views = tmp_path / "views"
    shutil.copytree(ROOT / "views", views)
    sql = views / "public" / "documents.sql"
    text = sql.read_text(encoding="utf-8")
    assert "COMMENT ON VIEW documents IS '" in text
    sql.write_text(
        text.replace("COMMENT ON VIEW documents IS '", "COMMENT ON VIEW documents IS 'EDITED "),
        encoding="utf-8",
    )
    monkeypatch.setattr(viewsync, "files", lambda _package: views)
    for cached in (view_files, viewsync.ordered_views, viewsync.definitions_digest):
        cached.cache_clear()
    try:
        with db.open_engine(path) as engine:
            db.ensure_schema(engine)
            db.ensure_schema(engine)
    finally:
        for cached in (view_files, viewsync.ordered_views, viewsync.definitions_digest):
            cached.cache_clear()
    assert synced == [1]  # the second write finds the edited definitions in place
    assert _view_comment(path, "documents").startswith("EDITED ")


def test_a_downgrade_then_a_write_re_creates_the_views(
    sample_db: str, tmp_path: Path, synced: list[int]
) -> None:
    path = _copy(sample_db, tmp_path)
    previous = db.history()[0][1]
    assert previous is not None
    with db.open_engine(path) as engine:
        db.downgrade(engine, previous)
        assert _public_views_of(engine) == set()
        db.ensure_schema(engine)  # upgrades, then must create the views again
        with engine.connect() as conn:
            assert db.current_revision(conn) == db.head_revision()
            assert viewsync.views_are_current(conn)
        assert set(viewsync.public_view_names()) <= _public_views_of(engine)
        db.ensure_schema(engine)
    assert synced == [1]


def test_a_view_dropped_by_hand_comes_back(
    sample_db: str, tmp_path: Path, synced: list[int]
) -> None:
    path = _copy(sample_db, tmp_path)
    con = duckdb.connect(path)
    con.execute("DROP VIEW documents")
    con.close()
    with db.open_engine(path) as engine:
        db.ensure_schema(engine)
    assert synced == [1]
    assert "documents" in _public_views(path)


def _public_views_of(engine) -> set[str]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return viewsync.existing_views(conn)
