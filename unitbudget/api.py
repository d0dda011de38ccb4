"""Library entry points. Each is a plain typed function; the CLI only wraps them."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from . import dburl
from .catalog import BY_SLUG, TABLES, PublishedTable
from .errors import InputError, NotYetImplemented, UnitBudgetError


@dataclass
class Rows:
    """Tabular output of a command: column names and row tuples."""

    columns: list[str]
    rows: list[tuple[Any, ...]]

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


@dataclass
class FileOutcome:
    file: str
    status: str  # loaded | replaced | unchanged | refused
    document_id: int | None = None
    kind: str | None = None
    agency: str | None = None
    fiscal_year: int | None = None
    stage: str | None = None
    facts: int = 0
    warnings: int = 0
    errors: int = 0
    message: str | None = None
    report: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BatchResult:
    outcomes: list[FileOutcome]

    @property
    def refused(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "refused"]

    def summary(self) -> Rows:
        return Rows(
            [
                "file",
                "status",
                "document_id",
                "kind",
                "agency",
                "fiscal_year",
                "facts",
                "warnings",
                "errors",
                "message",
            ],
            [
                (
                    o.file,
                    o.status,
                    o.document_id,
                    o.kind,
                    o.agency,
                    o.fiscal_year,
                    o.facts,
                    o.warnings,
                    o.errors,
                    o.message,
                )
                for o in self.outcomes
            ],
        )


def sample_document() -> Path:
    """The bundled text rendering of the ADI 112 unit budget (the first sample)."""
    return Path(str(files("unitbudget") / "samples" / "adi-112-unit-budget.txt"))


def sample_book() -> Path:
    """The bundled PDF book: the 內政部 114 單位預算案 as published (printed pages 1-338)."""
    return Path(str(files("unitbudget") / "samples" / "moi-114-unit-budget.pdf"))


# Inside folders, files that are plainly not budgets are skipped (named files are always tried).
BUDGET_SUFFIXES = (".pdf", ".txt", ".xls", ".xlsx")
_NOT_BUDGET_NAMES = re.compile(r"^(readme|license|licence|changelog|notes?)(\.|$)", re.I)


@dataclass
class PathScan:
    """Files to load, and files found in folders that were skipped with the reason."""

    files: list[Path]
    skipped: list[tuple[Path, str]]


def not_a_budget(path: Path) -> str | None:
    """Why a file found in a folder is plainly not a budget, or None when it may be one."""
    if path.name.startswith("."):
        return "hidden file"
    if path.suffix.lower() not in BUDGET_SUFFIXES:
        return f"not a budget file type ({path.suffix or 'no extension'})"
    if _NOT_BUDGET_NAMES.match(path.name):
        return "documentation, not a budget"
    return None


def scan_paths(paths: Iterable[str | os.PathLike[str]]) -> PathScan:
    """Files named are kept as given; folders are walked and plainly non-budget files skipped."""
    out: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for p in map(Path, paths):
        if p.is_dir():
            for q in sorted(q for q in p.rglob("*") if q.is_file()):
                if any(part.startswith(".") for part in q.relative_to(p).parts[:-1]):
                    skipped.append((q, "inside a hidden folder"))
                elif (why := not_a_budget(q)) is not None:
                    skipped.append((q, why))
                else:
                    out.append(q)
        else:
            out.append(p)
    return PathScan(out, skipped)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files `load` reads: named files, and the budget-like files under named folders."""
    return scan_paths(paths).files


