"""What every table parser returns, and the context parsers share within one document.

Table parsers are pure functions from a `Region` (format-independent) to a `TableResult`:
typed fact rows keyed by warehouse table name, the printed cells, and load issues.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ..amounts import parse_number
from ..issues import LoadIssue
from ..regions import Cell, Region


# Slotted, not frozen, as `Cell` (~1,000 a document): never written after it is made
# (tests/test_cells_written_once.py).
@dataclass(slots=True, unsafe_hash=True)
class PrintedCell:
    """A cell exactly as printed, addressed by stable row and column keys.

    Keys are what report views produce too, so comparison is a join on
    (table_slug, row_key, column_key). Keep them stable across documents: codes where the
    table prints codes, fixed English column keys.
    """

    row_key: str
    column_key: str
    row_order: int
    column_order: int
    text: str
    value: Decimal | None
    page: int | None
    line: int | None


@dataclass
class ParseContext:
    """Facts from tables parsed earlier in the same document that later tables refer to."""

    fiscal_year: int | None = None
    agency_name: str | None = None
    agency_code: str | None = None
    # work plan code -> name, from the plan overview (tables that print only names use it)
    work_plans: dict[str, str] = field(default_factory=dict)
    # account code -> name for ministry / agency / function accounts seen so far
    accounts: dict[str, str] = field(default_factory=dict)
    # stage of the document's own amounts: proposed (預算案), enacted (法定預算) or actual
    stage: str = "enacted"


@dataclass
class TableResult:
    slug: str
    title: str
    pages: list[int]
    first_line: int
    last_line: int
    facts: dict[str, list[dict]] = field(default_factory=dict)
    cells: list[PrintedCell] = field(default_factory=list)
    issues: list[LoadIssue] = field(default_factory=list)
    row_count: int = 0
    # numeric tokens of the region's lines that no cell captured: (line, token)
    unused_tokens: list[tuple[int, str]] = field(default_factory=list)
    # (line, text) of printed tokens the parser read into a stored fact or a row key without
    # printing them back as a compared cell (款項目節 numbers, codes, dates): the parse report
    # counts them captured, the comparison never sees them
    read_tokens: list[tuple[int | None, str]] = field(default_factory=list)
    # chart rows as the table prints them (table -> rows, e.g. object_classes -> {code, name});
    # the loader keeps those the reference charts lack (ParsedDocument.reference_rows)
    printed_names: dict[str, list[dict]] = field(default_factory=dict)
    # row keys of `_indexed_cells[:_indexed]`, for prints_row (not part of the result)
    _row_keys: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    _indexed: int = field(default=0, init=False, repr=False, compare=False)
    _indexed_cells: list | None = field(default=None, init=False, repr=False, compare=False)

    def prints_row(self, row_key: str) -> bool:
        """Whether a printed cell of `cells` has `row_key`: as scanning `cells`, but each cell
        is indexed once (a table of n rows asks n times). A parser may replace `cells` with a
        new list (a filtered copy): the index then starts again."""
        cells = self.cells
        if cells is not self._indexed_cells or len(cells) < self._indexed:
            self._row_keys = set()
            self._indexed = 0
            self._indexed_cells = cells
        if self._indexed < len(cells):
            self._row_keys.update(c.row_key for c in cells[self._indexed :])
            self._indexed = len(cells)
        return row_key in self._row_keys

    def add_fact(self, table: str, **row: object) -> None:
        self.facts.setdefault(table, []).append(row)

    def add_cell(
        self,
        row_key: str,
        column_key: str,
        row_order: int,
        column_order: int,
        cell: Cell,
        value: Decimal | None = None,
    ) -> PrintedCell:
        """Record a printed cell; `value` is its number when the text is a label that prints
        one in words (項次 (十二) -> 12), else the number parsed from the text."""
        text = cell.text
        if value is None and text:
            value = parse_number(text)
        # positional: a document prints ~1,000 cells, and eight keywords cost as much again
        printed = PrintedCell(
            row_key, column_key, row_order, column_order, text, value, cell.page, cell.line
        )
        self.cells.append(printed)
        return printed

    def add_cells(
        self, row_key: str, row_order: int, cells: Iterable[tuple[str, int, Cell]]
    ) -> None:
        """`add_cell(row_key, column_key, row_order, column_order, cell)` for each
        (column_key, column_order, cell) of one printed row, values parsed from the texts: a
        row's cells in one call (a document prints ~1,000 cells)."""
        append = self.cells.append
        for column_key, column_order, cell in cells:
            text = cell.text
            value = parse_number(text) if text else None
            append(
                PrintedCell(
                    row_key, column_key, row_order, column_order, text, value, cell.page, cell.line
                )
            )

    def read(self, cell: Cell | None) -> None:
        """Record that `cell`'s text went into a stored fact or a row key (not a compared
        cell), so the parse report counts its numeric token captured. Call it only where the
        value is really kept; an empty or missing cell is ignored."""
        if cell is not None and cell.text:
            self.read_tokens.append((cell.line, cell.text))

    def warn(self, code: str, message: str, cell: Cell | None = None) -> None:
        self.issues.append(
            LoadIssue(
                "warning",
                code,
                message,
                self.slug,
                cell.page if cell else None,
                cell.line if cell else None,
            )
        )


@dataclass(frozen=True)
class TableParser:
    """A parser registers the slug it produces, how it recognises its region, and itself."""

    slug: str
    # Reads only the region's kind, title, printed title and header-row texts: the registry
    # asks once per distinct set of those (`registry.recognition_key`), not once per region.
    matches: Callable[[Region], bool]
    parse: Callable[[Region, ParseContext], TableResult]
    # lower runs first: tables others refer to (plan overview) parse early
    order: int = 50


def result_for(region: Region, slug: str) -> TableResult:
    return TableResult(
        slug=slug,
        title=region.title,
        pages=list(region.pages),
        first_line=region.first_line,
        last_line=region.last_line,
    )


# Every parser's `matches` compacts the header labels of every region, and readers repeat
# labels on each page: each distinct text is compacted once.
@lru_cache(maxsize=1 << 15)
def compact(text: str) -> str:
    """Text with all whitespace removed: headers are matched on this."""
    return "".join(text.split())


def recognised(region: Region, title: str, header_words: tuple[str, ...] = ()) -> bool:
    """The region is the table titled `title`, or (title lost) its headers hold every word."""
    printed = region.printed_title or ""
    if title in compact(region.title) or title in compact(printed):
        return True
    if not header_words:
        return False
    head = "".join(compact(c.text) for r in region.header_rows for c in r.cells)
    return all(word in head for word in header_words)
