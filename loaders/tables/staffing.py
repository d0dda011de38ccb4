"""附屬表 6 預算員額明細表 (staffing): headcounts by account, category and year, and 年需經費.

Printed as a left half (款 項 目 節 名稱, 職員 … 駕駛) and a right half (聘用 約僱 駐外雇員
合計, 年需經費 本年度 上年度 比較, 說明), stitched by the reader. Every category has a 本年度 and
a 上年度 column; '-' is 0.

Facts
- core.staffing: one row per printed account row with numbers x category (as printed:
  職員, 警察, 法警, 駐警, 工友, 技工, 駕駛, 聘用, 約僱, 駐外雇員) x year (this / last).
  The 合計 columns are not facts (the report view adds the categories up).
- core.staffing_costs: 年需經費 本年度 / 上年度 and the 說明 text of the row.
Agency rows are stored as printed too; the report view recomputes them from their work plans.

Keys
- row_key: the 10-digit account code printed before the name (0062200000, 5262200100).
- column_key: `<category>_<this|last>` with category officials (職員), police (警察),
  judicial_police (法警), guards (駐警), workers (工友), technicians (技工), drivers (駕駛),
  contract (聘用), temporary (約僱), overseas_local (駐外雇員), total (合計); and cost_this,
  cost_last, cost_change for 年需經費 本年度 / 上年度 / 比較.
Columns are found from the header: a category spans its 本年度 and 上年度 columns (the
category label is printed over the first); 年需經費 and 說明 are found in the top header row.
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..amounts import parse_int
from ..regions import Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import (
    ANY_LEVEL,
    HeaderRule,
    account_rows,
    header_paths,
    match_columns,
    nearest_labels,
    row_key,
)

SLUG = "staffing"

CATEGORY_KEYS = {
    "職員": "officials",
    "警察": "police",
    "法警": "judicial_police",
    "駐警": "guards",
    "工友": "workers",
    "技工": "technicians",
    "駕駛": "drivers",
    "聘用": "contract",
    "約僱": "temporary",
    "駐外雇員": "overseas_local",
    "合計": "total",
}
_YEARS = {"本年度": "this", "上年度": "last"}
_COSTS = {"本年度": "cost_this", "上年度": "cost_last", "比較": "cost_change"}


# Header levels as column_map builds them: the group (說明, 年需經費 or a headcount group; the
# top row, spanning right), the category (職員 …, the nearest one on any lower row), then the
# lower rows as printed, where a cost column (本年度 …) or the year of a headcount stands on
# whichever row its half of the table prints it. 說明 may head its column on any row.
CATEGORY_PATTERN = "|".join(CATEGORY_KEYS)
COLUMN_RULES: tuple[HeaderRule[tuple[str, str | None]], ...] = (
    HeaderRule(("note", None), {ANY_LEVEL: "說明"}),
    *(
        HeaderRule((key, None), {0: "經費", ANY_LEVEL: f"^{label}$"})
        for label, key in _COSTS.items()
    ),
    *(
        HeaderRule(
            (f"{key}_{year}", category),
            {0: "^(?!.*(說明|經費))", 1: f"^{category}$", ANY_LEVEL: f"^{label}$"},
        )
        for category, key in CATEGORY_KEYS.items()
        for label, year in _YEARS.items()
    ),
)


def column_map(header_rows: list[Row], first: int) -> dict[int, tuple[str, str | None]]:
    """Column index -> (column_key, category as printed or None for cost / note columns);
    columns from `first` (right of the name column) on.

    The top header row holds the groups (員額, 年需經費, 說明); categories and years may each be
    printed on one row or, when a reader stacks the halves of a wide table, on one row per
    half: a column's category is the nearest category label at or left of it on any row below
    the top one (`nearest_labels`).
    """
    top = header_paths(header_rows[:1], spanning=1, first=first)
    lower = header_paths(header_rows[1:])
    categories = nearest_labels(header_rows[1:], CATEGORY_PATTERN, first=first)
    width = max(len(top), len(lower))
    paths = [
        (
            top[i][0] if i < len(top) else "",
            categories[i] if i < len(categories) else "",
            *(lower[i] if i < len(lower) else ()),
        )
        for i in range(width)
    ]
    return match_columns(paths, COLUMN_RULES, first=first)


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    accounts = account_rows(region, ctx, result)
    if accounts is None:
        return result
    layout, rows = accounts
    columns = column_map(region.header_rows, layout.name_index + 1)
    for order, r in enumerate(rows, start=1):
        key = row_key(r)
        costs: dict[str, object] = {}
        for index in range(layout.name_index + 1, len(r.row.cells)):
            cell = r.row.cells[index]
            if not cell.text or index not in columns:
                if cell.text:
                    result.warn(
                        "cell_without_header",
                        f"{cell.text!r} in column {index + 1} has no header",
                        cell,
                    )
                continue
            column, category = columns[index]
            if column == "note":
                costs["note"] = cell.text
                continue
            result.add_cell(key, column, order, index + 1, cell)
            value = parse_int(cell.text)
            if value is None:
                result.warn("not_a_number", f"{cell.text!r} is not a whole number", cell)
            if category is not None and not column.startswith("total_"):
                result.add_fact(
                    "staffing",
                    account_code=key,
                    category=category,
                    year=column.rsplit("_", 1)[1],
                    headcount=value,
                    page=cell.page,
                    line=cell.line,
                )
            elif column in ("cost_this", "cost_last"):
                costs["this_year" if column == "cost_this" else "last_year"] = value
        if costs:
            first = next(c for c in r.row.cells if c.text)
            result.add_fact(
                "staffing_costs",
                account_code=key,
                this_year=costs.get("this_year"),
                last_year=costs.get("last_year"),
                note=costs.get("note"),
                page=first.page,
                line=first.line,
            )
    result.row_count = len(rows)
    return result


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
