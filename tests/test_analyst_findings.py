"""Findings of a new analyst using the CLI on the bundled samples, each kept as a test."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from unitbudget import api
from unitbudget.cli.main import app

from .conftest import DATA, SAMPLE

runner = CliRunner()


# --- compare --strict fails on every unexplained difference, not on the explained ones ---


def test_strict_passes_the_book_whose_differences_are_all_explained(book_db: str) -> None:
    # The book's mismatches are in function_economic, revenue_by_source and vehicles, each
    # explained by the document (KNOWN_DIFFERENCES); travel_summary's 上年度 cells cannot be
    # regenerated from one book; the 附錄 units' tables cut from the sample are not printed.
    c = api.compare(book_db)
    assert c.mismatched == 25
    assert c.unexplained == 0
    result = runner.invoke(app, ["--db", book_db, "compare", "--strict"])
    assert result.exit_code == 0, result.output


def test_strict_fails_on_cells_missing_in_the_view(sample_db: str) -> None:
    # The ADI text prints 3 cells of 資本支出預算表 the regenerated table has no cell for.
    c = api.compare(sample_db, "capital_expenditure")
    assert (c.mismatched, c.unexplained) == (0, 3)
    result = runner.invoke(app, ["--db", sample_db, "compare", "capital_expenditure", "--strict"])
    assert result.exit_code == 1
    assert "3 cell(s) differ without a known cause" in result.stderr


def test_strict_fails_on_cells_missing_in_print(sample_db: str) -> None:
    # 歲出機關別預算表 regenerates 6 cells the ADI text does not print (this_year, mu).
    assert api.compare(sample_db, "expenditure_by_agency").unexplained == 6
    strict = ["--db", sample_db, "compare", "expenditure_by_agency", "--strict"]
    assert runner.invoke(app, strict).exit_code == 1


def test_strict_passes_explained_mismatches(sample_db: str) -> None:
    c = api.compare(sample_db, "function_economic")
    assert (c.mismatched, c.unexplained) == (4, 0)
    strict = ["--db", sample_db, "compare", "function_economic", "--strict"]
    assert runner.invoke(app, strict).exit_code == 0


# --- unitbudget --version ---


def test_version_names_package_parser_and_migration_head() -> None:
    import re
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    package = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    parser = re.search(r'PARSER_VERSION = "([^"]+)"', (root / "loaders/version.py").read_text())
    newest = max((root / "migrations/versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    head = re.search(r'^revision[^=]*= "([^"]+)"', newest.read_text(), re.M)
    assert parser and head
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"unitbudget {package}, parser {parser.group(1)}, migration head {head.group(1)}"
    )


# --- dgbas_total_checks lists its rows in a stable order ---


def test_dgbas_total_checks_rows_come_in_key_order(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    path = str(tmp_path_factory.mktemp("dgbas") / "wh.duckdb")
    workbooks = sorted(str(p) for p in DATA.glob("*.xls*"))
    assert [o.status for o in api.load(path, workbooks).outcomes] == ["loaded"] * 5
    sql = "SELECT fiscal_year, stage FROM dgbas_total_checks"
    # The years and stages the five workbooks print: 本年度 enacted, 上年度 enacted, 前年度
    # actual (歲出機關別 111-113, 歲出政事別 101: 101, 100 and 99).
    expected = [
        (99, "actual"),
        (100, "enacted"),
        (101, "enacted"),
        (110, "enacted"),
        (110, "actual"),
        (111, "enacted"),
        (111, "actual"),
        (112, "enacted"),
        (113, "enacted"),
    ]
    for _ in range(3):
        assert api.query(path, sql).rows == expected
    shown = runner.invoke(app, ["--db", path, "sql", "SELECT * FROM dgbas_total_checks"])
    assert shown.exit_code == 0
    assert [line.split()[1] for line in shown.stdout.splitlines()[2:]] == [
        str(y) for y, _ in expected
    ]
    # 歲出政事別預算表 101 prints 合計 1,938,637,325 千元 (本年度) and 1,788,411,931 (上年度).
    totals = "SELECT fiscal_year, function_total FROM dgbas_total_checks WHERE stage = 'enacted'"
    assert [r for r in api.query(path, totals).rows if r[1] is not None] == [
        (100, 1788411931),
        (101, 1938637325),
    ]


# --- unitbudget tables numbers every table in one style ---


def test_tables_number_in_one_style() -> None:
    import json
    import re

    result = runner.invoke(app, ["tables", "--format", "json"])
    assert result.exit_code == 0, result.output
    published = [r for r in json.loads(result.stdout) if r["kind"] == "published_table"]
    assert len(published) == 23
    style = re.compile(r"^(主要表|附屬表) (\d+|歲入)$")
    assert [r["number"] for r in published if not style.match(r["number"])] == []
    numbered = [int(r["number"].split()[1]) for r in published if r["number"][-1].isdigit()]
    # 主要表 1, then 附屬表 1-18 in the ADI 112 book's order (the travel categories share 11).
    assert numbered == [1, *range(1, 11), 11, 11, 11, *range(12, 19)]
    by_slug = {r["slug"]: r["number"] for r in published}
    assert by_slug["travel_studies"] == by_slug["travel_meetings"] == "附屬表 11"


# --- a cut file is stored, and `load` says so with exit status 6 ---


def _cut_sample(tmp_path: Path) -> Path:
    # The ADI 112 text up to 2051 物品 of sub-plan 5262200200/01, cut mid-table: the sub-plan
    # prints 1,016,738 and work plan 5262200200 prints 2,365,625 (歲出計畫提要及分支計畫概況表).
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    cut = tmp_path / "adi-112-cut.txt"
    cut.write_text("".join(lines[:303]), encoding="utf-8")
    assert lines[302].startswith("2051 物品")
    return cut


def test_cut_file_is_stored_and_load_exits_6(tmp_path: Path) -> None:
    cut = _cut_sample(tmp_path)
    db = str(tmp_path / "wh.duckdb")
    result = runner.invoke(app, ["--db", db, "load", str(cut), "--no-report"])
    assert result.exit_code == 6, result.output
    assert "1 document(s) stored with errors" in result.stderr
    assert "1 loaded, 0 replaced, 0 unchanged, 0 refused" in result.stdout
    errors = api.query(
        db,
        "SELECT issue_code, message FROM load_issues WHERE severity = 'error' ORDER BY issue_code",
    ).rows
    assert [code for code, _ in errors] == [
        "ends_inside_table",
        "sub_plan_incomplete",
        "work_plan_incomplete",
    ]
    assert "5262200200/01 prints 1,016,738" in errors[1][1]
    assert "5262200200 prints 2,365,625" in errors[2][1]
    # Loading it again changes nothing stored, and still says what the stored document lacks.
    again = runner.invoke(app, ["--db", db, "load", str(cut), "--format", "json"])
    assert again.exit_code == 6
    import json

    [outcome] = json.loads(again.stdout)
    assert (outcome["status"], outcome["errors"], outcome["error_documents"]) == ("unchanged", 3, 1)


def test_file_cut_inside_a_later_table_exits_6(tmp_path: Path) -> None:
    """Cut inside 各項費用彙計表 (after 2069 設施及機械設備養護費), where every total printed so far
    still adds up: the file ends inside a table and its 目次 lists 13 tables it no longer holds
    (人事費彙計表 … 媒體政策及業務宣導費彙計表), so the load says it looks cut."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[459].startswith("2069 設施及機械設備養護費")
    cut = tmp_path / "adi-112-cut-late.txt"
    cut.write_text("".join(lines[:460]), encoding="utf-8")
    db = str(tmp_path / "wh.duckdb")
    result = runner.invoke(app, ["--db", db, "load", str(cut), "--no-report"])
    assert result.exit_code == 6, result.output
    errors = api.query(
        db, "SELECT issue_code, line, message FROM load_issues WHERE severity = 'error'"
    ).rows
    assert [(code, line) for code, line, _ in errors] == [("ends_inside_table", 460)]
    assert "'各項費用彙計表'" in errors[0][2] and "13 table(s)" in errors[0][2]
    # The whole sample lacks one listed table (媒體政策…, stated only in 說明) but ends after its
    # last table: no error.
    assert api.load(str(tmp_path / "whole.duckdb"), [str(SAMPLE)]).error_documents == 0


