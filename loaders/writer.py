"""The writer: one parsed document, one transaction.

Knows the schema and nothing about parsing. A document whose sha256 is already stored is
`unchanged`; another file for the same kind, agency, fiscal year and stage is refused unless
`replace`, in which case the old document's facts go in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, Table, delete, insert, select
from sqlalchemy.engine import Connection

from unitbudget.comparison import store_cells
from unitbudget.errors import LoadConflict, ParseError
from unitbudget.schema import FACT_TABLES, Document, table

from .parsed import ParsedDocument
from .version import PARSER_VERSION


@dataclass(frozen=True)
class WriteResult:
    document_id: int
    status: str  # loaded | unchanged | replaced
    facts: int
    replaced_document_id: int | None = None


def find_same_slot(conn: Connection, doc: ParsedDocument) -> int | None:
    """The stored document `doc` would replace: same kind, budget, agency, year and stage.

    The budget is part of the slot: a 特別預算 or 追加(減)預算 of a year is its own document
    beside that year's 總預算, never a replacement of it (nor is --replace allowed to swap them).
    """
    q = select(Document.document_id).where(
        Document.kind == doc.kind,
        Document.budget_name == doc.budget_name,
        Document.fiscal_year == doc.fiscal_year,
        Document.stage == doc.stage,
        Document.parent_document_id.is_(None),
    )
    q = q.where(
        Document.agency_code.is_(None)
        if doc.agency_code is None
        else Document.agency_code == doc.agency_code
    )
    return conn.execute(q).scalar()


def delete_document(conn: Connection, document_id: int) -> None:
    """Delete a document, its 附錄 units and all their facts, in the caller's transaction."""
    units = conn.execute(
        select(Document.document_id).where(Document.parent_document_id == document_id)
    ).scalars()
    for unit in list(units):
        delete_document(conn, unit)
    for name in reversed(FACT_TABLES):
        tbl = table(name)
        conn.execute(delete(tbl).where(tbl.c.document_id == document_id))
    conn.execute(delete(Document).where(Document.document_id == document_id))


def write_document(
    conn: Connection,
    doc: ParsedDocument,
    *,
    replace: bool = False,
    fail_after_rows: int | None = None,
) -> WriteResult:
    """Write inside the caller's transaction; any exception leaves it to roll back.

    `fail_after_rows` exists for the atomicity tests: it raises after that many fact rows.
    """
    existing = conn.execute(
        select(Document.document_id).where(Document.sha256 == doc.sha256)
    ).scalar()
    if existing is not None:
        return WriteResult(existing, "unchanged", 0)
    old = find_same_slot(conn, doc)
    if old is not None and not replace:
        old_file = conn.execute(
            select(Document.file_name).where(Document.document_id == old)
        ).scalar()
        raise LoadConflict(
            f"a different file ({old_file}, document {old}) is already loaded for "
            f"{doc.agency_name or doc.kind} fiscal year {doc.fiscal_year} ({doc.stage}); "
            "use --replace to replace it",
            file=doc.file_name,
        )
    for part in (doc, *doc.units):
        validate_columns(part)
        validate_keys(part)
    if old is not None:
        delete_document(conn, old)

    _add_missing_reference_rows(conn, doc)
    document_id, written = _insert_document(conn, doc, None, fail_after_rows)
    unit_ids = []
    for unit in doc.units:
        unit_id, unit_written = _insert_document(conn, unit, document_id, None)
        unit_ids.append(unit_id)
        written += unit_written
    # The regenerated cells compare reads, in the same transaction as the facts.
    store_cells(conn, [document_id, *unit_ids], [] if old is None else [old])
    return WriteResult(document_id, "replaced" if old else "loaded", written, old)


def _insert_document(
    conn: Connection, doc: ParsedDocument, parent: int | None, fail_after_rows: int | None
) -> tuple[int, int]:
    """Insert one document row and its facts; returns (document_id, fact rows written)."""
    document_id = conn.execute(
        insert(Document)
        .values(
            kind=doc.kind,
            file_name=doc.file_name,
            sha256=doc.sha256,
            encoding=doc.encoding,
            agency_code=doc.agency_code,
            agency_name=doc.agency_name,
            fiscal_year=doc.fiscal_year,
            stage=doc.stage,
            budget_name=doc.budget_name,
            parser_version=PARSER_VERSION,
            loaded_at=datetime.now(UTC).replace(tzinfo=None),
            page_count=doc.page_count,
            line_count=doc.line_count,
            parent_document_id=parent,
            unit_name=doc.unit_name,
        )
        .returning(Document.document_id)
    ).scalar_one()

    written = 0
    for name, rows in all_rows(doc):
        if not rows:
            continue
        tbl = table(name)
        batch = [{**row, "document_id": document_id} for row in rows]
        if fail_after_rows is not None and written + len(batch) > fail_after_rows:
            keep = max(fail_after_rows - written, 0)
            if keep:
                insert_rows(conn, tbl, batch[:keep])
            raise RuntimeError(f"injected failure after {fail_after_rows} rows")
        insert_rows(conn, tbl, batch)
        written += len(batch)
    return document_id, written


# From this many rows an Arrow table beats one multi-row VALUES statement.
BULK_THRESHOLD = 200


