"""Rendering of tabular results: an aligned table for people, csv and json for programs."""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal
from enum import StrEnum
from typing import Any

from unitbudget import jsontext

# Cells wider than this are cut in a terminal (never when output goes to a file or a pipe).
TERMINAL_CELL_WIDTH = 60


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def to_json(payload: Any) -> str:
    """JSON with one type per column: decimals are numbers with their exact digits."""
    return jsontext.dumps(payload)


# Identifiers and ordinals (序, 文件, 年度, 頁次 ...) print as plain text in a table: never with
# thousands separators or "-" for 0, which are for amounts.
PLAIN_COLUMNS = frozenset(
    {
        "document_id",
        "fiscal_year",
        "previous_fiscal_year",
        "sort_key",
        "column_sort",
        "grant_no",
        "item_no",
        "program_number",
        "resolution_year",
        "page",
        "last_page",
        "line",
        "line_no",
    }
)


def is_plain(column: str) -> bool:
    """True for an identifier or ordinal column (see PLAIN_COLUMNS, or named *_id, *_code,
    *_no, *_page, *_fiscal_year)."""
    return column in PLAIN_COLUMNS or column.endswith(
        ("_id", "_code", "_no", "_page", "_fiscal_year")
    )


def _width(s: str) -> int:
    # CJK characters take two terminal columns.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _cell(value: Any, thousands: bool, dash_zero: bool = False) -> str:
    if value is None:
        return ""
    if (
        dash_zero
        and isinstance(value, (int, Decimal))
        and not isinstance(value, bool)
        and value == 0
    ):
        return "-"  # as the published tables print nothing budgeted
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, Decimal)) and thousands:
        if isinstance(value, Decimal) and value != value.to_integral_value():
            # The column's scale, not the printed one: 12.7200 reads as 12.72, as in csv.
            return f"{value.normalize():,}"
        return f"{int(value):,}"
    if isinstance(value, Decimal):
        # A column's scale is not a printed precision: 1234.000 reads 1234, 12.50 reads 12.5.
        return csv_decimal(value)
    return str(value).replace("\n", " ")


def render_table(
    columns: list[str],
    rows: list[tuple[Any, ...]],
    *,
    thousands: bool = False,
    headers: list[str] | None = None,
    dash_zero: bool = False,
    max_cell: int | None = None,
) -> str:
    """Aligned columns; cells wider than `max_cell` display columns are cut (None: never)."""
    heads = headers or columns
    plain = [is_plain(c) for c in columns]
    body = [
        [_cell(v, thousands and not plain[i], dash_zero and not plain[i]) for i, v in enumerate(r)]
        for r in rows
    ]
    widths = [_width(h) for h in heads]
    for r in body:
        for i, v in enumerate(r):
            widths[i] = max(widths[i], _width(v) if max_cell is None else min(_width(v), max_cell))
    numeric = [
        all(isinstance(r[i], (int, Decimal)) or r[i] is None for r in rows) and bool(rows)
        for i in range(len(columns))
    ]

    def fmt(values: list[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            if max_cell is not None and _width(v) > max_cell:
                v = _cut(v, max_cell)
            pad = " " * max(widths[i] - _width(v), 0)
            parts.append(pad + v if numeric[i] else v + pad)
        return "  ".join(parts).rstrip()

    lines = [fmt(heads), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in body]
    return "\n".join(lines)


def _cut(text: str, limit: int) -> str:
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def csv_decimal(value: Decimal) -> str:
    """A decimal as CSV text: whole values without a fraction (176000, not 176000.0000),
    others without the column's trailing zeros (12.72, not 12.7200)."""
    if value.is_finite() and value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def render_csv(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(
            [
                ""
                if v is None
                # true / false as in the table and JSON output, not Python's True / False
                else str(v).lower()
                if isinstance(v, bool)
                else csv_decimal(v)
                if isinstance(v, Decimal)
                else v
                for v in r
            ]
        )
    return buf.getvalue().rstrip("\n")


def render(
    columns: list[str],
    rows: list[tuple[Any, ...]],
    fmt: Format,
    *,
    thousands: bool = False,
    headers: list[str] | None = None,
    dash_zero: bool = False,
    max_cell: int | None = None,
) -> str:
    if fmt is Format.csv:
        return render_csv(columns, rows)
    if fmt is Format.json:
        return to_json([dict(zip(columns, r, strict=True)) for r in rows])
    return render_table(
        columns, rows, thousands=thousands, headers=headers, dash_zero=dash_zero, max_cell=max_cell
    )
