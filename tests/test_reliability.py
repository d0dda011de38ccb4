"""Never lose or corrupt data: atomic loads, refusals, batches, read-only SQL, locking."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from unitbudget import api, db
from unitbudget.errors import DatabaseLocked, InputError, ReadOnlyViolation, RefusedInput
from unitbudget.loaders.dispatch import parse_file
from unitbudget.loaders.writer import write_document

from .conftest import DATA, SAMPLE, run_cli
from .helpers import fingerprint

WB111 = DATA / "expenditure-by-agency-111.xls"
WB112 = DATA / "expenditure-by-agency-112.xls"


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("template") / "base.duckdb")
    batch = api.load(path, [WB112])
    assert [o.status for o in batch.outcomes] == ["loaded"]
    return path


@pytest.fixture
def loaded_db(template_db: str, tmp_path: Path) -> str:
    """A private copy of a database holding the 112 workbook (loading once is the slow part)."""
    path = tmp_path / "base.duckdb"
    shutil.copy(template_db, path)
    return str(path)


def test_injected_failure_after_half_the_rows_leaves_database_as_it_was(loaded_db: str) -> None:
    before = fingerprint(loaded_db)
    doc = parse_file(WB111)
    half = doc.fact_count() // 2
    with db.open_engine(loaded_db) as engine:
        with pytest.raises(RuntimeError, match="injected failure"), engine.begin() as conn:
            write_document(conn, doc, fail_after_rows=half)
    assert fingerprint(loaded_db) == before


def test_loading_the_same_file_twice_changes_nothing(loaded_db: str) -> None:
    before = fingerprint(loaded_db)
    again = api.load(loaded_db, [WB112])
    assert [o.status for o in again.outcomes] == ["unchanged"]
    assert fingerprint(loaded_db) == before


def test_another_file_for_the_same_slot_is_refused_unless_replace(
    loaded_db: str, tmp_path: Path
) -> None:
    # The same workbook re-saved (one byte appended after the file's end) is another file
    # for the same year and stage.
    variant = tmp_path / "copy-112.xls"
    variant.write_bytes(WB112.read_bytes() + b"\x00")
    before = fingerprint(loaded_db)
    refused = api.load(loaded_db, [variant])
    assert refused.outcomes[0].status == "refused"
    assert "already loaded" in refused.outcomes[0].message
    assert fingerprint(loaded_db) == before
    replaced = api.load(loaded_db, [variant], replace=True)
    assert replaced.outcomes[0].status == "replaced"
    after = fingerprint(loaded_db)
    assert after["accounts"][0] == before["accounts"][0]
    assert after["documents"][0] == 1


KILL_SCRIPT = textwrap.dedent(
    """
    import sys
    from unitbudget import api
    api.load(sys.argv[1], sys.argv[2:])
    """
)


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.5, 2.2])
def test_sigkill_mid_load_leaves_a_consistent_database(loaded_db: str, delay: float) -> None:
    before = fingerprint(loaded_db)
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, loaded_db, str(WB111)])
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = fingerprint(loaded_db)  # the file reopens
    if after != before:
        # The kill came after the commit: then the whole workbook is there, nothing less.
        full = parse_file(WB111)
        assert after["documents"][0] == before["documents"][0] + 1
        assert after["accounts"][0] == before["accounts"][0] + len(full.facts["accounts"])
        assert after["account_amounts"][0] == (
            before["account_amounts"][0] + len(full.facts["account_amounts"])
        )
    # and it still accepts writes
    assert api.load(loaded_db, [WB111]).outcomes[0].status in ("loaded", "unchanged")


BAD_INPUTS: dict[str, bytes] = {
    "empty.txt": b"",
    "binary.txt": bytes(range(256)) * 8,
    "table.csv": "科目,金額\n一般行政,211016\n".encode(),
    "page.html": "<!DOCTYPE html><html><body><h1>預算</h1></body></html>".encode(),
    "report.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    "notes.txt": "數位發展部會議紀錄\n今天討論預算。\n".encode(),
    "unknown.txt": bytes([0x81, 0xFF, 0xFE, 0x80]) * 50 + b"\xff\xff",
    "fake.xls": b"this is not a workbook",
    "broken.xlsx": b"PK\x03\x04" + b"\x00" * 40,
    "broken.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_its_file_name_and_nothing_written(
    name: str, loaded_db: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    before = fingerprint(loaded_db)
    with pytest.raises((InputError, RefusedInput)) as err:
        parse_file(path)
    assert name in str(err.value)
    proc = run_cli("load", str(path), db=loaded_db)
    assert proc.returncode != 0
    assert name in proc.stderr
    assert "Traceback" not in proc.stderr
    assert fingerprint(loaded_db) == before


def test_truncated_workbook_is_refused(loaded_db: str, tmp_path: Path) -> None:
    path = tmp_path / "cut.xls"
    path.write_bytes(WB111.read_bytes()[:200_000])
    before = fingerprint(loaded_db)
    proc = run_cli("load", str(path), db=loaded_db)
    assert proc.returncode != 0 and "cut.xls" in proc.stderr
    assert fingerprint(loaded_db) == before


def test_batch_load_reports_each_file_and_exits_non_zero(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    path = str(tmp_path / "batch.duckdb")
    proc = run_cli("load", str(WB111), str(bad), str(WB112), "--format", "csv", db=path)
    assert proc.returncode == 2
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("file,status,")
    statuses = [line.split(",")[1] for line in lines[1:]]
    assert statuses == ["loaded", "refused", "loaded"]
    assert "bad.txt" in proc.stderr
    docs = api.documents(path)
    assert len(docs.rows) == 2


READ_ONLY_REFUSED = [
    "DROP TABLE core.accounts",
    "DELETE FROM core.accounts",
    "INSERT INTO core.object_classes (code, name, level, default_expenditure_type) "
    "VALUES ('9999', 'x', 2, 'current')",
    "UPDATE core.accounts SET name = 'x'",
    "CREATE TABLE core.x (a INTEGER)",
    "ATTACH '/tmp/unitbudget-other.duckdb' AS other",
    "COPY core.accounts TO '/tmp/unitbudget-out.csv'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 1",
]


@pytest.mark.parametrize("statement", READ_ONLY_REFUSED)
def test_sql_command_is_read_only(statement: str, loaded_db: str) -> None:
    before = fingerprint(loaded_db)
    with pytest.raises(ReadOnlyViolation):
        api.query(loaded_db, statement)
    proc = run_cli("sql", statement, db=loaded_db)
    assert proc.returncode != 0
    assert "read-only" in proc.stderr and "Traceback" not in proc.stderr
    assert fingerprint(loaded_db) == before


def test_options_reach_sql_only_as_bound_parameters(loaded_db: str) -> None:
    # A hostile --agency value is data, not SQL: nothing breaks, nothing matches, nothing is
    # written. The sample is loaded so that a value pasted into the SQL would match its rows.
    api.load(loaded_db, [SAMPLE])
    before = fingerprint(loaded_db)
    hostile = "x' OR 1=1; DROP TABLE core.accounts; --"
    proc = run_cli("show", "expense_summary", "--agency", hostile, "--format", "csv", db=loaded_db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines() == [
        "document_id,fiscal_year,agency_code,agency_name,sort_key,row_key,row_label"
    ]
    assert fingerprint(loaded_db) == before
    # the same command with a real agency finds the sample's table
    proc = run_cli(
        "show", "expense_summary", "--agency", "數位產業署", "--format", "csv", db=loaded_db
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 1 + 37  # header + 各項費用彙計表's 37 rows


HOLD_LOCK = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
    """
)


