"""Cells of table bodies: wrapped text joined, trailing amount cells split off, row totals.

Shared by the grants, commissioned and travel parsers (and any table that prints amounts at
the end of a row with text of varying width before them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from ...amounts import is_dash, parse_int
from ...regions import Cell, Region, Row
from ..base import TableResult

_AMOUNT_LIKE = re.compile(r"^[(（]?[-+]?[\d,，.]+[)）]?$")


# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------


def _wide(ch: str) -> bool:
    """CJK ideographs and full-width punctuation: a space between two of them is a line wrap."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0xFF00 <= o <= 0xFFEF
        or 0x3000 <= o <= 0x303F
        or ch in "、，。；：「」『』（）《》〈〉"
    )


_SPACES = re.compile(r"\s+")
# CJK typesetting puts no space before closing full-width punctuation nor after a mark inside a
# sentence, so a space there in a joined cell is a line wrap. After a sentence's end (。：！？)
# the space stays: the next line may start an item ('千元。 (2)…', '如下： 1.…').
_CLOSING_PUNCTUATION = frozenset("、，。；：！？」』）》〉")
_INNER_PUNCTUATION = frozenset("、，；「『（《〈")


def join_cell_lines(*parts: str | None) -> str:
    """Join wrapped fragments of one printed cell and drop the wrap spaces.

    The text rendering marks a line wrap with a space (or newline). Between two CJK characters
    (or after a hyphen attached to the word before it, or between two digits of one number)
    such a space is not in the printed text, nor next to full-width punctuation ('、 537-DSK',
    'AEQ-5071 、'), nor before a hyphen glued to the next word ('969 -JML'); between Latin
    words ('推動 AI 軟硬體') and after a dash standing alone ('工程 - 第2期') it is kept, so a
    Latin word wrapped mid-way ('AE / Q-5067') keeps the space: text alone cannot tell it from
    two words.
    """
    text = " ".join(p.strip() for p in parts if p and p.strip())
    text = _SPACES.sub(" ", text)
    if " " not in text:
        return text  # no wrap space to weigh
    # Only the spaces are weighed (each on the text as joined): the text between them is
    # copied in slices, not character by character.
    kept: list[str] = []
    start = 0
    last = len(text) - 1
    i = text.find(" ")
    while i != -1:
        if 0 < i < last and _wrap_space(text, i):
            kept.append(text[start:i])
            start = i + 1
        i = text.find(" ", i + 1)
    kept.append(text[start:])
    return "".join(kept).strip()


def unwrapped(cell: Cell | None) -> str:
    """A cell's text without the wrap spaces the PDF reader marked as a code or number going
    on across a line that filled its column (`Cell.glued`: `971-J ML` is `971-JML`). For text
    facts (remarks, names); what reads wraps as line breaks keeps `cell.text`."""
    if cell is None:
        return ""
    text = cell.text
    for at in reversed(cell.glued):
        if text[at : at + 1] == " ":
            text = text[:at] + text[at + 1 :]
    return text


def _wrap_space(text: str, i: int) -> bool:
    """Whether the space at `i` (not the first or last character) is a line wrap to drop."""
    before, after = text[i - 1], text[i + 1]
    if (_wide(before) or before == "-") and _wide(after):
        return True
    if before == "-" and i > 1 and not text[i - 2].isspace():
        return True  # a word's hyphen ended the line (AEQ- / 5068 is AEQ-5068)
    if _wrapped_decimal(text, i):
        return True  # 移民署0 / .47億元 is 0.47, 編列2. / 4億元 is 2.4
    if before.isdigit() and after.isdigit():
        return True  # a number (a letter's 文號) wrapped mid-way
    if after in _CLOSING_PUNCTUATION or before in _INNER_PUNCTUATION:
        return True  # 'AEQ-5071 、' and '、 537-DSK' are one line wrapped
    # a hyphen glued to the next word began the line: '969 -JML'
    return before.isalnum() and after == "-" and text[i + 2 : i + 3].isalnum()


def _wrapped_decimal(text: str, i: int) -> bool:
    """True when the space at `i` wraps a decimal glued to the text before it (`署0 .47`,
    `列2. 4`): digit, point and digit around it. The digits before the point must follow
    text, not start the cell or a word: `2. 4…` there is an item number and its text."""
    if text[i - 1].isdigit() and text[i + 1] == "." and text[i + 2 : i + 3].isdigit():
        j = i - 1
    elif text[i - 1] == "." and text[i + 1].isdigit() and i > 1 and text[i - 2].isdigit():
        j = i - 2
    else:
        return False
    while j > 0 and text[j - 1].isdigit():
        j -= 1
    return j > 0 and not text[j - 1].isspace()


# Every row of a table with trailing amounts asks this of its cells from the right (some
# parsers twice); a document repeats its texts, so each distinct text is weighed once.
@lru_cache(maxsize=1 << 14)
def amount_like(text: str) -> bool:
    """A printed amount, '-' or a damaged number ('57,12'): anything in an amount column."""
    t = text.strip()
    return bool(t) and (is_dash(t) or bool(_AMOUNT_LIKE.match(t)))


