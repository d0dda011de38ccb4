"""附屬表 11 派員出國計畫預算類別表—開會、談判 (travel_meetings): one fact per overseas plan.

Printed layout: left half 計畫名稱及領域代碼 | 擬前往國家或地區 | 主要會議議題 | 預計天數 |
擬派人數 | 交通費 | 生活費; right half 辦公費 | 合計 | 歸屬預算科目 | 最近三次 … 實際執行情形
(出國地點 | 出國期間 | 出國人數 | 國外旅費), printed on three lines per plan. Plans are grouped
under 一·定期會議 / 二·不定期會議 (meeting_kind).

The halves do not pair one to one (one left row per plan, three right rows), so the plans are
re-paired from `region.half_pairs` (or `left_rows` / `right_rows`): within a page pair, the
n-th left plan row goes with the n-th right row that carries amounts or an account name; the
right rows up to the next such row are the plan's execution history.

Keys of the printed cells: row_key = plan number ('01' …); column_key = days, persons,
transport, living, office, total. The history's '-' cells (出國人數, 國外旅費 of earlier years)
are kept as text in `history`, not as printed cells: they are not this budget's facts and no
view regenerates them.

category: 談判 when the group label names 談判, else 開會 (the table prints only these two).
field_code: the trailing two digits of the name cell ("… - 85"). Columns are found by their
header words, not positions.
"""

from __future__ import annotations

from ..regions import Region
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import add_plan, collect_plans, columns_of
from .toolkit.travel import AMOUNT_COLUMNS

__all__ = ["AMOUNT_COLUMNS", "PARSER"]

SLUG = "travel_meetings"
TITLE = "派員出國計畫預算類別表"


def matches(region: Region) -> bool:
    title = compact(region.title)
    return TITLE in title and ("開會" in title or "談判" in title)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    cols = columns_of(region)
    plans = collect_plans(result, region, cols)
    for order, plan in enumerate(plans, start=1):
        add_plan(result, plan, cols, order, destination_kind="overseas")
    result.row_count = len(plans)
    return result


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
