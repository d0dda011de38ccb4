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
from .labels import pivot_header


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
    # printed cells stored (of the facts; the book's and its 附錄 units'), compared with the
    # regenerated tables
    cells: int = 0
    # documents stored from this file (the book and each 附錄 unit) with at least one
    # error-severity load issue: stored, but data the document should give is missing
    error_documents: int = 0
    # messages of the load issues `load` shows as the file ends (SHOWN_ON_LOAD), not only
    # counts: what an analyst must not miss in load_issues
    notes: list[str] = field(default_factory=list)
    # neither --stage nor the document said the stage: `stage` is the assumed one
    # (a `stage_assumed` info issue in load_issues)
    stage_assumed: bool = False
    # a refused file's exit status (errors.py): 3 for a slot another file holds
    # (LoadConflict), 2 for any other refusal; 0 for a stored file
    exit_code: int = 0


# Load issues whose message `load` prints with the file's outcome: a book whose 附錄 units
# are not in the file (the published file is cut short).
SHOWN_ON_LOAD = frozenset({"appendix_units_missing"})


@dataclass
class BatchResult:
    outcomes: list[FileOutcome]
    # account moves detected again after the batch loaded a 歲出機關別 workbook (else 0)
    account_moves: int = 0

    @property
    def refused(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "refused"]

    @property
    def refused_exit_code(self) -> int:
        """The exit status of the batch's refusals: 2 when any file was refused as unreadable
        or not a document (nothing can load it as given), else 3 when files were refused only
        because another file holds their slot (`--replace` would load them), else 0."""
        codes = {o.exit_code for o in self.refused}
        if not codes:
            return 0
        return 3 if codes == {3} else 2

    @property
    def error_documents(self) -> int:
        """Documents stored (loaded, replaced or already there unchanged) that carry at least
        one error-severity load issue, e.g. a file cut in the middle of a table."""
        return sum(o.error_documents for o in self.outcomes if o.status != "refused")

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
    """The bundled PDF book: the 內政部 114 單位預算案 as published (printed pages 1-337)."""
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


# Documents per group transaction: a statement costs about the same for 1 or 10,000 rows, so
# the group shares each table's insert; a failed group retries its files one by one.
GROUP_SIZE = 32


