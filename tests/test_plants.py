"""Every consistency check proven able to fail: one planted document per check (tests/plants).

A plant is a folder holding `edit.json` (which printed values of the sample to change, and why)
and `expected.csv` (the rows of consistency_checks that must then fail: check name, subject,
expected, actual, difference). The planted text is loaded over a copy of the session's sample
database; every other check must still pass. Adding a check means adding a plant folder:
`test_every_check_of_the_sample_has_a_plant` fails until it exists. See tests/plants/README.md.
"""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from unitbudget import api

from .conftest import ROOT
from .helpers import SAMPLE_NAME

PLANTS = ROOT / "tests" / "plants"
PLANT_DIRS = sorted(p for p in PLANTS.iterdir() if (p / "edit.json").is_file())

Row = tuple[str, str, Decimal, Decimal, Decimal]


def apply_edits(text: str, edits: list[dict]) -> str:
    """`text` with each edit applied: `old` occurs exactly once in the given line (1-based), or
    in its tab-separated `field` when one is named, and becomes `new`."""
    lines = text.split("\n")
    for e in edits:
        line = lines[e["line"] - 1]
        if "field" in e:
            fields = line.split("\t")
            assert fields[e["field"]].count(e["old"]) == 1, (e, fields[e["field"]][:80])
            fields[e["field"]] = fields[e["field"]].replace(e["old"], e["new"])
            lines[e["line"] - 1] = "\t".join(fields)
        else:
            assert line.count(e["old"]) == 1, (e, line[:80])
            lines[e["line"] - 1] = line.replace(e["old"], e["new"])
    return "\n".join(lines)


def expected_failures(plant: Path) -> set[Row]:
    with (plant / "expected.csv").open(encoding="utf-8") as f:
        return {
            (
                r["check_name"],
                r["subject"],
                Decimal(r["expected"]),
                Decimal(r["actual"]),
                Decimal(r["difference"]),
            )
            for r in csv.DictReader(f)
        }


def not_passing(db: str) -> set[Row]:
    rows = api.query(
        db,
        "SELECT check_name, subject, expected, actual, difference, status "
        "FROM consistency_checks WHERE status <> 'pass'",
    ).rows
    assert all(r[5] == "fail" for r in rows), rows  # a plant never hides a value
    return {(c, s, Decimal(e), Decimal(a), Decimal(d)) for c, s, e, a, d, _ in rows}


@pytest.mark.parametrize("plant", PLANT_DIRS, ids=[p.name for p in PLANT_DIRS])
def test_planted_violation_fails_exactly_its_check(
    plant: Path, sample_db: str, sample_text: str, tmp_path: Path
) -> None:
    edits = json.loads((plant / "edit.json").read_text(encoding="utf-8"))["edits"]
    planted = apply_edits(sample_text, edits)
    assert planted != sample_text
    src = tmp_path / SAMPLE_NAME
    src.write_text(planted, encoding="utf-8")
    db = str(tmp_path / "wh.duckdb")
    shutil.copy(sample_db, db)  # migrations and views are in place; only the document changes
    outcome = api.load(db, [src], replace=True).outcomes[0]
    assert outcome.status == "replaced", outcome.message
    assert not_passing(db) == expected_failures(plant)


def test_every_check_of_the_sample_has_a_plant(sample_db: str) -> None:
    checks = {
        c
        for (c,) in api.query(sample_db, "SELECT DISTINCT check_name FROM consistency_checks").rows
    }
    planted = {row[0] for p in PLANT_DIRS for row in expected_failures(p)}
    assert checks - planted == set(), "a consistency check that no plant shows failing"
    assert planted <= checks
    assert not_passing(sample_db) == set()
