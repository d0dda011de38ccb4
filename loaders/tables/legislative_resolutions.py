"""立法院審議中央政府總預算案所提決議、附帶決議及注意事項辦理情形報告表 (legislative_resolutions).

A prose table printed for the previous year (its header year): 項次 | 決議、附帶決議及注意事項
內容 | 辦理情形. Sections open with a 一、 label (一、總預算案部分), sub-headings stand alone in the
內容 column (通案決議, 主計總處部分：), and each resolution starts with its (n) label; its texts
wrap over the rows below and over page breaks. A continuation page reprints the caption block
(項次 | 內容 | 辦理情形); where the reader could not tell it from the body, the first body lines
of the page arrive glued to the captions (in the page's header rows or as a body row
項 次 | 內 容 <text>): the captions are dropped by column and every body line is kept.

Facts: legislative_resolutions, one row per resolution with its number, texts and pages.
Keys of the printed cells: row_key = the resolution's printed order ('1' …), column_key =
'item_no' (the (n) label as a number). report_legislative_resolutions regenerates each number
as its position in its block (first number + order), so a gap or a repeat is a mismatch.
"""

from __future__ import annotations

import re
from decimal import Decimal

from unitbudget.catalog import title_of

from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit.cells import join_cell_lines
from .toolkit.headers import column_headings, without_heading
from .toolkit.prose import chinese_number

SLUG = "legislative_resolutions"
TITLE = title_of(SLUG)
_SECTION = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]$")
_ITEM = re.compile(r"^[(（]\s*([一二三四五六七八九十百零]+)\s*[)）]$")
_HEADING_END = ("：", ":")
_SENTENCE_END = ("。", "；", "！", "？")


def matches(region: Region) -> bool:
    return TITLE in compact(region.title) or compact(region.title).startswith("立法院審議")


def _columns(header_rows: list[Row]) -> tuple[int, int, int]:
    """(項次, 內容, 辦理情形) column indexes from the header text; 0, 1, 2 when not printed."""
    width = max((len(r.cells) for r in header_rows), default=0)
    found = {"項次": 0, "內容": 1, "辦理情形": 2}
    for i in range(width):
        label = "".join(compact(r.cells[i].text) for r in header_rows if i < len(r.cells))
        for word in found:
            if word in label:
                found[word] = i
    return found["項次"], found["內容"], found["辦理情形"]


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    no_col, text_col, action_col = _columns(region.header_rows)
    year = region.fiscal_year
    items: list[dict] = []
    section: str | None = None
    part: str | None = None
    rows = _body_rows(region)
    for index, row in enumerate(rows):
        label, text, action = (_text(row, i) for i in (no_col, text_col, action_col))
        if m := _SECTION.match(label):
            # a sub-heading on the next line may have been joined to the section's own text
            head, _, rest = text.partition(" ")
            section = f"{m.group(1)}、{head.rstrip('：:')}"
            part = rest.strip().rstrip("：:") or None
            continue
        if m := _ITEM.match(label):
            part = _heading_before(items, part)
            cell = row.cells[no_col]
            items.append(
                {
                    "seq": len(items) + 1,
                    "resolution_year": year,
                    "section": section,
                    "part": part,
                    "item_label": label,
                    "item_no": chinese_number(m.group(1)),
                    "texts": [text] if text else [],
                    "actions": [action] if action else [],
                    "page": row.page,
                    "last_page": row.page,
                    "line": row.line,
                }
            )
            number = items[-1]["item_no"]
            value = Decimal(number) if number is not None else None
            result.add_cell(str(len(items)), "item_no", len(items), 0, cell, value)
            continue
        if not label and text and not action and _is_heading(text, items, section, rows, index):
            part = text.rstrip("：:")
            continue
        if label:
            result.warn("label_unrecognised", f"項次 {label!r} is not (n) or n、", row.cells[0])
        if not items:
            continue
        if text:
            items[-1]["texts"].append(text)
        if action:
            items[-1]["actions"].append(action)
        if text or action:
            items[-1]["last_page"] = row.page
    for item in items:
        texts, actions = item.pop("texts"), item.pop("actions")
        item["resolution_text"] = join_cell_lines(*texts) or None
        item["action_text"] = join_cell_lines(*actions) or None
        result.add_fact("legislative_resolutions", **item)
    result.row_count = len(items)
    return result