def test_file_cut_inside_a_character_is_kept_like_a_cut_between_characters(
    tmp_path: Path,
) -> None:
    """Cut at 40% of the sample's bytes, inside a 3-byte UTF-8 character: the file is read
    without the unfinished character and kept with the boundary cut's errors plus
    `ends_inside_character` (it was refused as undecodable)."""
    data = SAMPLE.read_bytes()
    at = len(data) * 4 // 10
    while data[at] & 0xC0 != 0x80:  # move to a continuation byte: inside a character
        at += 1
    inside, boundary = tmp_path / "inside.txt", tmp_path / "boundary.txt"
    inside.write_bytes(data[:at])
    start = at
    while data[start] & 0xC0 == 0x80:
        start -= 1
    boundary.write_bytes(data[:start])
    issues = "SELECT issue_code, line FROM load_issues WHERE severity = 'error' ORDER BY 1"
    found = {}
    for path in (inside, boundary):
        db = str(tmp_path / f"{path.stem}.duckdb")
        result = runner.invoke(app, ["--db", db, "load", str(path), "--no-report"])
        assert result.exit_code == 6, result.output
        assert "1 loaded, 0 replaced, 0 unchanged, 0 refused" in result.stdout
        found[path.stem] = api.query(db, issues).rows
    cut_issue = ("ends_inside_character", found["boundary"][0][1])
    assert sorted(found["boundary"] + [cut_issue]) == found["inside"]
    assert [code for code, _ in found["boundary"]] == [
        "ends_inside_table",
        "sub_plan_incomplete",
        "work_plan_incomplete",
    ]
    [(message,)] = api.query(
        str(tmp_path / "inside.duckdb"),
        "SELECT message FROM load_issues WHERE issue_code = 'ends_inside_character'",
    ).rows
    assert f"last {at - start} byte(s)" in message and "looks cut" in message


