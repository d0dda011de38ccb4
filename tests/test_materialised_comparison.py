"""The stored comparison (core.comparison_cells) gives what the live views give.

On the sample, the PDF book (with its 附錄 units), a planted-error document (tests/plants), the
several-agency warehouse with filters, after a replace, and when its fingerprint goes stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from importlib.resources import files
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from unitbudget import api, comparison, db
from unitbudget.catalog import TABLES
from unitbudget.cli.main import app
from unitbudget.comparison import LIVE_TABLES, STORED_TABLES

from .conftest import ROOT
from .helpers import SAMPLE_NAME
from .test_comparison import EXACT
from .test_plants import apply_edits
from .warehouse import build_warehouse, documents_by_file

CELLS = "document_id, table_slug, row_key, column_key, regenerated_value"
STORED_IN = ", ".join(f"'{t}'" for t in STORED_TABLES)
PLANT = ROOT / "tests" / "plants" / "sub_plan_equals_line_items"


def _rows(path: str, sql: str) -> list[tuple]:
    con = duckdb.connect(path, read_only=True)
    try:
        return sorted(con.execute(sql).fetchall(), key=repr)
    finally:
        con.close()


def stored_cells(path: str) -> list[tuple]:
    return _rows(path, f"SELECT {CELLS} FROM core.comparison_cells")


def live_cells(path: str) -> list[tuple]:
    return _rows(
        path, f"SELECT {CELLS} FROM compare.regenerated_cells WHERE table_slug IN ({STORED_IN})"
    )


def assert_stored_equals_live(path: str, **filters: object) -> api.Comparison:
    """compare from the stored cells and from the views: the same rows, in the same order."""
    stored = api.compare(path, **filters)  # type: ignore[arg-type]
    live = api.compare(path, live=True, **filters)  # type: ignore[arg-type]
    assert stored.summary.rows == live.summary.rows
    assert stored.mismatches.rows == live.mismatches.rows
    return stored


def test_the_split_follows_the_catalog() -> None:
    assert set(LIVE_TABLES) == {"expenditure_by_agency", "travel_summary"}
    # the catalog's 23 published tables (test_cli counts them) less the two live ones
    assert STORED_TABLES == tuple(t.slug for t in TABLES if t.slug not in LIVE_TABLES)
    assert len(STORED_TABLES) == 21


def test_stored_cells_are_the_live_cells_on_the_sample(sample_db: str) -> None:
    stored = stored_cells(sample_db)
    assert stored == live_cells(sample_db)
    slugs = {r[1] for r in stored}
    assert {"plan_overview", "expense_summary", "grants", "function_economic"} <= slugs
    assert comparison.is_fresh(lambda sql: _rows(sample_db, sql))
    c = assert_stored_equals_live(sample_db)
    assert len(c.summary.rows) == len(TABLES) == 23  # one document, every published table
    # every printed cell of these tables matches (cell counts from the document, test_comparison)
    by_table = {r[3]: (r[5], r[6], r[7]) for r in c.summary.rows}
    assert {t: by_table[t] for t in EXACT} == {t: (n, n, 0) for t, n in EXACT.items()}


def test_stored_cells_are_the_live_cells_on_the_book(book_db: str) -> None:
    stored = stored_cells(book_db)
    assert stored == live_cells(book_db)
    # the book's 附錄 units are documents of their own: their cells are stored too
    units = {r[0] for r in _rows(book_db, "SELECT document_id FROM core.documents")}
    assert len(units) > 1
    assert {r[0] for r in stored} == {
        r[0] for r in _rows(book_db, f"SELECT DISTINCT document_id FROM ({live_cells_sql()})")
    }
    assert_stored_equals_live(book_db)


def live_cells_sql() -> str:
    return f"SELECT {CELLS} FROM compare.regenerated_cells WHERE table_slug IN ({STORED_IN})"


@pytest.fixture(scope="module")
def planted(sample_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample database with the sample replaced by the sub_plan_equals_line_items plant:
    line item 2054 一般事務費 of 5262200100/02 printed 10,918 instead of 10,908."""
    tmp = tmp_path_factory.mktemp("planted")
    edits = json.loads((PLANT / "edit.json").read_text(encoding="utf-8"))["edits"]
    src = tmp / SAMPLE_NAME
    src.write_text(apply_edits(api.sample_document().read_text(encoding="utf-8"), edits), "utf-8")
    path = str(tmp / "wh.duckdb")
    shutil.copy(sample_db, path)
    assert api.load(path, [src], replace=True).outcomes[0].status == "replaced"
    return path


def test_planted_error_is_found_in_the_stored_comparison(planted: str) -> None:
    assert stored_cells(planted) == live_cells(planted)
    # the replaced document's cells are gone: only the new document's are stored
    assert {r[0] for r in stored_cells(planted)} == {2}
    c = assert_stored_equals_live(planted)
    found = {(r[1], r[2], r[3]): (r[4], r[5]) for r in c.mismatches.rows}
    # the sub-plan prints 35,016; its line items now add up to 35,026
    assert found[("plan_overview", "5262200100/02", "amount")] == (35016, 35026)
    # 各項費用彙計表 prints 2054 of 一般行政 as the book had it; the line items say 10 more
    printed, regenerated = found[("expense_summary", "2054", "5262200100")]
    assert regenerated - printed == 10


