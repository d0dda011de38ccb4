"""附屬表 10 派員出國計畫預算總表 (travel_summary): printed cells only (a derived table).

Every cell is regenerated from the overseas travel plans (附屬表 11 and the other category
tables) by report_travel_summary; this parser stores no facts.

Keys of the printed cells:
- row_key: 'total' (合計) or the category: 考察 inspection, 視察 supervision, 訪問 visit,
  開會 meeting, 談判 negotiation, 進修 study, 研究 research, 實習 internship.
- column_key: plans_this_year, person_days_this_year, budget_this_year, plans_last_year,
  person_days_last_year, budget_last_year (found by the header words 本年度 / 上年度 and
  項數 / 人天 / 預算數).
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..regions import Region
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import stacked_labels

SLUG = "travel_summary"
TITLE = title_of(SLUG)
CATEGORIES = {
    "合計": "total",
    "總計": "total",
    "考察": "inspection",
    "視察": "supervision",
    "訪問": "visit",
    "開會": "meeting",
    "談判": "negotiation",
    "進修": "study",
    "研究": "research",
    "實習": "internship",
}
_YEARS = (("本年度", "this_year"), ("上年度", "last_year"))
_MEASURES = (("項數", "plans"), ("人天", "person_days"), ("預算數", "budget"))
COLUMNS = tuple(f"{m}_{y}" for _, y in _YEARS for _, m in _MEASURES)


def matches(region: Region) -> bool:
    return TITLE in compact(region.title)


def _column_keys(region: Region) -> dict[int, str]:
    keys: dict[int, str] = {}
    for i, label in enumerate(stacked_labels(region.header_rows)):
        year = next((key for word, key in _YEARS if word in label), None)
        measure = next((key for word, key in _MEASURES if word in label), None)
        if year and measure:
            keys[i] = f"{measure}_{year}"
    return keys


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    keys = _column_keys(region)
    missing = [c for c in COLUMNS if c not in keys.values()]
    if missing:
        result.warn("columns_missing", f"no header found for {', '.join(missing)}")
    order = 0
    for row in region.rows:
        label = compact(row.cells[0].text) if row.cells else ""
        if not label:
            continue
        row_key = CATEGORIES.get(label)
        if row_key is None:
            result.warn(
                "category_unknown", f"category {label!r} is not one of the eight", row.cells[0]
            )
            row_key = label
        order += 1
        for i, column in keys.items():
            cell = row.get(i)
            if cell is None or not cell.text.strip():
                continue
            result.add_cell(row_key, column, order, COLUMNS.index(column) + 1, cell)
    result.row_count = order
    return result


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
