"""附屬表 5 人事費彙計表 (personnel_expense) on ADI 112.

Golden values (tests/golden/adi-112/personnel_expense.csv) were typed from lines 539–551.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables.base import PrintedCell

from .conftest import ROOT
from .helpers import comparison_status, edit_line, load_text, read_golden, table_cells

SLUG = "personnel_expense"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"


def amount_status(db: str) -> dict[str, str]:
    return {
        row: s for (row, column), s in comparison_status(db, SLUG).items() if column == "amount"
    }


@pytest.fixture(scope="module")
def cells(sample_doc: ParsedDocument) -> dict[tuple[str, str], PrintedCell]:
    return table_cells(sample_doc, SLUG)


def test_cells_as_typed(cells: dict, sample_doc: ParsedDocument) -> None:
    golden = read_golden(GOLDEN)
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
    assert next(t for t in sample_doc.tables if t.slug == SLUG).row_count == 13


def test_categories_are_the_1000_series_in_chart_order(cells: dict) -> None:
    rows = sorted({(c.row_order, r) for (r, _), c in cells.items()})
    assert [r for _, r in rows] == [
        "1005", "1010", "1015", "1020", "1025", "1030", "1035", "1040", "1045", "1050",
        "1055", "1060", "total",
    ]  # fmt: skip
    assert cells[("1015", "amount")].value == 103377  # line 541, 三、法定編制人員待遇
    assert cells[("total", "amount")].value == 176000


def test_report_view(sample_db: str) -> None:
    rows = dict(api.query(sample_db, "SELECT row_key, amount FROM report_personnel_expense").rows)
    assert len(rows) == 13
    assert rows["1015"] == 103377 and rows["1005"] == 0 and rows["total"] == 176000


def test_comparison(sample_db: str) -> None:
    assert set(amount_status(sample_db).values()) == {"match"}
    assert len(amount_status(sample_db)) == 13
    # 說明 texts are kept as printed (the seven of the golden file) but never compared: there is
    # no fact to regenerate them from
    with GOLDEN.open(encoding="utf-8") as f:
        golden_notes = {g["row_key"]: g["note"] for g in csv.DictReader(f) if g["note"]}
    stored = api.query(
        sample_db,
        "SELECT row_key, printed_text FROM staging.stg_printed_cells "
        f"WHERE table_slug = '{SLUG}' AND column_key = 'note'",
    ).rows
    assert dict(stored) == golden_notes and len(golden_notes) == 7
    compared = api.query(
        sample_db,
        "SELECT count(*) FROM table_comparison "
        f"WHERE table_slug = '{SLUG}' AND column_key = 'note'",
    ).rows
    assert compared == [(0,)]


def test_changed_amount_is_read_and_flagged(sample_text: str, tmp_path: Path) -> None:
    # line 541: 三、法定編制人員待遇 103,377 -> 103,378
    db = load_text(tmp_path, edit_line(sample_text, 541, "103,377", "103,378"))
    status = amount_status(db)
    assert {k for k, s in status.items() if s != "match"} == {"1015"}