@dataclass(frozen=True)
class StoredFile:
    """A file whose sha256 the warehouse already holds: answered `unchanged` unparsed.

    `document_id`, `kind`, `agency`, `fiscal_year`, `stage`: the stored document's, as
    core.documents has them (the stage it was loaded as, whatever --stage says now).
    """

    sha256: str
    document_id: int
    kind: str
    agency: str | None
    fiscal_year: int
    stage: str
    # error-severity load issues stored for it and its 附錄 units, and how many of those
    # documents have any: a cut file loaded again is still reported as one
    errors: int = 0
    error_documents: int = 0


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
    group_size: int = GROUP_SIZE,
) -> BatchResult:
    """Load files; a refused file never stops the others and never leaves a row.

    A file whose sha256 is already stored is `unchanged` before it is parsed (its outcome
    carries the stored document's kind, agency, year and stage; --stage and --year are not
    applied to it). With jobs > 1 files are parsed in that many processes while this one
    writes. On DuckDB without `replace`, up to `group_size` documents (the first groups
    1, 2, 4, ...) are written in one transaction after every check that could refuse one of
    them (parse errors, columns and repeated keys, sha256 and slot in the warehouse and
    earlier in the batch); if the group's transaction fails it rolls back and each of its
    files is written alone. Books with 附錄 units, `replace`, and other engines write each
    file in its own transaction. Outcomes are
    as if the files were written one by one in the order of `paths`; `on_file` is called once
    per file, in that order, as soon as its outcome and those of the files before it are
    known; the result lists them in the same order.
    """
    from . import db
    from .batch import parse_stream, system_arrow_memory
    from .comparison import invalidate_all

    outcomes: list[FileOutcome | None] = []
    reported = [0]  # outcomes passed to on_file: always in the order of `paths`

    def finish(index: int, outcome: FileOutcome) -> None:
        outcomes[index] = outcome
        while reported[0] < len(outcomes) and (ready := outcomes[reported[0]]) is not None:
            reported[0] += 1
            if on_file:
                on_file(ready)

    created = db.files_to_create(database)
    with db.open_engine(database, wait=wait, lock_remedy=dburl.RETRY_OR_WAIT) as engine:
        db.ensure_schema(engine)
        grouped = engine.dialect.name == "duckdb" and not replace and group_size > 1
        # One connection for the batch (opening a DuckDB connection costs ~35 ms).
        with engine.connect() as conn:
            stored = _stored_files(conn)
            parsed = parse_stream(
                expand_paths(paths),
                jobs=jobs,
                stage=stage,
                fiscal_year=fiscal_year,
                prepared=grouped,
                # Room for a whole group and the workers' next documents: with only 2 x jobs
                # waiting, the workers ran dry while a group was written (asleep ~22% of the
                # batch, measured by bench/pipeline.py).
                window=group_size + 2 * jobs if grouped else None,
                known=lambda path: _already_stored(
                    path, stored, restage=(stage, fiscal_year) if replace else None
                ),
            )
            # closing(): on Ctrl-C the workers stop here, in this thread.
            with closing(parsed), system_arrow_memory():
                db.tune_for_batch(conn)
                group: list[tuple[int, Path, Any]] = []
                # Groups grow 1, 2, 4, ... up to group_size: the first files commit (and are
                # reported) as early as when each file was its own transaction.
                limit = 1
                for index, (path, doc) in enumerate(parsed):
                    outcomes.append(None)
                    if isinstance(doc, UnitBudgetError) or (
                        grouped and isinstance(doc, StoredFile)
                    ):
                        # Refused before any write, or stored before the batch began (only
                        # --replace, never grouped, deletes a stored document): its place in
                        # the order changes nothing.
                        finish(index, _write_one(conn, path, doc, replace, stage, fiscal_year))
                        continue
                    if grouped and _is_prepared(doc):
                        group.append((index, path, doc))
                        if len(group) >= limit:
                            _write_group(conn, group, finish, stage, fiscal_year)
                            group = []
                            limit = min(2 * limit, group_size)
                        continue
                    # Written alone, after the files before it (slots and sha256 in order).
                    if group:
                        _write_group(conn, group, finish, stage, fiscal_year)
                        group = []
                    finish(index, _write_one(conn, path, doc, replace, stage, fiscal_year))
                if group:
                    _write_group(conn, group, finish, stage, fiscal_year)
        done = [o for o in outcomes if o is not None]
        moves = 0
        if any(o.status in ("loaded", "replaced") and o.kind == "dgbas_expenditure" for o in done):
            from .moves import refresh_account_moves as refresh

            # the new workbook may show accounts renumbered since a year already loaded
            with engine.begin() as conn:
                moves = len(refresh(conn))
                invalidate_all(conn)
        # The comparison results of the new (and invalidated) documents, once for the whole
        # command and in a transaction of its own: a kill here leaves them pending, and
        # compare computes them from the views until a later load stores them.
        _store_comparison(engine)
    if created and not any(o.status in ("loaded", "replaced") for o in done):
        # Nothing stored: a refused load leaves the disk as it found it, not an empty warehouse.
        db.remove_unused(created)
    return BatchResult(done, moves)


# DuckDB's memory for the comparison store of a whole batch: unbounded, its statements took
# ~570 MB at 1,000 documents; bounded, DuckDB spills to its temporary directory instead
# (measured 390 MB peak, same time within noise).
STORE_MEMORY_LIMIT = "300MB"


def _store_comparison(engine: Any) -> None:
    """`unitbudget.comparison.store_pending` in a transaction of its own; on DuckDB with
    STORE_MEMORY_LIMIT, retried without it if DuckDB runs out of that memory."""
    from sqlalchemy.exc import DBAPIError

    from .comparison import store_pending

    if engine.dialect.name != "duckdb":
        with engine.begin() as conn:
            store_pending(conn)
        return
    with engine.connect() as conn:
        conn.exec_driver_sql(f"SET memory_limit = '{STORE_MEMORY_LIMIT}'")
        conn.commit()
        try:
            with conn.begin():
                store_pending(conn)
        except DBAPIError as exc:
            if "out of memory" not in str(exc).lower():
                raise
            conn.exec_driver_sql("RESET memory_limit")
            conn.commit()
            with conn.begin():
                store_pending(conn)
        finally:
            conn.exec_driver_sql("RESET memory_limit")
            conn.commit()


def refresh_account_moves(database: str | None, *, wait: float = 0) -> int:
    """Detect again which accounts the loaded 歲出機關別預算表 workbooks show renumbered between
    years and store them in core.account_moves (rows entered by hand are kept); the account_*
    views follow them (series_code). Run after loading workbooks; returns the number of
    detected moves. Raises DatabaseError when the database is locked or behind head.
    """
    from . import db
    from .comparison import invalidate_all
    from .moves import refresh_account_moves as refresh

    with db.open_engine(database, wait=wait, lock_remedy=dburl.RETRY_OR_WAIT) as engine:
        db.ensure_schema(engine)
        with engine.begin() as conn:
            moves = len(refresh(conn))
            # the series every book's 上年度 columns follow may have changed
            invalidate_all(conn)
        _store_comparison(engine)
        return moves


def _is_prepared(doc: object) -> bool:
    from unitbudget.loaders.prepared import PreparedDocument

    return isinstance(doc, PreparedDocument)


