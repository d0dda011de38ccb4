"""The writer: one parsed document per transaction, or a group of prepared documents in one.

Knows the schema and nothing about parsing. A document whose sha256 is already stored is
`unchanged`; another file for the same kind, budget, agency, fiscal year and stage is refused
unless `replace`, in which case the old document's facts go in the same transaction.

`write_group` (DuckDB batches) checks every document of a group before any row is written,
then inserts each table once for the whole group: a statement costs 1-4 ms whatever its row
count, so 24 statements per document were most of the write time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.engine import Connection

from unitbudget.comparison import invalidate
from unitbudget.errors import LoadConflict
from unitbudget.schema import FACT_TABLES, Document, table

from .parsed import ParsedDocument
from .rows import all_rows, arrow_column, arrow_table, validate_columns, validate_keys
from .version import PARSER_VERSION

# The row checks and the Arrow conversion live in .rows; exported here too for callers that
# know them as writer.*.
__all__ = [
    "WriteResult",
    "all_rows",
    "arrow_column",
    "arrow_table",
    "insert_arrow",
    "insert_rows",
    "validate_columns",
    "validate_keys",
    "write_document",
    "write_group",
    "write_prepared",
]

if TYPE_CHECKING:
    import pyarrow as pa

    from .prepared import PreparedDocument


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


def after_documents_written(
    conn: Connection, document_ids: Sequence[int], replaced: Sequence[int] = ()
) -> None:
    """Work derived from the documents' own rows that must commit with them, run inside the
    transaction that wrote `document_ids` (a file with its 附錄 units, or a whole group) after
    their rows are in: the stored comparison results of the documents that read them are
    forgotten (`unitbudget.comparison.invalidate`, a few small DELETEs; `replaced` are
    documents this write deleted). The results themselves are stored after the load, outside
    the write transactions (`unitbudget.comparison.store_pending`). Anything it raises rolls
    the transaction back like a failed insert.
    """
    invalidate(conn, document_ids, replaced)


def loaded_as(conn: Connection, sha256: str) -> int | None:
    """The document_id of the stored file with this sha256, if any."""
    return conn.execute(select(Document.document_id).where(Document.sha256 == sha256)).scalar()


def _restaged(conn: Connection, doc: ParsedDocument) -> int | None:
    """The stored book holding `doc`'s bytes under another stage or fiscal year (a --replace
    with --stage / --year asks to store it again as `doc` says), or None."""
    row = conn.execute(
        select(Document.document_id, Document.stage, Document.fiscal_year).where(
            Document.sha256 == doc.sha256, Document.parent_document_id.is_(None)
        )
    ).first()
    if row is None or (row.stage, row.fiscal_year) == (doc.stage, doc.fiscal_year):
        return None
    return row.document_id


def slot_to_replace(conn: Connection, doc: ParsedDocument, replace: bool) -> int | None:
    """The document another file holds in this document's slot (to be replaced), or None.

    Raises `LoadConflict` naming both files when the slot is taken and not `replace`.
    """
    old = find_same_slot(conn, doc)
    if old is not None and not replace:
        old_file = conn.execute(
            select(Document.file_name).where(Document.document_id == old)
        ).scalar()
        raise _conflict(doc, old, old_file)
    return old


def _conflict(doc: ParsedDocument, old: int, old_file: str | None) -> LoadConflict:
    return LoadConflict(
        f"a different file ({old_file}, document {old}) is already loaded for "
        f"{doc.agency_name or doc.kind} fiscal year {doc.fiscal_year} ({doc.stage}); "
        "use --replace to replace it",
        file=doc.file_name,
    )


def slot_key(doc: Any) -> tuple:
    """The fields `find_same_slot` matches, for a ParsedDocument or a core.documents row: the
    group writer checks slots in memory with it. Keep the two in step (child documents, the
    附錄 units, hold no slot: callers leave them out)."""
    return (doc.kind, doc.budget_name, doc.agency_code, doc.fiscal_year, doc.stage)


def document_row(doc: ParsedDocument, parent: int | None = None) -> dict[str, Any]:
    """The core.documents columns of `doc` (without document_id); `parent`: the book of a
    附錄 unit."""
    return dict(
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


def write_document(
    conn: Connection,
    doc: ParsedDocument,
    *,
    replace: bool = False,
    fail_after_rows: int | None = None,
) -> WriteResult:
    """Write inside the caller's transaction; any exception leaves it to roll back.

    A file already stored is `unchanged`, except with `replace` when `doc` (parsed with the
    requested --stage / --year) has another stage or fiscal year than the stored book: that
    book is deleted and `doc` written, `replaced` (raises `LoadConflict` as below when the new
    slot is taken by another file and not `replace`).

    `fail_after_rows` exists for the atomicity tests: it raises after that many fact rows.
    """
    existing = loaded_as(conn, doc.sha256)
    restaged = _restaged(conn, doc) if replace else None
    if existing is not None and restaged is None:
        return WriteResult(existing, "unchanged", 0)
    old = slot_to_replace(conn, doc, replace)
    for part in (doc, *doc.units):
        validate_columns(part)
        validate_keys(part)
    if restaged is not None:
        delete_document(conn, restaged)
    if old is not None:
        delete_document(conn, old)
    old = restaged if restaged is not None else old

    _add_missing_reference_rows(conn, [doc])
    document_id, written = _insert_document(conn, doc, None, fail_after_rows)
    ids = [document_id]
    for unit in doc.units:
        unit_id, unit_written = _insert_document(conn, unit, document_id, None)
        ids.append(unit_id)
        written += unit_written
    after_documents_written(conn, ids, [] if old is None else [old])
    return WriteResult(document_id, "replaced" if old else "loaded", written, old)


def _insert_document(
    conn: Connection, doc: ParsedDocument, parent: int | None, fail_after_rows: int | None
) -> tuple[int, int]:
    """Insert one document row and its facts; returns (document_id, fact rows written)."""
    document_id = conn.execute(
        insert(Document).values(**document_row(doc, parent)).returning(Document.document_id)
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


def write_prepared(
    conn: Connection, prep: PreparedDocument, *, replace: bool = False
) -> WriteResult:
    """`write_document` for a prepared document (columns and keys already checked), in the
    caller's transaction; raises `LoadConflict` when its slot is taken and not `replace`."""
    doc = prep.doc
    existing = loaded_as(conn, doc.sha256)
    restaged = _restaged(conn, doc) if replace else None
    if existing is not None and restaged is None:
        return WriteResult(existing, "unchanged", 0)
    old = slot_to_replace(conn, doc, replace)
    if restaged is not None:
        delete_document(conn, restaged)
    if old is not None:
        delete_document(conn, old)
    old = restaged if restaged is not None else old
    _add_missing_reference_rows(conn, [doc])
    document_id = conn.execute(
        insert(Document).values(**document_row(doc)).returning(Document.document_id)
    ).scalar_one()
    for name, arrow in prep.columns.items():
        insert_arrow(conn, table(name), [(document_id, arrow)])
    after_documents_written(conn, [document_id])
    return WriteResult(document_id, "replaced" if old else "loaded", prep.facts, old)


