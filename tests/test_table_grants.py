"""附屬表 9 捐助經費分析表 (grants): parser, facts, report view and comparison on ADI 112.

Golden values (tests/golden/adi-112/grants.csv) were typed from the published document,
lines 634–718 (two stitched page pairs).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables import grants
from unitbudget.loaders.tables.base import TableResult
from unitbudget.loaders.tables.toolkit import without_heading

from .conftest import ROOT
from .helpers import (
    TableFixtures,
    assert_golden_values,
    edit_line,
    load_text,
    result_cells,
)

GOLDEN = ROOT / "tests" / "golden" / "adi-112" / "grants.csv"
AMOUNTS = grants.COLUMNS
TABLE = TableFixtures(grants.PARSER, GOLDEN, "grants", "grant_no")
parse_text = TABLE.parse
result, facts, golden = TABLE.result, TABLE.facts, TABLE.golden


def test_every_printed_row_is_read(result: TableResult, golden: list[dict[str, str]]) -> None:
    assert result.row_count == len(golden) == 28
    assert len(result.facts["grants"]) == 17
    assert [f["grant_no"] for f in result.facts["grants"]] == [f"{n:02d}" for n in range(1, 18)]


def test_printed_cells_equal_golden(result: TableResult, golden: list[dict[str, str]]) -> None:
    cells = result_cells(result)
    assert_golden_values(cells, golden, AMOUNTS, line_columns=["current_personnel"])
    assert len(cells) == len(result.cells) == 28 * 6 + 17  # + the grant number cells


def test_chosen_cells_with_their_lines(result: TableResult) -> None:
    cells = {(c.row_key, c.column_key): c for c in result.cells}
    assert (cells[("total", "total")].text, cells[("total", "total")].line) == ("1,132,034", 663)
    assert cells[("group/4040", "total")].text == "1,081,748"  # line 665
    assert cells[("group/4085", "current_other")].line == 708
    assert cells[("group/4040/(2)5262200200/12", "current_personnel")].line == 652  # left half
    assert cells[("group/4040/(2)5262200200/12", "current_operating")].line == 679  # right half
    assert cells[("individual/4085/(2)5262200200/17", "grant_no")].text == "17"


def test_fact_totals_and_identities(facts: dict[str, dict]) -> None:
    rows = list(facts.values())
    by_class = {
        c: sum(f["total"] for f in rows if f["object_class_code"] == c) for c in ("4040", "4085")
    }
    assert by_class == {"4040": 1_081_748, "4085": 50_286}
    assert sum(f["total"] for f in rows) == 1_132_034
    for f in rows:
        assert sum(f[c] for c in AMOUNTS[:-1]) == f["total"], f["grant_no"]
    assert sum(f["total"] for f in rows if f["recipient_kind"] == "individual") == 1_086


def test_fact_fields(facts: dict[str, dict]) -> None:
    g12 = facts["12"]  # continues on the next page (line 683)
    assert g12["program_name"] == "人工智慧與感知互動跨域應用躍升計畫"
    assert g12["recipient"] == "財團法人資訊工業策進會、工業技術研究院"
    assert (g12["current_personnel"], g12["current_operating"], g12["total"]) == (
        103_361, 100_486, 203_847,
    )  # fmt: skip
    assert (g12["line"], g12["item_no"], g12["period"]) == (652, 6, "112-112")
    g07 = facts["07"]
    assert g07["group_label"] == "(2)5262200200 促進數位創新動能轉型升級"
    assert (g07["recipient_kind"], g07["object_class_code"]) == ("group", "4040")
    g13 = facts["13"]  # work plan name printed under its code (lines 685-686)
    assert g13["group_label"] == "(1)5262200200 促進數位創新動能轉型升級"
    assert (g13["recipient"], g13["object_class_code"]) == ("參與競賽之企業", "4085")
    assert g13["content"] == "辦理資訊軟體等數位相關產業技術、產品與服務之創新研發獎勵。"
    g16 = facts["16"]
    assert (g16["recipient_kind"], g16["work_plan_code"]) == ("individual", "5262200100")
    assert g16["program_name"] == "退休、退職人員三節慰問金"
    assert g16["recipient"] == "退休、退職人員"
    assert g16["content"] == "發放退休、退職人員三節慰問金。"
    g17 = facts["17"]
    assert g17["recipient"] == "參與競賽之學生或個人"
    assert g17["content"] == "辦理資訊應用服務創新競賽，產學合作，滿足產業人才需求。"
    assert facts["01"]["recipient"] == "國內依法登記成立之獨資、合夥事業或公司"


def test_warnings_are_the_merged_cells(result: TableResult) -> None:
    assert sorted((i.code, i.line) for i in result.issues) == [
        ("grant_cells_merged", line) for line in (687, 688, 689, 694, 697)
    ]


def test_report_view_regenerates_the_table(sample_db: str) -> None:
    rows = api.query(
        sample_db, "SELECT row_key, total, current_other FROM report_grants ORDER BY sort_key"
    )
    keys = [r[0] for r in rows.rows]
    assert keys[:5] == [
        "total",
        "group",
        "group/4040",
        "group/4040/(1)5262200200",
        "group/4040/(1)5262200200/01",
    ]
    assert len(keys) == 28
    assert rows.rows[0][1:] == (1_132_034, 635_488)


def test_comparison_matches_every_printed_cell(sample_db: str) -> None:
    rows = api.query(
        sample_db,
        "SELECT status, count(*) FROM table_comparison WHERE table_slug = 'grants' GROUP BY status",
    )
    assert dict(rows.rows) == {"match": 28 * 6 + 17}


def test_changed_grant_flags_its_dependent_subtotals(tmp_path: Path, sample_text: str) -> None:
    # grant 07's 業務費 is printed on the right half, line 674: 28,570 -> 28,670
    text = edit_line(sample_text, 674, "28,570", "28,670")
    parsed = parse_text(text)
    g07 = next(f for f in parsed.facts["grants"] if f["grant_no"] == "07")
    assert g07["current_operating"] == 28_670
    assert [(i.code, i.line) for i in parsed.issues if i.code == "row_total_mismatch"] == [
        ("row_total_mismatch", 674)
    ]
    db = load_text(tmp_path, text)
    bad = api.query(
        db,
        "SELECT row_key, column_key, printed_value, regenerated_value FROM table_comparison "
        "WHERE table_slug = 'grants' AND status <> 'match' ORDER BY row_order, column_order",
    )
    flagged = {(r[0], r[1]): (r[2], r[3]) for r in bad.rows}
    path = ["total", "group", "group/4040", "group/4040/(2)5262200200"]
    assert set(flagged) == {
        *((k, c) for k in path for c in ("current_operating", "total")),
        ("group/4040/(2)5262200200/07", "total"),
    }
    assert flagged[("group/4040/(2)5262200200/07", "total")] == (51_946, 52_046)
    assert flagged[("group/4040", "current_operating")] == (252_320, 252_420)


def test_work_plan_group_numbers(facts: dict[str, dict]) -> None:
    # 4040 lists 5262200200 twice: (1) grants [1]-[6] = 01-06 (line 639), (2) [1]-[6] = 07-12
    # (line 646); 4085 對團體 (1) 5262200200 holds 13-15 (line 685).
    by_group = {no: f["group_no"] for no, f in facts.items() if no <= "15"}
    assert by_group == {f"{n:02d}": "1" if n <= 6 or n >= 13 else "2" for n in range(1, 16)}


def test_a_continuation_page_repeating_the_headings_adds_no_text(book_doc: ParsedDocument) -> None:
    # 內政部 114 book, 捐助經費分析表 printed pp.162-165 (PDF pp.171-174): grant 02 of
    # (5)3708012900 役政業務 under 4085 wraps onto p.164, a page with no amounts whose header
    # block (捐助計畫 | 計畫起訖年度 | 捐助對象 | 捐助內容 | 經常門 人事費 ...) is printed again.
    # Expected values typed from `pdftotext -layout -f 171 -l 174`.
    (grant,) = [
        g
        for g in book_doc.facts["grants"]
        if (g["recipient_kind"], g["object_class_code"], g["work_plan_code"], g["grant_no"])
        == ("individual", "4085", "3708012900", "02")
    ]
    assert grant["program_name"] == "辦理替代役工作"
    assert grant["period"] == "經常性"
    assert grant["recipient"] == "替代役役男及其家屬"
    assert grant["content"] == (
        "辦理替代役役男死亡暨傷病身心障礙一次慰問金、傷病身心障礙退伍替代役役男三節慰問金及依"
        "「替代役役男權利實施辦法」與「替代役役男死亡傷病及其家庭災害慰勞實施規定」辦理之兵役"
        "慰勞慰問金等。"
    )
    assert (grant["current_other"], grant["total"]) == (5_100, 5_100)
    assert not [i for i in book_doc.issues if i.code == "continuation_unplaced"]


def test_text_glued_to_a_repeated_heading_continues_the_grant(book_doc: ParsedDocument) -> None:
    # printed pp.158-160 (PDF pp.167-169): (6)3708012700 土地測量 [1] wraps onto p.160, whose
    # first body line (測圖科技發展計畫 | 測繪業務經費。) the reader keeps in its header block
    (grant,) = [
        g
        for g in book_doc.facts["grants"]
        if g["work_plan_code"] == "3708012700" and g["recipient"] == "測量學術團體"
    ]
    assert grant["program_name"] == "智慧衛星定位及移動測圖科技發展計畫"
    assert grant["content"] == "捐助測量學術團體辦理相關測繪業務經費。"
    assert (grant["grant_no"], grant["period"], grant["total"]) == ("01", "經常性", 140)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("捐 助 對 象", ""),
        ("捐 助 內 容 慰勞實施規定」辦理之兵役", "慰勞實施規定」辦理之兵役"),
        ("捐助內容說明", "捐助內容說明"),  # a text that starts like the heading is text
        ("家屬", "家屬"),
    ],
)
def test_without_heading(text: str, kept: str) -> None:
    assert without_heading(text, frozenset({"捐助對象", "捐助內容", "捐助"})) == kept
