"""Reader for text extractions of unit budgets (單位預算): bytes -> `SourceDocument`.

The only spec of the format is `unitbudget/samples/adi-112-unit-budget.txt` (DOMAIN.md §5):

* Every printed page starts with a header block: agency, table title, 中華民國NNN年度 (spacing
  varies), often 經資門併計, then 單位：新臺幣千元. Pages of a wide table come as a left half
  (header 數位發展部 / 歲出一級用途 / 中華民國) and a right half (數位產業署 / 別科目分析表 /
  112年度 / 單位：…). Some left halves lost their header: they follow the previous page's body
  after a blank line, and only the right-half header behind them tells they were a page.
* Cells are tab-separated; long texts arrive as HTML fragments or markdown bullets.

The reader splits pages, groups consecutive pages of one table into one `Region`, tells column
header rows from body rows, stitches left and right halves, and completes partial titles from
the table of contents (目次). It never joins wrapped lines: that is table-specific.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from unitbudget.catalog import known_titles
from unitbudget.errors import RefusedInput
from unitbudget.loaders.amounts import parse_number
from unitbudget.loaders.issues import LoadIssue, Severity
from unitbudget.loaders.readers.encoding import decode
from unitbudget.loaders.recognise import fold_text, recognise_stage
from unitbudget.loaders.regions import Cell, HalfPair, Halves, Region, Row, SourceDocument

# Titles of the tables of unit budgets (DOMAIN.md §3), used to recognise a unit budget.
KNOWN_TITLES = known_titles()
TEXT_TITLES = {"目次", "預算總說明"}  # prose pages: no header/body split, no halves
COVER_TITLE = "封面"

_FULL_YEAR = re.compile(r"^中華民國\s*(\d{2,3})\s*年度$")
_LEFT_YEAR = re.compile(r"^中華民國$")
_RIGHT_YEAR = re.compile(r"^(\d{2,3})\s*年度$")
_AGENCY = re.compile(r"^[\u4e00-\u9fff]{2,30}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CAPITAL_FLAG = re.compile(r"^(經資門併計|經常門|資本門)$")
_UNIT = re.compile(r"^單\s*位\s*[:：]\s*(.+)$")
_BLANK_PAGE = re.compile(r"^本\s*頁\s*空\s*白$")
_DIVIDER = re.compile(r"^[一二三四五六七八九十]+、\s*(預算總說明|主要表|附屬表|附錄.*)$")
_SEPARATOR_CELL = re.compile(r"^-+$")
# A first cell starting like an item: "01 人員維持", "1.對團體", "一、", "一·", "(1)", "[1]", 合計.
_ITEM_MARKER = re.compile(
    r"^(\d+(\s|\.|$)|[一二三四五六七八九十]+\s*[、·．.]|[(（]\s*[\d一二三四五六七八九十]+\s*[)）]"
    r"|\[\d+\]|合\s*計|總\s*計|小\s*計)"
)
# The plan overview repeats this caption row (with the work plan's code and amount) on top of
# every page: it is a page header row even though it carries a number.
_KEY_ROW_LABEL = "工作計畫名稱及編號"
_LONG_TEXT = 32  # a cell this long is body text, never a column header (longest seen: 26)
_DASHES = "—－–─―-"  # the extraction prints — as 一 (類別表一開會、談判)
_TOC_ENUM = re.compile(r"^([一二三四五六七八九十]+、|\d+\.)\s*")
_HTML_TAG = re.compile(r"</?(p|ol|ul|li|div|br|span|b|i|u|em|strong)\b[^>]*>", re.IGNORECASE)
_HTML_BREAK = re.compile(r"</?(p|ol|ul|li|div)\b[^>]*>|<br\s*/?>", re.IGNORECASE)
_BULLET = re.compile(r"^-\s+(?=\S)")


# --------------------------------------------------------------------------------------------
# Entry point


def read_text_document(data: bytes, file_name: str) -> SourceDocument:
    """Decode, recognise and split a unit-budget text extraction into regions."""
    text, encoding = decode(data, file_name)
    # Compatibility ideographs (PDF text layers) would hide 中華民國112年度 from the header search.
    text = fold_text(text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start another
    headers = _find_headers(lines)
    _check_unit_budget(text, headers, file_name)
    issues: list[LoadIssue] = []
    split = _split_pages(lines, headers, issues)
    agency, year = _document_identity(headers)
    toc = _toc_titles(split.pages)
    regions = _build_regions(split.pages, toc, agency, issues)
    _report_missing_tables(toc, regions, issues)
    return SourceDocument(
        file_name=file_name,
        encoding=encoding,
        line_count=len(lines),
        page_count=split.page_count,
        agency=agency,
        fiscal_year=year,
        regions=regions,
        issues=issues,
        toc_titles=toc,
        unassigned_lines=sorted(split.unassigned),
        # The cover (lines before the first page header) says 單位預算案 / 法定預算 / 決算.
        stage_hint=recognise_stage(lines[: headers[0].start]),
    )


# --------------------------------------------------------------------------------------------
# Page headers


@dataclass
class _Header:
    start: int  # 0-based index of the agency line
    end: int  # index after the block (after the unit line when there is one)
    kind: str  # "full" | "left" | "right"
    agency: str
    title: str
    year: int | None
    unit: str | None


def _year_kind(line: str) -> tuple[str | None, int | None]:
    s = line.strip()
    if m := _FULL_YEAR.match(s):
        return "full", int(m.group(1))
    if _LEFT_YEAR.match(s):
        return "left", None
    if m := _RIGHT_YEAR.match(s):
        return "right", int(m.group(1))
    return None, None


def _find_headers(lines: list[str]) -> list[_Header]:
    headers: list[_Header] = []
    floor = 0  # a header never reaches back into the previous header block
    for i, line in enumerate(lines):
        if i < floor:
            continue
        kind, year = _year_kind(line)
        if kind is None:
            continue
        above = _previous_nonblank(lines, i, floor, count=2)
        if len(above) < 2:
            continue
        title_i, agency_i = above
        agency, title = lines[agency_i].strip(), lines[title_i].strip()
        if not _AGENCY.match(agency) or not _looks_like_title(lines[title_i]):
            continue
        end, unit = _header_tail(lines, i + 1)
        headers.append(_Header(agency_i, end, kind, agency, title, year, unit))
        floor = end
    return headers


def _previous_nonblank(lines: list[str], i: int, floor: int, count: int) -> list[int]:
    """Indexes of the `count` non-blank lines above i (nearest first), at most 2 blanks apart."""
    found: list[int] = []
    blanks = 0
    j = i - 1
    while j >= floor and len(found) < count:
        if lines[j].strip():
            found.append(j)
            blanks = 0
        else:
            blanks += 1
            if blanks > 2:
                break
        j -= 1
    return found


def _looks_like_title(line: str) -> bool:
    s = line.strip()
    return "\t" not in s and 0 < len(s) <= 40 and bool(_CJK.search(s)) and parse_number(s) is None


def _header_tail(lines: list[str], j: int) -> tuple[int, str | None]:
    """Consume 經資門併計 and the unit line after the year line; return (end, unit)."""
    end = j
    while j < len(lines):
        s = lines[j].strip()
        if not s:
            j += 1
            continue
        if _CAPITAL_FLAG.match(s):
            j += 1
            end = j
            continue
        if m := _UNIT.match(s):
            return j + 1, m.group(1).strip()
        break
    return end, None


def _check_unit_budget(text: str, headers: list[_Header], file_name: str) -> None:
    if re.match(r"\s*<(!doctype\s+html|html)\b", text, re.IGNORECASE):
        raise RefusedInput("not a unit budget: this is an HTML page", file=file_name)
    if not headers:
        raise RefusedInput(
            "not a unit budget: no page header (agency / 中華民國NNN年度) found", file=file_name
        )
    if not any(h.unit and h.unit.startswith("新臺幣") for h in headers):
        raise RefusedInput(
            "not a unit budget: no page header with 單位：新臺幣千元 found", file=file_name
        )
    titles = {_title_key(h.title) for h in headers}
    titles |= {_title_key(a.title + b.title) for a, b in zip(headers, headers[1:], strict=False)}
    if not titles & {_title_key(t) for t in KNOWN_TITLES}:
        raise RefusedInput(
            "not a unit budget: no known table title (預算總說明, 各項費用彙計表 ...) found",
            file=file_name,
        )


def _document_identity(headers: list[_Header]) -> tuple[str | None, int | None]:
    agencies = Counter(h.agency for h in headers if h.kind == "full")
    years = Counter(h.year for h in headers if h.year is not None)
    agency = agencies.most_common(1)[0][0] if agencies else None
    year = years.most_common(1)[0][0] if years else None
    return agency, year


# --------------------------------------------------------------------------------------------
# Pages


@dataclass
class _Page:
    number: int
    kind: str  # "cover" | "full" | "left" | "right"
    header: _Header | None
    body: list[tuple[int, str]]  # (1-based line, raw text); no blanks, no dash separators
    first_line: int
    section: str | None = None


@dataclass
class _Split:
    pages: list[_Page] = field(default_factory=list)
    unassigned: list[tuple[int, str]] = field(default_factory=list)
    page_count: int = 0


def _split_pages(lines: list[str], headers: list[_Header], issues: list[LoadIssue]) -> _Split:
    split = _Split()
    section: list[str | None] = [None]
    cover = list(range(0, headers[0].start))
    if any(lines[i].strip() for i in cover):
        _handle_chunk(lines, None, cover, headers[0], split, section, issues)
    for k, header in enumerate(headers):
        nxt = headers[k + 1] if k + 1 < len(headers) else None
        chunk = list(range(header.end, nxt.start if nxt else len(lines)))
        _handle_chunk(lines, header, chunk, nxt, split, section, issues)
    return split


def _handle_chunk(
    lines: list[str],
    header: _Header | None,
    chunk: list[int],
    nxt: _Header | None,
    split: _Split,
    section: list[str | None],
    issues: list[LoadIssue],
) -> None:
    """One header's page (+ blank pages, dividers, a header-less left page) up to the next."""
    page_section = section[0]  # dividers at the chunk's end introduce the *next* pages
    segments: list[list[int]] = [[]]
    for i in chunk:
        if _BLANK_PAGE.match(lines[i].strip()):
            segments.append([])  # a 本頁空白 page; what follows it is on no page until a header
        else:
            segments[-1].append(i)
    _strip_dividers(lines, segments[-1], split, section, orphan=len(segments) > 1)
    left: list[int] = []
    if nxt is not None and nxt.kind == "right" and (header is None or header.kind != "left"):
        left = _take_headerless_left(lines, segments, header is not None)
        if not left:
            issues.append(_issue("warning", "left_half_missing", nxt, lines, "no left half"))
    own = segments[0]
    split.page_count += 1
    kind = "cover" if header is None else header.kind
    split.pages.append(_make_page(lines, split.page_count, kind, header, own, page_section))
    for extra in segments[1:]:
        split.page_count += 1  # the blank page
        split.unassigned.extend((i + 1, lines[i]) for i in extra if lines[i].strip())
    if left:
        split.page_count += 1
        split.pages.append(_make_page(lines, split.page_count, "left", None, left, section[0]))
        issues.append(
            LoadIssue(
                "info",
                "left_half_header_missing",
                f"left-half page without its page header (lines {left[0] + 1}-{left[-1] + 1});"
                " recognised by the right-half header that follows",
                page=split.page_count,
                line=left[0] + 1,
            )
        )


