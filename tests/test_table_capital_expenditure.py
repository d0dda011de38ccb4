"""附屬表 4 資本支出分析表 (capital_expenditure) on ADI 112.

Golden values (tests/golden/adi-112/capital_expenditure.csv) were typed from lines 514–516
(left half) and 526–528 (right half: 8 values + an empty cell under 9 header cells).
"""

from __future__ import annotations

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

SLUG = "capital_expenditure"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"
COLUMNS = (
    "land", "buildings", "public_works", "machinery", "transport", "information",
    "miscellaneous", "rights", "investment", "unlabelled_1", "other_capital", "total",
)  # fmt: skip


@pytest.fixture(scope="module")
def cells(sample_doc: ParsedDocument) -> dict[tuple[str, str], PrintedCell]:
    return table_cells(sample_doc, SLUG)


def test_cells_as_typed(cells: dict) -> None:
    golden = read_golden(GOLDEN)
    assert len(golden) == 3
    assert_wide_golden(cells, golden, COLUMNS, right_from=4)


def test_nine_digit_codes_are_padded(cells: dict) -> None:
    # line 514 prints 006220000 數位產業署, line 515 526220000 科學支出
    assert ("0062200000", "total") in cells and ("5262200000", "total") in cells
    # DOMAIN.md §4: 3025 運輸設備費 -> 運輸設備 1,780; 3035 雜項設備費 -> 雜項設備 147; 1,927
    assert cells[("5262200100", "transport")].value == 1780
    assert cells[("5262200100", "miscellaneous")].value == 147
    assert cells[("5262200100", "total")].value == 1927


def test_damaged_header_is_reported(sample_doc: ParsedDocument) -> None:
    issues = sorted(
        (i.code, i.line)
        for i in sample_doc.issues
        if i.table_slug == SLUG and i.severity == "warning"
    )
    assert issues == [
        ("columns_realigned", 526),
        ("unlabelled_column", 526),
        ("unlabelled_column", 527),
        ("unlabelled_column", 528),
    ]


def test_report_view(sample_db: str) -> None:
    rows = api.query(
        sample_db,
        "SELECT row_key, level, transport, miscellaneous, other_capital, total "
        "FROM report_capital_expenditure ORDER BY sort_key",
    ).rows
    assert rows == [
        ("0062000000", "ministry", None, None, None, None),
        ("0062200000", "agency", 1780, 147, 0, 1927),
        ("5262200000", "function", 1780, 147, 0, 1927),
        ("5262200100", "work_plan", 1780, 147, 0, 1927),
    ]


def test_comparison(sample_db: str) -> None:
    # every cell matches but the column whose header the print lost
    assert not_matching(sample_db, SLUG) == {
        (row, "unlabelled_1", "missing_in_view")
        for row in ("0062200000", "5262200000", "5262200100")
    }
    count = api.query(
        sample_db,
        f"SELECT COUNT(*) FROM table_comparison WHERE table_slug='{SLUG}' AND status='match'",
    ).rows[0][0]
    assert count == 33


def test_changed_printed_cell_is_read_and_flagged(sample_text: str, tmp_path: Path) -> None:
    # line 526 (agency row, right half): 運輸設備 1,780 -> 1,781
    text = edit_line(sample_text, 526, "1,780", "1,781")
    db = load_text(tmp_path, text)
    assert not_matching(db, SLUG) - {
        (row, "unlabelled_1", "missing_in_view")
        for row in ("0062200000", "5262200000", "5262200100")
    } == {("0062200000", "transport", "mismatch")}