def write_group(
    conn: Connection,
    group: Sequence[PreparedDocument],
    *,
    fail_after_tables: int | None = None,
) -> list[WriteResult | LoadConflict]:
    """Write a group of prepared documents inside the caller's transaction, never replacing.

    Every document is checked before anything is written, in order, as if the ones accepted
    before it were already stored: a sha256 stored (or earlier in the group) makes it
    `unchanged`; a slot (`slot_key`) taken in the warehouse or earlier in the group refuses
    it, with the `LoadConflict` as its result. Then the accepted documents' rows go in with
    one statement per table for the whole group, and `after_documents_written` runs once for
    them. Returns one result per document, in order. A database error propagates (the
    caller rolls the group back and retries each file alone). `fail_after_tables` exists for
    the tests: it raises after that many fact-table inserts.
    """
    docs = [p.doc for p in group]
    by_sha: dict[str, int] = dict(
        conn.execute(  # type: ignore[arg-type]
            select(Document.sha256, Document.document_id).where(
                Document.sha256.in_({d.sha256 for d in docs})
            )
        ).all()
    )
    by_slot: dict[tuple, tuple[int, str | None]] = {
        slot_key(r): (r.document_id, r.file_name)
        for r in conn.execute(
            select(Document.__table__).where(
                Document.fiscal_year.in_({d.fiscal_year for d in docs}),
                Document.parent_document_id.is_(None),
            )
        )
    }
    ids = iter(_next_document_ids(conn, len(group)))
    results: list[WriteResult | LoadConflict] = []
    accepted: list[tuple[int, PreparedDocument]] = []
    for prep in group:
        doc = prep.doc
        if doc.sha256 in by_sha:
            results.append(WriteResult(by_sha[doc.sha256], "unchanged", 0))
            continue
        if slot_key(doc) in by_slot:
            results.append(_conflict(doc, *by_slot[slot_key(doc)]))
            continue
        document_id = next(ids)
        by_sha[doc.sha256] = document_id
        by_slot[slot_key(doc)] = (document_id, doc.file_name)
        accepted.append((document_id, prep))
        results.append(WriteResult(document_id, "loaded", prep.facts))
    if not accepted:
        return results
    _add_missing_reference_rows(conn, [p.doc for _, p in accepted])
    insert_rows(
        conn,
        Document.__table__,
        [{"document_id": i, **document_row(p.doc)} for i, p in accepted],
    )
    names = dict.fromkeys(name for _, p in accepted for name in p.columns)
    for done, name in enumerate(names):
        if fail_after_tables is not None and done >= fail_after_tables:
            raise RuntimeError(f"injected failure after {fail_after_tables} tables")
        insert_arrow(
            conn, table(name), [(i, p.columns[name]) for i, p in accepted if name in p.columns]
        )
    after_documents_written(conn, [i for i, _ in accepted])
    return results


