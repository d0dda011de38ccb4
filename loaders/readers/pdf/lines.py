"""Printed lines and their cells, from the characters and rules of one page.

A printed line is the characters whose baselines lie within `BASELINE_TOLERANCE` points of
each other. Its cells are split at the vertical rules that cross the line (columns touch:
`1,640,215人事處…` is three cells only because a rule runs between them); a line that no rule
crosses (page headers, prose) splits where a gap of blank space is wider than two characters.
Cells keep the position of the page's column grid, like the tab-separated text rendering: text
spanning several columns (a header such as 經常支出) sits in its first column and the columns
it covers stay empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Char, PageLayout

BASELINE_TOLERANCE = 3.0  # pt
_GRID_MERGE = 2.0  # pt: rules this close are one column edge
_SPACE_GAP = 0.45  # fraction of the font size: a wider gap between characters prints a space
_CJK_SPACE_GAP = 1.0  # the same between two CJK characters (letter-spaced headers: 科　目)
_CELL_GAP = 2.0  # fraction of the font size: a wider gap splits a line without rules
_DOUBLE_STRIKE = 0.25  # fraction of the font size: closer repeats of a character are fake bold


@dataclass
class LineCell:
    """One cell of a printed line: text and box (x0, y0, x1, y1) in points."""

    text: str
    box: tuple[float, float, float, float] | None
    size: float = 0.0  # largest font size in the cell (pt): titles print larger


@dataclass
class Line:
    """One printed line: baseline, box, and cells left to right ('' keeps a column's place)."""

    baseline: float
    x0: float
    y0: float
    x1: float
    y1: float
    cells: list[LineCell]
    ruled: bool  # split at vertical rules (a table line), not at blank space

    @property
    def text(self) -> str:
        return "\t".join(c.text for c in self.cells)

    @property
    def joined(self) -> str:
        """All cell texts without separators or spaces (for recognising titles)."""
        return "".join("".join(c.text.split()) for c in self.cells)


def group_lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by baseline, top line first, characters left to right."""
    ordered = sorted(chars, key=lambda c: -c.baseline)
    groups: list[list[Char]] = []
    anchor = None
    for c in ordered:
        if anchor is not None and anchor - c.baseline <= BASELINE_TOLERANCE:
            groups[-1].append(c)
        else:
            groups.append([c])
            anchor = c.baseline
    for g in groups:
        g.sort(key=lambda c: c.x0)
    return [_drop_double_strikes(g) for g in groups]


def _drop_double_strikes(group: list[Char]) -> list[Char]:
    """Fake bold prints a text twice at a small offset (民政支出 twice -> 民民政政支支出出 in x
    order): keep one of two equal characters closer than a quarter of their size."""
    out: list[Char] = []
    for c in group:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.text == c.text
            and min(abs(prev.x0 - c.x0), abs(prev.x1 - c.x1)) < _DOUBLE_STRIKE * c.size
            and abs(prev.baseline - c.baseline) < _DOUBLE_STRIKE * c.size
        ):
            continue
        out.append(c)
    return out


def column_grid_x(positions: list[float]) -> list[float]:
    """Distinct column edges (rules closer than 2 pt are one), left to right."""
    xs = sorted(positions)
    grid: list[float] = []
    for x in xs:
        if not grid or x - grid[-1] > _GRID_MERGE:
            grid.append(x)
    return grid


def page_lines(layout: PageLayout) -> list[Line]:
    """The printed lines of a page, top to bottom.

    The column grid of a ruled line is the union of the rules crossing the run of consecutive
    ruled lines it belongs to (a table block): a spanning header keeps the grid of the rows
    below it, and a block framed differently (the 工作計畫 caption of the plan overview, above
    the prose of 計畫內容) does not add empty columns to the next block.
    """
    verticals = [r for r in layout.rules if r.vertical]
    groups = group_lines(layout.chars)
    crossings: list[list[float]] = []
    for group in groups:
        mid = (min(c.y0 for c in group) + max(c.y1 for c in group)) / 2
        crossings.append([r.x for r in verticals if r.y0 <= mid <= r.y1])
    grids: list[list[float]] = [[] for _ in groups]
    i = 0
    while i < len(groups):
        if not crossings[i]:
            i += 1
            continue
        j = i
        while j < len(groups) and crossings[j]:
            j += 1
        grid = column_grid_x([x for k in range(i, j) for x in crossings[k]])
        for k in range(i, j):
            grids[k] = grid
        i = j
    slots = [
        _ruled_slots(group, grid, crossing) if crossing else None
        for group, crossing, grid in zip(groups, crossings, grids, strict=True)
    ]
    _trim_outer_columns(slots)
    lines = []
    for group, crossing, line_slots in zip(groups, crossings, slots, strict=True):
        cells = [_cell(s) for s in line_slots] if line_slots is not None else _gap_cells(group)
        lines.append(
            Line(
                group[0].baseline,
                min(c.x0 for c in group),
                min(c.y0 for c in group),
                max(c.x1 for c in group),
                max(c.y1 for c in group),
                cells,
                bool(crossing),
            )
        )
    return lines


def _trim_outer_columns(slots: list[list[list[Char]] | None]) -> None:
    """Drop the slot left of the first and right of the last rule in a block when no line of
    the block prints there (outside the frame); keep it when some line does (a last column
    without a closing rule)."""
    i = 0
    while i < len(slots):
        if slots[i] is None:
            i += 1
            continue
        j = i
        while j < len(slots) and slots[j] is not None:
            j += 1
        block = [s for s in slots[i:j] if s is not None]
        drop_first = not any(s[0] for s in block)
        drop_last = not any(s[-1] for s in block)
        for k in range(i, j):
            s = slots[k]
            assert s is not None
            slots[k] = s[1 if drop_first else 0 : len(s) - 1 if drop_last else len(s)]
        i = j


def _text(chars: list[Char]) -> str:
    out: list[str] = []
    prev: Char | None = None
    for c in chars:
        if prev is not None:
            gap = c.x0 - prev.x1
            size = max(c.size, prev.size)
            # CJK glyph boxes are narrower than their advance (， 、): only wide gaps are spaces
            wide = not (c.text.isascii() or prev.text.isascii())
            if gap > (_CJK_SPACE_GAP if wide else _SPACE_GAP) * size:
                out.append(" ")
        out.append(c.text)
        prev = c
    return "".join(out)


def _cell(chars: list[Char]) -> LineCell:
    if not chars:
        return LineCell("", None)
    x0, y0, x1, y1, size = chars[0].x0, chars[0].y0, chars[-1].x1, chars[0].y1, chars[0].size
    for c in chars:
        if c.y0 < y0:
            y0 = c.y0
        if c.y1 > y1:
            y1 = c.y1
        if c.x1 > x1:
            x1 = c.x1
        if c.size > size:
            size = c.size
    return LineCell(_text(chars), (x0, y0, x1, y1), size)


def _gap_cells(group: list[Char]) -> list[LineCell]:
    parts: list[list[Char]] = [[]]
    prev: Char | None = None
    for c in group:
        if prev is not None and c.x0 - prev.x1 > _CELL_GAP * max(c.size, prev.size):
            parts.append([])
        parts[-1].append(c)
        prev = c
    return [_cell(p) for p in parts]


def _ruled_slots(group: list[Char], grid: list[float], crossing: list[float]) -> list[list[Char]]:
    """Characters per column of the block grid (slot i lies left of grid[i]; the last slot
    right of the last rule). Text between two crossing rules goes to the first grid column of
    that stretch."""
    edges = sorted({_snap(x, grid) for x in crossing})
    index = {g: k for k, g in enumerate(grid)}
    slots: list[list[Char]] = [[] for _ in range(len(grid) + 1)]
    for c in group:
        x = c.cx
        start = None
        for e in edges:  # the crossing rule at or left of the character decides its stretch
            if e <= x:
                start = e
            else:
                break
        slots[0 if start is None else index[start] + 1].append(c)
    return slots


def _snap(x: float, grid: list[float]) -> float:
    return min(grid, key=lambda g: abs(g - x))
