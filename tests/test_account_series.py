"""account_series and account_conflicts: the choice between documents, with values.

The rule (views/public/account_statements.sql): for an account, fiscal year and stage,
1. the document of the amount's own fiscal year first;
2. then a DGBAS workbook before a unit budget;
3. then the most recent document.
Amounts below were read by hand from the workbook cells (tests/data, 千元) and the sample; the
relabelled unit budgets are described in tests/warehouse.py.
"""

from __future__ import annotations

import pytest

from unitbudget import api

from .warehouse import build_warehouse, documents_by_file

WB111, WB112, WB113 = (
    "expenditure-by-agency-111.xls",
    "expenditure-by-agency-112.xls",
    "expenditure-by-agency-113.xlsx",
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_warehouse(tmp_path_factory)


def series_row(db: str, code: str, year: int, stage: str) -> tuple[int, str, str, int]:
    """(amount, chosen file, its source column, statements) of one account-year-stage."""
    rows = api.query(
        db,
        "SELECT s.amount, d.file_name, s.source_column, s.statements FROM account_series s "
        "JOIN documents d USING (document_id) "
        "WHERE s.account_code = :c AND s.fiscal_year = :y AND s.stage = :s",
        {"c": code, "y": year, "s": stage},
    ).rows
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(
    ("code", "year", "expected", "others"),
    [
        # 交通部 112: 41,249,104 in the 112 workbook; the 113 workbook restates it as 37,476,428
        ("0029010000", 112, (41_249_104, WB112, "this_year", 2), "113 says 37,476,428"),
        # 交通部 111: 26,431,879 in the 111 workbook; the 112 workbook says 26,422,147
        ("0029010000", 111, (26_431_879, WB111, "this_year", 2), "112 says 26,422,147"),
        # 行政院主管 112: 29,767,032 in the 112 workbook; the 113 workbook says 32,560,304
        ("0003000000", 112, (29_767_032, WB112, "this_year", 2), "113 says 32,560,304"),
        # 行政院主管 111: 25,165,683 in the 111 workbook; the 112 workbook says 24,337,517
        ("0003000000", 111, (25_165_683, WB111, "this_year", 2), "112 says 24,337,517"),
        # step 1 before step 2: the 110 unit budget's own 一般行政 211,016 beats the DGBAS 111
        # workbook's 上年度預算數 944,233 for the same code (3203010100)
        ("3203010100", 110, (211_016, "ey-110-unit-budget.txt", "this_year", 2), "944,233"),
        ("3203019800", 110, (3_000, "ey-110-unit-budget.txt", "this_year", 2), "3,800"),
    ],
)
def test_the_document_of_the_amounts_own_year_comes_first(
    db: str, code: str, year: int, expected: tuple, others: str
) -> None:
    assert series_row(db, code, year, "enacted") == expected, others


@pytest.mark.parametrize(
    ("code", "year", "stage", "expected"),
    [
        # both of 113: the 113 workbook's 一般行政 256,896 before the 113 unit budget's 211,016
        ("5262200100", 113, "enacted", (256_896, WB113, "this_year", 2)),
        # none of 111: the 112 workbook's 上年度 (0) before the enacted and proposed 112 books'
        ("5262209800", 111, "enacted", (0, WB112, "last_year", 3)),
        # none of 110: the 112 workbook's 前年度決算數 before the two 112 books'
        ("5262209800", 110, "actual", (0, WB112, "year_before_actual", 3)),
        # the 112 workbook before the 112 unit budget; the 113 workbook and book also state it
        ("5262209800", 112, "enacted", (3_000, WB112, "this_year", 4)),
    ],
)
def test_a_dgbas_workbook_comes_before_a_unit_budget(
    db: str, code: str, year: int, stage: str, expected: tuple
) -> None:
    assert series_row(db, code, year, stage) == expected


@pytest.mark.parametrize(
    ("code", "year", "stage", "expected"),
    [
        # no 110 workbook is loaded: 交通部 110 comes from the 111 (enacted) and 112 (actual)
        # workbooks, the only documents stating it
        ("0029010000", 110, "enacted", (24_008_867, WB111, "last_year", 1)),
        ("0029010000", 110, "actual", (23_232_253, WB112, "year_before_actual", 1)),
        ("0029010000", 111, "actual", (23_156_845, WB113, "year_before_actual", 1)),
    ],
)
def test_without_the_own_years_document_a_later_one_states_it(
    db: str, code: str, year: int, stage: str, expected: tuple
) -> None:
    assert series_row(db, code, year, stage) == expected


def test_the_most_recent_document_breaks_a_tie(db: str) -> None:
    # 5262209800 110 actual: the enacted and the proposed 112 books state it (0), neither is of
    # 110 nor DGBAS; the rule ranks them by fiscal year, then by the later document.
    rows = api.query(
        db,
        "SELECT d.file_name, s.preference FROM account_statements s JOIN documents d "
        "USING (document_id) WHERE s.account_code = '5262209800' AND s.fiscal_year = 110 "
        "AND s.stage = 'actual' ORDER BY s.preference",
    ).rows
    assert rows == [(WB112, 1), ("adi-112-proposed.txt", 2), ("adi-112-unit-budget.txt", 3)]


def test_conflicts_have_their_amounts_and_sign(db: str) -> None:
    ids = {i: f for f, i in documents_by_file(db).items()}
    rows = api.query(
        db,
        "SELECT account_code, fiscal_year, stage, chosen_amount, chosen_document_id, "
        "other_amount, other_document_id, difference FROM account_conflicts "
        "WHERE account_code IN ('0029010000', '0003000000', '3203010100', '3203019800', "
        "'5262200100') ORDER BY 1, 2, 3",
    ).rows
    got = [(c, y, s, ca, ids[cd], oa, ids[od], d) for c, y, s, ca, cd, oa, od, d in rows]
    # difference = other - chosen (千元)
    assert got == [
        ("0003000000", 111, "enacted", 25_165_683, WB111, 24_337_517, WB112, -828_166),
        ("0003000000", 112, "enacted", 29_767_032, WB112, 32_560_304, WB113, 2_793_272),
        ("0029010000", 111, "enacted", 26_431_879, WB111, 26_422_147, WB112, -9_732),
        ("0029010000", 112, "enacted", 41_249_104, WB112, 37_476_428, WB113, -3_772_676),
        ("3203010100", 110, "enacted", 211_016, "ey-110-unit-budget.txt", 944_233, WB111, 733_217),
        ("3203010100", 111, "enacted", 956_586, WB111, 932_713, WB112, -23_873),
        ("3203019800", 110, "enacted", 3_000, "ey-110-unit-budget.txt", 3_800, WB111, 800),
        ("5262200100", 113, "enacted", 256_896, WB113, 211_016, "adi-113-unit-budget.txt", -45_880),
    ]


def test_agreeing_statements_are_no_conflict(db: str) -> None:
    # 數位產業署 112 = 2,579,641 in the 112 workbook and as 上年度 in the 113 workbook
    rows = api.query(
        db,
        "SELECT count(*) FROM account_conflicts WHERE account_code = '0062200000' "
        "AND fiscal_year = 112",
    ).rows
    assert rows == [(0,)]
    assert series_row(db, "0062200000", 112, "enacted") == (2_579_641, WB112, "this_year", 2)
