"""Plans of the travel category tables (派員出國計畫預算類別表 考察、視察、訪問 / 開會、談判 /
進修、研究、實習 and 派員赴大陸計畫預算類別表): header columns, halves re-paired, one
travel_plans fact per plan.

One family for every category table: the columns are found by their header words, so a table
that prints 交通費 / 生活費 / 辦公費 (考察, 開會, 大陸) and one that prints 生活費 /
機票與出國手續費 / 書籍學雜等費 (進修) are read by the same code; a header without the columns a
plan needs is a `columns_unrecognised` load issue naming the pages, never a guess.

The halves do not pair one to one (one left row per plan, three right rows), so the plans are
re-paired from `region.half_pairs`: within a page pair, the n-th left plan row goes with the
n-th right row that carries an amount (or, when the right half prints no amount column, an
account name); the right rows up to the next such row are the plan's execution history, and
their 歸屬預算科目 lines continue the plan's account name.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ...amounts import parse_int
from ...regions import Cell, Region, Row
from ..base import TableResult, compact
from .cells import join_cell_lines
from .headers import column_of, stacked_labels

# The cost columns any category table may print (千元), each with the header words that find it.
COST_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("transport", ("交通費",)),
    ("living", ("生活費",)),
    ("office", ("辦公費",)),
    ("airfare", ("機票",)),  # 機票與出國手續費 (進修、研究、實習)
    ("study_fees", ("學雜",)),  # 書籍學雜等費 (進修、研究、實習)
)
COSTS = tuple(key for key, _ in COST_COLUMNS)
# Printed-cell column keys of the 交通費 / 生活費 / 辦公費 tables (開會, 考察, 大陸), in order.
AMOUNT_COLUMNS = ("days", "persons", "transport", "living", "office", "total")
# Every column key a category table may print, in the order of the keys (not of the print).
ALL_COLUMNS = ("days", "persons", *COSTS, "total")

_PLAN = re.compile(r"^(\d{2,3})\s*(\S.*)$", re.S)

# The 領域代碼 ends the name: "… - 85", "…-14", "…經驗83", "…會議-3M" (a digit and a digit or
# capital). The name must end in something other than a digit, so a year ("…2025") is no code.
_FIELD = re.compile(r"^(.*?[^\d\s])\s*(?:[-－]\s*)?(\d[0-9A-Z])$", re.S)

_GROUP = re.compile(r"^[一二三四五六七八九十]+\s*[·．.、‧・]\s*(\S.*)$")


@dataclass
class Columns:
    """Column indices in a stitched row, found from the header words (None: not printed)."""

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
    airfare: int | None = None
    study_fees: int | None = None

    def amounts(self) -> list[tuple[str, int]]:
        """(column key, index) of the amount columns the table prints, in printed order."""
        found = [(key, getattr(self, key)) for key in ALL_COLUMNS]
        return sorted(((k, i) for k, i in found if i is not None), key=lambda ki: ki[1])

    def missing(self) -> list[str]:
        """Columns a plan cannot be read without: days, persons, a cost column and 合計."""
        need = [k for k in ("days", "persons", "total") if getattr(self, k) is None]
        if all(getattr(self, k) is None for k in COSTS):
            need.append("a cost column (交通費, 生活費, 辦公費, 機票…, 書籍學雜…)")
        return need


@dataclass
class Plan:
    cells: dict[int, Cell]
    history_rows: list[list[Cell]]
    group: str | None
    cell: Cell
    # the name cells of the lines the name wrapped onto (the 領域代碼 may be printed there)
    name_wraps: list[Cell] = field(default_factory=list)


def columns_of(region: Region) -> Columns:
    """The columns of a category table from its header words (`stacked_labels`): found once
    per distinct header (a batch repeats it), a new Columns each call."""
    found = _columns_of_labels(tuple(stacked_labels(region.header_rows)))
    return dataclasses.replace(found, history=list(found.history))


@lru_cache(maxsize=1 << 8)
def _columns_of_labels(labels: tuple[str, ...]) -> Columns:
    history_start = column_of(labels, "最近三次") or column_of(labels, "前三年")
    history = list(range(history_start, len(labels))) if history_start is not None else []
    costs = {key: _first(labels, words) for key, words in COST_COLUMNS}
    return Columns(
        name=0,
        destination=column_of(labels, "擬前往"),
        agenda=_first(labels, ("議題",), ("工作內容",), ("計畫內容",), ("課程",)),
        visit_units=column_of(labels, "擬拜會"),
        period=column_of(labels, "前往期間"),
        days=column_of(labels, "天數"),
        persons=column_of(labels, "人數"),
        total=column_of(labels, "合計"),
        account=column_of(labels, "歸屬預算科目"),
        history=history,
        **costs,
    )


def _first(labels: Sequence[str], *keyword_sets: tuple[str, ...]) -> int | None:
    for keywords in keyword_sets:
        if (index := column_of(labels, *keywords)) is not None:
            return index
    return None


def collect_plans(result: TableResult, region: Region, cols: Columns) -> list[Plan]:
    """Plans with their full-width cells and history rows, re-paired from the raw halves."""
    if not region.half_pairs:
        return _plans_from_rows(result, region.rows, cols)
    plans: list[Plan] = []
    width = region.left_width or 0
    for pair in region.half_pairs:
        group = plans[-1].group if plans else None
        lefts: list[tuple[Row, str | None]] = []
        wraps: dict[int, list[Cell]] = {}
        for row in pair.left_rows:
            first = row.cells[0].text.strip() if row.cells else ""
            if m := _GROUP.match(compact(first)):
                group = m.group(1)
            elif _PLAN.match(first):
                lefts.append((row, group))
            elif lefts and any(c.text.strip() for c in row.cells):
                if row.cells and row.cells[0].text.strip():
                    wraps.setdefault(id(lefts[-1][0]), []).append(row.cells[0])
                _extend_left(lefts[-1][0], row)
            elif plans and any(c.text.strip() for c in row.cells):
                # the top of a page continues the last plan of the page before (its 計畫內容)
                _extend_cells(plans[-1].cells, row)
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
                for row in pair.right_rows[start + 1 : end]:
                    _extend_account(cells, row, cols, width)
                history = [[*_blank(width, r), *r.cells] for r in pair.right_rows[start:end]]
            plans.append(Plan(cells, history, grp, left.cells[0], wraps.get(id(left), [])))
    return plans


def _blank(width: int, row: Row) -> list[Cell]:
    return [Cell("", row.page, row.line) for _ in range(width)]


def _extend_left(target: Row, row: Row) -> None:
    """A left row without a plan number continues the plan above: append its texts."""
    for j, c in enumerate(row.cells):
        if c.text.strip() and j < len(target.cells):
            old = target.cells[j]
            target.cells[j] = Cell(f"{old.text} {c.text}".strip(), old.page, old.line)


def _extend_cells(cells: dict[int, Cell], row: Row) -> None:
    for j, c in enumerate(row.cells):
        if c.text.strip() and j in cells:
            old = cells[j]
            cells[j] = Cell(f"{old.text} {c.text}".strip(), old.page, old.line)


def _extend_account(cells: dict[int, Cell], row: Row, cols: Columns, width: int) -> None:
    """A right row below the plan's first continues its 歸屬預算科目 when it prints one."""
    if cols.account is None or cols.account < width:
        return
    j = cols.account - width
    if j < len(row.cells) and row.cells[j].text.strip() and cols.account in cells:
        old = cells[cols.account]
        cells[cols.account] = Cell(f"{old.text} {row.cells[j].text}".strip(), old.page, old.line)


