"""Exact parsing of printed numbers. Amounts never pass through floats."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_DASHES = {"-", "－", "—", "–", "－－", "--"}
# Thousands separators must group by three: "57,12" is a damaged number, not 5712.
_NUMBER = re.compile(r"^\(?[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\)?$")
# Full-width digits, comma, full stop and minus to ASCII; the ideographic space to a space.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９，．－\u3000", "0123456789,.- ")


def normalize(text: str) -> str:
    """Strip spaces (including full-width) and normalise full-width digits and commas."""
    return text.translate(_HALF_WIDTH).strip()


def is_dash(text: str) -> bool:
    return normalize(text) in _DASHES


# A document repeats the same printed numbers (every cell parsed by its table, then counted
# again for the token report); Decimal is immutable, so one parse per distinct text is shared.
@lru_cache(maxsize=1 << 16)
def parse_number(text: str) -> Decimal | None:
    """'1,234' -> 1234, '31.30' -> 31.30, '-' -> 0, '(12)' / '-12' -> -12, else None."""
    t = normalize(text).replace(" ", "")
    if t in _DASHES:
        return Decimal(0)
    if not t or not _NUMBER.match(t):
        return None
    negative = t.startswith("(") and t.endswith(")")
    t = t.strip("()")
    try:
        value = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if negative else value


# Amount cells are read as integers ~500 times a document, ~220 distinct texts: each distinct
# text is checked and converted once (int is immutable too).
@lru_cache(maxsize=1 << 16)
def parse_int(text: str) -> int | None:
    value = parse_number(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)
