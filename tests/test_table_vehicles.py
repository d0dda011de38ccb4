"""附屬表 7 公務車輛明細表 (vehicles) on ADI 112.

Golden values (tests/golden/adi-112/vehicles.csv) were typed from lines 587–589.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.unit_budget import parse_unit_budget

from .conftest import ROOT, SAMPLE

SLUG = "vehicles"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"
COLUMNS = (
    "count", "passengers", "displacement_cc", "fuel_litres", "fuel_unit_price", "fuel_amount",
    "maintenance", "other",
)  # fmt: skip


def edit_line(text: str, line_no: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[line_no - 1].count(old) == 1, lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old, new)
    return "\n".join(lines)


def load_text(tmp: Path, text: str) -> str:
    db = str(tmp / "wh.duckdb")
    src = tmp / "adi-112-unit-budget.txt"
    src.write_text(text, encoding="utf-8")
    api.load(db, [str(src)])
    return db


def not_matching(db: str) -> set[tuple[str, str, str]]:
    rows = api.query(
        db, f"SELECT row_key, column_key, status FROM table_comparison WHERE table_slug='{SLUG}'"
    ).rows
    return {(r, c, s) for r, c, s in rows if s != "match"}


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(sample_text: str):  # noqa: ANN201 - ParsedDocument
    return parse_unit_budget(sample_text.encode("utf-8"), SAMPLE.name)


@pytest.fixture(scope="module")
def cells(doc) -> dict:  # noqa: ANN001
    return {(c.cell.row_key, c.cell.column_key): c.cell for c in doc.cells if c.table_slug == SLUG}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("veh") / "wh.duckdb")
    api.load(path, [str(SAMPLE)])
    return path


def test_cells_as_typed(cells: dict, doc) -> None:  # noqa: ANN001
    with GOLDEN.open(encoding="utf-8") as f:
        golden = list(csv.DictReader(f))
    expected = {(g["row_key"], c) for g in golden for c in COLUMNS if g[c]}
    assert set(cells) == expected
    for g in golden:
        for column in COLUMNS:
            if g[column]:
                assert cells[(g["row_key"], column)].text == g[column]
                assert cells[(g["row_key"], column)].line == int(g["line"])
    assert next(t for t in doc.tables if t.slug == SLUG).row_count == 3


def test_facts(doc) -> None:  # noqa: ANN001
    vehicles = {f["seq"]: f for f in doc.facts["vehicles"]}
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


def test_report_and_comparison(db: str) -> None:
    total = api.query(
        db,
        "SELECT fuel_litres, fuel_amount, maintenance, other FROM report_vehicles "
        "WHERE row_key = 'total'",
    ).rows
    assert total == [(Decimal("1140.00"), 36, 17, 79)]
    check = api.query(
        db, "SELECT fuel_amount, fuel_amount_from_price FROM report_vehicles WHERE row_key = '1'"
    ).rows[0]
    assert check[0] == check[1] == 36
    assert not_matching(db) == set()
    sql = f"SELECT COUNT(*) FROM table_comparison WHERE table_slug = '{SLUG}'"
    count = api.query(db, sql).rows[0][0]
    assert count == 20


def test_changed_upkeep_is_read_and_flagged(sample_text: str, tmp_path: Path) -> None:
    # line 587: 養護費 9 -> 10; the printed 合計 17 no longer adds up
    db = load_text(tmp_path, edit_line(sample_text, 587, "\t9\t45", "\t10\t45"))
    assert api.query(db, "SELECT maintenance FROM vehicles WHERE seq = 1").rows == [(10,)]
    assert not_matching(db) == {("total", "maintenance", "mismatch")}
