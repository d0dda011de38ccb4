"""歲入項目說明提要表 (revenue_notes) of the 內政部 114 book, printed pages 53-64, 千元.

Golden values (tests/golden/moi-114/revenue_notes.csv) were typed from the printed pages
(pdftotext -layout of PDF pages 62-73): per item its 預算金額 and the 金額 of its 款/項/目/節
rows. Texts below are copied from the printed pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument

from .conftest import ROOT
from .helpers import read_golden

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "revenue_notes.csv"
SLUG = "revenue_notes"

# item code -> 預算金額 as printed in each page header (pp.53-64)
AMOUNTS = {
    "0408010301": 1786,
    "0508010101": 11415,
    "0508010102": 17466,
    "0508010303": 14377,
    "0508010307": 15839,
    "0708010101": 1400,
    "0708010102": 65000,
    "0708010103": 456,
    "0708010500": 100,
    "1208010210": 151017,
}


def _notes(book_doc: ParsedDocument) -> dict[str, dict]:
    return {n["account_code"]: n for n in book_doc.facts["revenue_notes"]}


def test_one_row_per_item_with_its_amount(book_doc: ParsedDocument) -> None:
    notes = _notes(book_doc)
    assert {code: n["amount"] for code, n in notes.items()} == AMOUNTS
    # the items are the 節 (and a 目 without 節) with an amount this year: 278,856 in all
    assert sum(AMOUNTS.values()) == 278856


def test_item_texts(book_doc: ParsedDocument) -> None:
    notes = _notes(book_doc)
    first = notes["0408010301"]
    assert first["name"] == "賠償收入-一般賠償收入"
    assert first["units"] == "秘書處、民政司、地政司、宗教及禮制司、國土測繪中心"
    assert first["content"] == "違反契約所收之逾期罰款收入。"
    assert first["legal_basis"] == "依契約規定。"
    assert first["breakdown"].startswith("廠商違約之逾期罰款預估1,786千元，明細如下")
    assert first["breakdown"].endswith("2.國土測繪中心:300千元。")
    royalty = notes["0708010102"]
    assert (royalty["units"], royalty["content"]) == ("地政司", "電子航行圖售圖之收入。")
    assert royalty["legal_basis"] == "國有財產法第7條。"
    scrap = notes["0708010500"]
    assert (scrap["name"], scrap["units"]) == ("廢舊物資售價", "秘書處、國土測繪中心")


def test_an_item_over_two_pages_is_one_row(book_doc: ParsedDocument) -> None:
    fees = _notes(book_doc)["0508010101"]  # 審查費, printed pages 54-55 (PDF 63-64)
    assert (fees["page"], fees["last_page"]) == (63, 64)
    # 說明 continued on the second page
    assert fees["breakdown"].endswith("車載光達校正各1部計140千元，共計2,385千元。")
    assert "1.在中華民國大陸礁層舖設維護變更海底電纜或管" in fees["legal_basis"]


def test_printed_cells_are_the_golden_values(book_doc: ParsedDocument) -> None:
    golden = read_golden(GOLDEN)
    assert len(golden) == 10 * 5 - 1  # 目 0708010500 prints no 節 row
    cells = {
        (c.cell.row_key, c.cell.column_key): c.cell for c in book_doc.cells if c.table_slug == SLUG
    }
    assert set(cells) == {(g["row_key"], g["column_key"]) for g in golden}
    for g in golden:
        assert cells[(g["row_key"], g["column_key"])].text == g["text"], g


def test_every_printed_amount_is_regenerated_and_ties_to_the_source_table(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT status, count(*) FROM table_comparison WHERE table_slug = ? GROUP BY status",
        [SLUG],
    ).rows
    assert rows == [("match", 49)]
    checks = api.query(
        book_db,
        "SELECT subject, status FROM consistency_checks "
        "WHERE check_name = 'revenue_note_equals_source_table' ORDER BY subject",
    ).rows
    assert checks == [(code, "pass") for code in sorted(AMOUNTS)]


def test_planted_item_amount_fails_exactly_the_notes_check(book_db: str, tmp_path: Path) -> None:
    """Issue 16 plant on a copy of the loaded book (a family only the book exercises): the
    權利金 item's 預算金額 65,000 -> 64,000 千元; 歲入來源別預算表 still states 65,000."""
    copy = tmp_path / "planted.duckdb"
    shutil.copyfile(book_db, copy)
    query = "SELECT check_name, subject, status FROM consistency_checks"
    before = set(api.query(str(copy), query).rows)
    con = duckdb.connect(str(copy))
    con.execute("UPDATE core.revenue_notes SET amount = 64000 WHERE account_code = '0708010102'")
    con.close()
    after = set(api.query(str(copy), query).rows)
    name = "revenue_note_equals_source_table"
    assert before - after == {(name, "0708010102", "pass")}
    assert after - before == {(name, "0708010102", "fail")}


def test_public_view_finds_items_by_their_texts(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT account_code, amount, page, last_page FROM revenue_notes "
        "WHERE legal_basis LIKE '%國有財產法%' ORDER BY account_code",
    ).rows
    # 權利金 and 廢舊物資售價 (國有財產法第7條), 租金收入 (第28條); PDF pages
    assert rows == [
        ("0708010102", 65000, 70, 70),
        ("0708010103", 456, 71, 71),
        ("0708010500", 100, 72, 72),
    ]
