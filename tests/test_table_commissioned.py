"""附屬表 14 委辦經費分析表 (commissioned): parser, facts, report view and comparison on ADI 112.

Golden values (tests/golden/adi-112/commissioned.csv) were typed from the published document,
lines 843–923 (three stitched page pairs).
"""

from __future__ import annotations

from pathlib import Path

from unitbudget import api
from unitbudget.loaders.tables import commissioned
from unitbudget.loaders.tables.base import TableResult

from .conftest import ROOT
from .helpers import (
    TableFixtures,
    assert_golden_values,
    edit_line,
    load_text,
    result_cells,
)

GOLDEN = ROOT / "tests" / "golden" / "adi-112" / "commissioned.csv"
AMOUNTS = commissioned.COLUMNS
TABLE = TableFixtures(commissioned.PARSER, GOLDEN, "commissioned_projects", "seq")
parse_text = TABLE.parse
result, facts, golden = TABLE.result, TABLE.facts, TABLE.golden


def test_every_printed_row_is_read(result: TableResult, golden: list[dict[str, str]]) -> None:
    assert result.row_count == len(golden) == 20
    assert sorted(f["seq"] for f in result.facts["commissioned_projects"]) == list(range(1, 19))


def test_printed_cells_equal_golden(result: TableResult, golden: list[dict[str, str]]) -> None:
    cells = result_cells(result)
    assert len(cells) == len(result.cells) == 20 * 6
    assert_golden_values(cells, golden, AMOUNTS, line_columns=["current_personnel"])
    # line 884 prints it whole
    assert cells[("5262200200/13", "current_operating")].text == "57,120"
    assert cells[("5262200200/13", "total")].line == 902
    assert cells[("total", "total")].text == "1,223,889"  # line 866


def test_fact_totals_and_identities(facts: dict[int, dict]) -> None:
    rows = list(facts.values())
    assert sum(f["total"] for f in rows) == 1_223_889
    assert sum(f["current_personnel"] for f in rows) == 435_925
    assert sum(f["current_operating"] for f in rows) == 623_904
    assert sum(f["current_other"] for f in rows) == 164_060
    for f in rows:
        assert sum(f[c] for c in AMOUNTS[:-1]) == f["total"], f["seq"]
    assert {f["work_plan_code"] for f in rows} == {"5262200200"}
    assert facts[10]["total"] == 143_450  # 人工智慧 … 躍升計畫: the 委辦 part of 347,297


def test_names_and_contents(facts: dict[int, dict]) -> None:
    assert facts[2]["name"] == "新興智慧移動空間感知協作及產業躍升計畫"
    assert facts[7]["name"] == "臺灣資安卓越深耕-半導體及資通訊供應鏈資安關鍵技術發展計畫"
    # the print repeats 習 at the wrap (line 852); the parser keeps what is printed
    assert facts[5]["name"] == "跨域數位人才暨智慧學習習整合推動計畫"
    assert facts[10]["content"].startswith("推動 AI 軟硬體產業發展")
    # (8)'s content runs onto the next page inside (9)'s cell (line 880), (16)'s inside (17)'s
    assert facts[8]["content"] == (
        "研發人工智慧及主動式資安防護前瞻關鍵技術；強化網路零售業者資安防護能量；"
        "打造國內資安解決方案之國際輸出實績；持續發展或修訂物聯網產品資安規範及檢測基準。"
    )
    assert facts[9]["content"].startswith("透過主題式研發補助廠商導入資安解決方案")
    assert facts[16]["content"].endswith(
        "強化在地產業資安防護能量提升，逐步落實資安創新聚落成形，以帶動資安產業發展。"
    )
    assert facts[17]["content"].startswith("透過「發展應用擴散場域」")
    assert facts[18]["content"].startswith("1. 盤點並檢視產業數位發展")


def test_warnings_are_the_page_break_continuations(result: TableResult) -> None:
    assert sorted((i.code, i.line) for i in result.issues) == [
        ("content_continued_across_pages", 880),
        ("content_continued_across_pages", 910),
    ]


def test_report_and_comparison(sample_db: str) -> None:
    rows = api.query(sample_db, "SELECT row_key, total FROM report_commissioned ORDER BY sort_key")
    assert [r[0] for r in rows.rows[:3]] == ["total", "5262200200", "5262200200/1"]
    assert rows.rows[0][1] == 1_223_889
    status = api.query(
        sample_db,
        "SELECT status, count(*) FROM table_comparison WHERE table_slug = 'commissioned' "
        "GROUP BY status",
    )
    assert dict(status.rows) == {"match": 120}


def test_damaged_amount_is_derived_from_the_row_total(tmp_path: Path, sample_text: str) -> None:
    # A copy printing 57,12 (thousands group of two digits) on line 884: damaged.
    text = edit_line(sample_text, 884, "57,120", "57,12")
    parsed = parse_text(text)
    f13 = next(f for f in parsed.facts["commissioned_projects"] if f["seq"] == 13)
    assert f13["current_operating"] == 57_120  # 127,255 - 45,220 - 24,915
    key = ("5262200200/13", "current_operating")
    cell = next(c for c in parsed.cells if (c.row_key, c.column_key) == key)
    assert (cell.text, cell.value, cell.line) == ("57,12", None, 884)
    derived = [i for i in parsed.issues if i.code == "amount_derived_from_row_total"]
    assert [(i.line, i.severity) for i in derived] == [(884, "warning")]
    assert "derived from the row total 127,255" in derived[0].message
    db = load_text(tmp_path, text)
    bad = api.query(
        db,
        "SELECT row_key, column_key, printed_text, regenerated_value, status FROM table_comparison "
        "WHERE table_slug = 'commissioned' AND status <> 'match'",
    )
    assert [tuple(r) for r in bad.rows] == [
        ("5262200200/13", "current_operating", "57,12", 57_120, "mismatch")
    ]
