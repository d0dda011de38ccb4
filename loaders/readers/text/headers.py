"""Page headers of a text extraction: agency, title, year, 經資門 flag and unit, per page half."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from unitbudget.errors import RefusedInput
from unitbudget.loaders.amounts import parse_number
from unitbudget.loaders.issues import LoadIssue, Severity

from .patterns import (
    _AGENCY,
    _CAPITAL_FLAG,
    _CJK,
    _FULL_YEAR,
    _LEFT_YEAR,
    _RIGHT_YEAR,
    _UNIT,
    KNOWN_TITLES,
)
from .titles import _title_key


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
    if "年度" not in line and "中華民國" not in line:
        return None, None  # every header year line holds one of them: most lines are rows
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
    # Every header year line holds 年度 or 中華民國: only those lines are searched further.
    candidates = [i for i, line in enumerate(lines) if "年度" in line or "中華民國" in line]
    for i in candidates:
        if i < floor:
            continue
        kind, year = _year_kind(lines[i])
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
