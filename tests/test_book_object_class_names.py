"""Object classes the national chart lacks get the name the PDF book (內政部 114) prints.

The 歲出計畫提要及分支計畫概況表 prints each class as code and name: PDF page 74 (printed 65)
prints 「2018 資訊服務費」 and 「2030 兼職費」; the book also prints 2012 土地租金,
2033 約用人員酬金 and 2045 國內組織會費, none of them in schema/charts.py.
"""

from __future__ import annotations

from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.schema.charts import OBJECT_CLASSES

from .helpers import query_rows as _rows

PRINTED = {
    "2012": "土地租金",
    "2018": "資訊服務費",
    "2030": "兼職費",
    "2033": "約用人員酬金",
    "2045": "國內組織會費",
}


def test_the_chart_lacks_the_printed_classes() -> None:
    assert not PRINTED.keys() & {row[0] for row in OBJECT_CLASSES}


def test_the_book_names_the_classes_the_chart_lacks(book_doc: ParsedDocument) -> None:
    rows = {r["code"]: r for r in book_doc.reference_rows["object_classes"]}
    assert {code: r["name"] for code, r in rows.items()} == PRINTED
    assert rows["2018"]["parent_code"] == "2000"
    assert rows["2018"]["level"] == 2


def test_line_items_carry_the_printed_names(book_db: str) -> None:
    names = dict(
        _rows(
            book_db,
            "SELECT DISTINCT object_class_code, object_class_name FROM line_items "
            "WHERE object_class_code IN ('2012', '2018', '2030', '2033', '2045')",
        )
    )
    assert names == PRINTED
    assert _rows(book_db, "SELECT count(*) FROM line_items WHERE object_class_name IS NULL") == [
        (0,)
    ]
    # they roll up to 2000 業務費 as before
    assert _rows(
        book_db,
        "SELECT DISTINCT level1_object_class_code FROM line_items WHERE object_class_code = '2018'",
    ) == [("2000",)]
