"""The comparison results stored after a load (core.comparison_summary / comparison_mismatches,
core.comparison_documents) stay equal to the live views when a later load changes what an
earlier document regenerates, and survive a SIGKILL during their store.

Documents are the sample relabelled as other years and agencies (tests/warehouse.py) and the
DGBAS workbooks as published (tests/data).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from unitbudget import api

from .conftest import SAMPLE
from .helpers import query_rows as _rows
from .test_materialised_comparison import assert_stored_equals_live, live_cells, stored_cells
from .warehouse import VARIANTS, WORKBOOKS, documents_by_file, relabel


def _variant(folder: Path, name: str) -> Path:
    year, agency, function, unit, _stage = VARIANTS[name]
    path = folder / name
    text = relabel(SAMPLE.read_text(encoding="utf-8"), year, agency, function, unit)
    path.write_text(text, encoding="utf-8")
    return path


def stored_summary(path: str, document_id: int) -> dict[str, tuple]:
    """The stored summary row of each table of one document: (compared, matched,
    mismatched, missing_in_print, missing_in_view)."""
    return {
        r[0]: tuple(r[1:])
        for r in _rows(
            path,
            "SELECT table_slug, compared, matched, mismatched, missing_in_print, "
            f"missing_in_view FROM core.comparison_summary WHERE document_id = {document_id}",
        )
    }


def stored_documents(path: str) -> set[int]:
    return {r[0] for r in _rows(path, "SELECT document_id FROM core.comparison_documents")}


def test_a_later_load_restores_what_an_earlier_document_regenerates(tmp_path: Path) -> None:
    """ADI 113 loaded alone regenerates no 上年度 column; loading ADI 112 (next command) gives
    its travel_summary and expenditure_by_agency 上年度 values, and the DGBAS workbook of 112
    gives ADI 112 the dgbas comparison: each time the stored results follow, equal to the views."""
    db = str(tmp_path / "wh.duckdb")
    adi113 = _variant(tmp_path, "adi-113-unit-budget.txt")
    adi112 = _variant(tmp_path, "adi-112-unit-budget.txt")
    assert api.load(db, [adi113]).outcomes[0].status == "loaded"
    ids = documents_by_file(db)
    later = ids["adi-113-unit-budget.txt"]
    alone = stored_summary(db, later)
    assert stored_documents(db) == {later}
    # without last year's book the 上年度 columns regenerate nothing: printed, not compared
    assert alone["travel_summary"][4] > 0
    assert_stored_equals_live(db)

    assert api.load(db, [adi112]).outcomes[0].status == "loaded"
    earlier = documents_by_file(db)["adi-112-unit-budget.txt"]
    # the earlier book's load forgot ADI 113's results and the store after it recomputed them
    assert stored_documents(db) == {earlier, later}
    with_last_year = stored_summary(db, later)
    assert with_last_year["travel_summary"][4] < alone["travel_summary"][4]
    assert with_last_year["travel_summary"][0] > alone["travel_summary"][0]
    assert with_last_year["expenditure_by_agency"] != alone["expenditure_by_agency"]
    # tables reading only their own document did not move
    assert with_last_year["plan_overview"] == alone["plan_overview"]
    assert_stored_equals_live(db)
    assert stored_cells(db) == live_cells(db)

    # the 112 workbook states ADI's accounts for 112: the dgbas branch compares them
    before = stored_summary(db, earlier)["expenditure_by_agency"]
    workbook = next(w for w in WORKBOOKS if "112" in w.name)
    assert api.load(db, [workbook]).outcomes[0].status == "loaded"
    assert stored_documents(db) == {earlier, later}
    after = stored_summary(db, earlier)["expenditure_by_agency"]
    dgbas_rows = _rows(
        db,
        f"SELECT count(*) FROM table_comparison WHERE source = 'dgbas' AND document_id = {earlier}",
    )[0][0]
    assert dgbas_rows > 0
    assert after[0] - before[0] == dgbas_rows
    c = assert_stored_equals_live(db)
    assert {r[0] for r in c.summary.rows} == {earlier, later}
    assert_stored_equals_live(db, year=113)
    assert_stored_equals_live(db, slug="expenditure_by_agency", agency="0062200000")


def test_documents_not_stored_are_compared_from_the_views(sample_db: str, tmp_path: Path) -> None:
    """A database whose store lost a document (as after a kill before the store committed):
    compare computes that document live, and the next load stores it."""
    path = str(tmp_path / "wh.duckdb")
    shutil.copy(sample_db, path)
    con = duckdb.connect(path)
    # a wrong stored row the pending document must not show
    con.execute("UPDATE core.comparison_summary SET matched = matched + 1000")
    con.execute("DELETE FROM core.comparison_documents")
    con.execute("DELETE FROM core.comparison_summary WHERE table_slug = 'grants'")
    con.close()
    c = assert_stored_equals_live(path)
    assert c.summary.rows == api.compare(sample_db).summary.rows
    # a load with nothing new still stores what is pending
    assert api.load(path, [SAMPLE]).outcomes[0].status == "unchanged"
    assert stored_documents(path) == {1}
    assert _rows(path, "SELECT count(*) FROM core.comparison_summary")[0][0] == 23
    assert api.compare(path).summary.rows == api.compare(sample_db).summary.rows


KILL_IN_STORE = """
import os, signal, sys
from unitbudget import api, comparison
store = comparison._store
def store_then_die(conn, document_ids):
    store(conn, document_ids)  # every row inserted, the transaction not committed
    # (the empty store of the new database's upgrade is let through)
    if conn.exec_driver_sql("SELECT count(*) FROM core.documents").scalar():
        os.kill(os.getpid(), signal.SIGKILL)
