"""Pages -> `Region`s: consecutive pages of one table, header rows, halves stitched.

Built to look like what `read_text_document` gives for the same table, so the table parsers
read both (DOMAIN.md §5):

* one printed line is one `Row`; cells keep the column grid of their table block ('' for an
  empty column), wrapped lines of a cell stay separate rows as in the text rendering;
* consecutive pages with the same title, agency and 附錄 unit are one Region (`(續)` pages
  continue their table); `page_breaks` / `page_header_rows` say where each page (or page pair)
  starts and which column-header rows it printed. 各項費用彙計表 prints its work-plan columns in
  groups of pages, the 合計 column only in the last group: each group's pages stay consecutive
  pages of the one Region, each with its own header rows (codes and names of its columns), so a
  row of a later group is a new row with the same object class, not a wider row;
* a wide table's left and right pages are stitched: rows pair by baseline (both halves are
  one drawing, so a left row and its right part share the baseline exactly); each stitched row
  is the left cells padded to `left_width` then the right cells; raw halves stay on the Region
  (`left_rows`, `right_rows`, `half_pairs`);
* column-header rows are told from body rows as the text reader does (`split_header_rows`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unitbudget.loaders.amounts import parse_number
from unitbudget.loaders.issues import LoadIssue
from unitbudget.loaders.readers.text import TEXT_TITLES, split_header_rows
from unitbudget.loaders.regions import (
    Cell,
    HalfPair,
    Halves,
    Region,
    Row,
    caption_lines,
    numeric_tokens,
)

from .lines import Line
from .pages import PageInfo, squash

_DASHES = "—－–─―-"
_PAIR_TOLERANCE = 3.0  # pt: a left row and its right part share the baseline (loose boxes of
# CJK and Latin fonts put it up to ~2 pt apart)
# agency suffix of the consolidated table when units print their own
_CONSOLIDATED = "彙編"
_ACCOUNT_CODE = re.compile(r"^\d{9,10}$")
# A caption such as 計畫內容： / 預期成果： opens a block of its own: never a wrapped line.
_CAPTION_END = ("：", ":")
_CODE_LIKE = re.compile(r"^(\d{1,2}\.)?\d{9,10}$")
_ITEM_START = re.compile(
    r"^(\d+(\s|\.|$)|[一二三四五六七八九十]+\s*[、·．.]|[(（]\s*[\d一二三四五六七八九十]+\s*[)）]"
    r"|\[\d+\]|<\d+>|合\s*計|總\s*計|小\s*計)"
)


@dataclass
class NumberedPage:
    """A classified page with the book-wide line number of each of its lines."""

    info: PageInfo
    line_numbers: list[int]
    section: str | None
    appendix: str | None
    unit_name: str | None

    @property
    def number(self) -> int:
        return self.info.number


@dataclass
class _Unit:
    pages: list[NumberedPage]

    @property
    def is_pair(self) -> bool:
        return len(self.pages) == 2


@dataclass
class _Builder:
    region: Region
    key: tuple[str, str, str | None]
    known_left: set[tuple[str, ...]] = field(default_factory=set)
    known_right: set[tuple[str, ...]] = field(default_factory=set)
    lead_left: int = 0
    plain: list[tuple[list[Row], list[Row]]] = field(default_factory=list)
    pairs: list[tuple[HalfPair, list[tuple[float, Row | None, Row | None]]]] = field(
        default_factory=list
    )
    pair_headers: list[list[tuple[float, Row | None, Row | None]]] = field(default_factory=list)
    paired: bool = False  # the table is printed as left/right half pages
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line, cells joined by tabs)


def title_key(title: str) -> str:
    """Comparison key of a title: no whitespace, every dash folded to 一 (as the text reader)."""
    return squash(title).translate({ord(d): "一" for d in _DASHES})


def display_title(title: str) -> str:
    """Printed title in the text rendering's form: 派員出國計畫預算類別表—開會、談判."""
    return re.sub(f"類別表[{_DASHES}]", "類別表—", squash(title))


