"""附屬表 8 現有辦公房舍明細表 (premises) on ADI 112.

The halves do not pair one to one (7 left rows, 9 right rows): only the 合計 rows are
paired and the right half's lots keep their own order, without a 區分 label. Golden values
(tests/golden/adi-112/premises.csv) were typed from lines 606–612 and 624–632.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables.base import PrintedCell

from .conftest import ROOT
from .helpers import (
    assert_wide_golden,
    edit_line,
    load_text,
    not_matching,
    read_golden,
    table_cells,
)

SLUG = "premises"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"
COLUMNS = (
    "owned_area", "owned_cost", "owned_maintenance", "free_loan_area", "free_loan_maintenance",
    "rented_area", "rented_deposit", "rented_rent", "rented_maintenance", "total_area",
    "total_deposit", "total_rent", "total_maintenance",
)  # fmt: skip


@pytest.fixture(scope="module")
def cells(sample_doc: ParsedDocument) -> dict[tuple[str, str], PrintedCell]:
    return table_cells(sample_doc, SLUG)


def test_cells_as_typed(cells: dict) -> None:
    assert_wide_golden(cells, read_golden(GOLDEN), COLUMNS, skip_blank=True)


def test_unpaired_halves_are_reported(sample_doc: ParsedDocument) -> None:
    issues = [i for i in sample_doc.issues if i.table_slug == SLUG and i.severity == "warning"]
    assert [(i.code, i.line) for i in issues] == [("premises_halves_unpaired", 624)]
    assert "7 rows" in issues[0].message and "9" in issues[0].message


def test_facts(sample_doc: ParsedDocument) -> None:
    facts = sample_doc.facts["premises"]
    lots = [f for f in facts if f["area_m2"]]
    assert [
        (f["tenure"], f["row_seq"], f["units_text"], f["area_m2"], f["rent"], f["maintenance"])
        for f in lots
    ] == [
        ("rented", 1, "3層", Decimal("1357.16"), 11572, 33),
        ("rented", 5, "1層", Decimal("330.58"), 660, 10),
    ]
    assert all(f["use_label"] is None for f in facts if f["tenure"] == "rented")
    owned = {f["row_seq"]: f for f in facts if f["tenure"] == "owned"}
    assert owned[1]["use_label"] == "一、辦公房屋" and owned[1]["area_m2"] == 0
    # every printed row x tenure: 6 owned + 6 free-loan rows ('-' = 0) and 8 rented lots
    assert len(facts) == 20


def test_report_and_comparison(sample_db: str) -> None:
    total = api.query(
        sample_db,
        "SELECT total_area, total_rent, total_maintenance FROM report_premises "
        "WHERE row_key = 'total'",
    ).rows
    assert total == [(Decimal("1687.74"), 12232, 43)]
    assert not_matching(sample_db, SLUG) == set()
    sql = f"SELECT COUNT(*) FROM table_comparison WHERE table_slug = '{SLUG}'"
    count = api.query(sample_db, sql).rows[0][0]
    assert count == 107


def test_changed_rent_is_read_and_flagged(sample_text: str, tmp_path: Path) -> None:
    # line 628: the 1層 lot's 租金 660 -> 661 (its 合計 column and the totals still say 660)
    text = edit_line(sample_text, 628, "1層\t330.58\t-\t660", "1層\t330.58\t-\t661")
    db = load_text(tmp_path, text)
    rent = api.query(db, "SELECT rent FROM premises WHERE tenure='rented' AND row_seq=5").rows
    assert rent == [(661,)]
    assert not_matching(db, SLUG) == {
        ("r5", "total_rent", "mismatch"),
        ("total", "rented_rent", "mismatch"),
        ("total", "total_rent", "mismatch"),
    }
