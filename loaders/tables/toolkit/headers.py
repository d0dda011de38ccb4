"""Header rows to column keys: one helper for every table, configured with data.

A table's header is one to three printed rows. `header_paths` turns them into, per column
index, the path of compacted labels from the top row to the bottom one; a group header
(人事費, 經常門, 自有 ...) printed once over several columns spans right over the empty cells of
its row when that row is named in `spanning`. A parser then maps paths to its own keys with
rules (`HeaderRule`: a regular expression per header level and the key to give), or looks a
column up by keywords (`column_of` over `stacked_labels`). Where the extraction splits a group
header over cells (經常支 | 出), `match_columns(..., carry=(0,))` keeps the last group label a
rule recognises in force until the next one.

    paths = header_paths(region.header_rows, spanning=1)   # the top row spans
    columns = match_columns(paths, RULES)                  # {column index: key}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

from ...regions import Row
from ..base import compact

K = TypeVar("K")

# `HeaderRule.at` key for "at any header level".
ANY_LEVEL: int | None = None


def header_paths(
    header_rows: Sequence[Row], *, spanning: int = 0, first: int = 0
) -> list[tuple[str, ...]]:
    """Per column index, the compacted header labels from the top row to the bottom one.

    Every path has one label per header row ("" where the row prints nothing over the
    column). In the top `spanning` rows a label spans right over the empty cells after it
    (a group header printed once over its columns), from column `first` on: a label left of
    `first` (over the name column) spans no further. Returns [] for no header rows.
    Computed once per distinct header texts (every document of a batch repeats its tables'
    header blocks); a new list each call.
    """
    texts = tuple(tuple(c.text for c in h.cells) for h in header_rows)
    return list(_header_paths(texts, spanning, first))


@lru_cache(maxsize=1 << 10)
def _header_paths(
    texts: tuple[tuple[str, ...], ...], spanning: int, first: int
) -> tuple[tuple[str, ...], ...]:
    rows = [[compact(t) for t in row] for row in texts]
    width = max((len(r) for r in rows), default=0)
    grid = [r + [""] * (width - len(r)) for r in rows]
    for level in range(min(spanning, len(grid))):
        row = grid[level]
        for i in range(first + 1, width):
            if not row[i]:
                row[i] = row[i - 1]
    return tuple(tuple(row[i] for row in grid) for i in range(width))


def nearest_labels(header_rows: Sequence[Row], pattern: str, *, first: int = 0) -> list[str]:
    """Per column index, the compacted label matching `pattern` (`re.fullmatch`) nearest at or
    left of the column on any of `header_rows`, from column `first` on ("" where none).

    A group label spans right over the columns after it. When a reader stacks the halves of a
    wide table, one half's group labels stand on another row than the other's: the nearest
    label over all rows, not the nearest on one row, names a column's group. Returns [] for no
    header rows.
    """
    rows = [[compact(t) for t in h.texts()] for h in header_rows]
    width = max((len(r) for r in rows), default=0)
    regex = re.compile(pattern)
    # per row and column, the index of the nearest matching label at or left of it (from
    # `first` on), -1 for none: each label is matched once, not once per column right of it
    nearest: list[list[int]] = []
    for row in rows:
        at, last = [], -1
        for j, label in enumerate(row):
            if j >= first and regex.fullmatch(label):
                last = j
            at.append(last)
        nearest.append(at)
    out: list[str] = []
    for i in range(width):
        best, best_at = "", -1
        for row, at in zip(rows, nearest, strict=True):
            j = at[min(i, len(row) - 1)] if row else -1
            if j > best_at:
                best, best_at = row[j], j
        out.append(best)
    return out


def stacked_labels(header_rows: Sequence[Row]) -> list[str]:
    """Per column index, the compacted text of every header row above it, joined top down."""
    return ["".join(path) for path in header_paths(header_rows)]


def column_of(labels: Sequence[str], *keywords: str) -> int | None:
    """Index of the first column whose label holds every keyword, or None."""
    for i, label in enumerate(labels):
        if all(k in label for k in keywords):
            return i
    return None


@dataclass(frozen=True)
class HeaderRule(Generic[K]):
    """A column is `key` when, at every level in `at` (0 top, -1 bottom, ANY_LEVEL any), its
    header label matches the pattern (`re.search`: anchor with ^ and $ for prefix or exact).

    A str key may refer to the groups of the last pattern matched (``r"\\1"``).
    """

    key: K
    at: dict[int | None, str] = field(default_factory=dict)
    # `at` compiled once: rules are module constants matched against every header label
    compiled: dict[int | None, re.Pattern[str]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        self.compiled.update({level: re.compile(p) for level, p in self.at.items()})

    def match(self, path: tuple[str, ...]) -> K | None:
        found: re.Match[str] | None = None
        for level, pattern in self.compiled.items():
            if level is None:
                found = next((m for label in path if (m := pattern.search(label))), None)
            elif -len(path) <= level < len(path):
                found = pattern.search(path[level])
            else:
                found = None
            if found is None:
                return None
        if isinstance(self.key, str) and found is not None and "\\" in self.key:
            return found.expand(self.key)  # type: ignore[return-value]
        return self.key


# Memo of match_columns / first_columns: every page of a table and every document of a batch
# repeats the same header block, and matching it is dozens of rules against every column.
# Keyed by the rules' id with the rules object kept in the value, so the id cannot be reused
# by another object while the entry lives; cleared whole when full (distinct headers are few).
_MEMO: dict[tuple, tuple[object, dict]] = {}
_MEMO_SIZE = 1 << 12


def _memoised(
    kind: str,
    paths: Sequence[tuple[str, ...]],
    rules: object,
    options: tuple,
    compute: Callable[[], dict],
) -> dict:
    """`compute()` once per (kind, paths, rules object, options); a fresh copy each call."""
    key = (kind, id(rules), tuple(paths), options)
    hit = _MEMO.get(key)
    if hit is not None and hit[0] is rules:
        return dict(hit[1])
    out = compute()
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.clear()
    _MEMO[key] = (rules, out)
    return dict(out)


def match_columns(
    paths: Sequence[tuple[str, ...]],
    rules: Sequence[HeaderRule[K]],
    *,
    first: int = 0,
    carry: Sequence[int] = (),
) -> dict[int, K]:
    """Column index -> key of the first rule its path matches; columns before `first` and
    columns no rule matches are left out.

    At a level in `carry` a column reads the nearest label at or left of it that some rule
    matches at that level: a group header stays in force over the columns after it until the
    next recognised one, even when the extraction split it (經常支 | 出) or printed other text.
    The answer for the same paths and the same rules object is computed once (rules are module
    constants, never changed after import); a fresh dict is returned each call.
    """
    return _memoised(
        "match",
        paths,
        rules,
        (first, tuple(carry)),
        lambda: _match_columns(paths, rules, first, carry),
    )


def _match_columns(
    paths: Sequence[tuple[str, ...]],
    rules: Sequence[HeaderRule[K]],
    first: int,
    carry: Sequence[int],
) -> dict[int, K]:
    paths = _carried(paths, rules, carry)
    out: dict[int, K] = {}
    for i in range(first, len(paths)):
        for rule in rules:
            key = rule.match(paths[i])
            if key is not None:
                out[i] = key
                break
    return out


def _carried(
    paths: Sequence[tuple[str, ...]], rules: Sequence[HeaderRule[K]], carry: Sequence[int]
) -> list[tuple[str, ...]]:
    out = [list(p) for p in paths]
    for level in carry:
        patterns = [p for rule in rules for at, p in rule.compiled.items() if at == level]
        current = ""
        for path in out:
            if -len(path) <= level < len(path):
                if any(p.search(path[level]) for p in patterns):
                    current = path[level]
                path[level] = current
    return [tuple(p) for p in out]


def first_columns(
    paths: Sequence[tuple[str, ...]], rules: Sequence[HeaderRule[K]], *, wrapped: bool = False
) -> dict[K, int]:
    """Key -> the one column it names, for flat headers whose labels stand at varying levels
    (a unit added below, a group above): the lowest header row is searched first, then the
    rows above; within a row columns left to right. Each key and each column is used once.
    Rules are matched per label: their levels are ignored. With `wrapped`, keys still unfound
    are then matched on each column's labels joined top down (a label wrapped over header
    lines: 汽缸總 / 排氣量 / (立方公分)). Computed once per paths and rules object, as
    `match_columns`."""
    return _memoised(
        "first", paths, rules, (wrapped,), lambda: _first_columns(paths, rules, wrapped)
    )


def _first_columns(
    paths: Sequence[tuple[str, ...]], rules: Sequence[HeaderRule[K]], wrapped: bool
) -> dict[K, int]:
    found: dict[K, int] = {}
    used: set[int] = set()

    def claim(i: int, label: str) -> None:
        for rule in rules:
            if rule.key in found:
                continue
            if any(pattern.search(label) for pattern in rule.compiled.values()):
                found[rule.key] = i
                used.add(i)
                return

    depth = max((len(p) for p in paths), default=0)
    for level in reversed(range(depth)):
        for i, path in enumerate(paths):
            if i not in used:
                claim(i, path[level])
    if wrapped:
        for i, path in enumerate(paths):
            if i not in used:
                claim(i, "".join(path))
    return found


def column_headings(header_rows: Sequence[Row]) -> list[frozenset[str]]:
    """Per column index, the compacted labels any header row prints over it (the heading words
    a page that repeats the table's header block prints again). Returns [] for no header rows.

    A label that is another label of its column followed by more text (捐助計畫測圖科技發展計畫
    beside 捐助計畫) is body text the reader glued to a heading, not a heading.
    """
    width = max((len(h.cells) for h in header_rows), default=0)
    out: list[set[str]] = [set() for _ in range(width)]
    for h in header_rows:
        for i, text in enumerate(h.texts()):
            if label := compact(text):
                out[i].add(label)
    return [
        frozenset(a for a in labels if not any(a != b and a.startswith(b) for b in labels))
        for labels in out
    ]


def without_heading(text: str, headings: Collection[str]) -> str:
    """`text` without a column heading printed at its start: "" when the text is only a heading
    (捐 助 對 象), the rest when a heading stands before it as a word of its own
    (捐 助 內 容 慰勞慰問金等。 -> 慰勞慰問金等。); else the text unchanged.

    A continuation page repeats the header block; where the reader could not tell it from the
    body (a page without amounts), its labels arrive as body text and must not join a cell.
    """
    flat = compact(text)
    if not flat or flat in headings:
        return "" if flat else text
    for heading in sorted(headings, key=len, reverse=True):
        if not heading or not flat.startswith(heading):
            continue
        seen = 0
        for pos, ch in enumerate(text):
            if not ch.isspace():
                seen += 1
            if seen == len(heading):
                rest = text[pos + 1 :]
                if rest[:1].isspace():  # the heading is a word of its own, not a text's start
                    return rest.strip()
                break
    return text
