"""This-year statements of multi-year programmes in 說明 prose (DGBAS wording, no agency named).

A sub-plan 說明 states the amount a multi-year programme gets this year as one of

    本年度編列第1年經費22,373千元
    本年度續編第3年經費40,000千元（含工程管理費1,225千元）
    本年度續編最後1年經費653,756千元

optionally followed by the part budgeted under the sub-plan's own account when the programme
(or an office's share of it) is split over several (`…，分配本科目編列129,962千元`). The
programme is named before the statement in the same numbered item: in 「」 brackets, or at the
start of the item (`4.補助連江縣政府聯合辦公大樓興建計畫係奉…`, `18.辦理…個案計畫，係為…`); an
item that says only 本計畫 names its sub-plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...amounts import parse_int
from .prose import numbered_items

_AMOUNT = r"(?P<amount>\d{1,3}(?:,\d{3})+|\d+)"
# 本年度 [續編|編列] 第N年 | 最後N年 [經費|預算] N千元
YEAR_STATEMENT = re.compile(
    r"本年度(?:賡續編列|繼續編列|續編|編列)?"
    r"(?:第(?P<no>\d+)年|最後(?P<last>\d+|一)?年)(?:度)?(?:所需)?(?:經費|預算)?(?:計)?"
    + _AMOUNT
    + r"千元"
)
# right after the statement (past one bracket): the part budgeted under this account
_ALLOTTED = re.compile(
    r"^(?:（[^）]{0,80}）|\([^)]{0,80}\))?[，,]?分配本科目(?:編列)?"
    r"(?P<allotted>\d{1,3}(?:,\d{3})+|\d+)千元"
)
_QUOTED = re.compile(r"「([^」]{2,80})」")
# the name an item opens with: up to the first clause break or 係 / 奉 / 所需
_LEADING = re.compile(
    r"^(?:辦理|推動|執行)?(?P<name>[^，,。：:；;（(「」]{2,60}?計畫)(?=係|奉|，|,|所需|之|（|\()"
)


@dataclass(frozen=True)
class YearStatement:
    """One statement: where it is in the text, the amounts (千元) and the names before it."""

    start: int
    end: int
    amount: int
    allotted: int | None  # 分配本科目編列 N千元, when stated
    year_no: int | None  # 第N年; None for 最後N年
    final_year: bool  # 最後N年: the programme's last year
    quoted_names: tuple[str, ...]  # 「…」 names of its item before it, in printed order
    leading_name: str | None  # the name its item opens with


def year_statements(text: str) -> list[YearStatement]:
    """Every this-year statement of `text` (whitespace removed by the caller), in order."""
    _, items = numbered_items(text)
    out = []
    for m in YEAR_STATEMENT.finditer(text):
        amount = parse_int(m.group("amount"))
        if amount is None:
            continue
        item_start = max((i.start for i in items if i.start <= m.start()), default=0)
        head = text[item_start : m.start()]
        allotted = _ALLOTTED.match(text[m.end() :])
        leading = _LEADING.match(head)
        out.append(
            YearStatement(
                start=m.start(),
                end=m.end() + (allotted.end() if allotted else 0),
                amount=amount,
                allotted=parse_int(allotted.group("allotted")) if allotted else None,
                year_no=int(m.group("no")) if m.group("no") else None,
                final_year=m.group("no") is None,
                quoted_names=tuple(_QUOTED.findall(head)),
                leading_name=leading.group("name") if leading else None,
            )
        )
    return out