def _stored_files(conn: Any) -> dict[str, StoredFile]:
    """Every stored file (not the 附錄 units, which share their book's sha256) by sha256."""
    from sqlalchemy import func, select

    from unitbudget.schema import Document, LoadIssueRow

    rows = conn.execute(
        select(
            Document.sha256,
            Document.document_id,
            Document.kind,
            Document.agency_name,
            Document.fiscal_year,
            Document.stage,
        ).where(Document.parent_document_id.is_(None))
    ).all()
    # error issues per stored file: its own document and its 附錄 units (same file)
    own = func.coalesce(Document.parent_document_id, Document.document_id)
    errors = conn.execute(
        select(own, func.count(), func.count(func.distinct(Document.document_id)))
        .join(LoadIssueRow, LoadIssueRow.document_id == Document.document_id)
        .where(LoadIssueRow.severity == "error")
        .group_by(own)
    ).all()
    conn.rollback()  # end the implicit transaction: each write begins its own
    counts = {r[0]: (int(r[1]), int(r[2])) for r in errors}
    return {r[0]: StoredFile(*r, *counts.get(r[1], (0, 0))) for r in rows}


def _already_stored(
    path: Path,
    stored: dict[str, StoredFile],
    restage: tuple[str | None, int | None] | None = None,
) -> StoredFile | None:
    """The stored document holding this file's bytes, or None (also when unreadable: the
    parser then refuses the file with its reason).

    `restage`: (stage, fiscal year) asked with --replace. When either is given and differs
    from the stored document's, None: the file is parsed again and the writer stores it anew
    (loaders.writer.write_document re-writes a stored file whose stage or year changed).
    """
    from unitbudget.loaders.dispatch import sha256_of

    if not stored:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    found = stored.get(sha256_of(data))
    if found is not None and restage is not None:
        stage, fiscal_year = restage
        if (stage is not None and stage != found.stage) or (
            fiscal_year is not None and fiscal_year != found.fiscal_year
        ):
            return None
    return found


def _write_group(
    conn: Any,
    group: list[tuple[int, Path, Any]],
    finish: Callable[[int, FileOutcome], None],
    stage: str | None,
    fiscal_year: int | None,
) -> None:
    """One transaction for the group; if it fails, each file alone (`_write_one`)."""
    from unitbudget.errors import LoadConflict
    from unitbudget.loaders import writer

    try:
        with conn.begin():
            results = writer.write_group(conn, [prep for _, _, prep in group])
    except Exception:  # noqa: BLE001 - any failure: the files are retried one by one
        for index, path, prep in group:
            finish(index, _write_one(conn, path, prep, False, stage, fiscal_year))
        return
    for (index, path, prep), res in zip(group, results, strict=True):
        if isinstance(res, LoadConflict):
            finish(index, _refused(path, res))
        elif res.status == "unchanged":
            finish(index, _stored_outcome(conn, path, res.document_id))
        else:
            finish(index, _outcome(path, prep.doc, res, _printed_cells(prep)))


def _write_one(
    conn: Any,
    path: Path,
    doc: object,
    replace: bool,
    stage: str | None = None,
    fiscal_year: int | None = None,
) -> FileOutcome:
    """One file's own transaction; a refusal becomes the file's outcome, never an exception.

    `doc` is a ParsedDocument, a PreparedDocument, a StoredFile (sha256 stored when the batch
    began) or the error that refused the file.
    """
    from sqlalchemy.exc import DBAPIError

    from unitbudget.loaders import writer
    from unitbudget.loaders.dispatch import parse_file
    from unitbudget.loaders.parsed import ParsedDocument
    from unitbudget.loaders.prepared import PreparedDocument

    try:
        if isinstance(doc, UnitBudgetError):
            raise doc
        if isinstance(doc, StoredFile):
            with conn.begin():
                still = writer.loaded_as(conn, doc.sha256)
            if still == doc.document_id:
                with conn.begin():
                    return _unchanged_outcome(conn, path, doc)
            # Replaced earlier in this batch: the file is new again, so parse it after all.
            doc = parse_file(path, stage=stage, fiscal_year=fiscal_year)
        with conn.begin():
            cells = _printed_cells(doc)
            if isinstance(doc, PreparedDocument):
                res = writer.write_prepared(conn, doc, replace=replace)
                parsed = doc.doc
            else:
                assert isinstance(doc, ParsedDocument)
                res = writer.write_document(conn, doc, replace=replace)
                parsed = doc
    except UnitBudgetError as exc:
        return _refused(path, exc)
    except DBAPIError as exc:
        # The transaction rolled back; report the engine's reason against the file.
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        return FileOutcome(
            file=str(path),
            status="refused",
            message=f"{path}: the database refused the facts: {reason}",
            exit_code=InputError.exit_code,
        )
    if res.status == "unchanged":
        # its bytes were stored earlier in this batch (the file given twice): the writer
        # wrote nothing, so say what is stored, as a later run would
        return _stored_outcome(conn, path, res.document_id)
    return _outcome(path, parsed, res, cells)


