"""附屬表 2 各項費用彙計表 (expense_summary): parser, report view and comparison on ADI 112.

Golden values (tests/golden/adi-112/expense_summary.csv) are the document's cells, lines
438–470 (page 1) and 479–482 (page 2, whose header has an extra empty column before 合計).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables.base import PrintedCell

from .conftest import ROOT
from .helpers import edit_line, load_text, read_golden, table_cells

SLUG = "expense_summary"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"


def comparison(db: str, slugs: tuple[str, ...]) -> list[dict]:
    placeholders = ", ".join(f"'{s}'" for s in slugs)
    rows = api.query(
        db, f"SELECT * FROM table_comparison WHERE table_slug IN ({placeholders})"
    ).as_dicts()
    return rows


@pytest.fixture(scope="module")
def cells(sample_doc: ParsedDocument) -> dict[tuple[str, str], PrintedCell]:
    return table_cells(sample_doc, SLUG)


def test_every_printed_cell_is_read_as_typed(cells: dict) -> None:
    golden = {(r["row_key"], r["column_key"]): r for r in read_golden(GOLDEN)}
    assert len(golden) == 37 * 4
    assert set(cells) == set(golden)
    for key, row in golden.items():
        assert cells[key].text == row["text"], key
        assert cells[key].line == int(row["line"]), key


def test_row_and_column_keys(cells: dict) -> None:
    rows = {r for r, _ in cells}
    assert len(rows) == 37
    assert {"total", "1000", "1015", "2036", "4085", "6005"} <= rows
    assert {c for _, c in cells} == {"5262200100", "5262200200", "5262209800", "total"}


def test_chosen_cells(cells: dict) -> None:
    # line 454: 2036 按日按件計資酬金 292 | 1,484 | - | 1,776 (DOMAIN.md §4)
    assert [
        cells[("2036", c)].value for c in ("5262200100", "5262200200", "5262209800", "total")
    ] == [292, 1484, 0, 1776]
    assert cells[("2036", "total")].line == 454
    assert cells[("total", "total")].value == Decimal(2579641)
    # page 2 (line 480): the empty column before 合計 does not shift the 合計 cell
    assert cells[("4085", "total")].value == 50286
    assert cells[("4085", "total")].line == 480


def test_report_view_regenerates_the_table(sample_db: str) -> None:
    report = api.query(
        sample_db,
        "SELECT row_key, column_key, amount FROM report_expense_summary "
        "WHERE row_key IN ('total', '2036', '4000') ORDER BY sort_key, column_sort",
    ).rows
    got = {(r, c): a for r, c, a in report}
    assert got[("total", "total")] == 2579641
    assert got[("2036", "5262200200")] == 1484
    assert got[("4000", "total")] == 1132034
    assert got[("2036", "5262209800")] == 0


def test_comparison_matches_every_printed_cell(sample_db: str) -> None:
    rows = comparison(sample_db, (SLUG,))
    assert len(rows) == 148
    assert {r["status"] for r in rows} == {"match"}


def test_planted_line_item_change_flags_exactly_the_dependent_cells(
    sample_text: str, tmp_path: Path
) -> None:
    # line 301: 5262200200 sub-plan 01, 2036 按日按件計資酬金 742 -> 743; totals untouched
    text = edit_line(sample_text, 301, "\t742", "\t743")
    db = load_text(tmp_path, text)
    item = api.query(
        db,
        "SELECT amount FROM line_items WHERE work_plan_code = '5262200200' "
        "AND sub_plan_code = '01' AND object_class_code = '2036'",
    ).rows
    assert item == [(743,)]
    flagged = {
        (r["table_slug"], r["row_key"], r["column_key"])
        for r in comparison(db, (SLUG, "object_class_analysis"))
        if r["status"] != "match"
    }
    expected = {
        (SLUG, row, column)
        for row in ("2036", "2000", "total")
        for column in ("5262200200", "total")
    }
    expected |= {
        ("object_class_analysis", account, column)
        for account in ("0062200000", "5262200000", "5262200200")
        for column in ("current_operating", "current_subtotal", "total")
    }
    assert flagged == expected
