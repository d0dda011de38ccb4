"""JSON text with exact decimals: a Decimal is written as a JSON number with all its digits.

The standard encoder turns Decimal into float (losing digits) or needs a default that yields
strings, so one column would mix numbers and strings. Results are flat rows of scalars, so a
small recursive writer is enough.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any


def _scalar(value: Any) -> str:
    if isinstance(value, Decimal):
        if not value.is_finite():
            return "null"
        return format(value, "f")
    if isinstance(value, (datetime, date, time)):
        return json.dumps(value.isoformat())
    if value is None or isinstance(value, (bool, int, float, str)):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)


def dumps(payload: Any, indent: int = 2, _level: int = 0) -> str:
    """JSON text of dicts, lists and scalars; Decimal as an exact number, dates in ISO 8601."""
    pad = " " * (indent * (_level + 1))
    end = " " * (indent * _level)
    if isinstance(payload, dict):
        if not payload:
            return "{}"
        items = [
            f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {dumps(v, indent, _level + 1)}"
            for k, v in payload.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{end}}}"
    if isinstance(payload, (list, tuple)):
        if not payload:
            return "[]"
        items = [f"{pad}{dumps(v, indent, _level + 1)}" for v in payload]
        return "[\n" + ",\n".join(items) + f"\n{end}]"
    return _scalar(payload)