def _refused(path: Path, exc: UnitBudgetError) -> FileOutcome:
    """A refused file's outcome; its reason names the file by the path the user gave (a
    folder's file with its folder), not the base name the readers know it by, so two
    refused files of one name in different folders are told apart."""
    if exc.file and exc.file != str(path) and Path(exc.file).name == path.name:
        exc.file = str(path)
    return FileOutcome(file=str(path), status="refused", message=str(exc), exit_code=exc.exit_code)


def _stored_outcome(conn: Any, path: Path, document_id: int) -> FileOutcome:
    """`_unchanged_outcome` of the stored file `document_id` (a top-level document), read
    from core.documents: a file whose bytes an earlier file of the same batch stored."""
    from sqlalchemy import text

    with conn.begin():
        row = conn.execute(
            text(
                "SELECT sha256, document_id, kind, agency_name, fiscal_year, stage "
                "FROM core.documents WHERE document_id = :d"
            ),
            {"d": document_id},
        ).one()
        errors = conn.execute(
            text(
                "SELECT count(*), count(DISTINCT d.document_id) FROM core.load_issues i "
                "JOIN core.documents d ON d.document_id = i.document_id "
                "WHERE i.severity = 'error' AND :d IN (d.document_id, d.parent_document_id)"
            ),
            {"d": document_id},
        ).one()
        return _unchanged_outcome(conn, path, StoredFile(*row, int(errors[0]), int(errors[1])))


def _unchanged_outcome(conn: Any, path: Path, doc: StoredFile) -> FileOutcome:
    """The outcome of a file stored before, with what is stored of it counted as a fresh
    load counts it (`_outcome`): rows of every fact table, printed cells, the book's warnings,
    errors of the book and its 附錄 units, the notes `load` shows."""
    from sqlalchemy import text

    from unitbudget.schema import Base

    ids = [
        int(i)
        for (i,) in conn.execute(
            text(
                "SELECT document_id FROM core.documents "
                "WHERE :d IN (document_id, parent_document_id)"
            ),
            {"d": doc.document_id},
        )
    ]
    # integers from the warehouse itself, written inline: one IN-list per table is ~6x less
    # CPU than a sub-query per table (7.5 against 45 ms for the book, measured)
    listed = ", ".join(map(str, ids))
    tables = [
        t.name
        for t in Base.metadata.sorted_tables
        if t.schema == "core"
        and "document_id" in t.c
        and t.name != "documents"
        # stored after the load by the comparison, not read from the file
        and not t.name.startswith("comparison_")
    ]
    counts = dict(
        conn.execute(
            text(
                " UNION ALL ".join(
                    f"SELECT '{name}', count(*) FROM core.{name} WHERE document_id IN ({listed})"
                    for name in tables
                )
            )
        ).all()
    )
    n_facts, n_cells = sum(counts.values()), counts.get("printed_cells", 0)
    issues = conn.execute(
        text(
            "SELECT document_id, severity, code, message FROM core.load_issues "
            f"WHERE document_id IN ({listed}) ORDER BY document_id, issue_id"
        )
    ).all()
    return FileOutcome(
        file=str(path),
        status="unchanged",
        document_id=doc.document_id,
        kind=doc.kind,
        agency=doc.agency,
        fiscal_year=doc.fiscal_year,
        stage=doc.stage,
        facts=int(n_facts),
        cells=int(n_cells),
        warnings=sum(1 for i in issues if i[0] == doc.document_id and i[1] == "warning"),
        errors=doc.errors,
        error_documents=doc.error_documents,
        notes=[i[3] for i in issues if i[2] in SHOWN_ON_LOAD],
        stage_assumed=any(i[0] == doc.document_id and i[2] == "stage_assumed" for i in issues),
    )


def _printed_cells(doc: Any) -> int:
    """Printed cells of a ParsedDocument (with its 附錄 units) or a PreparedDocument."""
    columns = getattr(doc, "columns", None)
    if columns is not None:
        cells = columns.get("printed_cells")
        return 0 if cells is None else cells.num_rows
    return sum(len(d.cells) for d in [doc, *doc.units])


