"""Accounts renumbered between workbooks: account_moves is filled from the workbooks themselves
and the series views follow it, so a sum over years counts each year once.

The 112 and 113 歲出機關別預算表 workbooks (tests/data) print 教育部主管 as 0020000000 (112) and
0021000000 (113, restating 112 under the new code), 僑務委員會主管 as 0039000000 / 0064000000 and
its agency 僑務委員會 as 0039010000 / 0064010000. Amounts below are the printed cells (千元):

| workbook (sheet row) | account        | 本年度預算數 | 上年度預算數 | 前年度決算數 |
|----------------------|----------------|-------------|-------------|-------------|
| 112 (902)            | 0020000000     | 289,782,822 | 274,745,061 | 252,973,186 |
| 113 (8993)           | 0021000000     | 334,493,951 | 289,782,822 | 269,996,772 |
| 112 (1540)           | 0039000000     |   1,695,907 |   1,369,279 |   1,224,200 |
| 113 (21259)          | 0064000000     |   1,771,468 |   1,695,907 |   1,330,232 |
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from unitbudget import api
from unitbudget.cli.main import app
from unitbudget.moves import PrintedAccount, find_moves

from .conftest import DATA

WB112 = DATA / "expenditure-by-agency-112.xls"
WB113 = DATA / "expenditure-by-agency-113.xlsx"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The 112 and 113 workbooks loaded through the CLI (which refreshes the moves)."""
    path = str(tmp_path_factory.mktemp("moves") / "wh.duckdb")
    result = runner.invoke(app, ["--db", path, "load", str(WB112), str(WB113)])
    assert result.exit_code == 0, result.output
    assert "account moves found between workbook years (account_moves)" in result.stderr
    return path


def _rows(db: str, sql: str) -> list[tuple]:
    return api.query(db, sql).rows


def test_moves_are_found_in_the_workbooks(db: str) -> None:
    assert _rows(
        db,
        "SELECT from_code, to_code, account_name, level, from_fiscal_year, share, origin "
        "FROM account_moves WHERE level IN ('ministry', 'agency') ORDER BY from_code",
    ) == [
        ("0020000000", "0021000000", "教育部主管", "ministry", 113, 1, "detected"),
        ("0039000000", "0064000000", "僑務委員會主管", "ministry", 113, 1, "detected"),
        ("0039010000", "0064010000", "僑務委員會", "agency", 113, 1, "detected"),
    ]
    # the agency's work plans moved with it (4139010100 一般行政 -> 4164010100)
    assert _rows(
        db, "SELECT to_code, account_name FROM account_moves WHERE from_code = '4139010100'"
    ) == [("4164010100", "一般行政")]


def test_a_ministry_series_counts_each_year_once(db: str) -> None:
    sql = (
        "SELECT fiscal_year, account_code, amount FROM account_series "
        "WHERE series_code = '{}' AND stage = 'enacted' ORDER BY fiscal_year, account_code"
    )
    # 112 is stated by both workbooks (under 0020000000 and 0021000000): one row, the original
    assert _rows(db, sql.format("0021000000")) == [
        (111, "0020000000", 274_745_061),
        (112, "0020000000", 289_782_822),
        (113, "0021000000", 334_493_951),
    ]
    assert _rows(db, sql.format("0064000000")) == [
        (111, "0039000000", 1_369_279),
        (112, "0039000000", 1_695_907),
        (113, "0064000000", 1_771_468),
    ]
    assert _rows(
        db,
        "SELECT SUM(amount) FROM account_series WHERE ministry_code = '0064000000' "
        "AND level = 'ministry' AND stage = 'enacted' AND fiscal_year IN (112, 113)",
    ) == [(1_695_907 + 1_771_468,)]