def build_regions(pages: list[NumberedPage], issues: list[LoadIssue]) -> list[Region]:
    """Group the table, prose and contents pages into Regions, in page order."""
    builders: list[_Builder] = []
    for unit in _units(pages, issues):
        key = _unit_key(unit)
        cur = builders[-1] if builders else None
        if cur is not None and cur.key == key and _continues(cur, unit):
            _add(cur, unit)
            continue
        builder = _new_builder(unit, key)
        _add(builder, unit)
        builders.append(builder)
    regions = [_finish(b) for b in builders]
    _mark_units(regions)
    return regions


def _units(pages: list[NumberedPage], issues: list[LoadIssue]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    useful = [p for p in pages if p.info.header is not None and p.info.kind in ("table", "toc")]
    while i < len(useful):
        page = useful[i]
        nxt = useful[i + 1] if i + 1 < len(useful) else None
        kind = page.info.header.kind if page.info.header else None
        if (
            kind == "left"
            and nxt is not None
            and nxt.info.header
            and nxt.info.header.kind == "right"
        ):
            units.append(_Unit([page, nxt]))
            i += 2
            continue
        if kind in ("left", "right"):
            issues.append(
                LoadIssue(
                    "warning",
                    "right_half_missing" if kind == "left" else "left_half_missing",
                    f"page {page.number}: a {kind} half page without its other half",
                    page=page.number,
                    line=page.line_numbers[0] if page.line_numbers else None,
                )
            )
        units.append(_Unit([page]))
        i += 1
    return units


def _unit_title(unit: _Unit) -> tuple[str, str]:
    """(title, agency) as printed, halves joined."""
    headers = [p.info.header for p in unit.pages if p.info.header]
    return "".join(h.title for h in headers), "".join(h.agency for h in headers)


def _unit_key(unit: _Unit) -> tuple[str, str, str | None]:
    title, agency = _unit_title(unit)
    return title_key(title), agency, unit.pages[0].appendix


def _continues(cur: _Builder, unit: _Unit) -> bool:
    return cur.paired == unit.is_pair


def _new_builder(unit: _Unit, key: tuple[str, str, str | None]) -> _Builder:
    title, agency = _unit_title(unit)
    first = unit.pages[0]
    header = first.info.header
    assert header is not None
    unit_header = next((p.info.header for p in unit.pages if p.info.header.unit), header)  # type: ignore[union-attr]
    year_header = next((p.info.header for p in unit.pages if p.info.header.year), header)  # type: ignore[union-attr]
    shown = display_title(title)
    if first.info.kind == "toc":
        kind, final = "text", "目次"
    else:
        kind = "text" if shown in TEXT_TITLES else "table"
        final = shown
    region = Region(
        title=final,
        header_rows=[],
        rows=[],
        pages=[],
        first_line=first.line_numbers[0] if first.line_numbers else 0,
        last_line=first.line_numbers[0] if first.line_numbers else 0,
        unit=unit_header.unit if unit_header else None,
        agency=agency or None,
        fiscal_year=year_header.year if year_header else None,
        kind=kind,
        printed_title=shown if shown != final else None,
        section=first.section,
        appendix=first.appendix,
        unit_name=first.unit_name,
    )
    return _Builder(region, key, paired=unit.is_pair)


def _rows(page: NumberedPage, table: bool = True) -> list[tuple[float, Row]]:
    """Body rows of a page with their baselines; in tables, code lines joined to the line
    below and wrapped lines to the row above (prose keeps its printed lines)."""
    out = []
    for i in page.info.body:
        line: Line = page.info.lines[i]
        n = page.line_numbers[i]
        cells = [Cell(c.text.strip(), page.number, n, c.box) for c in line.cells]
        out.append((line.baseline, Row(cells, page.number, n)))
    return _join_wrapped_lines(_join_code_lines(out)) if table else out


def _join_wrapped_lines(rows: list[tuple[float, Row]]) -> list[tuple[float, Row]]:
    """A line without numbers that only continues text cells of the row above (a wrapped
    name or 說明) joins that row, each cell's text after a space: the text rendering prints a
    wrapped cell as one cell (`(2)新興智慧移動空間感知 協作及產業躍升計畫`). A line that
    starts an item (01, 1., (1), 一、, 合計, a code) or a caption (計畫內容：) is a row of its
    own. Where the line above filled its column and a code or number goes on across the
    break (`971-J` / `ML`, `兩用車1` / `輛`), the space is recorded in `Cell.glued`."""
    edges = _column_edges(rows)
    out: list[tuple[float, Row]] = []
    # each joined cell's last printed line (a joined cell's box covers all its lines)
    last_lines: list[dict[int, Cell]] = []
    for y, row in rows:
        prev = out[-1][1] if out else None
        filled = [k for k, c in enumerate(row.cells) if c.text]
        if (
            prev is not None
            and filled
            and not any(parse_number(row.cells[k].text) is not None for k in filled)
            and all(
                k < len(prev.cells) and prev.cells[k].text and not _is_amount(prev.cells[k].text)
                for k in filled
            )
            and not _ITEM_START.match(row.cells[filled[0]].text)
            and not row.cells[filled[0]].text.endswith(_CAPTION_END)
        ):
            cells = list(prev.cells)
            last = last_lines[-1]
            for k in filled:
                old, new = cells[k], row.cells[k]
                above = last.get(k, old)
                space = _wrap_space(old.text)
                glued = old.glued
                if (
                    space
                    and _code_goes_on(above.text, new.text)
                    and _fills(above.box, edges.get(k))
                ):
                    glued = (*glued, len(old.text))
                cells[k] = Cell(
                    f"{old.text}{space}{new.text}",
                    old.page,
                    old.line,
                    _union(old.box, new.box),
                    glued,
                )
                last[k] = new
            out[-1] = (out[-1][0], Row(cells, prev.page, prev.line))
            continue
        out.append((y, row))
        last_lines.append({})
    return out


# How close to its column's right edge a line's text must end to have filled it: less than
# half a character (a half-width letter of a CJK font is half its height), so nothing more
# would have fitted.
_FILLED = 0.5
# A line that starts with a number and a mark starts an item (`2.辦理`, `7、`)
_ITEM_NUMBER = re.compile(r"\d+[.．、)）]")
# A number glued to the text before it ends the line (`兩用車1`; `相關 01` prints a number)
_GLUED_NUMBER_END = re.compile(r"[^\d\s]\d+$")


def _column_edges(rows: list[tuple[float, Row]]) -> dict[int, float]:
    """Right edge of each column's text on a page: where its widest line ends (points)."""
    edges: dict[int, float] = {}
    for _, row in rows:
        for k, c in enumerate(row.cells):
            if c.text and c.box is not None and c.box[2] > edges.get(k, float("-inf")):
                edges[k] = c.box[2]
    return edges


def _fills(box: tuple[float, float, float, float] | None, edge: float | None) -> bool:
    """Whether a printed line's text (box in points) reaches its column's right edge."""
    if box is None or edge is None:
        return False
    return edge - box[2] < _FILLED * (box[3] - box[1])


def _code_goes_on(line: str, after: str) -> bool:
    """Whether a printed line broken only for want of room continues a code or a number on
    the next line: capitals, digits or a hyphen on both sides (`971-J` / `ML`, `AE` /
    `Q-5067`, `8` / `3,890千元`), or a number glued to the text before it and the ideograph
    after it (`兩用車1` / `輛`). Lower-case words keep the space: `(New` / `eID)` are two."""
    if not line or not after or _ITEM_NUMBER.match(after):
        return False
    a, b = line[-1], after[0]
    if (a.isdigit() or "A" <= a <= "Z" or a == "-") and (b.isdigit() or "A" <= b <= "Z"):
        return a.isascii() and b.isascii()
    return _ideograph(b) and _GLUED_NUMBER_END.search(line) is not None


def _ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _wrap_space(text: str) -> str:
    """The space a wrapped cell's lines are joined with: none after a hyphen that ends a word
    (`邁向3D智慧國土-` / `國家底圖…` is one name), one otherwise (a dash alone keeps it)."""
    return "" if len(text) > 1 and text[-1] == "-" and not text[-2].isspace() else " "


def _join_code_lines(rows: list[tuple[float, Row]]) -> list[tuple[float, Row]]:
    """An account code printed on its own line above its name (`0008010000` / `內政部 …`)
    becomes one cell `0008010000 內政部` on the name's row, as the text rendering prints it."""
    out: list[tuple[float, Row]] = []
    i = 0
    while i < len(rows):
        y, row = rows[i]
        filled = [k for k, c in enumerate(row.cells) if c.text]
        nxt = rows[i + 1][1] if i + 1 < len(rows) else None
        if (
            nxt is not None
            and len(filled) == 1
            and _ACCOUNT_CODE.match(row.cells[filled[0]].text)
            and filled[0] < len(nxt.cells)
            and nxt.cells[filled[0]].text
            and parse_number(nxt.cells[filled[0]].text) is None
        ):
            k = filled[0]
            code, name = row.cells[k], nxt.cells[k]
            merged = Cell(
                f"{code.text} {name.text}", name.page, name.line, _union(code.box, name.box)
            )
            cells = list(nxt.cells)
            cells[k] = merged
            out.append((rows[i + 1][0], Row(cells, nxt.page, nxt.line)))
            i += 2
            continue
        out.append((y, row))
        i += 1
    return out


def _is_amount(text: str) -> bool:
    """A number, but not an account code (`3708012501`, `1.3708010100`: item 1, code …)."""
    return parse_number(text) is not None and not _CODE_LIKE.match(text)


def _union(
    a: tuple[float, float, float, float] | None, b: tuple[float, float, float, float] | None
) -> tuple[float, float, float, float] | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _add(builder: _Builder, unit: _Unit) -> None:
    region = builder.region
    for p in unit.pages:
        region.pages.append(p.number)
        if p.info.label:
            region.page_labels[p.number] = p.info.label
        body_numbers = [p.line_numbers[i] for i in p.info.body]
        if body_numbers:
            region.last_line = max(region.last_line, max(body_numbers))
        builder.lines.extend(
            (r.line, "\t".join(r.texts())) for _, r in _rows(p, region.kind == "table")
        )
    if unit.is_pair:
        _add_pair(builder, unit)
        return
    rows = [r for _, r in _rows(unit.pages[0], region.kind == "table")]
    if region.kind != "table":
        builder.plain.append(([], rows))
        return
    mode = "continuation" if builder.plain else "first"
    headers, body, builder.lead_left = split_header_rows(
        rows, builder.known_left, mode=mode, expected_lead=builder.lead_left
    )
    if _body_in_header_box(unit.pages[0], body):
        headers, body = _ruled_header(unit.pages[0], _rows(unit.pages[0]), headers, body)
        builder.lead_left = len(headers)
    builder.known_left |= {_row_key(r) for r in headers}
    builder.plain.append((headers, body))


def _add_pair(builder: _Builder, unit: _Unit) -> None:
    left_page, right_page = unit.pages
    left = _rows(left_page)
    right = _rows(right_page)
    mode = "continuation" if builder.pairs else "first"
    lh, lb, builder.lead_left = split_header_rows(
        [r for _, r in left], builder.known_left, mode=mode, expected_lead=builder.lead_left
    )
    if _body_in_header_box(left_page, lb):
        lh, lb = _ruled_header(left_page, left, lh, lb)
        builder.lead_left = len(lh)
    builder.known_left |= {_row_key(r) for r in lh}
    body_ids = {id(r) for r in lb}
    left_body = [(y, r) for y, r in left if id(r) in body_ids]
    left_head = [(y, r) for y, r in left if id(r) not in body_ids]
    if left_body:
        top = left_body[0][0] + _PAIR_TOLERANCE
        right_head = [(y, r) for y, r in right if y > top]
        right_body = [(y, r) for y, r in right if y <= top]
    else:
        rh, rb, _ = split_header_rows([r for _, r in right], builder.known_right, mode="right")
        ids = {id(r) for r in rb}
        right_head = [(y, r) for y, r in right if id(r) not in ids]
        right_body = [(y, r) for y, r in right if id(r) in ids]
    builder.known_right |= {_row_key(r) for _, r in right_head}
    pair = HalfPair(
        left_page=left_page.number,
        right_page=right_page.number,
        left_header_rows=[r for _, r in left_head],
        right_header_rows=[r for _, r in right_head],
        left_rows=[r for _, r in left_body],
        right_rows=[r for _, r in right_body],
    )
    builder.pairs.append((pair, _match(left_body, right_body)))
    builder.pair_headers.append(_match(left_head, right_head))


def _body_in_header_box(page: NumberedPage, body: list[Row]) -> bool:
    bottom = page.info.column_header_bottom
    if bottom is None or not body:
        return False
    baseline = {page.line_numbers[i]: page.info.lines[i].baseline for i in page.info.body}
    return baseline.get(body[0].line, 0.0) > bottom


def _ruled_header(
    page: NumberedPage, rows: list[tuple[float, Row]], headers: list[Row], body: list[Row]
) -> tuple[list[Row], list[Row]]:
    """Column headers by the rules when their wording did not tell (the first header line of
    各項費用彙計表 is a row of work-plan codes): the rows above the rule closing the header box."""
    bottom = page.info.column_header_bottom
    if bottom is None:
        return headers, body
    above = [r for y, r in rows if y > bottom]
    if not above or len(above) == len(rows):
        return headers, body
    ids = {id(r) for r in above}
    return above, [r for _, r in rows if id(r) not in ids]


def _match(
    left: list[tuple[float, Row]], right: list[tuple[float, Row]]
) -> list[tuple[float, Row | None, Row | None]]:
    """Left and right rows merged top to bottom; rows on one baseline pair up."""
    out: list[tuple[float, Row | None, Row | None]] = []
    i = j = 0
    while i < len(left) or j < len(right):
        if j >= len(right) or (i < len(left) and left[i][0] > right[j][0] + _PAIR_TOLERANCE):
            out.append((left[i][0], left[i][1], None))
            i += 1
        elif i >= len(left) or right[j][0] > left[i][0] + _PAIR_TOLERANCE:
            out.append((right[j][0], None, right[j][1]))
            j += 1
        else:
            out.append((left[i][0], left[i][1], right[j][1]))
            i += 1
            j += 1
    return out


def _finish(builder: _Builder) -> Region:
    region = builder.region
    for headers, body in builder.plain:
        region.page_breaks.append(len(region.rows))
        region.page_header_rows.append(headers)
        region.rows.extend(body)
    if builder.pairs:
        _stitch(builder)
    region.header_rows = region.page_header_rows[0] if region.page_header_rows else []
    region.numeric_tokens = _tokens(region, builder.lines)
    return region


def _tokens(region: Region, lines: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    page_of = {}
    for row in [*region.rows, *(r for rows in region.page_header_rows for r in rows)]:
        for c in row.cells:
            page_of[c.line] = c.page
    for pair in region.half_pairs:
        for r in [
            *pair.left_header_rows,
            *pair.right_header_rows,
            *pair.left_rows,
            *pair.right_rows,
        ]:
            page_of[r.line] = r.page
    return numeric_tokens(
        ((page_of.get(line_no, 0), line_no, text) for line_no, text in lines),
        caption_lines(region),
    )


def _stitch(builder: _Builder) -> None:
    region = builder.region
    pairs = [p for p, _ in builder.pairs]
    lw = max((len(r.cells) for p in pairs for r in p.left_header_rows + p.left_rows), default=0)
    rw = max((len(r.cells) for p in pairs for r in p.right_header_rows + p.right_rows), default=0)
    halves = region.halves = Halves(
        left_width=lw,
        pairs=pairs,
        left_header_rows=pairs[0].left_header_rows,
        right_header_rows=pairs[0].right_header_rows,
    )
    for (pair, matched), headers in zip(builder.pairs, builder.pair_headers, strict=True):
        halves.left_rows.extend(pair.left_rows)
        halves.right_rows.extend(pair.right_rows)
        region.page_breaks.append(len(region.rows))
        region.page_header_rows.append([_join(lr, rr, lw, rw) for _, lr, rr in headers])
        region.rows.extend(_join(lr, rr, lw, rw) for _, lr, rr in matched)


def _join(left: Row | None, right: Row | None, lw: int, rw: int) -> Row:
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


def _row_key(row: Row) -> tuple[str, ...]:
    texts = [squash(c.text) for c in row.cells]
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts)


def _mark_units(regions: list[Region]) -> None:
    """A table printed once for the consolidated book (agency …彙編) and then once per unit
    (現有辦公房舍明細表): the unit tables get `unit_name` = their printed agency."""
    i = 0
    while i < len(regions):
        j = i
        while j + 1 < len(regions) and title_key(regions[j + 1].title) == title_key(
            regions[i].title
        ):
            j += 1
        run = regions[i : j + 1]
        if len(run) > 1 and any((r.agency or "").endswith(_CONSOLIDATED) for r in run):
            for r in run:
                if not (r.agency or "").endswith(_CONSOLIDATED) and r.unit_name is None:
                    r.unit_name = r.agency
        i = j + 1
