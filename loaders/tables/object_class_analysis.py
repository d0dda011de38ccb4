"""附屬表 3 歲出一級用途別科目分析表 (object_class_analysis): printed cells only (derived table).

The table prints one row per account of the budget hierarchy, identified by its 款 / 項 / 目 / 節
positions and its name (no codes), and per row the level-1 object classes split into
經常支出 (current) and 資本支出 (capital), each with a 小計, and a 合計.

Keys
- row_key: the 10-digit account code. The table prints names only, so codes are resolved:
  a row with a 目 position is a work plan, looked up by name in `ctx.work_plans` (filled by
  plan_overview, which runs first); the other levels are derived from the work plan codes
  (DOMAIN.md §2): agency (項) = 00MMAA0000, function (政事別, no position) = FFMMAA0000 of the
  work plans printed under it, ministry (款) = 00MM000000. A row that cannot be resolved keeps
  its printed name as row_key and gets a warning.
- column_key: `<side>_<class>` from the two header rows, side = current / capital from the
  group header (經常支出 / 資本支出) spanning the column, class from the leaf header
  (人事費 personnel, 業務費 operating, 獎補助費 grants, 債務費 debt, 預備金 reserve,
  設備及投資 equipment, 小計 subtotal); the trailing 合計 column is `total`.

The helpers for account rows (款項目節 + name, 9-digit codes) are shared with
capital_expenditure and staffing, which print the same row structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..regions import Cell, Region, Row
from ._account_lines import join_account_lines
from .base import ParseContext, TableParser, TableResult, compact, result_for

SLUG = "object_class_analysis"

_CODE = re.compile(r"^(\d{9,10})\s*(.*)$", re.S)
_WORK_PLAN = re.compile(r"^\d{10}$")
_POSITION_LABELS = ("款", "項", "目", "節")

# Leaf header label -> column key part. Data, not branches: another year's layout adds labels.
_CLASS_KEYS = {
    "人事費": "personnel",
    "業務費": "operating",
    "獎補助費": "grants",
    "債務費": "debt",
    "預備金": "reserve",
    "設備及投資": "equipment",
    "小計": "subtotal",
}
_SIDES = (("經常", "current"), ("資本", "capital"))


@dataclass
class AccountRow:
    """One printed account row: positions, printed code (if any), name and its number cells."""

    row: Row
    kuan: str
    xiang: str
    mu: str
    jie: str
    printed_code: str | None
    name: str
    level: str  # ministry, agency, function, work_plan or section
    code: str | None = None


@dataclass(frozen=True)
class AccountLayout:
    """Where the account label cells sit: position columns and the name column."""

    positions: dict[str, int]  # 款/項/目/節 -> column index
    name_index: int


def account_layout(header_rows: list[Row]) -> AccountLayout | None:
    """Locate 款/項/目/節 and the name column (名稱, 節 名稱, 名稱及編號) in the header."""
    for header in header_rows:
        texts = [compact(t) for t in header.texts()]
        name_index = next((i for i, t in enumerate(texts) if "名稱" in t), None)
        if name_index is None:
            continue
        positions: dict[str, int] = {}
        for i, t in enumerate(texts[: name_index + 1]):
            for label in _POSITION_LABELS:
                # "節名稱" is the 節 column merged with the name column: 節 shares its index.
                if t == label or (t.startswith(label) and "名稱" in t):
                    positions[label] = i
        return AccountLayout(positions, name_index)
    return None


def pad_code(code: str) -> str:
    """Some tables print 9-digit codes (006220000): the 10-digit code without its last 0."""
    return code + "0" if len(code) == 9 else code


def read_account_row(row: Row, layout: AccountLayout) -> AccountRow:
    def at(label: str) -> str:
        index = layout.positions.get(label)
        cell = row.get(index) if index is not None else None
        return cell.text.strip() if cell else ""

    name_cell = row.get(layout.name_index)
    name_text = name_cell.text.strip() if name_cell else ""
    # When 節 shares the name column, a number printed there is the code, not a 節 position.
    jie = at("節") if layout.positions.get("節") != layout.name_index else ""
    printed_code = None
    match = _CODE.match(name_text)
    if match:
        printed_code, name_text = pad_code(match.group(1)), match.group(2).strip()
    kuan, xiang, mu = at("款"), at("項"), at("目")
    if kuan:
        level = "ministry"
    elif xiang:
        level = "agency"
    elif jie:
        level = "section"
    elif mu:
        level = "work_plan"
    else:
        level = "function"
    return AccountRow(row, kuan, xiang, mu, jie, printed_code, name_text, level, printed_code)


def resolve_codes(rows: list[AccountRow], ctx: ParseContext, result: TableResult) -> None:
    """Give every row a 10-digit code: printed, or from names and the work plans' codes."""
    names = {compact(name): code for code, name in ctx.work_plans.items()}
    names.update({compact(name): code for code, name in ctx.accounts.items()})
    for r in rows:
        if r.code is None and r.level in ("work_plan", "section"):
            r.code = names.get(compact(r.name))
    work_plans = [r.code for r in rows if r.code and _WORK_PLAN.match(r.code)]
    work_plans += [c for c in ctx.work_plans if _WORK_PLAN.match(c)]
    for index, r in enumerate(rows):
        if r.code is not None:
            continue
        # The accounts printed below a row are its children: derive its code from theirs.
        below = [x.code for x in rows[index + 1 :] if x.code and not x.code.startswith("00")]
        sample = below[0] if below else (work_plans[0] if work_plans else None)
        if sample is None:
            r.code = names.get(compact(r.name))
        elif r.level == "ministry":
            r.code = f"00{sample[2:4]}000000"
        elif r.level == "agency":
            r.code = ctx.agency_code or f"00{sample[2:6]}0000"
        elif r.level == "function":
            r.code = f"{sample[:6]}0000"
        if r.code is None:
            result.warn(
                "account_unresolved",
                f"no account code for the row {r.name!r}: kept the name as its key",
                r.row.get(0),
            )


