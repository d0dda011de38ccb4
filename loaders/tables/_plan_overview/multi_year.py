"""This-year amounts of multi-year programmes the sub-plan 說明 states, as facts.

Each statement (`本年度編列第1年經費22,373千元`, see toolkit/year_statements.py) becomes a
`multi_year_statements` fact: the programme name as printed before it (「」 name, else the name
its numbered item opens with, else the sub-plan's name when the text says 本計畫), the amount
(千元) and the part budgeted under this sub-plan's account when the text splits it. Which
跨年期計畫概況表 row it belongs to is decided once the whole document is parsed
(multi_year_links.py).
"""

from __future__ import annotations

from ..base import TableResult
from ..toolkit.year_statements import YearStatement, year_statements
from .capital import _squeezed, _where
from .drafts import SubPlanDraft, WorkPlanDraft

# characters of context stored with each statement before it
_CONTEXT = 60


def _emit_multi_year_statements(
    work_plans: list[WorkPlanDraft], result: TableResult, first_no: int = 1
) -> None:
    """multi_year_statements facts numbered from `first_no` (unique in the document)."""
    statement_no = first_no - 1
    for wp in work_plans:
        for sp in wp.sub_plans:
            text, starts = _squeezed(sp.fragments)
            for st in year_statements(text):
                _, page, line = _where(sp.fragments, starts, st.start)
                name, source = _name(st, sp)
                statement_no += 1
                result.add_fact(
                    "multi_year_statements",
                    statement_no=statement_no,
                    work_plan_code=wp.code,
                    sub_plan_code=sp.code,
                    plan_name=name,
                    name_source=source,
                    other_names="｜".join(_other_names(st, sp, name)) or None,
                    year_no=st.year_no,
                    final_year=st.final_year,
                    amount=st.amount,
                    allotted_amount=st.allotted,
                    multi_year_seq=None,
                    match_score=None,
                    phrase=text[max(0, st.start - _CONTEXT) : st.end],
                    page=page,
                    line=line,
                )


def _name(st: YearStatement, sp: SubPlanDraft) -> tuple[str, str]:
    """The programme's name as printed nearest the statement, and which rule found it."""
    if st.quoted_names:
        return st.quoted_names[-1], "quoted"
    if st.leading_name and not st.leading_name.startswith("本計畫"):
        return st.leading_name, "item"
    return "".join(sp.name.split()), "sub_plan"


def _other_names(st: YearStatement, sp: SubPlanDraft, name: str) -> list[str]:
    """The other names the text gives the statement (a parent programme in 「」, the sub-plan),
    candidates for matching the 跨年期計畫概況表 row."""
    names = [*st.quoted_names, st.leading_name or "", "".join(sp.name.split())]
    out: list[str] = []
    for n in names:
        if n and n != name and n not in out and not n.startswith("本計畫"):
            out.append(n)
    return out
