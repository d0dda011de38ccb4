"""What an analyst meets loading the PDF book (內政部 114 單位預算案) through the CLI runner.

Expected values are the book's: its 目次 (PDF page 3) lists 附錄(一) 內政部 at printed page
289, 附錄(二) 內政部國土測繪中心 at 339 and 附錄(三) 內政部土地重劃工程處 at 359; the published
file ends at printed page 337 (PDF page 352), inside 附錄(一).
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from unitbudget.cli.main import app

from .conftest import BOOK, DATA, SAMPLE

runner = CliRunner()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    """The book loaded once through `unitbudget load`: (database path, the CLI result)."""
    path = str(tmp_path_factory.mktemp("book_cli") / "wh.duckdb")
    result = runner.invoke(app, ["--db", path, "load", str(BOOK), "--no-report"])
    assert result.exit_code == 0, result.output
    return path, result


def ok(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_load_names_the_appendix_units_missing_from_the_file(loaded: tuple[str, Any]) -> None:
    db, result = loaded
    warned = [line for line in result.stderr.splitlines() if "附錄" in line]
    assert len(warned) == 1
    assert "附錄(二) 內政部國土測繪中心 (printed page 339)" in warned[0]
    assert "附錄(三) 內政部土地重劃工程處 (printed page 359)" in warned[0]
    assert "ends at printed page 337" in warned[0]
    assert "內政部 (printed page 289)" not in warned[0]  # 附錄(一) is in the file
    out = ok(
        "--db", db, "sql", "-f", "csv",
        "SELECT d.parent_document_id, i.severity FROM load_issues i "
        "JOIN documents d USING (document_id) WHERE i.issue_code = 'appendix_units_missing'",
    ).stdout  # fmt: skip
    assert out.split() == ["parent_document_id,severity", ",warning"]  # the book's, once
    # no document made from the 目次 alone: the two units' documents hold only the rows the
    # book's own 現有辦公房舍明細表 prints for them (their 辦公房屋 owned: 34棟 and 15棟)
    out = ok(
        "--db", db, "sql", "-f", "csv",
        "SELECT d.unit_name, p.units_text FROM documents d JOIN premises p USING "
        "(document_id) WHERE p.row_seq = 1 AND p.tenure = 'owned' "
        "AND d.unit_name IN ('內政部國土測繪中心', '內政部土地重劃工程處') ORDER BY d.document_id",
    ).stdout  # fmt: skip
    assert out.split()[1:] == ["內政部國土測繪中心,34棟", "內政部土地重劃工程處,15棟"]


# --- the stage: said by --stage or the document, else assumed out loud ----------------------


def test_a_stage_nobody_states_is_assumed_on_the_load_line_and_in_load_issues(
    tmp_path: Path,
) -> None:
    # The ADI 112 text prints neither 預算案 nor 法定預算 before its first table.
    db = str(tmp_path / "wh.duckdb")
    result = ok("--db", db, "load", str(SAMPLE), "--no-report")
    assert "數位發展部數位產業署 112 enacted (assumed)," in result.stdout
    issues = ok(
        "--db", db, "sql", "-f", "csv",
        "SELECT severity, issue_code FROM load_issues WHERE issue_code = 'stage_assumed'",
    ).stdout  # fmt: skip
    assert issues.split() == ["severity,issue_code", "info,stage_assumed"]
    # told by --stage: nothing assumed
    db2 = str(tmp_path / "wh2.duckdb")
    given = ok("--db", db2, "load", str(SAMPLE), "--stage", "enacted", "--no-report")
    assert "112 enacted, " in given.stdout and "(assumed)" not in given.stdout
    n = ok("--db", db2, "sql", "-f", "csv", "SELECT count(*) AS n FROM load_issues "
           "WHERE issue_code = 'stage_assumed'").stdout  # fmt: skip
    assert n.split() == ["n", "0"]


def test_the_book_states_its_stage(loaded: tuple[str, Any]) -> None:
    # The book's title says 預算案: proposed, not assumed.
    _, result = loaded
    assert "內政部 114 proposed, " in result.stdout and "(assumed)" not in result.stdout


def test_a_workbook_without_a_title_is_assumed_enacted(tmp_path: Path) -> None:
    # The 101 歲入來源別 workbook prints no title, so no stage either.
    db = str(tmp_path / "wh.duckdb")
    result = ok("--db", db, "load", str(DATA / "revenue-by-source-101.xls"), "--no-report")
    assert "101 enacted (assumed)," in result.stdout


# --- loading the same file again -------------------------------------------------------------


def test_an_unchanged_file_prints_what_is_stored_of_it(
    loaded: tuple[str, Any], tmp_path: Path
) -> None:
    db, first = loaded
    copy = str(tmp_path / "wh.duckdb")
    shutil.copy(db, copy)
    again = ok("--db", copy, "load", str(BOOK), "--no-report")
    fresh = next(line for line in first.stdout.splitlines() if line.startswith("loaded "))
    line = next(line for line in again.stdout.splitlines() if line.startswith("unchanged "))
    # the same counts as the fresh load: facts, printed cells, warnings, errors
    assert line.split(":", 1)[1] == fresh.split(":", 1)[1]
    cells = ok(
        "--db", copy, "sql", "-f", "csv",
        "SELECT count(*) AS n FROM core.printed_cells WHERE document_id IN "
        "(SELECT document_id FROM documents WHERE file_name = 'moi-114-unit-budget.pdf')",
    ).stdout.split()[1]  # fmt: skip
    assert f"({cells} printed cells)" in line and int(cells) > 0
    # and the book's missing 附錄 units are said again
    assert "附錄(二) 內政部國土測繪中心 (printed page 339)" in again.stderr


# --- refused files in a batch ---------------------------------------------------------------


def test_refused_files_are_named_by_the_path_given(tmp_path: Path) -> None:
    # two files of one name in two folders: each refusal names its folder too
    for folder in ("a", "b"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "budget.txt").write_text("not a budget\n", encoding="utf-8")
    shutil.copy(SAMPLE, tmp_path / "in" / "a" / SAMPLE.name)
    result = runner.invoke(
        app,
        ["--db", str(tmp_path / "wh.duckdb"), "load", str(tmp_path / "in"), "--no-report"],
    )
    assert result.exit_code == 2, result.output
    refused = sorted(line for line in result.stderr.splitlines() if line.startswith("refused:"))
    assert [line.split(": ", 2)[1] for line in refused] == [
        str(tmp_path / "in" / "a" / "budget.txt"),
        str(tmp_path / "in" / "b" / "budget.txt"),
    ]
    assert "1 loaded, 0 replaced, 0 unchanged, 2 refused" in result.stdout


# --- decimals as people read them, exact for programs ---------------------------------------


def test_sql_tables_print_decimals_without_the_column_scale(loaded: tuple[str, Any]) -> None:
    # 現有辦公房舍明細表 (PDF page 147): 辦公房屋 自有 125,759.64 m², 無償借用 1,589 m² (the
    # column is DECIMAL(18,2): stored 1589.00)
    db, _ = loaded
    query = (
        "SELECT tenure, area_m2 FROM premises WHERE document_id = 1 AND row_seq = 1 "
        "AND tenure IN ('owned', 'free_loan') ORDER BY tenure"
    )
    table = ok("--db", db, "sql", query).stdout.splitlines()
    assert [line.split() for line in table[2:]] == [["free_loan", "1589"], ["owned", "125759.64"]]
    csv_out = ok("--db", db, "sql", query, "-f", "csv").stdout.split()
    assert csv_out[1:] == ["free_loan,1589", "owned,125759.64"]
    # json: exact numbers with the column's scale, never strings
    assert '"area_m2": 1589.00' in ok("--db", db, "sql", query, "-f", "json").stdout


# --- show: the book's own unit, its 附錄 units on request -----------------------------------


def test_show_gives_the_books_own_table_and_units_on_request(loaded: tuple[str, Any]) -> None:
    # 現有辦公房舍明細表 (PDF pages 147-154) prints 內政部 (辦公房屋 自有 101棟, 125,759.64 m²)
    # and then each unit: 內政部國土測繪中心 34棟, 12,607.60 m²
    db, _ = loaded
    own = ok("--db", db, "show", "premises", "--year", "114", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(own.stdout)))
    assert {r["agency_name"] for r in rows} == {"內政部"} and len(rows) == 7
    assert (rows[0]["row_label"], rows[0]["owned_units"], rows[0]["owned_area"]) == (
        "一、辦公房屋",
        "101棟",
        "125759.64",
    )
    assert "內政部國土測繪中心" in own.stderr and "--units" in own.stderr
    listed = ok("--db", db, "show", "--units", "-f", "csv").stdout
    assert [r["unit_name"] for r in csv.DictReader(io.StringIO(listed))] == [
        "內政部",
        "內政部國土測繪中心",
        "內政部土地重劃工程處",
    ]
    unit = ok("--db", db, "show", "premises", "--units", "--agency", "國土測繪中心", "-f", "csv")
    first = next(csv.DictReader(io.StringIO(unit.stdout)))
    assert (first["agency_name"], first["owned_units"], first["owned_area"]) == (
        "內政部國土測繪中心",
        "34棟",
        "12607.6",
    )
