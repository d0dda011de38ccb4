"""Shared fixtures. Tests use only data inside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.unit_budget import parse_unit_budget

from .helpers import fingerprint

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "unitbudget" / "samples" / "adi-112-unit-budget.txt"
# The 內政部 114 單位預算案 PDF book (printed pages 1-338 of the published 392), as published.
BOOK = ROOT / "unitbudget" / "samples" / "moi-114-unit-budget.pdf"


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "wh.duckdb")


@pytest.fixture(scope="session")
def sample_text() -> str:
    """The ADI 112 sample as text."""
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_doc(sample_text: str) -> ParsedDocument:
    """The sample parsed once for the session; tests only read it."""
    return parse_unit_budget(sample_text.encode("utf-8"), SAMPLE.name)


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A DuckDB database with the unmodified sample loaded once for the session; read it only.

    A test that writes to its database loads its own (helpers.load_text).
    """
    path = str(tmp_path_factory.mktemp("sample_db") / "wh.duckdb")
    batch = api.load(path, [str(SAMPLE)])
    assert [o.status for o in batch.outcomes] == ["loaded"]
    before = fingerprint(path)
    yield path
    assert fingerprint(path) == before, "a test wrote to the shared sample database"


@pytest.fixture(scope="session")
def book_doc() -> ParsedDocument:
    """The PDF book parsed once for the session; tests only read it."""
    from unitbudget.loaders.dispatch import parse_file

    return parse_file(BOOK)


@pytest.fixture(scope="session")
def book_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A DuckDB database with the PDF book loaded once for the session; read it only."""
    path = str(tmp_path_factory.mktemp("book_db") / "wh.duckdb")
    batch = api.load(path, [str(BOOK)])
    assert [o.status for o in batch.outcomes] == ["loaded"], batch.outcomes
    before = fingerprint(path)
    yield path
    assert fingerprint(path) == before, "a test wrote to the shared book database"


def run_cli(
    *args: str, db: str | None = None, check: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script the way a user does."""
    cmd = [sys.executable, "-m", "unitbudget.cli.main"]
    if db:
        cmd += ["--db", db]
    full_env = dict(os.environ)
    # Tests never touch a database named by the caller's environment unless they set it.
    full_env.pop("UNITBUDGET_DB", None)
    full_env.update(env or {})
    proc = subprocess.run([*cmd, *args], capture_output=True, text=True, env=full_env, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd + list(args)} failed: {proc.stderr}")
    return proc
