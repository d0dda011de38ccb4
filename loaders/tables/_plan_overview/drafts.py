"""The plan overview while it is read: work plans and sub-plans as drafts, and the shapes of
their rows and texts."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ...amounts import parse_int
from ...regions import Cell

_WORK_PLAN_LABEL = "工作計畫名稱"


_CLASS = re.compile(r"^(\d{4})\s*(\S.*)$", re.S)

_SUB_PLAN = re.compile(r"^(\d{1,3})(?:\s+|(?=\D))(\S.*)$", re.S)

_CONTENT = "計畫內容"
# points a text line may start left of its caption (captions are indented by a space)
_CAPTION_SLACK = 12.0

_EXPECTED = "預期成果"

_LABEL_PREFIX = re.compile(r"^\s*(計畫內容|預期成果)\s*[：:]?\s*")
# The first words of a sub-plan 說明: where a new sub-plan's text starts in the 說明 flow.

_OPENING = re.compile(r"^\s*(本分支計畫|本計畫|本年度)")

# "媒體政策及業務宣導費100千元", also without 費 ("媒體政策及業務宣導3,920千元"), with the text's
# wrapped lines joined (spaces and line breaks may fall anywhere inside, "宣導\n費", "4\n,072").
_MEDIA = re.compile(
    r"媒\s*體\s*政\s*策\s*及\s*業\s*務\s*宣\s*導\s*(?:費\s*)?"
    r"(\d{1,3}(?:\s*,\s*\d{3})+|\d+)\s*千\s*元"
)
# "(含大陸地區旅費35千元及國外旅費505千元)": travel a program's stated amount includes, which its
# grants and commissions do not (the trips are budgeted under 2075 / 2078).

_INCLUDED = re.compile(r"[（(]含([^)）]*)[)）]")

_TRAVEL = re.compile(r"(?:大陸地區旅費|國外旅費)\s*(\d{1,3}(?:,\d{3})+|\d+)\s*千元")

_PROGRAM_END = ("計畫", "作業", "方案", "專案")

_NOT_IN_NAME = re.compile(r"[，,。：:；;]")

_UNITS_SPLIT = re.compile(r"[、，,；;\s]+")

_FUZZY = 0.8


@dataclass
class Fragment:
    text: str
    page: int
    line: int


@dataclass
class SubPlanDraft:
    work_plan: str
    code: str
    name: str
    amount: int | None
    cell: Cell
    units: list[str] = field(default_factory=list)
    fragments: list[Fragment] = field(default_factory=list)


@dataclass
class WorkPlanDraft:
    code: str
    name: str
    amount: int | None
    cell: Cell
    mu: int
    fields: dict[str, list[str]] = field(default_factory=dict)
    field_order: list[str] = field(default_factory=list)
    # the labelled cells (計畫內容:, 預期成果:) that opened each field, left to right
    field_cells: list[tuple[str, Cell]] = field(default_factory=list)
    content_cell: Cell | None = None
    sub_plans: list[SubPlanDraft] = field(default_factory=list)
    current: SubPlanDraft | None = None  # the sub-plan whose rows are being read


@dataclass
class Columns:
    label: int = 0
    amount: int = 1
    units: int = 2
    note: int = 3


def media_statements(text: str) -> list[tuple[int, int]]:
    """Every 媒體政策及業務宣導費 a sub-plan 說明 states: (amount in 千元, offset of the match in
    `text`), in the order printed; a statement whose amount does not read as an integer is left
    out."""
    found: list[tuple[int, int]] = []
    for m in _MEDIA.finditer(text):
        amount = parse_int("".join(m.group(1).split()))
        if amount is not None:
            found.append((amount, m.start()))
    return found


def _fragment_at(sp: SubPlanDraft, text: str, offset: int) -> Fragment | None:
    """The printed fragment an offset of the joined 說明 falls in (for page and line)."""
    return fragment_finder(sp, text)(offset)


def fragment_finder(sp: SubPlanDraft, text: str) -> Callable[[int], Fragment | None]:
    """`_fragment_at(sp, text, offset)` for many offsets of one 說明: the fragments are
    placed in `text` once (each found after the one before), then an offset is a bisection."""
    ends: list[int] = []
    placed: list[Fragment] = []
    position = 0
    for fragment in sp.fragments:
        stripped = fragment.text.strip()
        found = text.find(stripped, position)
        if found < 0:
            continue
        position = found + len(stripped)
        ends.append(position)  # never decreasing: each is found at or after the last end
        placed.append(fragment)
    last = sp.fragments[-1] if sp.fragments else None

    def at(offset: int) -> Fragment | None:
        index = bisect_right(ends, offset)  # the first fragment ending after the offset
        return placed[index] if index < len(placed) else last

    return at
