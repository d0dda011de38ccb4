"""預算總說明 (budget_statement): duties, internal units, headcount statement, policy goals.

A text section, read by its outline rather than by agency-specific words: headings `一、…`
and `(一)…`, numbered items `1. …` (a line without a number continues the item above it, also
across a page break), and the one table of the section with the header 工作計畫名稱 | 重要計畫項目
| 實施內容.

Facts:
- agency_duties: the numbered items under the first heading about 職掌 whose items are not
  `單位：職掌` pairs (機關主要職掌).
- internal_units: numbered items `名稱：職掌` whose name is a unit (…組/室/處/科/中心…), under
  a heading about 分層業務 / 內部單位 (or, failing that, any such list).
- headcount_statements (source budget_statement): `職員133人、聘用人員17人，共計150人` in the
  sentence about 預算員額; failing a sentence, the 合計 row of the 預算員額說明表 the section
  prints (內政部 114 printed p.12: one row per category as printed, 合計 included), its
  上年度編列 + 增(減) checked against it (`headcount_change_mismatch`).
- policy_goals: rows of the 年度重要施政計畫 table; a row without 工作計畫名稱 belongs to the work
  plan above it, a row with only 實施內容 continues the content above it (page breaks).

No printed cells: the section's numbers are facts, not compared cells (the headcount table's
numbers count captured in the parse report through `TableResult.read`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unitbudget.catalog import title_of

from ..amounts import parse_int
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import headcounts, join_wrapped
from .toolkit.prose import headcount_category

SLUG = "budget_statement"
TITLE = title_of(SLUG)

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_ITEM = re.compile(r"^\s*(?:[-*]\s*)?(\d{1,2})\s*[.．、]\s*(?!\d)(.*)$", re.S)
_UNIT_ITEM = re.compile(
    r"^([^：:，,。]{1,15}?(?:組|室|處|科|中心|所|隊|館|站|局|署|小組))\s*[：:]\s*(.*)$", re.S
)
_DUTY_HEADING = "職掌"
_UNIT_HEADINGS = ("分層業務", "內部單位", "單位職掌", "組織分工")
_HEADCOUNT_WORD = "員額"
_HEADCOUNT_TABLE = "預算員額說明表"
# a row of the headcount table prints a number under at least this many categories
_MIN_CATEGORIES = 3
_HEADCOUNT_CAPTION = re.compile(r"員額|單位")
_GOAL_HEADER = ("工作計畫", "重要計畫", "實施內容")
_CN_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．]?\s*")


@dataclass
class ListItem:
    no: int
    cell: Cell
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_wrapped(self.parts)


@dataclass
class Section:
    heading: str
    items: list[ListItem] = field(default_factory=list)


def matches(region: Region) -> bool:
    return compact(region.title) == TITLE or compact(region.printed_title or "") == TITLE


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    result.row_count = len(region.rows)
    sections = _sections(region.rows)
    _emit_duties_and_units(sections, result)
    _emit_headcount(region.rows, result)
    _emit_policy_goals(region.rows, result)
    return result


def _text_of(row: Row) -> str:
    return " ".join(c.text.strip() for c in row.cells if c.text.strip())


def _sections(rows: list[Row]) -> list[Section]:
    """Headings and their numbered single-cell items; unnumbered lines continue the last item."""
    sections: list[Section] = [Section("")]
    for row in rows:
        cells = [c for c in row.cells if c.text.strip()]
        if len(cells) != 1:
            continue  # table rows are read by _emit_policy_goals
        cell = cells[0]
        text = cell.text.strip()
        if _HEADING.match(text):
            sections.append(Section(text))
            continue
        m = _ITEM.match(text)
        current = sections[-1]
        if m and (not current.items or int(m.group(1)) == current.items[-1].no + 1):
            current.items.append(ListItem(int(m.group(1)), cell, [m.group(2).strip()]))
        elif current.items:
            current.items[-1].parts.append(text)
    return sections


def _is_unit_list(section: Section) -> bool:
    return bool(section.items) and all(_UNIT_ITEM.match(i.text) for i in section.items)


def _emit_duties_and_units(sections: list[Section], result: TableResult) -> None:
    duties = next(
        (
            s
            for s in sections
            if _DUTY_HEADING in compact(s.heading) and s.items and not _is_unit_list(s)
        ),
        None,
    )
    units = next(
        (
            s
            for s in sections
            if any(h in compact(s.heading) for h in _UNIT_HEADINGS) and _is_unit_list(s)
        ),
        None,
    ) or next((s for s in sections if _is_unit_list(s)), None)
    if duties is None:
        result.warn("duties_missing", "預算總說明: no numbered list of duties (職掌) found")
    else:
        for item in duties.items:
            result.add_fact(
                "agency_duties",
                seq=item.no,
                duty=item.text,
                page=item.cell.page,
                line=item.cell.line,
            )
    if units is None:
        result.warn("units_missing", "預算總說明: no list of internal units (單位：職掌) found")
        return
    seen: set[str] = set()
    for item in units.items:
        m = _UNIT_ITEM.match(item.text)
        assert m is not None
        name = m.group(1).strip()
        if name in seen:
            result.warn("unit_repeated", f"internal unit {name} listed twice", item.cell)
            continue
        seen.add(name)
        result.add_fact(
            "internal_units",
            unit_name=name,
            seq=item.no,
            duties=m.group(2).strip() or None,
            page=item.cell.page,
            line=item.cell.line,
        )


def _emit_headcount(rows: list[Row], result: TableResult) -> None:
    for row in rows:
        text = _text_of(row)
        if _HEADCOUNT_WORD not in text:
            continue
        counts = headcounts(text)
        if not counts:
            continue
        cell = next(c for c in row.cells if c.text.strip())
        for category, persons in dict(counts).items():
            result.add_fact(
                "headcount_statements",
                source=SLUG,
                category=category,
                headcount=persons,
                page=cell.page,
                line=cell.line,
            )
        return
    if _emit_headcount_table(rows, result):
        return
    result.warn("headcount_missing", "預算總說明: no headcount statement (預算員額…人) found")


def _numbers(row: Row) -> dict[int, Cell]:
    """Column index -> cell of the row's whole-cell integers (`(3)` reads -3)."""
    return {
        i: c for i, c in enumerate(row.cells) if c.text.strip() and parse_int(c.text) is not None
    }