def _outcome(path: Path, doc: Any, res: Any, cells: int = 0) -> FileOutcome:
    # a book's 附錄 units are documents of their own, stored from the same file
    stored = [doc, *getattr(doc, "units", [])]
    errors = [sum(1 for i in d.issues if i.severity == "error") for d in stored]
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
        errors=sum(errors),
        report=[vars(t) for t in doc.tables],
        error_documents=sum(1 for n in errors if n),
        notes=[i.message for d in stored for i in d.issues if i.code in SHOWN_ON_LOAD],
        stage_assumed=any(i.code == "stage_assumed" for i in doc.issues),
        cells=cells,
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
    database: str | None,
    *,
    year: int | None = None,
    agency: str | None = None,
    budget: str | None = None,
    stage: str | None = None,
) -> dict[str, int]:
    """How many loaded documents of each kind match the filters (kind -> count)."""
    clauses, params = _document_clauses(year, agency, budget, stage)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
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


# The documents a general word of --budget names; any other text is part of a budget's name.
_GENERAL_BUDGET = "中央政府總預算"
_BUDGET_WORDS: dict[str, str] = {
    "總預算": _GENERAL_BUDGET,
    "特別": "%特別預算",
    "特別預算": "%特別預算",
    "追加": "%追加%預算",
    "追加預算": "%追加%預算",
    "追加(減)預算": "%追加%預算",
}


def _document_clauses(
    year: int | None = None,
    agency: str | None = None,
    budget: str | None = None,
    stage: str | None = None,
) -> tuple[list[str], dict[str, Any]]:
    """The one document filter (--year, --agency, --budget, --stage), as clauses on the
    columns the documents view has (report and comparison views carry the first two too).

    budget: 總預算 (the general budget, 中央政府總預算, never a 追加預算 of it), 特別 (every
    特別預算), 追加 (every 追加(減)預算), or part of a budget's printed name
    (documents.budget_name).
    stage: proposed, enacted or actual.
    """
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if year is not None:
        clauses.append("fiscal_year = :year")
        params["year"] = year
    if agency:
        clauses.append("(agency_code = :agency OR agency_name LIKE :agency_like)")
        params["agency"] = agency
        params["agency_like"] = f"%{agency}%"
    if budget:
        pattern = _BUDGET_WORDS.get(budget.strip())
        if pattern == _GENERAL_BUDGET:
            clauses.append("budget_name = :budget")
            params["budget"] = _GENERAL_BUDGET
        else:
            clauses.append("budget_name LIKE :budget")
            params["budget"] = pattern or f"%{budget.strip()}%"
    if stage is not None:
        clauses.append("stage = :stage")
        params["stage"] = stage
    return clauses, params


def _filters(
    year: int | None,
    agency: str | None,
    document_id: int | None = None,
    *,
    budget: str | None = None,
    stage: str | None = None,
) -> tuple[str, dict[str, Any]]:
    """WHERE clause for a view with document_id, fiscal_year, agency_code and agency_name:
    year and agency on the view's own columns, budget and stage through its documents."""
    clauses, params = _document_clauses(year, agency)
    if document_id is not None:
        clauses.insert(0, "document_id = :document_id")
        params["document_id"] = document_id
    by_document, document_params = _document_clauses(budget=budget, stage=stage)
    if by_document:
        clauses.append(
            "document_id IN (SELECT document_id FROM documents WHERE "
            + " AND ".join(by_document)
            + ")"
        )
        params.update(document_params)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def appendix_units(
    database: str | None,
    *,
    year: int | None = None,
    agency: str | None = None,
    budget: str | None = None,
    stage: str | None = None,
) -> Rows:
    """The 附錄 units stored as documents of their own (`show --units`), one row each with its
    book, for the books or units matching the document filter (_document_clauses).

    Column `pages`: NULL for a unit whose pages are in the file, else `pages not in the file
    (printed page N)` for a unit the book's 目次 lists but the file does not reach (its
    book's `appendix_units_missing` issue): only what the book's own tables print of it
    is stored.
    """
    clauses, params = _document_clauses(year, agency, budget, stage)
    match = " AND ".join(clauses) if clauses else "TRUE"
    r = query(
        database,
        "SELECT u.document_id, u.parent_document_id AS book_document_id, u.unit_name, "
        "u.agency_code, u.fiscal_year, u.stage, u.file_name, i.message FROM documents u "
        "LEFT JOIN (SELECT document_id, string_agg(message, '; ') AS message FROM load_issues "
        "WHERE issue_code = 'appendix_units_missing' GROUP BY document_id) i "
        "ON i.document_id = u.parent_document_id "
        "WHERE u.parent_document_id IS NOT NULL AND (u.document_id IN (SELECT document_id "
        f"FROM documents WHERE {match}) OR u.parent_document_id IN (SELECT document_id "
        f"FROM documents WHERE {match})) ORDER BY u.document_id",
        params,
    )
    from unitbudget.loaders.contents import missing_units_named

    rows = []
    for *unit, message in r.rows:
        page = missing_units_named(message or "").get(re.sub(r"\s+", "", unit[2] or ""))
        rows.append(
            (*unit, None if page is None else f"pages not in the file (printed page {page})")
        )
    return Rows([*r.columns[:-1], "pages"], rows)


