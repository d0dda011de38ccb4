"""The 內政部 114 PDF book through the account and object-class table parsers (issue 11, group A).

Tables: 歲出機關別預算表, 各項費用彙計表, 歲出一級用途別科目分析表, 資本支出分析表, 人事費彙計表,
預算員額明細表, in the consolidated book and (where printed) in 附錄(一) 內政部.

Golden values: tests/golden/moi-114/<slug>.csv (the book) and tests/golden/moi-114-appendix-1/
(附錄(一) 內政部), row_key / column_key / text / printed page, typed from the PDF with poppler's
`pdftotext -layout` and checked with the book's identities (see the README of main's
tests/golden/moi-114; the files here are byte-identical copies). A few values are typed below
from the pages named.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument

from .conftest import ROOT
from .helpers import table_cells

BOOK = ROOT / "unitbudget" / "samples" / "moi-114-unit-budget.pdf"
GOLDEN = ROOT / "tests" / "golden" / "moi-114"
GOLDEN_UNIT = ROOT / "tests" / "golden" / "moi-114-appendix-1"
SLUGS = (
    "expenditure_by_agency",
    "expense_summary",
    "object_class_analysis",
    "capital_expenditure",
    "personnel_expense",
    "staffing",
)
UNIT = "內政部"  # 附錄(一)

# 歲出機關別預算表 p48-58 (printed 41-51): the 13 lowest-level work plans and their amounts.
WORK_PLANS = {
    "3708010100": ("一般行政", 1771975),
    "3708011000": ("民政及宗教禮制業務", 5669604),
    "3708011500": ("戶政業務", 70523),
    "3708012501": ("測量及方域", 423403),
    "3708012502": ("地籍及不動產服務業管理", 72331),
    "3708012503": ("平均地權及土地利用", 42255),
    "3708012700": ("土地測量", 1006592),
    "3708012800": ("土地開發", 16137),
    "3708012900": ("役政業務", 3486601),
    "3708013000": ("內政資訊業務", 723354),
    "3708019011": ("交通及運輸設備", 1260),
    "3708019800": ("第一預備金", 27000),
    "6308013500": ("社會行政業務", 113343),
}
# 人事費彙計表 p136 (printed 127) and 附錄(一) p348 (printed 333): 金額 per class, 合計.
PERSONNEL = {
    "book": {
        "1005": "-", "1010": "7,194", "1015": "1,944,370", "1020": "93,190",
        "1025": "157,889", "1030": "356,196", "1035": "474,538", "1040": "78,675",
        "1045": "31,806", "1050": "146,132", "1055": "318,006", "1060": "-",
        "total": "3,607,996",
    },
    "unit": {
        "1005": "-", "1010": "7,194", "1015": "1,695,843", "1020": "84,381",
        "1025": "18,401", "1030": "255,289", "1035": "458,874", "1040": "58,205",
        "1045": "26,806", "1050": "108,810", "1055": "270,740", "1060": "-",
        "total": "2,984,543",
    },
}  # fmt: skip
# 預算員額明細表 p137-138 (printed 128-129) and p349-350 (printed 334-335): the agency row
# (the 一般行政 row prints the same numbers).
STAFFING = {
    "book": [
        "942", "942", "-", "-", "-", "-", "9", "9", "23", "26", "316", "316", "9", "12",
        "96", "96", "73", "63", "-", "-", "1,468", "1,464", "1,566,258", "1,510,372", "55,886",
    ],
    "unit": [
        "650", "650", "-", "-", "-", "-", "9", "9", "19", "21", "13", "13", "7", "10",
        "91", "91", "61", "51", "-", "-", "850", "845", "963,275", "929,564", "33,711",
    ],
}  # fmt: skip
STAFFING_COLUMNS = [
    f"{c}_{y}"
    for c in (
        "officials", "police", "judicial_police", "guards", "workers", "technicians",
        "drivers", "contract", "temporary", "overseas_local", "total",
    )
    for y in ("this", "last")
] + ["cost_this", "cost_last", "cost_change"]  # fmt: skip


@pytest.fixture(scope="session")
def unit(book_doc: ParsedDocument) -> ParsedDocument:
    return next(u for u in book_doc.units if u.unit_name == UNIT)


def pdf_page(printed: int) -> int:
    """The PDF page of a printed page number (DOMAIN.md §7; + 7 for printed 39-52)."""
    if printed <= 38:
        return printed + 5
    return printed + (7 if printed <= 52 else 9 if printed <= 288 else 15)


def golden(directory: Path, slug: str) -> dict[tuple[str, str], tuple[str, int]]:
    """(row_key, column_key) -> (text as printed, PDF page)."""
    with (directory / f"{slug}.csv").open(encoding="utf-8") as f:
        return {
            (r["row_key"], r["column_key"]): (r["text"], pdf_page(int(r["page"])))
            for r in csv.DictReader(f)
        }


def assert_cells_as_printed(doc: ParsedDocument, slug: str, directory: Path = GOLDEN) -> None:
    """Every printed number of the table is a cell with the golden text, page and keys."""
    expected = golden(directory, slug)
    cells = table_cells(doc, slug)
    assert set(cells) == set(expected)
    for key, (text, page) in expected.items():
        assert (cells[key].text, cells[key].page) == (text, page), key


def comparison(path: str, slug: str, unit_name: str | None = None) -> dict[str, list[tuple]]:
    """Comparison rows of one table of the book (or of one of its units), by status."""
    rows = api.query(
        path,
        "SELECT c.row_key, c.column_key, c.printed_value, c.regenerated_value, c.status "
        "FROM table_comparison AS c "
        "JOIN staging.stg_documents AS d ON d.document_id = c.document_id "
        "WHERE c.table_slug = :slug AND "
        + ("d.unit_name = :unit" if unit_name else "d.parent_document_id IS NULL"),
        {"slug": slug, "unit": unit_name} if unit_name else {"slug": slug},
    ).rows
    out: dict[str, list[tuple]] = {}
    for row in rows:
        out.setdefault(row[4], []).append(row[:4])
    return out


def report(doc: ParsedDocument, slug: str):  # noqa: ANN201 - a TableReport
    return next(t for t in doc.tables if t.slug == slug)


def uncaptured(doc: ParsedDocument, slug: str) -> list[str]:
    return [
        i.message.split("'")[1]
        for i in doc.issues
        if i.table_slug == slug and i.code == "unused_token"
    ]


# --- 歲出機關別預算表 ---------------------------------------------------------------------


def test_expenditure_by_agency_cells_as_printed(book_doc: ParsedDocument) -> None:
    assert_cells_as_printed(book_doc, "expenditure_by_agency")


def test_expenditure_by_agency_accounts(book_doc: ParsedDocument) -> None:
    accounts = {a["account_code"]: a for a in book_doc.facts["accounts"]}
    # 主管, agency, two 政事別, 11 目 (two of them over 節: 4 + 1), 13 lowest work plans.
    assert len(accounts) == 19
    assert Counter(a["level"] for a in accounts.values()) == {
        "ministry": 1, "agency": 1, "function": 2, "work_plan": 11, "section": 4,
    }  # fmt: skip
    assert accounts["0008000000"]["kuan"] == 7
    assert accounts["3708012502"]["parent_code"] == "3708012500"
    assert accounts["3708012502"]["jie"] == 2
    assert accounts["6308013500"]["mu"] == 11
    assert accounts["3708011000"]["name"] == "民政及宗教禮制業務"  # wrapped over two lines
    assert accounts["3708010100"]["description"].startswith("1.本年度預算數1,771,975千元")
    assert "(4)綜合規劃業務專案計畫經費3,0" in accounts["3708010100"]["description"]  # p49
    this_year = {
        a["account_code"]: a["amount"]
        for a in book_doc.facts["account_amounts"]
        if a["source_column"] == "this_year"
    }
    assert this_year["0008010000"] == 13424378
    for code, (name, amount) in WORK_PLANS.items():
        assert (accounts[code]["name"], this_year[code]) == (name, amount)
    assert sum(this_year[c] for c in WORK_PLANS) == 13424378
    last = {
        (a["account_code"], a["fiscal_year"], a["stage"]): a["amount"]
        for a in book_doc.facts["account_amounts"]
    }
    assert last[("0008010000", 113, "enacted")] == 12431027
    assert last[("0008010000", 112, "actual")] == 8983330
    assert last[("3708019800", 112, "actual")] == 0  # '-'


# --- 各項費用彙計表 -----------------------------------------------------------------------


def test_expense_summary_cells_as_printed(book_doc: ParsedDocument, unit: ParsedDocument) -> None:
    # 56 rows x (13 work plans + 合計) over three page groups; 附錄(一): 55 rows x (11 + 合計).
    assert_cells_as_printed(book_doc, "expense_summary")
    assert_cells_as_printed(unit, "expense_summary", GOLDEN_UNIT)
    cells = table_cells(book_doc, "expense_summary")
    totals = {k: cells[(k, "total")].value for k in ("total", "1000", "2000", "3000", "4000")}
    assert totals == {
        "total": 13424378, "1000": 3607996, "2000": 2572211, "3000": 834402, "4000": 6382769,
    }  # fmt: skip
    assert cells[("6000", "total")].value == 27000
    for code, (_, amount) in WORK_PLANS.items():
        assert cells[("total", code)].value == amount
    unit_cells = table_cells(unit, "expense_summary")
    assert unit_cells[("total", "total")].value == 11779030
    assert unit_cells[("total", "3708010100")].value == 1149356
    assert report(book_doc, "expense_summary").row_count == 3 * 56  # each group prints every row


# --- 歲出一級用途別科目分析表, 資本支出分析表 ---------------------------------------------


def test_object_class_analysis_cells_as_printed(book_doc: ParsedDocument) -> None:
    assert_cells_as_printed(book_doc, "object_class_analysis")


def test_capital_expenditure_cells_as_printed(book_doc: ParsedDocument) -> None:
    assert_cells_as_printed(book_doc, "capital_expenditure")


# --- 人事費彙計表, 預算員額明細表 ------------------------------------------------------------


@pytest.mark.parametrize("which", ["book", "unit"])
def test_personnel_expense_cells_as_printed(
    which: str, book_doc: ParsedDocument, unit: ParsedDocument
) -> None:
    doc = book_doc if which == "book" else unit
    assert_cells_as_printed(doc, "personnel_expense", GOLDEN if which == "book" else GOLDEN_UNIT)
    cells = table_cells(doc, "personnel_expense")
    assert {r: c.text for (r, col), c in cells.items() if col == "amount"} == PERSONNEL[which]
    # 八、加班費 is the chart's 1040 加班值班費: placed by its ordinal, with a warning.
    assert any(i.code == "personnel_class_by_ordinal" for i in doc.issues)


@pytest.mark.parametrize("which", ["book", "unit"])
def test_staffing_cells_and_facts(
    which: str, book_doc: ParsedDocument, unit: ParsedDocument
) -> None:
    doc = book_doc if which == "book" else unit
    assert_cells_as_printed(doc, "staffing", GOLDEN if which == "book" else GOLDEN_UNIT)
    cells = table_cells(doc, "staffing")
    for code in ("0008010000", "3708010100"):
        assert [cells[(code, c)].text for c in STAFFING_COLUMNS] == STAFFING[which]
    assert len(cells) == 2 * len(STAFFING_COLUMNS)
    heads = {
        (f["account_code"], f["category"], f["year"]): f["headcount"] for f in doc.facts["staffing"]
    }
    total = {
        y: sum(v for (a, _, yy), v in heads.items() if a == "0008010000" and yy == y)
        for y in ("this", "last")
    }
    assert total == (
        {"this": 1468, "last": 1464} if which == "book" else {"this": 850, "last": 845}
    )
    costs = {f["account_code"]: f for f in doc.facts["staffing_costs"]}
    assert costs["3708010100"]["note"].startswith("1.減列")
    assert costs["0008010000"]["this_year"] == (1566258 if which == "book" else 963275)


# --- parse report and comparison --------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_every_number_is_captured(slug: str, book_doc: ParsedDocument) -> None:
    """Tokens left over are account codes and 款項目節 positions (labels, not amounts) and, in
    各項費用彙計表, the work plan codes of the column headers."""
    left = uncaptured(book_doc, slug)
    assert all(re.fullmatch(r"\d{10}|\d{1,2}", t) for t in left), left
    assert report(book_doc, slug).captured_tokens > 0


@pytest.mark.parametrize(
    "slug", ["expenditure_by_agency", "expense_summary", "personnel_expense", "staffing"]
)
def test_tables_regenerate_as_printed(slug: str, book_db: str) -> None:
    status = comparison(book_db, slug)
    assert set(status) == {"match"}, {k: v[:5] for k, v in status.items() if k != "match"}


@pytest.mark.parametrize("slug", ["expense_summary", "personnel_expense", "staffing"])
def test_unit_tables_regenerate_as_printed(slug: str, book_db: str) -> None:
    status = comparison(book_db, slug, UNIT)
    assert status.get("match") and set(status) == {"match"}, {
        k: v[:5] for k, v in status.items() if k != "match"
    }


def _by_cell(rows: list[tuple]) -> dict[tuple[str, str], tuple[Decimal, Decimal]]:
    return {(r, c): (p, g) for r, c, p, g in rows}


def test_object_class_analysis_matches_with_the_capital_share_of_current_classes(
    book_db: str,
) -> None:
    """The 概況表 prints line items without 經常/資本; the 說明 states which parts of 業務費 and
    獎補助費 are capital (capital_portions), so capital 業務費 / 獎補助費 (3,100 and 845,925 for
    the agency, p123) regenerate as capital and every printed cell matches."""
    status = comparison(book_db, "object_class_analysis")
    assert set(status) == {"match"} and len(status["match"]) == 216
    cells = _by_cell(status["match"])
    assert cells[("0008010000", "capital_operating")] == (3100, 3100)
    assert cells[("0008010000", "capital_grants")] == (845925, 845925)
    assert cells[("0008010000", "total")] == (13424378, 13424378)


def test_capital_expenditure_matches_with_capital_grants_and_operating(book_db: str) -> None:
    """其他資本支出 holds capital 業務費 and 獎補助費 (796,912 of 民政及宗教禮制業務, p125) read
    from the 說明; the 社會行政業務 row (capital grants only) is regenerated too."""
    status = comparison(book_db, "capital_expenditure")
    assert set(status) == {"match"} and len(status["match"]) == 187
    cells = _by_cell(status["match"])
    assert cells[("3708011000", "other_capital")] == (796912, 796912)
    assert cells[("6308013500", "total")] == (30000, 30000)


# --- printed lines joined into account rows (any reader) ------------------------------------


def test_account_lines_join_codes_names_and_notes() -> None:
    from unitbudget.loaders.regions import Cell, Row
    from unitbudget.loaders.tables.toolkit import join_account_lines

    def row(line: int, *texts: str) -> Row:
        return Row([Cell(t, 1, line) for t in texts], 1, line)

    lines = [
        row(1, "", "", "", "", "3708011000", "", ""),
        row(2, "", "", "2", "", "民政及宗教禮制", "5,669,604", "1.本年度預算數"),
        row(3, "", "", "", "", "業務", "", ""),
        row(4, "", "", "", "", "", "", "5,669,604千元。"),
        row(5, "", "", "3", "", "3708011500 戶政業務", "70,523", ""),
    ]
    joined = join_account_lines(lines, 4)
    assert [r.texts() for r in joined] == [
        [
            "",
            "",
            "2",
            "",
            "3708011000 民政及宗教禮制\n業務",
            "5,669,604",
            "1.本年度預算數\n5,669,604千元。",
        ],
        ["", "", "3", "", "3708011500 戶政業務", "70,523", ""],
    ]
    assert (joined[0].cells[4].line, joined[0].cells[6].line) == (2, 2)
    # Rows a reader already joined (the text rendering) are left as they are.
    assert [r.texts() for r in join_account_lines(joined, 4)] == [r.texts() for r in joined]
