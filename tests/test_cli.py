"""Every command through the CLI runner, in every output format, against the sample."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unitbudget import api
from unitbudget.cli.main import app

from .conftest import DATA, SAMPLE, run_cli

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "wh.duckdb")
    result = runner.invoke(app, ["--db", path, "load", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    outcome = json.loads(result.stdout)[0]
    assert outcome["status"] == "loaded"
    assert outcome["fiscal_year"] == 112
    return path


def invoke(db: str, *args: str) -> str:
    """Standard output of a command that must succeed (notes go to stderr)."""
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_load_prints_the_parse_report(tmp_path: Path) -> None:
    out = invoke(str(tmp_path / "r.duckdb"), "load", str(SAMPLE))
    assert "parse report:" in out
    line = next(x for x in out.splitlines() if x.startswith("expense_summary "))
    # 各項費用彙計表: 37 rows, 148 amount cells as printed
    assert line.split()[4:6] == ["37", "148"]
    assert out.rstrip().endswith("1 loaded, 0 replaced, 0 unchanged, 0 refused")


def test_load_twice_is_unchanged(db: str) -> None:
    out = invoke(db, "load", str(SAMPLE), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["status"] for r in rows] == ["unchanged"]


def test_documents_formats(db: str) -> None:
    rows = json.loads(invoke(db, "documents", "--format", "json"))
    assert rows[0]["agency_code"] == "0062200000"
    assert rows[0]["agency_name"] == "數位發展部數位產業署"
    assert rows[0]["stage"] == "enacted"
    table = invoke(db, "documents")
    assert "數位發展部數位產業署" in table
    assert invoke(db, "documents", "--format", "csv").startswith("document_id,kind,")


def test_show_renders_the_printed_layout(db: str) -> None:
    out = invoke(db, "show", "expense_summary", "--year", "112")
    lines = out.splitlines()
    assert "科目或項目" in lines[0] and "合計" in lines[0]
    total = next(x for x in lines if " 合計 " in x)
    assert "2,579,641" in total and "211,016" in total and "2,365,625" in total
    personnel = next(x for x in lines if "1000 人事費" in x)
    assert personnel.split()[-3:] == ["-", "-", "176,000"]


def test_show_csv_and_json_keep_english_columns(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke(db, "show", "grants", "--format", "csv"))))
    total = next(r for r in rows if r["row_key"] == "total")
    assert total["total"] == "1132034"
    grants = json.loads(invoke(db, "show", "grants", "--format", "json", "--agency", "數位產業署"))
    assert len([g for g in grants if g["grant_no"] is not None]) == 17


def test_show_filters_are_parameters(db: str) -> None:
    assert json.loads(invoke(db, "show", "vehicles", "--year", "999", "--format", "json")) == []


def test_compare_json_and_strict(db: str) -> None:
    payload = json.loads(invoke(db, "compare", "--format", "json"))
    summary = {r["table"]: r for r in payload["summary"]}
    assert summary["expense_summary"]["compared"] == 148
    assert summary["expense_summary"]["matched"] == 148
    assert summary["media_publicity"]["printed"] is False
    assert {m["table"] for m in payload["mismatches"]} == {"function_economic"}
    strict = runner.invoke(app, ["--db", db, "compare", "--strict"])
    assert strict.exit_code == 1
    assert runner.invoke(app, ["--db", db, "compare", "grants", "--strict"]).exit_code == 0


def test_sql_formats(db: str) -> None:
    out = invoke(db, "sql", "SELECT sum(amount) AS total FROM line_items", "--format", "csv")
    assert out.strip().splitlines() == ["total", "2579641"]
    rows = json.loads(invoke(db, "sql", "SELECT count(*) AS n FROM line_items", "-f", "json"))
    assert rows == [{"n": 45}]


def test_demo_runs_on_the_default_database(tmp_path: Path) -> None:
    path = tmp_path / "demo.duckdb"
    proc = run_cli("demo", env={"UNITBUDGET_DB": str(path)})
    assert proc.returncode == 0, proc.stderr
    # The demo loads both bundled samples: the PDF book and the text rendering.
    assert proc.stdout.count("loaded: ") == 2
    # ADI 112 各項費用彙計表: 148 printed cells, all regenerated; its four mismatches are the
    # document's own allocation in function_economic (DOMAIN.md §4)
    line = next(
        x for x in proc.stdout.splitlines() if " expense_summary " in x and "數位產業署" in x
    )
    assert line.split()[-6:] == ["true", "148", "148", "0", "0", "0"]
    assert "mismatched cell(s)" in proc.stdout
    db = str(path)
    docs = api.query(
        db,
        "SELECT fiscal_year, agency_code, stage FROM documents "
        "WHERE parent_document_id IS NULL ORDER BY fiscal_year",
    ).rows
    assert docs == [(112, "0062200000", "enacted"), (114, "0008010000", "proposed")]
    adi = api.query(
        db,
        "SELECT sum(mismatched) FROM table_comparison_summary WHERE agency_code = '0062200000'",
    ).rows
    assert adi == [(4,)]
    totals = api.query(
        db,
        "SELECT d.agency_code, sum(l.amount) FROM line_items l JOIN documents d "
        "USING (document_id) WHERE d.parent_document_id IS NULL GROUP BY 1 ORDER BY 1",
    ).rows
    # 歲出機關別預算表 totals as printed: 數位產業署 2,579,641; 內政部 13,424,378
    assert totals == [("0008010000", 13_424_378), ("0062200000", 2_579_641)]
    default = run_cli("--help")
    assert "demo" in default.stdout


def test_tables_lists_table_15(db: str) -> None:
    rows = json.loads(invoke(db, "tables", "--format", "json"))
    published = [r for r in rows if r["kind"] == "published_table"]
    assert [r["slug"] for r in published if r["number"] == "附屬表 15"] == ["media_publicity"]
    # the ADI 112 book's 16 and the tables only real books print (the travel category tables
    # 考察、視察、訪問 and 進修、研究、實習 next to their sibling 開會、談判)
    assert len(published) == 23 and published[-1]["slug"] == "subsidies"
    views = {r["view"] for r in rows if r["kind"] == "view"}
    assert {"line_items", "grants", "account_series", "table_comparison"} <= views
    assert not any(v.startswith(("stg_", "cmp_")) for v in views)


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli("sql", "select 1", db=str(tmp_path / "none.duckdb"))
    assert proc.returncode != 0
    assert "no database at" in proc.stderr and "Traceback" not in proc.stderr


def test_dgbas_workbook_loads_through_the_cli(tmp_path: Path) -> None:
    path = str(tmp_path / "d.duckdb")
    out = invoke(path, "load", str(DATA / "expenditure-by-agency-113.xlsx"), "--format", "csv")
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["status"] == "loaded" and row["kind"] == "dgbas_expenditure"