def document_ids(
    database: str | None,
    *,
    year: int | None = None,
    agency: str | None = None,
    budget: str | None = None,
    stage: str | None = None,
) -> list[int]:
    """Loaded documents matching the document filter (see _document_clauses), in load order."""
    clauses, params = _document_clauses(year, agency, budget, stage)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    r = query(database, f"SELECT document_id FROM documents{where} ORDER BY document_id", params)
    return [int(i) for (i,) in r.rows]


def show(
    database: str | None,
    slug: str,
    *,
    year: int | None = None,
    agency: str | None = None,
    document_id: int | None = None,
    budget: str | None = None,
    stage: str | None = None,
    units: bool = False,
) -> Rows:
    """A regenerated table in its printed layout (long-format views are pivoted back).

    Filters as in _document_clauses (budget: 總預算 / 特別 / 追加 or part of a name; stage).
    Without `document_id`, a book's own documents only, or with `units` only its 附錄 units'
    (documents with a parent_document_id): one book prints the same table for itself and for
    each unit.
    """
    info = table_info(slug)
    where, params = _filters(year, agency, document_id, budget=budget, stage=stage)
    unit_clause = (
        "document_id IN (SELECT document_id FROM documents WHERE parent_document_id IS "
        + ("NOT NULL)" if units else "NULL)")
    )
    if document_id is None:  # a document asked by its id is shown whatever it is
        where = f"{where} AND {unit_clause}" if where else f" WHERE {unit_clause}"
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
        [*keep, *(pivot_header(str(k), columns[k][1]) for k in ordered)],
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
    "travel_summary": (
        "上年度 columns come from the previous year's book (its travel plans); a book alone "
        "regenerates only 本年度."
    ),
    "function_economic": (
        "歲出按職能及經濟性綜合分類表 classifies part of 業務費 as 受僱人員報酬, so its "
        "受僱人員報酬 differs from the document's own 人事費 (各項費用彙計表) and 商品及勞務 by "
        "the same amount the other way; the sum 受僱人員報酬 + 商品及勞務 still equals 人事費 + "
        "業務費 + 預備金. Books also split 資訊軟硬體設備費 into 資訊軟體 and 機器及其他設備, "
        "a split no other table prints. The regenerated table maps object classes to economic "
        "classes by the rules kept as data in core.economic_mappings and charts.ECONOMIC_RULES "
        "(each source code with its rule), so the difference is in the document."
    ),
}


@dataclass
class Comparison:
    summary: Rows
    mismatches: Rows
    # cells missing in print or in the regenerated view (columns as `mismatches`), when asked
    # (compare(missing=True)); None otherwise
    missing: Rows | None = None

    def unexplained_missing(self) -> Rows:
        """The `missing` cells `unexplained` counts (same rules: not the statuses a note
        explains for the table, not missing in print of a table the document does not print);
        empty when `missing` was not asked for."""
        if self.missing is None:
            return Rows(self.mismatches.columns, [])
        ix = {c: i for i, c in enumerate(self.summary.columns)}
        printed = {
            (r[ix["document_id"]], r[ix["table"]]): r[ix["printed"]] for r in self.summary.rows
        }
        mx = {c: i for i, c in enumerate(self.missing.columns)}
        keep = []
        for r in self.missing.rows:
            # a cell's status is also the name of the summary column counting it
            table, status = r[mx["table"]], r[mx["status"]]
            if status in EXPLAINED_STATUSES.get(table, frozenset()):
                continue
            if status == "missing_in_print" and not printed.get((r[mx["document_id"]], table)):
                continue
            keep.append(r)
        return Rows(self.missing.columns, keep)

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

    @property
    def unexplained(self) -> int:
        """Cells that differ without a known cause: what `compare --strict` fails on.

        Counts, per document and table, mismatches plus cells missing in print or in the
        regenerated view, leaving out (a) the statuses KNOWN_DIFFERENCES explains for that table
        (EXPLAINED_STATUSES) and (b) cells missing in print of a table the document does not
        print at all (`printed` false: nothing printed to differ from, e.g. a table the agency
        omits or a book cut before it).
        """
        ix = {c: i for i, c in enumerate(self.summary.columns)}
        total = 0
        for r in self.summary.rows:
            explained = EXPLAINED_STATUSES.get(r[ix["table"]], frozenset())
            for status in ("mismatched", "missing_in_print", "missing_in_view"):
                if status in explained or (status == "missing_in_print" and not r[ix["printed"]]):
                    continue
                total += int(r[ix[status]] or 0)
        return total

    def notes(self) -> list[tuple[str, str]]:
        """(table, explanation) for tables whose mismatches have a known cause in the document."""
        i = self.mismatches.columns.index("table")
        tables = sorted({r[i] for r in self.mismatches.rows})
        return [(t, KNOWN_DIFFERENCES[t]) for t in tables if t in KNOWN_DIFFERENCES]


