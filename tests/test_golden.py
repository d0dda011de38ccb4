"""Every golden table of every document against the loaded document (tests/golden_tables.py).

One parameter per golden file `tests/golden/<document>/<file>.csv`: each typed cell is the
printed cell of the load and matches its regenerated value (or is an explained mismatch).
Files the warehouse does not reproduce yet (`golden_tables.KNOWN_GAPS`, each with its reason)
are strict xfail: one that starts to pass fails until its entry goes. The files themselves are
checked without a load.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from unitbudget import api

from .golden_tables import (
    DOCUMENTS,
    GOLDEN_ROOT,
    KNOWN_GAPS,
    SKIPPED,
    golden_files,
    golden_id,
    load_once,
    parse_number,
    printed_cells,
    problems,
    read_explained,
    read_facts,
    read_golden,
)


def _param(value: object, document: str, id_: str) -> object:
    reason = KNOWN_GAPS.get(id_) or KNOWN_GAPS.get(document)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(value, id=id_, marks=marks)


FILES = golden_files()
FACT_DOCUMENTS = sorted(p.parent.name for p in GOLDEN_ROOT.glob("*/facts.csv"))


@pytest.fixture(scope="session")
def loaded(tmp_path_factory: pytest.TempPathFactory, sample_db: str, book_db: str) -> dict:
    """Sample file -> DuckDB path (or the load's exception): each document loaded once per
    session; the text sample and the PDF book are the suite's shared databases (read only)."""
    cache: dict = {DOCUMENTS["adi-112"].sample: sample_db, DOCUMENTS["moi-114"].sample: book_db}
    return {"cache": cache, "cells": {}, "tmp": tmp_path_factory.mktemp("golden")}


def _db(loaded: dict, document: str) -> str:
    return load_once(loaded["cache"], DOCUMENTS[document].sample, loaded["tmp"])


def _cells(loaded: dict, document: str, slug: str) -> dict:
    """The printed cells of `slug` in `document`, read once per document and session."""
    if document not in loaded["cells"]:
        loaded["cells"][document] = printed_cells(_db(loaded, document), document)
    return loaded["cells"][document].get(slug, {})


def test_every_golden_directory_names_its_document() -> None:
    dirs = {p.name for p in GOLDEN_ROOT.iterdir() if p.is_dir()}
    assert dirs <= set(DOCUMENTS)
    assert {gap.split("/")[0] for gap in KNOWN_GAPS} <= set(DOCUMENTS)
    # the skip list names files that exist (it must not outlive them)
    assert all((GOLDEN_ROOT / name).is_file() for name in SKIPPED)


@pytest.mark.parametrize("path", [pytest.param(p, id=golden_id(p)) for p in FILES])
def test_golden_file_is_well_formed(path: Path) -> None:
    cells = read_golden(path)
    assert cells, f"{path}: no cells"
    for c in cells:
        assert c.page is not None or c.line is not None, f"{path}:{c.source_line}: no page/line"
        assert c.text.strip() == c.text and c.text, f"{path}:{c.source_line}: {c.text!r}"
    explained = read_explained(path.parent.name)
    typed = {(c.slug, c.row_key, c.column_key) for c in cells}
    slug = cells[0].slug
    unknown = {k for k in explained if k[0] == slug} - typed
    assert not unknown, f"explained mismatches of cells nobody typed: {unknown}"


@pytest.mark.parametrize("path", [_param(p, p.parent.name, golden_id(p)) for p in FILES])
def test_golden_cells_are_loaded_and_match(path: Path, loaded: dict) -> None:
    document = path.parent.name
    cells = read_golden(path)
    found = list(problems(cells, _cells(loaded, document, cells[0].slug), read_explained(document)))
    assert not found, f"{len(found)} of {len(cells)} golden cells differ:\n" + "\n".join(found)


# Headline facts (facts.csv) that repeat a golden cell: the two typings must agree.
FACT_CELLS: dict[str, tuple[str, str, str]] = {
    "agency_total": ("expenditure_by_agency", "0008010000", "this_year"),
    "agency_total_last_year": ("expenditure_by_agency", "0008010000", "last_year"),
    "work_plan_3708010100": ("plan_overview", "3708010100", "amount"),
    "work_plan_6308013500": ("plan_overview", "6308013500", "amount"),
    "expense_summary_total": ("expense_summary", "total", "total"),
    "personnel": ("expense_summary", "1000", "total"),
    "operating": ("expense_summary", "2000", "total"),
    "equipment": ("expense_summary", "3000", "total"),
    "grants_and_subsidies": ("expense_summary", "4000", "total"),
    "reserve": ("expense_summary", "6000", "total"),
    "personnel_expense_total": ("personnel_expense", "total", "amount"),
    "headcount": ("staffing", "0008010000", "total_this"),
    "headcount_last_year": ("staffing", "0008010000", "total_last"),
    "staffing_cost": ("staffing", "0008010000", "cost_this"),
    "premises_total_area": ("premises", "total", "total_area"),
    "grants_total": ("grants", "total", "total"),
    "travel_plan_count": ("travel_summary", "total", "plans_this_year"),
    "travel_budget": ("travel_summary", "total", "budget_this_year"),
    "function_economic_current_total": ("function_economic", "total", "current.total"),
    "function_economic_capital_total": ("function_economic", "total", "capital.total"),
    "commissioned_total": ("commissioned", "total", "total"),
    "media_publicity_total": ("media_publicity", "0008010000", "amount"),
}

# Headline facts as analysts query them from the public views of the loaded document
# (a document's own facts: the consolidated book, each fact counted once).
# The book's own documents: its 附錄 units are documents of their own, summed separately.
_BOOK = "document_id IN (SELECT document_id FROM documents WHERE parent_document_id IS NULL)"
FACT_SQL: dict[str, str] = {
    "agency_total": f"SELECT SUM(amount) FROM line_items WHERE {_BOOK}",
    "work_plan_count": f"SELECT COUNT(DISTINCT work_plan_code) FROM line_items WHERE {_BOOK}",
    "headcount": "SELECT SUM(headcount) FROM staffing "
    f"WHERE account_code = agency_code AND year_kind = 'this' AND {_BOOK}",
    "headcount_last_year": "SELECT SUM(headcount) FROM staffing "
    f"WHERE account_code = agency_code AND year_kind = 'last' AND {_BOOK}",
    "vehicle_rows": f"SELECT COUNT(*) FROM vehicles WHERE {_BOOK}",
    "vehicle_count": f"SELECT SUM(vehicle_count) FROM vehicles WHERE {_BOOK}",
    "grant_count": f"SELECT COUNT(*) FROM grants WHERE {_BOOK}",
    "grants_total": f"SELECT SUM(amount) FROM grants WHERE {_BOOK}",
    "commissioned_count": f"SELECT COUNT(*) FROM commissioned_projects WHERE {_BOOK}",
    "commissioned_total": f"SELECT SUM(total) FROM commissioned_projects WHERE {_BOOK}",
}


@pytest.mark.parametrize("document", FACT_DOCUMENTS)
def test_facts_agree_with_golden_cells(document: str) -> None:
    facts = read_facts(document)
    cells = {
        (c.slug, c.row_key, c.column_key): c
        for p in FILES
        if p.parent.name == document
        for c in read_golden(p)
    }
    checked = 0
    for fact, key in FACT_CELLS.items():
        if fact in facts and key in cells:
            assert parse_number(cells[key].text) == facts[fact][0], (document, fact, key)
            checked += 1
    assert checked >= 3, f"{document}: facts.csv repeats too few golden cells to cross-check"


@pytest.mark.parametrize(
    "document", [_param(d, d, d) for d in FACT_DOCUMENTS if DOCUMENTS[d].unit is None]
)
def test_facts_hold_in_the_warehouse(document: str, loaded: dict) -> None:
    db = _db(loaded, document)
    facts = read_facts(document)
    wrong = {}
    for fact, sql in FACT_SQL.items():
        if fact in facts:
            got = api.query(db, sql).rows[0][0]
            if got is None or Decimal(got) != facts[fact][0]:
                wrong[fact] = (got, facts[fact][0])
    assert not wrong, wrong


def test_a_mistyped_golden_cell_is_reported(loaded: dict) -> None:
    path = GOLDEN_ROOT / "adi-112" / "expense_summary.csv"
    cells = read_golden(path)
    printed = _cells(loaded, "adi-112", "expense_summary")
    assert list(problems(cells, printed, {})) == []
    # 2036 5262200200 is printed 1,484 (DOMAIN.md §4); typed one off, and a key nobody printed
    wrong = [
        replace(c, text="1,485") if (c.row_key, c.column_key) == ("2036", "5262200200") else c
        for c in cells
    ] + [replace(cells[0], row_key="9999")]
    found = list(problems(wrong, printed, {}))
    assert len(found) == 2
    assert "printed value 1484" in found[0] and "not among the printed cells" in found[1]