def _captions(region: Region) -> list[frozenset[str]]:
    """Per column index, the compacted captions printed over it: header labels that open a
    label of that column on at least two pages' header blocks (on every page when the table
    has one page).

    A body line glued to the header block is printed on one page only; counting pages keeps
    it from being taken for a caption (and dropped) when the reader gives it a cell of its own.
    """
    blocks = region.page_header_rows or [region.header_rows]
    candidates = column_headings([h for rows in blocks for h in rows])
    per_page = [column_headings(rows) for rows in blocks]
    least = min(2, len(blocks))
    return [
        frozenset(
            c
            for c in labels
            if sum(
                any(label.startswith(c) for label in (p[i] if i < len(p) else ())) for p in per_page
            )
            >= least
        )
        for i, labels in enumerate(candidates)
    ]


def _body_rows(region: Region) -> list[Row]:
    """The table's printed rows in page order without the caption block each page reprints.

    Per page, its header rows come first (a body line the reader glued to a caption stays in
    them), then its body rows; in every row the column captions (`_captions`: 項 次, 內 容 …)
    are removed from the start of each cell, and rows left with no text are dropped. Body
    text that merely begins with a caption word (內容4.為…) is kept: only a caption standing
    as a word of its own is removed.
    """
    headings = _captions(region)
    if not region.page_breaks:
        pages: list[tuple[list[Row], list[Row]]] = [([], region.rows)]
    else:
        ends = [*region.page_breaks[1:], len(region.rows)]
        blocks = [*region.page_header_rows, *[[]] * len(region.page_breaks)]
        pages = [
            (blocks[i], region.rows[start:end])
            for i, (start, end) in enumerate(zip(region.page_breaks, ends, strict=True))
        ]
    out: list[Row] = []
    for heads, body in pages:
        for row in (*heads, *body):
            cells = [
                Cell(
                    without_heading(c.text, headings[i] if i < len(headings) else frozenset()),
                    c.page,
                    c.line,
                    c.box,
                )
                for i, c in enumerate(row.cells)
            ]
            if any(c.text for c in cells):
                out.append(Row(cells, row.page, row.line, row.right_line, row.right_page))
    return out


def _is_heading(
    text: str, items: list[dict], section: str | None, rows: list[Row], index: int
) -> bool:
    """A sub-heading: the first text of a section before any resolution, or a line ending in a
    colon right before a resolution's (n) label."""
    if not items or items[-1]["section"] != section:
        return True
    nxt = rows[index + 1] if index + 1 < len(rows) else None
    return (
        text.endswith(_HEADING_END)
        and nxt is not None
        and bool(nxt.cells and _ITEM.match(_text(nxt, 0)))
    )


def _heading_before(items: list[dict], part: str | None) -> str | None:
    """A sub-heading (主計總處部分：) printed right before a resolution, whose line a reader joined
    to the end of the previous resolution's text: moved out of that text, it is the new part."""
    if not items or not items[-1]["texts"]:
        return part
    last = items[-1]["texts"][-1]
    body, _, tail = last.rpartition(" ")
    if body.rstrip().endswith(_SENTENCE_END) and tail.endswith(_HEADING_END):
        items[-1]["texts"][-1] = body.rstrip()
        return tail.rstrip("：:")
    return part


def _text(row: Row, index: int) -> str:
    cell: Cell | None = row.get(index)
    return cell.text.strip() if cell is not None else ""


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
