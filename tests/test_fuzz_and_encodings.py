"""The same document in any encoding loads the same facts; mutated documents never crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unitbudget import api
from unitbudget.errors import UnitBudgetError
from unitbudget.loaders.dispatch import parse_file
from unitbudget.loaders.unit_budget import parse_unit_budget

from .conftest import SAMPLE
from .helpers import fingerprint

TEXT = SAMPLE.read_text(encoding="utf-8")
# U+30FB (katakana middle dot) has no CP950 code; Big5 documents print U+2027 there.
CP950_TEXT = TEXT.replace("\u30fb", "\u2027")


def _facts(data: bytes) -> dict[str, list]:
    doc = parse_unit_budget(data, "sample.txt")
    return {name: sorted(map(repr, rows)) for name, rows in doc.facts.items()} | {
        "cells": sorted(repr(c.cell) for c in doc.cells)
    }


@pytest.fixture(scope="module")
def reference_facts() -> dict[str, list]:
    return _facts(CP950_TEXT.encode("utf-8"))


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(lambda t: t.encode("cp950"), id="big5-cp950"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("cp950"), id="big5-crlf"),
    ],
)
def test_every_encoding_loads_the_same_facts(encode, reference_facts: dict[str, list]) -> None:
    assert _facts(encode(CP950_TEXT)) == reference_facts
    assert sum(len(v) for v in reference_facts.values()) > 100


def _mutate(lines: list[str], ops: list[tuple[str, int, int]]) -> str:
    lines = list(lines)
    for op, a, b in ops:
        if not lines:
            break
        i, j = a % len(lines), b % len(lines)
        if op == "drop":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "digit":
            line = lines[i]
            digits = [k for k, ch in enumerate(line) if ch.isdigit()]
            if digits:
                k = digits[b % len(digits)]
                lines[i] = line[:k] + str((int(line[k]) + 1 + b) % 10) + line[k + 1 :]
        elif op == "truncate":
            lines = lines[: max(i, 1)]
        elif op == "garbage":
            lines.insert(i, "\x00\x07\ufffd" + chr(0x4E00 + b % 500) + "\t1,2,3\t-")
    return "\n".join(lines)


OPS = st.lists(
    st.tuples(
        st.sampled_from(["drop", "duplicate", "swap", "digit", "truncate", "garbage"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=6,
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp950", "latin-1-bytes"])
# CI runs a bounded number; UNITBUDGET_FUZZ_EXAMPLES=5000 for a long local run.
EXAMPLES = int(os.environ.get("UNITBUDGET_FUZZ_EXAMPLES", "200"))


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "latin-1-bytes":
        return text.encode("utf-8")[::-1]  # bytes that decode to nothing sensible
    return text.encode(encoding, errors="replace")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS, encoding=ENCODINGS)
def test_mutated_documents_load_or_raise_our_error(ops, encoding: str) -> None:
    data = _encode(_mutate(CP950_TEXT.splitlines(), ops), encoding)
    try:
        doc = parse_unit_budget(data, "mutant.txt")
    except UnitBudgetError as exc:
        assert "mutant.txt" in str(exc)
        return
    assert doc.fiscal_year is not None


@settings(
    max_examples=max(EXAMPLES // 25, 4),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=OPS)
def test_mutated_documents_never_write_partially(ops, tmp_path_factory) -> None:
    path = str(tmp_path_factory.mktemp("fz") / "wh.duckdb")
    mutant = tmp_path_factory.mktemp("in") / "mutant.txt"
    mutant.write_text(_mutate(CP950_TEXT.splitlines(), ops), encoding="utf-8")
    batch = api.load(path, [mutant])
    outcome = batch.outcomes[0]
    if outcome.status == "refused":
        # nothing stored: the database the load created is removed
        assert not Path(path).exists(), "a refused file left a database"
    else:
        fp = fingerprint(path)
        doc = parse_file(mutant)
        for name, rows in doc.facts.items():
            assert fp[name][0] == len(rows), name
        assert fp["printed_cells"][0] == len(doc.cells)


def test_cut_in_the_middle_of_a_table_loads_what_is_complete(tmp_path: Path) -> None:
    lines = TEXT.splitlines()
    cut_at = next(i for i, line in enumerate(lines) if line.startswith("2039 委辦費"))
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[:cut_at]), encoding="utf-8")
    db = str(tmp_path / "wh.duckdb")
    batch = api.load(db, [path])
    assert batch.outcomes[0].status == "loaded"
    errors = api.query(db, "SELECT issue_code FROM load_issues WHERE severity = 'error'").rows
    assert errors, "the cut must be recorded as an error-level load issue"
    assert api.query(db, "SELECT count(*) FROM line_items").rows[0][0] > 0
