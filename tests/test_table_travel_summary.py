"""附屬表 10 派員出國計畫預算總表 (travel_summary) on ADI 112, lines 722–737.

A derived table: printed cells only, regenerated from the overseas travel plans. Golden values
(tests/golden/adi-112/travel_summary.csv) were typed from the document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.tables import travel_summary
from unitbudget.loaders.tables.base import ParseContext, TableResult

from .conftest import ROOT
from .helpers import assert_golden_values, load_text, parse_region, read_golden, result_cells

GOLDEN = ROOT / "tests" / "golden" / "adi-112" / "travel_summary.csv"
LAST_YEAR = ("plans_last_year", "person_days_last_year", "budget_last_year")


def parse_text(text: str) -> TableResult:
    return parse_region(travel_summary.PARSER, text, ParseContext())


@pytest.fixture(scope="module")
def result(sample_text: str) -> TableResult:
    return parse_text(sample_text)


@pytest.fixture(scope="module")
def golden() -> list[dict[str, str]]:
    return read_golden(GOLDEN)


def test_printed_cells_equal_golden(result: TableResult, golden: list[dict[str, str]]) -> None:
    assert result.row_count == len(golden) == 9
    assert not result.issues and not result.facts
    cells = result_cells(result)
    assert len(cells) == len(result.cells) == 9 * 6
    columns = travel_summary.COLUMNS
    assert_golden_values(cells, golden, columns, line_columns=columns)
    assert cells[("total", "budget_this_year")].text == "4,373"


def test_this_year_matches_and_last_year_is_not_in_the_document(sample_db: str) -> None:
    rows = api.query(
        sample_db,
        "SELECT row_key, column_key, status FROM table_comparison "
        "WHERE table_slug = 'travel_summary'",
    )
    by_status: dict[str, set[tuple[str, str]]] = {}
    for key, column, status in rows.rows:
        by_status.setdefault(status, set()).add((key, column))
    assert set(by_status) == {"match", "missing_in_view"}
    assert len(by_status["match"]) == 27
    # 上年度 columns need last year's plans, which only the previous year's unit budget holds
    assert {c for _, c in by_status["missing_in_view"]} == set(LAST_YEAR)
    assert len(by_status["missing_in_view"]) == 27
    report = api.query(
        sample_db,
        "SELECT row_key, plans_this_year, person_days_this_year, budget_this_year, "
        "plans_last_year FROM report_travel_summary ORDER BY sort_key",
    )
    assert report.rows[0] == ("total", 4, 797, 4373, None)
    assert report.rows[4] == ("meeting", 4, 797, 4373, None)
    assert [r[0] for r in report.rows] == [
        "total", "inspection", "supervision", "visit", "meeting", "negotiation", "study",
        "research", "internship",
    ]  # fmt: skip


def test_changed_plan_flags_exactly_the_dependent_cells(tmp_path: Path, sample_text: str) -> None:
    # plan 02 sends 7 persons instead of 6 (line 747): person-days 797 -> 851
    lines = sample_text.split("\n")
    assert "\t54\t6\t1,096\t" in lines[746]
    lines[746] = lines[746].replace("\t54\t6\t1,096\t", "\t54\t7\t1,096\t")
    db = load_text(tmp_path, "\n".join(lines))
    bad = api.query(
        db,
        "SELECT table_slug, row_key, column_key, printed_value, regenerated_value "
        "FROM table_comparison WHERE table_slug IN ('travel_summary', 'travel_meetings') "
        "AND status = 'mismatch'",
    )
    # the plan's own row still matches: its persons cell is the fact itself
    assert sorted(tuple(r) for r in bad.rows) == [
        ("travel_summary", "meeting", "person_days_this_year", 797, 851),
        ("travel_summary", "total", "person_days_this_year", 797, 851),
    ]