comparison._store = store_then_die
api.load(sys.argv[1], [sys.argv[2]])
"""


def test_sigkill_during_the_store_leaves_documents_whole_and_compare_right(
    sample_db: str, tmp_path: Path
) -> None:
    path = str(tmp_path / "wh.duckdb")
    proc = subprocess.run(
        [sys.executable, "-c", KILL_IN_STORE, path, str(SAMPLE)], capture_output=True, text=True
    )
    assert proc.returncode == -9, proc.stderr
    # the document committed before the store began: whole, every fact as in the sample db
    for name in ("printed_cells", "line_items", "accounts"):
        sql = f"SELECT count(*) FROM core.{name}"
        assert _rows(path, sql) == _rows(sample_db, sql)
    # nothing of the store committed
    assert stored_documents(path) == set()
    assert _rows(path, "SELECT count(*) FROM core.comparison_summary") == [(0,)]
    c = assert_stored_equals_live(path)
    assert c.summary.rows == api.compare(sample_db).summary.rows
    assert c.mismatches.rows == api.compare(sample_db).mismatches.rows
    # the next load stores it
    assert api.load(path, [SAMPLE]).outcomes[0].status == "unchanged"
    assert stored_documents(path) == {1}
    assert stored_cells(path) == stored_cells(sample_db)


def test_a_replace_leaves_no_results_of_the_replaced_document(
    sample_db: str, tmp_path: Path
) -> None:
    path = str(tmp_path / "wh.duckdb")
    shutil.copy(sample_db, path)
    src = tmp_path / SAMPLE.name
    src.write_text(SAMPLE.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert api.load(path, [src], replace=True).outcomes[0].status == "replaced"
    for name in ("comparison_summary", "comparison_mismatches", "comparison_cells"):
        stored = {r[0] for r in _rows(path, f"SELECT DISTINCT document_id FROM core.{name}")}
        assert stored <= {2}, name
    assert stored_documents(path) == {2}
    assert len(stored_summary(path, 2)) == 23
    assert_stored_equals_live(path)
