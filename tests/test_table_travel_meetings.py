"""附屬表 11 派員出國計畫預算類別表—開會、談判 (travel_meetings) on ADI 112, lines 739–771.

Golden values (tests/golden/adi-112/travel_meetings.csv) were typed from the document.
"""

from __future__ import annotations

from pathlib import Path

from unitbudget import api
from unitbudget.loaders.tables import travel_meetings
from unitbudget.loaders.tables.base import TableResult

from .conftest import ROOT
from .helpers import (
    TableFixtures,
    assert_golden_values,
    edit_line,
    load_text,
    result_cells,
)

GOLDEN = ROOT / "tests" / "golden" / "adi-112" / "travel_meetings.csv"
COLUMNS = travel_meetings.AMOUNT_COLUMNS
TABLE = TableFixtures(travel_meetings.PARSER, GOLDEN, "travel_plans", "plan_no", facts_name="plans")
parse_text = TABLE.parse
result, plans, golden = TABLE.result, TABLE.facts, TABLE.golden


def test_every_plan_is_read(result: TableResult, golden: list[dict[str, str]]) -> None:
    assert result.row_count == len(golden) == 4
    assert not result.issues


def test_printed_cells_equal_golden(result: TableResult, golden: list[dict[str, str]]) -> None:
    cells = result_cells(result)
    assert len(cells) == len(result.cells) == 4 * 6
    assert_golden_values(cells, golden, COLUMNS, line_columns=["days"])
    assert cells[("01", "office")].line == 760  # right half
    assert cells[("04", "total")].line == 769  # the right half's 10th row, re-paired


def test_plans_and_identities(plans: dict[str, dict]) -> None:
    rows = list(plans.values())
    assert sum(p["days"] * p["persons"] for p in rows) == 797
    assert sum(p["total"] for p in rows) == 4_373
    for p in rows:
        assert p["transport"] + p["living"] + p["office"] == p["total"], p["plan_no"]
    p1 = plans["01"]
    assert (p1["transport"], p1["living"], p1["office"], p1["total"]) == (548, 179, 75, 802)
    assert p1["name"] == "參與WTO、APEC、OECD等雙邊、多邊或複邊會議"
    assert (p1["field_code"], p1["destination_kind"], p1["category"]) == ("85", "overseas", "開會")
    assert p1["meeting_kind"] == "定期會議"
    assert plans["03"]["meeting_kind"] == "不定期會議"
    assert p1["account_name"] == "促進數位創新動能轉型升級"
    assert p1["destination"] == "歐美亞太等地區"
    assert p1["history"].splitlines()[0].startswith("無")
    assert len(p1["history"].splitlines()) == 3  # 最近三次: three printed lines


def test_comparison_matches(sample_db: str) -> None:
    status = api.query(
        sample_db,
        "SELECT status, count(*) FROM table_comparison WHERE table_slug = 'travel_meetings' "
        "GROUP BY status",
    )
    assert dict(status.rows) == {"match": 24}
    report = api.query(
        sample_db, "SELECT row_key, total FROM report_travel_meetings ORDER BY sort_key"
    )
    assert [tuple(r) for r in report.rows] == [("01", 802), ("02", 1522), ("03", 1544), ("04", 505)]


def test_changed_cost_is_read_and_flags_the_row_total(tmp_path: Path, sample_text: str) -> None:
    text = edit_line(sample_text, 750, "\t207", "\t217")  # plan 04 生活費
    parsed = parse_text(text)
    p4 = next(p for p in parsed.facts["travel_plans"] if p["plan_no"] == "04")
    assert p4["living"] == 217
    assert [i.code for i in parsed.issues] == ["row_total_mismatch"]
    db = load_text(tmp_path, text)
    bad = api.query(
        db,
        "SELECT table_slug, row_key, column_key FROM table_comparison "
        "WHERE table_slug IN ('travel_meetings', 'travel_summary') AND status = 'mismatch'",
    )
    assert sorted(tuple(r) for r in bad.rows) == [
        ("travel_meetings", "04", "total"),
        ("travel_summary", "meeting", "budget_this_year"),
        ("travel_summary", "total", "budget_this_year"),
    ]