def _strip_dividers(
    lines: list[str], segment: list[int], split: _Split, section: list[str | None], orphan: bool
) -> None:
    """Section dividers (二、主要表) print between pages; they set the section of what follows."""
    tail: list[int] = []
    while segment and (not lines[segment[-1]].strip() or _is_divider(lines[segment[-1]])):
        tail.append(segment.pop())
    for i in reversed(tail):
        if m := _is_divider(lines[i]):
            split.unassigned.append((i + 1, lines[i]))
            section[0] = m.group(1)
    # A divider can also sit right after a 本頁空白 page, before a header-less left half.
    for i in segment if orphan else []:
        if lines[i].strip() and not _is_divider(lines[i]):
            break
        if m := _is_divider(lines[i]):
            section[0] = m.group(1)


def _is_divider(line: str) -> re.Match[str] | None:
    return _DIVIDER.match(line.strip()) if "\t" not in line else None


def _take_headerless_left(lines: list[str], segments: list[list[int]], has_own: bool) -> list[int]:
    """Cut the last block of non-blank lines (a table's column-header line first) off the chunk.

    Table pages have no blank lines inside their body, so the blank line before the block is
    the page break that the extraction lost together with the left page's header.
    """
    seg = segments[-1]
    while seg and not lines[seg[-1]].strip():
        seg.pop()
    start = len(seg)
    while start > 0 and lines[seg[start - 1]].strip():
        start -= 1
    block = seg[start:]
    if not block or "\t" not in lines[block[0]]:
        return []
    if start == 0 and len(segments) == 1 and has_own:
        return []  # no blank line: the block is the current page's own body
    del seg[start:]
    return block


