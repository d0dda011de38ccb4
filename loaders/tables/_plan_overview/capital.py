"""Capital portions (資本支出) the sub-plan 說明 states for classes outside the 3000 series.

Each 資本支出 phrase with an amount becomes a `capital_portions` fact attached to the object
class of its sub-plan that the text points at, by the first rule that finds a class the
sub-plan has line items of:

1. `class_named`: the class named right before the bracket the phrase sits in
   (`所需獎補助費22,301千元（資本支出5,912千元…` -> 4000 獎補助費);
2. `kind_word`: the last word of its numbered item (or sentence) before the phrase that says
   what kind of spending it is (`補助…` -> 4000 獎補助費, `委託…` -> 2000 業務費);
3. `same_amount`: the one level-2 line item (else level-1 row) of the sub-plan whose amount is
   the phrase's amount (`汰換…零星設備255千元（資本支出）` beside 3035 雜項設備費 255);
4. `beside`: the class row printed on the line the phrase starts on.

A phrase no rule attaches, or one stating no amount, is a load issue `capital_unattached`
naming its page and line; it is not stored. A phrase repeating, in the same numbered item, the
amount of a portion already read is a breakdown of it (`包括：…(3)…15,601千元(資本支出)`): an
info issue `capital_restated`, not stored twice. A portion of a 3000-series class restates what
the chart rule already makes capital: stored all the same, the views do not count it twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...issues import LoadIssue
from ...regions import Cell
from ..base import TableResult
from ..toolkit import numbered_items
from ..toolkit.capital_phrases import CapitalPhrase, capital_phrases, kind_class, squeeze
from .drafts import _CONTENT, _EXPECTED, Fragment, WorkPlanDraft

# characters of context stored with each portion, on each side of the phrase
_CONTEXT = 40


@dataclass(frozen=True)
class _ClassRow:
    code: str
    amount: int
    page: int | None
    line: int | None


def _emit_capital_portions(
    work_plans: list[WorkPlanDraft], result: TableResult, first_no: int = 1
) -> None:
    """capital_portions facts numbered from `first_no` (unique in the document when a later
    region of the table numbers after the earlier ones), and the issues of the phrases."""
    rows = _class_rows(result)
    portion_no = first_no - 1
    for wp in work_plans:
        _report_plan_text(wp, result)
        for sp in wp.sub_plans:
            text, starts = _squeezed(sp.fragments)
            sp_rows = rows.get((wp.code, sp.code), [])
            _, items = numbered_items(text)
            stated: set[tuple[int, int | None]] = set()  # (item start, amount) loaded
            for phrase in capital_phrases(text):
                fragment, page, line = _where(sp.fragments, starts, phrase.start)
                item = max((i.start for i in items if i.start <= phrase.start), default=-1)
                if (item, phrase.amount) in stated:
                    # `（經常支出22,202千元，資本支出15,601千元）。包括：…(3)…工程費15,601千元
                    # (資本支出)`: a breakdown restating the item's capital part
                    result.issues.append(
                        LoadIssue(
                            "info",
                            "capital_restated",
                            f"說明 of sub-plan {wp.code}/{sp.code}: 資本支出 phrase "
                            f"{_context(text, phrase)!r} restates a capital part of its item",
                            result.slug,
                            page,
                            line,
                        )
                    )
                    continue
                klass, rule = _attach(text, phrase, sp_rows, page, line)
                if phrase.amount is None or klass is None:
                    why = "states no amount" if phrase.amount is None else "names no class"
                    result.warn(
                        "capital_unattached",
                        f"說明 of sub-plan {wp.code}/{sp.code}: 資本支出 phrase "
                        f"{_context(text, phrase)!r} {why} the line items have: not loaded",
                        Cell(fragment.text, page, line),
                    )
                    continue
                stated.add((item, phrase.amount))
                portion_no += 1
                result.add_fact(
                    "capital_portions",
                    portion_no=portion_no,
                    work_plan_code=wp.code,
                    sub_plan_code=sp.code,
                    object_class_code=klass,
                    amount=phrase.amount,
                    attached_by=rule,
                    phrase=_context(text, phrase),
                    page=page,
                    line=line,
                )


def _class_rows(result: TableResult) -> dict[tuple[str, str], list[_ClassRow]]:
    """(work plan, sub-plan) -> its printed object class rows (level 1 and 2)."""
    out: dict[tuple[str, str], list[_ClassRow]] = {}
    for cell in result.cells:
        parts = cell.row_key.split("/")
        if len(parts) == 3 and cell.value is not None:
            out.setdefault((parts[0], parts[1]), []).append(
                _ClassRow(parts[2], int(cell.value), cell.page, cell.line)
            )
    return out


def _attach(
    text: str, phrase: CapitalPhrase, rows: list[_ClassRow], page: int, line: int
) -> tuple[str | None, str | None]:
    codes = {r.code for r in rows}
    if phrase.named_class in codes:
        return phrase.named_class, "class_named"
    kind = kind_class(_item_before(text, phrase.start))
    if kind in codes:
        return kind, "kind_word"
    for level2 in (True, False):
        same = {
            r.code for r in rows if r.amount == phrase.amount and r.code.endswith("000") != level2
        }
        if len(same) == 1:
            return same.pop(), "same_amount"
    beside = [r.code for r in rows if (r.page, r.line) == (page, line)]
    if len(beside) == 1:
        return beside[0], "beside"
    return None, None


def _item_before(text: str, start: int) -> str:
    """The numbered item (else the sentence) the phrase is in, up to the phrase."""
    _, items = numbered_items(text[:start])
    head = text[items[-1].start : start] if items else text[:start]
    return head.rsplit("。", 1)[-1]


def _squeezed(fragments: list[Fragment]) -> tuple[str, list[int]]:
    """The fragments' text without whitespace, and where each fragment starts in it."""
    starts, parts, at = [], [], 0
    for fragment in fragments:
        part = squeeze(fragment.text)
        starts.append(at)
        parts.append(part)
        at += len(part)
    return "".join(parts), starts


def _where(fragments: list[Fragment], starts: list[int], at: int) -> tuple[Fragment, int, int]:
    """The fragment holding position `at` and the printed line `at` is on: a fragment spanning
    several lines is their text joined with a space each (the reader's way of wrapping)."""
    index = max(i for i, s in enumerate(starts) if s <= at) if starts else 0
    fragment = fragments[index]
    offset, seen, wraps = at - starts[index], 0, 0
    for word in fragment.text.split():
        if seen + len(word) > offset:
            break
        seen += len(word)
        wraps += 1
    return fragment, fragment.page, fragment.line + min(wraps, len(fragment.text.split()) - 1)


def _context(text: str, phrase: CapitalPhrase) -> str:
    return text[max(0, phrase.start - _CONTEXT) : phrase.end + 2]


def _report_plan_text(wp: WorkPlanDraft, result: TableResult) -> None:
    """資本支出 in 計畫內容 / 預期成果 (說明 a reader placed there) belongs to no sub-plan."""
    for key in (_CONTENT, _EXPECTED):
        text = squeeze("".join(wp.fields.get(key, [])))
        for phrase in capital_phrases(text):
            result.warn(
                "capital_unattached",
                f"{key} of work plan {wp.code}: 資本支出 phrase {_context(text, phrase)!r} "
                "is outside every sub-plan 說明: not loaded",
                wp.content_cell or wp.cell,
            )