# Which comparison statuses (summary columns) each KNOWN_DIFFERENCES note explains: only
# those are left out of `Comparison.unexplained`; any other difference in the table still counts.
EXPLAINED_STATUSES: dict[str, frozenset[str]] = {
    "vehicles": frozenset({"mismatched"}),
    "revenue_by_source": frozenset({"mismatched"}),
    "function_economic": frozenset({"mismatched"}),
    # the 上年度 columns, which a book alone cannot regenerate
    "travel_summary": frozenset({"missing_in_view"}),
}


def compare(
    database: str | None,
    slug: str | None = None,
    *,
    year: int | None = None,
    agency: str | None = None,
    budget: str | None = None,
    stage: str | None = None,
    live: bool = False,
    missing: bool = False,
) -> Comparison:
    """Printed cells against regenerated ones: a summary per unit-budget document and
    published table (cells compared, matched, mismatched, missing), and the mismatching cells.
    With `missing`, also every cell missing in print or in the regenerated view
    (`Comparison.missing`, always from the views: the store keeps mismatches only).

    `year`, `agency` (its 10-digit code, or part of its name), `budget` and `stage` first
    select the unit-budget documents; only their cells are read. By default the rows come from
    the results stored by the last load (core.comparison_summary and comparison_mismatches,
    unitbudget.comparison), and the selected documents they do not cover yet (not in
    core.comparison_documents) are computed from the views; `live`, or a store older than the
    views, computes every cell from the views (table_comparison, table_comparison_summary).
    Both give the same rows.

    Raises InputError for an unknown `slug`, DatabaseError when the database is missing or
    not at head.
    """
    if slug is not None:
        table_info(slug)
    url = dburl.resolve_url(database)
    if missing:
        c = compare(database, slug, year=year, agency=agency, budget=budget, stage=stage, live=live)
        c.missing = _missing_cells(database, slug, year, agency, budget, stage)
        return c
    if not dburl.is_duckdb(url):
        return _compare(
            lambda sql, p: query(database, sql, p), slug, year, agency, budget, stage, live
        )
    # One connection for the document filter, the freshness check and both queries: opening
    # one and binding the catalog costs more than a filtered comparison.
    con = dburl.connect_read_only(url)
    try:
        return _compare(
            lambda sql, p: Rows(*dburl.run_read_only(con, url, sql, p)),
            slug,
            year,
            agency,
            budget,
            stage,
            live,
        )
    finally:
        con.close()


def _compare(
    q: Callable[[str, dict[str, Any] | None], Rows],
    slug: str | None,
    year: int | None,
    agency: str | None,
    budget: str | None,
    stage: str | None,
    live: bool,
) -> Comparison:
    from .comparison import is_fresh

    stored = not live and is_fresh(lambda sql: q(sql, None).rows)
    clauses: list[str] = []
    params: dict[str, Any] = {}
    pending: list[int] = []
    where, filters = _filters(year, agency, budget=budget, stage=stage)
    # On the stored path each selected document comes with whether its results are stored
    # (core.comparison_documents) in the same statement: one round trip less.
    flag = (
        ", document_id NOT IN (SELECT document_id FROM core.comparison_documents)"
        if stored
        else ", FALSE"
    )
    if where:
        # The filters become a list of document ids before any cell is read: the comparison
        # views then filter on a plain column that reaches the base tables.
        ids = q(
            f"SELECT document_id{flag} FROM core.documents{where} AND kind = 'unit_budget' "
            "ORDER BY document_id",
            filters,
        ).rows
        listed = ", ".join(str(int(r[0])) for r in ids)
        if len(ids) == 1:
            # DuckDB pushes `=` through the summary's joins; `IN (one)` it does not (4x slower)
            clauses.append(f"document_id = {listed}")
        else:
            clauses.append(f"document_id IN ({listed})" if ids else "1 = 0")
        pending = [int(r[0]) for r in ids if r[1]]
    elif stored:
        pending = [
            int(r[0])
            for r in q(
                "SELECT document_id FROM core.documents WHERE kind = 'unit_budget' "
                "AND document_id NOT IN (SELECT document_id FROM core.comparison_documents)",
                None,
            ).rows
        ]
    if slug is not None:
        clauses.append("table_slug = :slug")
        params["slug"] = slug
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    if not stored:
        return _compare_views(q, where, params)
    return _compare_stored(q, where, pending, params)


_SUMMARY_OUT = (
    'document_id, fiscal_year, agency_name, table_slug AS "table", printed, compared, '
    "matched, mismatched, missing_in_print, missing_in_view"
)
_MISMATCH_OUT = (
    'document_id, table_slug AS "table", row_key, column_key, printed_value, '
    "regenerated_value, status, page, line"
)
_SUMMARY_ORDER = " ORDER BY document_id, table_order"
_MISMATCH_ORDER = " ORDER BY document_id, table_slug, row_order, column_order, row_key, column_key"


