"""主要表 1 歲出機關別預算表 (expenditure_by_agency) on ADI 112: parser, facts, report view and
comparison. The extraction kept only the 第一預備金 row (line 198; DOMAIN.md §5): the damage is
asserted as the exact expected warnings.

Golden values (tests/golden/adi-112/expenditure_by_agency.csv) were typed from line 198.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.tables import expenditure_by_agency
from unitbudget.loaders.tables.base import ParseContext, TableResult

from .conftest import ROOT
from .helpers import edit_line, load_text, parse_region, read_golden

GOLDEN = ROOT / "tests" / "golden" / "adi-112" / "expenditure_by_agency.csv"


def parse_text(text: str, ctx: ParseContext | None = None) -> TableResult:
    return parse_region(expenditure_by_agency.PARSER, text, ctx or ParseContext(fiscal_year=112))


@pytest.fixture(scope="module")
def result(sample_text: str) -> TableResult:
    return parse_text(sample_text)


def rows(db: str, sql: str) -> list[tuple]:
    return list(api.query(db, sql).rows)


def test_printed_cells_golden(result: TableResult) -> None:
    expected = read_golden(GOLDEN)
    assert result.row_count == 1
    got = {(c.row_key, c.column_key): c for c in result.cells}
    assert len(got) == len(expected) == 5
    for g in expected:
        c = got[(g["row_key"], g["column_key"])]
        assert (c.text, c.line) == (g["text"], int(g["line"]))
    assert got[("5262209800", "last_year")].value == 0  # '-' is zero


def test_facts(result: TableResult) -> None:
    (account,) = result.facts["accounts"]
    assert (
        account["account_code"],
        account["name"],
        account["level"],
        account["mu"],
        account["parent_code"],
    ) == ("5262209800", "第一預備金", "work_plan", 3, "5262200000")
    assert sorted(
        (a["fiscal_year"], a["stage"], a["amount"], a["source_column"])
        for a in result.facts["account_amounts"]
    ) == [
        (110, "actual", 0, "year_before_actual"),
        (111, "enacted", 0, "last_year"),
        (112, "enacted", 3000, "this_year"),
    ]


def test_damage_is_reported(result: TableResult) -> None:
    assert [(i.code, i.line) for i in result.issues] == [
        ("table_damaged", 198),
        ("text_lost", 198),
    ]
    assert "目 1–2" in result.issues[0].message


def test_context_shared_with_plan_overview(sample_text: str) -> None:
    ctx = ParseContext(fiscal_year=112)
    parse_text(sample_text, ctx)
    assert ctx.accounts == {"5262209800": "第一預備金"}
    assert expenditure_by_agency.PARSER.order < 10


def test_accounts_once_after_load(sample_db: str) -> None:
    got = rows(sample_db, "SELECT account_code, level, mu FROM core.accounts ORDER BY account_code")
    assert got == [
        ("0062200000", "agency", None),
        ("5262200000", "function", None),
        ("5262200100", "work_plan", 1),
        ("5262200200", "work_plan", 2),
        ("5262209800", "work_plan", 3),
    ]
    got = rows(
        sample_db,
        "SELECT account_code, fiscal_year, stage, amount FROM core.account_amounts "
        "ORDER BY account_code, fiscal_year",
    )
    assert got == [
        ("5262200100", 112, "enacted", 211016),
        ("5262200200", 112, "enacted", 2365625),
        ("5262209800", 110, "actual", 0),
        ("5262209800", 111, "enacted", 0),
        ("5262209800", 112, "enacted", 3000),
    ]


def test_report_view(sample_db: str) -> None:
    got = rows(
        sample_db,
        "SELECT sort_key, row_key, level, mu, this_year, last_year, "
        "year_before_actual, change FROM report_expenditure_by_agency ORDER BY sort_key",
    )
    assert got == [
        (1, "0062200000", "agency", None, 2579641, None, None, None),
        (2, "5262200000", "function", None, 2579641, None, None, None),
        (3, "5262200100", "work_plan", 1, 211016, None, None, None),
        (4, "5262200200", "work_plan", 2, 2365625, None, None, None),
        (5, "5262209800", "work_plan", 3, 3000, 0, 0, 3000),
    ]


def test_comparison(sample_db: str) -> None:
    got = rows(
        sample_db,
        "SELECT status, COUNT(*) FROM table_comparison "
        "WHERE table_slug = 'expenditure_by_agency' AND source = 'printed' "
        "GROUP BY status ORDER BY status",
    )
    # every printed cell matches; the rows the extraction lost are regenerated but not printed
    assert got == [("match", 5), ("missing_in_print", 6)]
    lost = rows(
        sample_db,
        "SELECT row_key, column_key FROM table_comparison "
        "WHERE table_slug = 'expenditure_by_agency' AND status = 'missing_in_print' "
        "ORDER BY row_key, column_key",
    )
    assert lost == [
        ("0062200000", "this_year"),
        ("5262200000", "this_year"),
        ("5262200100", "mu"),
        ("5262200100", "this_year"),
        ("5262200200", "mu"),
        ("5262200200", "this_year"),
    ]


def test_changed_amount_is_flagged(sample_text: str, tmp_path: Path) -> None:
    """本年度預算數 printed 3,001: read as printed, flagged against the line items (3,000)."""
    text = edit_line(sample_text, 198, "\t3,000\t-", "\t3,001\t-")
    result = parse_text(text)
    assert [
        a["amount"] for a in result.facts["account_amounts"] if a["source_column"] == "this_year"
    ] == [3001]
    db = load_text(tmp_path, text)
    got = rows(
        db,
        "SELECT row_key, column_key, printed_value, regenerated_value "
        "FROM table_comparison WHERE table_slug = 'expenditure_by_agency' "
        "AND status = 'mismatch'",
    )
    assert [(k, c, int(p), int(r)) for k, c, p, r in got] == [
        ("5262209800", "this_year", 3001, 3000)
    ]