def row_key(r: AccountRow) -> str:
    return r.code or r.name


def _column_keys(header_rows: list[Row], first: int) -> dict[int, str]:
    """Column index -> key from the group header (side) and the leaf header (class)."""
    top = [compact(t) for t in header_rows[0].texts()] if header_rows else []
    leaf = [compact(t) for t in header_rows[-1].texts()] if header_rows else []
    # 合計 spans both header rows; a wide table's right half may print it on another row.
    totals = {i for h in header_rows for i, t in enumerate(h.texts()) if compact(t) == "合計"}
    keys: dict[int, str] = {}
    side = None
    # The group header may start left of the first number column (over the name column).
    for i in range(max(len(top), len(leaf))):
        group = top[i] if i < len(top) else ""
        label = leaf[i] if i < len(leaf) else ""
        for marker, name in _SIDES:
            if marker in group:
                side = name
        if i < first:
            continue
        if not label and (group == "合計" or i in totals):
            keys[i] = "total"
        elif label in _CLASS_KEYS and side:
            keys[i] = f"{side}_{_CLASS_KEYS[label]}"
    return keys


def matches(region: Region) -> bool:
    return "一級用途別科目分析表" in compact(region.title)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    layout = account_layout(region.header_rows)
    if layout is None:
        result.warn("header_not_found", "no 名稱 column in the header rows")
        return result
    keys = _column_keys(region.header_rows, layout.name_index + 1)
    lines = join_account_lines(region.rows, layout.name_index)
    rows = [read_account_row(row, layout) for row in lines]
    rows = [r for r in rows if r.name or any(c.text for c in r.row.cells)]
    resolve_codes(rows, ctx, result)
    for order, r in enumerate(rows, start=1):
        add_number_cells(result, r, keys, order, layout.name_index + 1)
    result.row_count = len(rows)
    return result


def add_number_cells(
    result: TableResult, r: AccountRow, keys: dict[int, str], order: int, first: int
) -> None:
    """Every non-empty cell right of the name column, under its column key."""
    column_orders = {index: n for n, index in enumerate(sorted(keys), start=1)}
    for index in range(first, len(r.row.cells)):
        cell: Cell = r.row.cells[index]
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
        result.add_cell(row_key(r), key, order, column_orders[index], cell)


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
