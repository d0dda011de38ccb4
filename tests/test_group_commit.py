"""Group commit: several documents per transaction, with the outcomes of one file at a time.

The sample relabelled for other agencies and years (tests/warehouse.py's `relabel`), a DGBAS
workbook, a byte copy, a second file for a taken slot and a file that is no budget make one
batch. The warehouse a grouped load leaves must equal the one file-by-file loads leave (every
fact table, refusals included), also when a group fails or the process is killed mid-group.
"""

from __future__ import annotations

import copy
import dataclasses
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest
from typer.testing import CliRunner

from unitbudget import api
from unitbudget.cli.main import app
from unitbudget.loaders import dispatch, prepared, writer
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.schema import FACT_TABLES

from .conftest import DATA, SAMPLE
from .warehouse import relabel

# file -> (fiscal year, agency, 政事 digits, 主管 + 單位 digits), as tests/warehouse.py relabels
VARIANTS = {
    "adi-112.txt": (112, "數位產業署", "52", "6220"),
    "adi-113.txt": (113, "數位產業署", "52", "6220"),
    "ics-112.txt": (112, "資通安全署", "52", "6230"),
    "ey-110.txt": (110, "行政院綜合業務處", "32", "0301"),
    "ics-113.txt": (113, "資通安全署", "52", "6230"),
}
# Tables a 附錄 unit repeats under its own name (DOMAIN.md §7).
UNIT_TABLES = (
    "歲出計畫提要及分支計畫概況表",
    "各項費用彙計表",
    "人事費彙計表",
    "預算員額明細表",
    "公務車輛明細表",
)
STATUSES = [
    "loaded",  # adi-112
    "loaded",  # adi-113
    "loaded",  # ics-112
    "unchanged",  # a byte copy of adi-112
    "refused",  # another file for adi-113's slot
    "refused",  # not a budget
    "loaded",  # ey-110
    "loaded",  # the 112 DGBAS workbook
    "loaded",  # ics-113
]


@pytest.fixture(scope="module")
def batch_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("corpus")
    sample = SAMPLE.read_text(encoding="utf-8")
    paths = {}
    for name, args in VARIANTS.items():
        paths[name] = out / name
        paths[name].write_text(relabel(sample, *args), encoding="utf-8")
    copy_of_first = out / "copy-of-adi-112.txt"
    copy_of_first.write_bytes(paths["adi-112.txt"].read_bytes())
    same_slot = out / "adi-113-again.txt"
    same_slot.write_bytes(paths["adi-113.txt"].read_bytes() + b"\n")
    junk = out / "minutes.txt"
    junk.write_text("會議紀錄\n今天討論預算。\n", encoding="utf-8")
    workbook = out / "expenditure-by-agency-112.xls"
    workbook.write_bytes((DATA / "expenditure-by-agency-112.xls").read_bytes())
    return [
        paths["adi-112.txt"],
        paths["adi-113.txt"],
        paths["ics-112.txt"],
        copy_of_first,
        same_slot,
        junk,
        paths["ey-110.txt"],
        workbook,
        paths["ics-113.txt"],
    ]


