"""The writer checks every fact row's keys against its table: nothing is dropped without a word."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from unitbudget import api
from unitbudget.errors import ParseError
from unitbudget.loaders import unit_budget
from unitbudget.loaders.prepared import prepare
from unitbudget.loaders.registry import parsers
from unitbudget.loaders.rows import (
    all_rows,
    arrow_column,
    arrow_table,
    cell_rows,
    cells_table,
    validate_columns,
)
from unitbudget.loaders.tables.base import ParseContext, TableParser, TableResult
from unitbudget.schema import table

from .conftest import SAMPLE


def _renaming(parser: TableParser, table: str, old: str, new: str | None) -> TableParser:
    """`parser` whose `table` rows carry `old` under the name `new` (None: drop the key)."""

    def parse(region, ctx: ParseContext) -> TableResult:  # noqa: ANN001 - a Region
        result = parser.parse(region, ctx)
        for row in result.facts.get(table, []):
            value = row.pop(old)
            if new is not None:
                row[new] = value
        return result

    return dataclasses.replace(parser, parse=parse)


def _with_parser(monkeypatch: pytest.MonkeyPatch, replacement: TableParser) -> None:
    swapped = tuple(replacement if p.slug == replacement.slug else p for p in parsers())
    monkeypatch.setattr(unit_budget, "parsers", lambda: swapped)


def _vehicles() -> TableParser:
    return next(p for p in parsers() if p.slug == "vehicles")


def test_a_misspelt_key_refuses_the_document(monkeypatch: pytest.MonkeyPatch, db_path: str) -> None:
    _with_parser(monkeypatch, _renaming(_vehicles(), "vehicles", "vehicle_count", "vehicle_cnt"))
    batch = api.load(db_path, [str(SAMPLE)])
    [outcome] = batch.outcomes
    assert outcome.status == "refused"
    assert "parser vehicles" in (outcome.message or "")
    assert "'vehicle_cnt'" in (outcome.message or "")
    # The sample prints two vehicle rows (lines 587 and 588): both carried the misspelt key.
    assert "(2 row(s), first at line 587)" in (outcome.message or "")
    assert not Path(db_path).exists()  # nothing stored: the database the load created is removed


def test_a_missing_required_column_refuses_the_document(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _with_parser(monkeypatch, _renaming(_vehicles(), "vehicles", "seq", None))
    batch = api.load(str(tmp_path / "wh.duckdb"), [str(SAMPLE)])
    [outcome] = batch.outcomes
    assert outcome.status == "refused"
    assert "lack the required column 'seq'" in (outcome.message or "")


def test_the_sample_fits_its_tables(sample_doc) -> None:  # noqa: ANN001 - ParsedDocument
    validate_columns(sample_doc)  # raises on any unknown or missing column
    assert sample_doc.fact_sources["vehicles"] == ["vehicles"]
    assert sample_doc.fact_sources["program_links"] == ["program_links"]


def _by_columns(name: str, rows: list[dict]) -> pa.Table:
    """The column-by-column conversion `arrow_table` falls back to, for comparison."""
    tbl = table(name)
    names = [c.name for c in tbl.columns if c.name in rows[0]]
    return pa.table({c: arrow_column(tbl.c[c], [r.get(c) for r in rows]) for c in names})


@pytest.mark.parametrize("which", ["sample", "book"])
def test_arrow_tables_equal_the_column_by_column_conversion(
    which: str, request: pytest.FixtureRequest
) -> None:
    doc = request.getfixturevalue(f"{which}_doc")
    parts = [doc, *doc.units]
    checked = 0
    for part in parts:
        for name, rows in all_rows(part):
            if rows:
                got = arrow_table(table(name), rows)
                want = _by_columns(name, rows)
                assert got.schema == want.schema, name
                assert got.equals(want), name
                checked += 1
    assert checked >= 20


def test_arrow_table_keeps_amounts_exact_and_text_as_text(sample_doc) -> None:  # noqa: ANN001
    rows = dict(all_rows(sample_doc))["printed_cells"]
    cells = arrow_table(table("printed_cells"), rows).to_pylist()
    # The sample's plan overview prints 211,016 (千元) for 5262200100 at line 210.
    [cell] = [
        c
        for c in cells
        if c["table_slug"] == "plan_overview"
        and c["row_key"] == "5262200100"
        and c["column_key"] == "amount"
    ]
    assert (cell["text"], cell["value"], cell["line"]) == ("211,016", Decimal("211016"), 210)
    # A number where a text column is expected is stored as its text, not refused.
    [issue] = arrow_table(table("load_issues"), [{"severity": "warning", "code": 7}]).to_pylist()
    assert issue == {"severity": "warning", "code": "7"}


@pytest.mark.parametrize("which", ["sample", "book"])
def test_printed_cells_built_from_the_cells_equal_the_dict_conversion(
    which: str, request: pytest.FixtureRequest
) -> None:
    doc = request.getfixturevalue(f"{which}_doc")
    for part in [doc, *doc.units]:
        got = cells_table(part.cells)
        want = arrow_table(table("printed_cells"), cell_rows(part.cells))
        assert got is not None
        assert got.schema == want.schema
        assert got.equals(want)


def test_printed_cells_with_a_repeated_key_go_the_dict_way(sample_doc) -> None:  # noqa: ANN001
    cells = [*sample_doc.cells, sample_doc.cells[0]]
    assert cells_table(cells) is None
    with pytest.raises(ParseError, match="printed_cells .* appears twice"):
        prepare(dataclasses.replace(sample_doc, cells=cells))


def test_printed_cells_arrow_refuses_go_the_dict_way(sample_doc) -> None:  # noqa: ANN001
    first = sample_doc.cells[0]
    # a number where text is expected: Arrow refuses it column by column too, the dict way
    # stores its text
    odd = dataclasses.replace(first, cell=dataclasses.replace(first.cell, text=7))
    cells = [odd, *sample_doc.cells[1:]]
    assert cells_table(cells) is None
    prepared = prepare(dataclasses.replace(sample_doc, cells=cells))
    assert prepared.columns["printed_cells"]["text"][0].as_py() == "7"
    assert prepared.facts == prepare(sample_doc).facts