def test_filters_select_documents_before_cells(tmp_path_factory: pytest.TempPathFactory) -> None:
    wh = build_warehouse(tmp_path_factory)
    files = {i: f for f, i in documents_by_file(wh).items()}
    # every document was stored when it was loaded, before the later ones: a table that read
    # another document (last year's book, a workbook) would differ from the live views now
    assert stored_cells(wh) == live_cells(wh)
    everything = assert_stored_equals_live(wh)
    assert len({r[0] for r in everything.summary.rows}) == 5
    by_year = assert_stored_equals_live(wh, year=113)
    assert {files[r[0]] for r in by_year.summary.rows} == {"adi-113-unit-budget.txt"}
    by_name = assert_stored_equals_live(wh, agency="資通安全署")
    assert {files[r[0]] for r in by_name.summary.rows} == {"ics-112-unit-budget.txt"}
    nothing = assert_stored_equals_live(wh, year=111)
    assert nothing.summary.rows == [] and nothing.mismatches.rows == []
    one_table = assert_stored_equals_live(wh, slug="function_economic", agency="0062200000")
    assert {r[3] for r in one_table.summary.rows} == {"function_economic"}
    # the document's own allocation: four mismatches in each of the three ADI documents
    assert len(one_table.mismatches.rows) == 12
    # the live cross-document tables are still compared from the stored path
    live_only = assert_stored_equals_live(wh, slug="expenditure_by_agency", year=112)
    assert sum(r[5] for r in live_only.summary.rows) > 0