def _next_document_ids(conn: Connection, n: int) -> list[int]:
    """`n` values of the documents sequence in one statement (a gap is harmless)."""
    seq = f"{Document.__table__.schema}.documents_document_id_seq"
    if conn.dialect.name == "duckdb":
        sql = f"SELECT nextval('{seq}') FROM range({int(n)})"
    else:
        sql = f"SELECT nextval('{seq}') FROM generate_series(1, {int(n)})"
    return [int(r[0]) for r in conn.exec_driver_sql(sql).all()]


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
        _raw_execute(
            raw, f"INSERT INTO {target} ({cols}) VALUES {', '.join([one] * len(rows))}", params
        )
        return
    _insert_registered(raw, target, columns, arrow_table(tbl, rows))


def insert_arrow(conn: Connection, tbl: Table, parts: list[tuple[int, pa.Table]]) -> None:
    """Insert the Arrow tables of several documents, `(document_id, its rows)`, into `tbl`.

    On DuckDB one INSERT per distinct column set (normally one for the whole group) through
    DuckDB's Arrow scan; other engines get the rows as dicts through executemany. Rows go in
    in the order of `parts`, each document's in its own order.
    """
    import pyarrow as pa

    by_columns: dict[tuple[str, ...], list[tuple[int, pa.Table]]] = {}
    for document_id, arrow in parts:
        by_columns.setdefault(tuple(arrow.column_names), []).append((document_id, arrow))
    target = f'{tbl.schema}."{tbl.name}"'
    for columns, docs in by_columns.items():
        # One chunk: DuckDB's scan pays per Arrow batch and column, so a group's 32 one-
        # document chunks cost ~1.5x the same rows in one (bench/README.md, round 5).
        merged = pa.concat_tables([arrow for _, arrow in docs]).combine_chunks()
        ids = [document_id for document_id, arrow in docs for _ in range(arrow.num_rows)]
        merged = merged.append_column("document_id", pa.array(ids, type=pa.int64()))
        if conn.dialect.name != "duckdb":
            conn.execute(insert(tbl), merged.to_pylist())
            continue
        raw = conn.connection.driver_connection
        _insert_registered(raw, target, [*columns, "document_id"], merged)


def _insert_registered(raw: Any, target: str, columns: list[str], arrow: pa.Table) -> None:
    """INSERT ... SELECT from an Arrow table on the raw DuckDB connection.

    The table reaches DuckDB by its local name through DuckDB's replacement scan (which looks
    in the frame calling `execute`), not by `register`: registering and unregistering a
    view cost ~0.8 ms a table, ~1 ms per document in a group write (bench/README.md,
    round 5). Raises DBAPIError as `_raw_execute` does.
    """
    import duckdb
    from sqlalchemy.exc import DBAPIError

    cols = ", ".join(f'"{c}"' for c in columns)
    sql = f"INSERT INTO {target} ({cols}) SELECT {cols} FROM _unitbudget_bulk"
    _unitbudget_bulk = arrow  # noqa: F841 - read by name by DuckDB's replacement scan
    try:
        raw.execute(sql)
    except duckdb.Error as exc:
        raise DBAPIError(sql, None, exc) from exc


def _raw_execute(raw: Any, sql: str, params: list | None = None) -> None:
    """Run on the raw DuckDB connection; the engine's refusal comes back as SQLAlchemy's
    DBAPIError, as for a statement run through the Connection, so callers handle one kind."""
    import duckdb
    from sqlalchemy.exc import DBAPIError

    try:
        raw.execute(sql, params)
    except duckdb.Error as exc:
        raise DBAPIError(sql, None, exc) from exc


def _add_missing_reference_rows(conn: Connection, docs: Sequence[ParsedDocument]) -> None:
    """Reference rows the documents met and the charts lack (the first document's row wins)."""
    wanted: dict[str, list[dict]] = {}
    # a 附錄 unit may print a class its book does not
    for part in (part for doc in docs for part in (doc, *doc.units)):
        for name, rows in part.reference_rows.items():
            wanted.setdefault(name, []).extend(rows)
    for name, rows in wanted.items():
        tbl = table(name)
        key = next(iter(tbl.primary_key.columns))
        present = {r[0] for r in conn.execute(select(key))}
        new = []
        for r in rows:
            if r[key.name] not in present:
                present.add(r[key.name])
                new.append(r)
        if new:
            conn.execute(insert(tbl), new)