def load(
    database: str | None,
    paths: Sequence[str | os.PathLike[str]],
    *,
    replace: bool = False,
    stage: str | None = None,
    fiscal_year: int | None = None,
    wait: float = 0,
    jobs: int = 1,
    on_file: Callable[[FileOutcome], None] | None = None,
) -> BatchResult:
    """Load files, each in its own transaction; a refused file never stops the others.

    With jobs > 1 files are parsed in that many processes while this one writes.
    """
    from . import db
    from .batch import parse_stream

    outcomes: list[FileOutcome] = []
    with db.open_engine(database, wait=wait, lock_remedy=dburl.RETRY_OR_WAIT) as engine:
        db.ensure_schema(engine)
        parsed = parse_stream(expand_paths(paths), jobs=jobs, stage=stage, fiscal_year=fiscal_year)
        # One connection for the batch (opening a DuckDB connection costs ~35 ms), one
        # transaction per file. closing(): on Ctrl-C the workers stop here, in this thread.
        with closing(parsed), engine.connect() as conn:
            db.tune_for_batch(conn)
            for path, doc in parsed:
                outcome = _write_one(conn, path, doc, replace)
                outcomes.append(outcome)
                if on_file:
                    on_file(outcome)
    return BatchResult(outcomes)


def _write_one(conn: Any, path: Path, doc: object, replace: bool) -> FileOutcome:
    """One file's own transaction; a refusal becomes the file's outcome, never an exception."""
    from sqlalchemy.exc import DBAPIError

    from unitbudget.loaders.parsed import ParsedDocument
    from unitbudget.loaders.writer import write_document

    try:
        if isinstance(doc, UnitBudgetError):
            raise doc
        assert isinstance(doc, ParsedDocument)
        with conn.begin():
            res = write_document(conn, doc, replace=replace)
    except UnitBudgetError as exc:
        return FileOutcome(file=str(path), status="refused", message=str(exc))
    except DBAPIError as exc:
        # The transaction rolled back; report the engine's reason against the file.
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        return FileOutcome(
            file=str(path),
            status="refused",
            message=f"{path}: the database refused the facts: {reason}",
        )
    return FileOutcome(
        file=str(path),
        status=res.status,
        document_id=res.document_id,
        kind=doc.kind,
        agency=doc.agency_name,
        fiscal_year=doc.fiscal_year,
        stage=doc.stage,
        facts=res.facts,
        warnings=sum(1 for i in doc.issues if i.severity == "warning"),
        errors=sum(1 for i in doc.issues if i.severity == "error"),
        report=[vars(t) for t in doc.tables],
    )


def query(
    database: str | None,
    sql: str,
    params: dict[str, Any] | None = None,
    *,
    read_only: bool = True,
) -> Rows:
    """Run SQL; analysis opens the database read-only so the engine refuses changes.

    Raises InputError for a query with no statement (only whitespace, `;` or comments),
    ReadOnlyViolation for a write, DatabaseError when the schema is not at head.
    """
    if is_empty_sql(sql):
        raise InputError("empty query")
    url = dburl.resolve_url(database)
    if read_only and dburl.is_duckdb(url):
        columns, rows = dburl.query_duckdb_read_only(url, sql, params)
        return Rows(columns, rows)
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from . import db

    with db.open_engine(database, read_only=read_only) as engine, engine.connect() as conn:
        try:
            result = conn.execute(text(sql), params or {})
        except DBAPIError as exc:
            if "does not exist" in str(exc.orig):
                with engine.connect() as fresh:
                    behind = dburl.missing_schema(
                        url, db.current_revision(fresh), db.head_revision()
                    )
                if behind is not None:
                    raise behind from exc
            raise dburl.refusal(str(exc.orig)) from exc
        if not result.returns_rows:
            return Rows([], [])
        return Rows(list(result.keys()), [tuple(r) for r in result])


_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)


def is_empty_sql(sql: str) -> bool:
    """True when `sql` holds no statement: only whitespace, semicolons and comments."""
    return not _COMMENTS.sub("", sql).replace(";", "").strip()


def documents(database: str | None) -> Rows:
    return query(
        database,
        "SELECT document_id, kind, agency_code, agency_name, fiscal_year, stage, file_name, "
        "unit_name, parent_document_id, loaded_at FROM documents ORDER BY document_id",
    )


def document_kinds(
    database: str | None, *, year: int | None = None, agency: str | None = None
) -> dict[str, int]:
    """How many loaded documents of each kind match the filters (kind -> count)."""
    where, params = _filters(year, agency)
    r = query(database, f"SELECT kind, COUNT(*) FROM documents{where} GROUP BY kind", params)
    return {k: int(n) for k, n in r.rows}


