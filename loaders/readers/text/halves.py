"""Half pages stitched: left and right halves of a wide table joined row by row."""

from __future__ import annotations

from collections.abc import Iterable

from unitbudget.loaders.issues import LoadIssue
from unitbudget.loaders.regions import Cell, HalfPair, Halves, Region, Row

from .cells import _has_value_after_label


def _width(rows: Iterable[Row]) -> int:
    return max(map(len, (r.cells for r in rows)), default=0)


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
    if len(cells) < width:
        cells += [Cell("", anchor.page, anchor.line)] * (width - len(cells))
    return cells
