"""媒體政策及業務宣導費彙計表 (media_publicity) of the 內政部 114 book, printed page 198.

Golden values (tests/golden/moi-114/media_publicity.csv) were typed from the printed page.
"""

from __future__ import annotations

import csv
from pathlib import Path

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables._plan_overview.drafts import media_statements

from .conftest import ROOT
from .helpers import plant_on_copy

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "media_publicity.csv"

CHECK = "media_table_equals_sub_plan_statements"

# Every 媒體政策及業務宣導費 the sub-plan 說明 of the 歲出計畫提要及分支計畫概況表 state (printed
# pp70-114, PDF 79-123), read with pdftotext -layout: (work plan, sub-plan) -> (the amounts, 千元,
# PDF page of the first statement).
STATEMENTS = {
    # p70 item 3 「製作政治獻金法制宣導短片媒體政策及業務宣導費400千元」, wrapped after 宣
    ("3708011000", "03"): ([400], 79),
    # p71 items 1, 2 and 4: 「(含媒體政策及業務宣導費100千元）」, 「(含媒體政策及業務宣導費900千
    # 元)」, 「經常支出59,000千元(含媒體政策及業務宣導費250千元)」
    ("3708011000", "05"): ([100, 900, 250], 80),
    # p72 item 8 「108千元(含媒體政策及業務宣導費38千元)」
    ("3708011000", "06"): ([38], 81),
    # p75 item 5 「679千元(含媒體政策及\n業務宣導費530千元)」
    ("3708011500", "05"): ([530], 84),
    # p100 item 3 「業務費538千元(含媒體政策及業務宣導費427\n千元)」
    ("3708012900", "04"): ([427], 109),
    # p105 item 1 (4) 「業務費4\n,072千元(含媒體政策及業務宣導3,920千\n元)」: no 費
    ("3708012900", "06"): ([3920], 114),
    # p109 item 2 「相關媒體政策及業務宣導\n費360千元」
    ("3708013000", "05"): ([360], 118),
    # p114 item 1 「業務費8,400千元\n（含媒體政策及業務宣導費5,000千元）」
    ("6308013500", "05"): ([5000], 123),
}


def test_facts_are_the_lowest_work_plans(book_doc: ParsedDocument) -> None:
    plans = {p["work_plan_code"]: p["amount"] for p in book_doc.facts["media_publicity_plans"]}
    assert plans == {
        "3708011000": 1688,
        "3708011500": 530,
        "3708012900": 4347,
        "3708013000": 360,
        "6308013500": 5000,
    }
    content = next(
        p["content"]
        for p in book_doc.facts["media_publicity_plans"]
        if p["work_plan_code"] == "3708011500"
    )
    assert content.startswith("辦理戶政綜合計畫及研習活動")
    assert content.endswith("經費530千元。")


def test_printed_cells_are_the_golden_values(book_doc: ParsedDocument) -> None:
    with GOLDEN.open(encoding="utf-8") as f:
        golden = {(g["row_key"], g["column_key"]): g["text"] for g in csv.DictReader(f)}
    cells = {
        (c.cell.row_key, c.cell.column_key): c.cell.text
        for c in book_doc.cells
        if c.table_slug == "media_publicity"
    }
    assert cells == golden


def test_agency_and_function_rows_are_regenerated_sums(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT r.row_key, r.row_level, r.amount FROM report_media_publicity r "
        "JOIN documents d USING (document_id) WHERE d.parent_document_id IS NULL "
        "AND r.row_level <= 2 ORDER BY r.sort_key",
    ).rows
    assert rows == [("0008010000", 1, 11925), ("3708010000", 2, 6925), ("6308010000", 2, 5000)]
    status = api.query(
        book_db,
        "SELECT d.unit_name, c.status, count(*) FROM table_comparison c "
        "JOIN documents d USING (document_id) "
        "WHERE c.table_slug = 'media_publicity' GROUP BY ALL ORDER BY 1 NULLS FIRST",
    ).rows
    # The book: its 8 printed cells match; the sub-plan statements are tied to the table by the
    # consistency check, not compared as cells (the table prints no sub-plan rows). The 附錄
    # unit 內政部 repeats the 概況表 but not table 15: its 8 sub-plan rows and the 8 sums above
    # them (agency, 2 政事, 5 work plans) are regenerated from its 說明, missing in print.
    assert status == [(None, "match", 8), ("內政部", "missing_in_print", 16)]


