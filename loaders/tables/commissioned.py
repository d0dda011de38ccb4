"""附屬表 14 委辦經費分析表 (commissioned): one fact per commissioned program (委辦計畫).

Printed layout (halves stitched by the reader): 委辦計畫 | 計畫起訖年度 | 委辦內容 | 經常門
用人費用 | 業務費用 | 其他 | 資本門 設備購置 | 其他 | 合計. Hierarchy: 合計 → n.<work plan code>
<name> → (n) program.

Keys of the printed cells:
- row_key: 'total' (合計), the work plan code for a work plan subtotal ('5262200200', and
  for a work plan printed with 節 both the work plan '3708012500' and each 節 '3708012501'),
  '<lowest work plan code>/<printed number>' for a program ('5262200200/1',
  '3708012501/3'): books number programs from 1 in every work plan. The report view numbers
  the programs of a work plan in printed order, so a document numbering them on across work
  plans shows its programs as missing rather than matching the wrong one.
- fact seq is the program's printed order in the whole table (unique).
- column_key: current_personnel, current_operating, current_other, capital_equipment,
  capital_other, total.

Traps handled generically:
- Wrapped names and contents lose their wrap spaces (toolkit.join_cell_lines).
- A row without amounts continues the row above (placed by the header columns).
- Content running over a page break: the text rendering puts the tail of the last program of a
  page at the start of the first program's 委辦內容 on the next page, separated by a space after
  the sentence end ("關鍵技術；…檢測基準。 透過主題式…"). When the previous program's content
  stops without a sentence end (。；！？) and the next page's first content has '。 ' inside,
  the text up to that '。' is moved back to the previous program (warning
  content_continued_across_pages).
- A damaged amount ('57,12') of a program row is derived from the row's own total when it is the
  only unreadable amount (warning amount_derived_from_row_total); the printed cell keeps its
  text and NULL value, so the comparison shows the damage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unitbudget.catalog import title_of

from ..codes import ACCOUNT_CODE
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, recognised, result_for
from .toolkit import (
    add_amount_row,
    column_of,
    int_amounts,
    join_cell_lines,
    restitch,
    split_amounts,
    stacked_labels,
)

SLUG = "commissioned"
TITLE = title_of(SLUG)
COLUMNS = (
    "current_personnel",
    "current_operating",
    "current_other",
    "capital_equipment",
    "capital_other",
    "total",
)
_TOTAL = re.compile(r"^(合計|總計)$")
_WORK_PLAN = re.compile(rf"^(\d+)\s*[.．、]\s*({ACCOUNT_CODE})\s*(.*)$")
# a 節 of the work plan above, printed as its bare code
_SECTION = re.compile(rf"^()({ACCOUNT_CODE})\s*(.*)$")
_PROJECT = re.compile(r"^[(（](\d+)[)）]\s*(.*)$")
_PERIOD = re.compile(r"^(\d{2,3}\s*[-－~～]\s*\d{2,3}|經常性)$")
_SENTENCE_END = ("。", "；", "！", "？", ".", ";")
# The tail of the previous page's program: text up to the first sentence end followed by a
# space (the rendering's join of the two cells).
_CARRIED = re.compile(r"^(.+?。)\s+(\S.*)$", re.S)


@dataclass
class _Project:
    seq: int
    number: str
    name: str
    period: str | None
    content: str | None
    work_plan: str
    amounts: list[int | None]
    cell: Cell
    content_cell: Cell | None
    row_index: int


def matches(region: Region) -> bool:
    return recognised(region, TITLE, ("委辦計畫", "委辦內容"))


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    labels = stacked_labels(region.header_rows)
    content_col = column_of(labels, "內容")
    projects: list[_Project] = []
    work_plan = ""
    last: _Project | None = None
    order = 0
    rows = restitch(region)
    subtotal_above = False
    for index, row in enumerate(rows):
        texts, amounts = split_amounts(row, len(COLUMNS))
        if not amounts:
            if not subtotal_above:  # else: the name of the (節) work plan above, wrapped
                _continue_row(result, last, row, content_col)
            continue
        subtotal_above = False
        order += 1
        label = texts[0].text.strip() if texts else ""
        flat = compact(label)
        if _TOTAL.match(flat):
            key, last = "total", None
        elif m := _WORK_PLAN.match(label) or _SECTION.match(label):
            work_plan = m.group(2)
            key, last, subtotal_above = work_plan, None, True
            result.read(texts[0])  # a 節 printed as its bare code: the subtotal's row key
        elif m := _PROJECT.match(label):
            last = _read_project(result, m, texts, amounts, work_plan, index, projects)
            key = f"{work_plan}/{m.group(1)}" if work_plan else m.group(1)
            projects.append(last)
        else:
            result.warn(
                "row_unrecognised", f"row {label!r} is not a program or subtotal", row.cells[0]
            )
            continue
        add_amount_row(result, key, order, label, amounts, COLUMNS)
    if rows is region.rows:
        page_starts = set(region.page_breaks[1:])
    else:
        page_starts = {i for i in range(1, len(rows)) if rows[i].page != rows[i - 1].page}
    _move_carried_content(result, page_starts, projects)
    for p in projects:
        _add_fact(result, p)
    result.row_count = order
    return result


def _read_project(
    result: TableResult,
    m: re.Match[str],
    texts: list[Cell],
    amounts: list[Cell],
    work_plan: str,
    index: int,
    projects: list[_Project],
) -> _Project:
    rest = texts[1:]
    period = None
    if rest and _PERIOD.match(rest[0].text.strip()):
        period = rest.pop(0).text.strip().replace(" ", "")
    content_cell = rest[0] if rest else None
    if len(rest) > 1:
        result.warn(
            "content_cells_extra",
            f"program ({m.group(1)}) prints {len(rest)} text cells after its period; joined",
            rest[1],
        )
    seq = len(projects) + 1
    if any(p.work_plan == work_plan and p.number == m.group(1) for p in projects):
        result.warn(
            "program_number_repeated",
            f"program number ({m.group(1)}) is printed twice under work plan {work_plan}",
            texts[0],
        )
    what = f"commissioned program ({m.group(1)})"
    values = int_amounts(result, amounts, what) if len(amounts) == len(COLUMNS) else []
    if not work_plan:
        result.warn("program_without_work_plan", f"{what} is listed under no work plan", texts[0])
    return _Project(
        seq=seq,
        number=m.group(1),
        name=m.group(2),
        period=period,
        content=" ".join(c.text.strip() for c in rest) or None,
        work_plan=work_plan,
        amounts=values or [None] * len(COLUMNS),
        cell=texts[0],
        content_cell=content_cell,
        row_index=index,
    )


def _continue_row(
    result: TableResult, last: _Project | None, row: Row, content_col: int | None
) -> None:
    cells = {i: c.text.strip() for i, c in enumerate(row.cells) if c.text.strip()}
    if not cells:
        return
    if last is None:
        result.warn(
            "row_unattached",
            f"text {' '.join(cells.values())!r} continues no program; ignored",
            row.cells[0],
        )
        return
    for i, text in cells.items():
        if i == 0:
            last.name = f"{last.name} {text}"
        else:
            if i != content_col:
                result.warn(
                    "continuation_unplaced",
                    f"program ({last.seq}): continued text {text!r} is under no known column; "
                    "appended to 委辦內容",
                    row.cells[i],
                )
            last.content = f"{last.content or ''} {text}".strip()


def _move_carried_content(
    result: TableResult, page_starts: set[int], projects: list[_Project]
) -> None:
    """Give the tail of a page's last program back to it (see the module docstring)."""
    for prev, cur in zip(projects, projects[1:], strict=False):
        if cur.row_index not in page_starts and cur.cell.page == prev.cell.page:
            continue
        if not prev.content or prev.content.rstrip().endswith(_SENTENCE_END):
            continue
        m = _CARRIED.match(cur.content or "")
        if not m:
            result.warn(
                "content_cut_at_page_break",
                f"program ({prev.seq}): 委辦內容 stops mid-sentence at the page break and the "
                "next page shows no carried-over text",
                prev.content_cell or prev.cell,
            )
            continue
        tail, own = m.group(1), m.group(2)
        prev.content = f"{prev.content} {tail}"
        cur.content = own
        result.warn(
            "content_continued_across_pages",
            f"program ({prev.seq}): its 委辦內容 continues on the next page at the start of "
            f"program ({cur.seq})'s cell; moved {join_cell_lines(tail)[:24]!r}… back",
            cur.content_cell or cur.cell,
        )


def _add_fact(result: TableResult, p: _Project) -> None:
    result.add_fact(
        "commissioned_projects",
        seq=p.seq,
        work_plan_code=p.work_plan,
        name=join_cell_lines(p.name),
        period=p.period,
        content=join_cell_lines(p.content) if p.content else None,
        **dict(zip(COLUMNS, p.amounts, strict=True)),
        page=p.cell.page,
        line=p.cell.line,
    )


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