def _make_page(
    lines: list[str],
    number: int,
    kind: str,
    header: _Header | None,
    indexes: list[int],
    section: str | None,
) -> _Page:
    body = [(i + 1, lines[i]) for i in indexes if lines[i].strip() and not _is_separator(lines[i])]
    first = (header.start if header else (indexes[0] if indexes else 0)) + 1
    return _Page(number, kind, header, body, first, section)


def _is_separator(line: str) -> bool:
    """`-----\\t----` rule lines; a row of single '-' cells is data (zeros), not a rule."""
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    return (
        bool(cells)
        and all(_SEPARATOR_CELL.match(c) for c in cells)
        and (max(len(c) for c in cells) >= 5)
    )


# --------------------------------------------------------------------------------------------
# Cells and rows


def clean_cell(raw: str) -> str:
    """Strip a cell; turn HTML fragments into plain text, one line per paragraph/list item."""
    text = raw.strip()
    if "<" in text and _HTML_TAG.search(text):
        text = _HTML_BREAK.sub("\n", text)
        text = html.unescape(_HTML_TAG.sub("", text))
        text = "\n".join(p.strip() for p in text.split("\n") if p.strip())
    if _BULLET.match(text) and parse_number(text) is None:
        text = _BULLET.sub("", text)  # markdown bullet of the extraction, not printed
    return text


