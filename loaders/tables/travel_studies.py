"""派員出國計畫預算類別表—進修、研究、實習 (travel_studies; the 內政部 114 book's 附屬表 (十二),
printed pp. 176–177): one fact per overseas plan.

Printed layout: left half 計畫名稱及領域代碼 | 擬前往國家 | 主要研習課程 | 預計前往期間 |
預計天數 | 擬派人數; right half 旅費預算 生活費 | 機票與出國手續費 | 書籍學雜等費 | 合計 |
歸屬預算科目 | 前三年度已派人員人數. Plans are grouped under 一、進修 / 二、研究 / 三、實習. The
cost columns differ from the other category tables (no 交通費 / 辦公費): they are found by their
header words like every column (`toolkit.travel.parse_plans`) and stored as living, airfare
(機票與出國手續費) and study_fees (書籍學雜等費).

Keys of the printed cells: row_key = plan number ('01' …; numbers restart in every category
table); column_key = days, persons, living, airfare, study_fees, total.

Stored: destination_kind 'overseas'; category = the group (進修, 研究 or 實習); agenda =
主要研習課程; period = 預計前往期間 as printed; history = 前三年度已派人員人數 as printed.
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..regions import Region
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import parse_plans

SLUG = "travel_studies"
TITLE = title_of(SLUG)
FAMILY = "派員出國計畫預算類別表"
CATEGORIES = ("進修", "研究", "實習")
# Printed-cell column keys of this table, in printed order.
AMOUNT_COLUMNS = ("days", "persons", "living", "airfare", "study_fees", "total")


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