def test_statement_phrasings_as_printed() -> None:
    """The phrasings of the book's 說明 (wrapped as printed): each amount once, in order."""
    texts = {
        "3.製作政治獻金法制宣導短片媒體政策及業務宣\n導費400千元。": [400],
        "所需業務費4\n,072千元(含媒體政策及業務宣導3,920千\n元)。": [3920],
        "2.辦理自然人憑證業務相關媒體政策及業務宣導\n費360千元。": [360],
        "34,380千元(含\n媒體政策及業務宣導費900千元)及二二八國家紀念館工程維護等費用"
        "2,500千元（資本支出）。4.…其中經常支出59,000千元(含\n媒體政策及業務宣導費250千元)": [
            900,
            250,
        ],
        # no amount of media spending: the words alone, or another fee
        "8.辦理新聞媒體聯繫所需業務費510千元。": [],
        "辦理兵役及替代役相關媒體新聞聯繫、宣導製作、託播": [],
    }
    for text, amounts in texts.items():
        assert [a for a, _ in media_statements(text)] == amounts, text


def test_every_sub_plan_statement_of_the_book_is_found(book_doc: ParsedDocument) -> None:
    found = {
        (m["work_plan_code"], m["sub_plan_code"]): (m["amount"], m["page"])
        for m in book_doc.facts["media_publicity"]
        if m["source"] == "sub_plan"
    }
    assert found == {key: (sum(amounts), page) for key, (amounts, page) in STATEMENTS.items()}


def test_media_table_ties_to_the_sub_plan_statements(book_db: str) -> None:
    """The table (p198) per work plan = Σ of its sub-plan statements: the book agrees with
    itself on all five work plans (1,688 = 400 + 100 + 900 + 250 + 38; 4,347 = 427 + 3,920)."""
    rows = api.query(
        book_db,
        "SELECT c.subject, c.expected, c.actual, c.difference, c.status "
        "FROM consistency_checks c JOIN documents d USING (document_id) "
        "WHERE c.check_name = ? AND d.parent_document_id IS NULL ORDER BY c.subject",
        [CHECK],
    ).rows
    stated: dict[str, int] = {}
    for (work_plan, _), (amounts, _) in STATEMENTS.items():
        stated[work_plan] = stated.get(work_plan, 0) + sum(amounts)
    printed = {
        "3708011000": 1688,
        "3708011500": 530,
        "3708012900": 4347,
        "3708013000": 360,
        "6308013500": 5000,
    }
    assert rows == [(wp, printed[wp], stated[wp], 0, "pass") for wp in sorted(printed)]


def test_planted_statement_fails_exactly_the_media_check(book_db: str, tmp_path: Path) -> None:
    """Plant for a family only the book exercises: on a copy of the loaded book, the statement
    of sub-plan 3708011000/05 (轉型正義, 100 + 900 + 250 = 1,250) becomes 1,350 (as if p71 item 1
    said 200千元); the table still prints 1,688 for 民政及宗教禮制業務, so that row fails by
    +100 and no other check changes its status."""
    copy = tmp_path / "planted.duckdb"
    lost, gained = plant_on_copy(
        book_db,
        copy,
        "UPDATE core.media_publicity SET amount = 1350 WHERE source = 'sub_plan' "
        "AND work_plan_code = '3708011000' AND sub_plan_code = '05' AND amount = 1250",
    )
    assert {r[1:] for r in lost} == {(CHECK, "3708011000", "pass")}
    assert {r[1:] for r in gained} == {(CHECK, "3708011000", "fail")}
    failed = api.query(
        str(copy),
        "SELECT expected, actual, difference FROM consistency_checks "
        "WHERE check_name = ? AND subject = ?",
        [CHECK, "3708011000"],
    ).rows
    assert failed == [(1688, 1788, 100)]