def _missing_cells(
    database: str | None,
    slug: str | None,
    year: int | None,
    agency: str | None,
    budget: str | None,
    stage: str | None,
) -> Rows:
    """Cells missing in print or in the regenerated view (table_comparison) of the selected
    documents, in the order of the mismatches."""
    clauses = ["status IN ('missing_in_print', 'missing_in_view')"]
    params: dict[str, Any] = {}
    if any(v is not None and v != "" for v in (year, agency, budget, stage)):
        ids = document_ids(database, year=year, agency=agency, budget=budget, stage=stage)
        clauses.append(f"document_id IN ({', '.join(map(str, ids))})" if ids else "1 = 0")
    if slug is not None:
        clauses.append("table_slug = :slug")
        params["slug"] = slug
    return query(
        database,
        f"SELECT {_MISMATCH_OUT} FROM table_comparison WHERE {' AND '.join(clauses)}"
        f"{_MISMATCH_ORDER}",
        params or None,
    )


def _compare_views(
    q: Callable[[str, dict[str, Any] | None], Rows], where: str, params: dict[str, Any]
) -> Comparison:
    """Every cell from the live views (table_comparison, table_comparison_summary)."""
    summary = q(
        f"SELECT {_SUMMARY_OUT} FROM table_comparison_summary{where}{_SUMMARY_ORDER}",
        params or None,
    )
    mism = q(
        f"SELECT {_MISMATCH_OUT} FROM table_comparison"
        f"{where}{' AND ' if where else ' WHERE '}status = 'mismatch'{_MISMATCH_ORDER}",
        params or None,
    )
    return Comparison(summary, mism)


def _compare_stored(
    q: Callable[[str, dict[str, Any] | None], Rows],
    where: str,
    pending: list[int],
    params: dict[str, Any],
) -> Comparison:
    """The stored results (core.comparison_summary / comparison_mismatches) of the documents
    `where` selects, and the live views' rows of those of them not stored (`pending`, not in
    core.comparison_documents): the same rows as `_compare_views`, in the same order."""
    from .comparison import (
        MISMATCH_COLUMNS,
        SUMMARY_COLUMNS,
        document_filter,
        documents_clause,
    )

    slug = " AND table_slug = :slug" if "slug" in params else ""
    # Only rows core.comparison_documents vouches for: the selected documents it does not
    # list are `pending` (a write forgets both at once; this also holds for a store edited or
    # half-restored by hand).
    stored = where
    if pending:
        stored += f"{' AND ' if where else ' WHERE '}NOT ({documents_clause(pending)})"
    summary_sql = f"SELECT {SUMMARY_COLUMNS} FROM core.comparison_summary{stored}"
    mismatch_sql = f"SELECT {MISMATCH_COLUMNS} FROM core.comparison_mismatches{stored}"
    if pending:
        # documents loaded since the last store (or invalidated by a later load)
        live = document_filter(pending)
        summary_sql += (
            f"\nUNION ALL SELECT {SUMMARY_COLUMNS} FROM table_comparison_summary{live}{slug}"
        )
        mismatch_sql += (
            f"\nUNION ALL SELECT {MISMATCH_COLUMNS} FROM table_comparison{live}{slug} "
            "AND status = 'mismatch'"
        )
    summary = q(f"SELECT {_SUMMARY_OUT} FROM ({summary_sql}) AS s{_SUMMARY_ORDER}", params or None)
    mism = q(f"SELECT {_MISMATCH_OUT} FROM ({mismatch_sql}) AS m{_MISMATCH_ORDER}", params or None)
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


@dataclass(frozen=True)
class Versions:
    """What a warehouse built by this install holds: the package, the parsers that fill
    documents.parser_version, and the newest migration (where `db upgrade` goes)."""

    package: str
    parser: str
    migration_head: str


def versions() -> Versions:
    """The installed package version, the parser version and the Alembic head revision.

    Reads no database. Raises nothing on a normal install; a source tree run without
    installing reports the package version as `unknown`.
    """
    from importlib.metadata import PackageNotFoundError, version

    from . import db
    from .loaders.version import PARSER_VERSION

    try:
        package = version("unitbudget")
    except PackageNotFoundError:
        package = "unknown"
    return Versions(package, PARSER_VERSION, db.head_revision())


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
        from .errors import LoadConflict

        first = batch.refused[0]
        # the exit status `load` gives the same refusal (README's table): 3 a slot another
        # file holds, else 2
        error = LoadConflict if batch.refused_exit_code == LoadConflict.exit_code else InputError
        raise error(first.message or f"{first.file}: refused")
    return batch, compare(database)