def _right_starts(rows: list[Row], cols: Columns, width: int) -> list[int]:
    """Indices of right rows that begin a plan: they carry an amount, or (when the right half
    prints no amount column) an account name. An account name wrapped onto the next line is
    not a plan of its own."""
    amounts = [i - width for _, i in cols.amounts() if i >= width]
    own = amounts or [i - width for i in (cols.account,) if i is not None and i >= width]
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


def category_of(group: str | None, categories: Sequence[str], default: str | None) -> str | None:
    """The plan's 類別: the category its group label names (一、考察 -> 考察), else `default`
    (開會 for the 定期會議 / 不定期會議 groups of 開會、談判), else None."""
    if group:
        named = [c for c in categories if c in compact(group)]
        if named:
            return named[0]
    return default


def parse_plans(
    result: TableResult,
    region: Region,
    *,
    table_slug: str,
    destination_kind: str,
    categories: Sequence[str],
    default_category: str | None,
) -> int:
    """Read a category table's plans into travel_plans facts and printed cells; returns the
    number of plans.

    A header without days, persons, 合計 or any cost column is one `columns_unrecognised`
    warning naming the pages (nothing is stored for the table); a plan whose group names no
    category of the table (and the table has no default) gets `category_unknown` and keeps its
    group label as category, so the summary does not count it silently.
    """
    cols = columns_of(region)
    if missing := cols.missing():
        pages = "–".join(str(p) for p in (region.pages[:1] + region.pages[-1:])) or "?"
        result.warn(
            "columns_unrecognised",
            f"{region.title} (pages {pages}): a layout not seen before, no header found for "
            f"{', '.join(missing)}; its plans are not loaded",
            region.header_rows[0].cells[0]
            if region.header_rows and region.header_rows[0].cells
            else None,
        )
        return 0
    plans = collect_plans(result, region, cols)
    for order, plan in enumerate(plans, start=1):
        category = category_of(plan.group, categories, default_category)
        if category is None:
            result.warn(
                "category_unknown",
                f"page {plan.cell.page}: group {plan.group!r} names none of "
                f"{'、'.join(categories)}; stored with the group label as category",
                plan.cell,
            )
        add_plan(
            result,
            plan,
            cols,
            order,
            destination_kind=destination_kind,
            table_slug=table_slug,
            category=category or plan.group or "未分類",
        )
    return len(plans)


