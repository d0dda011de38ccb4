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

from ..regions import Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import (
    ANY_LEVEL,
    HeaderRule,
    account_rows,
    add_number_cells,
    header_paths,
    match_columns,
)

SLUG = "object_class_analysis"

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


# The total column (合計 over no leaf), then side (group header) x level-1 class (leaf).
COLUMN_RULES = (
    HeaderRule("total", {0: "^合計$", -1: "^$"}),
    # 合計 spans the header rows; a wide table's right half may print it on another row.
    HeaderRule("total", {ANY_LEVEL: "^合計$", -1: "^$"}),
    *(
        HeaderRule(f"{side}_{key}", {0: marker, -1: f"^{label}$"})
        for marker, side in _SIDES
        for label, key in _CLASS_KEYS.items()
    ),
)


def _column_keys(header_rows: list[Row], first: int) -> dict[int, str]:
    """Column index -> key from the group header (side) and the leaf header (class); the group
    header may start left of the first number column (over the name column)."""
    return match_columns(header_paths(header_rows), COLUMN_RULES, first=first, carry=(0,))


def matches(region: Region) -> bool:
    return "一級用途別科目分析表" in compact(region.title)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    accounts = account_rows(region, ctx, result, skip_blank=True)
    if accounts is None:
        return result
    layout, rows = accounts
    keys = _column_keys(region.header_rows, layout.name_index + 1)
    for order, r in enumerate(rows, start=1):
        add_number_cells(result, r, keys, order, layout.name_index + 1)
    result.row_count = len(rows)
    return result


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
