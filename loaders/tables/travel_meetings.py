"""派員出國計畫預算類別表—開會、談判 (travel_meetings; ADI 112 附屬表 11, the 內政部 114 book's
附屬表 (十二)): one fact per overseas plan.

Printed layout: left half 計畫名稱及領域代碼 | 擬前往國家或地區 | 主要會議議題 | 預計天數 |
擬派人數 | 交通費 | 生活費; right half 辦公費 | 合計 | 歸屬預算科目 | 最近三次 … 實際執行情形
(出國地點 | 出國期間 | 出國人數 | 國外旅費), printed on three lines per plan. Plans are grouped
under 一·定期會議 / 二·不定期會議 (meeting_kind). Read by the travel family of the toolkit
(`toolkit.travel.parse_plans`), as are the other category tables.

Keys of the printed cells: row_key = plan number ('01' …; numbers restart in every category
table, so facts are keyed by table_slug too); column_key = days, persons, transport, living,
office, total. The history's '-' cells (出國人數, 國外旅費 of earlier years) are kept as text in
`history`, not as printed cells: they are not this budget's facts and no view regenerates them.

category: 談判 when the group label names 談判, else 開會 (the groups are 定期會議 / 不定期會議).
field_code: the two characters ending the name cell ("… - 85", "…-3M").
"""

from __future__ import annotations

from ..regions import Region
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import parse_plans
from .toolkit.travel import AMOUNT_COLUMNS

__all__ = ["AMOUNT_COLUMNS", "PARSER"]

SLUG = "travel_meetings"
TITLE = "派員出國計畫預算類別表"
CATEGORIES = ("開會", "談判")


def matches(region: Region) -> bool:
    title = compact(region.title)
    return TITLE in title and any(c in title for c in CATEGORIES)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    result.row_count = parse_plans(
        result,
        region,
        table_slug=SLUG,
        destination_kind="overseas",
        categories=CATEGORIES,
        default_category="開會",
    )
    return result


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
