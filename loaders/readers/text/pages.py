"""Pages of a text extraction: lines split at the page headers, dividers and blank pages dropped,
headerless left halves found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from unitbudget.loaders.issues import LoadIssue, Severity

from .headers import _Header, _issue
from .patterns import _BLANK_PAGE, _DIVIDER, _SEPARATOR_CELL


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
    # 本頁空白 pages (their line holds 白: lines without it, nearly all, need no match)
    blank = {i for i, line in enumerate(lines) if "白" in line and _BLANK_PAGE.match(line.strip())}
    cover = list(range(0, headers[0].start))
    if any(lines[i].strip() for i in cover):
        _handle_chunk(lines, None, cover, headers[0], split, section, issues, blank)
    for k, header in enumerate(headers):
        nxt = headers[k + 1] if k + 1 < len(headers) else None
        chunk = list(range(header.end, nxt.start if nxt else len(lines)))
        _handle_chunk(lines, header, chunk, nxt, split, section, issues, blank)
    return split


def _handle_chunk(
    lines: list[str],
    header: _Header | None,
    chunk: list[int],
    nxt: _Header | None,
    split: _Split,
    section: list[str | None],
    issues: list[LoadIssue],
    blank: set[int],
) -> None:
    """One header's page (+ blank pages, dividers, a header-less left page) up to the next.

    `chunk` = the ascending, consecutive line indexes; `blank` = indexes of 本頁空白 lines."""
    page_section = section[0]  # dividers at the chunk's end introduce the *next* pages
    segments: list[list[int]] = [[]]
    if chunk and any(chunk[0] <= i <= chunk[-1] for i in blank):
        for i in chunk:
            if i in blank:
                segments.append([])  # a 本頁空白 page: what follows is on no page until a header
            else:
                segments[-1].append(i)
    else:
        segments[0] = chunk
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
    body = [
        (i + 1, line)
        for i, line in zip(indexes, map(lines.__getitem__, indexes), strict=True)
        if line and not line.isspace() and ("-----" not in line or not _is_separator(line))
    ]
    first = (header.start if header else (indexes[0] if indexes else 0)) + 1
    return _Page(number, kind, header, body, first, section)


def _is_separator(line: str) -> bool:
    """`-----\\t----` rule lines; a row of single '-' cells is data (zeros), not a rule."""
    if "-----" not in line:
        return False  # most lines: no cell of five dashes, so no rule
    cells = [c.strip() for c in line.split("\t") if c.strip()]
    return (
        bool(cells)
        and all(_SEPARATOR_CELL.match(c) for c in cells)
        and (max(len(c) for c in cells) >= 5)
    )


def _page_issue(severity: Severity, code: str, page: _Page, message: str) -> LoadIssue:
    return LoadIssue(
        severity,
        code,
        message,
        page=page.number,
        line=page.first_line,
    )
