"""What a new analyst following README met in the CLI (the r6 trial), through the CLI runner.

Values are the documents': the ADI 112 text (數位發展部數位產業署, fiscal year 112) and the
內政部 114 PDF book, whose 目次 lists 附錄(二) 內政部國土測繪中心 at printed page 339 and 附錄(三)
內政部土地重劃工程處 at 359 while the file ends at printed page 337.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from unitbudget.cli.main import app

from .conftest import SAMPLE

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env)


# --- 1. exit status of a file whose slot another file holds -----------------------------------


def test_a_different_file_for_a_stored_slot_exits_3(tmp_path: Path) -> None:
    db = str(tmp_path / "wh.duckdb")
    assert run("--db", db, "load", str(SAMPLE), "--no-report").exit_code == 0
    # the same budget with one more (empty) line: another file for 數位產業署 112 enacted
    other = tmp_path / "adi-112-edited.txt"
    other.write_bytes(SAMPLE.read_bytes() + b"\n")
    result = run("--db", db, "load", str(other))
    assert result.exit_code == 3, result.output
    assert "already loaded for 數位發展部數位產業署 fiscal year 112" in result.stderr
    assert "--replace" in result.stderr
    # a file nothing can load beside it: the refusal to fix first is 2
    junk = tmp_path / "notes.txt"
    junk.write_text("not a budget\n", encoding="utf-8")
    assert run("--db", db, "load", str(other), str(junk)).exit_code == 2
    assert run("--db", db, "load", str(other), "--replace").exit_code == 0


def test_demo_refused_by_a_taken_slot_exits_3_as_load_does(tmp_path: Path) -> None:
    db = str(tmp_path / "wh.duckdb")
    other = tmp_path / "adi-112-edited.txt"
    other.write_bytes(SAMPLE.read_bytes() + b"\n")
    assert run("--db", db, "load", str(other), "--no-report").exit_code == 0
    result = run("--db", db, "demo")
    assert result.exit_code == 3, result.output
    assert "already loaded for 數位發展部數位產業署 fiscal year 112" in result.stderr


def test_load_help_lists_the_exit_statuses_readme_gives() -> None:
    text = " ".join(run("load", "--help").stdout.split())
    for status in ("0 when", "2 when", "3 when", "4 the database", "6 when"):
        assert status in text


# --- 2. a file given twice in one command ----------------------------------------------------


_COUNTS = re.compile(r"(\d+) facts \((\d+) printed cells\)")


def test_a_file_repeated_in_one_command_says_the_stored_counts(tmp_path: Path) -> None:
    db = str(tmp_path / "wh.duckdb")
    copy = tmp_path / "a-copy.txt"
    shutil.copy(SAMPLE, copy)
    result = run("--db", db, "load", str(SAMPLE), str(copy), str(SAMPLE), "--no-report")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()[:3]
    assert [line.split()[0] for line in lines] == ["loaded", "unchanged", "unchanged"]
    counts = [_COUNTS.search(line).groups() for line in lines]  # type: ignore[union-attr]
    # 951 printed cells: the sum of the cells of the sample's 16 tables in its parse report
    assert counts[0][1] == "951" and counts[0][0] != "0"
    again = run("--db", db, "load", str(SAMPLE)).stdout.splitlines()[0]
    stored = _COUNTS.search(again).groups()  # type: ignore[union-attr]
    assert counts == [stored] * 3


# --- 3. 附錄 units: --agency without --units, and units whose pages the file lacks ------------


def test_an_agency_that_is_a_unit_says_to_add_units(book_db: str) -> None:
    result = run("--db", book_db, "show", "premises", "--agency", "國土測繪中心")
    assert result.exit_code == 0
    assert result.stdout == ""  # no empty header for a person: the reason alone
    assert "內政部國土測繪中心" in result.stderr and "add --units" in result.stderr
    assert "matches nothing" not in result.stderr
    # the book's 現有辦公房舍明細表 prints the unit: 辦公房屋 自有 34棟
    unit = run("--db", book_db, "show", "premises", "--agency", "國土測繪中心", "--units")
    assert "34棟" in unit.stdout
    assert "pages not in the file (printed page 339)" in unit.stderr


def test_units_list_marks_the_units_the_file_does_not_reach(book_db: str) -> None:
    result = run("--db", book_db, "show", "--units", "-f", "csv")
    assert result.exit_code == 0
    rows = [line.split(",") for line in result.stdout.splitlines()]
    assert rows[0][-1] == "pages"
    # 附錄(一) 內政部 is in the file; the 目次 puts (二) at printed page 339, (三) at 359
    assert [(r[2], r[-1]) for r in rows[1:]] == [
        ("內政部", ""),
        ("內政部國土測繪中心", "pages not in the file (printed page 339)"),
        ("內政部土地重劃工程處", "pages not in the file (printed page 359)"),
    ]
    assert "2 unit(s)" in result.stderr


# --- 4. workbook names of 附錄 units ----------------------------------------------------------


def test_unit_workbooks_are_named_by_their_book_and_unit(book_db: str, tmp_path: Path) -> None:
    result = run("--db", book_db, "export", str(tmp_path), "--to", "xlsx")
    assert result.exit_code == 0, result.output
    # 內政部 (agency code 0008010000 on the book's cover) and its three 附錄 units
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == [
        "0008010000-114-proposed-1.xlsx",
        "0008010000-附錄-內政部-114-proposed-2.xlsx",
        "0008010000-附錄-內政部國土測繪中心-114-proposed-3.xlsx",
        "0008010000-附錄-內政部土地重劃工程處-114-proposed-4.xlsx",
    ]


# --- 5. compare --strict: the missing cells it counts are said and listed ----------------------


def test_strict_names_the_missing_cells_and_missing_lists_them(sample_db: str) -> None:
    strict = run("--db", sample_db, "compare", "--strict")
    assert strict.exit_code == 1
    # the text's 歲出機關別預算表 (page 13) prints only its 5262209800 第一預備金 line
    assert "6 of expenditure_by_agency (document 1) missing in print" in strict.stderr
    assert "3 of capital_expenditure (document 1) missing in the view" in strict.stderr
    assert "--missing lists them" in strict.stderr
    listed = run("--db", sample_db, "compare", "--missing", "-f", "json")
    assert listed.exit_code == 0
    gaps = json.loads(listed.stdout)["missing"]
    in_print = {
        (g["row_key"], g["column_key"]): g["regenerated_value"]
        for g in gaps
        if g["table"] == "expenditure_by_agency"
    }
    # 本年度預算數 of 數位產業署 and its 項 2,579,641千元 = 一般行政 211,016 + 數位產業發展
    # 2,365,625 + 第一預備金 3,000 (歲出計畫提要); 目 numbers 1 and 2
    assert in_print == {
        ("0062200000", "this_year"): 2579641,
        ("5262200000", "this_year"): 2579641,
        ("5262200100", "mu"): 1,
        ("5262200100", "this_year"): 211016,
        ("5262200200", "mu"): 2,
        ("5262200200", "this_year"): 2365625,
    }
    assert {g["status"] for g in gaps if g["table"] == "capital_expenditure"} == {"missing_in_view"}
    assert len(gaps) == 9


# --- 6. help and usage ------------------------------------------------------------------------


def test_help_labels_values_as_people_read_them() -> None:
    for command in (["load"], ["export"], ["sql"], ["compare"], ["db", "upgrade"], []):
        text = run(*command, "--help", env={"COLUMNS": "200"}).stdout
        assert "<" not in text.replace("<name>", ""), text  # no <bool>, <list[str]>, <int>
    load = run("load", "--help", env={"COLUMNS": "200"}).stdout
    assert re.search(r"--year\s+INTEGER", load) and re.search(
        r"--format\s+-f\s+table\|csv\|json", load
    )
    assert re.search(r"--replace\s+Replace", load)  # a flag shows no value


def test_an_unknown_view_is_a_usage_error_as_readme_says(sample_db: str) -> None:
    result = run("--db", sample_db, "describe", "nosuchview")
    assert result.exit_code == 2
    assert "no view 'nosuchview'" in result.stderr and "unitbudget tables" in result.stderr
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "unknown table or view name (`describe nosuchview`" in " ".join(readme.split())
