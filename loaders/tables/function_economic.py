"""附屬表 13 歲出按職能及經濟性綜合分類表 (function_economic): functional x economic cells.

Rows are 總計 and one row per functional class (`13 其他經濟服務`); columns are the
economic categories, printed over three left/right page pairs (經常支出, then two of 資本支出)
under multi-row headers whose cells the extraction does not keep in their columns.

Column alignment: the header labels cannot be placed by position (ADI 112 line 799 prints
對家庭及民間非營利機構 two cells right of its values). Instead, on each page pair the parser
collects the header cells that name an economic category of the chart (economic_classes,
seeded from unitbudget.schema.charts; names matched without whitespace, within the side the page
pair's header names: 經常 -> current, 資本 -> capital; 總計 on any page), puts them in the
chart's printed order (economic_classes.sort_order), and zips them with the row's non-empty
cells left to right. A page pair whose value count differs from its label count is reported
(`economic_columns_mismatch`) and its cells are not read. A category name wrapped over two
header lines (對家庭及民間 / 非營利機構) is matched on the two fragments joined. When a right
page's rows come unstitched from their labels (rows without a label, the first possibly among
the header rows), they continue the labelled rows in order (see `_logical_rows`).

Facts (core.function_economic_amounts): one row per functional class x economic category, as
the document allocates it (not the 總計 row, not the three total columns).

Keys
- row_key: 'total' for 總計, else the functional code ('13').
- column_key: the economic_classes code (current.compensation, current.transfer.enterprise,
  capital.fixed.transport, current.total, capital.total, total ...).
"""

from __future__ import annotations

import re

from unitbudget.catalog import title_of
from unitbudget.schema.charts import ECONOMIC_CLASSES

from ..amounts import parse_int
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for

SLUG = "function_economic"

_FUNCTION = re.compile(r"^(\d{1,4})\s*(.+)$", re.S)
_TOTAL_CODES = ("current.total", "capital.total", "total")
_SIDES = (("經常", "current"), ("資本", "capital"))


def categories(side: str) -> dict[str, tuple[str, int]]:
    """Compacted printed name -> (economic code, printed order) for one side (and 總計)."""
    return {
        compact(name): (code, order)
        for code, name, class_side, _group, order in ECONOMIC_CLASSES
        if class_side in (side, "total")
    }


def page_side(header_rows: list[Row]) -> str | None:
    """The side a page pair shows: the first side marker in its top header row(s)."""
    for header in header_rows:
        for text in header.texts():
            for marker, side in _SIDES:
                if marker in compact(text):
                    return side
    return None


def page_columns(header_rows: list[Row]) -> list[str]:
    side = page_side(header_rows)
    if side is None:
        return []
    names = categories(side)
    texts = [compact(t) for h in header_rows for t in h.texts() if compact(t)]
    found = {names[t] for t in texts if t in names}
    # a name wrapped over two header lines (對家庭及民間 / 非營利機構): join two fragments
    # that are not names by themselves
    fragments = [t for t in texts if t not in names]
    found |= {names[a + b] for a in fragments for b in fragments if a + b in names}
    return [code for code, _ in sorted(found, key=lambda pair: pair[1])]


def _groups(region: Region) -> list[tuple[list[Row], list[Row]]]:
    """(header rows, body rows) per printed page (pair)."""
    breaks = region.page_breaks or [0]
    headers = region.page_header_rows or [region.header_rows]
    out = []
    for n, start in enumerate(breaks):
        end = breaks[n + 1] if n + 1 < len(breaks) else len(region.rows)
        out.append((headers[n] if n < len(headers) else region.header_rows, region.rows[start:end]))
    return out


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    row_orders: dict[str, int] = {}
    column_orders = {code: order for code, _n, _s, _g, order in ECONOMIC_CLASSES}
    for header_rows, rows in _groups(region):
        columns = page_columns(header_rows)
        for label_cell, values in _logical_rows(result, header_rows, rows, len(columns)):
            label = label_cell.text.strip()
            key, name = _row_identity(label)
            if key is None:
                result.warn(
                    "unknown_function_row", f"row {label!r} names no functional class", label_cell
                )
                continue
            row_orders.setdefault(key, len(row_orders) + 1)
            if len(values) != len(columns):
                result.warn(
                    "economic_columns_mismatch",
                    f"{len(values)} values under {len(columns)} economic headers: not read",
                    label_cell,
                )
                continue
            for code, cell in zip(columns, values, strict=True):
                result.add_cell(key, code, row_orders[key], column_orders[code], cell)
                if key != "total" and code not in _TOTAL_CODES:
                    _add_fact(result, key, name, code, cell)
    result.row_count = len(row_orders)
    return result


def _logical_rows(
    result: TableResult, header_rows: list[Row], rows: list[Row], width: int
) -> list[tuple[Cell, list[Cell]]]:
    """(label cell, value cells) per printed row of one page pair.

    When the right page's rows were not stitched to their labels (they come as rows without a
    label, the first one possibly taken for a header row because it holds only numbers), and
    there are as many of them as labelled rows that lack values, the n-th one continues the
    n-th labelled row: the right page prints the same rows in the same order. Otherwise those
    rows are not read (warning `function_rows_unpaired`).
    """
    labelled = [r for r in rows if r.cells and r.cells[0].text.strip()]
    orphans = [
        [c for c in r.cells if c.text]
        for r in header_rows
        if any(c.text for c in r.cells) and all(_is_amount(c.text) for c in r.cells if c.text)
    ]
    orphans += [
        [c for c in r.cells[1:] if c.text]
        for r in rows
        if not (r.cells and r.cells[0].text.strip()) and any(c.text for c in r.cells)
    ]
    out = [(r.cells[0], [c for c in r.cells[1:] if c.text]) for r in labelled]
    if orphans and len(orphans) == len(out) and all(len(v) < width for _l, v in out):
        return [(label, values + more) for (label, values), more in zip(out, orphans, strict=True)]
    if orphans:
        result.warn(
            "function_rows_unpaired",
            f"{len(orphans)} rows without a functional class beside {len(out)} labelled rows:"
            " not read",
            orphans[0][0] if orphans[0] else None,
        )
    return out


def _is_amount(text: str) -> bool:
    return text.strip() == "-" or re.fullmatch(r"-?[\d,]+", text.strip()) is not None


def _row_identity(label: str) -> tuple[str | None, str | None]:
    if compact(label) == "總計":
        return "total", None
    match = _FUNCTION.match(label)
    return (match.group(1), match.group(2).strip()) if match else (None, None)


def _add_fact(result: TableResult, code: str, name: str | None, economic: str, cell: Cell) -> None:
    amount = parse_int(cell.text)
    if amount is None:
        result.warn("not_a_number", f"{cell.text!r} is not an amount", cell)
    result.add_fact(
        "function_economic_amounts",
        functional_code=code,
        functional_name=name,
        economic_code=economic,
        amount=amount,
        page=cell.page,
        line=cell.line,
    )


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
