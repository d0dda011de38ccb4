"""Golden tables as data: read every `tests/golden/<document>/<file>.csv`, check it against a load.

A golden file holds cells typed from the published document, never from our output. The one
format for new files is long: `row_key,column_key,text,page` (or `line` for the text sample),
`text` exactly as printed (`13,424,378`, `-`). The older ADI 112 files are wide (one column per
column_key beside meta columns such as `line`); `read_golden` adapts them where the mapping to
(row_key, column_key, text) is unambiguous and `SKIPPED` lists, with the reason, the files it
cannot read (their own per-table tests cover them).

A golden cell holds when the document's printed cell of that slug / row_key / column_key has
that value (numbers compared as numbers: `13,424,378` == 13424378, `-` == 0) and, for a numeric
cell, `table_comparison` says `match`, unless `explained_mismatches.csv` of the document lists
the cell with the reason the document itself causes the mismatch.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from unitbudget import api
from unitbudget.catalog import BY_SLUG

ROOT = Path(__file__).resolve().parents[1]
GOLDEN_ROOT = ROOT / "tests" / "golden"
SAMPLES = ROOT / "unitbudget" / "samples"


@dataclass(frozen=True)
class GoldenDocument:
    """Where a golden directory's cells are printed: the sample file and, for a 附錄 unit of a
    multi-unit book, the unit's label (None: the consolidated book or a single-unit document)."""

    sample: Path
    unit: str | None = None


DOCUMENTS: dict[str, GoldenDocument] = {
    "adi-112": GoldenDocument(SAMPLES / "adi-112-unit-budget.txt"),
    "moi-114": GoldenDocument(SAMPLES / "moi-114-unit-budget.pdf"),
    # 附錄(一) of the book is 內政部 itself: stored as a document whose unit_name is 內政部.
    "moi-114-appendix-1": GoldenDocument(SAMPLES / "moi-114-unit-budget.pdf", unit="內政部"),
}

# The one switch the lead removes at integration: golden directories whose document the
# warehouse cannot load yet (the PDF reader lands with issue 11). Their checks are xfail.
# Golden files (document/stem) or whole documents the warehouse does not reproduce yet, each
# with the reason: strict xfail, so one that starts to pass fails the suite until removed here.
KNOWN_GAPS: dict[str, str] = {}

# Files in a golden directory that are not golden tables.
NOT_TABLES = frozenset({"facts.csv", "explained_mismatches.csv"})

# Golden files named after something other than a slug: file stem -> (slug, column_key of the
# file's one `text` column when the file has no column_key).
ALIASES: dict[str, tuple[str, str | None]] = {
    # row_key,text,line: the plan_overview amounts, whose one column is `amount`
    # (plan_overview module docstring).
    "plan_overview_cells": ("plan_overview", "amount"),
}

# Golden files the adapter cannot read as printed cells (document dir / file name -> reason).
SKIPPED: dict[str, str] = {
    "adi-112/budget_statement_duties.csv": "facts of a prose section (agency_duties), no cells",
    "adi-112/budget_statement_internal_units.csv": "facts of a prose section, no cells",
    "adi-112/plan_overview_line_items.csv": "line_items facts (amount as int), not cells",
    "adi-112/plan_overview_programs.csv": "programs facts (names and 說明 amounts), not cells",
    "adi-112/plan_overview_sub_plans.csv": "sub_plans facts (name, units, amount), not cells",
    "moi-114/legislative_resolutions_blocks.csv": "first and last 項次, count and pages per "
    "section part (test_table_legislative_resolutions.py)",
    "moi-114/contents.csv": "the book's contents and page spans (test_pdf_reader.py)",
    "moi-114/work_plans.csv": "一級用途別 rows read by the PDF reader's tests (test_pdf_reader.py)",
    "moi-114/expense_summary_totals.csv": "各項費用 合計 column cells the PDF reader's tests read "
    "(test_pdf_reader.py)",
}

# Columns of a golden file that locate a cell in the document rather than name a column.
META_COLUMNS = frozenset({"row_key", "line", "right_line", "half", "page"})


@dataclass(frozen=True)
class GoldenCell:
    """One cell typed from the document: its keys, text as printed, page (PDF books: the
    printed page number) or line (text sample) where it is printed, and the golden file line."""

    slug: str
    row_key: str
    column_key: str
    text: str
    page: int | None
    line: int | None
    source_line: int


def parse_number(text: str) -> Decimal | None:
    """The exact value of a printed number (`13,424,378`, `-984,152`, `31.30`); `-` is 0.

    None for text that is not a number (names, notes, `3層`).
    """
    t = text.strip()
    if t == "-":
        return Decimal(0)
    if not re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d+)?|-?\d+(\.\d+)?", t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def golden_files() -> list[Path]:
    """Every golden table file of every document (facts and explanations excluded)."""
    return sorted(
        p
        for p in GOLDEN_ROOT.glob("*/*.csv")
        if p.name not in NOT_TABLES and f"{p.parent.name}/{p.name}" not in SKIPPED
    )


def golden_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def slug_of(path: Path) -> str:
    """The catalog slug of a golden file (ValueError when the name is neither slug nor alias)."""
    slug = ALIASES[path.stem][0] if path.stem in ALIASES else path.stem
    if slug not in BY_SLUG:
        raise ValueError(f"{path}: file name names no published table; add it to SKIPPED")
    return slug


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text not in (None, "") else None


