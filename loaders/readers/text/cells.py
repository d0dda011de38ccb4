"""Cells and rows of the text extraction: tab-separated cells cleaned of HTML and bullets, and
column-header rows told from body rows.

Each body line is split once (`_read_line`): its cells and its numeric tokens for the parse
report come from the same split, so later steps never re-split or re-strip a line. Header
keys (`_row_key`) are worked out only for the rows that can repeat a header row.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from operator import attrgetter

from unitbudget.loaders.amounts import parse_number
from unitbudget.loaders.regions import MAYBE_NUMBER, NOT_TOKENS, Cell, Row, line_tokens

from .patterns import _BULLET, _HTML_BREAK, _HTML_TAG, _ITEM_MARKER, _KEY_ROW_LABEL, _LONG_TEXT

# What `clean_cell` changes beyond stripping: markup, or a dash followed by a space inside a
# cell (a bullet). Lines without either (nearly all) keep their stripped cells as they are.
_NEEDS_CLEANING = re.compile(r"<|-[^\S\t]")


def clean_cell(raw: str) -> str:
    """Strip a cell; turn HTML fragments into plain text, one line per paragraph/list item."""
    text = raw.strip()
    if not text:
        return text
    if "<" in text and _HTML_TAG.search(text):
        text = _HTML_BREAK.sub("\n", text)
        text = html.unescape(_HTML_TAG.sub("", text))
        text = "\n".join(p.strip() for p in text.split("\n") if p.strip())
    if text[:1] == "-" and _BULLET.match(text) and parse_number(text) is None:
        text = _BULLET.sub("", text)  # markdown bullet of the extraction, not printed
    return text


def _read_line(line_no: int, raw: str, page: int) -> tuple[Row, list[str] | None]:
    """One body line split once: (row, numeric tokens).

    The tokens are those `regions.line_tokens` finds in the printed (stripped, uncleaned)
    cells; None when the line holds no digit and no dash.
    """
    texts = list(map(str.strip, raw.split("\t")))
    cleaned = ("<" in raw or "-" in raw) and _NEEDS_CLEANING.search(raw) is not None
    if cleaned:
        # only a cell starting with a bullet dash or holding markup needs cleaning
        texts = [clean_cell(t) if t and (t[0] == "-" or "<" in t) else t for t in texts]
    if "" in texts:
        # Cells are never written once made: a row's empty cells (most of a wide table)
        # share one.
        blank = Cell("", page, line_no)
        cells = [Cell(t, page, line_no) if t else blank for t in texts]
    else:
        cells = [Cell(t, page, line_no) for t in texts]
    if not MAYBE_NUMBER.search(raw):
        tokens = None
    elif cleaned:
        tokens = line_tokens(raw)  # cleaning may change a cell: the report reads it as printed
    else:
        tokens = list(filter(_is_token, texts))
    return Row(cells, page, line_no), tokens


# Header rows repeat on every page of a table: each distinct cell text is unspaced once.
@lru_cache(maxsize=1 << 14)
def _unspaced(text: str) -> str:
    return "".join(text.split())


def _row_key(row: Row) -> tuple[str, ...]:
    """Row identity for repeated header lines: spacing differs between pages (說 明 / 說明)."""
    texts = [_unspaced(c.text) for c in row.cells]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


# Every cell of a line with a digit or a dash is asked this; documents repeat cell texts.
@lru_cache(maxsize=1 << 14)
def _is_token(text: str) -> bool:
    """A numeric token of the parse report (`regions.line_tokens`), for a stripped cell."""
    return bool(text) and text not in NOT_TOKENS and parse_number(text) is not None


# Leading rows and left halves ask this of each cell; documents repeat cell texts.
@lru_cache(maxsize=1 << 14)
def _is_numeric(text: str) -> bool:
    return bool(text) and parse_number(text) is not None


_TEXT = attrgetter("text")


def _is_key_row(row: Row) -> bool:
    if not row.cells:
        return False
    first = row.cells[0].text
    # the label's first character must be printed for the label to be: most rows stop here
    return _KEY_ROW_LABEL[0] in first and first.replace(" ", "").startswith(_KEY_ROW_LABEL)


def _is_data_like(row: Row, *, numbers_only: bool = False) -> bool:
    if any(map(_is_numeric, map(_TEXT, row.cells))):
        return True
    if numbers_only:
        return False
    first = next((c.text for c in row.cells if c.text), "")
    return bool(_ITEM_MARKER.match(first))


def _is_long_text(row: Row) -> bool:
    """Prose (計畫內容： …。) is body; column headers are short labels without a full stop."""
    return any(len(c.text) > _LONG_TEXT or "\n" in c.text or "。" in c.text for c in row.cells)


def _has_value_after_label(row: Row) -> bool:
    """A left-half row with a number right of its label has a right-half partner.

    `22 數位發展部主管` (only the 款 code, left of the name) and wrapped name lines have none.
    """
    texts = list(map(_TEXT, row.cells))
    for i, text in enumerate(texts):
        if text and not _is_numeric(text):  # the label: is a number right of it?
            return any(map(_is_numeric, texts[i + 1 :]))
    return any(map(_is_numeric, texts))  # no label: any number


def split_header_rows(
    rows: list[Row], known: set[tuple[str, ...]], *, mode: str, expected_lead: int = 0
) -> tuple[list[Row], list[Row], int]:
    """Split one page's rows into (column-header rows, body rows, leading header count).

    mode "first": first page of a table: leading rows before the first row with a number or an
    item marker are headers (long-text rows among them stay body). mode "right": right halves,
    leading rows before the first row with a number. mode "continuation": leading rows equal to
    a header row already seen in this table; when fewer match than the previous page led with
    (`expected_lead`), the page has its own column layout and "first" goes on from there. In
    every mode `工作計畫名稱及編號` caption rows and later repeats of a known header row (a
    mid-page `分支計畫及用途別科目` line) are headers too.
    """
    headers, body, lead, _ = _split_rows(rows, known, mode=mode, expected_lead=expected_lead)
    return headers, body, lead


def _split_rows(
    rows: list[Row],
    known: set[tuple[str, ...]],
    *,
    mode: str,
    expected_lead: int,
) -> tuple[list[Row], list[Row], int, set[tuple[str, ...]]]:
    """`split_header_rows`; also returns the `_row_key`s of the header rows, which the next
    page of the table repeats."""
    n = len(rows)
    lead = 0
    if mode == "continuation":
        while lead < n and (_row_key(rows[lead]) in known or _is_key_row(rows[lead])):
            lead += 1
        mode = "first" if lead == 0 or lead < expected_lead else "done"
    heads = list(range(lead))
    body: list[int] = []
    i = lead
    if mode != "done":
        numbers_only = mode == "right"
        while i < n:
            row = rows[i]
            if _is_key_row(row):
                heads.append(i)
            elif _is_data_like(row, numbers_only=numbers_only):
                break  # the first data row: it and all after it are body
            elif mode == "first" and _is_long_text(row):
                body.append(i)
            else:
                heads.append(i)
            i += 1
    body.extend(range(i, n))
    lead_count = len(heads)
    # Body rows that repeat a header row (or are caption rows) are headers too.
    header_keys = {_row_key(rows[h]) for h in heads}
    repeated = known | header_keys
    # A row's key starts with its first cell unspaced ("" for a row without text): only a
    # row whose first cell starts a repeated key is keyed whole (a few of ~30 a page).
    firsts = {key[0] if key else "" for key in repeated}
    kept: list[int] = []
    mark = _KEY_ROW_LABEL[0]
    for b in body:
        row = rows[b]
        first = _unspaced(row.cells[0].text) if row.cells else ""
        if first in firsts:
            key = _row_key(row)
            if key in repeated:
                heads.append(b)
                header_keys.add(key)
                continue
        # without the label's first character in its first cell (nearly every row) the row
        # is no caption row
        if mark in first and _is_key_row(row):
            heads.append(b)
            header_keys.add(_row_key(row))
        else:
            kept.append(b)
    heads.sort(key=lambda h: rows[h].line)
    return [rows[h] for h in heads], [rows[b] for b in kept], lead_count, header_keys
