"""附錄 units: a book's subordinate units are documents of their own whose parent is the book."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import duckdb
import pytest
from sqlalchemy import text

from unitbudget import db
from unitbudget.loaders.dispatch import sha256_of
from unitbudget.loaders.readers.text import read_text_document
from unitbudget.loaders.unit_budget import parse_source
from unitbudget.loaders.writer import write_document

from .conftest import SAMPLE
from .helpers import query_rows as _book_rows

# Tables a 附錄 unit repeats under its own name (DOMAIN.md §7).
UNIT_TABLES = (
    "歲出計畫提要及分支計畫概況表",
    "各項費用彙計表",
    "人事費彙計表",
    "預算員額明細表",
    "公務車輛明細表",
)


@pytest.fixture(scope="module")
def book():  # noqa: ANN201 - a ParsedDocument
    """The sample with its own unit tables printed again as 附錄 unit 「附屬單位」."""
    data = SAMPLE.read_bytes()
    source = read_text_document(data, SAMPLE.name)
    unit_regions = [
        dataclasses.replace(copy.deepcopy(r), unit_name="附屬單位")
        for r in source.regions
        if r.title in UNIT_TABLES
    ]
    assert len(unit_regions) == len(UNIT_TABLES)
    source.regions.extend(unit_regions)
    return parse_source(source, sha256_of(data))


def test_a_unit_is_parsed_into_its_own_document(book) -> None:  # noqa: ANN001
    [unit] = book.units
    assert unit.unit_name == "附屬單位"
    assert unit.agency_name == "附屬單位"
    # The unit's work plans are those its own 概況表 prints: ADI 112 一般行政 211,016 …
    plans = {r["work_plan_code"]: r["amount"] for r in unit.facts["work_plans"]}
    assert plans == {r["work_plan_code"]: r["amount"] for r in book.facts["work_plans"]}
    assert plans["5262200100"] == 211016
    # … and nothing it does not print (no grants, no commissions).
    assert "grants" not in unit.facts and "commissioned_projects" not in unit.facts
    assert sum(r["amount"] for r in unit.facts["line_items"]) == 2579641


def test_the_book_and_its_unit_are_written_together(book, tmp_path: Path) -> None:  # noqa: ANN001
    path = str(tmp_path / "wh.duckdb")
    with db.open_engine(path) as engine:
        db.ensure_schema(engine)
        with engine.begin() as conn:
            first = write_document(conn, book)
        with engine.begin() as conn:
            again = write_document(conn, book)
        with engine.begin() as conn:
            replaced = write_document(
                conn, dataclasses.replace(book, sha256="0" * 64), replace=True
            )
            left = conn.execute(text("SELECT count(*) FROM core.documents")).scalar()
    assert (first.status, again.status, replaced.status) == ("loaded", "unchanged", "replaced")
    assert left == 2  # the old book and its unit went together
    con = duckdb.connect(path, read_only=True)
    try:
        rows = con.execute(
            "SELECT document_id, parent_document_id, unit_name FROM documents ORDER BY 1"
        ).fetchall()
        summary = dict(
            con.execute(
                "SELECT d.unit_name IS NOT NULL, sum(s.matched) FROM table_comparison_summary s "
                "JOIN documents d USING (document_id) GROUP BY 1"
            ).fetchall()
        )
        unit_items = con.execute(
            "SELECT sum(amount) FROM line_items l JOIN documents d USING (document_id) "
            "WHERE d.unit_name = '附屬單位'"
        ).fetchone()
    finally:
        con.close()
    book_id = replaced.document_id
    assert rows == [(book_id, None, None), (book_id + 1, book_id, "附屬單位")]
    assert unit_items == (2579641,)
    # The unit's own tables are compared cell by cell too.
    assert summary[True] > 0 and summary[False] > summary[True]


def test_units_add_up_to_their_book(book, tmp_path: Path) -> None:  # noqa: ANN001
    """The book's units must sum to the book: with its one unit printing the book's own tables
    every tie passes; a unit line item planted 1,000 千元 higher fails exactly its ties."""
    planted = copy.deepcopy(book)
    [unit] = planted.units
    item = next(
        r
        for r in unit.facts["line_items"]
        if (r["work_plan_code"], r["sub_plan_code"], r["object_class_code"])
        == ("5262200100", "01", "1015")
    )
    item["amount"] += 1000  # 法定編制人員待遇 of 人員維持 prints 103,377
    planted.sha256 = "1" * 64
    results = {}
    for name, doc in (("whole", book), ("planted", planted)):
        path = str(tmp_path / f"{name}.duckdb")
        with db.open_engine(path) as engine:
            db.ensure_schema(engine)
            with engine.begin() as conn:
                write_document(conn, doc)
        con = duckdb.connect(path, read_only=True)
        try:
            results[name] = con.execute(
                "SELECT check_name, subject, expected, actual, difference, status "
                "FROM consistency_checks WHERE check_name LIKE 'appendix_units%' "
                "ORDER BY check_name, subject"
            ).fetchall()
        finally:
            con.close()
    whole = results["whole"]
    assert {r[0] for r in whole} == {
        "appendix_units_equal_book_work_plan",
        "appendix_units_equal_book_object_class",
        "appendix_units_equal_book_headcount",
        "appendix_units_equal_book_staff_cost",
        "appendix_units_equal_book_vehicles",
    }
    assert {r[5] for r in whole} == {"pass"}
    failed = [
        (r[0], r[1], int(r[2]), int(r[3]), int(r[4])) for r in results["planted"] if r[5] == "fail"
    ]
    # the unit's work plan still prints 211,016: only the object class column is off
    assert failed == [("appendix_units_equal_book_object_class", "1015", 103377, 104377, 1000)]


def test_a_unit_is_not_a_statement_of_its_agency(book_db: str) -> None:
    """The 內政部 book (114 預算案) and its 附錄 units: only the book's 歲出機關別預算表 is
    regenerated, against the amounts the book states (golden moi-114/expenditure_by_agency.csv:
    0008010000 本年度 13,424,378, 上年度 12,431,027; 3708010100 本年度 1,771,975)."""
    children = {
        r[0]
        for r in _book_rows(
            book_db, "SELECT document_id FROM core.documents WHERE parent_document_id IS NOT NULL"
        )
    }
    assert children  # the book's 附錄 units are loaded (one shares the book's agency code)
    (book,) = _book_rows(
        book_db, "SELECT document_id FROM core.documents WHERE parent_document_id IS NULL"
    )[0:1]
    documents = {
        r[0]
        for r in _book_rows(
            book_db, "SELECT DISTINCT document_id FROM report_expenditure_by_agency"
        )
    }
    assert documents == {book[0]}
    assert _book_rows(
        book_db,
        "SELECT this_year, last_year FROM report_expenditure_by_agency "
        "WHERE row_key = '0008010000'",
    ) == [(13_424_378, 12_431_027)]
    ids = ", ".join(map(str, sorted(children)))
    assert _book_rows(
        book_db, f"SELECT count(*) FROM account_statements WHERE document_id IN ({ids})"
    ) == [(0,)]
    # 3708010100 as the book prints it, not the 附錄 unit 內政部's share of it (1,149,356)
    assert _book_rows(
        book_db,
        "SELECT amount, statements FROM account_series WHERE account_code = '3708010100' "
        "AND fiscal_year = 114 AND stage = 'proposed'",
    ) == [(1_771_975, 1)]
    # No comparison cell of expenditure_by_agency for a unit, which does not print the table.
    assert _book_rows(
        book_db,
        "SELECT count(*) FROM table_comparison "
        f"WHERE table_slug = 'expenditure_by_agency' AND document_id IN ({ids})",
    ) == [(0,)]
