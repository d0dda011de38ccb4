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

import difflib
import re
from dataclasses import dataclass, field

from unitbudget.catalog import title_of

from ..amounts import parse_int
from ..codes import FUNCTION_NAMES, account_code, agency_of, function_of
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import (
    Item,
    headcounts,
    join_wrapped,
    name_and_amount,
    normalise_name,
    numbered_items,
)

SLUG = "plan_overview"
TITLE = title_of(SLUG)

_WORK_PLAN_LABEL = "工作計畫名稱"
_CODE_NAME = re.compile(r"^(\d{9,10})\s*(.*)$", re.S)
_CLASS = re.compile(r"^(\d{4})\s*(\S.*)$", re.S)
_SUB_PLAN = re.compile(r"^(\d{1,3})(?:\s+|(?=\D))(\S.*)$", re.S)
_CONTENT = "計畫內容"
_EXPECTED = "預期成果"
_LABEL_PREFIX = re.compile(r"^\s*(計畫內容|預期成果)\s*[：:]?\s*")
# The first words of a sub-plan 說明: where a new sub-plan's text starts in the 說明 flow.
_OPENING = re.compile(r"^\s*(本分支計畫|本計畫|本年度)")
_MEDIA = re.compile(r"媒體政策及業務宣導費\s*(\d{1,3}(?:,\d{3})+|\d+)\s*千元")
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
    content_cell: Cell | None = None
    sub_plans: list[SubPlanDraft] = field(default_factory=list)
    current: SubPlanDraft | None = None  # the sub-plan whose rows are being read


@dataclass
class Columns:
    label: int = 0
    amount: int = 1
    units: int = 2
    note: int = 3


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


def _pages(region: Region) -> list[tuple[list[Row], list[Row]]]:
    """(header rows, body rows) per printed page, in order."""
    breaks = list(region.page_breaks) or [0]
    headers = list(region.page_header_rows) or [region.header_rows]
    out = []
    for index, start in enumerate(breaks):
        end = breaks[index + 1] if index + 1 < len(breaks) else len(region.rows)
        head = headers[index] if index < len(headers) else []
        if index == 0 and not head:
            head = region.header_rows
        out.append((head, region.rows[start:end]))
    return out


def _read_pages(region: Region, result: TableResult) -> list[WorkPlanDraft]:
    work_plans: list[WorkPlanDraft] = []
    columns = Columns()
    current: WorkPlanDraft | None = None
    for head, body in _pages(region):
        for row in [*head, *body]:
            header = _work_plan_header(row)
            if header is not None:
                code, name, cell = header
                if current is None or current.code != code:
                    # a work plan whose pages resume after another one's continues its draft
                    current = next((w for w in work_plans if w.code == code), None)
                    if current is None:
                        amount = _amount(cell, result)
                        current = WorkPlanDraft(code, name, amount, cell, len(work_plans) + 1)
                        work_plans.append(current)
                        _add_cell(result, code, cell)
                continue
            found = _columns(row)
            if found is not None:
                columns = found
                continue
            if row in head:
                continue
            if current is None:
                if any(c.text for c in row.cells):
                    result.warn(
                        "row_outside_work_plan",
                        "row before any work plan header",
                        row.cells[0] if row.cells else None,
                    )
                continue
            _read_row(row, current, columns, result)
    for wp in work_plans:
        _give_back_spilled_text(wp)
    return work_plans


def _work_plan_header(row: Row) -> tuple[str, str, Cell] | None:
    texts = [compact(c.text) for c in row.cells]
    if not texts or not texts[0].startswith(_WORK_PLAN_LABEL):
        return None
    code_name = next((c for c in row.cells[1:] if _CODE_NAME.match(c.text.strip())), None)
    if code_name is None:
        return None
    m = _CODE_NAME.match(code_name.text.strip())
    assert m is not None
    code = account_code(m.group(1))
    if code is None:
        return None
    index = row.cells.index(code_name)
    amount_cell = next(
        (c for c in row.cells[index + 1 :] if parse_int(c.text) is not None),
        Cell("", code_name.page, code_name.line),
    )
    return code, " ".join(m.group(2).split()), amount_cell


def _columns(row: Row) -> Columns | None:
    texts = [compact(c.text) for c in row.cells]
    if not texts or not texts[0].startswith("分支計畫"):
        return None
    cols = Columns()
    for index, text in enumerate(texts):
        if text == "金額" or text.endswith("金額"):
            cols.amount = index
        elif "承辦單位" in text:
            cols.units = index
        elif text.startswith("說明"):
            cols.note = index
    return cols


