"""附屬表 9 捐助經費分析表 (grants): one fact per numbered grant, printed cells for every row.

Printed layout (after the reader stitched the left and right halves): 捐助計畫 | [number] |
計畫起訖年度 | 捐助對象 | 捐助內容 | 經常門 人事費 | 業務費 | 其他 | 資本門 營建工程 | 其他 | 合計.
The hierarchy is 合計 → 1.對團體之捐助 / 2.對個人之捐助 → object class (4040 …) → (n) work plan
→ [n] grant (with its document-wide two-digit number 01, 02 …).

Keys of the printed cells:
- row_key: a grant's printed number under its work plan group's path
  ('group/4040/(1)5262200200/01'; books number the grants of every group from 01, so the
  number alone is not a key), or the bare number for a grant under no kind; subtotal rows a path:
  'total', '<kind>' ('group' / 'individual'), '<kind>/<class>' ('group/4040'), and for a work
  plan group '<kind>/<class>/(<n>)<work plan code>' ('group/4040/(1)5262200200'). The (n) is
  part of the key because one object class can list the same work plan twice (ADI 112 prints
  (1) and (2) 5262200200 under 4040: grants to companies, then to foundations).
- column_key: current_personnel, current_operating, current_other, capital_construction,
  capital_other, total; and grant_no for a grant's own number cell (column_order 0), which
  report_grants regenerates as the grant's position in printed order (in the table when the
  document numbers grants on across groups, in its group when numbers restart), so a lost
  grant row shows.

Traps handled generically:
- A row without amounts continues the row above it (a name / recipient wrapping onto the next
  page, a work plan name printed under its code); its cells are placed by the header columns.
  A continuation page without amounts repeats the header block as body rows: a cell's words
  that are the heading printed over its column (起訖年度, 捐助對象 ...) are dropped.
- Some rows print 捐助對象 and 捐助內容 in one cell. The cell is split before the first
  space-separated segment that starts with a content verb: the first two characters of the
  contents printed in separate cells of the same table, plus a fixed list (辦理, 發放, 輔導 …).
  Every split is a warning.
- A damaged amount (thousands groups not of three) is derived from the row's own total when it
  is the only unreadable amount of a detail row, with a warning; the printed cell keeps its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unitbudget.catalog import title_of

from ..codes import ACCOUNT_CODE
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, recognised, result_for
from .toolkit import (
    add_amount_row,
    column_headings,
    column_of,
    int_amounts,
    join_cell_lines,
    split_amounts,
    stacked_labels,
    without_heading,
)

SLUG = "grants"
TITLE = title_of(SLUG)
COLUMNS = (
    "current_personnel",
    "current_operating",
    "current_other",
    "capital_construction",
    "capital_other",
    "total",
)
KINDS = {"團體": "group", "個人": "individual"}
# Verbs a 捐助內容 starts with; the table's own separately printed contents add to these.
CONTENT_VERBS = (
    "辦理", "發放", "輔導", "補助", "推動", "提供", "協助", "獎勵", "鼓勵", "支應", "執行",
    "促進", "培育", "獎助",
)  # fmt: skip

_TOTAL = re.compile(r"^(合計|總計)$")
_KIND = re.compile(r"^(\d+)\s*[.．、]\s*(\S.*)$")
_CLASS = re.compile(r"^(\d{4})\s*(.*)$")
_PLAN_GROUP = re.compile(rf"^[(（](\d+)[)）]\s*({ACCOUNT_CODE})\s*(.*)$")
_GRANT = re.compile(r"^[\[［](\d+)[\]］]\s*(.*)$")
_GRANT_NO = re.compile(r"^\d{2,3}$")
# a grant number printed inside the name cell (the two cells touch): after the name's first
# line, before the lines the name wraps onto
_NAME_AND_NO = re.compile(r"^(.*?\S)\s+(\d{2,3})(?:\s+(\S.*))?$", re.S)
_PERIOD = re.compile(r"^(\d{2,3}\s*[-－~～]\s*\d{2,3}|經常性)$")


@dataclass
class _Grant:
    no: str
    item_no: int | None
    name: str
    recipient: str | None
    content: str | None
    period: str | None
    kind: str
    object_class: str
    work_plan: str
    group_no: str | None
    group_label: str | None
    amounts: list[int | None]
    cell: Cell
    no_cell: Cell
    extra: list[str] = field(default_factory=list)


@dataclass
class _State:
    """Where in the hierarchy the current row sits."""

    kind: str = ""
    object_class: str = ""
    work_plan: str = ""
    group_no: str | None = None
    group_label: str | None = None
    # the entity a row without amounts continues: a _Grant or "plan_group"
    last: object = None
    verbs: tuple[str, ...] = CONTENT_VERBS


def matches(region: Region) -> bool:
    return recognised(region, TITLE, ("捐助計畫", "捐助對象"))


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    labels = stacked_labels(region.header_rows)
    continuation_cols = {
        "recipient": column_of(labels, "對象"),
        "content": column_of(labels, "內容"),
    }
    headings = column_headings(
        [*region.header_rows, *(h for rows in region.page_header_rows for h in rows)]
    )
    # each row split once: learning the verbs and reading the rows both need it
    splits = [split_amounts(row, len(COLUMNS)) for row in region.rows]
    state = _State(verbs=_learn_verbs(splits))
    grants: list[_Grant] = []
    order = 0
    # a page's header rows by the index of its first body row (pages after the first)
    page_heads = dict(zip(region.page_breaks[1:], region.page_header_rows[1:], strict=False))
    for index, row in enumerate(region.rows):
        # Text the reader kept in a repeated header block (a grant's name wrapping onto the
        # page, glued to the heading over it) continues the last grant of the page before.
        for head in page_heads.get(index, []):
            _continue_row(result, state, head, continuation_cols, headings)
        texts, amounts = splits[index]
        if not amounts:
            _continue_row(result, state, row, continuation_cols, headings)
            continue
        label = texts[0].text.strip() if texts else ""
        order += 1
        key = _row_key(result, state, label, texts, amounts, grants, order)
        if key is None:
            continue
        add_amount_row(result, key, order, label, amounts, COLUMNS)
    for seq, g in enumerate(grants, start=1):
        _add_fact(result, g, seq)
    result.row_count = order
    return result


def _learn_verbs(splits: list[tuple[list[Cell], list[Cell]]]) -> tuple[str, ...]:
    """Content verbs: the fixed list plus how this table's separately printed contents start
    (`splits`: each body row's text cells and trailing amount cells, `split_amounts`)."""
    learned: list[str] = []
    for texts, amounts in splits:
        if amounts and texts and _GRANT.match(texts[0].text.strip()):
            info = _grant_text_cells(texts)
            if len(info) >= 2 and len(info[-1]) >= 2:
                learned.append(info[-1][:2])
    return tuple(dict.fromkeys([*CONTENT_VERBS, *learned]))


def _grant_text_cells(texts: list[Cell]) -> list[str]:
    """The recipient / content cells of a grant row: after the number and period cells."""
    rest = [c.text.strip() for c in texts[1:]]
    while rest and (_GRANT_NO.match(rest[0]) or _PERIOD.match(rest[0])):
        rest.pop(0)
    return rest


def _row_key(
    result: TableResult,
    state: _State,
    label: str,
    texts: list[Cell],
    amounts: list[Cell],
    grants: list[_Grant],
    order: int,
) -> str | None:
    flat = compact(label)
    if _TOTAL.match(flat):
        state.last = None
        return "total"
    if m := _PLAN_GROUP.match(label):
        state.group_no, state.work_plan = m.group(1), m.group(2)
        state.group_label = join_cell_lines(f"({m.group(1)}){m.group(2)}", m.group(3))
        state.last = "plan_group"
        return f"{state.kind}/{state.object_class}/({state.group_no}){state.work_plan}"
    if m := _GRANT.match(label):
        grant = _read_grant(result, state, m, texts, amounts)
        if grant is None:
            return None
        grants.append(grant)
        state.last = grant
        key = _grant_key(state, grant.no)
        result.add_cell(key, "grant_no", order, 0, grant.no_cell)
        return key
    if m := _CLASS.match(flat):
        state.object_class = m.group(1)
        state.group_no = state.group_label = None
        state.work_plan = ""
        state.last = None
        return f"{state.kind}/{state.object_class}"
    if (m := _KIND.match(flat)) and "捐助" in flat:
        state.kind = next((v for k, v in KINDS.items() if k in m.group(2)), "")
        if not state.kind:
            state.kind = f"kind{m.group(1)}"
            result.warn("grant_kind_unknown", f"unknown recipient kind {label!r}", texts[0])
        state.object_class = state.work_plan = ""
        state.last = None
        return state.kind
    result.warn("row_unrecognised", f"row {label!r} is not a grant or subtotal", amounts[0])
    return None


def _grant_key(state: _State, no: str) -> str:
    """A grant's row key: its work plan group's path and its printed number (books number the
    grants of every work plan group from 01)."""
    if not state.kind:
        return no
    group = f"({state.group_no}){state.work_plan}" if state.group_no else state.work_plan
    return "/".join(part for part in (state.kind, state.object_class, group, no) if part)


def _read_grant(
    result: TableResult,
    state: _State,
    m: re.Match[str],
    texts: list[Cell],
    amounts: list[Cell],
) -> _Grant | None:
    label_cell = texts[0]
    rest = [c.text.strip() for c in texts[1:]]
    no_cell = texts[1] if rest and _GRANT_NO.match(rest[0]) else None
    no = rest.pop(0) if no_cell else None
    name = m.group(2)
    if no_cell is None and (joined := _NAME_AND_NO.match(name)):
        # the number's cell touches the name's: the number is a word of the name cell
        name, no = join_cell_lines(joined.group(1), joined.group(3)), joined.group(2)
        no_cell = Cell(no, label_cell.page, label_cell.line)
    period = rest.pop(0) if rest and _PERIOD.match(rest[0]) else None
    if no is None or no_cell is None:
        result.warn(
            "grant_number_missing",
            f"grant {label_cell.text!r} prints no grant number; not loaded",
            label_cell,
        )
        return None
    recipient, content = _recipient_content(result, state, rest, label_cell)
    what = f"grant {no}"
    values = int_amounts(result, amounts, what) if len(amounts) == len(COLUMNS) else []
    if not state.work_plan:
        result.warn("grant_without_work_plan", f"{what} is listed under no work plan", label_cell)
    return _Grant(
        no=no,
        item_no=int(m.group(1)),
        name=name,
        recipient=recipient,
        content=content,
        period=period.replace(" ", "") if period else None,
        kind=state.kind,
        object_class=state.object_class,
        work_plan=state.work_plan,
        group_no=state.group_no,
        group_label=state.group_label,
        amounts=values or [None] * len(COLUMNS),
        cell=label_cell,
        no_cell=no_cell,
    )


def _recipient_content(
    result: TableResult, state: _State, cells: list[str], where: Cell
) -> tuple[str | None, str | None]:
    if len(cells) == 2:
        return cells[0], cells[1]
    if not cells:
        return None, None
    if len(cells) > 2:
        result.warn(
            "grant_cells_extra",
            f"grant row prints {len(cells)} text cells; the first is taken as 捐助對象 and the "
            "rest as 捐助內容",
            where,
        )
        return cells[0], " ".join(cells[1:])
    merged = cells[0]
    parts = merged.split(" ")
    for i in range(1, len(parts)):
        if parts[i].startswith(state.verbs):
            recipient, content = " ".join(parts[:i]), " ".join(parts[i:])
            result.warn(
                "grant_cells_merged",
                f"捐助對象 and 捐助內容 printed in one cell; split before {parts[i][:2]!r} "
                f"(a content verb): 對象 {join_cell_lines(recipient)!r}",
                where,
            )
            return recipient, content
    result.warn(
        "grant_cells_merged",
        "捐助對象 and 捐助內容 printed in one cell and no content verb found to split it; "
        "the whole cell is stored as 捐助內容",
        where,
    )
    return None, merged


def _continue_row(
    result: TableResult,
    state: _State,
    row: Row,
    cols: dict[str, int | None],
    headings: list[frozenset[str]],
) -> None:
    """A row without amounts: wrapped text of the row above, placed by the header columns.

    Column headings a continuation page prints again (捐助對象 over its column) are not text."""
    texts = {
        i: without_heading(c.text.strip(), headings[i] if i < len(headings) else frozenset())
        for i, c in enumerate(row.cells)
    }
    cells = {i: t for i, t in texts.items() if t}
    if not cells:
        return
    if state.last == "plan_group" and state.group_label is not None:
        state.group_label = join_cell_lines(state.group_label, " ".join(cells.values()))
        return
    grant = state.last
    if not isinstance(grant, _Grant):
        first = row.cells[0] if row.cells else None
        result.warn(
            "row_unattached",
            f"text {' '.join(cells.values())!r} continues no grant; ignored",
            first,
        )
        return
    for i, text in cells.items():
        if i == 0:
            grant.name = join_cell_lines(grant.name, text)
        elif i == cols["recipient"]:
            grant.recipient = join_cell_lines(grant.recipient, text)
        elif i == cols["content"]:
            grant.content = join_cell_lines(grant.content, text)
        else:
            grant.extra.append(text)
            result.warn(
                "continuation_unplaced",
                f"grant {grant.no}: continued text {text!r} is under no known column; "
                "appended to 捐助內容",
                row.cells[i],
            )
            grant.content = join_cell_lines(grant.content, text)


def _add_fact(result: TableResult, g: _Grant, seq: int) -> None:
    amounts = dict(zip(COLUMNS, g.amounts, strict=True))
    result.add_fact(
        "grants",
        seq=seq,
        grant_no=g.no,
        recipient_kind=g.kind,
        object_class_code=g.object_class,
        work_plan_code=g.work_plan,
        group_label=g.group_label,
        group_no=g.group_no,
        item_no=g.item_no,
        program_name=join_cell_lines(g.name),
        period=g.period,
        recipient=join_cell_lines(g.recipient) if g.recipient else None,
        content=join_cell_lines(g.content) if g.content else None,
        **amounts,
        page=g.cell.page,
        line=g.cell.line,
    )


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
