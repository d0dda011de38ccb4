"""The format-independent model every reader produces and every table parser consumes.

A reader (the text rendering, the PDF book) turns bytes into a `SourceDocument`: pages and
table regions, each cell carrying the page and line it was printed on (and, from a PDF, its
box). Table parsers see only these types; nothing here is specific to one file format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .amounts import parse_number
from .issues import LoadIssue


# Slotted, not frozen: a reader makes ~2,300 cells a document, and a frozen dataclass pays
# either a call per field or a dict per cell (~5% of a parsing worker's CPU, bench/README.md
# round 6). Cells are still never written after they are made (padding cells are shared):
# tests/test_cells_written_once.py fails any reader or parser that does. Equal and hashed by
# value, as before.
@dataclass(slots=True, unsafe_hash=True)
class Cell:
    """One printed cell. `text` is stripped; wrapped lines of one cell are joined with '\\n'.

    `box` is where a PDF printed it: (x0, y0, x1, y1) in PDF points, origin bottom left of the
    page box; None for text renderings and for padding cells.
    """

    text: str
    page: int
    line: int
    # (x0, y0, x1, y1) in PDF points on its page, for readers that know positions.
    box: tuple[float, float, float, float] | None = None
    # Where in `text` a wrap space stands between a printed line that filled its column and the
    # word or number it goes on with (`971-J` / `ML`): offsets of those spaces, PDF only. The
    # space stays in `text` (parsers read wraps as spaces, e.g. to tell a phrase's line);
    # `toolkit.unwrapped` drops them for a text fact.
    glued: tuple[int, ...] = field(default=(), compare=False)


# slots: readers and parsers make ~1,000 rows per document; without a dict each is faster
# to make, read and free
@dataclass(slots=True)
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
class Halves:
    """A wide table printed as left and right half pages: the raw halves before stitching.

    `left_width` = number of cells of the left part of every stitched row; `pairs` keeps each
    left page with its right page for parsers that must re-pair rows themselves.
    """

    left_width: int
    pairs: list[HalfPair]
    left_rows: list[Row] = field(default_factory=list)
    right_rows: list[Row] = field(default_factory=list)
    left_header_rows: list[Row] = field(default_factory=list)
    right_header_rows: list[Row] = field(default_factory=list)


@dataclass
class Region:
    """A table (or a text section) as printed: title from the page header, header rows, body rows.

    `pages` lists the pages (1-based page count in the file) it spans. For wide tables printed
    as a left and a right half, the reader has already joined each left row with its right row,
    so `rows` are whole printed rows, and `halves` keeps the raw halves.

    A table that prints its columns in groups of pages (各項費用彙計表 of a PDF book: 13
    work-plan columns on 3 page groups, 合計 only in the last) stays one Region whose pages keep
    their own column headers (`page_header_rows[i]` for the rows from `page_breaks[i]` on):
    a row of a later group is a new row for the same object class, not a wider row.
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
    # Numeric tokens the reader saw in the table's cells, (page, line, token): the parse report
    # counts how many of them the parser captured. A caption reprinted on every page counts once.
    numeric_tokens: list[tuple[int, int, str]] = field(default_factory=list)
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
    halves: Halves | None = None
    # PDF page -> printed page label ((0801)-065); empty for text renderings.
    page_labels: dict[int, str] = field(default_factory=dict)
    # Subordinate unit of a multi-unit book whose tables these are (附錄(一) 內政部 …);
    # None = the consolidated book. `appendix` is the printed 附錄 number, e.g. "附錄(一)".
    unit_name: str | None = None
    appendix: str | None = None

    # Read-only views of `halves` for parsers of tables printed in halves.
    @property
    def stitched_halves(self) -> bool:
        return self.halves is not None

    @property
    def left_width(self) -> int | None:
        return self.halves.left_width if self.halves else None

    @property
    def half_pairs(self) -> list[HalfPair]:
        return self.halves.pairs if self.halves else []

    @property
    def left_rows(self) -> list[Row]:
        return self.halves.left_rows if self.halves else []

    @property
    def right_rows(self) -> list[Row]:
        return self.halves.right_rows if self.halves else []

    @property
    def left_header_rows(self) -> list[Row]:
        return self.halves.left_header_rows if self.halves else []

    @property
    def right_header_rows(self) -> list[Row]:
        return self.halves.right_header_rows if self.halves else []


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
    encoding: str | None
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
    # Page (1-based in the file) -> the label printed on it, e.g. 62 -> "(0801)-062".
    page_labels: dict[int, str] = field(default_factory=dict)


_BLANKS = re.compile(r"\s+")


def caption_lines(region: Region) -> set[int]:
    """Line numbers of the column-header and caption rows `region` printed on its pages
    (`page_header_rows`, both halves of a stitched row): the rows a page reprints."""
    out: set[int] = set()
    for rows in region.page_header_rows:
        for row in rows:
            out.add(row.line)
            if row.right_line is not None:
                out.add(row.right_line)
    return out


# What any number `parse_number` reads holds: a (Unicode) digit, or a dash read as 0.
MAYBE_NUMBER = re.compile(r"[\d\-－—–]")
# A lone dash prints "nothing": it reads as 0 but is no token of the report.
NOT_TOKENS = ("-", "－")


def line_tokens(text: str) -> list[str] | None:
    """Numeric tokens of one printed line (cells separated by tabs) for the parse report.

    A token is a whole stripped cell that reads as a number (`-` for nothing is none), left
    to right. None when the line holds no digit and no dash: no cell can read as a number.
    """
    if not MAYBE_NUMBER.search(text):
        return None
    return [
        t
        for t in map(str.strip, text.split("\t"))
        if t and t not in NOT_TOKENS and parse_number(t) is not None
    ]


def numeric_tokens(
    lines: Iterable[tuple[int, int, str]], captions: set[int]
) -> list[tuple[int, int, str]]:
    """The numeric tokens of a table's printed lines for the parse report, in order.

    `lines` are (page, line number, text with cells separated by tabs); a token is a whole
    cell that reads as a number (`-` for nothing is none). A caption line (its number in
    `captions`) reprinted on a later page, such as the plan overview's `工作計畫名稱及編號
    3708010100 一般行政 預算金額 1,771,975` on every page of a work plan, counts once: later
    lines whose non-empty cells read the same, spacing ignored, add no tokens (readers place
    the same caption in different columns and spacing, 說 明 / 說明). Returns
    (page, line, token) tuples.
    """
    return numeric_tokens_of(
        ((page, line_no, text, line_tokens(text)) for page, line_no, text in lines), captions
    )


def numeric_tokens_of(
    lines: Iterable[tuple[int, int, str, list[str] | None]], captions: set[int]
) -> list[tuple[int, int, str]]:
    """`numeric_tokens` for lines whose tokens a reader already took when it split them:
    (page, line number, text, `line_tokens(text)`)."""
    out: list[tuple[int, int, str]] = []
    seen: set[tuple[str, ...]] = set()
    for page, line_no, text, tokens in lines:
        if tokens is None:
            # No digit and no dash: no token, and a caption key it would add only matches
            # later lines that have none either.
            continue
        if line_no in captions:
            key = tuple(_BLANKS.sub("", c) for c in map(str.strip, text.split("\t")) if c)
            if key in seen:
                continue
            seen.add(key)
        out += [(page, line_no, t) for t in tokens]
    return out
