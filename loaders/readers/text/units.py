"""Regions: consecutive pages of one table grouped into one `Region` (left and right halves
paired, numeric tokens with their pages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter

from unitbudget.loaders.issues import LoadIssue
from unitbudget.loaders.regions import HalfPair, Region, Row, caption_lines, numeric_tokens_of

from .cells import _read_line, _row_key, _split_rows
from .halves import _stitch
from .pages import _Page, _page_issue
from .patterns import COVER_TITLE, TEXT_TITLES
from .titles import _display_title, _resolve_title, _title_key


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
    # (page, line, raw text, its numeric tokens) of every body line, for the parse report
    lines: list[tuple[int, int, str, list[str] | None]] = field(default_factory=list)


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
    return first is not None and _row_key(_read_line(first[0], first[1], 0)[0]) in cur.known_left


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
    if unit.is_pair:
        _add_pair(builder, unit)
        return
    page = unit.pages[0]
    rows = _read_page(builder, page)
    if region.kind != "table":
        builder.plain.append(([], rows))
        return
    mode = "continuation" if builder.plain else "first"
    if page.kind == "right":
        mode = "right"
    headers, body, builder.lead_left, header_keys = _split_rows(
        rows, builder.known_left, mode=mode, expected_lead=builder.lead_left
    )
    builder.known_left |= header_keys
    builder.plain.append((headers, body))


def _read_page(builder: _Builder, page: _Page) -> list[Row]:
    """Rows of a page's body lines; their numeric tokens go to `builder.lines`."""
    number = page.number
    read = [_read_line(line_no, raw, number) for line_no, raw in page.body]
    builder.lines += [
        (number, line_no, raw, r[1]) for (line_no, raw), r in zip(page.body, read, strict=True)
    ]
    return [r[0] for r in read]


def _add_pair(builder: _Builder, unit: _Unit) -> None:
    assert unit.left is not None and unit.right is not None
    left_rows = _read_page(builder, unit.left)
    right_rows = _read_page(builder, unit.right)
    mode = "continuation" if builder.pairs else "first"
    lh, lb, builder.lead_left, lh_keys = _split_rows(
        left_rows, builder.known_left, mode=mode, expected_lead=builder.lead_left
    )
    rh, rb, _, rh_keys = _split_rows(right_rows, builder.known_right, mode="right", expected_lead=0)
    builder.known_left |= lh_keys
    builder.known_right |= rh_keys
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
    # Pages of a pair were read left then right: the report lists tokens in line order.
    builder.lines.sort(key=itemgetter(1))
    region.numeric_tokens = numeric_tokens_of(builder.lines, caption_lines(region))
    return region
