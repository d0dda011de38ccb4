"""跨年期計畫概況表 (multi_year_plans): one fact per multi-year programme, in 億元 as printed.

Printed layout: 計畫名稱 | 執行期間 | 中央公務預算經費需求總額 | 分年經費需求: (Y-2)及以前年度
預算數 | (Y-1)年度預算數 | (Y)年度預算數 | (Y+1)及以後年度預估需求數 | 備註, under the unit line
單位：新臺幣億元. Names and notes wrap over the rows below (and over a page break).

Amounts stay exact Decimals in the printed unit (`unit` column, e.g. 億元): they are never mixed
with the 千元 of other tables. Columns are found from the header text relative to the
document's year (年度 Y = this_year, Y-1 = last_year), never by position.

Keys of the printed cells: row_key = the programme's printed order ('1', '2' …); column_key =
total_cost, prior_years, last_year, this_year, later_years.
"""

from __future__ import annotations

import re
from decimal import Decimal

from unitbudget.catalog import title_of

from ..amounts import parse_number
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit.cells import join_cell_lines

SLUG = "multi_year_plans"
TITLE = title_of(SLUG)
AMOUNTS = ("total_cost", "prior_years", "last_year", "this_year", "later_years")
_PERIOD = re.compile(r"^(\d{2,3})\s*[-－~～]\s*(\d{2,3})$")
_YEAR = re.compile(r"(\d{2,3})年度")


def matches(region: Region) -> bool:
    return compact(region.title) == TITLE


def column_keys(header_rows: list[Row], year: int | None) -> dict[int, str]:
    """Column index -> field, from each column's header cells read top to bottom."""
    width = max((len(r.cells) for r in header_rows), default=0)
    keys: dict[int, str] = {}
    for i in range(width):
        label = "".join(compact(r.cells[i].text) for r in header_rows if i < len(r.cells))
        key = None
        if "計畫名稱" in label:
            key = "name"
        elif "執行期間" in label:
            key = "period"
        elif "備註" in label:
            key = "note"
        elif "總額" in label:
            key = "total_cost"
        elif "及以前" in label:
            key = "prior_years"
        elif "及以後" in label:
            key = "later_years"
        elif (m := _YEAR.search(label)) and year is not None:
            offset = int(m.group(1)) - year
            key = {0: "this_year", -1: "last_year"}.get(offset)
        if key and key not in keys.values():
            keys[i] = key
    return keys


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    year = region.fiscal_year or ctx.fiscal_year
    keys = column_keys(region.header_rows, year)
    missing = [k for k in ("name", *AMOUNTS) if k not in keys.values()]
    if missing:
        result.warn(
            "columns_not_found",
            f"{TITLE}: header columns {', '.join(missing)} not found; nothing loaded",
            region.header_rows[0].cells[0] if region.header_rows else None,
        )
        return result
    unit = (region.unit or "").removeprefix("新臺幣").strip()
    if not unit:
        first = region.rows[0].cells[0] if region.rows and region.rows[0].cells else None
        result.warn("unit_missing", f"{TITLE}: no unit line; amounts kept as printed", first)
        unit = "unstated"
    col = {k: i for i, k in keys.items()}
    plans: list[dict] = []
    texts: list[dict[str, list[str]]] = []
    for row in region.rows:
        cells = {k: row.cells[i] for k, i in col.items() if i < len(row.cells)}
        starts = bool(cells.get("name") and cells["name"].text) and any(
            cells.get(k) and cells[k].text for k in ("period", *AMOUNTS)
        )
        if starts:
            plans.append(_start(row, cells, len(plans) + 1, unit, result))
            texts.append({"name": [], "note": []})
        elif not plans:
            if any(c.text for c in row.cells):
                result.warn("row_before_first_plan", "text before the first programme", None)
            continue
        for key in ("name", "note"):
            cell = cells.get(key)
            if cell is not None and cell.text:
                texts[-1][key].append(cell.text)
    for plan, text in zip(plans, texts, strict=True):
        plan["name"] = join_cell_lines(*text["name"])
        plan["note"] = join_cell_lines(*text["note"]) or None
        result.add_fact("multi_year_plans", **plan)
    result.row_count = len(plans)
    return result


def _start(row: Row, cells: dict[str, Cell], seq: int, unit: str, result: TableResult) -> dict:
    plan: dict = {"seq": seq, "unit": unit, "page": row.page, "line": row.line}
    period = cells.get("period")
    plan["period"] = period.text if period and period.text else None
    m = _PERIOD.match(plan["period"] or "")
    plan["start_year"], plan["end_year"] = (int(m.group(1)), int(m.group(2))) if m else (None,) * 2
    for order, key in enumerate(AMOUNTS):
        cell = cells.get(key)
        value: Decimal | None = None
        if cell is not None and cell.text:
            value = parse_number(cell.text)
            if value is None:
                result.warn("amount_unreadable", f"{key} {cell.text!r} is not a number", cell)
            result.add_cell(str(seq), key, seq, order, cell)
        plan[key] = value
    return plan


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
