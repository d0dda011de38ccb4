"""Page kinds and page headers of a published unit-budget book.

Every table page opens with a header block: agency (14 pt), table title (16 pt), the year
(`中華民國114年度`), often `經資門併計`, and the unit (`單位：新臺幣千元`); a page label
`(0801)-065` (agency number, printed page) sits at the top and the printed page number at the
foot. The left page of a wide table prints the first part of agency and title and `中華民國`;
its right page the rest and `114年度`. Title and agency are recognised by being printed larger
than the body text above the year line, never by their wording, so other agencies' books read
the same way.

Other pages: the image-only cover, contents pages (目次), section dividers (二、主要表),
附錄 title pages (附錄(一) / 內政部), blank pages and `本頁空白` pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...contents import listed_lines
from .layout import PageLayout
from .lines import Line, LineCell, page_lines

_FULL_YEAR = re.compile(r"^中華民國\s*(\d{2,3})\s*年度?$")
_LEFT_YEAR = re.compile(r"^中華民國$")
_RIGHT_YEAR = re.compile(r"^(\d{2,3})\s*年度$")
_UNIT = re.compile(r"^單\s*位\s*[:：]\s*(.+)$")
_CAPITAL_FLAG = re.compile(r"^(經資門併計|經常門|資本門)$")
_LABEL = re.compile(r"^\((\d{3,4})\)\s*-\s*(\d{1,4})$")
_BLANK_PAGE = re.compile(r"^本頁空白$")
_DIVIDER = re.compile(r"^[一二三四五六七八九十]+、(預算總說明|主要表|附屬表|附錄.*)$")
_APPENDIX = re.compile(r"^附錄\s*[(（]\s*([一二三四五六七八九十\d]+)\s*[)）]$")
_CONTINUED = re.compile(r"[(（]\s*續\s*[)）]$")
_TOC_TITLE = re.compile(r"目次$")
_PRINTER_NOTE = re.compile(r"^[(（].{1,6}[)）]$")  # （粉紅色）: the paper colour of a divider
_LONG_RULE = 0.6  # a horizontal rule this long (share of the longest) frames the table
_HEADER_SIZE = 11.5  # pt: agency (14) and title (16) print larger than table text (10)


@dataclass
class Header:
    """The header block of a table or prose page."""

    kind: str  # "full" | "left" | "right"
    agency: str
    title: str  # as printed, spaces removed, without (續)
    year: int | None
    unit: str | None
    capital_flag: str | None
    continued: bool
    last_line: int  # index into PageInfo.lines of the header block's last line


@dataclass
class PageInfo:
    """One PDF page: its kind, header, label and printed lines."""

    number: int  # 1-based PDF page
    kind: str  # cover | image | blank | empty | divider | appendix | toc | table
    lines: list[Line]
    header: Header | None = None
    label: str | None = None  # (0801)-065
    printed_page: int | None = None
    section: str | None = None  # divider text: 預算總說明 / 主要表 / 附屬表 / 附錄
    appendix: str | None = None  # 附錄(一) on an appendix title page
    # (title, printed pages) per contents line; pages "" for a numbered heading printing none
    # (三、附屬表, (二) 歲出計畫提要及分支計畫概況表 over its work plans)
    toc: list[tuple[str, str]] = field(default_factory=list)
    body: list[int] = field(default_factory=list)  # indexes of the lines after the header
    # y (pt) of the rule closing the column-header box: the second-lowest long horizontal rule
    # when the table is framed by at least three (top, under the headers, bottom).
    column_header_bottom: float | None = None


def squash(text: str) -> str:
    """Text without any whitespace (titles print letter-spaced: 預 算 總 說 明)."""
    return "".join(text.split())


def classify(layout: PageLayout) -> PageInfo:
    """Kind, header block, label and body lines of one page."""
    lines = page_lines(layout)
    info = PageInfo(layout.number, "table", lines)
    info.column_header_bottom = _column_header_bottom(layout)
    if not lines:
        info.kind = "image" if layout.has_images else "blank"
        return info
    skip = _take_label(info)
    content = [i for i in range(len(lines)) if i not in skip]
    texts = [squash(lines[i].text) for i in content]
    meaningful = [t for t in texts if not _PRINTER_NOTE.match(t)]
    if len(meaningful) <= 2 and any(_BLANK_PAGE.match(t) for t in meaningful):
        info.kind = "empty"
        return info
    if len(meaningful) <= 2 and meaningful and (m := _DIVIDER.match(meaningful[-1])):
        info.kind = "divider"
        info.section = m.group(1)
        return info
    if len(meaningful) <= 3 and meaningful and (m := _APPENDIX.match(meaningful[0])):
        info.kind = "appendix"
        info.appendix = f"附錄({m.group(1)})"
        info.section = meaningful[1] if len(meaningful) > 1 else None
        return info
    header = _header(lines, content)
    info.header = header
    if header is None:
        info.body = content
        return info
    info.body = [i for i in content if i > header.last_line]
    if _TOC_TITLE.search(header.title):
        info.kind = "toc"
        info.toc = _toc_entries([lines[i] for i in info.body])
    return info


def _column_header_bottom(layout: PageLayout) -> float | None:
    horizontal = [r for r in layout.rules if not r.vertical]
    if not horizontal:
        return None
    longest = max(r.x1 - r.x0 for r in horizontal)
    ys = sorted({round(r.y, 1) for r in horizontal if r.x1 - r.x0 >= _LONG_RULE * longest})
    return ys[1] if len(ys) >= 3 else None


def _take_label(info: PageInfo) -> set[int]:
    """Indexes of the page label line and the printed page number at the foot."""
    skip: set[int] = set()
    for i, line in enumerate(info.lines):
        if len(line.cells) == 1 and (m := _LABEL.match(squash(line.text))):
            info.label = squash(line.text)
            info.printed_page = int(m.group(2))
            skip.add(i)
            break
    if info.printed_page is not None:
        last = len(info.lines) - 1
        if squash(info.lines[last].text) == str(info.printed_page):
            skip.add(last)
    return skip


def _year(cell: str) -> tuple[str | None, int | None]:
    if m := _FULL_YEAR.match(cell):
        return "full", int(m.group(1))
    if _LEFT_YEAR.match(cell):
        return "left", None
    if m := _RIGHT_YEAR.match(cell):
        return "right", int(m.group(1))
    return None, None


def _header(lines: list[Line], content: list[int]) -> Header | None:
    """Find the year cell among the first lines; title and agency are the large cells above."""
    for pos, i in enumerate(content[:12]):
        if lines[i].ruled:
            break
        for cell in lines[i].cells:
            kind, year = _year(squash(cell.text))
            if kind is None:
                continue
            large = [
                (j, c)
                for j in content[:pos]
                for c in lines[j].cells
                if c.size >= _HEADER_SIZE and c.text.strip()
            ]
            if not large:
                continue
            title_line = large[-1][0]
            title = "".join(squash(c.text) for j, c in large if j == title_line)
            agency = "".join(squash(c.text) for j, c in large if j != title_line)
            continued = bool(_CONTINUED.search(title))
            title = _CONTINUED.sub("", title)
            unit, flag, last = _tail(lines, content, pos)
            return Header(kind, agency, title, year, unit, flag, continued, last)
    return None


def _tail(lines: list[Line], content: list[int], pos: int) -> tuple[str | None, str | None, int]:
    """Unit and 經資門併計 on the year line or the unruled lines right after it."""
    unit = flag = None
    last = content[pos]
    for i in content[pos : pos + 3]:
        if lines[i].ruled:
            break
        found = False
        for cell in lines[i].cells:
            t = cell.text.strip()
            if m := _UNIT.match(t):
                unit = squash(m.group(1))
                found = True
            elif _CAPITAL_FLAG.match(squash(t)):
                flag = squash(t)
                found = True
            elif _year(squash(t))[0]:
                found = True
        if not found:
            break
        last = i
    return unit, flag, last


def _toc_entries(lines: list[Line]) -> list[tuple[str, str]]:
    return listed_lines(" ".join(c.text for c in line.cells if c.text) for line in lines)


def header_cells(info: PageInfo) -> list[LineCell]:
    """The cells of the header block (for debugging and tests)."""
    if info.header is None:
        return []
    return [c for line in info.lines[: info.header.last_line + 1] for c in line.cells]
