"""補助經費分析表 (subsidies) of the 內政部 114 book, printed pages 146-155, and the identity that
ties it to the 補助 object classes of the chart (4005 + 4010 + 4030).

Golden values (tests/golden/moi-114/subsidies.csv) were typed from the printed pages
(pdftotext -layout of PDF pages 155-164, left half 人事費 / 業務費, right half the rest); every
row and subtotal of the golden adds up.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "subsidies.csv"
CONSOLIDATED = "JOIN documents d USING (document_id) WHERE d.parent_document_id IS NULL"


def _facts(book_doc: ParsedDocument) -> list[dict]:
    return book_doc.facts["subsidies"]


def _by_key(book_doc: ParsedDocument) -> dict[tuple[str, int, int], dict]:
    """Recipient facts by (work plan, programme (n), recipient [n])."""
    return {(f["work_plan_code"], f["program_no"], f["recipient_no"]): f for f in _facts(book_doc)}


def test_one_fact_per_recipient(book_doc: ParsedDocument) -> None:
    facts = _facts(book_doc)
    assert len(facts) == 29
    assert len({(f["work_plan_code"], f["program_no"]) for f in facts}) == 18
    assert {f["work_plan_code"] for f in facts} == {
        "3708011000",
        "3708012501",
        "3708012700",
        "3708012900",
        "6308013500",
    }
    assert sum(f["total"] for f in facts) == 2_075_727
    # programme numbers restart in every work plan: (4) 地籍圖重測延續計畫 of 土地測量
    by_key = _by_key(book_doc)
    f = by_key[("3708012700", 4, 1)]
    assert f["program_name"] == "地籍圖重測延續計畫"
    assert f["program_number"] == "04"
    assert f["recipient"] == "補助直轄市政府"
    assert f["period"] == "112-119"
    assert f["recipient_budget_year"] == "114"
    assert (f["current_personnel"], f["current_operating"], f["total"]) == (18_487, 74_444, 92_931)
    assert f["content"] == "補助各直轄市政府辦理地籍圖重測延續計畫工作所需經費。"


def test_wrapped_names_and_contents_are_joined(book_doc: ParsedDocument) -> None:
    by_key = _by_key(book_doc)
    program = by_key[("3708011000", 2, 1)]
    assert program["program_name"] == "補助地方政府春節期間加發村里長1.5個月事務補助費"
    assert program["period"] == "經常性"
    # 補助內容 whose last line is printed on the next page
    assert by_key[("3708011000", 6, 1)]["content"].endswith("學術研討會或相關活動。")
    assert by_key[("3708012700", 3, 1)]["content"] == "補助公立學校辦理相關測繪業務經費。"
    # two numbered paragraphs in one 補助內容
    content = by_key[("3708011000", 7, 2)]["content"]
    assert content.startswith("1.補助縣（市）政府輔導既有宗教建築物及用地合法化。")
    assert content.endswith("分級補助經費。")


def test_printed_cells_are_the_golden_values(book_doc: ParsedDocument) -> None:
    with GOLDEN.open(encoding="utf-8") as f:
        golden = {(g["row_key"], g["column_key"]): g["text"] for g in csv.DictReader(f)}
    cells = {
        (c.cell.row_key, c.cell.column_key): c.cell.text
        for c in book_doc.cells
        if c.table_slug == "subsidies"
    }
    assert len(golden) == 53 * 7 + 18  # amounts and the programme numbers
    assert cells == golden


def test_every_subtotal_is_regenerated_from_the_recipients(book_db: str) -> None:
    rows = api.query(
        book_db,
        f"SELECT r.row_key, r.row_level, r.total FROM report_subsidies r {CONSOLIDATED} "
        "AND r.row_level <= 1 ORDER BY r.sort_key",
    ).rows
    assert rows == [
        ("total", 0, 2_075_727),
        ("3708011000", 1, 1_403_372),
        ("3708012501", 1, 22_301),
        ("3708012700", 1, 234_030),
        ("3708012900", 1, 407_519),
        ("6308013500", 1, 8_505),
    ]
    status = api.query(
        book_db,
        "SELECT status, count(*) FROM table_comparison "
        "WHERE table_slug = 'subsidies' GROUP BY status",
    ).rows
    assert status == [("match", 53 * 7 + 18)]
    public = api.query(
        book_db, f"SELECT count(*), sum(s.total) FROM subsidies s {CONSOLIDATED}"
    ).rows
    assert public == [(29, 2_075_727)]


def test_the_chart_ties_each_analysis_table_to_its_classes(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT analysis_table, string_agg(object_class_code, ' ' ORDER BY object_class_code) "
        "FROM staging.stg_object_classes WHERE analysis_table IS NOT NULL "
        "GROUP BY analysis_table ORDER BY analysis_table",
    ).rows
    assert rows == [
        ("commissioned", "2039"),
        ("grants", "4040 4045 4065 4080 4085"),
        ("subsidies", "4005 4010 4030"),
    ]


def _subsidy_checks(db: str) -> list[tuple]:
    return api.query(
        db,
        "SELECT c.subject, c.expected, c.actual, c.status FROM consistency_checks c "
        f"{CONSOLIDATED} AND c.check_name = 'subsidies_equal_object_class_line_items'",
    ).rows


def test_subsidies_equal_the_subsidy_classes(book_db: str) -> None:
    assert [(s, int(e), int(a), st) for s, e, a, st in _subsidy_checks(book_db)] == [
        ("4005+4010+4030", 2_075_727, 2_075_727, "pass")
    ]


def test_a_planted_subsidy_fails_the_identity(book_db: str, tmp_path: Path) -> None:
    # The plant for the 補助 member of the family: only the book prints 補助經費分析表, so the
    # book's stored facts are edited (the text sample's plants cover 捐助 and 委辦).
    db = str(tmp_path / "planted.duckdb")
    shutil.copy(book_db, db)
    con = duckdb.connect(db)
    try:
        con.execute(
            "UPDATE core.subsidies SET current_other = current_other + 1, total = total + 1 "
            "WHERE work_plan_code = '3708011000' AND program_no = 3 AND recipient_no = 1"
        )
    finally:
        con.close()
    assert [(s, int(e), int(a), st) for s, e, a, st in _subsidy_checks(db)] == [
        ("4005+4010+4030", 2_075_727, 2_075_728, "fail")
    ]


def test_the_grant_classes_add_up_to_the_printed_grant_total(book_db: str) -> None:
    # 捐助經費分析表 合計 4,307,042 (printed p156) = the line items of the classes the chart ties
    # to it: the expected side of grants_equal_object_class_line_items for this book.
    rows = api.query(
        book_db,
        "SELECT SUM(li.amount) FROM staging.stg_line_items li "
        "JOIN staging.stg_object_classes oc USING (object_class_code) "
        "JOIN documents d ON d.document_id = li.document_id WHERE d.parent_document_id IS NULL "
        "AND oc.analysis_table = 'grants'",
    ).rows
    assert rows == [(4_307_042,)]