def _emit_headcount_table(rows: list[Row], result: TableResult) -> bool:
    """預算員額說明表 (a table inside the statement, printed when no sentence states the
    headcount): 員額 categories across (職員 … 合計, labels stacked over the header lines), rows
    上年度編列 / 增(減) / 本年度 合計, persons.

    The 合計 row becomes headcount_statements (source budget_statement, one row per category as
    printed, 合計 included); 上年度編列 + 增(減) must equal it per category, else a
    `headcount_change_mismatch` warning (the warehouse keeps no column for last year's
    headcount or the change: they are read for this check only). Returns False when the
    section prints no such table or no 合計 row.
    """
    start = next((n for n, r in enumerate(rows) if _HEADCOUNT_TABLE in compact(_text_of(r))), None)
    if start is None:
        return False
    labels: dict[int, str] = {}
    numbered: list[tuple[str, Row, dict[int, Cell]]] = []
    for n in range(start + 1, len(rows)):
        row = rows[n]
        if _HEADING.match(_text_of(row)):
            break  # the next heading of the statement: the table had no 合計 row
        numbers = _numbers(row)
        if len(numbers) < _MIN_CATEGORIES:
            if numbered and numbered[-1][0] == "合計":
                break
            if not numbered:
                for i, c in enumerate(row.cells):
                    # the caption spanning the categories (員額(單位：人)) is no category
                    if not _HEADCOUNT_CAPTION.search(compact(c.text)):
                        labels[i] = labels.get(i, "") + compact(c.text)
            continue
        label = compact("".join(c.text for i, c in enumerate(row.cells) if i not in numbers))
        kind = "上年度" if "上年度" in label else "合計" if "合計" in label else "增減"
        numbered.append((kind, row, numbers))
    kinds = [k for k, _, _ in numbered]
    if "合計" not in kinds:
        return False
    total = numbered[kinds.index("合計")][2]
    this_year: dict[int, int] = {}
    for i, cell in total.items():
        category = labels.get(i, "")
        if not category:
            continue
        this_year[i] = parse_int(cell.text) or 0
        result.read(cell)
        result.add_fact(
            "headcount_statements",
            source=SLUG,
            category=headcount_category(category),
            headcount=this_year[i],
            page=cell.page,
            line=cell.line,
        )
    if kinds.count("上年度") == 1 and kinds.count("增減") == 1:
        last = numbered[kinds.index("上年度")][2]
        change = numbered[kinds.index("增減")][2]
        for i, persons in this_year.items():
            if i not in last or i not in change:
                continue
            result.read(last[i])
            result.read(change[i])
            before, delta = parse_int(last[i].text) or 0, parse_int(change[i].text) or 0
            if before + delta != persons:
                result.warn(
                    "headcount_change_mismatch",
                    f"預算員額說明表 {labels[i]}: 上年度 {before} + 增(減) {delta} is "
                    f"{before + delta}, but 合計 prints {persons}",
                    total[i],
                )
    return True


def _is_goal_header(row: Row) -> bool:
    texts = [compact(c.text) for c in row.cells]
    return len(texts) >= 3 and all(
        any(t.startswith(label) for t in texts) for label in _GOAL_HEADER
    )


def _emit_policy_goals(rows: list[Row], result: TableResult) -> None:
    """年度重要施政計畫: work plan | key program | content, over as many pages as it takes."""
    goals: list[dict] = []
    inside = False
    work_plan: str | None = None
    for row in rows:
        if _is_goal_header(row):
            inside = True
            continue
        cells = row.cells
        if not inside:
            continue
        if len([c for c in cells if c.text.strip()]) <= 1 and len(cells) < 3:
            inside = False  # a heading or prose line ends the table
            continue
        plan, program, content = (cells[i].text.strip() if i < len(cells) else "" for i in range(3))
        if plan:
            work_plan = " ".join(plan.split())
        if program:
            goals.append(
                {
                    "work_plan_name": work_plan,
                    "program_name": _CN_NUMBER.sub("", " ".join(program.split())),
                    "parts": [content] if content else [],
                    "cell": cells[1],
                }
            )
        elif content and goals:
            goals[-1]["parts"].append(content)
        elif content:
            result.warn(
                "goal_without_program", "實施內容 printed before any 重要計畫項目", cells[2]
            )
    for seq, goal in enumerate(goals, start=1):
        cell: Cell = goal["cell"]
        result.add_fact(
            "policy_goals",
            seq=seq,
            work_plan_name=goal["work_plan_name"],
            program_name=goal["program_name"],
            content=join_wrapped(goal["parts"]) or None,
            page=cell.page,
            line=cell.line,
        )


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=5)