def warehouse_rows(path: str) -> dict[str, list[str]]:
    """Every fact table's rows, sorted, with document_id replaced by the document's identity
    (sha256 and 附錄 unit name: ids differ when a group draws its ids at once); the documents
    with their parent by identity. Sequence-drawn issue_id is left out."""
    con = duckdb.connect(path, read_only=True)
    try:
        who = {
            i: (sha, unit or "")
            for i, sha, unit in con.execute(
                "SELECT document_id, sha256, unit_name FROM core.documents"
            ).fetchall()
        }
        out: dict[str, list[str]] = {
            "documents": sorted(
                repr((who[i], kind, name, agency, year, stage, budget, who.get(parent)))
                for i, kind, name, agency, year, stage, budget, parent in con.execute(
                    "SELECT document_id, kind, file_name, agency_code, fiscal_year, stage, "
                    "budget_name, parent_document_id FROM core.documents"
                ).fetchall()
            )
        }
        # comparison_cells: the materialised comparison, stored per group or per file
        for name in (*FACT_TABLES, "comparison_cells"):
            cur = con.execute(f"SELECT * FROM core.{name}")
            cols = [d[0] for d in cur.description]
            at = cols.index("document_id")
            skip = {i for i, c in enumerate(cols) if c == "issue_id"}
            out[name] = sorted(
                repr(tuple(who[v] if i == at else v for i, v in enumerate(r) if i not in skip))
                for r in cur.fetchall()
            )
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def one_by_one(batch_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The batch loaded file by file (group_size=1: one transaction per file, as before)."""
    path = str(tmp_path_factory.mktemp("single") / "wh.duckdb")
    batch = api.load(path, batch_files, group_size=1)
    return path, [(o.file, o.status) for o in batch.outcomes], warehouse_rows(path)


def test_file_by_file_outcomes(batch_files: list[Path], one_by_one: tuple) -> None:
    _, statuses, rows = one_by_one
    assert [s for _, s in statuses] == STATUSES
    assert len(rows["documents"]) == 6  # five unit budgets and the workbook


def test_grouped_load_equals_file_by_file(
    batch_files: list[Path], one_by_one: tuple, tmp_path: Path
) -> None:
    seen: list[str] = []
    path = str(tmp_path / "wh.duckdb")
    batch = api.load(path, batch_files, group_size=4, on_file=lambda o: seen.append(o.file))
    assert [(o.file, o.status) for o in batch.outcomes] == one_by_one[1]
    assert sorted(seen) == sorted(str(p) for p in batch_files)  # once per file
    assert "already loaded" in (batch.outcomes[4].message or "")
    assert warehouse_rows(path) == one_by_one[2]
    con = duckdb.connect(path, read_only=True)
    try:
        total = con.execute(
            "SELECT sum(amount) FROM core.line_items l JOIN core.documents d USING (document_id)"
            " WHERE d.file_name = 'ics-113.txt'"
        ).fetchone()[0]
    finally:
        con.close()
    assert total == 2579641  # the sample's 歲出 total, 千元, as its 各項費用彙計表 prints it


def test_a_group_with_worker_processes_equals_file_by_file(
    batch_files: list[Path], one_by_one: tuple, tmp_path: Path
) -> None:
    path = str(tmp_path / "wh.duckdb")
    batch = api.load(path, batch_files, jobs=2, group_size=32)
    assert [(o.file, o.status) for o in batch.outcomes] == one_by_one[1]
    assert warehouse_rows(path) == one_by_one[2]


def test_a_failed_group_rolls_back_and_its_files_load_alone(
    batch_files: list[Path], one_by_one: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = writer.write_group

    def failing(conn, group, **kw):  # noqa: ANN001, ANN003, ANN202
        calls.append(len(group))
        return original(conn, group, fail_after_tables=3)

    monkeypatch.setattr(writer, "write_group", failing)
    path = str(tmp_path / "wh.duckdb")
    batch = api.load(path, batch_files, group_size=4)
    # every group (1, 2, 4 and the last file: groups grow to group_size) failed after three
    # tables, then rolled back
    assert calls == [1, 2, 4, 1]
    assert [(o.file, o.status) for o in batch.outcomes] == one_by_one[1]
    assert warehouse_rows(path) == one_by_one[2]


def test_a_file_the_database_refuses_leaves_no_row_and_the_others_load(
    batch_files: list[Path], one_by_one: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repeated printed-cell key slips past the checks: the database refuses it, the group
    rolls back, and alone the file is refused while the rest load."""
    bad = batch_files[1]
    original = prepared.prepare

    def corrupt(doc):  # noqa: ANN001, ANN202
        prep = original(doc)
        if doc.file_name == bad.name:
            cells = prep.columns["printed_cells"]
            prep.columns["printed_cells"] = pa.concat_tables([cells, cells.slice(0, 1)])
        return prep

    monkeypatch.setattr(prepared, "prepare", corrupt)
    path = str(tmp_path / "wh.duckdb")
    batch = api.load(path, batch_files, group_size=4)
    statuses = {o.file: o.status for o in batch.outcomes}
    assert statuses[str(bad)] == "refused"
    assert "database refused" in (batch.outcomes[1].message or "")
    # the other file for that slot now loads in its place; everything else as file by file
    expected = dict(one_by_one[1])
    expected[str(bad)] = "refused"
    expected[str(batch_files[4])] = "loaded"
    assert statuses == expected
    con = duckdb.connect(path, read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT file_name FROM core.documents").fetchall()}
        orphans = con.execute(
            "SELECT count(*) FROM core.printed_cells WHERE document_id NOT IN "
            "(SELECT document_id FROM core.documents)"
        ).fetchone()[0]
    finally:
        con.close()
    assert bad.name not in names and batch_files[4].name in names
    assert orphans == 0


def test_a_refused_file_changes_nothing(
    batch_files: list[Path], one_by_one: tuple, tmp_path: Path
) -> None:
    """The batch without its refused files leaves the same warehouse as with them."""
    path = str(tmp_path / "wh.duckdb")
    kept = [p for p, (_, s) in zip(batch_files, one_by_one[1], strict=True) if s != "refused"]
    api.load(path, kept, group_size=4)
    assert warehouse_rows(path) == one_by_one[2]


KILL_CHILD = textwrap.dedent(
    """
    import sys, time
    from unitbudget import api
    from unitbudget.loaders import writer
    insert_arrow, write_group = writer.insert_arrow, api._write_group
    def slow(*a, **kw):
        insert_arrow(*a, **kw)
        print("table", flush=True)
        time.sleep(0.05)
    def reported(*a, **kw):
        write_group(*a, **kw)
        print("committed", flush=True)
    writer.insert_arrow, api._write_group = slow, reported
    api.load(sys.argv[1], sys.argv[3:], group_size=int(sys.argv[2]))
    """
)


def test_sigkill_mid_group_then_rerun_gives_the_uninterrupted_warehouse(
    batch_files: list[Path], one_by_one: tuple, tmp_path: Path
) -> None:
    path = str(tmp_path / "wh.duckdb")
    files = [str(p) for p in batch_files]
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_CHILD, path, "3", *files],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    # The first two groups (adi-112; adi-113 and ics-112: groups grow 1, 2, 3) commit; the
    # third (copy, same slot, ey-110: one file to write) is killed after three of its tables.
    for _ in range(2):
        while (line := proc.stdout.readline()) != "committed\n":
            assert line == "table\n"
    for _ in range(3):
        assert proc.stdout.readline() == "table\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = duckdb.connect(path, read_only=True)
    try:
        docs = con.execute("SELECT file_name FROM core.documents").fetchall()
        with_cells = con.execute(
            "SELECT count(DISTINCT document_id) FROM core.printed_cells"
        ).fetchone()[0]
    finally:
        con.close()
    # whole groups only: the first two, nothing of the third
    assert sorted(d[0] for d in docs) == sorted(p.name for p in batch_files[:3])
    assert with_cells == 3
    rerun = api.load(path, files, group_size=3)
    assert [o.status for o in rerun.outcomes][:4] == ["unchanged"] * 4
    assert warehouse_rows(path) == one_by_one[2]


def test_the_sample_loads_the_same_grouped_as_alone(sample_db: str, tmp_path: Path) -> None:
    path = str(tmp_path / "wh.duckdb")
    api.load(path, [SAMPLE], group_size=32)
    assert warehouse_rows(path) == warehouse_rows(sample_db)


def _book_with_unit(path: Path) -> ParsedDocument:
    """The file read as a book with a 附錄 unit: its unit tables printed again under 附屬單位
    (as tests/test_document_units.py builds one)."""
    from unitbudget.loaders.readers.text import read_text_document
    from unitbudget.loaders.unit_budget import parse_source

    data = path.read_bytes()
    source = read_text_document(data, path.name)
    source.regions.extend(
        [
            dataclasses.replace(copy.deepcopy(r), unit_name="附屬單位")
            for r in source.regions
            if r.title in UNIT_TABLES
        ]
    )
    return parse_source(source, dispatch.sha256_of(data))


def test_a_book_with_units_is_written_alone_in_its_place(
    batch_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A book's units go through the single-file writer, in order, between two groups."""
    book = batch_files[2]
    parse_file = dispatch.parse_file

    def parse(path, **kw):  # noqa: ANN001, ANN003, ANN202
        return _book_with_unit(path) if Path(path) == book else parse_file(path, **kw)

    monkeypatch.setattr(dispatch, "parse_file", parse)
    assert isinstance(prepared.prepare(_book_with_unit(book)), ParsedDocument)
    files = batch_files[:3] + batch_files[6:]
    grouped, alone = str(tmp_path / "g.duckdb"), str(tmp_path / "a.duckdb")
    g = api.load(grouped, files, group_size=4)
    a = api.load(alone, files, group_size=1)
    assert [o.status for o in g.outcomes] == [o.status for o in a.outcomes] == ["loaded"] * 6
    rows = warehouse_rows(grouped)
    assert rows == warehouse_rows(alone)
    assert sum("'附屬單位')" in r for r in rows["documents"]) == 1


def test_hook_runs_inside_the_transaction_for_a_file_and_for_a_group(
    batch_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[int], bool, int]] = []

    def hook(conn, document_ids, replaced=()):  # noqa: ANN001, ANN202
        stored = conn.exec_driver_sql(
            "SELECT count(*) FROM core.documents WHERE document_id IN "
            f"({', '.join(map(str, document_ids))})"
        ).scalar()
        calls.append((list(document_ids), conn.in_transaction(), stored))

    monkeypatch.setattr(writer, "after_documents_written", hook)
    path = str(tmp_path / "wh.duckdb")
    api.load(path, batch_files[:3], group_size=2)  # groups of 1 and 2
    api.load(path, [batch_files[6]], group_size=1)  # one file, its own transaction
    assert [(len(ids), inside, n) for ids, inside, n in calls] == [
        (1, True, 1),
        (2, True, 2),
        (1, True, 1),
    ]


def test_a_stored_file_is_unchanged_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "wh.duckdb")
    first = api.load(path, [SAMPLE], stage="proposed").outcomes[0]
    assert (first.status, first.stage) == ("loaded", "proposed")

    def refuse(*a, **kw):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("a stored file was parsed again")

    monkeypatch.setattr(dispatch, "parse_file", refuse)
    for jobs in (1, 2):
        again = api.load(path, [SAMPLE], jobs=jobs, stage="enacted").outcomes[0]
        assert (again.status, again.document_id) == ("unchanged", first.document_id)
        # the stored document's fields: ADI 0062200000 數位產業署, 112, as first loaded
        assert (again.agency, again.fiscal_year, again.stage) == (
            "數位發展部數位產業署",
            112,
            "proposed",
        )


