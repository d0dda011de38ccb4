"""附屬表 2 各項費用彙計表 (expense_summary): printed cells only (derived from line items).

Rows are object classes (level 1 `X000` followed by their level-2 classes) and a 合計 row;
columns are the work plans (header cells `5262200100 一般行政`) and a 合計 column.

Keys
- row_key: the 4-digit object class code printed before the name ('1000', '1015' ...);
  'total' for the 合計 row.
- column_key: the 10-digit work plan code printed in the column header; 'total' for 合計.

Columns are located from each page's own header row, not by position: pages of this table
may print extra empty columns (ADI 112 page 2 has one before 合計), so a row is read against
the header printed on its page (`region.page_header_rows`, rows split by `page_breaks`).
A book that prints its work plans in column groups (內政部 114: 13 work plans on three pairs of
pages, 合計 only in the last) repeats the header on every page; where a reader leaves those
header lines among the body rows, a line of work plan codes starts a new header, the lines
below it (names, 合計 over a column) complete it, and the rows after it are read against it.
Text-only lines (header text, a class name wrapped onto a second line) lose no number and are
skipped; a line with numbers but no class code is a warning.
"""

from __future__ import annotations

import re

from unitbudget.catalog import title_of

from ..amounts import parse_number
from ..codes import ACCOUNT_CODE, is_account_code
from ..regions import Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import ANY_LEVEL, HeaderRule, add_header_cells, header_paths, match_columns

SLUG = "expense_summary"

# A work-plan column is headed by its code (and name); the last column by 合計.
COLUMN_RULES = (
    HeaderRule(r"\1", {ANY_LEVEL: rf"^({ACCOUNT_CODE})"}),
    HeaderRule("total", {ANY_LEVEL: "^合計$"}),
)
_CLASS = re.compile(r"^(\d{4})\s")


def header_keys(header_rows: list[Row]) -> dict[int, str]:
    """Column index -> work plan code or 'total', right of the class column."""
    return match_columns(header_paths(header_rows), COLUMN_RULES, first=1)


def row_key_of(label: str) -> str | None:
    if compact(label) == "合計":
        return "total"
    match = _CLASS.match(label.strip() + " ")
    return match.group(1) if match else None


def _page_of_rows(region: Region) -> list[int]:
    """Index into page_header_rows for every body row."""
    breaks = region.page_breaks or [0]
    pages = []
    for index in range(len(region.rows)):
        pages.append(sum(1 for b in breaks if b <= index) - 1)
    return pages


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    page_keys = [header_keys(rows) for rows in region.page_header_rows] or [
        header_keys(region.header_rows)
    ]
    default_keys = header_keys(region.header_rows)
    # Column order follows the first page's header: work plans left to right, then 合計.
    column_order = {key: n for n, key in enumerate(default_keys.values(), start=1)}
    order = 0
    # Header lines a reader left among the body rows (work plan codes, names, 合計 over a
    # column) replace the page's header until the next such block.
    body_keys: dict[int, str] | None = None
    in_header = False
    seen: set[tuple[int, int]] = set()  # (line, column) of code cells already marked read
    for row, page_index in zip(region.rows, _page_of_rows(region), strict=True):
        label = row.cells[0].text if row.cells else ""
        key = row_key_of(label)
        if key is None:
            printed = header_keys([row])
            if any(is_account_code(k) for k in printed.values()):
                body_keys, in_header = printed, True
                _read_codes(result, [row], seen)
                _set_column_order(column_order, printed)
            elif in_header and printed:
                body_keys = {**body_keys, **printed} if body_keys else printed
                _set_column_order(column_order, printed)
            elif any(parse_number(c.text) is not None for c in row.cells[1:]):
                # Numbers without an object class: a row the print or the reader damaged.
                result.warn(
                    "row_without_class",
                    f"row {label!r} has no object class code",
                    row.cells[0] if row.cells else None,
                )
            # Text only (header text, an object class name wrapped onto a second line):
            # no number is lost.
            continue
        in_header = False
        order += 1
        keys = page_keys[page_index] if 0 <= page_index < len(page_keys) else default_keys
        keys = body_keys or keys or default_keys
        add_header_cells(
            result,
            key,
            order,
            row,
            keys,
            lambda _, column: column_order.setdefault(column, len(column_order) + 1),
            first=1,
        )
    # the work plan codes heading the columns are the cells' column keys
    for rows in [region.header_rows, *region.page_header_rows]:
        _read_codes(result, rows, seen)
    result.row_count = order
    return result


def _read_codes(result: TableResult, rows: list[Row], seen: set[tuple[int, int]]) -> None:
    """Mark the header cells printing a work plan code read (each printed cell once)."""
    for row in rows:
        for index, code in header_keys([row]).items():
            cell = row.get(index)
            if (
                cell is not None
                and is_account_code(code)
                and compact(cell.text) == code
                and (cell.line, index) not in seen
            ):
                seen.add((cell.line, index))
                result.read(cell)


def _set_column_order(column_order: dict[str, int], keys: dict[int, str]) -> None:
    """Work plans in the order their column groups are printed, 合計 last."""
    for index in sorted(keys):
        if keys[index] != "total":
            column_order.setdefault(keys[index], len(column_order) + 1)


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
