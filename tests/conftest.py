"""Shared fixtures. Tests use only data inside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "unitbudget" / "samples" / "adi-112-unit-budget.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "wh.duckdb")


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
