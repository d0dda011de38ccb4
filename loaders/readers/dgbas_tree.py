"""The account tree of a DGBAS table: levels, parents and the sums that tie them.

Pure: drafts (one per code row, as the sheet assembler read them) in, accounts out; every
doubt becomes an issue through the sink, never an exception. Rules (DOMAIN.md §2, §6):

* **Level** comes from the code shape (the national chart); the printed 款/項/目/節 columns only
  confirm it. Two printed forms exist: one column filled per row (111-114), or cumulative
  columns (97-101: a work plan prints 款, 項 and 目) where the deepest filled column counts and
  節 = 999 marks a 政事 row of the 機關別 table (999 is a placeholder, never stored as a 節).
* **Parent** is the nearest account one level up in sheet order; the code digits must agree
  where they imply a parent (not for 機關別 agencies: 教育部主管 owns 0020xx and 0021xx).
* **Sums**: every parent equals the sum of its children for 本年度預算數 and 上年度預算數
  (決算 carries ±1 rounding and is not checked). A non-integral float cell (152689908.003,
  printed as 152,689,908) is stored, with a warning, only when its children sum to its rounded
  value; otherwise it is left out with an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ..issues import Severity
from ..recognise import TableKind, clean_text

Level = Literal[
    # 歲出機關別
    "ministry",
    "agency",
    "function",
    "work_plan",
    "section",
    # 歲入來源別: 款 revenue source, 項 agency, 目 item, 節 sub-item
    "source",
    "item",
    "sub_item",
]
IssueSink = Callable[[Severity, str, str, int], None]

INDEX_KEYS = ("kuan", "xiang", "mu", "jie")
# Amounts that add up exactly through the tree (決算 is rounded per account).
SUMMED_KEYS = ("this_year", "last_year")
# 97-101 機關別 tables print 節 = 999 on 政事 rows.
_FUNCTION_MARK = 999

# Levels of each table, top down.
LEVELS: dict[TableKind, tuple[Level, ...]] = {
    "expenditure_by_agency": ("ministry", "agency", "function", "work_plan", "section"),
    "expenditure_by_function": ("function", "agency", "work_plan", "section"),
    "revenue_by_source": ("source", "agency", "item", "sub_item"),
}


@dataclass
class DgbasAccount:
    """One account row: code (10 characters), name as printed (wrapped pieces joined), level,
    printed 款/項/目/節 positions, parent code, amounts in 千元 by column key (this_year,
    last_year, year_before_actual, change) and 說明 (control characters removed)."""

    sheet_row: int
    code: str
    name: str
    level: Level
    kuan: int | None
    xiang: int | None
    mu: int | None
    jie: int | None
    parent_code: str | None
    amounts: dict[str, int]
    description: str

    @property
    def classified(self) -> bool:
        """機密 accounts print a letter in the plan digits (391101A000)."""
        return not self.code.isdigit()


@dataclass
class Draft:
    sheet_row: int
    code: str
    split: bool  # code printed on its own row (113); the name may wrap onto later rows
    name_parts: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, int] = field(default_factory=dict)
    description: list[str] = field(default_factory=list)
    has_data_row: bool = False
    # Non-integral floats (152689908.003): kept until the children can vouch for them.
    inexact: dict[str, tuple[float, int]] = field(default_factory=dict)  # value, sheet row


# --------------------------------------------------------------------------- levels


def level_of_code(code: str, kind: TableKind) -> Level:
    """Level from the code shape alone."""
    if kind == "expenditure_by_agency":
        if code.startswith("00"):
            return "ministry" if code[4:6] == "00" else "agency"
        if code[6:] == "0000":
            return "function"
        return "work_plan" if code[8:] == "00" else "section"
    levels = LEVELS[kind]
    if code[2:] == "00000000":
        return levels[0]
    if code[6:] == "0000":
        return levels[1]
    return levels[2] if code[8:] == "00" else levels[3]


def code_parent(code: str, level: Level, kind: TableKind) -> str | None:
    """Parent implied by the code digits, where the digits do imply one."""
    depth = LEVELS[kind].index(level)
    if kind == "expenditure_by_agency":
        if level == "function":
            return "00" + code[2:6] + "0000"
        prefix = {"work_plan": 6, "section": 8}.get(level)
    else:
        prefix = {1: 2, 2: 6, 3: 8}.get(depth)
    return None if prefix is None else code[:prefix].ljust(10, "0")


def printed_level(index: dict[str, int], kind: TableKind) -> Level | None:
    """Level the 款/項/目/节 columns print: the deepest filled one (cumulative or not)."""
    filled = [key for key in INDEX_KEYS if key in index]
    if kind == "expenditure_by_agency":
        if not filled:
            return "function"
        if index.get("jie") == _FUNCTION_MARK and len(filled) > 1:
            return "function"
        cumulative = filled == list(INDEX_KEYS[: len(filled)])
        if len(filled) > 1 and not cumulative:
            return None
        return {"kuan": "ministry", "xiang": "agency", "mu": "work_plan", "jie": "section"}[
            filled[-1]
        ]
    if not filled:
        return None
    return LEVELS[kind][INDEX_KEYS.index(filled[-1])]


class _Nesting:
    """The last account seen at each level, in sheet order: the printed nesting."""

    def __init__(self, levels: tuple[Level, ...]) -> None:
        self._levels = levels
        self._last: dict[Level, str] = {}

    def parent_of(self, level: Level) -> str | None:
        depth = self._levels.index(level)
        return self._last.get(self._levels[depth - 1]) if depth else None

    def push(self, level: Level, code: str) -> None:
        depth = self._levels.index(level)
        self._last[level] = code
        # A new account closes every deeper one, so a skipped level leaves no stale parent.
        for deeper in self._levels[depth + 1 :]:
            self._last.pop(deeper, None)


# --------------------------------------------------------------------------- assembly


def finish(
    drafts: list[Draft], kind: TableKind, has_index_cols: bool, issue: IssueSink
) -> list[DgbasAccount]:
    """Accounts from drafts: level, parent, amounts resolved and sums checked."""
    seen: dict[str, int] = {}
    nesting = _Nesting(LEVELS[kind])
    accounts: list[DgbasAccount] = []
    for draft in drafts:
        if draft.code in seen:
            issue(
                "warning",
                "dgbas_duplicate_code",
                f"code {draft.code} already printed on sheet row {seen[draft.code]}",
                draft.sheet_row,
            )
        seen.setdefault(draft.code, draft.sheet_row)
        level = level_of_code(draft.code, kind)
        _check_level(draft, level, kind, has_index_cols, issue)
        parent = _parent(draft, level, kind, nesting, issue)
        nesting.push(level, draft.code)
        if not draft.amounts and not draft.inexact:
            issue("warning", "dgbas_no_amounts", f"{draft.code} has no amounts", draft.sheet_row)
        accounts.append(_account(draft, level, parent))
    children = _children(accounts)
    _resolve_inexact(drafts, accounts, children, issue)
    for draft, account in zip(drafts, accounts, strict=True):
        _check_change(draft.code, account, issue)
    check_sums(accounts, children, issue)
    return accounts


def _check_level(
    draft: Draft, level: Level, kind: TableKind, has_index_cols: bool, issue: IssueSink
) -> None:
    printed = printed_level(draft.index, kind)
    # Without a data row nothing was printed to compare; dgbas_no_amounts already reports it.
    if has_index_cols and draft.has_data_row and printed != level:
        issue(
            "warning",
            "dgbas_level_mismatch",
            f"{draft.code}: code shape says {level}, 款/項/目/節 columns say {printed}",
            draft.sheet_row,
        )


def _parent(
    draft: Draft, level: Level, kind: TableKind, nesting: _Nesting, issue: IssueSink
) -> str | None:
    levels = LEVELS[kind]
    parent = nesting.parent_of(level)
    depth = levels.index(level)
    if depth and parent is None:
        issue(
            "warning",
            "dgbas_parent_missing",
            f"{draft.code}: no {levels[depth - 1]} printed above this {level}",
            draft.sheet_row,
        )
    expected = code_parent(draft.code, level, kind)
    if parent is not None and expected is not None and expected != parent:
        issue(
            "warning",
            "dgbas_parent_mismatch",
            f"{draft.code}: printed under {parent}, but its digits point to {expected}",
            draft.sheet_row,
        )
    return parent


def _trim_blank_lines(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]


def _clean_name(parts: list[str]) -> str:
    """Names wrap mid-word, so wrapped pieces join without a separator."""
    text = clean_text("\n".join(parts)).replace("\u3000", "")
    return "".join(line.strip() for line in text.split("\n"))


def _account(draft: Draft, level: Level, parent: str | None) -> DgbasAccount:
    jie = draft.index.get("jie")
    return DgbasAccount(
        sheet_row=draft.sheet_row,
        code=draft.code,
        name=_clean_name(draft.name_parts),
        level=level,
        kuan=draft.index.get("kuan"),
        xiang=draft.index.get("xiang"),
        mu=draft.index.get("mu"),
        jie=None if jie == _FUNCTION_MARK else jie,
        parent_code=parent,
        amounts=dict(draft.amounts),
        description="\n".join(_trim_blank_lines(draft.description)),
    )


def _children(accounts: list[DgbasAccount]) -> dict[str, list[DgbasAccount]]:
    children: dict[str, list[DgbasAccount]] = defaultdict(list)
    for account in accounts:
        if account.parent_code is not None:
            children[account.parent_code].append(account)
    return children


def _resolve_inexact(
    drafts: list[Draft],
    accounts: list[DgbasAccount],
    children: dict[str, list[DgbasAccount]],
    issue: IssueSink,
) -> None:
    # Deepest first (children follow their parent in the sheet), so a resolved child counts.
    for draft, account in reversed(list(zip(drafts, accounts, strict=True))):
        for key, (value, sheet_row) in draft.inexact.items():
            kids = children.get(account.code, [])
            total = sum(k.amounts.get(key, 0) for k in kids)
            if kids and all(key in k.amounts for k in kids) and total == round(value):
                account.amounts[key] = total
                issue(
                    "warning",
                    "dgbas_float_amount",
                    f"{key} of {account.code} is the float {value!r}; stored as {total}, "
                    f"the sum of its {len(kids)} children",
                    sheet_row,
                )
            else:
                issue(
                    "error",
                    "dgbas_bad_amount",
                    f"{key} of {account.code}: non-integral number {value!r}; left out",
                    sheet_row,
                )


def _check_change(code: str, account: DgbasAccount, issue: IssueSink) -> None:
    """本年度與上年度比較 must be the difference; a mismatch hints at a misread cell."""
    a = account.amounts
    if {"this_year", "last_year", "change"} <= a.keys():
        if a["this_year"] - a["last_year"] != a["change"]:
            issue(
                "warning",
                "dgbas_change_mismatch",
                f"{code}: {a['this_year']} - {a['last_year']} != change {a['change']}",
                account.sheet_row,
            )


def check_sums(
    accounts: list[DgbasAccount], children: dict[str, list[DgbasAccount]], issue: IssueSink
) -> None:
    """Warn where a parent is not the sum of its children, naming both sheet rows."""
    for account in accounts:
        kids = children.get(account.code)
        if not kids:
            continue
        for key in SUMMED_KEYS:
            if key not in account.amounts or any(key not in k.amounts for k in kids):
                continue
            total = sum(k.amounts[key] for k in kids)
            if total != account.amounts[key]:
                rows = ", ".join(str(k.sheet_row) for k in kids[:10])
                more = " …" if len(kids) > 10 else ""
                issue(
                    "warning",
                    "dgbas_sum_mismatch",
                    f"{key} of {account.code} (sheet row {account.sheet_row}) is "
                    f"{account.amounts[key]}, its children (sheet rows {rows}{more}) sum "
                    f"to {total}",
                    account.sheet_row,
                )
