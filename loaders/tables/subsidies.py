"""補助經費分析表 (subsidies): one fact per [n] recipient, printed cells for every row.

Printed layout (after the reader stitched the left and right halves): 補助計畫 | 計畫起訖年度 |
補助內容 | 接受補助機關列入預算年度 | 經常門 人事費 | 業務費 | 其它 | 資本門 土地 | 營建工程 |
其它 | 合計 (千元). The hierarchy is 合計 → n.<work plan code> work plan → (n) programme (with
its two-digit number printed beside the name) → [n] recipient (補助直轄市政府 …). Programme
numbers restart in every work plan, recipient numbers in every programme.

Keys of the printed cells: row_key 'total', '<work plan code>' for a work plan,
'<work plan code>/<n>' for its (n) programme and '<work plan code>/<n>/<m>' for the [m]
recipient; column_key program_number for a programme's printed two-digit number (which
report_subsidies regenerates as its position in the work plan, so a lost programme shows), and
current_personnel, current_operating, current_other, capital_land,
capital_construction, capital_other, total.

A row without amounts continues the recipient above it (補助內容 wrapping onto the next page);
its cells are placed by the header columns. A programme or recipient outside a work plan, or a
row of no known kind, is a warning and not loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unitbudget.catalog import title_of

from ..codes import ACCOUNT_CODE
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, recognised, result_for
from .toolkit import (
    add_amount_row,
    column_of,
    int_amounts,
    join_cell_lines,
    split_amounts,
    stacked_labels,
)

SLUG = "subsidies"
TITLE = title_of(SLUG)
COLUMNS = (
    "current_personnel",
    "current_operating",
    "current_other",
    "capital_land",
    "capital_construction",
    "capital_other",
    "total",
)

_TOTAL = re.compile(r"^(合計|總計)$")
_WORK_PLAN = re.compile(rf"^(\d+)\s*[.．、]\s*({ACCOUNT_CODE})\s*(.*)$", re.S)
_PROGRAM = re.compile(r"^[(（](\d+)[)）]\s*(.*)$", re.S)
# the programme's own two-digit number, printed in a column of its own between name lines
_PROGRAM_NUMBER = re.compile(r"(?:^|\s)(\d{2})(?:\s|$)")
_RECIPIENT = re.compile(r"^[\[［](\d+)[\]］]\s*(.*)$", re.S)
_YEAR = re.compile(r"^\d{2,3}$")


@dataclass
class _Recipient:
    work_plan: str
    work_plan_name: str
    program_no: int
    program_number: str | None
    program_name: str
    recipient_no: int
    recipient: str
    period: str | None
    content: str | None
    budget_year: str | None
    amounts: list[int | None]
    cell: Cell


@dataclass
class _State:
    work_plan: str = ""
    work_plan_name: str = ""
    program_no: int | None = None
    program_number: str | None = None
    program_name: str = ""
    last: _Recipient | None = None


def matches(region: Region) -> bool:
    return recognised(region, TITLE, ("補助計畫",))


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    content_col = column_of(stacked_labels(region.header_rows), "內容")
    state = _State()
    recipients: list[_Recipient] = []
    order = 0
    for row in region.rows:
        texts, amounts = split_amounts(row, len(COLUMNS))
        if not amounts:
            _continue_row(result, state, row, content_col)
            continue
        label = texts[0].text.strip() if texts else ""
        order += 1
        key = _row_key(result, state, label, texts, amounts, recipients, order)
        if key is not None:
            add_amount_row(result, key, order, label, amounts, COLUMNS)
    for r in recipients:
        _add_fact(result, r)
    result.row_count = order
    return result


def _row_key(
    result: TableResult,
    state: _State,
    label: str,
    texts: list[Cell],
    amounts: list[Cell],
    recipients: list[_Recipient],
    order: int,
) -> str | None:
    if _TOTAL.match(compact(label)):
        state.last = None
        return "total"
    if m := _WORK_PLAN.match(label):
        state.work_plan, state.work_plan_name = m.group(2), join_cell_lines(m.group(3))
        state.program_no = None
        state.last = None
        return state.work_plan
    if m := _PROGRAM.match(label):
        if not state.work_plan:
            result.warn("program_without_work_plan", f"programme {label!r}; not loaded", texts[0])
            return None
        name = m.group(2)
        number = _PROGRAM_NUMBER.search(name)
        state.program_number = number.group(1) if number else None
        if number:
            name = name[: number.start()] + " " + name[number.end() :]
        state.program_no, state.program_name = int(m.group(1)), join_cell_lines(name)
        state.last = None
        key = f"{state.work_plan}/{state.program_no}"
        if number:
            # the number shares the label's cell (its column is too narrow to split off)
            printed = Cell(number.group(1), texts[0].page, texts[0].line, texts[0].box)
            result.add_cell(key, "program_number", order, 0, printed)
        else:
            result.warn("program_number_missing", f"programme {label!r} prints no number", texts[0])
        return key
    if m := _RECIPIENT.match(label):
        if state.program_no is None:
            result.warn("recipient_without_program", f"recipient {label!r}; not loaded", texts[0])
            return None
        rest = [c.text.strip() for c in texts[1:]]
        budget_year = rest.pop() if rest and _YEAR.match(rest[-1]) else None
        if budget_year is not None:
            result.read(texts[-1])  # stored as recipient_budget_year, not compared
        period = rest.pop(0).replace(" ", "") if len(rest) >= 2 else None
        key = f"{state.work_plan}/{state.program_no}/{m.group(1)}"
        values = int_amounts(result, amounts, key) if len(amounts) == len(COLUMNS) else []
        recipient = _Recipient(
            work_plan=state.work_plan,
            work_plan_name=state.work_plan_name,
            program_no=state.program_no,
            program_number=state.program_number,
            program_name=state.program_name,
            recipient_no=int(m.group(1)),
            recipient=join_cell_lines(m.group(2)),
            period=period,
            content=" ".join(rest) or None,
            budget_year=budget_year,
            amounts=values or [None] * len(COLUMNS),
            cell=texts[0],
        )
        recipients.append(recipient)
        state.last = recipient
        return key
    result.warn("row_unrecognised", f"row {label!r} is not a subsidy or subtotal", amounts[0])
    return None


def _continue_row(result: TableResult, state: _State, row: Row, content_col: int | None) -> None:
    """A row without amounts: wrapped text of the recipient above, placed by the header columns."""
    cells = {i: c for i, c in enumerate(row.cells) if c.text.strip()}
    if not cells:
        return
    last = state.last
    for i, cell in cells.items():
        if last is not None and i == content_col:
            last.content = join_cell_lines(last.content, cell.text)
        elif last is not None and i == 0:
            last.recipient = join_cell_lines(last.recipient, cell.text)
        else:
            result.warn(
                "row_unattached", f"text {cell.text!r} continues no subsidy column; ignored", cell
            )


def _add_fact(result: TableResult, r: _Recipient) -> None:
    result.add_fact(
        "subsidies",
        work_plan_code=r.work_plan,
        program_no=r.program_no,
        recipient_no=r.recipient_no,
        work_plan_name=r.work_plan_name or None,
        program_number=r.program_number,
        program_name=r.program_name,
        recipient=r.recipient,
        period=r.period,
        content=join_cell_lines(r.content) if r.content else None,
        recipient_budget_year=r.budget_year,
        **dict(zip(COLUMNS, r.amounts, strict=True)),
        page=r.cell.page,
        line=r.cell.line,
    )


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