def _make_row(line_no: int, raw: str, page: int) -> Row:
    cells = [Cell(clean_cell(c), page, line_no) for c in raw.split("\t")]
    return Row(cells, page, line_no)


def _row_key(row: Row) -> tuple[str, ...]:
    """Row identity for repeated header lines: spacing differs between pages (說 明 / 說明)."""
    texts = ["".join(c.text.split()) for c in row.cells]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


def _is_numeric(text: str) -> bool:
    return bool(text) and parse_number(text) is not None


def _is_key_row(row: Row) -> bool:
    first = row.cells[0].text.replace(" ", "") if row.cells else ""
    return first.startswith(_KEY_ROW_LABEL)


def _is_data_like(row: Row, *, numbers_only: bool = False) -> bool:
    if any(_is_numeric(c.text) for c in row.cells):
        return True
    if numbers_only:
        return False
    first = next((c.text for c in row.cells if c.text), "")
    return bool(_ITEM_MARKER.match(first))


def _is_long_text(row: Row) -> bool:
    """Prose (計畫內容： …。) is body; column headers are short labels without a full stop."""
    return any(len(c.text) > _LONG_TEXT or "\n" in c.text or "。" in c.text for c in row.cells)


def _has_value_after_label(row: Row) -> bool:
    """A left-half row with a number right of its label has a right-half partner.

    `22 數位發展部主管` (only the 款 code, left of the name) and wrapped name lines have none.
    """
    texts = [c.text for c in row.cells]
    label = next((i for i, t in enumerate(texts) if t and not _is_numeric(t)), -1)
    return any(_is_numeric(t) for t in texts[label + 1 :])


