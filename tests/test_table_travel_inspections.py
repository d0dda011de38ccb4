"""派員出國計畫預算類別表—考察、視察、訪問 (travel_inspections) of the 內政部 114 book, printed
pages 168–171 (PDF 177–180), and the overseas travel it adds to 派員出國計畫預算總表.

Golden values (tests/golden/moi-114/travel_inspections.csv) were typed from the printed pages
(pdftotext -layout). The printed totals the tests assert: 考察 4 plans, 33 person-days, 440 千元;
訪問 1 plan, 12 person-days, 111 千元 (總表, p. 167); 總表 合計 11 plans, 137 person-days, 1,567.
"""

from __future__ import annotations

from collections import Counter

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables import travel_meetings
from unitbudget.loaders.tables.base import ParseContext

from .conftest import ROOT
from .helpers import edit_line, parse_region, read_golden, table_cells

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "travel_inspections.csv"
CONSOLIDATED = (
    "JOIN staging.stg_documents AS d USING (document_id) WHERE d.parent_document_id IS NULL"
)


def _plans(book_doc: ParsedDocument) -> dict[str, dict]:
    return {
        f["plan_no"]: f
        for f in book_doc.facts["travel_plans"]
        if f["table_slug"] == "travel_inspections"
    }


def test_five_plans_in_two_categories(book_doc: ParsedDocument) -> None:
    plans = _plans(book_doc)
    assert sorted(plans) == ["01", "02", "03", "04", "05"]
    assert Counter(p["category"] for p in plans.values()) == {"考察": 4, "訪問": 1}
    by_category: dict[str, list[int]] = {}
    for p in plans.values():
        assert p["destination_kind"] == "overseas"
        assert p["transport"] + p["living"] + p["office"] == p["total"], p["plan_no"]
        days = by_category.setdefault(p["category"], [0, 0])
        days[0] += p["days"] * p["persons"]
        days[1] += p["total"]
    assert by_category == {"考察": [33, 440], "訪問": [12, 111]}


def test_names_codes_and_wrapped_texts(book_doc: ParsedDocument) -> None:
    plans = _plans(book_doc)
    p1 = plans["01"]
    # the 領域代碼 is printed right after the name, without a separator ("…經驗83")
    assert (p1["name"], p1["field_code"]) == (
        "考察日本地方議員支給相關制度及地方市町村合併經驗",
        "83",
    )
    assert (p1["days"], p1["persons"], p1["total"]) == (5, 2, 117)
    assert p1["destination"] == "日本(東京都、千葉縣、神奈川縣)"
    assert p1["period"] == "114.08-114.09"
    assert p1["account_name"] == "民政及宗教禮制業務"
    assert p1["agenda"].splitlines()[0].startswith("日本總務省(自治行政局)")  # 擬拜會或視察機構
    assert p1["history"].startswith("有 | 113年拜訪總務省")  # 前三年內有無 … 有, 說明
    assert p1["meeting_kind"] is None  # the group is the category itself
    # plan 04's 計畫內容 ends at the top of the next page (p. 170)
    assert plans["04"]["agenda"].endswith("並提升國人防災及應變反應。")
    p5 = plans["05"]
    assert (p5["category"], p5["name"], p5["field_code"]) == (
        "訪問",
        "拜訪泰國相關單位推廣三維製圖技術",
        "14",
    )
    assert (p5["page"], p5["account_name"]) == (179, "土地測量")  # PDF page of printed 170


def test_printed_cells_are_the_golden_values(book_doc: ParsedDocument) -> None:
    golden = {(g["row_key"], g["column_key"]): g["text"] for g in read_golden(GOLDEN)}
    got = {k: c.text for k, c in table_cells(book_doc, "travel_inspections").items()}
    assert len(golden) == 30  # 5 plans x 6 amounts
    assert got == golden
    assert not [i for i in book_doc.issues if i.table_slug == "travel_inspections"]


def test_comparison_and_summary_regenerate_every_category(book_db: str) -> None:
    status = api.query(
        book_db,
        "SELECT c.status, count(*) FROM table_comparison AS c "
        f"{CONSOLIDATED} AND c.table_slug = 'travel_inspections' GROUP BY c.status",
    ).rows
    assert dict(status) == {"match": 30}
    summary = api.query(
        book_db,
        "SELECT r.row_key, r.plans_this_year, r.person_days_this_year, r.budget_this_year "
        f"FROM report_travel_summary AS r {CONSOLIDATED} ORDER BY r.sort_key",
    ).rows
    # 派員出國計畫預算總表, p. 167
    assert summary == [
        ("total", 11, 137, 1_567),
        ("inspection", 4, 33, 440),
        ("supervision", 0, 0, 0),
        ("visit", 1, 12, 111),
        ("meeting", 5, 38, 762),
        ("negotiation", 0, 0, 0),
        ("study", 0, 0, 0),
        ("research", 0, 0, 0),
        ("internship", 1, 54, 254),
    ]
    this_year = api.query(
        book_db,
        "SELECT c.status, count(*) FROM table_comparison AS c "
        f"{CONSOLIDATED} AND c.table_slug = 'travel_summary' "
        "AND c.column_key LIKE '%this_year' GROUP BY c.status",
    ).rows
    assert dict(this_year) == {"match": 27}


def test_overseas_travel_ties_to_2078_without_the_study_plans(book_db: str) -> None:
    checks = api.query(
        book_db,
        "SELECT c.check_name, c.expected, c.actual, c.status FROM consistency_checks AS c "
        f"{CONSOLIDATED} AND c.check_name IN "
        "('travel_overseas_equals_2078', 'travel_mainland_equals_2075')",
    ).rows
    # 2078 國外旅費 1,313 = 考察 440 + 訪問 111 + 開會 762; the 實習 plan (254) is budgeted under
    # 2003 教育訓練費 (測量及方域 sub-plan 04 說明, p. 77)
    assert sorted((n, int(e), int(a), s) for n, e, a, s in checks) == [
        ("travel_mainland_equals_2075", 146, 146, "pass"),
        ("travel_overseas_equals_2078", 1_313, 1_313, "pass"),
    ]
    parts = api.query(
        book_db,
        "SELECT c.subject, c.status FROM consistency_checks AS c "
        f"{CONSOLIDATED} AND c.check_name = 'travel_plan_parts_equal_total'",
    ).rows
    assert len(parts) == 12 and {s for _, s in parts} == {"pass"}
    assert ("travel_inspections/01", "pass") in parts  # plan numbers restart per table


def test_a_layout_not_seen_is_a_load_issue_naming_the_pages(sample_text: str) -> None:
    # the ADI 112 開會、談判 table with cost headers no category table prints, and no 合計
    text = edit_line(sample_text, 744, "交通費\t生活費", "機場費\t膳宿費")
    text = edit_line(text, 759, "辦公費\t合計", "雜支\t小結")
    result = parse_region(travel_meetings.PARSER, text, ParseContext())
    assert [i.code for i in result.issues] == ["columns_unrecognised"]
    message = result.issues[0].message
    assert f"pages {result.pages[0]}" in message
    assert "total" in message and "a cost column" in message
    assert not result.facts and not result.cells and result.row_count == 0
