"""Facts of the plan overview from its drafts: work plans, sub-plans, line items, accounts and
the statements (media, headcounts) of the sub-plan texts."""

from __future__ import annotations

from ...codes import FUNCTION_NAMES, agency_of, function_of
from ...regions import Region
from ..base import ParseContext, TableResult
from ..toolkit import (
    headcounts,
    join_wrapped,
    numbered_items,
)
from .drafts import (
    _CONTENT,
    _EXPECTED,
    _UNITS_SPLIT,
    SubPlanDraft,
    WorkPlanDraft,
    _fragment_at,
    media_statements,
)


def _description(sp: SubPlanDraft) -> str:
    return join_wrapped([f.text for f in sp.fragments])


def _units(sp: SubPlanDraft) -> str:
    return "".join(sp.units)


def _emit_work_plan(wp: WorkPlanDraft, result: TableResult) -> None:
    result.add_fact(
        "work_plans",
        work_plan_code=wp.code,
        name=wp.name,
        amount=wp.amount,
        content=join_wrapped(wp.fields.get(_CONTENT, [])) or None,
        expected_results=join_wrapped(wp.fields.get(_EXPECTED, [])) or None,
        mu=wp.mu,
        page=wp.cell.page,
        line=wp.cell.line,
    )
    for sp in wp.sub_plans:
        units = _units(sp)
        result.add_fact(
            "sub_plans",
            work_plan_code=wp.code,
            sub_plan_code=sp.code,
            name=sp.name,
            amount=sp.amount,
            units_text=units or None,
            description=_description(sp) or None,
            page=sp.cell.page,
            line=sp.cell.line,
        )
        seen: set[str] = set()
        for unit in _UNITS_SPLIT.split(units):
            if unit and unit not in seen:
                seen.add(unit)
                result.add_fact(
                    "sub_plan_units",
                    work_plan_code=wp.code,
                    sub_plan_code=sp.code,
                    unit_name=unit,
                    known_unit=None,
                )


def _emit_accounts(
    work_plans: list[WorkPlanDraft], region: Region, ctx: ParseContext, result: TableResult
) -> None:
    """Work plan, agency and 政事別 accounts implied by the work plan codes (DOMAIN.md §2)."""
    if not work_plans:
        return
    fiscal_year = ctx.fiscal_year or region.fiscal_year
    known = set(ctx.accounts)  # stated by a table parsed before (主要表 1)
    work_plan_codes = {wp.code for wp in work_plans}
    agencies = {agency_of(wp.code) for wp in work_plans}
    if len(agencies) == 1 and ctx.agency_code is None:
        ctx.agency_code = next(iter(agencies))
    for function in sorted({function_of(wp.code) for wp in work_plans}):
        agency = agency_of(function)
        if agency not in ctx.accounts and agency not in work_plan_codes:
            name = ctx.agency_name or region.agency or agency
            _add_account(result, fiscal_year, agency, name, "agency", None, None, work_plans[0])
            ctx.accounts[agency] = name
        if function not in ctx.accounts and function not in work_plan_codes:
            name = FUNCTION_NAMES.get(function[:2])
            if name is None:
                name = f"政事別 {function[:2]}"
                result.warn(
                    "function_unknown",
                    f"政事別 {function[:2]} is not in the chart: "
                    f"account {function} named by its code",
                    work_plans[0].cell,
                )
            _add_account(
                result, fiscal_year, function, name, "function", agency, None, work_plans[0]
            )
            ctx.accounts[function] = name
    for wp in work_plans:
        if wp.code in known:
            continue  # 主要表 1 printed this account: its row is the statement
        _add_account(
            result, fiscal_year, wp.code, wp.name, "work_plan", function_of(wp.code), wp.mu, wp
        )
        if fiscal_year is not None and wp.amount is not None:
            result.add_fact(
                "account_amounts",
                account_code=wp.code,
                fiscal_year=fiscal_year,
                stage=ctx.stage,
                amount=wp.amount,
                source_column="this_year",
                page=wp.cell.page,
                line=wp.cell.line,
                sheet_row=None,
            )


def _add_account(
    result: TableResult,
    fiscal_year: int | None,
    code: str,
    name: str,
    level: str,
    parent: str | None,
    mu: int | None,
    wp: WorkPlanDraft,
) -> None:
    result.add_fact(
        "accounts",
        account_code=code,
        fiscal_year=fiscal_year,
        name=name,
        level=level,
        kuan=None,
        xiang=None,
        mu=mu,
        jie=None,
        parent_code=parent,
        description=None,
        page=wp.cell.page,
        line=wp.cell.line,
        sheet_row=None,
    )


def _emit_sub_plan_statements(
    work_plans: list[WorkPlanDraft], result: TableResult, *, headcounts_too: bool
) -> None:
    """Media spending (媒體政策及業務宣導費) a sub-plan 說明 states anywhere, and headcounts stated
    before its numbered items.

    media_publicity (source sub_plan): one fact per sub-plan, amount = Σ of its statements in 千元
    (in its preamble, its numbered items or their sub-items, each counted once), page and line
    of the first statement. One headcount statement per document (source sub_plan): only the
    first region states it.
    """
    headcount_from: SubPlanDraft | None = None
    for wp in work_plans:
        for sp in wp.sub_plans:
            text = _description(sp)
            preamble, _ = numbered_items(text)
            where = sp.fragments[0] if sp.fragments else None
            media = media_statements(text)
            if media:
                first = _fragment_at(sp, text, media[0][1]) or where
                result.add_fact(
                    "media_publicity",
                    work_plan_code=wp.code,
                    sub_plan_code=sp.code,
                    source="sub_plan",
                    amount=sum(amount for amount, _ in media),
                    page=first.page if first else sp.cell.page,
                    line=first.line if first else sp.cell.line,
                )
            counts = headcounts(preamble) if headcounts_too else []
            if not counts:
                continue
            if headcount_from is not None:
                result.warn(
                    "headcount_repeated",
                    f"sub-plan {wp.code}/{sp.code} states "
                    f"headcounts too; kept those of {headcount_from.code}",
                    sp.cell,
                )
                continue
            headcount_from = sp
            for category, persons in dict(counts).items():
                result.add_fact(
                    "headcount_statements",
                    source="sub_plan",
                    category=category,
                    headcount=persons,
                    page=where.page if where else sp.cell.page,
                    line=where.line if where else sp.cell.line,
                )


# --------------------------------------------------------------------------- programs
