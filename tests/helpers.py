"""Helpers shared by the tests: planted edits of the sample, loads, comparison look-ups."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.readers.text import read_text_document
from unitbudget.loaders.tables.base import ParseContext, PrintedCell, TableParser, TableResult
from unitbudget.schema import FACT_TABLES

SAMPLE_NAME = "adi-112-unit-budget.txt"


def fingerprint(path: str) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every fact table and of documents (order-independent)."""
    con = duckdb.connect(path, read_only=True)
    try:
        out = {}
        for name in ["documents", *FACT_TABLES]:
            rows = con.execute(f"SELECT * FROM core.{name}").fetchall()
            if name == "documents":
                rows = [r[:9] for r in rows]  # loaded_at and later columns vary per load
            digest = hashlib.sha256()
            for r in sorted(map(repr, rows)):
                digest.update(r.encode())
            out[name] = (len(rows), digest.hexdigest())
        return out
    finally:
        con.close()


def edit_line(text: str, line_no: int, old: str, new: str) -> str:
    """The text with `old`, printed exactly once on line `line_no` (1-based), replaced by `new`."""
    lines = text.split("\n")
    assert lines[line_no - 1].count(old) == 1, lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old, new)
    return "\n".join(lines)


def load_text(tmp: Path, text: str) -> str:
    """Path of a new DuckDB database in `tmp` with `text` loaded under the sample's file name."""
    db = str(tmp / "wh.duckdb")
    src = tmp / SAMPLE_NAME
    src.write_text(text, encoding="utf-8")
    api.load(db, [str(src)])
    return db


def parse_region(parser: TableParser, text: str, ctx: ParseContext) -> TableResult:
    """The table `parser` reads from the one region of `text` (read as the sample) it matches."""
    doc = read_text_document(text.encode("utf-8"), SAMPLE_NAME)
    regions = [r for r in doc.regions if parser.matches(r)]
    assert len(regions) == 1
    return parser.parse(regions[0], ctx)


class TableFixtures:
    """What a test module of one table of the sample (ADI 112) starts with: assign
    `result`, `facts` and `golden` to module names and pytest finds the fixtures.

    - parse(text): the table parsed from `text` (the sample or an edited copy);
    - result: module fixture `result`, the table parsed from the sample;
    - facts: module fixture named `facts_name`, its rows of `fact_table` by their `key`;
    - golden: module fixture `golden`, the rows of the golden CSV typed from the document.
    """

    def __init__(
        self,
        parser: TableParser,
        golden: Path,
        fact_table: str,
        key: str,
        facts_name: str = "facts",
    ) -> None:
        self.parser = parser

        @pytest.fixture(scope="module", name="result")
        def result(sample_text: str) -> TableResult:
            return self.parse(sample_text)

        @pytest.fixture(scope="module", name=facts_name)
        def facts(result: TableResult) -> dict[Any, dict]:
            return {f[key]: f for f in result.facts[fact_table]}

        @pytest.fixture(scope="module", name="golden")
        def golden_rows() -> list[dict[str, str]]:
            return read_golden(golden)

        self.result: Callable[..., TableResult] = result
        self.facts: Callable[..., dict[Any, dict]] = facts
        self.golden: Callable[..., list[dict[str, str]]] = golden_rows

    def parse(self, text: str) -> TableResult:
        return parse_region(self.parser, text, ParseContext())


def table_cells(doc: ParsedDocument, slug: str) -> dict[tuple[str, str], PrintedCell]:
    """The printed cells of table `slug` in `doc`, keyed by (row_key, column_key)."""
    return {(c.cell.row_key, c.cell.column_key): c.cell for c in doc.cells if c.table_slug == slug}


def comparison_status(db: str, slug: str) -> dict[tuple[str, str], str]:
    """The comparison status of every cell of table `slug`, keyed by (row_key, column_key)."""
    rows = api.query(
        db, f"SELECT row_key, column_key, status FROM table_comparison WHERE table_slug='{slug}'"
    ).rows
    status = {(r, c): s for r, c, s in rows}
    assert len(status) == len(rows), f"{slug}: a cell is compared more than once"
    return status


def not_matching(db: str, slug: str) -> set[tuple[str, str, str]]:
    """(row_key, column_key, status) of every cell of table `slug` that does not match."""
    return {(r, c, s) for (r, c), s in comparison_status(db, slug).items() if s != "match"}


def read_golden(path: Path) -> list[dict[str, str]]:
    """The rows of a golden CSV (typed from the published document), as strings."""
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def assert_wide_golden(
    cells: dict[tuple[str, str], PrintedCell],
    golden: list[dict[str, str]],
    columns: Sequence[str],
    *,
    right_from: int | None = None,
    skip_blank: bool = False,
) -> None:
    """The printed cells equal a wide golden table: one row per `row_key`, one CSV column per
    printed column holding the text as printed, and the row's `line`.

    The cells are exactly the golden ones (`skip_blank`: golden cells left blank are not
    printed). In a table printed in halves, columns from index `right_from` on sit on the right
    half, at the row's `right_line`.
    """
    expected = {
        (g["row_key"], column): (g, n)
        for g in golden
        for n, column in enumerate(columns)
        if g[column] or not skip_blank
    }
    assert set(cells) == set(expected)
    for (row, column), (g, n) in expected.items():
        cell = cells[(row, column)]
        assert cell.text == g[column], (row, column)
        right = right_from is not None and n >= right_from
        assert cell.line == int(g["right_line"] if right else g["line"]), (row, column)


def assert_golden_values(
    cells: dict[tuple[str, str], PrintedCell],
    golden: list[dict[str, str]],
    columns: Sequence[str],
    *,
    line_columns: Sequence[str] = (),
) -> None:
    """Every golden row's amounts (integers in the CSV) are the values of its printed cells,
    and the cells of `line_columns` sit on the row's `line`."""
    for g in golden:
        for column in columns:
            cell = cells[(g["row_key"], column)]
            assert cell.value == int(g[column]), (g["row_key"], column)
        for column in line_columns:
            assert cells[(g["row_key"], column)].line == int(g["line"]), (g["row_key"], column)


def result_cells(result: TableResult) -> dict[tuple[str, str], PrintedCell]:
    """The printed cells of one parser's result, keyed by (row_key, column_key)."""
    return {(c.row_key, c.column_key): c for c in result.cells}


CheckRow = tuple[int, str, str, str]


def plant_on_copy(
    database: str, copy: Path, sql: str, params: Sequence[object] = ()
) -> tuple[set[CheckRow], set[CheckRow]]:
    """Copy `database` to `copy`, run the planting statement `sql` on the copy and return the
    consistency_checks rows (document_id, check_name, subject, status) it removed and added:
    a plant is good when exactly its family's row turns from pass to fail."""
    import shutil

    shutil.copyfile(database, copy)
    query = "SELECT document_id, check_name, subject, status FROM consistency_checks"
    before = set(api.query(str(copy), query).rows)
    con = duckdb.connect(str(copy))
    con.execute(sql, list(params))
    con.close()
    after = set(api.query(str(copy), query).rows)
    return before - after, after - before


def query_rows(path: str, sql: str) -> list[tuple]:
    """Rows of `sql` on the DuckDB file `path`, opened read-only and closed again."""
    con = duckdb.connect(path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
