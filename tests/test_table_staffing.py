"""附屬表 6 預算員額明細表 (staffing) on ADI 112, and the vehicles-page headcount footer.

Golden values (tests/golden/adi-112/staffing.csv) were typed from lines 561–562 (left half)
and 573–574 (right half).
"""

from __future__ import annotations

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

SLUG = "staffing"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"
CATEGORIES = {
    "officials": "職員", "police": "警察", "judicial_police": "法警", "guards": "駐警",
    "workers": "工友", "technicians": "技工", "drivers": "駕駛", "contract": "聘用",
    "temporary": "約僱", "overseas_local": "駐外雇員",
}  # fmt: skip
COLUMNS = [f"{c}_{y}" for c in [*CATEGORIES, "total"] for y in ("this", "last")]
COLUMNS += ["cost_this", "cost_last", "cost_change"]


@pytest.fixture(scope="module")
def cells(sample_doc: ParsedDocument) -> dict[tuple[str, str], PrintedCell]:
    return table_cells(sample_doc, SLUG)


def test_cells_as_typed(cells: dict, sample_doc: ParsedDocument) -> None:
    golden = read_golden(GOLDEN)
    assert len(golden) == 2
    assert_wide_golden(cells, golden, COLUMNS, right_from=14)
    assert next(t for t in sample_doc.tables if t.slug == SLUG).row_count == 3  # with the 主管 row


def test_facts(sample_doc: ParsedDocument) -> None:
    heads = {
        (f["account_code"], f["category"], f["year"]): f["headcount"]
        for f in sample_doc.facts["staffing"]
    }
    assert len(heads) == 2 * 10 * 2
    # DOMAIN.md §4: 職員 133 + 聘用 17 = 150; last year 8 + 3 + 約僱 3 = 14
    assert heads[("5262200100", "職員", "this")] == 133
    assert heads[("5262200100", "聘用", "this")] == 17
    assert heads[("5262200100", "約僱", "last")] == 3
    assert heads[("5262200100", "警察", "this")] == 0  # '-'
    costs = {f["account_code"]: f for f in sample_doc.facts["staffing_costs"]}
    assert costs["0062200000"]["this_year"] == 163852
    assert costs["0062200000"]["last_year"] == 4439
    assert costs["0062200000"]["note"].startswith("1. 本年度150人較上年度14人")
    assert costs["5262200100"]["note"] is None


def test_report_and_comparison(sample_db: str) -> None:
    rows = api.query(
        sample_db,
        "SELECT row_key, officials_this, contract_this, total_this, total_last, cost_change "
        "FROM report_staffing ORDER BY sort_key",
    ).rows
    assert rows == [
        ("0062200000", 133, 17, 150, 14, 159413),
        ("5262200100", 133, 17, 150, 14, 159413),
    ]
    assert not_matching(sample_db, SLUG) == set()
    sql = f"SELECT COUNT(*) FROM table_comparison WHERE table_slug = '{SLUG}'"
    count = api.query(sample_db, sql).rows[0][0]
    assert count == 50


def test_vehicles_footer_headcounts(sample_db: str) -> None:
    rows = dict(
        api.query(
            sample_db,
            "SELECT category, headcount FROM core.headcount_statements "
            "WHERE source = 'vehicles_footer'",
        ).rows
    )
    assert rows == {
        "職員": 133, "技工": 0, "警察": 0, "駕駛": 0, "法警": 0, "聘用": 17, "駐警": 0,
        "約僱": 0, "工友": 0, "駐外雇員": 0, "合計": 150,
    }  # fmt: skip


def test_changed_agency_headcount_is_flagged(sample_text: str, tmp_path: Path) -> None:
    # line 573 (agency row, right half): 聘用 本年度 17 -> 18; its work plan still says 17
    text = edit_line(sample_text, 573, "17\t3\t-\t3", "18\t3\t-\t3")
    db = load_text(tmp_path, text)
    fact = api.query(
        db,
        "SELECT headcount FROM staffing WHERE account_code = '0062200000' "
        "AND category = '聘用' AND year_kind = 'this'",
    ).rows
    assert fact == [(18,)]
    # the agency row is recomputed from its work plan: only the changed cell disagrees
    assert not_matching(db, SLUG) == {("0062200000", "contract_this", "mismatch")}