def split_amounts(row: Row, count: int) -> tuple[list[Cell], list[Cell]]:
    """(text cells, the trailing `count` amount cells) of a row; empty cells are dropped.

    Halves join with empty padding cells in between, so positions differ between row kinds;
    the amounts are always the last `count` non-empty amount-like cells.
    """
    cells = [c for c in row.cells if c.text.strip()]
    start = len(cells)  # the amounts are cells[start:]
    while start > 0 and len(cells) - start < count and amount_like(cells[start - 1].text):
        start -= 1
    return cells[:start], cells[start:]


def restitch(region: Region) -> list[Row]:
    """Body rows with each right half joined to its left half.

    A reader may leave a wide table's right-half row as a row of its own (left cells empty)
    right after the left-half row it belongs to (left amounts, empty right cells); such a pair
    is one printed row. Rows already whole, and text-only continuation lines, stay as they are.
    """
    width = region.left_width if region.stitched_halves else None
    if not width:
        return region.rows
    out: list[Row] = []
    for row in region.rows:
        left = [c for c in row.cells[:width] if c.text.strip()]
        right = [c for c in row.cells[width:] if c.text.strip()]
        prev = out[-1] if out else None
        if (
            prev is not None
            and not left
            and right
            and not any(c.text.strip() for c in prev.cells[width:])
            and any(amount_like(c.text) for c in prev.cells[1:width] if c.text.strip())
        ):
            out[-1] = Row(
                cells=prev.cells[:width] + row.cells[width:],
                page=prev.page,
                line=prev.line,
                right_line=row.line,
                right_page=row.page,
            )
            continue
        out.append(row)
    return out


def int_amounts(result: TableResult, cells: list[Cell], what: str) -> list[int | None]:
    """Integer amounts of a detail row; one damaged component is derived from the row total.

    The last cell is the row's 合計. A value the row's own total determines is derived (and
    said so in a warning); anything else unreadable stays None with a warning.
    """
    values = [parse_int(c.text) for c in cells]
    bad = [i for i, v in enumerate(values) if v is None]
    if not bad:
        total = values[-1]
        parts = sum(v for v in values[:-1] if v is not None)
        if total is not None and parts != total:
            result.warn(
                "row_total_mismatch",
                f"{what}: amounts add up to {parts:,} but the row prints 合計 {total:,}",
                cells[-1],
            )
        return values
    if len(bad) == 1 and bad[0] != len(values) - 1 and values[-1] is not None:
        i = bad[0]
        others = sum(v for j, v in enumerate(values[:-1]) if j != i and v is not None)
        values[i] = values[-1] - others
        result.warn(
            "amount_derived_from_row_total",
            f"{what}: printed amount {cells[i].text!r} is damaged; stored {values[i]:,}, "
            f"derived from the row total {values[-1]:,} minus the row's other amounts",
            cells[i],
        )
        return values
    for i in bad:
        result.warn(
            "amount_unreadable",
            f"{what}: printed amount {cells[i].text!r} cannot be read; stored as NULL",
            cells[i],
        )
    return values


def add_amount_cells(
    result: TableResult, row_key: str, row_order: int, cells: list[Cell], columns: tuple[str, ...]
) -> None:
    result.add_cells(
        row_key,
        row_order,
        [
            (column, order, cell)
            for order, (column, cell) in enumerate(zip(columns, cells, strict=True), start=1)
        ],
    )


# ---------------------------------------------------------------------------------------------
# The grants table
# ---------------------------------------------------------------------------------------------


def add_amount_row(
    result: TableResult,
    row_key: str,
    row_order: int,
    label: str,
    cells: list[Cell],
    columns: tuple[str, ...],
) -> bool:
    """The amount cells of one row under `columns`; a row printing fewer amounts than columns
    is not compared (`amounts_incomplete` warning) and False is returned."""
    if len(cells) < len(columns):
        result.warn(
            "amounts_incomplete",
            f"row {label!r} prints {len(cells)} of {len(columns)} amounts; "
            "its cells are not compared",
            cells[0],
        )
        return False
    add_amount_cells(result, row_key, row_order, cells, columns)
    return True


def add_header_cells(
    result: TableResult,
    row_key: str,
    row_order: int,
    row: Row,
    keys: Mapping[int, str],
    column_order: Callable[[int, str], int],
    *,
    first: int = 0,
) -> None:
    """Every non-empty cell of `row` from column `first` on, under the column key its header
    gives (`keys`: column index -> key); a cell under no header is a `cell_without_header`
    warning and is not stored. `column_order(index, key)` numbers the columns."""
    for index in range(first, len(row.cells)):
        cell = row.cells[index]
        if not cell.text:
            continue
        key = keys.get(index)
        if key is None:
            result.warn(
                "cell_without_header",
                f"{cell.text!r} in column {index + 1} has no column header",
                cell,
            )
            continue
        result.add_cell(row_key, key, row_order, column_order(index, key), cell)
