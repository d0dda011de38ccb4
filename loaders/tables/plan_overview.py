"""附屬表 1 歲出計畫提要及分支計畫概況表 (plan_overview): work plans, sub-plans, line items.

Every page repeats the work plan header (`工作計畫名稱及編號 | 5262200100 一般行政 | 預算金額 |
211,016`); under it the 計畫內容 / 預期成果 row, then the sub-plan table `分支計畫及用途別科目 |
金額 | 承辦單位 | 說明`: a sub-plan row (`01 人員維持 | 176,000 | 人事室 | 說明…`), its level-1
object classes (`1000 人事費`) and level-2 classes (`1015 法定編制人員待遇`).

Facts:
- work_plans (amount as printed on the header), sub_plans (承辦單位 joined over the rows it wraps
  into, 說明 joined over every following row and page), sub_plan_units (承辦單位 split on 、).
- line_items: one per level-2 class row (4 digits, not X000). expenditure_type comes from the
  national chart rule: object classes whose first digit is 3 (設備及投資) are capital (資本門),
  every other class is current (經常門).
- accounts / account_amounts for the work plans (level work_plan, 目 = printed order), the agency
  (00MMAA0000) and its 政事別 account (FFMMAA0000), derived from the work plan codes (DOMAIN.md
  §2). Only printed amounts are stored: the work plans' (this_year, ctx fiscal year and stage).
  Accounts a parser with a lower order already stated (主要表 1, in ctx.accounts) are skipped.
- programs: the numbered names of 計畫內容 aligned with the numbered items of the sub-plan 說明
  that name a program and its amount (`2. 數位創新研發計畫253,482千元`). Alignment keeps the
  printed order: names that match (normalised or difflib ratio >= 0.8) anchor it, and between
  two anchors equally many unmatched names and program-like items pair in order (the 說明 may
  rename a program). An item lost in extraction (a 說明 list that starts at 2 or 8) is a load
  issue; a program paired with a lost item keeps amount NULL.
- capital_portions: the parts of non-3000 classes the 說明 states as 資本支出 (each phrase
  attached to a class of its sub-plan; phrases no rule attaches are load issues), see
  _plan_overview/capital.py.
- multi_year_statements: this-year amounts of multi-year programmes the 說明 states
  (`本年度續編第3年經費40,000千元`), see _plan_overview/multi_year.py.
- media_publicity (source sub_plan) from `(含媒體政策及業務宣導費1,758千元)` before the items;
  headcount_statements (source sub_plan) from `職員133人、聘用人員17人，合計150人` there.

Printed cells (column_key `amount`, column_order 1):
- work plan amount: row_key = work plan code (`5262200100`), from its first header;
- sub-plan amount: `<work plan>/<sub-plan>` (`5262200100/01`);
- object class rows, level 1 and 2: `<work plan>/<sub-plan>/<class>` (`5262200100/01/1015`).
The header amount repeated on continuation pages is the same printed cell and is not stored
again.

Layout the parser copes with, generically: the 說明 column is a text flow of its own that does
not stay beside its sub-plan (a sub-plan's last items can print beside the next sub-plan's
class rows: fragments before a later `本分支計畫…` opening go back to the previous sub-plan), and
text can land in the 承辦單位 column of a row without label (taken as 說明 unless it continues a
wrapping 承辦單位).
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..regions import Region
from ._plan_overview.capital import _emit_capital_portions
from ._plan_overview.drafts import _WORK_PLAN_LABEL, WorkPlanDraft
from ._plan_overview.emitting import _emit_accounts, _emit_sub_plan_statements, _emit_work_plan
from ._plan_overview.multi_year import _emit_multi_year_statements
from ._plan_overview.programs import _emit_programs, similarity
from ._plan_overview.reading import _read_pages
from .base import ParseContext, TableParser, TableResult, compact, result_for

SLUG = "plan_overview"
TITLE = title_of(SLUG)


def matches(region: Region) -> bool:
    title = compact(region.printed_title or region.title)
    if TITLE in title or TITLE in compact(region.title):
        return True
    headers = [compact(c.text) for r in region.header_rows for c in r.cells]
    return any(h.startswith(_WORK_PLAN_LABEL) for h in headers) and any(
        h.startswith("分支計畫") for h in headers
    )


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    work_plans = _read_pages(region, result)
    result.row_count = len(region.rows)
    # A table split into two regions (a damaged page header) must not state a work plan twice.
    first_region = not ctx.work_plans
    work_plans = _drop_known(work_plans, ctx, result)
    for wp in work_plans:
        _emit_work_plan(wp, result)
    _emit_accounts(work_plans, region, ctx, result)
    # program_seq is unique in the document: a later region numbers after 1000 per work plan
    seq = 1000 * len(ctx.work_plans)
    for wp in work_plans:
        seq = _emit_programs(wp, result, seq)
    _emit_sub_plan_statements(work_plans, result, headcounts_too=first_region)
    # numbered after 1000 per work plan of earlier regions, as programs are
    _emit_capital_portions(work_plans, result, first_no=1000 * len(ctx.work_plans) + 1)
    _emit_multi_year_statements(work_plans, result, first_no=1000 * len(ctx.work_plans) + 1)
    ctx.work_plans.update({wp.code: wp.name for wp in work_plans})
    return result


def _drop_known(
    work_plans: list[WorkPlanDraft], ctx: ParseContext, result: TableResult
) -> list[WorkPlanDraft]:
    known = [wp for wp in work_plans if wp.code in ctx.work_plans]
    for wp in known:
        result.warn(
            "work_plan_repeated",
            f"work plan {wp.code} {wp.name} was read from an earlier region of this table: "
            "the rows printed here are not stored",
            wp.cell,
        )
        result.cells = [
            c
            for c in result.cells
            if c.row_key != wp.code and not c.row_key.startswith(f"{wp.code}/")
        ]
        result.facts["line_items"] = [
            i for i in result.facts.get("line_items", []) if i["work_plan_code"] != wp.code
        ]
    return [wp for wp in work_plans if wp.code not in ctx.work_plans]


# --------------------------------------------------------------------------- reading rows


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=10)

__all__ = ["PARSER", "similarity"]
