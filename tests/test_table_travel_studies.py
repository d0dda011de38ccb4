"""派員出國計畫預算類別表—進修、研究、實習 (travel_studies) of the 內政部 114 book, printed pages
176–177 (PDF 185–186): a category table whose cost columns are 生活費 | 機票與出國手續費 |
書籍學雜等費, not 交通費 | 生活費 | 辦公費.

Golden values (tests/golden/moi-114/travel_studies.csv) were typed from the printed pages
(pdftotext -layout). Printed: one 實習 plan, 54 days x 1 person, 180 + 55 + 19 = 254 千元 (the
總表 on p. 167 prints 實習 1 | 54 | 254).
"""

from __future__ import annotations

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument

from .conftest import ROOT
from .helpers import read_golden, table_cells

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "travel_studies.csv"
CONSOLIDATED = (
    "JOIN staging.stg_documents AS d USING (document_id) WHERE d.parent_document_id IS NULL"
)


def test_one_internship_plan_with_its_own_cost_columns(book_doc: ParsedDocument) -> None:
    plans = [f for f in book_doc.facts["travel_plans"] if f["table_slug"] == "travel_studies"]
    assert len(plans) == 1
    p = plans[0]
    assert (p["plan_no"], p["category"], p["destination_kind"]) == ("01", "實習", "overseas")
    # the 領域代碼 wraps onto the next line ("…課程-2" / "0")
    assert (p["name"], p["field_code"]) == ("國際海道測量組織(IHO) 認證海道測量培訓課程", "20")
    assert (p["days"], p["persons"]) == (54, 1)
    assert (p["living"], p["airfare"], p["study_fees"], p["total"]) == (180, 55, 19, 254)
    assert (p["transport"], p["office"]) == (None, None)  # not printed in this table
    assert p["destination"] == "加拿大（魁北克）"
    assert p["period"] == "114.07-114.08"
    assert p["account_name"] == "測量及方域"
    assert p["history"] == "0"  # 前三年度已派人員人數
    assert p["agenda"].startswith("1.赴海洋測繪跨學科發展中心研習海道測量各方理論與知識")


def test_printed_cells_are_the_golden_values(book_doc: ParsedDocument) -> None:
    golden = {(g["row_key"], g["column_key"]): g["text"] for g in read_golden(GOLDEN)}
    cells = table_cells(book_doc, "travel_studies")
    assert len(golden) == 6
    assert {k: c.text for k, c in cells.items()} == golden
    # printed order of the columns: 天數, 人數, then the costs as this table prints them
    order = sorted(cells, key=lambda k: cells[k].column_order)
    assert [k[1] for k in order] == ["days", "persons", "living", "airfare", "study_fees", "total"]
    # no issue: the 0 of 前三年度已派人員人數 is kept in history, the 0 wrapped onto the next
    # line ends the 領域代碼 20 (both count captured in the parse report)
    issues = [i for i in book_doc.issues if i.table_slug == "travel_studies"]
    assert issues == []
    report = next(t for t in book_doc.tables if t.slug == "travel_studies")
    assert report.captured_tokens == report.numeric_tokens == 8


def test_comparison_and_public_view(book_db: str) -> None:
    status = api.query(
        book_db,
        "SELECT c.status, count(*) FROM table_comparison AS c "
        f"{CONSOLIDATED} AND c.table_slug = 'travel_studies' GROUP BY c.status",
    ).rows
    assert dict(status) == {"match": 6}
    report = api.query(
        book_db,
        "SELECT r.row_key, r.category, r.living, r.airfare, r.study_fees, r.total "
        f"FROM report_travel_studies AS r {CONSOLIDATED}",
    ).rows
    assert report == [("01", "實習", 180, 55, 19, 254)]
    public = api.query(
        book_db,
        "SELECT t.table_slug, count(*), sum(t.person_days) FROM travel_plans AS t "
        f"{CONSOLIDATED} AND t.destination_kind = 'overseas' GROUP BY t.table_slug ORDER BY 1",
    ).rows
    assert public == [
        ("travel_inspections", 5, 45),
        ("travel_meetings", 5, 38),
        ("travel_studies", 1, 54),
    ]