def test_batch_with_a_cut_file_counts_the_documents_with_errors(tmp_path: Path) -> None:
    cut = _cut_sample(tmp_path)
    workbook = DATA / "expenditure-by-function-101.xls"
    batch = api.load(str(tmp_path / "wh.duckdb"), [str(workbook), str(cut)])
    assert [(o.status, o.error_documents) for o in batch.outcomes] == [("loaded", 0), ("loaded", 1)]
    assert batch.error_documents == 1
    assert api.load(str(tmp_path / "intact.duckdb"), [str(SAMPLE)]).error_documents == 0


# --- a DGBAS workbook's kind comes from its content; a name naming another is a warning ---


def test_titled_workbook_renamed_as_another_table_warns_naming_both(tmp_path: Path) -> None:
    renamed = tmp_path / "revenue-by-source-113.xlsx"
    renamed.write_bytes((DATA / "expenditure-by-agency-113.xlsx").read_bytes())
    db = str(tmp_path / "wh.duckdb")
    [outcome] = api.load(db, [str(renamed)]).outcomes
    assert (outcome.status, outcome.kind, outcome.fiscal_year) == (
        "loaded",
        "dgbas_expenditure",
        113,
    )
    warnings = api.query(
        db, "SELECT issue_code, message FROM load_issues WHERE severity = 'warning'"
    ).rows
    assert warnings == [
        (
            "dgbas_kind_file_name_mismatch",
            "the file name revenue-by-source-113.xlsx names 歲入來源別預算表 but the workbook is "
            "歲出機關別預算表 (its printed title); loaded as 歲出機關別預算表",
        )
    ]


def test_untitled_revenue_workbook_named_as_expenditure_needs_its_year(tmp_path: Path) -> None:
    # The 101 歲入來源別預算表 prints no title and no year: the content says revenue (its first
    # account 0100000000 稅課收入), the name says 歲出機關別 113. A name wrong about the table
    # is no source for the year: refused, and loaded with --year as revenue, with the warning.
    renamed = tmp_path / "expenditure-by-agency-113.xls"
    renamed.write_bytes((DATA / "revenue-by-source-101.xls").read_bytes())
    db = str(tmp_path / "wh.duckdb")
    refused = runner.invoke(app, ["--db", db, "load", str(renamed)])
    assert refused.exit_code == 2
    assert "names 歲出機關別預算表 but the workbook is 歲入來源別預算表" in refused.stderr
    assert "--year" in refused.stderr
    assert not Path(db).exists()  # nothing stored: the database the load created is removed
    loaded = runner.invoke(app, ["--db", db, "load", str(renamed), "--year", "101"])
    assert loaded.exit_code == 0, loaded.output
    assert api.query(db, "SELECT kind, fiscal_year FROM documents").rows == [("dgbas_revenue", 101)]
    codes = api.query(db, "SELECT issue_code FROM load_issues WHERE severity = 'warning'").rows
    assert codes == [("dgbas_kind_file_name_mismatch",)]


