"""The analyst's day through the CLI runner: sql, honest output, load notes, odd states.

Expected amounts are the published ADI 112 document's (DOMAIN.md §4, golden CSVs): total
2,579,641 千元; 一般行政 211,016; 各項費用彙計表 prints 人事費 176,000 while the 職能及經濟性
table prints 受僱人員報酬 177,936.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from unitbudget.cli.main import app

from .conftest import DATA, SAMPLE, run_cli

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample unit budget and the DGBAS 113 workbook; tests only read it."""
    path = str(tmp_path_factory.mktemp("analyst") / "wh.duckdb")
    files = [str(SAMPLE), str(DATA / "expenditure-by-agency-113.xlsx")]
    result = runner.invoke(app, ["--db", path, "load", *files, "--no-report"])
    assert result.exit_code == 0, result.output
    return path


def ok(*args: str, stdin: str | None = None) -> tuple[str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


# --- the SQL command ------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   \n", ";", "-- only a comment", "/* c */ ;\n;"])
def test_empty_query_is_a_usage_error(db: str, query: str) -> None:
    result = runner.invoke(app, ["--db", db, "sql", query])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: empty query"
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_query_beginning_with_a_comment_runs(db: str) -> None:
    query = (
        "-- 數位產業署 一般行政 across years and stages\n"
        "SELECT fiscal_year, stage, amount FROM account_series "
        "WHERE account_code = '5262200100' ORDER BY fiscal_year, stage"
    )
    out, _ = ok("--db", db, "sql", query, "--format", "json")
    rows = json.loads(out)
    assert {"fiscal_year": 112, "stage": "enacted", "amount": 211016} in rows


def test_query_from_file_and_from_standard_input(db: str, tmp_path: Path) -> None:
    f = tmp_path / "q.sql"
    f.write_text("-- total of the document\nSELECT sum(amount) AS total FROM line_items;\n")
    out, _ = ok("--db", db, "sql", "--file", str(f), "--format", "csv")
    assert out.split() == ["total", "2579641"]
    out, _ = ok("--db", db, "sql", "-", "-f", "csv", stdin="SELECT count(*) AS n FROM line_items")
    assert out.split() == ["n", "45"]


def test_json_keeps_one_type_per_column_and_exact_digits(db: str) -> None:
    out, _ = ok("--db", db, "sql", "SELECT area_m2 FROM premises ORDER BY row_seq", "-f", "json")
    values = [r["area_m2"] for r in json.loads(out)]
    assert all(isinstance(v, (int, float)) for v in values)
    assert '"area_m2": 1357.16' in out  # 辦公室 3層, printed 1,357.16 m²


def test_table_output_is_not_cut_when_piped(db: str) -> None:
    out, _ = ok("--db", db, "sql", "SELECT repeat('預算', 50) AS long_text")
    assert "預算" * 50 in out and "…" not in out


@pytest.mark.parametrize("ext", ["csv", "json", "parquet", "xlsx"])
def test_output_file_by_extension(db: str, tmp_path: Path, ext: str) -> None:
    target = tmp_path / f"items.{ext}"
    q = "SELECT work_plan_code, sum(amount) AS amount FROM line_items GROUP BY 1 ORDER BY 1"
    _, err = ok("--db", db, "sql", q, "--output", str(target), "--bom")
    assert f"wrote 3 row(s) to {target}" in err
    if ext == "csv":
        raw = target.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese right
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        got = {r["work_plan_code"]: int(r["amount"]) for r in rows}
    elif ext == "json":
        got = {r["work_plan_code"]: r["amount"] for r in json.loads(target.read_text())}
    elif ext == "parquet":
        got = dict(duckdb.sql(f"SELECT * FROM '{target}'").fetchall())
    else:
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
        assert sheet[0] == ["work_plan_code", "amount"]
        got = {r[0]: int(r[1]) for r in sheet[1:]}
    # 一般行政 211,016; 促進數位創新動能轉型升級 2,365,625; 第一預備金 3,000 (sum 2,579,641)
    assert got == {"5262200100": 211016, "5262200200": 2365625, "5262209800": 3000}


def test_copy_to_is_refused_and_points_to_output(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", db, "sql", f"COPY documents TO '{tmp_path}/d.csv'"])
    assert result.exit_code == 4
    assert "--output FILE" in result.stderr
    assert not (tmp_path / "d.csv").exists()


def test_unknown_output_extension_is_an_error(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", db, "sql", "SELECT 1", "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "cannot tell the format" in result.stderr


def test_db_option_after_the_subcommand(db: str) -> None:
    out, _ = ok("documents", "--format", "json", "--db", db)
    assert [d["kind"] for d in json.loads(out)] == ["unit_budget", "dgbas_expenditure"]
    out, _ = ok("sql", "SELECT count(*) AS n FROM documents", "--db=" + db, "-f", "csv")
    assert out.split() == ["n", "2"]


# --- honest output --------------------------------------------------------------------------


def test_compare_csv_includes_the_mismatches(db: str) -> None:
    out, _ = ok("--db", db, "compare", "--format", "csv")
    summary_text, mismatch_text = out.strip().split("\n\n")
    summary = {r["table"]: r for r in csv.DictReader(io.StringIO(summary_text))}
    assert summary["expense_summary"]["compared"] == "148"
    mism = list(csv.DictReader(io.StringIO(mismatch_text)))
    cells = {(r["row_key"], r["column_key"]): r for r in mism if r["table"] == "function_economic"}
    total = cells[("total", "current.compensation")]
    assert (total["printed_value"], total["regenerated_value"]) == ("177936", "176000")
    assert len(mism) == 4


def test_strict_fails_when_nothing_was_compared(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "compare", "--year", "113", "--strict"])
    assert result.exit_code == 1
    assert "nothing was compared" in result.stderr
    assert runner.invoke(app, ["--db", db, "compare", "grants", "--strict"]).exit_code == 0


def test_show_with_no_match_says_so(db: str) -> None:
    result = runner.invoke(app, ["--db", db, "show", "vehicles", "--year", "999"])
    assert result.exit_code == 0
    assert "no rows: vehicles --year 999 matches nothing" in result.stderr


def test_show_on_a_dgbas_only_year_renders_the_workbook(db: str) -> None:
    result = runner.invoke(
        app,
        ["--db", db, "show", "expenditure_by_agency", "--year", "113", "--format", "json"],
    )
    assert result.exit_code == 0
    assert "rows of the DGBAS workbook(s) as printed" in result.stderr
    rows = {r["row_key"]: r for r in json.loads(result.stdout)}
    # DOMAIN.md §6, 數位產業署 in the 113 workbook: 3,555,676; 上年度 2,579,641;
    # 前年度決算 2,338,453
    adi = rows["0062200000"]
    assert (adi["this_year"], adi["last_year"], adi["year_before_actual"]) == (
        3555676,
        2579641,
        2338453,
    )
    assert adi["change"] == 3555676 - 2579641
    assert len(rows) > 2000  # every agency and work plan of the whole government


def test_account_series_carries_roll_up_codes(db: str) -> None:
    q = (
        "SELECT amount, parent_code, agency_code, ministry_code FROM account_series "
        "WHERE account_code = '5262200100' AND fiscal_year = 112 AND stage = 'enacted'"
    )
    out, _ = ok("--db", db, "sql", q, "-f", "json")
    # 一般行政 211,016 under 5262200000 科學支出, agency 0062200000 數位產業署, 主管 0062000000
    assert json.loads(out) == [
        {
            "amount": 211016,
            "parent_code": "5262200000",
            "agency_code": "0062200000",
            "ministry_code": "0062000000",
        }
    ]


def test_demo_explains_its_function_economic_mismatches(tmp_path: Path) -> None:
    out, _ = ok("--db", str(tmp_path / "demo.duckdb"), "demo")
    # the ADI 112 text's four function_economic mismatches (test_cli checks the count)
    assert "mismatched cell(s)" in out
    why = next(ln for ln in out.splitlines() if ln.startswith("why function_economic differs"))
    assert "受僱人員報酬" in why and "人事費" in why and "core.economic_mappings" in why


# --- load ------------------------------------------------------------------------------------


def test_folder_load_skips_files_that_are_not_budgets(tmp_path: Path) -> None:
    folder = tmp_path / "budgets"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "adi-112.txt")
    (folder / "README.md").write_text("# notes\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    result = runner.invoke(app, ["--db", str(tmp_path / "w.duckdb"), "load", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"skipped: {folder / '.DS_Store'} (hidden file)" in result.stderr
    assert f"skipped: {folder / 'README.md'}" in result.stderr
    assert result.stdout.startswith(f"loaded     {folder / 'adi-112.txt'}: document 1")
    assert "1 loaded, 0 replaced, 0 unchanged, 0 refused" in result.stdout


@pytest.mark.parametrize("args", [["-j", "0"], ["-j", "-2"], ["--stage", "draft"]])
def test_bad_load_options_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    db = str(tmp_path / "w.duckdb")
    result = runner.invoke(app, ["--db", db, "load", str(SAMPLE), *args])
    assert result.exit_code == 2
    assert not Path(db).exists()


def test_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(
        app, ["--db", str(tmp_path / "w.duckdb"), "load", str(tmp_path / "empty")]
    )
    assert result.exit_code == 2
    assert "no budget files found" in result.output


def test_options_that_cannot_apply_are_reported(tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    first = runner.invoke(app, ["--db", db, "load", str(SAMPLE), "--year", "113", "--no-report"])
    assert first.exit_code == 0
    assert "prints fiscal year 112; --year 113 was not applied" in first.stderr
    again = runner.invoke(app, ["--db", db, "load", str(SAMPLE), "--stage", "proposed"])
    assert again.exit_code == 0
    assert "already loaded unchanged" in again.stderr and "--stage/--year" in again.stderr


def _stages_and_total(db: str) -> list[list[str]]:
    sql = (
        "SELECT d.stage, count(DISTINCT d.document_id) AS documents, sum(l.amount) AS total "
        "FROM documents d JOIN line_items l USING (document_id) GROUP BY d.stage"
    )
    result = runner.invoke(app, ["--db", db, "sql", sql, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout)))


def test_replace_stores_a_file_again_under_the_requested_stage(tmp_path: Path) -> None:
    """A file loaded as proposed, loaded again as enacted: without --replace it stays as it
    was and the note says to add --replace; with --replace it is stored as enacted, once."""
    db = str(tmp_path / "w.duckdb")
    first = runner.invoke(app, ["--db", db, "load", str(SAMPLE), "--stage", "proposed"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["--db", db, "load", str(SAMPLE), "--stage", "enacted"])
    assert again.exit_code == 0, again.output
    assert "0 loaded, 0 replaced, 1 unchanged, 0 refused" in again.stdout
    assert "--stage enacted differs from the stored proposed" in again.stderr
    assert "add --replace" in again.stderr
    # 歲出機關別預算表 of 數位產業署 112: 2,579,641 千元 in all
    assert _stages_and_total(db) == [["stage", "documents", "total"], ["proposed", "1", "2579641"]]

    replaced = runner.invoke(
        app, ["--db", db, "load", str(SAMPLE), "--stage", "enacted", "--replace", "-f", "json"]
    )
    assert replaced.exit_code == 0, replaced.output
    outcome = json.loads(replaced.stdout)[0]
    assert (outcome["status"], outcome["stage"], outcome["fiscal_year"]) == (
        "replaced",
        "enacted",
        112,
    )
    assert "not applied" not in replaced.stderr
    assert _stages_and_total(db) == [["stage", "documents", "total"], ["enacted", "1", "2579641"]]

    # The same request once more changes nothing.
    same = runner.invoke(app, ["--db", db, "load", str(SAMPLE), "--stage", "enacted", "--replace"])
    assert same.exit_code == 0, same.output
    assert "0 loaded, 0 replaced, 1 unchanged, 0 refused" in same.stdout
    assert _stages_and_total(db) == [["stage", "documents", "total"], ["enacted", "1", "2579641"]]


def test_interrupted_load_exits_130_and_names_committed_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a-adi-112.txt")
    for year, ext in ((111, "xls"), (112, "xls"), (113, "xlsx")):
        name = f"expenditure-by-agency-{year}.{ext}"
        shutil.copy(DATA / name, folder / f"b-{name}")
    env = {k: v for k, v in os.environ.items() if k != "UNITBUDGET_DB"}
    cmd = [sys.executable, "-m", "unitbudget.cli.main", "--db", str(tmp_path / "w.duckdb")]
    proc = subprocess.Popen(
        [*cmd, "load", str(folder), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # the whole group gets Ctrl-C, as from a terminal
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # printed as soon as the first file is committed
    assert first.startswith("loaded"), first
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted:" in err and "a-adi-112.txt" in err
    docs = run_cli("documents", "--format", "json", db=str(tmp_path / "w.duckdb"))
    assert docs.returncode == 0 and len(json.loads(docs.stdout)) >= 1


# --- odd states -------------------------------------------------------------------------------


def test_uninitialised_database_says_run_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "blank.duckdb"
    duckdb.connect(str(path)).close()  # what an interrupted first migration leaves
    result = runner.invoke(app, ["--db", str(path), "documents"])
    assert result.exit_code == 4
    assert "not initialised: run `unitbudget db upgrade`" in result.stderr
    assert "Catalog Error" not in result.stderr and "duckdb:///" not in result.stderr
    ok("--db", str(path), "db", "upgrade")
    ok("--db", str(path), "documents")


def test_database_behind_head_says_run_upgrade(tmp_path: Path) -> None:
    from unitbudget import db

    path = str(tmp_path / "w.duckdb")
    ok("--db", path, "db", "upgrade")
    revisions = [r[0] for r in db.history()]
    assert len(revisions) >= 2, "needs a revision below head"
    ok("--db", path, "db", "downgrade", revisions[1])
    result = runner.invoke(app, ["--db", path, "sql", "SELECT * FROM documents"])
    assert result.exit_code == 4
    assert f"at schema revision {revisions[1]}" in result.stderr
    assert "run `unitbudget db upgrade`" in result.stderr


def test_db_current_only_reads(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    ok("--db", str(path), "db", "upgrade")
    before = path.read_bytes()
    out, _ = ok("--db", str(path), "db", "current")
    from unitbudget import db

    assert out.strip() == db.head_revision()
    assert path.read_bytes() == before and not Path(f"{path}.wal").exists()
    missing = tmp_path / "none.duckdb"
    out, err = ok("--db", str(missing), "db", "current")
    assert out.strip() == "None" and "not initialised" in err and not missing.exists()


def test_lock_messages_offer_a_remedy_the_command_has(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    ok("--db", str(path), "db", "upgrade")
    holder = duckdb.connect(str(path))  # another process's writer, as far as a CLI run sees
    try:
        read = run_cli("documents", db=str(path))
        assert read.returncode == 4
        assert f"the database {path} is in use" in read.stderr
        assert "--wait" not in read.stderr and "duckdb:///" not in read.stderr
        write = run_cli("load", str(SAMPLE), db=str(path))
        assert write.returncode == 4 and "--wait SECONDS" in write.stderr
    finally:
        holder.close()