def read_golden(path: Path) -> list[GoldenCell]:
    """The cells of one golden file, long or wide format (ValueError naming file and line
    for a file the adapter cannot read unambiguously, or a cell typed twice)."""
    slug = slug_of(path)
    implied_column = ALIASES.get(path.stem, (slug, None))[1]
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = list(reader.fieldnames or [])
        if "row_key" not in header:
            raise ValueError(f"{path}: no row_key column")
        long_format = "text" in header
        if long_format and "column_key" not in header and implied_column is None:
            raise ValueError(f"{path}: a text column without column_key")
        cells: list[GoldenCell] = []
        for n, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise ValueError(f"{path}:{n}: wrong number of fields")
            page, line = _int_or_none(row.get("page")), _int_or_none(row.get("line"))
            if long_format:
                column = row.get("column_key") or implied_column
                pairs = [(str(column), row["text"])]
            else:
                pairs = [(c, v) for c, v in row.items() if c not in META_COLUMNS and v != ""]
            cells.extend(GoldenCell(slug, row["row_key"], c, v, page, line, n) for c, v in pairs)
    seen: dict[tuple[str, str], int] = {}
    for c in cells:
        key = (c.row_key, c.column_key)
        if key in seen and seen[key] != c.source_line:
            raise ValueError(f"{path}:{c.source_line}: {key} already typed on line {seen[key]}")
        seen[key] = c.source_line
    return cells


def read_explained(document: str) -> dict[tuple[str, str, str], str]:
    """(slug, row_key, column_key) -> reason, from `explained_mismatches.csv` (empty if none)."""
    path = GOLDEN_ROOT / document / "explained_mismatches.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = {(r["slug"], r["row_key"], r["column_key"]): r["reason"] for r in rows}
    blank = [k for k, reason in out.items() if not reason.strip()]
    if blank:
        raise ValueError(f"{path}: an explained mismatch needs its reason: {blank}")
    return out


@dataclass(frozen=True)
class Printed:
    """A printed cell as loaded, with its comparison status (None: not compared, e.g. a name)."""

    text: str
    value: Decimal | None
    status: str | None


def printed_cells(db: str, document: str) -> dict[str, dict[tuple[str, str], Printed]]:
    """slug -> (row_key, column_key) -> the loaded printed cell, for the one document of `db`.

    One query for the whole document (the comparison view costs the same for one table as
    for all). A book's 附錄 units are documents of their own (documents.unit_name): the golden
    directory of a unit reads that document, the book's reads the book (no parent).
    """
    unit = DOCUMENTS[document].unit
    rows = api.query(
        db,
        "SELECT p.table_slug, p.row_key, p.column_key, p.printed_text, p.printed_value, "
        "c.status "
        "FROM staging.stg_printed_cells AS p "
        "JOIN staging.stg_documents AS d ON d.document_id = p.document_id "
        "LEFT JOIN table_comparison AS c ON c.document_id = p.document_id "
        "AND c.table_slug = p.table_slug AND c.row_key = p.row_key "
        "AND c.column_key = p.column_key AND c.source = 'printed' "
        "WHERE " + ("d.parent_document_id IS NULL" if unit is None else "d.unit_name = :unit"),
        {"unit": unit} if unit is not None else None,
    ).rows
    out: dict[str, dict[tuple[str, str], Printed]] = {}
    for slug, row_key, column_key, text, value, status in rows:
        cells = out.setdefault(slug, {})
        key = (row_key, column_key)
        assert key not in cells, f"{slug} {key}: printed cell compared more than once"
        cells[key] = Printed(text, None if value is None else Decimal(value), status)
    return out


def problems(
    golden: list[GoldenCell],
    printed: dict[tuple[str, str], Printed],
    explained: dict[tuple[str, str, str], str],
) -> Iterator[str]:
    """Every golden cell that the load does not reproduce, as a readable line."""
    for g in golden:
        where = f"{g.slug} {g.row_key!r} {g.column_key!r} (golden line {g.source_line})"
        p = printed.get((g.row_key, g.column_key))
        if p is None:
            yield f"{where}: not among the printed cells; typed {g.text!r}"
            continue
        expected = parse_number(g.text)
        if expected is None:
            if p.text.strip() != g.text.strip():
                yield f"{where}: printed {p.text!r}, typed {g.text!r}"
            continue
        if p.value != expected:
            yield f"{where}: printed value {p.value} ({p.text!r}), typed {g.text!r}"
        elif p.status != "match" and (g.slug, g.row_key, g.column_key) not in explained:
            yield f"{where}: comparison says {p.status}"


def load_once(cache: dict[Path, str | BaseException], sample: Path, tmp: Path) -> str:
    """The path of a DuckDB file in `tmp` with `sample` loaded, loaded once per cache.

    A failed load is cached too and raised again, so a pending document fails fast.
    """
    if sample not in cache:
        try:
            if not sample.is_file():
                raise FileNotFoundError(f"{sample} is not in the repository yet")
            db = str(tmp / f"{sample.stem}.duckdb")
            batch = api.load(db, [str(sample)])
            statuses = [o.status for o in batch.outcomes]
            if statuses != ["loaded"]:
                raise RuntimeError(f"{sample}: {statuses} {[o.message for o in batch.outcomes]}")
            cache[sample] = db
        except Exception as exc:  # noqa: BLE001 - cached and re-raised for every parameter
            cache[sample] = exc
    got = cache[sample]
    if isinstance(got, BaseException):
        raise got
    return got


def read_facts(document: str) -> dict[str, tuple[Decimal, str, int]]:
    """fact -> (value, unit, printed page) from `facts.csv` of the document (empty if none)."""
    path = GOLDEN_ROOT / document / "facts.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = {r["fact"]: (Decimal(r["value"]), r["unit"], int(r["page"])) for r in rows}
    if len(out) != len(rows):
        raise ValueError(f"{path}: a fact is typed twice")
    return out