def test_a_stage_that_differs_from_the_stored_one_is_said(tmp_path: Path) -> None:
    db = str(tmp_path / "wh.duckdb")
    runner = CliRunner()
    first = runner.invoke(app, ["--db", db, "load", str(SAMPLE), "--no-report"])
    assert first.exit_code == 0
    again = runner.invoke(app, ["--db", db, "load", str(SAMPLE), "--stage", "proposed"])
    assert again.exit_code == 0
    assert "--stage proposed differs from the stored enacted" in again.stderr


def test_replace_earlier_in_the_batch_makes_a_stored_file_new_again(tmp_path: Path) -> None:
    """[B replacing A, A]: A's document is gone when A's turn comes, so A is parsed and
    replaces B, as one file at a time would."""
    path = str(tmp_path / "wh.duckdb")
    other = tmp_path / "adi-112-reprint.txt"
    other.write_bytes(SAMPLE.read_bytes() + b"\n")
    api.load(path, [SAMPLE])
    batch = api.load(path, [other, SAMPLE], replace=True)
    assert [o.status for o in batch.outcomes] == ["replaced", "replaced"]
    docs = api.query(path, "SELECT file_name FROM documents WHERE parent_document_id IS NULL")
    assert docs.rows == [(SAMPLE.name,)]
