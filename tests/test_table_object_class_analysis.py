"""附屬表 3 歲出一級用途別科目分析表 (object_class_analysis) on ADI 112.

The table prints names only (款/項/目 positions); codes come from the work plans that
plan_overview put in the parse context. Golden values (tests/golden/adi-112/
object_class_analysis.csv) were typed from lines 491–495 (left half) and 505–509 (right half).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.readers.text import read_text_document
from unitbudget.loaders.tables import object_class_analysis
from unitbudget.loaders.tables.base import ParseContext, PrintedCell

from .conftest import ROOT, SAMPLE
from .helpers import (
    assert_wide_golden,
    edit_line,
    load_text,
    not_matching,
    read_golden,
    table_cells,
)

SLUG = "object_class_analysis"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"
COLUMNS = (
    "current_personnel", "current_operating", "current_grants", "current_debt",
    "current_reserve", "current_subtotal", "capital_operating", "capital_equipment",
    "capital_grants", "capital_reserve", "capital_subtotal", "total",
)  # fmt: skip


@pytest.fixture(scope="module")
def cells(sample_doc: ParsedDocument) -> dict[tuple[str, str], PrintedCell]:
    return table_cells(sample_doc, SLUG)


def test_cells_as_typed(cells: dict) -> None:
    golden = read_golden(GOLDEN)
    assert len(golden) == 5
    # the 主管 row prints no numbers: no cells
    assert_wide_golden(cells, golden, COLUMNS, right_from=4)


def test_rows_resolved_to_codes(sample_doc: ParsedDocument) -> None:
    table = next(t for t in sample_doc.tables if t.slug == SLUG)
    assert table.row_count == 6  # 主管, agency, 政事別, three work plans
    warned = [i for i in sample_doc.issues if i.table_slug == SLUG and i.severity != "info"]
    assert warned == []


def test_without_work_plans_rows_keep_their_names(sample_text: str) -> None:
    source = read_text_document(sample_text.encode("utf-8"), SAMPLE.name)
    region = next(r for r in source.regions if object_class_analysis.PARSER.matches(r))
    result = object_class_analysis.PARSER.parse(region, ParseContext())
    assert {c.row_key for c in result.cells} >= {"一般行政", "數位產業署"}
    assert {i.code for i in result.issues} == {"account_unresolved"}


def test_identity_current_plus_capital(cells: dict) -> None:
    # 一般行政 209,089 + 1,927 = 211,016 (DOMAIN.md §4)
    row = "5262200100"
    assert cells[(row, "current_subtotal")].value + cells[(row, "capital_subtotal")].value == (
        cells[(row, "total")].value
    )
    assert cells[(row, "total")].value == 211016


def test_report_view(sample_db: str) -> None:
    rows = api.query(
        sample_db,
        "SELECT row_key, level, current_subtotal, capital_subtotal, total "
        "FROM report_object_class_analysis ORDER BY sort_key",
    ).rows
    assert rows == [
        ("0062000000", "ministry", None, None, None),
        ("0062200000", "agency", 2577714, 1927, 2579641),
        ("5262200000", "function", 2577714, 1927, 2579641),
        ("5262200100", "work_plan", 209089, 1927, 211016),
        ("5262200200", "work_plan", 2365625, 0, 2365625),
        ("5262209800", "work_plan", 3000, 0, 3000),
    ]


def test_comparison_all_match(sample_db: str) -> None:
    count = api.query(
        sample_db, f"SELECT COUNT(*) FROM table_comparison WHERE table_slug = '{SLUG}'"
    ).rows[0][0]
    assert count == 60
    assert not_matching(sample_db, SLUG) == set()


def test_changed_printed_cell_is_read_and_flagged(sample_text: str, tmp_path: Path) -> None:
    # line 493: 一般行政 業務費 33,083 -> 33,084 (the line items still say 33,083)
    db = load_text(tmp_path, edit_line(sample_text, 493, "33,083", "33,084"))
    assert not_matching(db, SLUG) == {("5262200100", "current_operating", "mismatch")}
