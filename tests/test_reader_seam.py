"""One reader seam: every file goes to the first registered reader that takes it, and the
unit-budget readers (PDF book, text rendering) feed the same table parsers and the same views."""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders import unit_budget
from unitbudget.loaders.dispatch import READERS, parse_file, reader_for

from .conftest import BOOK, DATA, SAMPLE


@pytest.mark.parametrize(
    ("path", "reader"),
    [
        (BOOK, "pdf"),
        (SAMPLE, "text"),
        (DATA / "expenditure-by-agency-112.xls", "dgbas_workbook"),
        (DATA / "expenditure-by-agency-113.xlsx", "dgbas_workbook"),
    ],
)
def test_each_file_goes_to_its_reader(path: Path, reader: str) -> None:
    data = path.read_bytes()
    assert reader_for(data, path.name).name == reader
    assert [r.name for r in READERS][-1] == "text"  # the reader that refuses what it cannot read


def test_both_unit_budget_readers_run_the_same_parsers(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, tuple[str, ...]]] = []
    original = unit_budget._parse_regions

    def spy(regions, ctx, doc):  # noqa: ANN001, ANN202 - the orchestrator's own signature
        results = original(regions, ctx, doc)
        seen.append((doc.file_name, tuple(sorted({r.slug for _, r in results}))))
        return results

    monkeypatch.setattr(unit_budget, "_parse_regions", spy)
    parse_file(SAMPLE)
    text_slugs = dict(seen)[SAMPLE.name]
    seen.clear()
    parse_file(BOOK)
    book_slugs = next(slugs for name, slugs in seen if name == BOOK.name)
    # The tables both documents print are read by the same parser modules.
    common = {"plan_overview", "personnel_expense", "vehicles", "premises", "travel_mainland"}
    assert common <= set(text_slugs) & set(book_slugs)


def test_the_same_views_regenerate_both(book_db: str, sample_db: str) -> None:
    sql = (
        "SELECT sum(l.amount) FROM line_items l JOIN documents d USING (document_id) "
        "WHERE d.parent_document_id IS NULL"
    )
    # 歲出機關別預算表 totals as printed: 內政部 114 13,424,378; 數位產業署 112 2,579,641
    assert api.query(book_db, sql).rows == [(13424378,)]
    assert api.query(sample_db, sql).rows == [(2579641,)]
    summary = (
        "SELECT compared, mismatched FROM table_comparison_summary s "
        "JOIN documents d USING (document_id) "
        "WHERE d.parent_document_id IS NULL AND s.table_slug = 'plan_overview'"
    )
    for db in (book_db, sample_db):
        [(compared, mismatched)] = api.query(db, summary).rows
        assert compared > 0 and mismatched == 0
