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
from ._account_lines import join_account_lines
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .object_class_analysis import account_layout, read_account_row, resolve_codes, row_key

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


def column_map(header_rows: list[Row], first: int) -> dict[int, tuple[str, str | None]]:
    """Column index -> (column_key, category as printed or None for cost / note columns).

    The top header row holds the groups (員額, 年需經費); categories and years may each be
    printed on one row or, when the halves of a wide table are stacked, on one row per half:
    a column's category is the nearest category label at or left of it on any header row.
    """
    rows = [[compact(t) for t in h.texts()] for h in header_rows]
    width = max((len(r) for r in rows), default=0)

    def at(r: list[str], i: int) -> str:
        return r[i] if i < len(r) else ""

    def spanning(r: list[str], i: int) -> str:
        """The nearest label at or left of column i (a header cell spans to the right)."""
        return next((r[j] for j in range(min(i, len(r) - 1), first - 1, -1) if r[j]), "")

    def nearest_category(i: int) -> str:
        """The category label closest left of (or at) column i over all header rows."""
        best, best_at = "", -1
        for r in rows[1:]:
            for j in range(min(i, len(r) - 1), first - 1, -1):
                if r[j] in CATEGORY_KEYS:
                    if j > best_at:
                        best, best_at = r[j], j
                    break
        return best

    out: dict[int, tuple[str, str | None]] = {}
    top = rows[0] if rows else []
    for i in range(first, width):
        labels = [at(r, i) for r in rows[1:]]
        group = spanning(top, i)
        if "說明" in group or "說明" in labels:
            out[i] = ("note", None)
        elif "經費" in group:
            label = next((t for t in labels if t in _COSTS), "")
            if label:
                out[i] = (_COSTS[label], None)
        else:
            category = nearest_category(i)
            year = next((_YEARS[t] for t in labels if t in _YEARS), None)
            if category in CATEGORY_KEYS and year:
                out[i] = (f"{CATEGORY_KEYS[category]}_{year}", category)
    return out


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    layout = account_layout(region.header_rows)
    if layout is None:
        result.warn("header_not_found", "no 名稱 column in the header rows")
        return result
    columns = column_map(region.header_rows, layout.name_index + 1)
    lines = join_account_lines(region.rows, layout.name_index)
    rows = [read_account_row(row, layout) for row in lines]
    resolve_codes(rows, ctx, result)
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
