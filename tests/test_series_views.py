"""revenue_series and function_series: one shape (staging.stg_series_statements) serves both,
the public names and columns unchanged.

Values are the cells typed into the small 101 workbooks of tests/test_dgbas_kinds.py and
test_dgbas_budgets.py (the real 101 layouts): 0100000000 稅課收入 101 本年度 1,250,000 千元 and
100 上年度 1,170,000, 99 前年度決算 1,082,000; 5020010000 教育部 under 教育科學文化支出
101 本年度 152,689,908.
"""

from __future__ import annotations

import pytest

from unitbudget import api
from unitbudget.viewsync import view_files

from .test_dgbas_budgets import FUNCTION_OF_AGENCY_OLD
from .test_dgbas_kinds import REVENUE_OLD
from .test_dgbas_reader import write_xlsx

COLUMNS = [
    "account_code",
    "account_name",
    "account_name_folded",
    "level",
    "parent_code",
    "fiscal_year",
    "stage",
    "budget_name",
    "amount",
    "document_id",
    "source_column",
    "statements",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("series")
    path = str(folder / "wh.duckdb")
    files = [
        write_xlsx(folder / "101c歲入來源別預算表.xlsx", REVENUE_OLD),
        write_xlsx(folder / "101c歲出政事別預算表.xlsx", FUNCTION_OF_AGENCY_OLD),
    ]
    assert [o.status for o in api.load(path, files).outcomes] == ["loaded", "loaded"]
    return path


def test_one_shape_serves_both_views() -> None:
    sql = {v.name: v.code() for v in view_files()}
    for name in ("revenue_series", "function_series"):
        assert "stg_series_statements" in sql[name]
        assert "ROW_NUMBER" not in sql[name]  # the choice between documents is made once


@pytest.mark.parametrize("view", ["revenue_series", "function_series"])
def test_public_columns_are_kept(db: str, view: str) -> None:
    assert [r[0] for r in api.describe(db, view).rows] == COLUMNS


def test_each_view_holds_its_own_subject_only(db: str) -> None:
    rows = api.query(
        db,
        "SELECT 'revenue', account_code, fiscal_year, stage, amount FROM revenue_series "
        "WHERE account_code IN ('0100000000', '5020010000') "
        "UNION ALL SELECT 'function', account_code, fiscal_year, stage, amount "
        "FROM function_series WHERE account_code IN ('0100000000', '5020010000') "
        "AND fiscal_year = 101 ORDER BY 1, 2, 3, 4",
    ).rows
    assert rows == [
        ("function", "5020010000", 101, "enacted", 152_689_908),
        ("revenue", "0100000000", 99, "actual", 1_082_000),
        ("revenue", "0100000000", 100, "enacted", 1_170_000),
        ("revenue", "0100000000", 101, "enacted", 1_250_000),
    ]