def insert_rows(conn: Connection, tbl: Table, rows: list[dict]) -> None:
    """Insert on DuckDB's fast paths; other engines use executemany.

    DuckDB's executemany runs one prepared statement per row (~0.3 ms each). A single
    multi-row VALUES statement is several times faster for the small tables of a document;
    large ones go through DuckDB's native Arrow scan (TECH-NOTES: ~40x executemany). Both run
    on the caller's connection, so they are part of its transaction.
    """
    if conn.dialect.name != "duckdb":
        conn.execute(insert(tbl), rows)
        return
    columns = [c.name for c in tbl.columns if c.name in rows[0]]
    cols = ", ".join(f'"{c}"' for c in columns)
    target = f'{tbl.schema}."{tbl.name}"'
    raw = conn.connection.driver_connection
    if len(rows) < BULK_THRESHOLD:
        one = "(" + ", ".join("?" * len(columns)) + ")"
        # DuckDB binds Decimal exactly: amounts never pass through float.
        params = [row.get(c) for row in rows for c in columns]
        raw.execute(f"INSERT INTO {target} ({cols}) VALUES {', '.join([one] * len(rows))}", params)
        return
    import pyarrow as pa

    arrow = pa.table({c: arrow_column(tbl.c[c], [r.get(c) for r in rows]) for c in columns})
    raw.register("_unitbudget_bulk", arrow)
    try:
        raw.execute(f"INSERT INTO {target} ({cols}) SELECT {cols} FROM _unitbudget_bulk")
    finally:
        raw.unregister("_unitbudget_bulk")


def arrow_column(column: Column, values: list) -> object:
    import pyarrow as pa

    kind = type(column.type).__name__
    if kind == "Numeric":
        scale = column.type.scale or 0
        precision = column.type.precision or 38
        return pa.array(values, type=pa.decimal128(precision, scale))
    if kind in ("Integer", "BigInteger"):
        return pa.array(values, type=pa.int64())
    if kind == "Boolean":
        return pa.array(values, type=pa.bool_())
    return pa.array([None if v is None else str(v) for v in values], type=pa.string())


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
            tbl = table(name)
        except KeyError:
            problems.append(f"parser {sources}: no table {name!r} in the schema")
            continue
        columns = {c.name for c in tbl.columns} - {"document_id"}
        required = {
            c.name
            for c in tbl.columns
            if not c.nullable
            and c.default is None
            and c.server_default is None
            and c.name != "document_id"
        }
        unknown: dict[str, int] = {}
        missing: dict[str, int] = {}
        first_line: dict[str, object] = {}
        for row in rows:
            keys = row.keys()
            for key in keys - columns:
                unknown[key] = unknown.get(key, 0) + 1
                first_line.setdefault(key, row.get("line") or row.get("sheet_row"))
            for key in required - keys:
                missing[key] = missing.get(key, 0) + 1
        for key, count in sorted(unknown.items()):
            where = f", first at line {first_line[key]}" if first_line[key] else ""
            problems.append(
                f"parser {sources}: {name} has no column {key!r} ({count} row(s){where})"
            )
        for key, count in sorted(missing.items()):
            problems.append(
                f"parser {sources}: {name} rows lack the required column {key!r} ({count} row(s))"
            )
    if problems:
        raise ParseError(
            f"{len(problems)} fact column problem(s): " + "; ".join(problems), file=doc.file_name
        )


def validate_keys(doc: ParsedDocument) -> None:
    """Refuse a document whose facts repeat a key, listing every offending row at once.

    A repeated key means the document printed the same thing twice (or a parser read it
    twice); storing either copy would silently drop the other.
    """
    problems: list[str] = []
    for name, rows in all_rows(doc):
        tbl = table(name)
        key_cols = [c.name for c in tbl.primary_key.columns if c.name != "document_id"]
        if not key_cols or any(c.server_default is not None for c in tbl.primary_key.columns):
            continue
        seen: dict[tuple, dict] = {}
        for row in rows:
            key = tuple(row.get(c) for c in key_cols)
            if key in seen:
                where = row.get("line") or row.get("sheet_row")
                first = seen[key].get("line") or seen[key].get("sheet_row")
                problems.append(
                    f"{name} {dict(zip(key_cols, key, strict=True))} appears twice "
                    f"(lines {first} and {where})"
                )
            else:
                seen[key] = row
    if problems:
        shown = "; ".join(problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise ParseError(f"{len(problems)} repeated fact(s): {shown}{more}", file=doc.file_name)


def all_rows(doc: ParsedDocument) -> list[tuple[str, list[dict]]]:
    out: list[tuple[str, list[dict]]] = [
        ("document_tables", [vars(t) for t in doc.tables]),
        (
            "printed_cells",
            [
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
                for pc in doc.cells
            ],
        ),
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
        ),
    ]
    out.extend((name, rows) for name, rows in doc.facts.items())
    return out


def _add_missing_reference_rows(conn: Connection, doc: ParsedDocument) -> None:
    for name, rows in doc.reference_rows.items():
        tbl = table(name)
        key = next(iter(tbl.primary_key.columns))
        present = {r[0] for r in conn.execute(select(key))}
        new = [r for r in rows if r[key.name] not in present]
        if new:
            conn.execute(insert(tbl), new)
