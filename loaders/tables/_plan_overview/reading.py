"""Reading the plan overview's pages: work plan headers, sub-plan and object class rows, the
說明 flow and the 計畫內容 / 預期成果 texts, into drafts."""

from __future__ import annotations

import re

from ...amounts import parse_int
from ...codes import CODE_AND_NAME, account_code
from ...regions import Cell, Region, Row
from ..base import TableResult, compact
from .drafts import (
    _CAPTION_SLACK,
    _CLASS,
    _CONTENT,
    _EXPECTED,
    _LABEL_PREFIX,
    _OPENING,
    _SUB_PLAN,
    _WORK_PLAN_LABEL,
    Columns,
    Fragment,
    SubPlanDraft,
    WorkPlanDraft,
)

# the 說明 column caption, letters spaced or not
_NOTE_CAPTION = re.compile(r"^\s*說\s*明")


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
        for index, row in enumerate([*head, *body]):
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
                if current is not None and current.current is not None:
                    _caption_spill(row, columns, current.current)
                continue
            if index < len(head):
                # A reader may print the 計畫內容 / 預期成果 captions as a column-header line
                # with their texts on the lines below it (the PDF book): they open the fields.
                if current is not None:
                    _read_plan_text(row, current)
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
    if not row.cells or not compact(row.cells[0].text).startswith(_WORK_PLAN_LABEL):
        return None
    code_name = next((c for c in row.cells[1:] if CODE_AND_NAME.match(c.text.strip())), None)
    if code_name is None:
        return None
    m = CODE_AND_NAME.match(code_name.text.strip())
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
    # every row is asked: the first cell decides before the others are compacted
    if not row.cells or not compact(row.cells[0].text).startswith("分支計畫"):
        return None
    texts = [compact(c.text) for c in row.cells]
    cols = Columns()
    for index, text in enumerate(texts):
        if text == "金額" or text.endswith("金額"):
            cols.amount = index
        elif "承辦單位" in text:
            cols.units = index
        elif text.startswith("說明"):
            cols.note = index
    return cols


def _caption_spill(row: Row, cols: Columns, sp: SubPlanDraft) -> None:
    """說明 text a reader joined to the column caption (`說 明 利息資本支出，除…`: the first
    line of a page continuing the previous page's 說明) continues the open sub-plan's flow."""
    cell = row.get(cols.note)
    rest = _NOTE_CAPTION.sub("", cell.text, count=1).strip() if cell is not None else ""
    if cell is not None and rest:
        sp.fragments.append(Fragment(rest, cell.page, cell.line))


def _read_row(row: Row, wp: WorkPlanDraft, cols: Columns, result: TableResult) -> None:
    if _read_plan_text(row, wp):
        return
    label = _text(row, cols.label)
    amount_cell = row.get(cols.amount)
    amount_text = amount_cell.text if amount_cell else ""
    has_amount = bool(amount_text)
    klass = _CLASS.match(label) if has_amount else None
    sub = _SUB_PLAN.match(label) if has_amount and not klass else None
    if sub and wp.current is None and wp.field_cells and parse_int(amount_text) is None:
        sub = None  # a numbered 計畫內容 line (1.檢討…) beside a 預期成果 line, not a sub-plan
    if sub:
        assert amount_cell is not None
        wp.current = _sub_plan(wp, sub, amount_cell, result)
        _read_texts(row, wp.current, cols, units_open=True)
        return
    if wp.current is None:
        if any(c.text for c in row.cells):
            _append_plan_text(wp, [c for c in row.cells if c.text])
        return
    sp = wp.current
    if klass:
        assert amount_cell is not None
        if not _object_class_row(wp, sp, klass.group(1), amount_cell, result):
            return
        # the class name as printed: names a class the national chart lacks (2018 資訊服務費)
        name = " ".join(klass.group(2).split())
        result.printed_names.setdefault("object_classes", []).append(
            {"code": klass.group(1), "name": name}
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


def _sub_plan(
    wp: WorkPlanDraft, sub: re.Match[str], amount_cell: Cell, result: TableResult
) -> SubPlanDraft:
    """The sub-plan a `01 人員維持 | 176,000` row opens (a repeated one is warned, not stored)."""
    code = sub.group(1)
    sp = next((s for s in wp.sub_plans if s.code == code), None)
    if sp is not None:
        result.warn(
            "sub_plan_repeated",
            f"sub-plan {wp.code}/{code} printed twice: the repeat's amount is not stored",
            amount_cell,
        )
        return sp
    name = " ".join(sub.group(2).split())
    sp = SubPlanDraft(wp.code, code, name, _amount(amount_cell, result), amount_cell)
    wp.sub_plans.append(sp)
    _add_cell(result, f"{wp.code}/{sp.code}", amount_cell)
    return sp


def _object_class_row(
    wp: WorkPlanDraft, sp: SubPlanDraft, code: str, amount_cell: Cell, result: TableResult
) -> bool:
    """An object class row's printed cell and, for a level-2 class, its line item (3xxx 設備及投資
    capital, every other class current); False when the cell was already stored."""
    amount = _amount(amount_cell, result)
    if not _add_cell(result, f"{wp.code}/{sp.code}/{code}", amount_cell):
        return False
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
    return True


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
        wp.field_cells.append((key, cell))
        if key == _CONTENT:
            wp.content_cell = cell
    return True


def _append_plan_text(wp: WorkPlanDraft, cells: list[Cell]) -> None:
    """Continuation rows before the first sub-plan.

    Where the reader gives positions, each cell continues the field printed above it (the
    rightmost caption starting left of the cell); otherwise the last (rightmost) field wraps on.
    """
    if not wp.field_order:
        wp.fields.setdefault(_CONTENT, [])
        wp.field_order.append(_CONTENT)
    captions = [(key, c.box[0]) for key, c in wp.field_cells if c.box is not None]
    for cell in cells:
        key = wp.field_order[-1]
        if cell.box is not None and captions:
            left = [k for k, x0 in captions if x0 <= cell.box[0] + _CAPTION_SLACK]
            key = left[-1] if left else captions[0][0]
        wp.fields[key].append(cell.text)


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
    if result.prints_row(row_key):
        result.warn("row_repeated", f"row {row_key} printed twice: the repeat is not stored", cell)
        return False
    result.add_cell(row_key, "amount", len(result.cells) + 1, 1, cell)
    return True


# --------------------------------------------------------------------------- facts
