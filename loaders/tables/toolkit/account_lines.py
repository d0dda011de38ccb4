"""Printed lines of an account table (款 項 目 節 名稱 …) joined into logical rows.

Tables that list accounts of the budget hierarchy (歲出機關別預算表, 預算員額明細表 …) may print
one account over several lines: its code on a line of its own above the name and amounts
(`0008010000` / `1 內政部 13,424,378 …`), a long name wrapped onto the next line
(`民政及宗教禮制` / `業務`), and a 說明 running on for many lines, across pages. A reader that
gives one Row per printed line leaves these apart; a reader that already joins them (the text
rendering) gives rows this module leaves unchanged.
"""

from __future__ import annotations

import re

from ...amounts import parse_number
from ...regions import Cell, Row

_BARE_CODE = re.compile(r"^\d{9,10}$")


def join_account_lines(rows: list[Row], name_index: int) -> list[Row]:
    """Logical rows: code lines joined to the row below, continuation lines to the row above.

    - A line whose only text is a 9/10-digit code in the name column is the code of the next
      line's account: the name cell becomes `<code> <name>` (page and line of the name).
    - A line with no position (款 項 目 節), no code and no number continues the row above:
      each of its texts is appended to the cell above it with a line break ('\\n').
    Cells keep the page and line where their first line was printed. Rows are [] -> [].
    """
    out: list[Row] = []
    code: Cell | None = None
    for row in rows:
        filled = [i for i, c in enumerate(row.cells) if c.text.strip()]
        if not filled:
            continue
        if filled == [name_index] and _BARE_CODE.match(row.cells[name_index].text.strip()):
            code = row.cells[name_index]
            continue
        if code is not None:
            cells = list(row.cells)
            while len(cells) <= name_index:
                cells.append(Cell("", row.page, row.line))
            name = cells[name_index]
            text = f"{code.text.strip()} {name.text}".strip()
            cells[name_index] = Cell(
                text, name.page if name.text else code.page, name.line if name.text else code.line
            )
            row = Row(cells, row.page, row.line, row.right_line, row.right_page)
            code = None
            out.append(row)
            continue
        if out and _continues(row, filled, name_index):
            out[-1] = _append(out[-1], row)
            continue
        out.append(row)
    if code is not None:
        # A code with nothing below it (the table ends): keep it as a row of its own.
        out.append(
            Row([Cell("", code.page, code.line)] * name_index + [code], code.page, code.line)
        )
    return out


def _continues(row: Row, filled: list[int], name_index: int) -> bool:
    if any(i < name_index for i in filled):
        return False
    return all(parse_number(row.cells[i].text) is None for i in filled)


def _append(above: Row, row: Row) -> Row:
    cells = list(above.cells)
    for i, cell in enumerate(row.cells):
        if not cell.text.strip():
            continue
        while len(cells) <= i:
            cells.append(Cell("", cell.page, cell.line))
        old = cells[i]
        if old.text:
            cells[i] = Cell(f"{old.text}\n{cell.text}", old.page, old.line, old.box)
        else:
            cells[i] = cell
    return Row(cells, above.page, above.line, above.right_line, above.right_page)