def _read_row(row: Row, wp: WorkPlanDraft, cols: Columns, result: TableResult) -> None:
    if _read_plan_text(row, wp):
        return
    label = _text(row, cols.label)
    amount_cell = row.get(cols.amount)
    amount_text = amount_cell.text if amount_cell else ""
    has_amount = bool(amount_text)
    klass = _CLASS.match(label) if has_amount else None
    sub = _SUB_PLAN.match(label) if has_amount and not klass else None
    if sub:
        assert amount_cell is not None
        code = sub.group(1)
        sp = next((s for s in wp.sub_plans if s.code == code), None)
        if sp is not None:
            result.warn(
                "sub_plan_repeated",
                f"sub-plan {wp.code}/{code} printed twice: the repeat's amount is not stored",
                amount_cell,
            )
        else:
            name = " ".join(sub.group(2).split())
            sp = SubPlanDraft(wp.code, code, name, _amount(amount_cell, result), amount_cell)
            wp.sub_plans.append(sp)
            _add_cell(result, f"{wp.code}/{sp.code}", amount_cell)
        wp.current = sp
        _read_texts(row, sp, cols, units_open=True)
        return
    if wp.current is None:
        if any(c.text for c in row.cells):
            _append_plan_text(wp, [c.text for c in row.cells if c.text])
        return
    sp = wp.current
    if klass:
        assert amount_cell is not None
        code = klass.group(1)
        amount = _amount(amount_cell, result)
        if not _add_cell(result, f"{wp.code}/{sp.code}/{code}", amount_cell):
            return
        if not code.endswith("000") and amount is not None:
            result.add_fact(
                "line_items",
                work_plan_code=wp.code,
                sub_plan_code=sp.code,
                object_class_code=code,
                expenditure_type="capital" if code.startswith("3") else "current",
                amount=amount,
                page=amount_cell.page,
                line=amount_cell.line,
            )
    elif not has_amount and _CLASS.match(label):
        result.warn(
            "amount_missing",
            f"object class row {label!r} of {wp.code}/{sp.code} has no amount",
            row.get(cols.label),
        )
    elif label or has_amount:
        # text in the label column (a full-width wrapped line) stays in the 說明 flow
        sp.fragments.extend(
            Fragment(c.text, c.page, c.line)
            for c in (row.get(cols.label), amount_cell)
            if c is not None and c.text
        )
        if has_amount:
            result.warn(
                "row_unrecognised",
                f"row {label!r} has an amount but no sub-plan or object class code",
                row.get(cols.label),
            )
    _read_texts(row, sp, cols, units_open=bool(sp.units) and sp.units[-1] != "")


def _read_texts(row: Row, sp: SubPlanDraft, cols: Columns, *, units_open: bool) -> None:
    """承辦單位 wraps over the rows below its sub-plan; everything else is 說明 text."""
    units = row.get(cols.units)
    if units is not None and units.text:
        text = units.text.strip()
        if units_open and len(text) <= 30 and not re.search(r"\d", text):
            sp.units.append(text)
        else:
            sp.units.append("")  # closes the 承辦單位 cell
            sp.fragments.append(Fragment(text, units.page, units.line))
    else:
        sp.units.append("")
    for index, cell in enumerate(row.cells):
        if index in (cols.label, cols.amount, cols.units) or not cell.text:
            continue
        sp.fragments.append(Fragment(cell.text, cell.page, cell.line))


def _read_plan_text(row: Row, wp: WorkPlanDraft) -> bool:
    """The 計畫內容 / 預期成果 row: each labelled cell opens its field."""
    labelled = [c for c in row.cells if compact(c.text).startswith((_CONTENT, _EXPECTED))]
    if not labelled:
        return False
    for cell in labelled:
        key = _CONTENT if compact(cell.text).startswith(_CONTENT) else _EXPECTED
        wp.fields.setdefault(key, []).append(_LABEL_PREFIX.sub("", cell.text))
        if key not in wp.field_order:
            wp.field_order.append(key)
        if key == _CONTENT:
            wp.content_cell = cell
    return True


def _append_plan_text(wp: WorkPlanDraft, texts: list[str]) -> None:
    """Continuation rows before the first sub-plan: the last (rightmost) field wraps on."""
    if not wp.field_order:
        wp.fields.setdefault(_CONTENT, [])
        wp.field_order.append(_CONTENT)
    wp.fields[wp.field_order[-1]].extend(texts)


