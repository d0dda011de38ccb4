"""The table of contents (目次) against the tables a reader found: one check for every reader.

A book lists its tables with their printed pages. A listed table no Region carries (pages
dropped from the file, a table lost in the extraction) must show as a warning, not as a book
that never printed it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .issues import LoadIssue
from .regions import Region

# Dash variants a title qualifier follows (類別表—開會、談判); the text extraction prints — as 一.
_DASHES = "—－–─―-"
_DASH_TO_ONE = str.maketrans({d: "一" for d in _DASHES})
# "A總表及類別表": two tables in one entry, the second named by what differs from the first.
_TWO_TABLES = re.compile(r"^(.+?表)及(.+表)$")


@dataclass(frozen=True)
class ContentsEntry:
    """One table listed in a 目次: its title as printed and its printed pages ("115-120",
    "127"; None when the contents print none)."""

    title: str
    pages: str | None = None


def is_table_title(title: str) -> bool:
    """A contents line naming a table (…表, 預算總說明), not a work plan, a revenue item
    or a 附錄 unit listed under one."""
    return contents_key(title).endswith(("表", "說明"))


def contents_entries(listed: Sequence[tuple[str, str | None]]) -> list[ContentsEntry]:
    """Contents lines (title, printed pages or "") in printed order -> the tables they list.

    A table printed as a heading over items with pages of their own ((二) 歲出計畫提要及分支
    計畫概況表 over 1.一般行政 065-068 … 13.社會行政業務 113-114) spans its items' pages; a
    heading over tables (二、主要表) or over nothing lists no table of its own.
    """
    out: list[ContentsEntry] = []
    for k, (title, pages) in enumerate(listed):
        if pages:
            out.append(ContentsEntry(title, pages))
            continue
        items: list[str] = []
        for item, item_pages in listed[k + 1 :]:
            if not item_pages or is_table_title(item):
                break
            items.append(item_pages)
        if items:
            first, last = items[0].split("-")[0], items[-1].split("-")[-1]
            out.append(ContentsEntry(title, first if first == last else f"{first}-{last}"))
    return out


# A document keys the same few dozen titles for each check: each distinct title once.
@lru_cache(maxsize=1 << 12)
def contents_key(title: str) -> str:
    """Comparison key of a title: no whitespace, every dash variant folded to 一."""
    return "".join(title.split()).translate(_DASH_TO_ONE)


def missing_tables(
    entries: Iterable[ContentsEntry], regions: Sequence[Region], *, tables_only: bool = False
) -> list[LoadIssue]:
    """`table_missing` warnings (one per listed table no region carries), in contents order.

    A region carries a listed table when its title is the listed one, or the listed one
    followed by a qualifier after a dash (類別表—開會、談判 for 類別表). An entry listing two
    tables (派員出國計畫預算總表及類別表) is checked per table, the second completed from the
    first (派員出國計畫預算類別表). With `tables_only`, entries whose title does not end in 表
    or 說明 (work plans and revenue items listed under a table, 附錄 units) are not tables and
    are skipped.
    """
    found = {contents_key(r.title) for r in regions}
    issues: list[LoadIssue] = []
    for entry in entries:
        key = contents_key(entry.title)
        if tables_only and not is_table_title(key):
            continue
        for table, candidates in _tables_of(key):
            if not found.isdisjoint(candidates) or any(
                _carries(f, c) for f in found for c in candidates
            ):
                continue
            where = f" (printed pages {entry.pages})" if entry.pages else ""
            listed = "" if table == key else f" (listed as {entry.title})"
            issues.append(
                LoadIssue(
                    "warning",
                    "table_missing",
                    f"{entry.title if table == key else table}{listed}{where} is listed in the "
                    "table of contents but not in the text",
                )
            )
    return issues


def _tables_of(key: str) -> list[tuple[str, set[str]]]:
    """(table, keys any of which names it) for each table an entry lists."""
    m = _TWO_TABLES.match(key)
    if m is None:
        return [(key, {key})]
    first, second = m.group(1), m.group(2)
    # the second table's name is a head of the first's followed by its own ending
    return [(first, {first}), (second, {first[:i] + second for i in range(len(first))})]


def _carries(region_key: str, listed: str) -> bool:
    return region_key == listed or region_key.startswith(listed + "一")


# A 目次 line: title, a leader of dots, printed pages ("336-337", " 333").
_TOC_ENTRY = re.compile(r"^(.*?)[….·\s]{2,}\s*(\d{1,3}(?:\s*-\s*\d{1,3})?)$")
_TOC_ENUM = re.compile(r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+\.)\s*")


def listed_lines(texts: Iterable[str]) -> list[tuple[str, str]]:
    """The printed lines of a 目次 -> (title without its enumeration, printed pages or "").

    "五、公務車輛明細表…… 336-337" -> ("公務車輛明細表", "336-337"); a heading without pages
    ("三、附屬表:") -> ("附屬表", ""). Lines that are neither (頁 次) are dropped.
    """
    entries = []
    for raw in texts:
        text = raw.strip()
        if m := _TOC_ENTRY.match(text):
            title = "".join(_TOC_ENUM.sub("", m.group(1).strip()).split()).rstrip("…．.·")
            if title:
                entries.append((title, "".join(m.group(2).split())))
        elif (m := _TOC_ENUM.match(text)) and (title := "".join(text[m.end() :].split())):
            entries.append((title.rstrip("：:"), ""))
    return entries


_PRINTED_NUMBER = re.compile(r"(\d+)\s*$")
_TOTAL_LABELS = ("合計", "總計")


def closes_as_listed(table: Region, regions: Sequence[Region]) -> bool:
    """Whether `table` reaches the last printed page its 目次 (the "目次" text region among
    `regions`) lists for it and prints a 合計 / 總計 row: a file ending right after it ends
    after the table, not inside it.

    False when there is no such 目次 line, or no printed page labels (text renderings).
    """
    toc = next((r for r in regions if r.kind == "text" and r.title == "目次"), None)
    if toc is None or not table.pages:
        return False
    key = contents_key(table.title)
    listed = contents_entries(
        listed_lines(" ".join(c.text for c in row.cells if c.text) for row in toc.rows)
    )
    last_listed = next(
        (
            int(e.pages.split("-")[-1])
            for e in listed
            if e.pages
            and any(_carries(key, c) for _, cs in _tables_of(contents_key(e.title)) for c in cs)
        ),
        None,
    )
    m = _PRINTED_NUMBER.search(table.page_labels.get(table.pages[-1], ""))
    if last_listed is None or m is None or int(m.group(1)) < last_listed:
        return False
    # many tables print their 合計 first, on the first page (補助經費分析表): anywhere will do
    return any(contents_key(c.text) in _TOTAL_LABELS for row in table.rows for c in row.cells[:3])


# A 目次 heading over the 附錄 units (四、附錄, printed with its enumeration stripped).
_APPENDIX_HEADING = re.compile(r"^附錄")
_ORDINALS = "一二三四五六七八九十"


def appendix_units(listed: Sequence[tuple[str, str | None]]) -> list[tuple[str, str, str]]:
    """The 附錄 units a book's 目次 lists: (ordinal label 附錄(二), unit name, printed page).

    `listed`: contents lines (title, printed pages or "") in printed order. The units are the
    lines with a page after a heading 附錄 that prints none, up to the next such heading.
    """
    out: list[tuple[str, str, str]] = []
    inside = False
    for title, pages in listed:
        key = contents_key(title)
        if not pages:
            inside = bool(_APPENDIX_HEADING.match(key))
            continue
        if inside:
            n = len(out) + 1
            ordinal = _ORDINALS[n - 1] if n <= len(_ORDINALS) else str(n)
            out.append((f"附錄({ordinal})", key, pages))
    return out


# How the warning names one unit, and how readers of the stored message (`show --units`)
# find it again: kept side by side so that the two cannot drift apart.
_MISSING_UNIT_TEXT = "{} {} (printed page {})"
_MISSING_UNIT = re.compile(r"附錄\([^)]*\) (.+?) \(printed page (\d+)\)")


def missing_units_named(message: str) -> dict[str, str]:
    """{unit name without whitespace: printed page} of the units an `appendix_units_missing`
    message names (the 目次's name and a stored unit_name may differ in spacing only)."""
    return {re.sub(r"\s+", "", name): page for name, page in _MISSING_UNIT.findall(message)}


def missing_appendix_units(
    listed: Sequence[tuple[str, str | None]],
    present: Iterable[str],
    last_printed_page: int | None,
) -> list[LoadIssue]:
    """One `appendix_units_missing` warning naming every 附錄 unit the 目次 lists whose title
    page is not in the file (a published file cut short), with its printed page; [] when
    every listed unit is there. `present`: the unit names of the file's 附錄 title pages.

    No document is made for such a unit from the 目次 alone: nothing of it was read, and an
    empty document would read as a unit that budgets nothing.
    """
    have = {contents_key(name) for name in present}
    missing = [(label, name, pages) for label, name, pages in appendix_units(listed)]
    missing = [m for m in missing if m[1] not in have]
    if not missing:
        return []
    names = "; ".join(_MISSING_UNIT_TEXT.format(*unit) for unit in missing)
    ends = f"; the file ends at printed page {last_printed_page}" if last_printed_page else ""
    return [
        LoadIssue(
            "warning",
            "appendix_units_missing",
            f"{len(missing)} 附錄 unit(s) listed in the table of contents are not in the file "
            f"(only what the book's own tables print of them is loaded): {names}{ends}",
        )
    ]
