"""派員出國計畫預算類別表—考察、視察、訪問 (travel_inspections; the 內政部 114 book's 附屬表
(十二), printed pp. 168–171): one fact per overseas plan.

Printed layout: left half 計畫名稱及領域代碼 | 擬前往國家 | 擬拜會或視察機構 | 計畫內容 |
預計前往期間 | 預計天數 | 擬派人數; right half 旅費預算 交通費 | 生活費 | 辦公費 | 合計 |
歸屬預算科目 | 前三年內有無赴同一機構拜會、視察 (有/無 | 說明). Plans are grouped under
一、考察 / 二、視察 / 三、訪問; numbers run on across the groups and restart in every category
table. Read by the travel family of the toolkit (`toolkit.travel.parse_plans`).

Keys of the printed cells: row_key = plan number ('01' …); column_key = days, persons,
transport, living, office, total.

Stored: destination_kind 'overseas'; category = the group (考察, 視察 or 訪問); agenda =
擬拜會或視察機構 and 計畫內容 (one per line); period = 預計前往期間 as printed; history = the 有/無
and 說明 cells. A group naming none of the three is a `category_unknown` warning.
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..regions import Region
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import parse_plans

SLUG = "travel_inspections"
TITLE = title_of(SLUG)
FAMILY = "派員出國計畫預算類別表"
CATEGORIES = ("考察", "視察", "訪問")


def matches(region: Region) -> bool:
    title = compact(region.title)
    return FAMILY in title and any(c in title for c in CATEGORIES)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    result.row_count = parse_plans(
        result,
        region,
        table_slug=SLUG,
        destination_kind="overseas",
        categories=CATEGORIES,
        default_category=None,
    )
    return result


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