def tables() -> Rows:
    return Rows(
        ["number", "slug", "title", "view"],
        [(t.number, t.slug, t.title, t.view) for t in TABLES],
    )


def table_info(slug: str) -> PublishedTable:
    try:
        return BY_SLUG[slug]
    except KeyError:
        raise InputError(f"unknown table {slug!r}; `unitbudget tables` lists them") from None


def _filters(
    year: int | None, agency: str | None, document_id: int | None = None
) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if document_id is not None:
        clauses.append("document_id = :document_id")
        params["document_id"] = document_id
    if year is not None:
        clauses.append("fiscal_year = :year")
        params["year"] = year
    if agency:
        clauses.append("(agency_code = :agency OR agency_name LIKE :agency_like)")
        params["agency"] = agency
        params["agency_like"] = f"%{agency}%"
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def show(
    database: str | None,
    slug: str,
    *,
    year: int | None = None,
    agency: str | None = None,
    document_id: int | None = None,
) -> Rows:
    """A regenerated table in its printed layout (long-format views are pivoted back)."""
    info = table_info(slug)
    where, params = _filters(year, agency, document_id)
    try:
        rows = query(
            database,
            f"SELECT * FROM {info.view}{where} ORDER BY document_id, sort_key",
            params,
        )
    except UnitBudgetError as exc:
        if "does not exist" in str(exc) or "not found" in str(exc).lower():
            raise NotYetImplemented(f"the view {info.view} is not in this database") from exc
        raise
    if not rows.rows and info.workbook_view:
        # Years only whole-government workbooks cover: their rows as printed.
        rows = query(
            database,
            f"SELECT * FROM {info.workbook_view}{where} ORDER BY document_id, sort_key",
            params,
        )
    if {"column_key", "column_label", "column_sort", "amount"} <= set(rows.columns):
        return _pivot(rows)
    return rows


def _pivot(rows: Rows) -> Rows:
    """One row per (document, printed row), one column per printed column, in printed order."""
    ix = {c: i for i, c in enumerate(rows.columns)}
    keep = [
        "document_id",
        "fiscal_year",
        "agency_code",
        "agency_name",
        "sort_key",
        "row_key",
        "row_label",
    ]
    columns: dict[str, tuple[Any, str]] = {}
    out: dict[tuple, dict[str, Any]] = {}
    for r in rows.rows:
        columns.setdefault(r[ix["column_key"]], (r[ix["column_sort"]], r[ix["column_label"]]))
        key = tuple(r[ix[c]] for c in keep)
        out.setdefault(key, {})[r[ix["column_key"]]] = r[ix["amount"]]
    ordered = sorted(columns, key=lambda k: (columns[k][0] is None, columns[k][0], k))
    return Rows(
        [*keep, *(str(columns[k][1] or k) for k in ordered)],
        [
            (*key, *(vals.get(k) for k in ordered))
            for key, vals in sorted(out.items(), key=lambda kv: (kv[0][0], kv[0][4]))
        ],
    )


