"""附屬表 5 人事費彙計表 (personnel_expense) on ADI 112.

Golden values (tests/golden/adi-112/personnel_expense.csv) were typed from lines 539–551.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.unit_budget import parse_unit_budget

from .conftest import ROOT, SAMPLE

SLUG = "personnel_expense"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"


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


def amount_status(db: str) -> dict[str, str]:
    rows = api.query(
        db,
        "SELECT row_key, status FROM table_comparison "
        f"WHERE table_slug = '{SLUG}' AND column_key = 'amount'",
    ).rows
    return dict(rows)


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
    path = str(tmp_path_factory.mktemp("pe") / "wh.duckdb")
    api.load(path, [str(SAMPLE)])
    return path


def test_cells_as_typed(cells: dict, doc) -> None:  # noqa: ANN001
    with GOLDEN.open(encoding="utf-8") as f:
        golden = list(csv.DictReader(f))
    assert len(golden) == 13
    expected = {(g["row_key"], "amount") for g in golden}
    expected |= {(g["row_key"], "note") for g in golden if g["note"]}
    assert set(cells) == expected
    for g in golden:
        assert cells[(g["row_key"], "amount")].text == g["amount"]
        assert cells[(g["row_key"], "amount")].line == int(g["line"])
        if g["note"]:
            assert cells[(g["row_key"], "note")].text == g["note"]
            assert cells[(g["row_key"], "note")].value is None
    assert next(t for t in doc.tables if t.slug == SLUG).row_count == 13


def test_categories_are_the_1000_series_in_chart_order(cells: dict) -> None:
    rows = sorted({(c.row_order, r) for (r, _), c in cells.items()})
    assert [r for _, r in rows] == [
        "1005", "1010", "1015", "1020", "1025", "1030", "1035", "1040", "1045", "1050",
        "1055", "1060", "total",
    ]  # fmt: skip
    assert cells[("1015", "amount")].value == 103377  # line 541, 三、法定編制人員待遇
    assert cells[("total", "amount")].value == 176000


def test_report_view(db: str) -> None:
    rows = dict(api.query(db, "SELECT row_key, amount FROM report_personnel_expense").rows)
    assert len(rows) == 13
    assert rows["1015"] == 103377 and rows["1005"] == 0 and rows["total"] == 176000


def test_comparison(db: str) -> None:
    assert set(amount_status(db).values()) == {"match"}
    assert len(amount_status(db)) == 13
    # 說明 texts are kept as printed; there is no fact to regenerate them from
    notes = api.query(
        db,
        "SELECT DISTINCT status FROM table_comparison "
        f"WHERE table_slug = '{SLUG}' AND column_key = 'note'",
    ).rows
    assert notes in ([], [("missing_in_view",)])


def test_changed_amount_is_read_and_flagged(sample_text: str, tmp_path: Path) -> None:
    # line 541: 三、法定編制人員待遇 103,377 -> 103,378
    db = load_text(tmp_path, edit_line(sample_text, 541, "103,377", "103,378"))
    status = amount_status(db)
    assert {k for k, s in status.items() if s != "match"} == {"1015"}
