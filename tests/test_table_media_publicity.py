"""媒體政策及業務宣導費彙計表 (media_publicity) of the 內政部 114 book, printed page 198.

Golden values (tests/golden/moi-114/media_publicity.csv) were typed from the printed page.
"""

from __future__ import annotations

import csv

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "media_publicity.csv"


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
        "SELECT status, count(*) FROM table_comparison "
        "WHERE table_slug = 'media_publicity' GROUP BY status",
    ).rows
    assert status == [("match", 8)]