def add_plan(
    result: TableResult,
    plan: Plan,
    cols: Columns,
    order: int,
    *,
    destination_kind: str,
    table_slug: str,
    category: str,
) -> None:
    """One travel_plans fact and its printed cells (row_key = plan number, column_key = the
    ALL_COLUMNS key, column order = printed order)."""
    first = plan.cell.text.strip()
    m = _PLAN.match(first)
    plan_no, rest = (m.group(1), m.group(2)) if m else (str(order).zfill(2), first)
    name = join_cell_lines(rest)
    field_code = None
    if fm := _FIELD.match(name):
        name, field_code = fm.group(1).strip(), fm.group(2)
        last = plan.name_wraps[-1] if plan.name_wraps else None
        if last is not None and field_code.endswith(compact(last.text)):
            result.read(last)  # the 領域代碼 (or its end) wrapped onto a line of its own
    values: dict[str, int | None] = {key: None for key in ALL_COLUMNS}
    for column_order, (column, index) in enumerate(cols.amounts(), start=1):
        cell = plan.cells.get(index)
        if cell is None or not cell.text.strip():
            result.warn("cell_missing", f"plan {plan_no}: no {column} printed", plan.cell)
            continue
        result.add_cell(plan_no, column, order, column_order, cell)
        values[column] = parse_int(cell.text)
        if values[column] is None:
            result.warn(
                "amount_unreadable",
                f"plan {plan_no}: {column} {cell.text!r} cannot be read; stored as NULL",
                cell,
            )
    printed = [k for k in COSTS if getattr(cols, k) is not None]
    parts = [v for k in printed if (v := values[k]) is not None]
    total = values["total"]
    if len(parts) == len(printed) and total is not None and sum(parts) != total:
        result.warn(
            "row_total_mismatch",
            f"plan {plan_no}: {' + '.join(printed)} = {sum(parts):,} but 合計 is {total:,}",
            plan.cell,
        )
    agenda = _text(plan, cols.agenda)
    units = _text(plan, cols.visit_units)
    if units and cols.visit_units != cols.agenda:
        agenda = f"{units}\n{agenda}" if agenda else units
    result.add_fact(
        "travel_plans",
        table_slug=table_slug,
        destination_kind=destination_kind,
        plan_no=plan_no,
        category=category,
        # the group label when it is not the category itself (定期會議 / 不定期會議)
        meeting_kind=plan.group if plan.group and compact(plan.group) != category else None,
        name=name,
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
    # the history's places, dates, persons and costs are stored as text in `history`
    for cells in plan.history_rows:
        for i in cols.history:
            if i < len(cells):
                result.read(cells[i])
