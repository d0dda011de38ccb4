"""A parsed document made ready for the writer: columns and keys checked, rows as Arrow tables.

Built in the parsing worker, so the writer process receives columnar tables (each crosses as
one Arrow IPC stream: ~1.2 ms to hand over a seed document, against ~6 ms pickled table by
table and ~10 ms as dicts) and spends no time on per-row Python work. The document's
metadata stays a `ParsedDocument` (without its fact and cell rows) so the writer's checks read
the same fields as before.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from unitbudget.schema import table

from .parsed import ParsedDocument
from .rows import all_rows, arrow_table, cells_table, validate_columns, validate_keys

if TYPE_CHECKING:
    import pyarrow as pa


@dataclass
class PreparedDocument:
    """A document ready for `writer.write_group` / `writer.write_prepared`.

    `doc`: the ParsedDocument without facts, cells or 附錄 units (metadata, tables report,
    issues count, reference rows). `columns`: warehouse table name -> Arrow table of that
    table's columns except document_id, one Arrow row per row of the document (column types
    those of the warehouse: Numeric -> decimal128, amounts in 千元 exact; Integer -> int64;
    text -> string). `facts`: rows over every table, as `WriteResult.facts` counts them.
    """

    doc: ParsedDocument
    columns: dict[str, pa.Table]
    facts: int

    @property
    def file_name(self) -> str:
        return self.doc.file_name

    # Pickled to cross from a parsing worker to the writing process. Arrow pickles a table
    # column by column (~0.15 ms a table, ~25 tables: 4.0 ms out, 2.1 ms in for a seed
    # document); one IPC stream per table takes 0.6 + 0.6 ms (bench/README.md, issue 15).
    def __getstate__(self) -> dict[str, Any]:
        import pyarrow as pa

        streams = {}
        for name, columns in self.columns.items():
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, columns.schema) as stream:
                stream.write_table(columns)
            streams[name] = sink.getvalue()
        return {"doc": self.doc, "columns": streams, "facts": self.facts}

    def __setstate__(self, state: dict[str, Any]) -> None:
        import pyarrow as pa

        self.doc = state["doc"]
        self.facts = state["facts"]
        self.columns = {
            name: pa.ipc.open_stream(buf).read_all() for name, buf in state["columns"].items()
        }


def prepare(doc: ParsedDocument) -> PreparedDocument | ParsedDocument:
    """Check the document's columns and keys and convert its rows to Arrow tables.

    A book with 附錄 units comes back unchanged: its units are written, replaced and deleted
    with it, which only the single-file writer (`write_document`) does.

    Raises `ParseError` naming the file when a row does not fit its table
    (`rows.validate_columns`) or a fact key repeats (`rows.validate_keys`).
    """
    if doc.units:
        return doc
    validate_columns(doc)
    # Printed cells go to Arrow without a dict per cell (`cells_table`), unless their keys
    # repeat or Arrow refuses a value: then every row goes the dict way, as the writer's.
    cells = cells_table(doc.cells) if doc.cells else None
    rows = all_rows(doc, cells=cells is None)
    validate_keys(doc, rows)
    columns: dict[str, pa.Table] = {}
    facts = 0
    for name, table_rows in rows:
        if cells is not None and name == "load_issues":
            columns["printed_cells"] = cells  # all_rows' order: after document_tables
            facts += len(doc.cells)
        if not table_rows:
            continue
        columns[name] = arrow_table(table(name), table_rows)
        facts += len(table_rows)
    bare = replace(doc, facts={}, cells=[])
    return PreparedDocument(bare, columns, facts)
