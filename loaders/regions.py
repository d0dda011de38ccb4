"""The format-independent model every reader produces and every table parser consumes.

A reader (text now, PDF later) turns bytes into a `SourceDocument`: pages and table regions,
each cell carrying the page and line it was printed on. Table parsers see only these types.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .issues import LoadIssue


@dataclass(frozen=True)
class Cell:
    """One printed cell. `text` is stripped; wrapped lines of one cell are joined with '\\n'."""

    text: str
    page: int
    line: int


@dataclass
class Row:
    """One printed row: cells left to right (empty cells keep their position as text '')."""

    cells: list[Cell]
    page: int
    line: int
    # Set on a row stitched from a left and a right half: where its right part was printed.
    right_line: int | None = None
    right_page: int | None = None

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def get(self, index: int) -> Cell | None:
        return self.cells[index] if 0 <= index < len(self.cells) else None


@dataclass
class Region:
    """A table (or a text section) as printed: title from the page header, header rows, body rows.

    `pages` lists the printed page numbers (1-based page count in the file) it spans. For wide
    tables printed as a left and a right half, the reader has already joined each left row with
    its right row, so `rows` are whole printed rows.
    """

    title: str
    header_rows: list[Row]
    rows: list[Row]
    pages: list[int]
    first_line: int
    last_line: int
    unit: str | None = None
    agency: str | None = None
    fiscal_year: int | None = None
    stitched_halves: bool = False
    lines: list[tuple[int, str]] = field(default_factory=list)
    # "table", "text" (目次, 預算總說明: no header/body split) or "cover".
    kind: str = "table"
    # Title as printed (halves joined, whitespace removed) when `title` had to be completed
    # from the table of contents, e.g. printed "分析表" -> title "資本支出分析表".
    printed_title: str | None = None
    section: str | None = None  # 主要表 / 附屬表 ... from the divider pages, when printed
    # page_breaks[i] = index into `rows` of the first row of the i-th page (or left/right page
    # pair); page_header_rows[i] = the column-header rows printed on that page (or pair).
    page_breaks: list[int] = field(default_factory=list)
    page_header_rows: list[list[Row]] = field(default_factory=list)
    # Raw halves of a stitched table, for parsers that must re-pair rows themselves.
    # left_width = number of cells of the left part of every stitched row.
    left_rows: list[Row] = field(default_factory=list)
    right_rows: list[Row] = field(default_factory=list)
    left_header_rows: list[Row] = field(default_factory=list)
    right_header_rows: list[Row] = field(default_factory=list)
    half_pairs: list[HalfPair] = field(default_factory=list)
    left_width: int | None = None


@dataclass
class HalfPair:
    """One left page and its right page of a wide table, before stitching."""

    left_page: int
    right_page: int
    left_header_rows: list[Row]
    right_header_rows: list[Row]
    left_rows: list[Row]
    right_rows: list[Row]
    left_has_page_header: bool = True  # False: the extraction lost the left page's header


@dataclass
class SourceDocument:
    """What a reader returns for one file."""

    file_name: str
    encoding: str
    line_count: int
    page_count: int
    agency: str | None
    fiscal_year: int | None
    regions: list[Region]
    issues: list[LoadIssue] = field(default_factory=list)
    # Titles listed in the table of contents (目次), in order; empty when there is none.
    toc_titles: list[str] = field(default_factory=list)
    # Non-blank lines on no page: section dividers (二、主要表) and stray lines.
    unassigned_lines: list[tuple[int, str]] = field(default_factory=list)
    # Stage the document says it is in (cover, metadata title): proposed / enacted / actual.
    stage_hint: str | None = None