def _give_back_spilled_text(wp: WorkPlanDraft) -> None:
    """說明 text of a sub-plan printed beside the next sub-plan's rows belongs to the former."""
    for prev, sp in zip(wp.sub_plans, wp.sub_plans[1:], strict=False):
        opening = next(
            (i for i, f in enumerate(sp.fragments) if i > 0 and _OPENING.match(f.text)), None
        )
        if opening is not None and not _OPENING.match(sp.fragments[0].text):
            prev.fragments.extend(sp.fragments[:opening])
            del sp.fragments[:opening]


def _amount(cell: Cell, result: TableResult) -> int | None:
    value = parse_int(cell.text)
    if value is None and cell.text:
        result.warn("amount_unreadable", f"amount {cell.text!r} is not a number", cell)
    return value


def _text(row: Row, index: int) -> str:
    cell = row.get(index)
    return cell.text.strip() if cell else ""


def _add_cell(result: TableResult, row_key: str, cell: Cell) -> bool:
    """An amount cell; a key printed twice (a damaged or repeated row) is a warning instead."""
    if any(c.row_key == row_key for c in result.cells):
        result.warn("row_repeated", f"row {row_key} printed twice: the repeat is not stored", cell)
        return False
    result.add_cell(row_key, "amount", len(result.cells) + 1, 1, cell)
    return True


# --------------------------------------------------------------------------- facts


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
    """Media spending and headcounts stated before the numbered items of a sub-plan 說明.

    One headcount statement per document (source sub_plan): only the first region states it.
    """
    headcount_from: SubPlanDraft | None = None
    for wp in work_plans:
        for sp in wp.sub_plans:
            preamble, _ = numbered_items(_description(sp))
            where = sp.fragments[0] if sp.fragments else None
            media = [parse_int(m.group(1)) for m in _MEDIA.finditer(preamble.replace("\n", ""))]
            if media and media[0] is not None:
                result.add_fact(
                    "media_publicity",
                    work_plan_code=wp.code,
                    sub_plan_code=sp.code,
                    source="sub_plan",
                    amount=media[0],
                    page=where.page if where else sp.cell.page,
                    line=where.line if where else sp.cell.line,
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


def _content_names(wp: WorkPlanDraft) -> list[tuple[int, str]]:
    """The numbered program names of 計畫內容 (none when it is prose)."""
    _, items = numbered_items(join_wrapped(wp.fields.get(_CONTENT, [])))
    return [(item.no, " ".join(item.body.split())) for item in items if item.body]


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
        for item in items:
            slots.append(_slot(sp, item, text))
    return slots


def _slot(sp: SubPlanDraft, item: Item, text: str) -> Slot:
    slot = Slot(sp, item.no, fragment=_fragment_at(sp, text, item.start))
    found = name_and_amount(item.body)
    if found:
        slot.name, slot.amount = found
    body = item.body.replace("\n", "")
    media = _MEDIA.search(body)
    if media:
        slot.media = parse_int(media.group(1))
    included = _INCLUDED.search(body)
    if included:
        trips = [parse_int(m.group(1)) for m in _TRAVEL.finditer(included.group(1))]
        if trips and None not in trips:
            slot.travel = sum(t for t in trips if t is not None)
    return slot


def _fragment_at(sp: SubPlanDraft, text: str, offset: int) -> Fragment | None:
    """The printed fragment an offset of the joined 說明 falls in (for page and line)."""
    position = 0
    for fragment in sp.fragments:
        found = text.find(fragment.text.strip(), position)
        if found < 0:
            continue
        end = found + len(fragment.text.strip())
        if offset < end:
            return fragment
        position = end
    return sp.fragments[-1] if sp.fragments else None


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
    """1 for equal normalised names, 0.9 when one contains the other, else difflib's ratio."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    if min(len(na), len(nb)) >= 4 and (na in nb or nb in na):
        return 0.9
    return difflib.SequenceMatcher(None, na, nb).ratio()


def _align(slots: list[Slot], names: list[tuple[int, str]]) -> list[tuple[int | None, int | None]]:
    """Monotone pairs (slot index, name index): best-scoring anchors, then order in the gaps."""
    n, m = len(slots), len(names)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best = max(score[i - 1][j], score[i][j - 1])
            s = slots[i - 1]
            if s.name and not s.lost:
                sim = similarity(s.name, names[j - 1][1])
                if sim >= _FUZZY:
                    best = max(best, score[i - 1][j - 1] + sim)
            score[i][j] = best
    anchors: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        s = slots[i - 1]
        sim = similarity(s.name, names[j - 1][1]) if s.name and not s.lost else 0.0
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


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=10)

__all__ = ["PARSER", "similarity"]
