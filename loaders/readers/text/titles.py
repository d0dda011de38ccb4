"""Table titles: completed from the table of contents (目次), and tables the contents list but
the text lacks."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from unitbudget.loaders.contents import ContentsEntry, missing_tables
from unitbudget.loaders.issues import LoadIssue
from unitbudget.loaders.regions import Region

from .patterns import _DASHES, _TOC_ENUM

if TYPE_CHECKING:  # pages read the titles' keys: a type-only import keeps no cycle
    from .pages import _Page


_DASH_TO_ONE = str.maketrans({d: "一" for d in _DASHES})


# Every unit compares its title with the table's and the contents' titles: a document holds a
# few dozen distinct titles, each keyed once.
@lru_cache(maxsize=1 << 12)
def _title_key(title: str) -> str:
    """Comparison key: no whitespace, every dash variant (and the 一 the extraction prints for
    —) folded to 一."""
    return "".join(title.split()).translate(_DASH_TO_ONE)


_CLASS_TABLE_DASH = re.compile(f"類別表[{_DASHES}一]")


def _display_title(title: str) -> str:
    return _CLASS_TABLE_DASH.sub("類別表—", "".join(title.split()))


def _toc_entries(pages: list[_Page]) -> list[ContentsEntry]:
    for page in pages:
        if page.header and _title_key(page.header.title) == "目次":
            entries = []
            for _, raw in page.body:
                cells = [c.strip() for c in raw.split("\t")]
                if len(cells) >= 2 and cells[1]:  # a page reference: an entry, not a section
                    title = _display_title(_TOC_ENUM.sub("", cells[0]))
                    entries.append(ContentsEntry(title, cells[1]))
            return entries
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


def _report_missing_tables(
    toc: list[ContentsEntry], regions: list[Region], issues: list[LoadIssue]
) -> None:
    issues.extend(missing_tables(toc, regions))
