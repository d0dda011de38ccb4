"""Plans of the 派員出國 / 赴大陸 travel tables (附屬表 11, 12): header columns, halves re-paired,
one travel_plans fact per plan.

The halves do not pair one to one (one left row per plan, three right rows), so the plans are
re-paired from `region.half_pairs`: within a page pair, the n-th left plan row goes with the
n-th right row that carries amounts or an account name; the right rows up to the next such row
are the plan's execution history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...amounts import parse_int
from ...regions import Cell, Region, Row
from ..base import TableResult, compact
from .cells import join_cell_lines
from .headers import column_of, stacked_labels

AMOUNT_COLUMNS = ("days", "persons", "transport", "living", "office", "total")

_PLAN = re.compile(r"^(\d{2,3})\s*(\S.*)$", re.S)

_FIELD = re.compile(r"^(.*?\S)\s+(?:[-－]\s*)?(\d{2})$", re.S)

_GROUP = re.compile(r"^[一二三四五六七八九十]+\s*[·．.、‧・]\s*(\S.*)$")


@dataclass
class Columns:
    """Column indices in a stitched row, found from the header words."""

    name: int
    destination: int | None
    agenda: int | None
    visit_units: int | None
    period: int | None
    days: int | None
    persons: int | None
    transport: int | None
    living: int | None
    office: int | None
    total: int | None
    account: int | None
    history: list[int] = field(default_factory=list)


@dataclass
class Plan:
    cells: dict[int, Cell]
    history_rows: list[list[Cell]]
    group: str | None
    cell: Cell


def columns_of(region: Region) -> Columns:
    labels = stacked_labels(region.header_rows)
    account = column_of(labels, "歸屬預算科目")
    history_start = column_of(labels, "最近三次") or column_of(labels, "前三年")
    history = list(range(history_start, len(labels))) if history_start is not None else []
    return Columns(
        name=0,
        destination=column_of(labels, "擬前往"),
        agenda=column_of(labels, "議題") or column_of(labels, "工作內容"),
        visit_units=column_of(labels, "擬拜會單位"),
        period=column_of(labels, "前往期間"),
        days=column_of(labels, "天數"),
        persons=column_of(labels, "人數"),
        transport=column_of(labels, "交通費"),
        living=column_of(labels, "生活費"),
        office=column_of(labels, "辦公費"),
        total=column_of(labels, "合計"),
        account=account,
        history=history,
    )


def collect_plans(result: TableResult, region: Region, cols: Columns) -> list[Plan]:
    """Plans with their full-width cells and history rows, re-paired from the raw halves."""
    if not region.half_pairs:
        return _plans_from_rows(result, region.rows, cols)
    plans: list[Plan] = []
    width = region.left_width or 0
    for pair in region.half_pairs:
        group = plans[-1].group if plans else None
        lefts: list[tuple[Row, str | None]] = []
        for row in pair.left_rows:
            first = row.cells[0].text.strip() if row.cells else ""
            if m := _GROUP.match(compact(first)):
                group = m.group(1)
            elif _PLAN.match(first):
                lefts.append((row, group))
            elif lefts and any(c.text.strip() for c in row.cells):
                _extend_left(lefts[-1][0], row)
        starts = _right_starts(pair.right_rows, cols, width)
        if len(starts) != len(lefts):
            result.warn(
                "halves_unpaired",
                f"pages {pair.left_page}/{pair.right_page}: {len(lefts)} plans on the left "
                f"but {len(starts)} on the right; paired in order",
                lefts[0][0].cells[0] if lefts else None,
            )
        for i, (left, grp) in enumerate(lefts):
            cells = {j: c for j, c in enumerate(left.cells) if j < width or not width}
            history: list[list[Cell]] = []
            if i < len(starts):
                start, end = starts[i], starts[i + 1] if i + 1 < len(starts) else None
                for j, c in enumerate(pair.right_rows[start].cells):
                    cells[width + j] = c
                history = [[*_blank(width, r), *r.cells] for r in pair.right_rows[start:end]]
            plans.append(Plan(cells, history, grp, left.cells[0]))
    return plans


def _blank(width: int, row: Row) -> list[Cell]:
    return [Cell("", row.page, row.line) for _ in range(width)]


def _extend_left(target: Row, row: Row) -> None:
    """A left row without a plan number continues the plan above: append its texts."""
    for j, c in enumerate(row.cells):
        if c.text.strip() and j < len(target.cells):
            old = target.cells[j]
            target.cells[j] = Cell(f"{old.text} {c.text}".strip(), old.page, old.line)


def _right_starts(rows: list[Row], cols: Columns, width: int) -> list[int]:
    """Indices of right rows that begin a plan: they carry amounts or an account name."""
    own = [i - width for i in (cols.office, cols.total, cols.account) if i is not None]
    own = [i for i in own if i >= 0]
    return [
        n
        for n, row in enumerate(rows)
        if any(0 <= i < len(row.cells) and row.cells[i].text.strip() for i in own)
    ]


def _plans_from_rows(result: TableResult, rows: list[Row], cols: Columns) -> list[Plan]:
    """A table printed in one piece: a numbered row starts a plan, the rows below it without a
    number are its history lines (or wrapped text)."""
    plans: list[Plan] = []
    group: str | None = None
    for row in rows:
        first = row.cells[0].text.strip() if row.cells else ""
        if m := _GROUP.match(compact(first)):
            group = m.group(1)
        elif _PLAN.match(first):
            cells = dict(enumerate(row.cells))
            plans.append(Plan(cells, [row.cells], group, row.cells[0]))
        elif plans:
            plans[-1].history_rows.append(row.cells)
        elif any(c.text.strip() for c in row.cells):
            result.warn("row_unattached", f"row {first!r} precedes every plan", row.cells[0])
    return plans


def _text(plan: Plan, index: int | None) -> str | None:
    if index is None or index not in plan.cells:
        return None
    return join_cell_lines(plan.cells[index].text) or None


def _history(plan: Plan, cols: Columns) -> str | None:
    lines = []
    for cells in plan.history_rows:
        parts = [cells[i].text.strip() if i < len(cells) else "" for i in cols.history]
        if any(parts):
            lines.append(" | ".join(parts).rstrip(" |"))
    return "\n".join(lines) or None


def add_plan(
    result: TableResult, plan: Plan, cols: Columns, order: int, *, destination_kind: str
) -> None:
    first = plan.cell.text.strip()
    m = _PLAN.match(first)
    plan_no, rest = (m.group(1), m.group(2)) if m else (str(order).zfill(2), first)
    field_code = None
    if fm := _FIELD.match(rest):
        rest, field_code = fm.group(1), fm.group(2)
    values: dict[str, int | None] = {}
    for column in AMOUNT_COLUMNS:
        index = getattr(cols, column)
        cell = plan.cells.get(index) if index is not None else None
        if cell is None or not cell.text.strip():
            values[column] = None
            result.warn("cell_missing", f"plan {plan_no}: no {column} printed", plan.cell)
            continue
        result.add_cell(plan_no, column, order, AMOUNT_COLUMNS.index(column) + 1, cell)
        values[column] = parse_int(cell.text)
        if values[column] is None:
            result.warn(
                "amount_unreadable",
                f"plan {plan_no}: {column} {cell.text!r} cannot be read; stored as NULL",
                cell,
            )
    parts = [v for v in (values["transport"], values["living"], values["office"]) if v is not None]
    total = values["total"]
    if len(parts) == 3 and total is not None and sum(parts) != total:
        result.warn(
            "row_total_mismatch",
            f"plan {plan_no}: 交通 + 生活 + 辦公 = {sum(parts):,} but 合計 is {total:,}",
            plan.cell,
        )
    agenda = _text(plan, cols.agenda)
    units = _text(plan, cols.visit_units)
    if units and cols.visit_units != cols.agenda:
        agenda = f"{units}\n{agenda}" if agenda else units
    category = "談判" if plan.group and "談判" in plan.group else "開會"
    result.add_fact(
        "travel_plans",
        destination_kind=destination_kind,
        plan_no=plan_no,
        category=category,
        meeting_kind=plan.group,
        name=join_cell_lines(rest),
        field_code=field_code,
        destination=_text(plan, cols.destination),
        agenda=agenda,
        period=_text(plan, cols.period),
        **values,
        account_name=_text(plan, cols.account),
        history=_history(plan, cols),
        page=plan.cell.page,
        line=plan.cell.line,
    )
