"""A DGBAS workbook is what its bytes say: parsed from the bytes the dispatcher read (the file
is not opened again), and of the year it prints, whatever its file name says.

Values are the printed cells of tests/data (千元): the 112 workbook prints 中華民國112年度 in its
title rows and 教育部主管 0020000000 本年度預算數 289,782,822 (sheet row 902); the 113 workbook
prints its year only in the page header and 教育部主管 0021000000 334,493,951 (sheet row 8993).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.dispatch import ParseRequest, parse_file, reader_for, sha256_of

from .conftest import DATA

WB112 = DATA / "expenditure-by-agency-112.xls"
WB113 = DATA / "expenditure-by-agency-113.xlsx"


def _this_year(doc: object, code: str) -> int:
    amounts = doc.facts["account_amounts"]  # type: ignore[attr-defined]
    year = doc.fiscal_year  # type: ignore[attr-defined]
    (row,) = [a for a in amounts if a["account_code"] == code and a["fiscal_year"] == year]
    return row["amount"]


def test_the_dispatchers_bytes_are_parsed_not_the_file(tmp_path: Path) -> None:
    data = WB112.read_bytes()
    gone = tmp_path / "expenditure-by-agency-112.xls"  # never written: only the bytes exist
    req = ParseRequest(gone, data, sha256_of(data))
    reader = reader_for(data, gone.name)
    assert reader.name == "dgbas_workbook"
    doc = reader.parse(req)
    assert (doc.fiscal_year, doc.file_name, doc.sha256) == (112, gone.name, sha256_of(data))
    assert _this_year(doc, "0020000000") == 289_782_822


@pytest.mark.parametrize(
    ("source", "renamed", "printed", "code", "amount"),
    [
        (WB112, "expenditure-by-agency-114.xls", 112, "0020000000", 289_782_822),
        (WB113, "歲出機關別預算表-110.xlsx", 113, "0021000000", 334_493_951),
    ],
)
def test_a_renamed_copy_keeps_its_printed_year(
    tmp_path: Path, source: Path, renamed: str, printed: int, code: str, amount: int
) -> None:
    copy = tmp_path / renamed
    shutil.copyfile(source, copy)
    doc = parse_file(copy)
    assert doc.fiscal_year == printed
    assert _this_year(doc, code) == amount
    named = int(renamed.rsplit("-", 1)[1].split(".")[0])
    (issue,) = [i for i in doc.issues if i.code == "dgbas_year_file_name_mismatch"]
    assert issue.severity == "warning"
    assert f"names year {named}" in issue.message and f"中華民國{printed}年度" in issue.message


def test_the_warning_reaches_load_issues(tmp_path: Path) -> None:
    copy = tmp_path / "expenditure-by-agency-114.xls"
    shutil.copyfile(WB112, copy)
    db = str(tmp_path / "wh.duckdb")
    outcome = api.load(db, [copy]).outcomes[0]
    assert (outcome.status, outcome.fiscal_year) == ("loaded", 112)
    assert api.query(
        db,
        "SELECT severity FROM load_issues WHERE issue_code = 'dgbas_year_file_name_mismatch'",
    ).rows == [("warning",)]


def test_a_file_name_agreeing_with_the_printed_year_says_nothing() -> None:
    doc = parse_file(WB112)
    assert doc.fiscal_year == 112
    assert not [i for i in doc.issues if i.code.startswith("dgbas_year")]