def test_second_writer_gets_a_clear_message_naming_the_holder(loaded_db: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, loaded_db, "30"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseLocked, match=rf"PID {holder.pid}"):
            api.load(loaded_db, [WB111])
        proc = run_cli("load", str(WB111), db=loaded_db)
        assert proc.returncode != 0
        assert "in use by another process" in proc.stderr and "Traceback" not in proc.stderr
    finally:
        holder.kill()
        holder.wait()


def test_wait_lets_a_writer_through_once_the_lock_is_released(loaded_db: str) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, loaded_db, "1.5"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        proc = run_cli("load", str(WB111), "--wait", "30", db=loaded_db)
        assert proc.returncode == 0, proc.stderr
    finally:
        holder.wait()


def test_several_readers_at_once(loaded_db: str) -> None:
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "unitbudget.cli.main",
                "--db",
                loaded_db,
                "sql",
                "SELECT count(*) AS n FROM core.accounts",
                "--format",
                "csv",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    assert {o[0].strip().splitlines()[1] for o in outs} == {"2211"}


def test_downgrade_one_revision_and_upgrade_keep_every_fact(loaded_db: str, tmp_path: Path) -> None:
    api.load(loaded_db, [SAMPLE])
    before = fingerprint(loaded_db)
    below_head = next(down for rev, down, _ in db.history() if rev == db.head_revision())
    assert api.downgrade(loaded_db, "-1") == below_head
    assert api.upgrade(loaded_db) == db.head_revision()
    assert fingerprint(loaded_db) == before


