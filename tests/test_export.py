"""Exports through the CLI, read back with other readers; the data dictionary in the database."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from unitbudget import api
from unitbudget.cli.main import app
from unitbudget.viewsync import public_view_names

from .helpers import query_rows as view_rows

runner = CliRunner()


def ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_parquet_export_reads_back_equal_to_the_view(sample_db: str, tmp_path: Path) -> None:
    out = ok("--db", sample_db, "export", str(tmp_path), "line_items", "premises", "documents")
    assert "45 rows" in out  # 45 line items
    assert (tmp_path / "line_items" / "fiscal_year=112").is_dir()  # hive layout
    for view in ("line_items", "premises", "documents"):
        cols = ", ".join(c for c, *_ in view_rows(sample_db, f"DESCRIBE {view}"))
        back = duckdb.sql(
            f"SELECT {cols} FROM read_parquet('{tmp_path}/{view}/**/*.parquet', "
            "hive_partitioning = true)"
        ).fetchall()
        original = view_rows(sample_db, f"SELECT {cols} FROM {view}")
        assert sorted(map(repr, back)) == sorted(map(repr, original)), view
    total = duckdb.sql(
        f"SELECT sum(amount) FROM read_parquet('{tmp_path}/line_items/**/*.parquet')"
    ).fetchall()
    assert total == [(2579641,)]  # the document's 歲出 total, 千元
    premises = f"read_parquet('{tmp_path}/premises/**/*.parquet')"
    area = duckdb.sql(f"SELECT typeof(area_m2), max(area_m2) FROM {premises} GROUP BY 1")
    assert area.fetchall() == [("DECIMAL(18,2)", Decimal("1357.16"))]  # exact, as printed


def test_csv_export_with_bom_and_datapackage(sample_db: str, tmp_path: Path) -> None:
    ok("--db", sample_db, "export", str(tmp_path), "line_items", "grants", "--to", "csv", "--bom")
    raw = (tmp_path / "grants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    grants = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(grants) == 17 and sum(int(g["amount"]) for g in grants) == 1132034  # 捐助 total
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["grants"]["path"] == "grants.csv"
    assert resources["grants"]["encoding"] == "utf-8-sig"
    fields = {f["name"]: f for f in resources["line_items"]["schema"]["fields"]}
    assert fields["amount"]["type"] == "integer" and fields["amount"]["unit"] == "千元"
    assert fields["amount"]["columnType"] == "value" and fields["amount"]["factor"] == 1000
    assert fields["fiscal_year"]["columnType"] == "date:fiscal-year"
    assert fields["stage"]["phases"]["enacted"] == "approved"
    assert fields["work_plan_code"]["type"] == "string"
    assert all(f.get("description") for f in fields.values())


def test_xlsx_export_prints_expense_summary_as_show_does(sample_db: str, tmp_path: Path) -> None:
    out = ok("--db", sample_db, "export", str(tmp_path), "--to", "xlsx")
    (book,) = tmp_path.glob("*.xlsx")
    assert str(book) in out and book.name == "0062200000-112-enacted-1.xlsx"
    wb = CalamineWorkbook.from_path(str(book))
    name = next(n for n in wb.sheet_names if "各項費用彙計表" in n)
    sheet = wb.get_sheet_by_name(name).to_python()
    assert "數位發展部數位產業署 112 年度" in sheet[0][0]
    shown = api.show(sample_db, "expense_summary", document_id=1)
    keep = [
        i
        for i, c in enumerate(shown.columns)
        if c not in ("document_id", "fiscal_year", "agency_code", "agency_name", "sort_key")
    ]
    headers = sheet[1]
    assert headers[:2] == ["代碼", "科目或項目"] and "合計" in headers
    body = sheet[2:]
    assert len(body) == len(shown.rows) == 37  # 37 printed rows
    for got, row in zip(body, shown.rows, strict=True):
        want = [row[i] for i in keep]
        assert [("" if v is None else v) for v in want] == [
            int(g) if isinstance(g, float) else g for g in got
        ]
    total = next(r for r in body if r[1] == "合計")
    # 合計 row as printed: 2,579,641 in all, 一般行政 211,016, 促進數位創新 2,365,625
    assert {2579641.0, 211016.0, 2365625.0} <= set(total)
    # Thousands separators and '-' for zero, as printed: the number format of amount cells.
    import zipfile

    styles = zipfile.ZipFile(book).read("xl/styles.xml").decode()
    assert "#,##0;-#,##0;&quot;-&quot;" in styles


def test_export_refuses_plumbing_and_unknown_views(sample_db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--db", sample_db, "export", str(tmp_path), "stg_documents"])
    assert result.exit_code == 2 and "not a public view: stg_documents" in result.stderr


# --- the data dictionary ----------------------------------------------------------------------


def test_every_column_of_every_public_view_has_a_comment(sample_db: str) -> None:
    rows = view_rows(
        sample_db,
        "SELECT table_name, column_name, comment FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND table_name IN "
        "(SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main')",
    )
    views = {r[0] for r in rows}
    assert set(public_view_names()) == views
    missing = sorted(f"{t}.{c}" for t, c, comment in rows if not comment)
    assert missing == [], f"describe these in views/dictionary.csv: {missing}"


def test_describe_shows_types_and_units(sample_db: str) -> None:
    rows = {
        r["column"]: r
        for r in json.loads(ok("--db", sample_db, "describe", "premises", "-f", "json"))
    }
    assert rows["area_m2"]["type"] == "DECIMAL(18,2)" and "m²" in rows["area_m2"]["comment"]
    assert "千元" in rows["rent"]["comment"]
    result = runner.invoke(app, ["--db", sample_db, "describe", "stg_documents"])
    assert result.exit_code == 2


def test_plain_duckdb_client_sees_only_the_api(sample_db: str) -> None:
    """A client with no search_path: SHOW TABLES lists the API, and the views resolve."""
    tables = {r[0] for r in view_rows(sample_db, "SHOW TABLES")}
    assert "line_items" in tables and "table_comparison" in tables
    assert not [t for t in tables if t.startswith(("stg_", "cmp_"))]
    # the API views and Alembic's revision table, nothing else (README)
    assert tables - set(public_view_names()) == {"alembic_version"}
    assert view_rows(
        sample_db, "SELECT count(*) FROM table_comparison WHERE status = 'mismatch'"
    ) == [(4,)]
    assert view_rows(sample_db, "SELECT count(*) FROM staging.stg_documents") == [(1,)]


@pytest.mark.parametrize("view", ["documents", "line_items"])
def test_describe_on_a_view_shows_no_sequence_default(sample_db: str, view: str) -> None:
    defaults = [r[4] for r in view_rows(sample_db, f"DESCRIBE {view}")]
    assert not [d for d in defaults if d and "nextval" in str(d)]


def test_consistency_checks_say_their_unit(sample_db: str) -> None:
    # sample line 98: 本年度預算員額職員133人、聘用人員17人，共計150人 (a headcount, not 千元);
    # line 213: 一般行政 (5262200100) 01 人員維持 176,000 (千元)
    assert view_rows(
        sample_db,
        "SELECT subject, expected, actual, status, unit FROM consistency_checks "
        "WHERE check_name = 'headcount_budget_statement_equals_staffing' ORDER BY subject",
    ) == [
        ("合計", Decimal(150), Decimal(150), "pass", "人"),
        ("聘用", Decimal(17), Decimal(17), "pass", "人"),
        ("職員", Decimal(133), Decimal(133), "pass", "人"),
    ]
    assert view_rows(
        sample_db,
        "SELECT expected, unit FROM consistency_checks "
        "WHERE check_name = 'sub_plan_equals_line_items' AND subject = '5262200100/01'",
    ) == [(Decimal(176000), "千元")]
    statuses = {
        r[0] for r in view_rows(sample_db, "SELECT DISTINCT status FROM consistency_checks")
    }
    assert statuses <= {"pass", "fail", "not_checked"}
    comment = view_rows(
        sample_db,
        "SELECT comment FROM duckdb_columns() "
        "WHERE table_name = 'consistency_checks' AND column_name = 'status'",
    )[0][0]
    assert all(s in comment for s in ("pass", "fail", "not_checked"))
    assert "match" not in comment.replace("mismatch", "")


def test_documents_kind_names_every_kind_the_loaders_write(sample_db: str) -> None:
    from unitbudget.loaders.dgbas import KINDS

    comment = view_rows(
        sample_db,
        "SELECT comment FROM duckdb_columns() "
        "WHERE table_name = 'documents' AND column_name = 'kind'",
    )[0][0]
    assert [k for k, *_ in KINDS.values() if k not in comment] == []
    assert "unit_budget" in comment
