"""附錄 units are breakdowns of their book: the book's own tables already include them.

The 內政部 114 book prints 0008010000 本年度 13,424,378千元 in its 歲出機關別預算表; 附錄(一)
內政部 (same agency code) prints work plan 3708010100 一般行政 at 1,149,356 (PDF page 304), the
book at 1,771,975 (PDF page 74). 附錄(二) 內政部國土測繪中心 and 附錄(三) 內政部土地重劃工程處
are listed in the 目次 (printed pages 339, 359) but their pages are not in the file.
"""

from __future__ import annotations

from .helpers import query_rows as _rows

# Public views of facts read from one document (not the cross-document series or checks).
FACT_VIEWS = (
    "line_items",
    "capital_portions",
    "multi_year_statements",
    "commissioned_projects",
    "grants",
    "legislative_resolutions",
    "multi_year_plans",
    "premises",
    "programs",
    "revenue_notes",
    "staffing",
    "subsidies",
    "travel_plans",
    "vehicles",
)


def test_the_book_alone_is_what_it_prints(book_db: str) -> None:
    assert _rows(
        book_db,
        "SELECT SUM(amount) FROM line_items "
        "WHERE agency_code = '0008010000' AND parent_document_id IS NULL",
    ) == [(13_424_378,)]
    by_unit = dict(
        _rows(
            book_db,
            "SELECT coalesce(unit_name, 'book'), SUM(amount) FROM line_items "
            "WHERE work_plan_code = '3708010100' GROUP BY 1",
        )
    )
    assert by_unit == {"book": 1_771_975, "內政部": 1_149_356}


def test_every_fact_view_names_the_book_of_a_unit(book_db: str) -> None:
    for view in FACT_VIEWS:
        assert _rows(book_db, f"SELECT parent_document_id, unit_name FROM {view} LIMIT 0") == []
    (book,) = _rows(book_db, "SELECT document_id FROM documents WHERE parent_document_id IS NULL")[
        0
    ]
    # the 附錄 units' vehicles and premises point at the book, the book's own rows at nothing
    for view in ("vehicles", "premises", "staffing"):
        parents = {r[0] for r in _rows(book_db, f"SELECT DISTINCT parent_document_id FROM {view}")}
        assert parents == {None, book}, view


def test_units_without_pages_have_no_agency_code(book_db: str) -> None:
    assert _rows(
        book_db,
        "SELECT unit_name, agency_code FROM documents WHERE parent_document_id IS NOT NULL "
        "ORDER BY document_id",
    ) == [
        ("內政部", "0008010000"),
        ("內政部國土測繪中心", None),
        ("內政部土地重劃工程處", None),
    ]
    assert _rows(book_db, "SELECT count(*) FROM premises WHERE agency_code = ''") == [(0,)]
