"""附屬表 13 歲出按職能及經濟性綜合分類表 (function_economic) on ADI 112.

Golden values (tests/golden/adi-112/function_economic.csv) were typed from lines 788–841
(three stitched page pairs). The report view allocates line items and grants through
core.economic_mappings and core.grant_recipient_rules, never from the printed amounts; the
document puts 1,936 of 業務費 into 受僱人員報酬 (DOMAIN.md §4), which the comparison shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables.base import PrintedCell

from .conftest import ROOT
from .helpers import edit_line, load_text, not_matching, read_golden, table_cells

SLUG = "function_economic"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"
# The document's own allocation of fees paid to persons (2036 ...) differs from the rules.
EXPECTED_DIFFERENCES = {
    (row, column, "mismatch")
    for row in ("total", "13")
    for column in ("current.compensation", "current.goods_services")
}


@pytest.fixture(scope="module")
def cells(sample_doc: ParsedDocument) -> dict[tuple[str, str], PrintedCell]:
    return table_cells(sample_doc, SLUG)


def test_cells_as_typed(cells: dict, sample_doc: ParsedDocument) -> None:
    golden = {(g["row_key"], g["column_key"]): g for g in read_golden(GOLDEN)}
    assert len(golden) == 2 * 27
    assert set(cells) == set(golden)
    for key, g in golden.items():
        assert cells[key].text == g["text"], key
        assert cells[key].line == int(g["line"]), key
    assert next(t for t in sample_doc.tables if t.slug == SLUG).row_count == 2


def test_facts(sample_doc: ParsedDocument) -> None:
    facts = {f["economic_code"]: f for f in sample_doc.facts["function_economic_amounts"]}
    assert len(facts) == 24  # the 27 columns but 經常支出合計, 資本支出合計, 總計
    assert {(f["functional_code"], f["functional_name"]) for f in facts.values()} == {
        ("13", "其他經濟服務")
    }
    assert facts["current.compensation"]["amount"] == 177936
    assert facts["current.transfer.enterprise"]["amount"] == 614781
    assert facts["current.transfer.household"]["amount"] == 517253
    assert facts["capital.fixed.transport"]["amount"] == 1780
    # identities of DOMAIN.md §4: transfers to enterprises and households are the grants
    # (捐助經費分析表 total 1,132,034), as read from another table of the document
    grants = sum(g["total"] for g in sample_doc.facts["grants"])
    transfers = (
        facts["current.transfer.enterprise"]["amount"]
        + facts["current.transfer.household"]["amount"]
    )
    assert transfers == grants == 1132034
    current = sum(f["amount"] for c, f in facts.items() if c.startswith("current."))
    capital = sum(f["amount"] for c, f in facts.items() if c.startswith("capital."))
    assert (current, capital) == (2577714, 1927)


def test_report_explains_each_cell(sample_db: str) -> None:
    rows = {
        r[0]: r[1:]
        for r in api.query(
            sample_db,
            "SELECT column_key, amount, rule, sources FROM report_function_economic "
            "WHERE row_key = '13'",
        ).rows
    }
    assert rows["current.compensation"][0] == 176000
    assert "人事費" in rows["current.compensation"][1]
    assert rows["current.transfer.enterprise"][0] == 614781
    assert "grant_recipient enterprise" in rows["current.transfer.enterprise"][1]
    assert rows["capital.fixed.transport"][:1] == (1780,)
    assert rows["total"][0] == 2579641


def test_comparison_shows_the_documents_own_allocation(sample_db: str) -> None:
    assert not_matching(sample_db, SLUG) == EXPECTED_DIFFERENCES
    printed = api.query(
        sample_db,
        "SELECT printed_value, regenerated_value FROM table_comparison "
        f"WHERE table_slug='{SLUG}' AND row_key='13' AND column_key='current.compensation'",
    ).rows
    assert printed == [(177936, 176000)]


def test_changed_printed_amount_is_not_copied(sample_text: str, tmp_path: Path) -> None:
    # line 801: 13 其他經濟服務 經常移轉 對企業 614,781 -> 614,782
    db = load_text(tmp_path, edit_line(sample_text, 801, "614,781", "614,782"))
    fact = api.query(
        db,
        "SELECT amount FROM core.function_economic_amounts "
        "WHERE economic_code = 'current.transfer.enterprise'",
    ).rows
    assert fact == [(614782,)]
    assert not_matching(db, SLUG) == EXPECTED_DIFFERENCES | {
        ("13", "current.transfer.enterprise", "mismatch")
    }


# --- the 內政部 114 book: two functional classes (pp.180-185) -------------------------------


def _book_report(book_db: str) -> dict[tuple[str, str], tuple[int, str]]:
    rows = api.query(
        book_db,
        "SELECT r.row_key, r.column_key, r.amount, r.rule FROM report_function_economic AS r "
        "JOIN staging.stg_documents AS d ON d.document_id = r.document_id "
        "WHERE d.parent_document_id IS NULL",
    ).rows
    return {(row, col): (amount, rule) for row, col, amount, rule in rows}


def test_book_rows_for_each_functional_class(book_db: str) -> None:
    report = _book_report(book_db)
    assert {row for row, _ in report} == {"total", "01", "06"}
    # p.185 總計 column: 01 一般公共事務 13,311,035 + 06 社會安全與福利 113,343 = 13,424,378;
    # 06 is the one work plan under 6308010000 福利服務支出 (社會行政業務 113,343).
    assert report[("01", "total")][0] == 13311035
    assert report[("06", "total")][0] == 113343
    assert report[("total", "total")][0] == 13424378
    # p.181 and p.183: the transfers of 06, from its grants and subsidies
    assert report[("06", "current.transfer.household")][0] == 32288
    assert report[("06", "current.transfer.government")][0] == 8505
    assert report[("06", "current.total")][0] == 83343
    assert report[("06", "capital.transfer.household")][0] == 30000
    assert report[("06", "capital.total")][0] == 30000


def test_book_transfers_from_grants_and_subsidies(book_db: str) -> None:
    report = _book_report(book_db)
    # p.181 經常移轉 of 01 and p.183 資本移轉 of 01, as printed
    assert report[("01", "current.transfer.enterprise")][0] == 119
    assert report[("01", "current.transfer.household")][0] == 4243635
    assert report[("01", "current.transfer.government")][0] == 1252297
    assert report[("01", "capital.transfer.household")][0] == 1000
    assert report[("01", "capital.transfer.government")][0] == 814925
    # nothing left unclassified or outside the grants and subsidies
    assert not [k for k in report if "unclassified" in k[1] or "not_in_grants" in k[1]]
    assert not [k for k in report if k[1] == "unmapped"]
    assert "對私校之獎助" in report[("01", "current.transfer.enterprise")][1]
    # p.180 土地租金支出 28 (2012 土地租金) and p.182 對非營業特種基金 35,010 (3045 投資 of
    # sub-plan 補助實施平均地權基金)
    assert report[("01", "current.land_rent")][0] == 28
    assert report[("01", "capital.investment.special_fund")][0] == 35010
    assert report[("01", "capital.investment.private")][0] == 0


def test_book_mismatches_are_the_documents_allocation(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT c.row_key, c.column_key FROM table_comparison AS c "
        "JOIN staging.stg_documents AS d ON d.document_id = c.document_id "
        f"WHERE d.parent_document_id IS NULL AND c.table_slug = '{SLUG}' "
        "AND c.status <> 'match'",
    ).rows
    columns = {
        "current.compensation",
        "current.goods_services",
        "capital.fixed.software",
        "capital.fixed.machinery",
    }
    expected = {(r, c) for r in ("total", "01") for c in columns} | {
        ("06", "current.compensation"),
        ("06", "current.goods_services"),
    }
    assert set(rows) == expected