def split_header_rows(
    rows: list[Row], known: set[tuple[str, ...]], *, mode: str, expected_lead: int = 0
) -> tuple[list[Row], list[Row], int]:
    """Split one page's rows into (column-header rows, body rows, leading header count).

    mode "first": first page of a table: leading rows before the first row with a number or an
    item marker are headers (long-text rows among them stay body). mode "right": right halves,
    leading rows before the first row with a number. mode "continuation": leading rows equal to
    a header row already seen in this table; when fewer match than the previous page led with
    (`expected_lead`), the page has its own column layout and "first" goes on from there. In
    every mode `工作計畫名稱及編號` caption rows and later repeats of a known header row (a
    mid-page `分支計畫及用途別科目` line) are headers too.
    """
    lead = 0
    if mode == "continuation":
        while lead < len(rows) and (_row_key(rows[lead]) in known or _is_key_row(rows[lead])):
            lead += 1
        mode = "first" if lead == 0 or lead < expected_lead else "done"
    headers: list[Row] = list(rows[:lead])
    body: list[Row] = []
    leading = mode != "done"
    for row in rows[lead:]:
        if leading and _is_key_row(row):
            headers.append(row)
        elif leading and _is_data_like(row, numbers_only=mode == "right"):
            leading = False
            body.append(row)
        elif leading and mode == "first" and _is_long_text(row):
            body.append(row)
        elif leading:
            headers.append(row)
        else:
            body.append(row)
    lead_count = len(headers)
    body = _pull_repeats(body, known | _keys(headers), headers)
    return headers, body, lead_count


def _keys(rows: Iterable[Row]) -> set[tuple[str, ...]]:
    return {_row_key(r) for r in rows}


def _pull_repeats(body: list[Row], known: set[tuple[str, ...]], headers: list[Row]) -> list[Row]:
    """Move body rows that repeat a header row (or are caption rows) into `headers`."""
    kept: list[Row] = []
    for row in body:
        if _row_key(row) in known or _is_key_row(row):
            headers.append(row)
        else:
            kept.append(row)
    headers.sort(key=lambda r: r.line)
    return kept


# --------------------------------------------------------------------------------------------
# Titles and the table of contents


def _title_key(title: str) -> str:
    """Comparison key: no whitespace, every dash variant (and the 一 the extraction prints for
    —) folded to 一."""
    key = "".join(title.split())
    return key.translate({ord(d): "一" for d in _DASHES})


def _display_title(title: str) -> str:
    t = "".join(title.split())
    return re.sub(f"類別表[{_DASHES}一]", "類別表—", t)


def _toc_titles(pages: list[_Page]) -> list[str]:
    for page in pages:
        if page.header and _title_key(page.header.title) == "目次":
            titles = []
            for _, raw in page.body:
                cells = [c.strip() for c in raw.split("\t")]
                if len(cells) >= 2 and cells[1]:  # a page reference: an entry, not a section
                    titles.append(_display_title(_TOC_ENUM.sub("", cells[0])))
            return titles
    return []


def _resolve_title(
    left: str, right: str, partial: bool, toc: list[str], after: int
) -> tuple[str, int | None]:
    """TOC title for a printed title: exact match, else (partial title) the next TOC entry
    after the last matched one that starts with the left and ends with the right part."""
    printed = _title_key(left + right)
    for i, t in enumerate(toc):
        if _title_key(t) == printed:
            return t, i
    if partial:
        lk, rk = _title_key(left), _title_key(right)
        for i in range(after + 1, len(toc)):
            key = _title_key(toc[i])
            if key.endswith(rk) and key.startswith(lk) and len(key) > len(printed):
                return toc[i], i
    return _display_title(left + right), None


# --------------------------------------------------------------------------------------------
# Regions


@dataclass
class _Unit:
    """One page, or a left page with its right page."""

    pages: list[_Page]
    left: _Page | None = None
    right: _Page | None = None

    @property
    def is_pair(self) -> bool:
        return self.left is not None and self.right is not None


@dataclass
class _Builder:
    region: Region
    right_partial: str | None = None
    paired: bool = False  # the table is printed as left/right half pages
    known_left: set[tuple[str, ...]] = field(default_factory=set)
    known_right: set[tuple[str, ...]] = field(default_factory=set)
    lead_left: int = 0  # leading header rows on the previous page (left half) of the table
    # per page (unit): (header rows, body rows) for plain pages
    plain: list[tuple[list[Row], list[Row]]] = field(default_factory=list)
    pairs: list[HalfPair] = field(default_factory=list)
    lines: list[tuple[int, str, int]] = field(default_factory=list)  # (line, raw text, page)


