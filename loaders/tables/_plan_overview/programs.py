"""Programs (計畫) of a work plan: the numbered names of 計畫內容 aligned with the numbered
items of the sub-plan 說明 that cost them."""

from __future__ import annotations

from dataclasses import dataclass

from ...amounts import parse_int
from ...regions import Cell
from ..base import TableResult
from ..toolkit import (
    Item,
    join_wrapped,
    name_and_amount,
    name_ratio,
    name_ratios,
    normalise_name,
    numbered_items,
)
from .drafts import (
    _CONTENT,
    _FUZZY,
    _INCLUDED,
    _NOT_IN_NAME,
    _PROGRAM_END,
    _TRAVEL,
    Fragment,
    SubPlanDraft,
    WorkPlanDraft,
    fragment_finder,
    media_statements,
)
from .emitting import _description


@dataclass
class Slot:
    """A numbered 說明 item of a sub-plan, or the place of one lost in extraction."""

    sub_plan: SubPlanDraft
    no: int
    name: str | None = None
    amount: int | None = None
    media: int | None = None
    travel: int | None = None
    fragment: Fragment | None = None
    lost: bool = False

    @property
    def program_like(self) -> bool:
        if self.lost:
            return True
        return _program_like(self.name)


def _content_names(wp: WorkPlanDraft) -> list[tuple[int, str]]:
    """The numbered program names of 計畫內容 (none when it is prose).

    Numbered sentences (1.檢討研修…，提升…。) are prose too: 計畫內容 names programs only when
    no item carries sentence punctuation.
    """
    _, items = numbered_items(join_wrapped(wp.fields.get(_CONTENT, [])))
    names = [(item.no, " ".join(item.body.split())) for item in items if item.body]
    if any(_NOT_IN_NAME.search(name) for _, name in names):
        return []
    return names


def _slots(wp: WorkPlanDraft, result: TableResult) -> list[Slot]:
    slots: list[Slot] = []
    for sp in wp.sub_plans:
        text = _description(sp)
        _, items = numbered_items(text)
        if not items:
            continue
        first = items[0].no
        if first > 1:
            lost = "item 1 is" if first == 2 else f"items 1–{first - 1} are"
            result.warn(
                "text_lost",
                f"說明 of sub-plan {wp.code}/{sp.code} {sp.name}: {lost} missing "
                "(lost in the extraction); their amounts are not loaded",
                _fragment_cell(sp, 0),
            )
            slots.extend(Slot(sp, no, lost=True) for no in range(1, first))
        fragment_at = fragment_finder(sp, text)
        for item in items:
            slots.append(_slot(sp, item, fragment_at(item.start)))
    return slots


def _slot(sp: SubPlanDraft, item: Item, fragment: Fragment | None) -> Slot:
    slot = Slot(sp, item.no, fragment=fragment)
    found = name_and_amount(item.body)
    if found:
        slot.name, slot.amount = found
    body = item.body.replace("\n", "")
    media = media_statements(body)
    if media:
        slot.media = media[0][0]
    included = _INCLUDED.search(body)
    if included:
        trips = [parse_int(m.group(1)) for m in _TRAVEL.finditer(included.group(1))]
        if trips and None not in trips:
            slot.travel = sum(t for t in trips if t is not None)
    return slot


def _fragment_cell(sp: SubPlanDraft, index: int) -> Cell:
    if sp.fragments:
        f = sp.fragments[index]
        return Cell(f.text, f.page, f.line)
    return sp.cell


def _program_like(name: str | None) -> bool:
    return (
        bool(name)
        and len(name or "") <= 80
        and not _NOT_IN_NAME.search(name or "")
        and ((name or "").endswith(_PROGRAM_END))
    )