def _printed_ministry_total(path: Path, column: int) -> int:
    """Σ of the rows with a 款 number (主管 and the 款 such as 災害準備金) of a workbook, read from
    its cells, not through the loader."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Sheet1").to_python()
    total = 0
    for row in rows:
        kuan = str(row[0]).strip()
        if kuan.removesuffix(".0").isdigit():
            total += int(float(str(row[column]).replace(",", "")))
    return total


def test_sum_over_ministries_is_each_workbooks_total(db: str) -> None:
    by_year = dict(
        _rows(
            db,
            "SELECT fiscal_year, SUM(amount) FROM account_series WHERE level = 'ministry' "
            "AND stage = 'enacted' GROUP BY fiscal_year",
        )
    )
    assert by_year[112] == _printed_ministry_total(WB112, 5)
    # in 113 the code has a row of its own; 款 and the amounts share the name's row
    assert by_year[113] == _printed_ministry_total(WB113, 5)


def test_total_check_is_unknown_with_one_table(db: str) -> None:
    # only the 機關別 table is loaded: nothing to agree with
    assert _rows(
        db,
        "SELECT agency_total, function_total, difference, agrees FROM dgbas_total_checks "
        "WHERE fiscal_year = 112 AND stage = 'enacted'",
    ) == [(_printed_ministry_total(WB112, 5), None, None, None)]


def test_conflicts_see_a_restatement_under_the_old_code(db: str) -> None:
    # 111 教育部主管: 274,745,061 in the 112 workbook (0020000000); the 113 workbook does not
    # print 111 enacted. 110 actual is printed by 112 only. A restated work plan shows up:
    rows = _rows(
        db,
        "SELECT account_code, other_account_code, chosen_amount, other_amount "
        "FROM account_conflicts WHERE account_code = '5926011100' AND fiscal_year = 112",
    )
    # 投資審議: 7,835 in the 112 workbook, 10,815 as 5926010300 in the 113 one
    assert rows == [("5926011100", "5926010300", 7_835, 10_815)]


def test_hand_entered_moves_survive_a_refresh(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(db).read_bytes())
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "INSERT INTO core.account_moves VALUES ('0048000000', '0003710000', 113, 0.5, "
            "'原子能委員會 -> 核能安全委員會 (組織法)')"
        )
    detected = api.refresh_account_moves(str(copy))
    assert detected == len(_rows(db, "SELECT * FROM account_moves"))
    assert _rows(
        str(copy), "SELECT origin, share FROM account_moves WHERE from_code = '0048000000'"
    ) == [("entered", 0.5)]


def _acc(code: str, level: str, name: str, parent: str | None) -> PrintedAccount:
    return PrintedAccount(code, level, name, name, parent)


def test_move_rule_needs_the_same_level_name_and_parent() -> None:
    earlier = {
        a.code: a
        for a in [
            _acc("0011000000", "ministry", "甲部主管", None),
            _acc("0011010000", "agency", "甲部", "0011000000"),
            _acc("1011010100", "work_plan", "一般行政", "0011010000"),
            _acc("0012000000", "ministry", "乙部主管", None),
            _acc("0012010000", "agency", "乙部", "0012000000"),
            _acc("1012010100", "work_plan", "一般行政", "0012010000"),
        ]
    }
    later = {
        a.code: a
        for a in [
            _acc("0031000000", "ministry", "甲部主管", None),
            _acc("0031010000", "agency", "甲部", "0031000000"),
            _acc("1031010100", "work_plan", "一般行政", "0031010000"),
            # 乙部 split in two new agencies of one name each: nothing unique to follow
            _acc("0032000000", "agency", "乙部", None),
            _acc("0033000000", "agency", "乙部", None),
        ]
    }
    moves = {(m.from_code, m.to_code, m.level) for m in find_moves(earlier, later, 112, 113)}
    assert moves == {
        ("0011000000", "0031000000", "ministry"),
        ("0011010000", "0031010000", "agency"),
        ("1011010100", "1031010100", "work_plan"),
    }


def test_stages_follow_a_renumbered_account(db: str) -> None:
    # 111 教育部主管: 法定預算 274,745,061 printed by the 112 workbook under 0020000000
    # (上年度預算數), 決算 269,996,772 by the 113 workbook under 0021000000 (前年度決算數): one row.
    assert _rows(
        db,
        "SELECT account_code, series_code, enacted, actual, execution, enacted_file, actual_file "
        "FROM account_stages WHERE series_code = '0021000000' AND fiscal_year = 111",
    ) == [
        (
            "0020000000",
            "0021000000",
            274_745_061,
            269_996_772,
            269_996_772 - 274_745_061,
            WB112.name,
            WB113.name,
        )
    ]
    # one row per year, 110 (決算 only, 112 workbook) to 113
    assert _rows(
        db,
        "SELECT fiscal_year, count(*) FROM account_stages "
        "WHERE account_code IN ('0020000000', '0021000000') GROUP BY fiscal_year ORDER BY 1",
    ) == [(110, 1), (111, 1), (112, 1), (113, 1)]


def test_changes_and_conflicts_carry_the_series_code(db: str) -> None:
    # 113 教育部主管 0021000000: 334,493,951 against the 289,782,822 the 113 workbook prints as
    # 上年度 (112 printed 0020000000 in its own workbook)
    assert _rows(
        db,
        "SELECT account_code, series_code, amount, previous_amount, change FROM account_changes "
        "WHERE series_code = '0021000000' AND fiscal_year = 113 AND stage = 'enacted'",
    ) == [("0021000000", "0021000000", 334_493_951, 289_782_822, 334_493_951 - 289_782_822)]
    # 投資審議 5926011100 (112 workbook) is 5926010300 in the 113 one: one series
    assert _rows(
        db,
        "SELECT account_code, series_code, other_account_code FROM account_conflicts "
        "WHERE account_code = '5926011100' AND fiscal_year = 112",
    ) == [("5926011100", "5926010300", "5926010300")]


def test_statements_counts_every_document_stating_the_year(db: str) -> None:
    # 112 enacted is printed by the 112 workbook (本年度) and by the 113 one (上年度, same
    # amount 289,782,822); 113 only by its own workbook
    assert _rows(
        db,
        "SELECT fiscal_year, amount, statements FROM account_series "
        "WHERE series_code = '0021000000' AND stage = 'enacted' AND fiscal_year >= 112 "
        "ORDER BY fiscal_year",
    ) == [(112, 289_782_822, 2), (113, 334_493_951, 1)]
