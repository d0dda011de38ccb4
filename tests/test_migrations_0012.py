"""Migration 0012 (travel_plans keyed by category table, with the 進修、研究、實習 costs): a round
trip on the text sample, and a refused downgrade on the book, whose category tables each print
a plan 01 and whose 實習 plan has 機票與出國手續費 / 書籍學雜等費 (no column for them below 0012).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from unitbudget import api, db
from unitbudget.errors import DatabaseError

from .conftest import ROOT
from .helpers import fingerprint

SAMPLE = ROOT / "unitbudget" / "samples" / "adi-112-unit-budget.txt"


def _columns(path: str) -> list[str]:
    con = duckdb.connect(path, read_only=True)
    try:
        return [r[0] for r in con.execute("DESCRIBE core.travel_plans").fetchall()]
    finally:
        con.close()


def _copy(book_db: str, tmp_path: Path) -> str:
    copy = tmp_path / "book.duckdb"
    shutil.copy(book_db, copy)
    if Path(book_db + ".wal").exists():
        shutil.copy(book_db + ".wal", str(copy) + ".wal")
    return str(copy)


def test_sample_round_trips_through_0011(db_path: str) -> None:
    api.load(db_path, [str(SAMPLE)])
    before = fingerprint(db_path)
    assert api.downgrade(db_path, "0011") == "0011"
    columns = _columns(db_path)
    assert "table_slug" not in columns and "airfare" not in columns
    assert {"destination_kind", "plan_no", "transport"} <= set(columns)
    rows = api.query(
        db_path, "SELECT destination_kind, count(*), sum(total) FROM core.travel_plans GROUP BY 1"
    ).rows
    assert sorted(rows) == [("mainland", 1, 35), ("overseas", 4, 4_373)]  # ADI 112 p. 46-49
    assert api.upgrade(db_path) == db.head_revision()
    assert fingerprint(db_path) == before
    slugs = api.query(
        db_path, "SELECT table_slug, count(*) FROM core.travel_plans GROUP BY 1 ORDER BY 1"
    ).rows
    assert slugs == [("travel_mainland", 1), ("travel_meetings", 4)]


def test_book_refuses_a_downgrade_that_would_lose_plans(book_db: str, tmp_path: Path) -> None:
    copy = _copy(book_db, tmp_path)
    with pytest.raises(DatabaseError, match="書籍學雜等費"):
        api.downgrade(copy, "0011")
    assert api.current(copy) == db.head_revision()
    totals = "SELECT count(*), sum(total) FROM core.travel_plans"
    assert api.query(copy, totals).rows == [(12, 1_713)]  # 1,567 overseas + 146 mainland
    # without the 進修 plan, plan 01 of 考察、視察、訪問 and of 開會、談判 still collide
    con = duckdb.connect(copy)
    try:
        con.execute("DELETE FROM core.travel_plans WHERE table_slug = 'travel_studies'")
    finally:
        con.close()
    with pytest.raises(DatabaseError, match="more than one travel category table"):
        api.downgrade(copy, "0011")
    assert api.current(copy) == db.head_revision()
    assert api.query(copy, totals).rows == [(11, 1_459)]
