"""--year and --agency select exactly the right documents, on a warehouse of several agencies,
years and stages (tests/warehouse.py), through the library and the CLI."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from unitbudget import api
from unitbudget.cli.main import app

from .warehouse import build_warehouse, documents_by_file

ADI_112 = "adi-112-unit-budget.txt"
ADI_112_PROPOSED = "adi-112-proposed.txt"
ADI_113 = "adi-113-unit-budget.txt"
ICS_112 = "ics-112-unit-budget.txt"
EY_110 = "ey-110-unit-budget.txt"
UNIT_BUDGETS = {ADI_112, ADI_112_PROPOSED, ADI_113, ICS_112, EY_110}

# (year, agency) -> the unit budgets a filtered command must show, and no other
CASES = [
    (None, None, UNIT_BUDGETS),
    (112, None, {ADI_112, ADI_112_PROPOSED, ICS_112}),
    (113, None, {ADI_113}),
    (110, None, {EY_110}),
    (111, None, set()),
    (None, "0062200000", {ADI_112, ADI_112_PROPOSED, ADI_113}),
    (None, "數位產業署", {ADI_112, ADI_112_PROPOSED, ADI_113}),
    (None, "資通安全署", {ICS_112}),
    (None, "0062300000", {ICS_112}),
    (None, "0003010000", {EY_110}),
    (None, "數位發展部", UNIT_BUDGETS),  # part of every relabelled name
    (None, "00622", set()),  # a code matches whole, never by its beginning
    (112, "數位產業署", {ADI_112, ADI_112_PROPOSED}),
    (113, "0062200000", {ADI_113}),
    (113, "資通安全署", set()),
]
IDS = [f"year={y}-agency={a}" for y, a, _ in CASES]

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def files(db: str) -> dict[int, str]:
    return {i: f for f, i in documents_by_file(db).items()}


def cli_json(db: str, *args: str) -> object:
    result = runner.invoke(app, ["--db", db, *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # a note on stderr says when nothing matched


def options(year: int | None, agency: str | None) -> list[str]:
    return [*(["--year", str(year)] if year else []), *(["--agency", agency] if agency else [])]


@pytest.mark.parametrize(("year", "agency", "expected"), CASES, ids=IDS)
def test_show_selects_exactly(
    db: str, files: dict[int, str], year: int | None, agency: str | None, expected: set[str]
) -> None:
    rows = api.show(db, "expense_summary", year=year, agency=agency).as_dicts()
    assert {files[r["document_id"]] for r in rows} == expected
    # every selected document brings its whole table: 2,579,641 in each grand total
    totals = [r for r in rows if r["row_key"] == "total"]
    assert len(totals) == len(expected)
    cli = cli_json(db, "show", "expense_summary", *options(year, agency))
    assert {files[r["document_id"]] for r in cli} == expected


# compare is the slow command on this warehouse (every workbook cell is compared): a few cases
COMPARE_CASES = [
    c
    for c in CASES
    if (c[0], c[1]) in {(112, None), (None, "資通安全署"), (113, "0062200000"), (111, None)}
]


@pytest.mark.parametrize(
    ("year", "agency", "expected"),
    COMPARE_CASES,
    ids=[f"year={y}-agency={a}" for y, a, _ in COMPARE_CASES],
)
def test_compare_selects_exactly(
    db: str, files: dict[int, str], year: int | None, agency: str | None, expected: set[str]
) -> None:
    payload = cli_json(db, "compare", *options(year, agency))
    assert {files[r["document_id"]] for r in payload["summary"]} == expected
    # every selected document has at least function_economic's four mismatches (the document's
    # own allocation), and no other document's mismatch is listed
    assert {files[r["document_id"]] for r in payload["mismatches"]} == expected
    per_document = Counter(
        files[r["document_id"]] for r in payload["mismatches"] if r["table"] == "function_economic"
    )
    assert per_document == dict.fromkeys(expected, 4)