def _units(pages: list[_Page], issues: list[LoadIssue]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    while i < len(pages):
        page = pages[i]
        nxt = pages[i + 1] if i + 1 < len(pages) else None
        if page.kind == "left" and nxt is not None and nxt.kind == "right":
            units.append(_Unit([page, nxt], page, nxt))
            i += 2
            continue
        if page.kind == "left":
            issues.append(_page_issue("warning", "right_half_missing", page, "no right half"))
        units.append(_Unit([page]))
        i += 1
    return units


def _build_regions(
    pages: list[_Page], toc: list[str], agency: str | None, issues: list[LoadIssue]
) -> list[Region]:
    builders: list[_Builder] = []
    toc_pos = -1
    for unit in _units(pages, issues):
        cur = builders[-1] if builders else None
        if cur is not None and _continues(cur, unit):
            _add_unit(cur, unit)
            continue
        builder, pos = _new_builder(unit, toc, toc_pos, agency, issues)
        toc_pos = pos if pos is not None else toc_pos
        _add_unit(builder, unit)
        builders.append(builder)
    return [_finish(b, issues) for b in builders]


def _unit_titles(unit: _Unit) -> tuple[str, str, bool]:
    """(left part, right part, partial?) of the printed title of a unit."""
    if unit.is_pair:
        assert unit.left is not None and unit.right is not None
        left = unit.left.header.title if unit.left.header else ""
        right = unit.right.header.title if unit.right.header else ""
        return left.strip(), right.strip(), True
    page = unit.pages[0]
    if page.kind == "cover":
        return COVER_TITLE, "", False
    title = page.header.title.strip() if page.header else ""
    return title, "", page.kind != "full"


def _continues(cur: _Builder, unit: _Unit) -> bool:
    region = cur.region
    paired = cur.paired
    left, right, _ = _unit_titles(unit)
    joined = _title_key(left + right)
    same_title = joined in {_title_key(region.title), _title_key(region.printed_title or "")}
    if not unit.is_pair:
        return unit.pages[0].kind != "cover" and same_title and not paired
    if not paired:
        return False
    assert unit.left is not None
    if unit.left.header is not None:
        # A full left title continues a table whose first pages lost theirs (only "分析表").
        printed = _title_key(region.printed_title or "")
        return same_title or bool(printed) and joined.endswith(printed)
    if _title_key(right) != _title_key(cur.right_partial or ""):
        return False
    first = unit.left.body[0] if unit.left.body else None
    return first is not None and _row_key(_make_row(first[0], first[1], 0)) in cur.known_left


def _new_builder(
    unit: _Unit, toc: list[str], toc_pos: int, agency: str | None, issues: list[LoadIssue]
) -> tuple[_Builder, int | None]:
    left, right, partial = _unit_titles(unit)
    first = unit.pages[0]
    if first.kind == "cover":
        title, pos, printed = COVER_TITLE, None, COVER_TITLE
    else:
        title, pos = _resolve_title(left, right, partial, toc, toc_pos)
        printed = _display_title(left + right)
    kind = "cover" if first.kind == "cover" else "text" if title in TEXT_TITLES else "table"
    header = next((p.header for p in unit.pages if p.header and p.header.unit), None)
    year_header = next((p.header for p in unit.pages if p.header and p.header.year), None)
    region = Region(
        title=title,
        header_rows=[],
        rows=[],
        pages=[],
        first_line=first.first_line,
        last_line=first.first_line,
        unit=header.unit if header else None,
        agency=_unit_agency(unit, agency),
        fiscal_year=year_header.year if year_header else None,
        kind=kind,
        printed_title=printed if printed != title else None,
        section=first.section,
    )
    if region.printed_title and pos is not None:
        issues.append(
            _page_issue(
                "info",
                "title_from_toc",
                first,
                f"printed title {printed!r} completed to {title!r} from the table of contents",
            )
        )
    builder = _Builder(region, right_partial=right if unit.is_pair else None, paired=unit.is_pair)
    return builder, pos


def _unit_agency(unit: _Unit, agency: str | None) -> str | None:
    if unit.is_pair:
        assert unit.left is not None and unit.right is not None
        parts = [p.header.agency for p in (unit.left, unit.right) if p.header]
        joined = "".join(parts)
        # A header-less left half leaves only 數位產業署: the document's agency ends with it.
        if agency and unit.left.header is None and agency.endswith(joined):
            return agency
        return joined or agency
    header = unit.pages[0].header
    return header.agency if header else agency


def _add_unit(builder: _Builder, unit: _Unit) -> None:
    region = builder.region
    region.pages.extend(p.number for p in unit.pages)
    last_body = [n for p in unit.pages for n, _ in p.body]
    region.last_line = max([region.last_line, *last_body])
    builder.lines.extend(sorted((n, t, p.number) for p in unit.pages for n, t in p.body))
    if unit.is_pair:
        _add_pair(builder, unit)
        return
    page = unit.pages[0]
    rows = [_make_row(n, t, page.number) for n, t in page.body]
    if region.kind != "table":
        builder.plain.append(([], rows))
        return
    mode = "continuation" if builder.plain else "first"
    if page.kind == "right":
        mode = "right"
    headers, body, builder.lead_left = split_header_rows(
        rows, builder.known_left, mode=mode, expected_lead=builder.lead_left
    )
    builder.known_left |= _keys(headers)
    builder.plain.append((headers, body))


def _add_pair(builder: _Builder, unit: _Unit) -> None:
    assert unit.left is not None and unit.right is not None
    left_rows = [_make_row(n, t, unit.left.number) for n, t in unit.left.body]
    right_rows = [_make_row(n, t, unit.right.number) for n, t in unit.right.body]
    mode = "continuation" if builder.pairs else "first"
    lh, lb, builder.lead_left = split_header_rows(
        left_rows, builder.known_left, mode=mode, expected_lead=builder.lead_left
    )
    rh, rb, _ = split_header_rows(right_rows, builder.known_right, mode="right")
    builder.known_left |= _keys(lh)
    builder.known_right |= _keys(rh)
    builder.pairs.append(
        HalfPair(
            left_page=unit.left.number,
            right_page=unit.right.number,
            left_header_rows=lh,
            right_header_rows=rh,
            left_rows=lb,
            right_rows=rb,
            left_has_page_header=unit.left.header is not None,
        )
    )


def _finish(builder: _Builder, issues: list[LoadIssue]) -> Region:
    region = builder.region
    for headers, body in builder.plain:
        region.page_breaks.append(len(region.rows))
        region.page_header_rows.append(headers)
        region.rows.extend(body)
    if builder.pairs:
        _stitch(region, builder.pairs, issues)
    region.header_rows = region.page_header_rows[0] if region.page_header_rows else []
    region.numeric_tokens = _numeric_tokens(builder.lines, region.page_header_rows)
    return region


def _numeric_tokens(
    lines: list[tuple[int, str, int]], page_header_rows: list[list[Row]]
) -> list[tuple[int, int, str]]:
    """Whole-cell numbers of the table's lines; a page caption reprinted verbatim on every page
    (such as 工作計畫名稱及編號 … 預算金額) counts once."""
    tokens = []
    captions = {row.line for page in page_header_rows for row in page}
    seen: set[str] = set()
    for line_no, text, page in lines:
        if line_no in captions:
            if text in seen:
                continue
            seen.add(text)
        for cell in text.split("\t"):
            t = cell.strip()
            if t and t not in ("-", "－") and parse_number(t) is not None:
                tokens.append((page, line_no, t))
    return tokens


def _width(rows: Iterable[Row]) -> int:
    return max((len(r.cells) for r in rows), default=0)


def _stitch(region: Region, pairs: list[HalfPair], issues: list[LoadIssue]) -> None:
    """Join each left row with its right partner; one width for the whole table so that a
    column keeps its position on every page pair."""
    lw = _width(r for p in pairs for r in p.left_header_rows + p.left_rows)
    rw = _width(r for p in pairs for r in p.right_header_rows + p.right_rows)
    halves = region.halves = Halves(
        left_width=lw,
        pairs=pairs,
        left_header_rows=pairs[0].left_header_rows,
        right_header_rows=pairs[0].right_header_rows,
    )
    for pair in pairs:
        halves.left_rows.extend(pair.left_rows)
        halves.right_rows.extend(pair.right_rows)
        region.page_breaks.append(len(region.rows))
        region.page_header_rows.append(
            _stitch_headers(pair.left_header_rows, pair.right_header_rows, lw, rw)
        )
        region.rows.extend(_stitch_body(region, pair, lw, rw, issues))


def _stitch_headers(left: list[Row], right: list[Row], lw: int, rw: int) -> list[Row]:
    """Column-header lines of the two halves, joined top-aligned (counts may differ)."""
    n = max(len(left), len(right))
    return [
        _join(left[i] if i < len(left) else None, right[i] if i < len(right) else None, lw, rw)
        for i in range(n)
    ]


def _stitch_body(
    region: Region, pair: HalfPair, lw: int, rw: int, issues: list[LoadIssue]
) -> list[Row]:
    partners = [r for r in pair.left_rows if _has_value_after_label(r)]
    if len(partners) == len(pair.right_rows):
        groups = [[r] for r in pair.right_rows]
        how = ""
    else:
        groups, how = _group_right_rows(pair.right_rows, len(partners))
        first = pair.left_rows[0].line if pair.left_rows else None
        issues.append(
            LoadIssue(
                "warning",
                "halves_unpaired",
                f"{region.title}: {len(partners)} left rows with numbers (page "
                f"{pair.left_page}) vs {len(pair.right_rows)} right rows (page "
                f"{pair.right_page}); {how}; raw halves kept on the region "
                "(left_rows/right_rows/half_pairs)",
                page=pair.left_page,
                line=first,
            )
        )
    n = min(len(partners), len(groups))
    group_of = {id(left): group for left, group in zip(partners[:n], groups[:n], strict=True)}
    rows: list[Row] = []
    for left in pair.left_rows:
        group = group_of.get(id(left))
        rows.append(_join(left, group[0] if group else None, lw, rw))
        rows.extend(_join(None, extra, lw, rw) for extra in (group or [])[1:])
    rows.extend(_join(None, r, lw, rw) for group in groups[n:] for r in group)
    return rows


def _group_right_rows(right: list[Row], wanted: int) -> tuple[list[list[Row]], str]:
    """Right rows for `wanted` partners when the counts differ.

    When exactly `wanted` right rows have a first cell, each starts a group and the rows with
    an empty first cell are its sub-rows (出國計畫: one main row + history rows per plan);
    otherwise rows pair one by one in order.
    """
    starts = [i for i, r in enumerate(right) if r.cells and r.cells[0].text]
    if wanted and len(starts) == wanted and starts[0] == 0:
        bounds = [*starts, len(right)]
        groups = [right[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
        return groups, (
            "paired with the right rows that have a first cell; the others follow their "
            "main row as right-only rows"
        )
    return [[r] for r in right], "paired in order as far as possible"


def _join(left: Row | None, right: Row | None, lw: int, rw: int) -> Row:
    """left cells padded to lw + right cells padded to rw; padding cells are '' on the line of
    the part they pad, so every position holds on every row."""
    anchor = left or right
    assert anchor is not None
    cells = _padded(left, lw, anchor) + _padded(right, rw, right or anchor)
    return Row(
        cells,
        page=anchor.page,
        line=anchor.line,
        right_line=right.line if right else None,
        right_page=right.page if right else None,
    )


def _padded(row: Row | None, width: int, anchor: Row) -> list[Cell]:
    cells = list(row.cells) if row else []
    cells += [Cell("", anchor.page, anchor.line)] * (width - len(cells))
    return cells


# --------------------------------------------------------------------------------------------
# Issues


def _report_missing_tables(toc: list[str], regions: list[Region], issues: list[LoadIssue]) -> None:
    found = {_title_key(r.title) for r in regions}
    for title in toc:
        if _title_key(title) not in found:
            issues.append(
                LoadIssue(
                    "warning",
                    "table_missing",
                    f"{title} is listed in the table of contents but not in the text",
                )
            )


def _issue(
    severity: Severity, code: str, header: _Header, lines: list[str], what: str
) -> LoadIssue:
    return LoadIssue(
        severity,
        code,
        f"{what} before the right-half page at line {header.start + 1} "
        f"({lines[header.start].strip()} / {header.title.strip()})",
        line=header.start + 1,
    )


def _page_issue(severity: Severity, code: str, page: _Page, message: str) -> LoadIssue:
    return LoadIssue(
        severity,
        code,
        message,
        page=page.number,
        line=page.first_line,
    )