def similarity(a: str, b: str) -> float:
    """1 for equal normalised names, 0.9 when one contains the other, else difflib's ratio
    when it reaches the anchor threshold _FUZZY (0.0 below it: `_align` ignores such pairs)."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    if min(len(na), len(nb)) >= 4 and (na in nb or nb in na):
        return 0.9
    return name_ratio(na, nb, _FUZZY)


def _similarities(name: str, keys: list[str]) -> list[float]:
    """`similarity(name, b)` for every b whose normalised name is in `keys`, in one pass."""
    out = [0.0] * len(keys)
    if not keys:  # a work plan whose 計畫內容 names no programs (15 of 37 slots on the sample)
        return out
    na = normalise_name(name)
    if not na:
        return out
    for j, nb in enumerate(keys):
        if not nb:
            continue
        if na == nb:
            out[j] = 1.0
        elif min(len(na), len(nb)) >= 4 and (na in nb or nb in na):
            out[j] = 0.9
    # difflib only where equality or containment did not decide (as `similarity`)
    for j, ratio in name_ratios(na, keys, _FUZZY).items():
        if out[j] == 0.0 and keys[j]:
            out[j] = ratio
    return out


def _align(slots: list[Slot], names: list[tuple[int, str]]) -> list[tuple[int | None, int | None]]:
    """Monotone pairs (slot index, name index): best-scoring anchors, then order in the gaps."""
    n, m = len(slots), len(names)
    # each pair's similarity once: the forward pass and the walk back both read it
    keys = [normalise_name(name) for _, name in names]
    sims = [_similarities(s.name, keys) if s.name and not s.lost else [0.0] * m for s in slots]
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above, sim_row = score[i], score[i - 1], sims[i - 1]
        for j in range(1, m + 1):
            best = max(above[j], row[j - 1])
            sim = sim_row[j - 1]
            if sim >= _FUZZY:
                best = max(best, above[j - 1] + sim)
            row[j] = best
    anchors: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        sim = sims[i - 1][j - 1]
        if sim >= _FUZZY and abs(score[i][j] - (score[i - 1][j - 1] + sim)) < 1e-9:
            anchors.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif score[i][j] == score[i - 1][j]:
            i -= 1
        else:
            j -= 1
    anchors.reverse()
    pairs: dict[int, int] = dict(anchors)
    bounds = [(-1, -1), *anchors, (n, m)]
    for (s0, n0), (s1, n1) in zip(bounds, bounds[1:], strict=False):
        gap_slots = [k for k in range(s0 + 1, s1) if slots[k].program_like]
        gap_names = list(range(n0 + 1, n1))
        if gap_slots and len(gap_slots) == len(gap_names):
            pairs.update(zip(gap_slots, gap_names, strict=True))
    paired_names = set(pairs.values())
    out: list[tuple[int | None, int | None]] = []
    for k in range(n):
        if k in pairs:
            out.append((k, pairs[k]))
        elif slots[k].program_like and not slots[k].lost:
            out.append((k, None))
    out.extend((None, j) for j in range(m) if j not in paired_names)
    out.sort(key=lambda p: (p[1] if p[1] is not None else m, p[0] if p[0] is not None else -1))
    return out


def _emit_programs(wp: WorkPlanDraft, result: TableResult, seq: int) -> int:
    """Program rows numbered after `seq`; returns the last number used."""
    names = _content_names(wp)
    slots = _slots(wp, result)
    for slot_index, name_index in _align(slots, names):
        slot = slots[slot_index] if slot_index is not None else None
        content = names[name_index] if name_index is not None else None
        seq += 1
        where = slot.fragment if slot and slot.fragment else None
        cell = wp.content_cell or wp.cell
        name = content[1] if content else (slot.name if slot else "")
        if slot is None or slot.lost:
            why = (
                f"its 說明 item {slot.no} of sub-plan {slot.sub_plan.code} was lost"
                if slot
                else "no 說明 item names it"
            )
            result.warn(
                "program_amount_missing",
                f"program {name} (計畫內容 {content[0] if content else '?'}) of "
                f"{wp.code} has no amount: {why}",
                cell,
            )
        result.add_fact(
            "programs",
            program_seq=seq,
            work_plan_code=wp.code,
            sub_plan_code=slot.sub_plan.code if slot else None,
            content_no=content[0] if content else None,
            name=name,
            statement_no=slot.no if slot else None,
            statement_name=slot.name if slot else None,
            amount=slot.amount if slot else None,
            media_amount=slot.media if slot else None,
            travel_amount=slot.travel if slot else None,
            page=where.page if where else cell.page,
            line=where.line if where else cell.line,
        )
    return seq
