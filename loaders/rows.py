"""A document's fact rows as the warehouse takes them: checked against their tables, then Arrow.

`all_rows` lists every row a document stores (table reports, printed cells, load issues and
the parsers' facts) as dicts keyed by column name; `validate_columns` and `validate_keys`
refuse a document whose rows do not fit their tables or repeat a key; `arrow_table` turns a
table's rows into one Arrow table typed like the warehouse columns. Run once per document,
in a parsing worker for a batch (`prepared.prepare`), so each is written to cost little per
row: what they read of a table's schema is worked out once per table (`spec`), the key check
is one pass over the rows, and the Arrow conversion of a table is one call into Arrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Table

from unitbudget.errors import ParseError
from unitbudget.schema import table

from .parsed import ParsedDocument, PrintedTableCell

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass(frozen=True)
class TableSpec:
    """What the row checks read of one warehouse table, worked out once (`spec`).

    `columns`: its column names but document_id; `required`: those a row must give (not
    nullable, no default); `key`: the primary key but document_id, () when the table has no
    key to check (none besides document_id, or one filled by the database); `order`: every
    column name in table order.
    """

    name: str
    columns: frozenset[str]
    required: frozenset[str]
    key: tuple[str, ...]
    order: tuple[str, ...]


@cache
def spec(name: str) -> TableSpec:
    """The `TableSpec` of warehouse table `name`. Raises KeyError for no such table."""
    tbl = table(name)
    columns = frozenset(c.name for c in tbl.columns) - {"document_id"}
    required = frozenset(
        c.name
        for c in tbl.columns
        if not c.nullable
        and c.default is None
        and c.server_default is None
        and c.name != "document_id"
    )
    key: tuple[str, ...] = tuple(c.name for c in tbl.primary_key.columns if c.name != "document_id")
    if any(c.server_default is not None for c in tbl.primary_key.columns):
        key = ()
    return TableSpec(name, columns, required, key, tuple(c.name for c in tbl.columns))


def all_rows(doc: ParsedDocument, *, cells: bool = True) -> list[tuple[str, list[dict]]]:
    """(table name, rows) for every table `doc` stores, rows as dicts without document_id.

    Without `cells`, printed_cells is left out (`cells_table` converts those without dicts).
    """
    out: list[tuple[str, list[dict]]] = [("document_tables", [vars(t) for t in doc.tables])]
    if cells:
        out.append(("printed_cells", cell_rows(doc.cells)))
    out.append(
        (
            "load_issues",
            [
                {
                    "severity": i.severity,
                    "code": i.code,
                    "message": i.message,
                    "table_slug": i.table_slug,
                    "page": i.page,
                    "line": i.line,
                    "sheet_row": i.sheet_row,
                }
                for i in doc.issues
            ],
        )
    )
    out.extend((name, rows) for name, rows in doc.facts.items())
    return out


def cell_rows(cells: list[PrintedTableCell]) -> list[dict]:
    """The printed_cells rows of `cells`, as dicts without document_id."""
    return [
        {
            "table_slug": pc.table_slug,
            "row_key": pc.cell.row_key,
            "column_key": pc.cell.column_key,
            "row_order": pc.cell.row_order,
            "column_order": pc.cell.column_order,
            "text": pc.cell.text,
            "value": pc.cell.value,
            "page": pc.cell.page,
            "line": pc.cell.line,
        }
        for pc in cells
    ]


# printed_cells columns but table_slug, in table order (`cells_table` checks the order)
_CELL_FIELDS = (
    "row_key",
    "column_key",
    "row_order",
    "column_order",
    "text",
    "value",
    "page",
    "line",
)
_CELL_VALUES = attrgetter(*_CELL_FIELDS)
_CELL_OF = attrgetter("cell")


def cells_table(cells: list[PrintedTableCell]) -> pa.Table | None:
    """`arrow_table` of `cell_rows(cells)` built column by column from the cells, or None
    when their keys repeat or Arrow refuses a value (then the rows go the dict way, which
    words every repeat and converts what it can). A document prints ~1,000 cells: a dict per
    cell and Arrow reading the dicts back cost as much again as the conversion itself.
    """
    import pyarrow as pa

    slugs = [pc.table_slug for pc in cells]
    columns = list(zip(*map(_CELL_VALUES, map(_CELL_OF, cells)), strict=True))
    key = spec("printed_cells").key
    assert key == ("table_slug", "row_key", "column_key"), key
    if len(set(zip(slugs, columns[0], columns[1], strict=True))) != len(cells):
        return None
    schema = _arrow_schema(table("printed_cells"), ("table_slug", *_CELL_FIELDS))
    assert schema.names == ["table_slug", *_CELL_FIELDS], schema.names
    try:
        arrays = [pa.array(slugs, schema.field(0).type)]
        arrays += [pa.array(c, f.type) for c, f in zip(columns, list(schema)[1:], strict=True)]
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return pa.Table.from_arrays(arrays, schema=schema)


def validate_columns(doc: ParsedDocument) -> None:
    """Refuse a document whose fact rows do not fit their tables, listing every problem at once.

    A key the table lacks (a parser's misspelling such as `vehicle_cnt`) would otherwise be
    dropped without a word, leaving NULL in the real column; a required column left out would
    do the same. Each problem names the parser that produced the rows, the table and the key.

    Raises ParseError.
    """
    problems: list[str] = []
    for name, rows in doc.facts.items():
        sources = ", ".join(doc.fact_sources.get(name, [])) or doc.kind
        try:
            s = spec(name)
        except KeyError:
            problems.append(f"parser {sources}: no table {name!r} in the schema")
            continue
        # Rows of a table nearly always share one key set, in one order (made by one line of
        # a parser): check each distinct sequence of keys once, as a set.
        shapes = {tuple(row) for row in rows}
        if all(s.columns.issuperset(keys) and s.required.issubset(keys) for keys in shapes):
            continue
        problems.extend(_column_problems(sources, name, s, rows))
    if problems:
        raise ParseError(
            f"{len(problems)} fact column problem(s): " + "; ".join(problems), file=doc.file_name
        )


def _column_problems(sources: str, name: str, s: TableSpec, rows: list[dict]) -> list[str]:
    """Every unknown and missing column of `rows` (table `name`), counted, in words."""
    unknown: dict[str, int] = {}
    missing: dict[str, int] = {}
    first_line: dict[str, object] = {}
    for row in rows:
        keys = row.keys()
        for key in keys - s.columns:
            unknown[key] = unknown.get(key, 0) + 1
            first_line.setdefault(key, row.get("line") or row.get("sheet_row"))
        for key in s.required - keys:
            missing[key] = missing.get(key, 0) + 1
    problems = []
    for key, count in sorted(unknown.items()):
        where = f", first at line {first_line[key]}" if first_line[key] else ""
        problems.append(f"parser {sources}: {name} has no column {key!r} ({count} row(s){where})")
    for key, count in sorted(missing.items()):
        problems.append(
            f"parser {sources}: {name} rows lack the required column {key!r} ({count} row(s))"
        )
    return problems


def validate_keys(doc: ParsedDocument, rows: list[tuple[str, list[dict]]] | None = None) -> None:
    """Refuse a document whose facts repeat a key, listing every offending row at once.

    A repeated key means the document printed the same thing twice (or a parser read it
    twice); storing either copy would silently drop the other. `rows`: `all_rows(doc)` when
    the caller has it already.

    Raises ParseError.
    """
    problems: list[str] = []
    for name, table_rows in all_rows(doc) if rows is None else rows:
        key = spec(name).key
        if key and not _keys_unique(table_rows, key):
            problems.extend(_repeats(name, table_rows, key))
    if problems:
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise ParseError(f"{len(problems)} repeated fact(s): {shown}{more}", file=doc.file_name)


def _keys_unique(rows: list[dict], key: tuple[str, ...]) -> bool:
    """True when no two rows share `key`; False when some do or a row lacks a key column
    (then `_repeats` looks row by row, a missing column counting as None)."""
    try:
        keys = list(map(itemgetter(*key), rows))
    except KeyError:
        return False
    return len(set(keys)) == len(keys)


def _repeats(name: str, rows: list[dict], key: tuple[str, ...]) -> list[str]:
    """One message per row whose `key` an earlier row of table `name` has already."""
    problems = []
    seen: dict[tuple, dict] = {}
    for row in rows:
        values = tuple(row.get(c) for c in key)
        if values in seen:
            where = row.get("line") or row.get("sheet_row")
            first = seen[values].get("line") or seen[values].get("sheet_row")
            problems.append(
                f"{name} {dict(zip(key, values, strict=True))} appears twice "
                f"(lines {first} and {where})"
            )
        else:
            seen[values] = row
    return problems


def arrow_table(tbl: Table, rows: list[dict[str, Any]]) -> pa.Table:
    """`rows` (dicts; the columns are the keys of the first row, in table order) as an Arrow
    table typed like `tbl`'s columns (`arrow_column`): Numeric -> decimal128 of the column's
    precision and scale (amounts exact), Integer -> int64, Boolean -> bool, else string.

    Converted by Arrow in one call over the rows (a struct array, then its fields); a value
    that call refuses (a text column holding a number) sends the table through
    `arrow_column`, column by column, which turns any non-None text value into `str` and
    raises Arrow's error for the values it cannot convert either (an amount with more
    decimals than its column).
    """
    import pyarrow as pa

    keys = tuple(rows[0])
    try:
        return pa.Table.from_struct_array(pa.array(rows, type=_arrow_struct(tbl, keys)))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        schema = _arrow_schema(tbl, keys)
        return pa.table(
            {f.name: arrow_column(tbl.c[f.name], [r.get(f.name) for r in rows]) for f in schema}
        )


@lru_cache(maxsize=1024)
def _arrow_schema(tbl: Table, keys: tuple[str, ...]) -> pa.Schema:
    """The Arrow schema of `tbl`'s columns named in `keys`, in table order (cached: a table's
    rows come with the same keys document after document)."""
    import pyarrow as pa

    return pa.schema([(c.name, arrow_type(c)) for c in tbl.columns if c.name in keys])


@lru_cache(maxsize=1024)
def _arrow_struct(tbl: Table, keys: tuple[str, ...]) -> pa.StructType:
    """`_arrow_schema` as a struct type (cached too: ~4 us to build, ~25 tables a document)."""
    import pyarrow as pa

    return pa.struct(_arrow_schema(tbl, keys))


def arrow_type(column: Column) -> pa.DataType:
    """The Arrow type a warehouse column's values take (see `arrow_table`)."""
    import pyarrow as pa

    kind = type(column.type).__name__
    if kind == "Numeric":
        return pa.decimal128(column.type.precision or 38, column.type.scale or 0)
    if kind in ("Integer", "BigInteger"):
        return pa.int64()
    if kind == "Boolean":
        return pa.bool_()
    return pa.string()


def arrow_column(column: Column, values: list) -> pa.Array:
    """`values` of warehouse column `column` as an Arrow array of `arrow_type(column)`; text
    columns take `str(value)` of anything not None."""
    import pyarrow as pa

    kind = arrow_type(column)
    if pa.types.is_string(kind):
        values = [None if v is None else str(v) for v in values]
    return pa.array(values, type=kind)
