"""Choosing the parsers of a region once per distinct heading (registry.recognising).

- On the sample every table its contents page (目次) lists and prints is parsed by exactly
  one parser, once; the memo answers what asking every parser answers, on every region of the
  sample and of the PDF book.
- The contract the memo rests on: a parser's `matches` reads only the region's kind, title,
  printed title and header texts. A region stripped of everything else is recognised alike.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from unitbudget.loaders import registry
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.readers.pdf import read_pdf_document
from unitbudget.loaders.readers.text import read_text_document
from unitbudget.loaders.regions import Region, SourceDocument
from unitbudget.loaders.tables.base import TableParser

from .conftest import BOOK, SAMPLE

# The sample's 目次 (lines 19-39) with the slug of each table: every one is printed once,
# except 15. 媒體政策及業務宣導費彙計表 (page 63), which the sample's text does not reach.
SAMPLE_TABLES = {
    "budget_statement": 1,  # 一、預算總說明
    "expenditure_by_agency": 1,  # 二、1. 歲出機關別預算表
    "plan_overview": 1,  # 三、1. 歲出計畫提要及分支計畫概況表
    "expense_summary": 1,  # 2. 各項費用彙計表
    "object_class_analysis": 1,  # 3. 歲出一級用途別科目分析表
    "capital_expenditure": 1,  # 4. 資本支出分析表
    "personnel_expense": 1,  # 5. 人事費彙計表
    "staffing": 1,  # 6. 預算員額明細表
    "vehicles": 1,  # 7. 公務車輛明細表
    "premises": 1,  # 8. 現有辦公房舍明細表
    "grants": 1,  # 9. 捐助經費分析表
    "travel_summary": 1,  # 10. 派員出國計畫預算總表
    "travel_meetings": 1,  # 11. 派員出國計畫預算類別表—開會、談判
    "travel_mainland": 1,  # 12. 派員赴大陸計畫預算類別表
    "function_economic": 1,  # 13. 歲出按職能及經濟性綜合分類表
    "commissioned": 1,  # 14. 委辦經費分析表
}


@pytest.fixture(scope="module")
def sample_source() -> SourceDocument:
    return read_text_document(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.fixture(scope="module")
def book_source() -> SourceDocument:
    return read_pdf_document(BOOK.read_bytes(), BOOK.name)


def _every_parser(region: Region) -> list[str]:
    return [p.slug for p in registry.parsers() if p.matches(region)]


def _stripped(region: Region) -> Region:
    """Only what `matches` may read: kind, titles, header texts (cells without positions)."""
    headers = [
        dataclasses.replace(row, cells=[dataclasses.replace(c, page=0, line=0) for c in row.cells])
        for row in region.header_rows
    ]
    return Region(
        title=region.title,
        header_rows=headers,
        rows=[],
        pages=[],
        first_line=0,
        last_line=0,
        kind=region.kind,
        printed_title=region.printed_title,
    )


def test_the_samples_tables_are_parsed_once_each_as_its_contents_list_them(
    sample_doc: ParsedDocument,
) -> None:
    assert Counter(t.slug for t in sample_doc.tables) == SAMPLE_TABLES
    [missing] = [i for i in sample_doc.issues if i.code == "table_missing"]
    assert "媒體政策及業務宣導費彙計表" in missing.message


@pytest.mark.parametrize("which", ["sample_source", "book_source"])
def test_the_memo_chooses_what_asking_every_parser_chooses(
    which: str, request: pytest.FixtureRequest
) -> None:
    source: SourceDocument = request.getfixturevalue(which)
    candidates = registry.parsers()
    for _ in range(2):  # the second pass is answered from the memo
        for region in source.regions:
            chosen = [p.slug for p in registry.recognising(region, candidates)]
            assert chosen == _every_parser(region), region.title


@pytest.mark.parametrize("which", ["sample_source", "book_source"])
def test_matches_reads_only_the_recognition_key(which: str, request: pytest.FixtureRequest) -> None:
    source: SourceDocument = request.getfixturevalue(which)
    recognised = 0
    for region in source.regions:
        slugs = _every_parser(region)
        assert _every_parser(_stripped(region)) == slugs, region.title
        recognised += bool(slugs)
    assert recognised >= len(SAMPLE_TABLES)


def test_a_repeated_heading_is_recognised_once_and_a_replaced_parse_is_kept(
    sample_source: SourceDocument,
) -> None:
    calls: list[str] = []

    def counting(p: TableParser) -> TableParser:
        def matches(region: Region) -> bool:
            calls.append(p.slug)
            return p.matches(region)

        return dataclasses.replace(p, matches=matches)

    counted = tuple(counting(p) for p in registry.parsers())
    grants = next(r for r in sample_source.regions if r.title == "捐助經費分析表")
    assert [p.slug for p in registry.recognising(grants, counted)] == ["grants"]
    assert len(calls) == len(counted)
    # the same heading over other body rows (a later document, another page): no parser asked
    again = dataclasses.replace(grants, rows=grants.rows[:1], first_line=1)
    # the same recognisers with another parse (tests swap a parser this way) keep the answer
    swapped = tuple(dataclasses.replace(p, parse=lambda r, c: None) for p in counted)
    [chosen] = registry.recognising(again, swapped)
    assert chosen is next(p for p in swapped if p.slug == "grants")
    assert len(calls) == len(counted)
