"""歲入來源別預算表 (revenue_by_source) of the 內政部 114 book, printed pages 39-40, 千元.

Golden values (tests/golden/moi-114/revenue_by_source.csv) were typed from the printed pages
(pdftotext -layout of PDF pages 46-47): 26 accounts and 合計, four amounts each.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.regions import Cell, Region, Row
from unitbudget.loaders.tables import revenue_by_source
from unitbudget.loaders.tables.base import ParseContext

from .conftest import ROOT
from .helpers import read_golden

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "revenue_by_source.csv"
EXPLAINED = GOLDEN.with_name("explained_mismatches.csv")
SLUG = "revenue_by_source"


def _facts(book_doc: ParsedDocument, table: str) -> list[dict]:
    return book_doc.facts[table]


def test_accounts_by_level_with_codes_parents_and_notes(book_doc: ParsedDocument) -> None:
    accounts = {a["account_code"]: a for a in _facts(book_doc, "revenue_accounts")}
    assert len(accounts) == 26
    levels = [a["level"] for a in accounts.values()]
    assert (levels.count("source"), levels.count("agency")) == (4, 4)
    assert (levels.count("item"), levels.count("sub_item")) == (7, 11)
    fines = accounts["0400000000"]
    assert (fines["name"], fines["kuan"], fines["parent_code"]) == ("罰款及賠償收入", 2, None)
    assert accounts["0408010000"]["xiang"] == 66
    assert accounts["0408010000"]["parent_code"] == "0400000000"
    assert accounts["0408010301"]["parent_code"] == "0408010300"
    assert accounts["0708010500"]["parent_code"] == "0708010000"  # 目 printed without 節
    # 說明 of 服務費 wraps over the page break (printed pages 39 -> 40)
    service = accounts["0508010307"]["description"]
    assert service.startswith("本年度預算數係受託辦理都市計畫樁清理")
    assert service.endswith("電子化全球衛星即時動態定位系統服務等收入。")
    assert accounts["0508010101"]["fiscal_year"] == 114


def test_amounts_by_year_and_stage(book_doc: ParsedDocument) -> None:
    amounts = {
        (a["account_code"], a["fiscal_year"], a["stage"]): a["amount"]
        for a in _facts(book_doc, "revenue_amounts")
    }
    assert len(amounts) == 26 * 3
    assert amounts[("1200000000", 114, "proposed")] == 151017
    assert amounts[("1200000000", 113, "enacted")] == 102068
    assert amounts[("1200000000", 112, "actual")] == 269937
    assert amounts[("0708010103", 113, "enacted")] == 0  # printed '-'
    sources = {"0400000000", "0500000000", "0700000000", "1200000000"}
    # 合計 278,856 = Σ 款: 1,786 + 59,097 + 66,956 + 151,017
    assert sum(amounts[(c, 114, "proposed")] for c in sources) == 278856


def test_printed_cells_are_the_golden_values(book_doc: ParsedDocument) -> None:
    golden = read_golden(GOLDEN)
    assert len(golden) == 27 * 4
    cells = {
        (c.cell.row_key, c.cell.column_key): c.cell for c in book_doc.cells if c.table_slug == SLUG
    }
    assert set(cells) == {(g["row_key"], g["column_key"]) for g in golden}
    for g in golden:
        assert cells[(g["row_key"], g["column_key"])].text == g["text"], g


def test_every_printed_number_is_regenerated(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT status, count(*) FROM table_comparison WHERE table_slug = ? GROUP BY status",
        [SLUG],
    ).rows
    assert sorted(rows) == [("match", 98), ("mismatch", 10)]
    # Every mismatch is a 前年度決算數 the book rounds to 千元 per account, each listed with
    # its printed numbers in explained_mismatches.csv.
    mismatches = api.query(
        book_db,
        "SELECT row_key, column_key FROM table_comparison "
        "WHERE table_slug = ? AND status = 'mismatch'",
        [SLUG],
    ).rows
    explained = {
        (g["row_key"], g["column_key"]) for g in read_golden(EXPLAINED) if g["slug"] == SLUG
    }
    assert set(mismatches) == explained
    total = api.query(
        book_db,
        "SELECT this_year, last_year, year_before_actual, change FROM report_revenue_by_source "
        "WHERE row_key = 'total'",
    ).rows
    # 前年度決算數 regenerated = Σ the twelve printed leaves (p.39-40), 2 less than the printed
    # 440,635 (explained above)
    leaves_actual = (
        1267 + 8518 + 12254 + 18837 + 13993 + 27127 + 14086 + 71054 + 1966 + 1595 + 12625 + 257311
    )
    assert total == [(278856, 217739, leaves_actual, 61117)]


def test_revenue_series_serves_the_book(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT fiscal_year, stage, amount FROM revenue_series "
        "WHERE account_code = '0508010102' ORDER BY fiscal_year",
    ).rows
    assert rows == [(112, "actual", 18837), (113, "enacted", 17478), (114, "proposed", 17466)]


def test_total_equals_the_sources_check(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT subject, expected, actual, status FROM consistency_checks "
        "WHERE check_name = 'revenue_total_equals_sources' ORDER BY subject",
    ).rows
    assert [(r[0], int(r[1]), r[3]) for r in rows] == [
        ("last_year", 217739, "pass"),
        ("this_year", 278856, "pass"),
    ]


def test_planted_source_amount_fails_exactly_the_revenue_check(
    book_db: str, tmp_path: Path
) -> None:
    """Issue 16 plant for a family only the book exercises: on a copy of the loaded book,
    罰款及賠償收入 (款 0400000000) this year 1,786 -> 1,787 千元; its 合計 278,856 then differs
    from Σ 款 (278,857) and no other check changes its status."""
    copy = tmp_path / "planted.duckdb"
    shutil.copyfile(book_db, copy)
    query = "SELECT check_name, subject, status FROM consistency_checks"
    before = set(api.query(str(copy), query).rows)
    con = duckdb.connect(str(copy))
    con.execute(
        "UPDATE core.revenue_amounts SET amount = 1787 "
        "WHERE account_code = '0400000000' AND source_column = 'this_year'"
    )
    con.close()
    after = set(api.query(str(copy), query).rows)
    name = "revenue_total_equals_sources"
    assert before - after == {(name, "this_year", "pass")}
    assert after - before == {(name, "this_year", "fail")}
    failed = api.query(
        str(copy),
        "SELECT expected, actual, difference FROM consistency_checks "
        "WHERE check_name = ? AND status = 'fail'",
        [name],
    ).rows
    assert [tuple(int(v) for v in r) for r in failed] == [(278856, 278857, 1)]


def test_a_layout_without_the_amount_headers_is_a_warning_naming_the_page() -> None:
    """A 歲入來源別預算表 whose header lacks 前年度決算數 and 比較 (a variant we have not seen):
    nothing loaded, one warning on the header's page, no crash."""
    header = ["款", "項", "目", "節", "名稱及編號", "本年度預算數", "上年度預算數", "說明"]
    row = ["2", "", "", "", "0400000000 罰款及賠償收入", "1,786", "1,786", ""]
    region = Region(
        title="歲入來源別預算表",
        header_rows=[Row([Cell(t, 46, 1403) for t in header], 46, 1403)],
        rows=[Row([Cell(t, 46, 1407) for t in row], 46, 1407)],
        pages=[46],
        first_line=1400,
        last_line=1407,
        fiscal_year=114,
    )
    result = revenue_by_source.parse(region, ParseContext(fiscal_year=114, stage="proposed"))
    assert result.facts == {} and result.cells == []
    assert [(i.code, i.page, i.line) for i in result.issues] == [("columns_not_found", 46, 1403)]
    assert "year_before_actual, change" in result.issues[0].message
