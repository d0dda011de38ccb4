"""附屬表 12 派員赴大陸計畫預算類別表 (travel_mainland): one fact per mainland trip plan.

Printed layout: left half 計畫名稱及領域代碼 | 擬前往地區 | 擬拜會單位 | 工作內容 | 預計前往期間 |
預計天數 | 擬派人數; right half 旅費預算 交通費 | 生活費 | 辦公費 | 合計 | 歸屬預算科目 |
前三年內有無赴同一單位拜會 (有/無 | 說明). Parsed with the same re-pairing and header-word
column lookup as travel_meetings (`toolkit.travel.parse_plans`).

Keys of the printed cells: row_key = plan number ('01' …); column_key = days, persons,
transport, living, office, total ('-' is 0).

Stored: destination_kind 'mainland'; agenda = 擬拜會單位 and 工作內容 (one per line); period =
預計前往期間 as printed; history = the 有/無 and 說明 cells. The table prints no 類別 (考察,
開會 …), so category is '未分類' rather than a guess from the name; the overseas summary
(附屬表 10) does not count mainland plans.
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..regions import Region
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import parse_plans

SLUG = "travel_mainland"
TITLE = title_of(SLUG)
UNCATEGORISED = "未分類"


def matches(region: Region) -> bool:
    return TITLE in compact(region.title) or "赴大陸計畫" in compact(region.title)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    result.row_count = parse_plans(
        result,
        region,
        table_slug=SLUG,
        destination_kind="mainland",
        categories=(),
        default_category=UNCATEGORISED,
    )
    return result


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
