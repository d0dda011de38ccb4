"""Files for analysts: query results and views as CSV, Parquet, JSON and Excel.

- `write_rows`: one result to a file chosen by extension (.csv, .parquet, .xlsx, .json).
- `export_views`: views as Parquet partitioned by fiscal year (hive layout: `view/fiscal_year=112/
  *.parquet`, read directly by DuckDB, Spark, Trino, Polars and pandas) or as CSV with a
  Frictionless `datapackage.json` describing every field.
- `export_workbooks`: one Excel workbook per unit-budget document, one sheet per regenerated
  published table in its printed layout.

Excel files are written with XlsxWriter (write-only, no dependencies, constant memory); Parquet
with pyarrow (already a dependency for bulk loads). Amounts stay exact: integers in 千元 and
decimals as Arrow decimals, never floats.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import dburl, jsontext
from .errors import InputError

FORMATS = ("csv", "parquet", "xlsx", "json")
# Thousands separators and '-' for zero, as the published tables print amounts.
_PRINTED_NUMBER = '#,##0;-#,##0;"-"'
_PRINTED_DECIMAL = '#,##0.00;-#,##0.00;"-"'
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Written:
    """One file or folder written: the view or result it holds and how many rows."""

    name: str
    path: str
    rows: int


def _arrow_table(columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> Any:
    import pyarrow as pa

    return (
        pa.Table.from_pylist([dict(zip(columns, r, strict=True)) for r in rows])
        if rows
        else (pa.table({c: pa.array([], type=pa.string()) for c in columns}))
    )


def _csv_value(value: Any) -> Any:
    from .cli.output import csv_decimal  # one rule for decimals in every CSV we write

    if value is None:
        return ""
    if isinstance(value, Decimal):
        return csv_decimal(value)
    return value


def write_csv(
    path: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, bom: bool = False
) -> int:
    """CSV in UTF-8 (with a byte-order mark when `bom`, which Excel needs to read Chinese)."""
    n = 0
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_csv_value(v) for v in r])
            n += 1
    return n


def write_rows(
    path: str | Path, columns: Sequence[str], rows: Sequence[tuple[Any, ...]], *, bom: bool = False
) -> Written:
    """Write one result to `path`; the format follows the extension (.csv .parquet .xlsx .json).

    Raises InputError for another extension.
    """
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise InputError(
            f"cannot tell the format of {path}: use a name ending in "
            + ", ".join(f".{f}" for f in FORMATS)
        )
    if ext == "csv":
        write_csv(path, columns, rows, bom=bom)
    elif ext == "json":
        payload = [dict(zip(columns, r, strict=True)) for r in rows]
        path.write_text(jsontext.dumps(payload) + "\n", encoding="utf-8")
    elif ext == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(_arrow_table(columns, rows), path)
    else:
        _write_sheet_workbook(path, [("result", None, list(columns), list(columns), rows)])
    return Written(path.stem, str(path), len(rows))


# --- views --------------------------------------------------------------------------------


@contextmanager
def arrow_reader(database: str | None) -> Iterator[Callable[[str], Any]]:
    """Yield fetch(sql) -> Arrow table with the engine's exact column types (read-only).

    DuckDB: one read-only connection for every query of the export.
    """
    url = dburl.resolve_url(database)
    if dburl.is_duckdb(url):
        con = dburl.connect_read_only(url)
        try:
            yield lambda sql: dburl.arrow_from(con, url, sql)
        finally:
            con.close()
        return
    from .api import query

    def fetch(sql: str) -> Any:
        r = query(database, sql)
        return _arrow_table(r.columns, r.rows)

    yield fetch


def export_views(
    database: str | None,
    out_dir: str | Path,
    views: Sequence[str] | None = None,
    *,
    fmt: str = "parquet",
    bom: bool = False,
    document_ids: Sequence[int] | None = None,
    left_out: list[str] | None = None,
) -> list[Written]:
    """Write views (default: every public view) under `out_dir` as Parquet or CSV.

    `document_ids` (api.document_ids: --year/--agency/--budget/--stage) keeps only those
    documents' rows; a view without a document_id column cannot be cut so and is left out,
    its name appended to `left_out`.

    Parquet: a folder per view partitioned by fiscal_year (hive layout) when the view has that
    column, else `view.parquet`. CSV: `view.csv` per view plus `datapackage.json` (Frictionless
    Data Package with the Fiscal Data Package's column types). Raises InputError for an unknown
    view or format.
    """
    from .viewsync import public_view_names

    if fmt not in ("parquet", "csv"):
        raise InputError(f"export format must be parquet or csv, not {fmt!r}")
    known = public_view_names()
    names = list(views) if views else list(known)
    unknown = [v for v in names if v not in known]
    if unknown:
        raise InputError(
            f"not a public view: {', '.join(unknown)}; `unitbudget tables` lists the views"
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Written] = []
    schemas: dict[str, Any] = {}
    with arrow_reader(database) as fetch:
        for name in names:
            where = ""
            if document_ids is not None:
                if "document_id" not in fetch(f"SELECT * FROM {name} LIMIT 0").column_names:
                    if left_out is not None:
                        left_out.append(name)
                    continue
                # ints from the database, so inlining them is safe
                ids = ", ".join(str(int(i)) for i in document_ids) or "NULL"
                where = f" WHERE document_id IN ({ids})"
            table = fetch(f"SELECT * FROM {name}{where}")
            schemas[name] = table.schema
            if fmt == "parquet":
                written.append(_write_parquet(out, name, table))
            else:
                path = out / f"{name}.csv"
                n = write_csv(path, table.column_names, _arrow_rows(table), bom=bom)
                written.append(Written(name, str(path), n))
    if fmt == "csv":
        from .dictionary import datapackage

        path = out / "datapackage.json"
        path.write_text(jsontext.dumps(datapackage(schemas, bom=bom)) + "\n", encoding="utf-8")
    return written


def _arrow_rows(table: Any) -> Iterable[tuple[Any, ...]]:
    for batch in table.to_batches():
        cols = [c.to_pylist() for c in batch.columns]
        yield from zip(*cols, strict=True)


def _write_parquet(out: Path, name: str, table: Any) -> Written:
    import pyarrow.parquet as pq

    folder = out / name
    single = out / f"{name}.parquet"
    # A re-export replaces what an earlier one wrote for this view, nothing else.
    if folder.is_dir():
        shutil.rmtree(folder)
    single.unlink(missing_ok=True)
    if "fiscal_year" in table.column_names and table.num_rows:
        pq.write_to_dataset(table, root_path=str(folder), partition_cols=["fiscal_year"])
        return Written(name, str(folder), table.num_rows)
    pq.write_table(table, single)
    return Written(name, str(single), table.num_rows)


# --- workbooks ----------------------------------------------------------------------------

_DOCUMENT_COLUMNS = ("document_id", "fiscal_year", "agency_code", "agency_name", "sort_key")


def export_workbooks(
    database: str | None, out_dir: str | Path, document_ids: Sequence[int] | None = None
) -> list[Written]:
    """One .xlsx per unit-budget document (only `document_ids` when given, see
    api.document_ids): a sheet per regenerated table that has rows.

    Each sheet: the table's title, then its Chinese column headers, then its rows; amounts are
    numbers formatted with thousands separators and '-' for zero, as printed. Columns that only
    repeat the document (document_id, fiscal_year, agency) are left out. Files are named
    `{agency code}-{fiscal year}-{stage}-{document id}.xlsx`, a 附錄 unit's
    `{book's agency code}-附錄-{unit name}-…` (_workbook_stem).
    """
    from .api import query, show
    from .catalog import TABLES
    from .labels import header

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs = query(
        database,
        "SELECT d.document_id, d.agency_code, d.agency_name, d.fiscal_year, d.stage, "
        "d.parent_document_id IS NOT NULL, coalesce(d.unit_name, d.agency_name), b.agency_code "
        "FROM documents d LEFT JOIN documents b ON b.document_id = d.parent_document_id "
        "WHERE d.kind = 'unit_budget' ORDER BY d.document_id",
    )
    written: list[Written] = []
    wanted = None if document_ids is None else set(document_ids)
    for row in docs.rows:
        document_id, agency_code, agency_name, fiscal_year, stage = row[:5]
        if wanted is not None and document_id not in wanted:
            continue
        sheets = []
        for t in TABLES:
            r = show(database, t.slug, document_id=document_id)
            if not r.rows:
                continue
            keep = [i for i, c in enumerate(r.columns) if c not in _DOCUMENT_COLUMNS]
            columns = [r.columns[i] for i in keep]
            rows = [tuple(row[i] for i in keep) for row in r.rows]
            title = f"{t.number} {t.title}：{agency_name} {fiscal_year} 年度"
            sheets.append(
                (
                    f"{t.number} {t.title}",
                    title,
                    columns,
                    [header(c, t.slug) for c in columns],
                    rows,
                )
            )
        if not sheets:
            continue
        path = (
            out
            / f"{_workbook_stem(agency_code, *row[5:])}-{fiscal_year}-{stage}-{document_id}.xlsx"
        )
        _write_sheet_workbook(path, sheets)
        written.append(Written(str(document_id), str(path), sum(len(s[4]) for s in sheets)))
    return written


# characters a file name cannot hold on Windows or POSIX, and spaces (kept out of shell words)
_FILE_BAD = re.compile(r'[\\/:*?"<>|\s]+')


def _workbook_stem(
    agency_code: str | None, is_unit: bool, unit_name: str | None, book_code: str | None
) -> str:
    """The start of a document's workbook name: its agency code (`0062200000`); a book's 附錄
    unit, whose code is often not printed and may repeat its book's, by its book's code and its
    own name (`0008010000-附錄-內政部國土測繪中心`), so a book's files sort together and each
    unit is named; `document` when neither is known."""
    if not is_unit:
        return agency_code or "document"
    name = _FILE_BAD.sub("_", unit_name or "").strip("_") or agency_code or "unit"
    return f"{book_code or agency_code or 'book'}-附錄-{name}"


def _sheet_name(name: str, used: set[str]) -> str:
    base = _SHEET_BAD.sub(" ", name)[:31]
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def _write_sheet_workbook(
    path: Path,
    sheets: Sequence[tuple[str, str | None, list[str], list[str], Sequence[tuple[Any, ...]]]],
) -> None:
    """Sheets of (name, title or None, column names, headers, rows) in one workbook."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    bold = wb.add_format({"bold": True})
    whole = wb.add_format({"num_format": _PRINTED_NUMBER})
    fraction = wb.add_format({"num_format": _PRINTED_DECIMAL})
    used: set[str] = set()
    try:
        for name, title, _columns, headers, rows in sheets:
            ws = wb.add_worksheet(_sheet_name(name, used))
            r0 = 0
            if title:
                ws.write_string(0, 0, title, bold)
                r0 = 1
            for j, h in enumerate(headers):
                ws.write_string(r0, j, h, bold)
            for i, row in enumerate(rows, start=r0 + 1):
                for j, v in enumerate(row):
                    _write_cell(ws, i, j, v, whole, fraction)
    finally:
        wb.close()


def _write_cell(ws: Any, i: int, j: int, v: Any, whole: Any, fraction: Any) -> None:
    if v is None:
        return
    if isinstance(v, bool):
        ws.write_boolean(i, j, v)
    elif isinstance(v, int):
        ws.write_number(i, j, v, whole)
    elif isinstance(v, Decimal):
        integral = v == v.to_integral_value()
        # Excel stores doubles; budget amounts (< 2^53 千元) and 2-digit areas are exact there.
        ws.write_number(i, j, int(v) if integral else float(v), whole if integral else fraction)
    elif isinstance(v, float):
        ws.write_number(i, j, v, fraction)
    else:
        ws.write_string(i, j, str(v))