def test_travel_summary_reads_last_years_book(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Why travel_summary stays live: ADI 113's 上年度 columns are ADI 112's plans."""
    wh = build_warehouse(tmp_path_factory)
    ids = documents_by_file(wh)
    rows = _rows(
        wh,
        "SELECT document_id, row_key, column_key, regenerated_value "
        "FROM compare.cmp_travel_summary "
        f"WHERE document_id IN ({ids['adi-112-unit-budget.txt']}, "
        f"{ids['adi-113-unit-budget.txt']})",
    )
    this_year = {(r[1], r[2]): r[3] for r in rows if r[0] == ids["adi-112-unit-budget.txt"]}
    next_year = {(r[1], r[2]): r[3] for r in rows if r[0] == ids["adi-113-unit-budget.txt"]}
    last_year = {k: v for k, v in next_year.items() if k[1].endswith("_last_year")}
    assert last_year, "ADI 113 regenerates 上年度 columns"
    # each 上年度 cell of ADI 113 is the 本年度 cell of ADI 112, the same book a year earlier
    assert last_year == {
        (row, col): this_year[(row, col.replace("_last_year", "_this_year"))]
        for row, col in last_year
    }
    assert any(v for v in last_year.values())


def test_cli_live_gives_the_stored_result(sample_db: str) -> None:
    runner = CliRunner()
    out = {}
    for extra in ([], ["--live"]):
        result = runner.invoke(app, ["--db", sample_db, "compare", *extra, "--format", "json"])
        assert result.exit_code == 0, result.output
        out[bool(extra)] = json.loads(result.stdout)
    assert out[True] == out[False]
    matched = {r["table"]: r["matched"] for r in out[False]["summary"]}
    assert matched["expense_summary"] == EXACT["expense_summary"]


def _copy(src: str, tmp_path: Path) -> str:
    path = str(tmp_path / "wh.duckdb")
    shutil.copy(src, path)
    return path


def test_a_stale_store_is_bypassed_then_rebuilt(sample_db: str, tmp_path: Path) -> None:
    path = _copy(sample_db, tmp_path)
    con = duckdb.connect(path)
    con.execute("UPDATE core.comparison_state SET value = 'views of an older release'")
    con.execute("DELETE FROM core.comparison_cells WHERE table_slug = 'grants'")
    con.close()
    assert not comparison.is_fresh(lambda sql: _rows(path, sql))
    # compare does not trust the stale cells: it computes from the views
    assert api.compare(path).summary.rows == api.compare(sample_db).summary.rows
    # the next write command (any load) rebuilds the store
    with db.open_engine(path) as engine:
        db.ensure_schema(engine)
    assert comparison.is_fresh(lambda sql: _rows(path, sql))
    assert stored_cells(path) == stored_cells(sample_db)


def test_a_new_parser_version_makes_the_store_stale(
    sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unitbudget.loaders import version

    path = _copy(sample_db, tmp_path)
    monkeypatch.setattr(version, "PARSER_VERSION", "99.0.0")
    assert not comparison.is_fresh(lambda sql: _rows(path, sql))
    with db.open_engine(path) as engine:
        db.ensure_schema(engine)
    assert comparison.is_fresh(lambda sql: _rows(path, sql))


def test_an_edited_view_makes_the_store_stale(
    sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fingerprint covers the view files' bytes: one changed cmp view makes it stale."""
    views = tmp_path / "views"
    shutil.copytree(ROOT / "views", views)
    before = comparison.fingerprint("0013")
    cmp = views / "compare" / "cmp_grants.sql"
    cmp.write_text(cmp.read_text(encoding="utf-8") + "\n-- edited\n", encoding="utf-8")
    monkeypatch.setattr(comparison, "_views_dir", lambda: views)
    comparison._views_digest.cache_clear()
    try:
        assert comparison.fingerprint("0013") != before
        assert not comparison.is_fresh(lambda sql: _rows(sample_db, sql))
    finally:
        comparison._views_digest.cache_clear()


def test_an_edit_of_the_same_size_makes_the_store_stale(tmp_path: Path) -> None:
    """The digest reads the files' bytes, not their size or time: one character replaced by
    another, with the file's mtime put back, still changes it."""
    views = tmp_path / "views"
    shutil.copytree(ROOT / "views", views)
    before = comparison.views_digest_of(views)
    cmp = views / "compare" / "cmp_grants.sql"
    stat = cmp.stat()
    sql = cmp.read_bytes()
    assert b"document_id" in sql
    cmp.write_bytes(sql.replace(b"document_id", b"document_iD", 1))
    os.utime(cmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cmp.stat().st_size == stat.st_size and cmp.stat().st_mtime_ns == stat.st_mtime_ns
    assert comparison.views_digest_of(views) != before


def test_the_views_digest_is_the_one_stored_warehouses_hold() -> None:
    """Read with os.scandir, the view files give the digest the importlib.resources traversal
    gave (folder/name and bytes of every .sql file, sorted): warehouses stored before stay
    fresh."""
    digest = hashlib.sha256()
    root = files("unitbudget.views")
    for folder in sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.name):
        for f in sorted((p for p in folder.iterdir() if p.name.endswith(".sql")), key=str):
            digest.update(f"{folder.name}/{f.name}\n".encode())
            digest.update(f.read_bytes())
    assert comparison._views_digest() == digest.hexdigest()


def _sample_filter(path: str) -> dict[str, object]:
    year, agency = _rows(path, "SELECT fiscal_year, agency_code FROM core.documents")[0]
    return {"year": year, "agency": agency}


def test_a_filtered_compare_bypasses_a_stale_store(sample_db: str, tmp_path: Path) -> None:
    """The guard read in the same statement as the filter's documents still sends a stale
    store to the live views: the wrong stored counts are not shown."""
    path = _copy(sample_db, tmp_path)
    con = duckdb.connect(path)
    con.execute("UPDATE core.comparison_state SET value = 'views of an older release'")
    con.execute("UPDATE core.comparison_summary SET matched = matched + 1000")
    con.close()
    filters = _sample_filter(path)
    c = api.compare(path, **filters)  # type: ignore[arg-type]
    assert c.summary.rows == api.compare(sample_db, live=True, **filters).summary.rows  # type: ignore[arg-type]
    matched = {r[3]: r[6] for r in c.summary.rows}
    assert matched["expense_summary"] == EXACT["expense_summary"]


def test_a_filtered_compare_computes_a_pending_document_live(
    sample_db: str, tmp_path: Path
) -> None:
    """A selected document the store does not vouch for (not in core.comparison_documents)
    comes from the views, not from its leftover stored rows."""
    path = _copy(sample_db, tmp_path)
    con = duckdb.connect(path)
    con.execute("UPDATE core.comparison_summary SET matched = matched + 1000")
    con.execute("DELETE FROM core.comparison_documents")
    con.close()
    filters = _sample_filter(path)
    c = assert_stored_equals_live(path, **filters)
    matched = {r[3]: r[6] for r in c.summary.rows}
    assert matched["expense_summary"] == EXACT["expense_summary"]
    assert len(c.summary.rows) == 23


def test_compare_beside_an_open_read_only_connection(sample_db: str, tmp_path: Path) -> None:
    """A process (a notebook, a test) that already holds a plain read-only connection to the
    file can still run compare on it."""
    path = _copy(sample_db, tmp_path)
    held = duckdb.connect(path, read_only=True)
    try:
        c = api.compare(path, **_sample_filter(path))  # type: ignore[arg-type]
        matched = {r[3]: r[6] for r in c.summary.rows}
        assert matched["expense_summary"] == EXACT["expense_summary"]
    finally:
        held.close()


def test_a_load_stores_only_the_new_documents_cells(sample_db: str, tmp_path: Path) -> None:
    """Loading the planted file beside the sample (another stage) adds its cells, keeps the
    sample's."""
    path = _copy(sample_db, tmp_path)
    before = stored_cells(path)
    src = tmp_path / "proposed.txt"
    src.write_text(api.sample_document().read_text(encoding="utf-8") + "\n", "utf-8")
    assert api.load(path, [src], stage="proposed").outcomes[0].status == "loaded"
    after = stored_cells(path)
    assert [r for r in after if r[0] == 1] == before
    assert sorted((r[1:] for r in after if r[0] == 2), key=repr) == sorted(
        (r[1:] for r in before), key=repr
    )
    assert after == live_cells(path)