# Known causes of mismatches, shown next to them so an analyst knows where to look: most come
# from the published document itself; where the warehouse is the cause, the note says so.
KNOWN_DIFFERENCES: dict[str, str] = {
    "vehicles": (
        "the book rounds each vehicle's 油料金額 / 養護費 / 其他 to 千元 and its 合計 once, so the "
        "合計 row can differ from the sum of the printed rows by a few 千元 (the document)."
    ),
    "revenue_by_source": (
        "前年度決算數 is rounded to 千元 per account, so a parent or 合計 can differ from the sum "
        "of its printed children by 1 (the document)."
    ),
    "object_class_analysis": (
        "a gap of the warehouse: books class part of 業務費 and 獎補助費 as 資本門 and say so only "
        "in 說明 text; line items mark only the 3000 series capital, so those amounts are "
        "regenerated as 經常門 (each row's 合計 still matches)."
    ),
    "capital_expenditure": (
        "a gap of the warehouse: capital 業務費 / 獎補助費 are not in the facts (see "
        "object_class_analysis), so 其他資本支出 is regenerated as 0."
    ),
    "travel_summary": (
        "上年度 columns come from the previous year's book; and (a gap of the warehouse) the "
        "考察、視察、訪問 and 進修、研究、實習 plans of a book are not parsed yet."
    ),
    "function_economic": (
        "歲出按職能及經濟性綜合分類表 classifies part of 業務費 as 受僱人員報酬, so its "
        "受僱人員報酬 differs from the document's own 人事費 (各項費用彙計表) and 商品及勞務 by "
        "the same amount the other way; the sum 受僱人員報酬 + 商品及勞務 still equals 人事費 + "
        "業務費 + 預備金. The regenerated table maps object classes to economic classes by the "
        "rules kept as data in core.economic_mappings (each source code with its rule), "
        "so the difference is in the document."
    ),
}


@dataclass
class Comparison:
    summary: Rows
    mismatches: Rows

    @property
    def mismatched(self) -> int:
        return self._sum("mismatched")

    @property
    def compared(self) -> int:
        """Cells compared in all: 0 when the filters matched no printed table."""
        return self._sum("compared")

    def _sum(self, column: str) -> int:
        i = self.summary.columns.index(column)
        return sum(int(r[i] or 0) for r in self.summary.rows)

    def notes(self) -> list[tuple[str, str]]:
        """(table, explanation) for tables whose mismatches have a known cause in the document."""
        i = self.mismatches.columns.index("table")
        tables = sorted({r[i] for r in self.mismatches.rows})
        return [(t, KNOWN_DIFFERENCES[t]) for t in tables if t in KNOWN_DIFFERENCES]


def compare(
    database: str | None,
    slug: str | None = None,
    *,
    year: int | None = None,
    agency: str | None = None,
    live: bool = False,
) -> Comparison:
    """Printed cells against regenerated ones: a summary per unit-budget document and
    published table (cells compared, matched, mismatched, missing), and the mismatching cells.

    `year` and `agency` (its 10-digit code, or part of its name) first select the unit-budget
    documents; only their cells are read. By default the regenerated cells of the tables that
    read only their own document come from core.comparison_cells, stored at load time
    (unitbudget.comparison); `live`, or a store older than the views, computes every cell from
    the views (table_comparison, table_comparison_summary). Both give the same rows.

    Raises InputError for an unknown `slug`, DatabaseError when the database is missing or
    not at head.
    """
    if slug is not None:
        table_info(slug)
    url = dburl.resolve_url(database)
    if not dburl.is_duckdb(url):
        return _compare(lambda sql, p: query(database, sql, p), slug, year, agency, live)
    # One connection for the document filter, the freshness check and both queries: opening
    # one and binding the catalog costs more than a filtered comparison.
    con = dburl.connect_read_only(url)
    try:
        return _compare(
            lambda sql, p: Rows(*dburl.run_read_only(con, url, sql, p)), slug, year, agency, live
        )
    finally:
        con.close()


