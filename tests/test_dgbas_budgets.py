"""DGBAS documents in the warehouse: budgets kept apart (and --replace within one budget only),
revenue and functional facts with their series, the cross-table total check, year-over-year
changes against the restated 上年度, and the stage lineage. Small workbooks built from the real
layouts; every expected value is the one typed into those workbooks."""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api

from .test_dgbas_kinds import AGENCY_OLD, FUNCTION_OLD, LAYOUT_111, REVENUE_OLD, SPECIAL_TITLE
from .test_dgbas_reader import write_xlsx

B = "  "
# The 101 歲出政事別 table matching AGENCY_OLD (教育部 under 教育科學文化支出).
FUNCTION_OF_AGENCY_OLD = [
    FUNCTION_OLD[0],
    [B, B, B, B, B, "合          計", 152689908.0, 150000000.0, 0.0, 2689908.0],
    [1.0, B, B, B, 5000000000.0, "教育科學文化支出", 152689908.0, 150000000.0, 0.0, 2689908.0],
    [1.0, 1.0, B, B, 5020010000.0, "教育部", 152689908.0, 150000000.0, 0.0, 2689908.0],
    [1.0, 1.0, 1.0, B, 5020010100.0, "一般行政", 689908.0, 500000.0, 0.0, 189908.0],
    [1.0, 1.0, 2.0, B, 5020010200.0, "高等教育", 152000000.0, 149500000.0, 0.0, 2500000.0],
]


def _restated(year: int, this_year: float, last_year: float, title: str) -> list:
    """A 行政院 branch with 3203421000 (the 114 book restates its 113 amount)."""
    change = this_year - last_year
    return [
        [title],
        ["歲出機關別預算表"],
        [f"中華民國{year}年度"],
        *LAYOUT_111[:2],
        [1.0, "", "", "", "0003000000\n行政院主管", this_year, last_year, change, ""],
        ["", 1.0, "", "", "0003420000\n行政院所屬", this_year, last_year, change, ""],
        ["", "", "", "", "3203420000\n一般政務支出", this_year, last_year, change, ""],
        ["", "", 1.0, "", "3203421000\n計畫", this_year, last_year, change, ""],
    ]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("budgets")
    path = str(folder / "wh.duckdb")
    general = [["中央政府總預算"], *SPECIAL_TITLE[1:], *LAYOUT_111]
    files = [
        write_xlsx(folder / "general-110.xlsx", general),
        write_xlsx(folder / "special-110.xlsx", [*SPECIAL_TITLE, *LAYOUT_111]),
        write_xlsx(folder / "101c歲入來源別預算表.xlsx", REVENUE_OLD),
        write_xlsx(folder / "101c歲出政事別預算表.xlsx", FUNCTION_OF_AGENCY_OLD),
        write_xlsx(folder / "101c歲出機關別預算表.xlsx", AGENCY_OLD),
        write_xlsx(folder / "113.xlsx", _restated(113, 3678.0, 3000.0, "中央政府總預算")),
        write_xlsx(folder / "114.xlsx", _restated(114, 106232.0, 101042.0, "中央政府總預算")),
        write_xlsx(folder / "114p.xlsx", _restated(114, 110000.0, 101042.0, "中央政府總預算案")),
    ]
    batch = api.load(path, files)
    assert [o.status for o in batch.outcomes] == ["loaded"] * len(files), [
        o.message for o in batch.outcomes
    ]
    return path, folder


def _rows(path: str, sql: str) -> list[tuple]:
    return api.query(path, sql).rows


def test_3_special_budget_is_its_own_budget(warehouse: tuple[str, Path]) -> None:
    path, folder = warehouse
    assert _rows(
        path,
        "SELECT budget_name, kind FROM documents WHERE fiscal_year = 110 ORDER BY budget_name",
    ) == [
        ("中央政府嚴重特殊傳染性肺炎防治及紓困振興特別預算", "dgbas_expenditure"),
        ("中央政府總預算", "dgbas_expenditure"),
    ]
    assert _rows(path, "SELECT budget_kind FROM core.budgets ORDER BY 1") == [
        ("general",),
        ("special",),
    ]
    series = _rows(
        path,
        "SELECT budget_name, amount FROM account_series WHERE account_code = '5717010100' "
        "AND fiscal_year = 110 ORDER BY budget_name",
    )
    assert series == [
        ("中央政府嚴重特殊傳染性肺炎防治及紓困振興特別預算", 6000),
        ("中央政府總預算", 6000),
    ]