# --- revenue_series leaves out the 附錄 units of a book ---


def test_revenue_series_is_the_ministrys_printed_total_only(book_db: str, tmp_path: Path) -> None:
    import shutil

    import duckdb

    db = str(tmp_path / "wh.duckdb")
    shutil.copy(book_db, db)
    units = api.query(db, "SELECT document_id FROM documents WHERE parent_document_id IS NOT NULL")
    assert len(units.rows) == 3
    unit = units.rows[0][0]
    # A 附錄 unit that prints its own 歲入來源別預算表: its share of the ministry's accounts
    # (half of each amount, under the same codes), as the book's 附錄 units print theirs.
    con = duckdb.connect(db)
    for table in ("revenue_accounts", "revenue_amounts"):
        columns = [r[0] for r in con.execute(f"DESCRIBE core.{table}").fetchall()]
        picked = ", ".join(
            str(unit) if c == "document_id" else "amount // 2" if c == "amount" else c
            for c in columns
        )
        con.execute(
            f"INSERT INTO core.{table} SELECT {picked} FROM core.{table} WHERE document_id = 1"
        )
    con.close()
    sql = (
        "SELECT stage, SUM(amount), MIN(document_id), MAX(document_id) FROM revenue_series "
        "WHERE level = 'source' AND fiscal_year = {y} AND stage = '{s}' GROUP BY stage"
    )
    # 歲入來源別預算表 p.39 合計: 本年度 278,856, 上年度 217,739, 前年度決算數 440,635 千元
    # (the 前年度 sources add to 440,634: rounded per account, see KNOWN_DIFFERENCES).
    assert api.query(db, sql.format(y=114, s="proposed")).rows == [("proposed", 278856, 1, 1)]
    assert api.query(db, sql.format(y=113, s="enacted")).rows == [("enacted", 217739, 1, 1)]
    assert api.query(db, sql.format(y=112, s="actual")).rows == [("actual", 440634, 1, 1)]


# --- show premises prints the 自有 / 無償借用 單位數 cells ---


def test_show_premises_has_the_units_of_every_tenure(book_db: str) -> None:
    import json

    [(book,)] = api.query(book_db, "SELECT document_id FROM documents WHERE unit_name IS NULL").rows
    result = runner.invoke(app, ["--db", book_db, "show", "premises", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [r for r in json.loads(result.stdout) if r["document_id"] == book]
    got = [
        (r["row_label"], r["owned_units"], r["free_loan_units"], r["rented_units"]) for r in rows
    ]
    # 內政部 114 現有辦公房舍明細表 (printed p.138-139): 單位數 of 自有, 無償借用, 有償租用或借用.
    assert got == [
        ("一、辦公房屋", "101棟", "1棟", "7棟"),
        ("二、機關宿舍", "144戶", "3戶", "0"),
        ("1 首長宿舍", "1戶", "3戶", "-"),
        ("2 單房間職務宿舍", "7戶", "-", "-"),
        ("3 多房間職務宿舍", "129戶", "-", "-"),
        ("三、其他", "21個", "37幢", "-"),
        ("合計", None, None, None),
    ]
    table = runner.invoke(app, ["--db", book_db, "show", "premises", "--year", "114"])
    assert "自有單位數" in table.stdout and "無償借用單位數" in table.stdout


def test_multi_year_period_is_headed_as_printed() -> None:
    """跨年期計畫概況表 heads its period column 執行期間; the travel tables 預計前往期間."""
    from unitbudget.labels import header

    assert header("period", "multi_year_plans") == "執行期間"
    assert header("period", "travel_meetings") == "預計前往期間"


def test_multi_year_amounts_print_alike_in_table_and_csv(book_db: str) -> None:
    """跨年期計畫概況表 (PDF p195) prints 總額 12.72 and 本年度 0.22 億元 for 補助連江縣政府…: the
    terminal table and csv give the same digits, without the column's trailing zeros."""
    outputs = [
        runner.invoke(
            app, ["--db", book_db, "show", "multi_year_plans", "--year", "114", "-f", fmt]
        )
        for fmt in ("table", "csv")
    ]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert "12.72" in result.stdout and "0.22" in result.stdout
        assert "12.7200" not in result.stdout