def _compare(
    q: Callable[[str, dict[str, Any] | None], Rows],
    slug: str | None,
    year: int | None,
    agency: str | None,
    live: bool,
) -> Comparison:
    from .comparison import is_fresh

    clauses: list[str] = []
    params: dict[str, Any] = {}
    where, filters = _filters(year, agency)
    if where:
        # The filters become a list of document ids before any cell is read: the comparison
        # views then filter on a plain column that reaches the base tables.
        ids = q(
            f"SELECT document_id FROM core.documents{where} AND kind = 'unit_budget' "
            "ORDER BY document_id",
            filters,
        ).rows
        listed = ", ".join(str(int(r[0])) for r in ids)
        if len(ids) == 1:
            # DuckDB pushes `=` through the summary's joins; `IN (one)` it does not (4x slower)
            clauses.append(f"document_id = {listed}")
        else:
            clauses.append(f"document_id IN ({listed})" if ids else "1 = 0")
    if slug is not None:
        clauses.append("table_slug = :slug")
        params["slug"] = slug
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    stored = not live and is_fresh(lambda sql: q(sql, None).rows)
    prefix = "compare.stored_" if stored else ""
    summary = q(
        'SELECT document_id, fiscal_year, agency_name, table_slug AS "table", printed, compared, '
        "matched, mismatched, missing_in_print, missing_in_view "
        f"FROM {prefix}table_comparison_summary{where} ORDER BY document_id, table_order",
        params or None,
    )
    mism = q(
        'SELECT document_id, table_slug AS "table", row_key, column_key, printed_value, '
        f"regenerated_value, status, page, line FROM {prefix}table_comparison"
        f"{where}{' AND ' if where else ' WHERE '}status = 'mismatch' "
        "ORDER BY document_id, table_slug, row_order, column_order, row_key, column_key",
        params or None,
    )
    return Comparison(summary, mism)


def views() -> Rows:
    """The public views (the analysts' API) and what each holds, from the view files."""
    from .viewsync import schema_of, view_files

    comment = re.compile(r"COMMENT\s+ON\s+VIEW\s+\w+\s+IS\s+'((?:[^']|'')*)'", re.I)
    out = []
    for v in view_files():
        if schema_of(v.name) is None:
            m = comment.search(v.sql)
            out.append((v.name, m.group(1).replace("''", "'") if m else None))
    return Rows(["view", "description"], out)


def describe(database: str | None, view: str) -> Rows:
    """Columns of a view or table: name, type and the comment the database holds.

    Raises InputError when the database has no such view in the analysts' schema.
    """
    url = dburl.resolve_url(database)
    if dburl.is_duckdb(url):
        sql = (
            "SELECT column_name, data_type, comment FROM duckdb_columns() "
            "WHERE table_name = :view AND schema_name = current_schema() "
            "AND database_name = current_database() ORDER BY column_index"
        )
    else:
        sql = (
            "SELECT a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS data_type, "
            "col_description(a.attrelid, a.attnum) AS comment FROM pg_attribute AS a "
            "JOIN pg_class AS c ON c.oid = a.attrelid "
            "WHERE c.relname = :view AND c.relnamespace = current_schema()::regnamespace "
            "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"
        )
    r = query(database, sql, {"view": view})
    if not r.rows:
        raise InputError(f"no view {view!r} in the database; `unitbudget tables` lists them")
    return Rows(["column", "type", "comment"], r.rows)


def upgrade(database: str | None, revision: str = "head") -> str | None:
    from . import db

    with db.open_engine(database) as engine:
        db.upgrade(engine, revision)
        with engine.connect() as conn:
            return db.current_revision(conn)


def downgrade(database: str | None, revision: str) -> str | None:
    from . import db

    with db.open_engine(database) as engine:
        db.downgrade(engine, revision)
        with engine.connect() as conn:
            return db.current_revision(conn)


def current(database: str | None) -> str | None:
    """The schema revision, None when not initialised; read-only (works on read-only media)."""
    from . import db

    url = dburl.resolve_url(database)
    if dburl.is_duckdb(url) and dburl.duckdb_path(url) != ":memory:":
        if not Path(dburl.duckdb_path(url)).exists():
            return None
        con = dburl.connect_read_only(url)
        try:
            return dburl.schema_state(con)
        finally:
            con.close()
    with db.open_engine(database, read_only=True) as engine, engine.connect() as conn:
        return db.current_revision(conn)


def demo(database: str | None) -> tuple[BatchResult, Comparison]:
    """The main job: load the bundled samples (the PDF book and the text rendering), then
    compare every regenerated table with what was printed."""
    batch = load(database, [sample_book(), sample_document()])
    if batch.refused:
        first = batch.refused[0]
        raise UnitBudgetError(first.message or f"{first.file}: refused")
    return batch, compare(database)
