"""附屬表 7 公務車輛明細表 (vehicles) on ADI 112.

Golden values (tests/golden/adi-112/vehicles.csv) were typed from lines 587–589.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables.base import PrintedCell

from .conftest import ROOT
from .helpers import (
    assert_wide_golden,
    edit_line,
    load_text,
    not_matching,
    read_golden,
    table_cells,
)

SLUG = "vehicles"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"
COLUMNS = (
    "count", "passengers", "displacement_cc", "fuel_litres", "fuel_unit_price", "fuel_amount",
    "maintenance", "other",
)  # fmt: skip


@pytest.fixture(scope="module")
def cells(sample_doc: ParsedDocument) -> dict[tuple[str, str], PrintedCell]:
    return table_cells(sample_doc, SLUG)


def test_cells_as_typed(cells: dict, sample_doc: ParsedDocument) -> None:
    assert_wide_golden(cells, read_golden(GOLDEN), COLUMNS, skip_blank=True)
    assert next(t for t in sample_doc.tables if t.slug == SLUG).row_count == 3


def test_facts(sample_doc: ParsedDocument) -> None:
    vehicles = {f["seq"]: f for f in sample_doc.facts["vehicles"]}
    assert len(vehicles) == 2
    first = vehicles[1]
    assert first["status"] == "existing" and first["vehicle_type"] == "首長專用車"
    assert first["acquired"] == "111.08"
    assert first["fuel_litres"] == Decimal("1140")
    assert first["fuel_unit_price"] == Decimal("31.30")
    assert isinstance(first["fuel_unit_price"], Decimal)
    assert (first["fuel_amount"], first["maintenance"], first["other"]) == (36, 9, 45)
    assert vehicles[2]["status"] == "new"
    # identity: fuel amount (千元) ≈ litres x unit price (元) / 1000: 1,140 x 31.30 -> 36
    assert round(first["fuel_litres"] * first["fuel_unit_price"] / 1000) == first["fuel_amount"]


def test_report_and_comparison(sample_db: str) -> None:
    total = api.query(
        sample_db,
        "SELECT fuel_litres, fuel_amount, maintenance, other FROM report_vehicles "
        "WHERE row_key = 'total'",
    ).rows
    assert total == [(Decimal("1140.00"), 36, 17, 79)]
    check = api.query(
        sample_db,
        "SELECT fuel_amount, fuel_amount_from_price FROM report_vehicles WHERE row_key = '1'",
    ).rows[0]
    assert check[0] == check[1] == 36
    assert not_matching(sample_db, SLUG) == set()
    sql = f"SELECT COUNT(*) FROM table_comparison WHERE table_slug = '{SLUG}'"
    count = api.query(sample_db, sql).rows[0][0]
    assert count == 20


def test_changed_upkeep_is_read_and_flagged(sample_text: str, tmp_path: Path) -> None:
    # line 587: 養護費 9 -> 10; the printed 合計 17 no longer adds up
    db = load_text(tmp_path, edit_line(sample_text, 587, "\t9\t45", "\t10\t45"))
    assert api.query(db, "SELECT maintenance FROM vehicles WHERE seq = 1").rows == [(10,)]
    assert not_matching(db, SLUG) == {("total", "maintenance", "mismatch")}
