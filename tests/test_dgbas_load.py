"""DGBAS workbooks in the warehouse: every account, the series across years, conflicts, changes."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from unitbudget import api

from .conftest import DATA

WORKBOOKS = [DATA / f"expenditure-by-agency-{y}" for y in ("111.xls", "112.xls", "113.xlsx")]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, float]:
    path = str(tmp_path_factory.mktemp("dgbas") / "wh.duckdb")
    start = time.perf_counter()
    batch = api.load(path, WORKBOOKS)
    elapsed = time.perf_counter() - start
    assert [o.status for o in batch.outcomes] == ["loaded"] * 3
    return path, elapsed


def _scalar(path: str, sql: str, **params: object) -> object:
    rows = api.query(path, sql, params).rows
    assert len(rows) == 1, rows
    return rows[0][0]


def test_every_account_of_each_workbook_is_loaded(warehouse: tuple[str, float]) -> None:
    path, _ = warehouse
    rows = api.query(
        path,
        "SELECT d.fiscal_year, count(*) AS accounts, "
        "count(*) FILTER (WHERE regexp_matches(a.account_code, '^[0-9]{10}$')) AS numeric_codes "
        "FROM core.accounts a JOIN documents d USING (document_id) "
        "GROUP BY d.fiscal_year ORDER BY 1",
    ).rows
    # 2,129 and 2,207 are the figures for numeric account codes; every workbook also
    # carries 4 classified (機密) work plans whose codes contain a letter (e.g. 391101A000).
    assert rows == [(111, 2133, 2129), (112, 2211, 2207), (113, 2196, 2192)]
    report = api.query(
        path, "SELECT numeric_tokens, captured_tokens FROM core.document_tables ORDER BY 1"
    ).rows
    assert all(code_rows == read for code_rows, read in report)


@pytest.mark.parametrize(
    ("code", "year", "stage", "amount"),
    [
        ("0062200000", 112, "enacted", 2_579_641),
        ("0062200000", 113, "enacted", 3_555_676),
        ("0062200000", 111, "actual", 2_338_453),
        ("5262200100", 112, "enacted", 211_016),
        ("0002000000", 111, "enacted", 14_418_154),
        ("0002000000", 110, "enacted", 14_088_127),
    ],
)
def test_account_series_values(
    warehouse: tuple[str, float], code: str, year: int, stage: str, amount: int
) -> None:
    path, _ = warehouse
    got = _scalar(
        path,
        "SELECT amount FROM account_series WHERE account_code = :c AND fiscal_year = :y "
        "AND stage = :s",
        c=code,
        y=year,
        s=stage,
    )
    assert got == amount


def test_112_enacted_is_stated_by_both_workbooks(warehouse: tuple[str, float]) -> None:
    path, _ = warehouse
    rows = api.query(
        path,
        "SELECT document_fiscal_year, source_column, amount FROM account_statements "
        "WHERE account_code = '0062200000' AND fiscal_year = 112 AND stage = 'enacted' "
        "ORDER BY 1",
    ).rows
    assert rows == [(112, "this_year", 2_579_641), (113, "last_year", 2_579_641)]
    assert (
        _scalar(
            path,
            "SELECT statements FROM account_series WHERE account_code = '0062200000' "
            "AND fiscal_year = 112 AND stage = 'enacted'",
        )
        == 2
    )


_CODE = re.compile(r"^[0-9]{4}[0-9A-Z]{6}$")


def _raw_this_and_last_year(path: Path) -> dict[str, tuple[int, int]]:
    """本年度 and 上年度預算數 of every account, read from the raw cells with calamine alone.

    111-112: `code\nname` in column 5 and float amounts on the same row; 113: the code on its
    own row, the amounts as text with commas on the next one.
    """
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

    def amount(cell: object) -> int:
        if isinstance(cell, float):
            return int(cell)
        text = str(cell).replace(",", "").replace("\u3000", "").strip()
        return 0 if text in ("", "-") else int(text)

    out = {}
    for i, r in enumerate(rows):
        cell = str(r[4]).replace("\u3000", "").strip()
        code = cell.split("\n")[0]
        if _CODE.match(code):
            values = r if "\n" in cell else rows[i + 1]
            out[code] = (amount(values[5]), amount(values[6]))
    return out


def test_restatements_are_exactly_the_conflicts(warehouse: tuple[str, float]) -> None:
    path, _ = warehouse
    raw = [_raw_this_and_last_year(p) for p in WORKBOOKS]
    expected = set()
    # year Y's own figure (chosen) against year Y+1's 上年度預算數 (the restatement)
    for year, this, following in ((111, raw[0], raw[1]), (112, raw[1], raw[2])):
        for code, (amount, _) in this.items():
            if code in following and following[code][1] != amount:
                restated = following[code][1]
                expected.add((code, year, "enacted", amount, restated, restated - amount))
    assert len(expected) == 416
    # An account renumbered between workbooks (account_moves, detected from the workbooks) is
    # restated under its new code: the raw cells of the old code's year against the new code's
    # 上年度預算數 of the following workbook.
    moves = api.query(path, "SELECT from_code, to_code, from_fiscal_year FROM account_moves").rows
    following_of = {111: raw[1], 112: raw[2]}
    for old, new, first_year in moves:
        year = first_year - 1
        this = {111: raw[0], 112: raw[1]}.get(year, {})
        following = following_of.get(year, {})
        if old in this and new in following and following[new][1] != this[old][0]:
            amount, restated = this[old][0], following[new][1]
            expected.add((old, year, "enacted", amount, restated, restated - amount))
    got = api.query(
        path,
        "SELECT account_code, fiscal_year, stage, chosen_amount, other_amount, difference "
        "FROM account_conflicts",
    ).rows
    assert set(got) == expected and len(got) == len(expected) > 416
    # 交通部 112: 41,249,104 enacted, restated by the 113 workbook as 37,476,428
    assert ("0029010000", 112, "enacted", 41_249_104, 37_476_428, -3_772_676) in expected


def test_account_changes_year_over_year(warehouse: tuple[str, float]) -> None:
    path, _ = warehouse
    row = api.query(
        path,
        "SELECT previous_amount, amount, change, change_pct FROM account_changes "
        "WHERE account_code = '0062200000' AND stage = 'enacted' AND fiscal_year = 113",
    ).rows[0]
    assert row[:3] == (2_579_641, 3_555_676, 976_035)
    assert float(row[3]) == pytest.approx(37.84, abs=0.005)


def test_reloading_is_idempotent_and_fast(warehouse: tuple[str, float]) -> None:
    path, elapsed = warehouse
    again = api.load(path, WORKBOOKS)
    assert [o.status for o in again.outcomes] == ["unchanged"] * 3
    assert _scalar(path, "SELECT count(*) FROM documents") == 3
    print(f"loading three workbooks took {elapsed:.1f} s")
    assert elapsed < 60  # seconds, not minutes (benchmark figures live in bench/)


def test_workbook_year_stage_override(tmp_path: Path) -> None:
    path = str(tmp_path / "wh.duckdb")
    api.load(path, [WORKBOOKS[0]], stage="proposed")
    assert (
        _scalar(
            path,
            "SELECT amount FROM account_series WHERE account_code = '0002000000' "
            "AND fiscal_year = 111 AND stage = 'proposed'",
        )
        == 14_418_154
    )