def test_database_copy_is_untouched_by_a_refused_batch(loaded_db: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(loaded_db, copy)
    bad = tmp_path / "x.txt"
    bad.write_text("not a budget", encoding="utf-8")
    api.load(str(copy), [bad])
    assert fingerprint(str(copy)) == fingerprint(loaded_db)
    assert os.path.getsize(copy) > 0


def test_a_refused_load_leaves_no_new_database_and_an_old_one_byte_identical(
    loaded_db: str, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from unitbudget.cli.main import app

    runner = CliRunner()
    bad = tmp_path / "x.txt"
    bad.write_text("not a budget", encoding="utf-8")
    new = tmp_path / "new.duckdb"
    for files in (["nosuch.pdf"], [str(bad), "nosuch.pdf"]):
        result = runner.invoke(app, ["--db", str(new), "load", *files])
        assert result.exit_code == 2, result.output
        assert "0 loaded" in result.stdout
        assert sorted(tmp_path.iterdir()) == sorted([bad, Path(loaded_db)])
    before = Path(loaded_db).read_bytes()
    result = runner.invoke(app, ["--db", loaded_db, "load", str(bad), "nosuch.pdf"])
    assert result.exit_code == 2, result.output
    assert Path(loaded_db).read_bytes() == before
    # A load that stores a file keeps the database it created.
    result = runner.invoke(app, ["--db", str(new), "load", str(bad), str(SAMPLE), "--no-report"])
    assert result.exit_code == 2 and "1 loaded" in result.stdout, result.output
    assert new.exists()


def test_a_database_another_process_opened_is_not_removed(tmp_path: Path) -> None:
    """A writer waiting with --wait may open the new database the moment a refused load
    closes it: the refused load then leaves it alone."""
    path = tmp_path / "new.duckdb"
    created = db.files_to_create(str(path))
    assert created == [path, tmp_path / "new.duckdb.wal"]
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(path)!r}); "
            "print('open', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        db.remove_unused(created)
        assert path.exists()
    finally:
        holder.communicate("")
    db.remove_unused(created)
    assert not path.exists() and not created[1].exists()
    assert db.files_to_create(str(SAMPLE)) == []


@pytest.mark.parametrize("statement", ["SET threads = 1", "DELETE FROM core.accounts"])
def test_read_only_engines_of_the_library_are_locked_down(statement: str, loaded_db: str) -> None:
    from sqlalchemy.exc import DBAPIError

    with db.open_engine(loaded_db, read_only=True) as engine, engine.connect() as conn:
        with pytest.raises(DBAPIError):
            conn.exec_driver_sql(statement)
