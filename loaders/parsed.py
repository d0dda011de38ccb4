"""A parsed document: everything the writer stores for one file, independent of its format."""

from __future__ import annotations

from dataclasses import dataclass, field

from .issues import LoadIssue
from .tables.base import PrintedCell


@dataclass
class TableReport:
    table_seq: int
    slug: str
    title: str | None
    first_page: int | None
    last_page: int | None
    first_line: int | None
    last_line: int | None
    row_count: int
    cell_count: int
    numeric_tokens: int
    captured_tokens: int


# slots: one per printed cell (~1,000 a document)
@dataclass(slots=True)
class PrintedTableCell:
    table_slug: str
    cell: PrintedCell


@dataclass
class ParsedDocument:
    kind: str
    file_name: str
    sha256: str
    fiscal_year: int
    stage: str
    encoding: str | None = None
    agency_code: str | None = None
    agency_name: str | None = None
    page_count: int | None = None
    line_count: int | None = None
    # Budget the document belongs to (budgets.budget_name); special budgets never share a slot.
    budget_name: str = "中央政府總預算"
    facts: dict[str, list[dict]] = field(default_factory=dict)
    tables: list[TableReport] = field(default_factory=list)
    cells: list[PrintedTableCell] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)
    # reference rows met in the document and missing from the charts (table -> rows)
    reference_rows: dict[str, list[dict]] = field(default_factory=dict)
    # table -> the parsers (or loader steps) that produced its rows, for error messages
    fact_sources: dict[str, list[str]] = field(default_factory=dict)
    # A 附錄 unit of a book: its name; its tables are facts of their own document, whose
    # parent is the book (ParsedDocument.units of the book).
    unit_name: str | None = None
    units: list[ParsedDocument] = field(default_factory=list)

    def add_facts(self, table: str, rows: list[dict], source: str) -> None:
        """Add fact rows for the core table `table`, produced by `source` (a parser slug)."""
        self.facts.setdefault(table, []).extend(rows)
        sources = self.fact_sources.setdefault(table, [])
        if source not in sources:
            sources.append(source)

    def fact_count(self) -> int:
        return sum(len(v) for v in self.facts.values())