def test_3_replace_swaps_only_the_same_budget(warehouse: tuple[str, Path], tmp_path: Path) -> None:
    path, _ = warehouse
    copy = str(tmp_path / "copy.duckdb")
    Path(copy).write_bytes(Path(path).read_bytes())
    other = [list(r) for r in LAYOUT_111]
    other[-1][-1] = "紓困(修正)"  # another file of the same special budget
    revised = write_xlsx(tmp_path / "special-110-revised.xlsx", [*SPECIAL_TITLE, *other])
    outcome = api.load(copy, [revised], replace=True).outcomes[0]
    assert outcome.status == "replaced"
    rows = _rows(
        copy,
        "SELECT d.budget_name, count(*) FROM core.accounts a JOIN documents d USING (document_id) "
        "WHERE d.fiscal_year = 110 GROUP BY 1 ORDER BY 1",
    )
    # the general budget keeps its 4 accounts; the special one was swapped, not added
    assert rows == [
        ("中央政府嚴重特殊傳染性肺炎防治及紓困振興特別預算", 4),
        ("中央政府總預算", 4),
    ]


def test_1_2_revenue_and_function_series(warehouse: tuple[str, Path]) -> None:
    path, _ = warehouse
    assert _rows(
        path,
        "SELECT account_name, level, amount FROM revenue_series "
        "WHERE account_code = '0100000000' AND fiscal_year = 101 AND stage = 'enacted'",
    ) == [("稅課收入", "source", 1_250_000)]
    assert _rows(
        path,
        "SELECT amount FROM revenue_series "
        "WHERE account_code = '0100000000' AND fiscal_year = 99 AND stage = 'actual'",
    ) == [(1_082_000,)]
    assert _rows(
        path,
        "SELECT account_name, level, amount FROM function_series "
        "WHERE account_code = '5020010000' AND fiscal_year = 101 AND stage = 'enacted'",
    ) == [("教育部", "agency", 152_689_908)]
    # no revenue code leaked into the expenditure accounts
    assert _rows(path, "SELECT count(*) FROM core.accounts WHERE account_code LIKE '01%'") == [(0,)]


def test_cross_table_total_check(warehouse: tuple[str, Path]) -> None:
    path, _ = warehouse
    assert _rows(
        path,
        "SELECT fiscal_year, agency_total, function_total, agrees FROM dgbas_total_checks "
        "WHERE fiscal_year IN (100, 101) AND stage = 'enacted' ORDER BY 1",
    ) == [(100, 150_000_000, 150_000_000, True), (101, 152_689_908, 152_689_908, True)]


def test_8_changes_against_the_restated_previous_year(warehouse: tuple[str, Path]) -> None:
    path, _ = warehouse
    row = _rows(
        path,
        "SELECT amount, previous_amount, previous_amount_original, change, restated, "
        "previous_source FROM account_changes WHERE account_code = '3203421000' "
        "AND fiscal_year = 114 AND stage = 'enacted' AND budget_name = '中央政府總預算'",
    )
    # DGBAS prints +5,190 against the restated 101,042; the 113 book itself said 3,678
    assert row == [(106_232, 101_042, 3_678, 5_190, True, "printed")]


def test_stage_lineage(warehouse: tuple[str, Path]) -> None:
    path, _ = warehouse
    row = _rows(
        path,
        "SELECT proposed, enacted, actual, legislative_change, execution, proposed_file, "
        "enacted_file FROM account_stages WHERE account_code = '3203421000' "
        "AND fiscal_year = 114",
    )
    assert row == [(110_000, 106_232, None, -3_768, None, "114p.xlsx", "114.xlsx")]
