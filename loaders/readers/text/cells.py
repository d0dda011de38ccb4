"""Cells and rows of the text extraction: tab-separated cells cleaned of HTML and bullets, and
column-header rows told from body rows."""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import lru_cache

from unitbudget.loaders.amounts import parse_number
from unitbudget.loaders.regions import Cell, Row

from .patterns import _BULLET, _HTML_BREAK, _HTML_TAG, _ITEM_MARKER, _KEY_ROW_LABEL, _LONG_TEXT


def clean_cell(raw: str) -> str:
    """Strip a cell; turn HTML fragments into plain text, one line per paragraph/list item."""
    text = raw.strip()
    if not text:
        return text
    if "<" in text and _HTML_TAG.search(text):
        text = _HTML_BREAK.sub("\n", text)
        text = html.unescape(_HTML_TAG.sub("", text))
        text = "\n".join(p.strip() for p in text.split("\n") if p.strip())
    if text[0] == "-" and _BULLET.match(text) and parse_number(text) is None:
        text = _BULLET.sub("", text)  # markdown bullet of the extraction, not printed
    return text


def _make_row(line_no: int, raw: str, page: int) -> Row:
    cells: list[Cell] = []
    blank: Cell | None = None
    for part in raw.split("\t"):
        text = part.strip()
        # only a cell starting with a bullet dash or holding markup needs cleaning
        if text and (text[0] == "-" or "<" in text):
            text = clean_cell(text)
        if text:
            cells.append(Cell(text, page, line_no))
        else:
            # Cells are immutable: a row's empty cells (most of a wide table) share one.
            if blank is None:
                blank = Cell("", page, line_no)
            cells.append(blank)
    return Row(cells, page, line_no)


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


def _is_numeric(text: str) -> bool:
    return bool(text) and parse_number(text) is not None


def _is_key_row(row: Row) -> bool:
    first = row.cells[0].text.replace(" ", "") if row.cells else ""
    return first.startswith(_KEY_ROW_LABEL)


def _is_data_like(row: Row, *, numbers_only: bool = False) -> bool:
    if any(_is_numeric(c.text) for c in row.cells):
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
    texts = [c.text for c in row.cells]
    label = next((i for i, t in enumerate(texts) if t and not _is_numeric(t)), -1)
    return any(_is_numeric(t) for t in texts[label + 1 :])


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
    lead = 0
    if mode == "continuation":
        while lead < len(rows) and (_row_key(rows[lead]) in known or _is_key_row(rows[lead])):
            lead += 1
        mode = "first" if lead == 0 or lead < expected_lead else "done"
    headers: list[Row] = list(rows[:lead])
    body: list[Row] = []
    leading = mode != "done"
    for row in rows[lead:]:
        if leading and _is_key_row(row):
            headers.append(row)
        elif leading and _is_data_like(row, numbers_only=mode == "right"):
            leading = False
            body.append(row)
        elif leading and mode == "first" and _is_long_text(row):
            body.append(row)
        elif leading:
            headers.append(row)
        else:
            body.append(row)
    lead_count = len(headers)
    body = _pull_repeats(body, known | _keys(headers), headers)
    return headers, body, lead_count


def _keys(rows: Iterable[Row]) -> set[tuple[str, ...]]:
    return {_row_key(r) for r in rows}


def _pull_repeats(body: list[Row], known: set[tuple[str, ...]], headers: list[Row]) -> list[Row]:
    """Move body rows that repeat a header row (or are caption rows) into `headers`."""
    kept: list[Row] = []
    for row in body:
        if _row_key(row) in known or _is_key_row(row):
            headers.append(row)
        else:
            kept.append(row)
    headers.sort(key=lambda r: r.line)
    return kept
