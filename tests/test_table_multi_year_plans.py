"""跨年期計畫概況表 (multi_year_plans) of the 內政部 114 book, printed pages 186-188, in 億元.

Golden values (tests/golden/moi-114/multi_year_plans.csv) were typed from the printed pages.
"""

from __future__ import annotations

import csv
from decimal import Decimal

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "multi_year_plans.csv"


def _golden() -> list[dict[str, str]]:
    with GOLDEN.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_seventeen_programmes_in_yi_yuan(book_doc: ParsedDocument) -> None:
    plans = book_doc.facts["multi_year_plans"]
    assert len(plans) == 17
    assert {p["unit"] for p in plans} == {"億元"}  # 單位：新臺幣億元
    first = plans[0]
    assert first["name"] == "補助連江縣政府聯合辦公大樓興建計畫"
    assert (first["period"], first["start_year"], first["end_year"]) == ("114-117", 114, 117)
    assert first["this_year"] == Decimal("0.22") and first["later_years"] == Decimal("12.50")
    assert first["prior_years"] == 0  # printed '-'
    assert "院臺綜字第1121035191號函核定" in first["note"]


def test_printed_cells_are_the_golden_values(book_doc: ParsedDocument) -> None:
    cells = {
        (c.cell.row_key, c.cell.column_key): c.cell
        for c in book_doc.cells
        if c.table_slug == "multi_year_plans"
    }
    golden = _golden()
    assert len(golden) == 85
    assert set(cells) == {(g["row_key"], g["column_key"]) for g in golden}
    for g in golden:
        assert cells[(g["row_key"], g["column_key"])].text == g["text"], g


def test_totals_recomputed_from_the_yearly_parts_match(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT status, count(*) FROM table_comparison "
        "WHERE table_slug = 'multi_year_plans' GROUP BY status",
    ).rows
    assert rows == [("match", 85)]
    total = api.query(
        book_db,
        "SELECT sum(this_year), min(unit), max(unit) FROM multi_year_plans",
    ).rows
    # Σ 114年度預算數 of the 17 programmes as printed, in 億元
    assert total == [(Decimal("26.35"), "億元", "億元")]
