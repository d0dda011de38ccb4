"""Rendering of tabular results: an aligned table for people, csv and json for programs."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def to_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, default=_json_default)


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
            return f"{value:,}"
        return f"{int(value):,}"
    return str(value).replace("\n", " ")


def render_table(
    columns: list[str],
    rows: list[tuple[Any, ...]],
    *,
    thousands: bool = False,
    headers: list[str] | None = None,
    dash_zero: bool = False,
) -> str:
    heads = headers or columns
    body = [[_cell(v, thousands, dash_zero) for v in r] for r in rows]
    widths = [_width(h) for h in heads]
    for r in body:
        for i, v in enumerate(r):
            widths[i] = max(widths[i], min(_width(v), 60))
    numeric = [
        all(isinstance(r[i], (int, Decimal)) or r[i] is None for r in rows) and bool(rows)
        for i in range(len(columns))
    ]

    def fmt(values: list[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            if _width(v) > 60:
                v = v[:28] + "…"
            pad = " " * max(widths[i] - _width(v), 0)
            parts.append(pad + v if numeric[i] else v + pad)
        return "  ".join(parts).rstrip()

    lines = [fmt(heads), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in body]
    return "\n".join(lines)


def render_csv(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(
            ["" if v is None else _json_default(v) if isinstance(v, Decimal) else v for v in r]
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
) -> str:
    if fmt is Format.csv:
        return render_csv(columns, rows)
    if fmt is Format.json:
        return to_json([dict(zip(columns, r, strict=True)) for r in rows])
    return render_table(columns, rows, thousands=thousands, headers=headers, dash_zero=dash_zero)
