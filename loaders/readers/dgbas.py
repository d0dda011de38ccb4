"""Reader for the DGBAS 歲出機關別預算表 workbooks (whole central government, one per year).

Pure: one workbook in, typed rows out; no database. See DOMAIN.md §2 and §6.

The table is recognised by its header cells (名稱及編號 / 本年度預算數 / 上年度預算數) and, where
printed, its title; columns are located from the header text, never by position or year.

Layouts met so far (the reader handles each without knowing the year):

* 111-112 (.xls): one row per account; code and name share a cell ("5262200100\\n一般行政");
  amounts are floats; 說明 is one cell with embedded line breaks.
* 113 (.xlsx): no title rows (the title and year live in the page header); the code sits alone on
  its row ("\\u30000002000000"), the next row has 款/項/目/節, the name, the amounts (text with
  commas, "-" for zero) and the first 說明 line; following rows continue the name (names wrap,
  e.g. "外交支出機密預" + "算") and/or the 說明 (one printed line per row).
* Older years may print code and name in separate columns (a header 編號/代號 beside 名稱).

Level and parent rule (checked against the 111, 112 and 113 workbooks: the printed
款/項/目/節 column and the code shape agree on every account, and so do sheet nesting and code
digits, except where noted):

=================  =============  =======================  ================================
level              column filled  code shape               parent_code
=================  =============  =======================  ================================
ministry (主管)     款             ``00MM000000``            None
agency (機關)       項             ``00MMAA0000``, AA!=00    the 款 row printed above it
function (政事別)   none           ``FFMMAA0000``, FF!=00    ``00MMAA0000`` (the agency above)
work_plan (目)      目             ``FFMMAAPP00``            ``FFMMAA0000`` (the function above)
section (節)        節             ``FFMMAAPPSS``, SS!=00    ``FFMMAAPP00`` (the work plan above)
=================  =============  =======================  ================================

* level = code shape; the printed column only confirms it (a disagreement is a warning).
* parent = the nearest account one level up in sheet order (the printed nesting). For
  function, work plan and section the code digits must name that same parent (a disagreement
  is a warning). Agencies are not checked against the digits: 教育部主管 owns agencies
  numbered 0020xx0000 and 0021xx0000 (its own code is 0020000000 in 111-112, 0021000000 in
  113), so ``00MM`` of an agency does not always name its 主管.
* An account with nothing one level up above it gets ``parent_code`` None and a warning.

Classified (機密) work plans carry a letter in the plan digits (``391101A000`` 外交支出機密預算,
``461402B000``, ``521402C000``, ``413901A000``/``416401A000``). They are real accounts with
amounts and are read like the others; ``DgbasAccount.classified`` tells them apart.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Literal
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from unitbudget.errors import InputError, ParseError, RefusedInput

from ..amounts import normalize, parse_int, parse_number
from ..issues import LoadIssue, Severity

TABLE_SLUG = "expenditure_by_agency"
TITLE = "歲出機關別預算表"

Level = Literal["ministry", "agency", "function", "work_plan", "section"]
CellValue = str | float | int | bool | date | datetime | time | timedelta | None
SheetRow = Sequence[CellValue]
IssueSink = Callable[[Severity, str, str, int], None]

AMOUNT_KEYS = ("this_year", "last_year", "year_before_actual", "change")
INDEX_KEYS = ("kuan", "xiang", "mu", "jie")

# Header labels after removing every whitespace character (incl. \u3000 and line breaks).
_HEADER_LABELS: dict[str, frozenset[str]] = {
    "kuan": frozenset({"款"}),
    "xiang": frozenset({"項"}),
    "mu": frozenset({"目"}),
    "jie": frozenset({"節"}),
    "name_and_code": frozenset({"名稱及編號", "科目名稱及編號"}),
    "name": frozenset({"名稱", "科目名稱"}),
    "code": frozenset({"編號", "科目編號", "代號", "科目代號"}),
    "this_year": frozenset({"本年度預算數"}),
    "last_year": frozenset({"上年度預算數"}),
    "year_before_actual": frozenset({"前年度決算數"}),
    "change": frozenset({"本年度與上年度比較"}),
    "description": frozenset({"說明"}),
}
_LEVEL_OF_INDEX: dict[str, Level] = {
    "kuan": "ministry",
    "xiang": "agency",
    "mu": "work_plan",
    "jie": "section",
}

# The header sits near the top; looking further only costs time on foreign spreadsheets.
_HEADER_SEARCH_ROWS = 40
# Ministry and agency digits are always numeric; plan/section digits may hold a letter (機密).
_CODE_AT_START = re.compile(r"\d{6}[0-9A-Z]{4}")
_CODE_CELL = re.compile(r"(\d{6}[0-9A-Z]{4})(?![0-9A-Za-z])\s*(.*)", re.DOTALL)
_YEAR = re.compile(r"中華民國(\d{2,3})年度")
# Excel page-header codes: &"font,style", &12 (size), &L/&C/&R (sections), &P, &D ...
_PRINT_CODES = re.compile(r'&"[^"]*"|&\d+|&[A-Za-z]')
_MAX_EXACT_FLOAT = 2**53


@dataclass
class DgbasAccount:
    sheet_row: int
    code: str
    name: str
    level: Level
    kuan: int | None
    xiang: int | None
    mu: int | None
    jie: int | None
    parent_code: str | None
    amounts: dict[str, int]
    description: str

    @property
    def classified(self) -> bool:
        """機密 accounts print a letter in the plan digits (391101A000)."""
        return not self.code.isdigit()


@dataclass
class DgbasWorkbook:
    file_name: str
    fiscal_year: int
    columns: dict[str, int]  # amount key -> 0-based sheet column index, only those found
    accounts: list[DgbasAccount]
    # Rows whose code cell starts with an account code, counted apart from the account
    # assembly: anything but len(accounts) means rows were lost (see issues).
    code_rows: int
    issues: list[LoadIssue]


# --------------------------------------------------------------------------- cells


def _text(cell: CellValue) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _flat(text: str) -> str:
    """Remove every whitespace character; str.split() treats \\u3000 as whitespace."""
    return "".join(normalize(text).split())


def _blank(cell: CellValue) -> bool:
    return not _text(cell).strip()


def _at(row: SheetRow, col: int | None) -> CellValue:
    if col is None or col >= len(row):
        return None
    return row[col]


def _exact_int(cell: CellValue) -> tuple[int | None, str | None]:
    """Value of a numeric cell as an exact int, or a reason it is not one. Blank -> (None, None)."""
    if _blank(cell):
        return None, None
    if isinstance(cell, bool):
        return None, f"boolean {cell!r} where a number belongs"
    if isinstance(cell, int):
        return cell, None
    if isinstance(cell, float):
        # Floats from .xls are exact for whole thousands; anything fractional is not a 千元 amount.
        if cell.is_integer() and abs(cell) < _MAX_EXACT_FLOAT:
            return int(cell), None
        return None, f"non-integral number {cell!r}"
    if isinstance(cell, str):
        value = parse_int(cell)
        if value is None:
            kind = "non-integral" if parse_number(cell) is not None else "unparsable"
            return None, f"{kind} number {cell.strip()!r}"
        return value, None
    return None, f"{type(cell).__name__} value {cell!r} where a number belongs"


def _lines(cell: CellValue) -> list[str]:
    return [line.strip() for line in _text(cell).split("\n")]


def _clean_name(text: str) -> str:
    """Names wrap mid-word, so wrapped pieces join without a separator."""
    return "".join(line.strip() for line in text.replace("\u3000", "").split("\n"))


def _trim_blank_lines(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]


# --------------------------------------------------------------------------- header


@dataclass(frozen=True)
class _Header:
    row: int  # 0-based index of the first header row
    data_start: int  # 0-based index of the first body row
    columns: dict[str, int]

    @property
    def code_col(self) -> int:
        return self.columns.get("code", self.name_col)

    @property
    def name_col(self) -> int:
        return self.columns.get("name_and_code", self.columns.get("name", -1))

    @property
    def combined(self) -> bool:
        return "code" not in self.columns


def _labels(row: SheetRow) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, cell in enumerate(row):
        if not isinstance(cell, str):
            continue
        flat = _flat(cell)
        for key, labels in _HEADER_LABELS.items():
            if flat in labels and key not in found:
                found[key] = col
    return found


def _find_header(rows: Iterable[SheetRow]) -> _Header | None:
    """The row naming both budget stages, plus the next row when it holds the other labels.

    DGBAS splits the header over two rows: 科目 / stage columns above, 款 項 目 節 名稱及編號
    below; other files may put everything on one row.
    """
    window = list(islice(rows, _HEADER_SEARCH_ROWS + 1))
    for index, row in enumerate(window[:_HEADER_SEARCH_ROWS]):
        columns = _labels(row)
        if "this_year" not in columns or "last_year" not in columns:
            continue
        data_start = index + 1
        if data_start < len(window):
            below = _labels(window[data_start])
            if below.keys() - {"this_year", "last_year"}:
                columns = {**below, **columns}
                data_start += 1
        has_name = "name_and_code" in columns or {"name", "code"} <= columns.keys()
        if has_name:
            return _Header(index, data_start, columns)
    return None


# --------------------------------------------------------------------------- title and year


def _print_header_texts(path: Path, sheet_name: str) -> list[str]:
    """Page-header text of an .xlsx sheet (113 prints its title and year only there).

    Best effort: any problem reading the package just means no page header.
    """
    try:
        with zipfile.ZipFile(path) as package:
            part = _sheet_part(package, sheet_name)
            xml = package.read(part).decode("utf-8", errors="replace") if part else ""
        start, end = xml.rfind("<headerFooter"), xml.rfind("</headerFooter>")
        if start < 0 or end < start:
            return []
        # The element carries no namespace prefix, so the fragment parses alone (CDATA too).
        element = ElementTree.fromstring(xml[start : end + len("</headerFooter>")])
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return []
    block = "\n".join(element.itertext())
    # Format codes separate the left/centre/right sections and the lines within them.
    return [piece for piece in _PRINT_CODES.sub("\n", block).split("\n") if piece.strip()]


def _sheet_part(package: zipfile.ZipFile, sheet_name: str) -> str | None:
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rel_id = None
    for sheet in workbook.iter(f"{ns_main}sheet"):
        if sheet.get("name") == sheet_name:
            rel_id = sheet.get(f"{ns_rel}id")
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def _titles(texts: Iterable[str]) -> list[str]:
    return [flat for flat in map(_flat, texts) if flat.endswith("表") and len(flat) <= 40]


def _years(texts: Iterable[str]) -> list[int]:
    return [int(m.group(1)) for text in texts for m in _YEAR.finditer(_flat(text))]


@dataclass
class _Sheet:
    name: str
    rows: list[list[CellValue]]
    header: _Header
    context: list[str]  # text above the header and in the page header: title, year


def _context_texts(path: Path, name: str, rows: Sequence[SheetRow], header: _Header) -> list[str]:
    above = [_text(cell) for row in rows[: header.row] for cell in row if not _blank(cell)]
    return above + _print_header_texts(path, name)


def _foreign_title(context: list[str]) -> str | None:
    """A printed table title that is not ours, or None (ours, or no title at all)."""
    titles = _titles(context)
    if not titles or any(TITLE in title for title in titles):
        return None
    return titles[0]


# --------------------------------------------------------------------------- opening


def _open(path: Path) -> CalamineWorkbook:
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    if path.stat().st_size == 0:
        raise InputError("the file is empty", file=str(path))
    try:
        return CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError(f"not a readable spreadsheet ({exc})", file=str(path)) from None
    except BaseException as exc:  # pyo3 panics derive from BaseException
        if not type(exc).__name__ == "PanicException":
            raise
        raise InputError(f"the spreadsheet is corrupt ({exc})", file=str(path)) from None


def _read_rows(workbook: CalamineWorkbook, name: str, path: Path) -> list[list[CellValue]]:
    try:
        # skip_empty_area=False keeps row i at sheet row i+1 even when the top rows are empty.
        return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError) as exc:
        raise InputError(f"sheet {name!r} cannot be read ({exc})", file=str(path)) from None
    except BaseException as exc:
        if not type(exc).__name__ == "PanicException":
            raise
        raise InputError(f"sheet {name!r} is corrupt ({exc})", file=str(path)) from None


def _find_sheet(path: Path) -> _Sheet:
    workbook = _open(path)
    foreign: str | None = None
    for name in workbook.sheet_names:
        rows = _read_rows(workbook, name, path)
        header = _find_header(rows)
        if header is None:
            continue
        context = _context_texts(path, name, rows, header)
        title = _foreign_title(context)
        if title is None:
            return _Sheet(name, rows, header, context)
        foreign = foreign or title
    if foreign:
        raise RefusedInput(
            f"this is a {foreign}, not a {TITLE} (DGBAS expenditure-by-agency table)",
            file=str(path),
        )
    raise RefusedInput(
        f"not a {TITLE} (DGBAS expenditure-by-agency table): no sheet has the header cells "
        "名稱及編號, 本年度預算數 and 上年度預算數",
        file=str(path),
    )


def looks_like_dgbas_workbook(path: str | Path) -> bool:
    """Cheap content sniff for the load dispatcher: header cells and title, never the name."""
    path = Path(path)
    try:
        workbook = _open(path)
        for name in workbook.sheet_names:
            rows = list(islice(workbook.get_sheet_by_name(name).iter_rows(), _HEADER_SEARCH_ROWS))
            header = _find_header(rows)
            if header and _foreign_title(_context_texts(path, name, rows, header)) is None:
                return True
    except Exception:  # a sniff answers no; read_workbook reports the reason
        return False
    return False


# --------------------------------------------------------------------------- accounts


@dataclass
class _Draft:
    sheet_row: int
    code: str
    split: bool  # code printed on its own row (113); the name may wrap onto later rows
    name_parts: list[str] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, int] = field(default_factory=dict)
    description: list[str] = field(default_factory=list)
    has_data_row: bool = False


class _Assembler:
    """Walks the body rows once, turning code rows and their continuation rows into accounts."""

    def __init__(self, header: _Header) -> None:
        self.header = header
        self.amount_cols = {k: header.columns[k] for k in AMOUNT_KEYS if k in header.columns}
        self.index_cols = {k: header.columns[k] for k in INDEX_KEYS if k in header.columns}
        self.drafts: list[_Draft] = []
        self.issues: list[LoadIssue] = []
        self.code_rows = 0
        self.current: _Draft | None = None

    def issue(self, severity: Severity, code: str, message: str, sheet_row: int) -> None:
        self.issues.append(
            LoadIssue(severity, code, message, table_slug=TABLE_SLUG, sheet_row=sheet_row)
        )

    def feed(self, row: SheetRow, sheet_row: int) -> None:
        code_text = self._code_text(_at(row, self.header.code_col))
        if _CODE_AT_START.match(code_text):
            self.code_rows += 1
            match = _CODE_CELL.fullmatch(code_text)
            if match is None:
                self.issue(
                    "error", "dgbas_bad_code", f"malformed account code {code_text!r}", sheet_row
                )
                self.current = None
                return
            self._start(row, sheet_row, match.group(1), match.group(2))
        elif self.current is None:
            if any(not _blank(cell) for cell in row):
                self.issue(
                    "warning", "dgbas_stray_row", "row outside any account ignored", sheet_row
                )
        elif not self.current.has_data_row and self._looks_like_data_row(row):
            self.current.name_parts.append(_text(_at(row, self.header.name_col)))
            self._absorb(self.current, row, sheet_row, data_row=True)
        else:
            self._continue(self.current, row, sheet_row)

    def _start(self, row: SheetRow, sheet_row: int, code: str, rest: str) -> None:
        if self.header.combined:
            split = not rest.strip()
            name = rest
        else:
            name = _text(_at(row, self.header.name_col))
            split = False
        draft = _Draft(sheet_row, code, split)
        self.drafts.append(draft)
        self.current = draft
        if split:
            # The code row may still carry 款項目節 or a 說明 line; the name comes below.
            self._absorb(draft, row, sheet_row, data_row=self._has_amounts(row))
        else:
            draft.name_parts.append(name)
            self._absorb(draft, row, sheet_row, data_row=True)

    def _code_text(self, cell: CellValue) -> str:
        # A separate code column may store the code as a number, dropping its leading zeros.
        if (
            not self.header.combined
            and isinstance(cell, int | float)
            and not isinstance(cell, bool)
        ):
            if float(cell).is_integer() and 0 <= cell < 10**10:
                return f"{int(cell):010d}"
        return normalize(_text(cell))

    def _has_amounts(self, row: SheetRow) -> bool:
        return any(not _blank(_at(row, col)) for col in self.amount_cols.values())

    def _looks_like_data_row(self, row: SheetRow) -> bool:
        return self._has_amounts(row) or not _blank(_at(row, self.header.name_col))

    def _absorb(self, draft: _Draft, row: SheetRow, sheet_row: int, *, data_row: bool) -> None:
        for key, col in self.index_cols.items():
            self._read_index(draft, key, _at(row, col), sheet_row)
        if data_row:
            draft.has_data_row = True
            for key, col in self.amount_cols.items():
                self._read_amount(draft, key, _at(row, col), sheet_row)
        self._read_description(draft, row)

    def _continue(self, draft: _Draft, row: SheetRow, sheet_row: int) -> None:
        name = _at(row, self.header.name_col)
        if not _blank(name):
            if draft.split:
                draft.name_parts.append(_text(name))
            else:
                self.issue(
                    "warning",
                    "dgbas_stray_row",
                    f"text {_text(name).strip()!r} in the name column without a code",
                    sheet_row,
                )
        if self._has_amounts(row):
            self.issue(
                "error",
                "dgbas_stray_amounts",
                f"amounts on a continuation row of {draft.code} ignored",
                sheet_row,
            )
        for key, col in self.index_cols.items():
            if not _blank(_at(row, col)):
                self.issue(
                    "warning",
                    "dgbas_stray_row",
                    f"{key} value on a continuation row of {draft.code} ignored",
                    sheet_row,
                )
        self._read_description(draft, row)

    def _read_index(self, draft: _Draft, key: str, cell: CellValue, sheet_row: int) -> None:
        value, problem = _exact_int(cell)
        if problem:
            self.issue("warning", "dgbas_bad_index", f"{key} of {draft.code}: {problem}", sheet_row)
        elif value is not None:
            if draft.index.get(key, value) != value:
                self.issue(
                    "warning",
                    "dgbas_bad_index",
                    f"{key} of {draft.code} printed twice with different values",
                    sheet_row,
                )
            draft.index[key] = value

    def _read_amount(self, draft: _Draft, key: str, cell: CellValue, sheet_row: int) -> None:
        value, problem = _exact_int(cell)
        if problem:
            self.issue(
                "error",
                "dgbas_bad_amount",
                f"{key} of {draft.code}: {problem}; left out",
                sheet_row,
            )
        elif value is not None:
            draft.amounts[key] = value

    def _read_description(self, draft: _Draft, row: SheetRow) -> None:
        col = self.header.columns.get("description")
        if col is not None and not _blank(_at(row, col)):
            draft.description.extend(_lines(_at(row, col)))


# --------------------------------------------------------------------------- levels


_LEVELS: tuple[Level, ...] = ("ministry", "agency", "function", "work_plan", "section")


def _level_of_code(code: str) -> Level:
    """Level from the code shape alone (rule in the module docstring)."""
    if code.startswith("00"):
        return "ministry" if code[4:6] == "00" else "agency"
    if code[6:] == "0000":
        return "function"
    return "work_plan" if code[8:] == "00" else "section"


def _code_parent(code: str, level: Level) -> str | None:
    """Parent implied by the code digits, where the digits do imply one.

    Not for agencies: a 主管 may own agencies of another MM (教育部主管 has 0020xx and 0021xx).
    """
    if level == "function":
        return "00" + code[2:6] + "0000"
    if level == "work_plan":
        return code[:6] + "0000"
    if level == "section":
        return code[:8] + "00"
    return None


def _printed_level(index: dict[str, int]) -> Level | None:
    levels = [_LEVEL_OF_INDEX[key] for key in INDEX_KEYS if key in index]
    if len(levels) > 1:
        return None
    return levels[0] if levels else "function"


class _Nesting:
    """The last account seen at each level, in sheet order: the printed 款/項/目/節 nesting."""

    def __init__(self) -> None:
        self._last: dict[Level, str] = {}

    def parent_of(self, level: Level) -> str | None:
        depth = _LEVELS.index(level)
        return self._last.get(_LEVELS[depth - 1]) if depth else None

    def push(self, level: Level, code: str) -> None:
        depth = _LEVELS.index(level)
        self._last[level] = code
        # A new account closes every deeper one, so a skipped level leaves no stale parent.
        for deeper in _LEVELS[depth + 1 :]:
            self._last.pop(deeper, None)


def _finish(drafts: list[_Draft], has_index_cols: bool, issue: IssueSink) -> list[DgbasAccount]:
    seen: dict[str, int] = {}
    nesting = _Nesting()
    accounts: list[DgbasAccount] = []
    for draft in drafts:
        if draft.code in seen:
            issue(
                "warning",
                "dgbas_duplicate_code",
                f"code {draft.code} already printed on sheet row {seen[draft.code]}",
                draft.sheet_row,
            )
        seen.setdefault(draft.code, draft.sheet_row)
        level = _level_of_code(draft.code)
        _check_level(draft, level, has_index_cols, issue)
        parent = _parent(draft, level, nesting, issue)
        nesting.push(level, draft.code)
        if not draft.amounts:
            issue("warning", "dgbas_no_amounts", f"{draft.code} has no amounts", draft.sheet_row)
        _check_change(draft, issue)
        accounts.append(_account(draft, level, parent))
    return accounts


def _check_level(draft: _Draft, level: Level, has_index_cols: bool, issue: IssueSink) -> None:
    printed = _printed_level(draft.index)
    # Without a data row nothing was printed to compare; dgbas_no_amounts already reports it.
    if has_index_cols and draft.has_data_row and printed != level:
        issue(
            "warning",
            "dgbas_level_mismatch",
            f"{draft.code}: code shape says {level}, 款/項/目/節 columns say {printed}",
            draft.sheet_row,
        )


def _parent(draft: _Draft, level: Level, nesting: _Nesting, issue: IssueSink) -> str | None:
    parent = nesting.parent_of(level)
    if level != "ministry" and parent is None:
        issue(
            "warning",
            "dgbas_parent_missing",
            f"{draft.code}: no {_LEVELS[_LEVELS.index(level) - 1]} printed above this {level}",
            draft.sheet_row,
        )
    expected = _code_parent(draft.code, level)
    if parent is not None and expected is not None and expected != parent:
        issue(
            "warning",
            "dgbas_parent_mismatch",
            f"{draft.code}: printed under {parent}, but its digits point to {expected}",
            draft.sheet_row,
        )
    return parent


def _account(draft: _Draft, level: Level, parent: str | None) -> DgbasAccount:
    return DgbasAccount(
        sheet_row=draft.sheet_row,
        code=draft.code,
        name=_clean_name("\n".join(draft.name_parts)),
        level=level,
        kuan=draft.index.get("kuan"),
        xiang=draft.index.get("xiang"),
        mu=draft.index.get("mu"),
        jie=draft.index.get("jie"),
        parent_code=parent,
        amounts=draft.amounts,
        description="\n".join(_trim_blank_lines(draft.description)),
    )


def _check_change(draft: _Draft, issue: IssueSink) -> None:
    """本年度與上年度比較 must be the difference; a mismatch hints at a misread cell."""
    a = draft.amounts
    if {"this_year", "last_year", "change"} <= a.keys():
        if a["this_year"] - a["last_year"] != a["change"]:
            issue(
                "warning",
                "dgbas_change_mismatch",
                f"{draft.code}: {a['this_year']} - {a['last_year']} != change {a['change']}",
                draft.sheet_row,
            )


# --------------------------------------------------------------------------- entry point


def _resolve_year(
    context: list[str], override: int | None, path: Path, issues: list[LoadIssue]
) -> int:
    found = _years(context)
    printed = found[0] if found else None
    if override is not None:
        if printed is not None and printed != override:
            issues.append(
                LoadIssue(
                    "warning",
                    "dgbas_year_mismatch",
                    f"workbook says 中華民國{printed}年度 but fiscal year {override} was given; "
                    f"using {override}",
                    table_slug=TABLE_SLUG,
                )
            )
        return override
    if printed is None:
        raise RefusedInput(
            "the fiscal year is printed neither in the sheet nor in its page header; "
            "give it explicitly (--year)",
            file=str(path),
        )
    return printed


def read_workbook(path: str | Path, *, fiscal_year: int | None = None) -> DgbasWorkbook:
    """Read one 歲出機關別預算表 workbook. `fiscal_year` overrides/supplies the printed year."""
    path = Path(path)
    sheet = _find_sheet(path)
    issues: list[LoadIssue] = []
    year = _resolve_year(sheet.context, fiscal_year, path, issues)
    if not _titles(sheet.context):
        issues.append(
            LoadIssue(
                "info",
                "dgbas_no_title",
                f"no printed title; recognised as {TITLE} by its header cells",
                table_slug=TABLE_SLUG,
            )
        )

    assembler = _Assembler(sheet.header)
    for index in range(sheet.header.data_start, len(sheet.rows)):
        assembler.feed(sheet.rows[index], index + 1)
    if not assembler.drafts:
        raise ParseError(
            f"{TITLE} header found but no account codes below it",
            file=str(path),
            sheet_row=sheet.header.data_start + 1,
        )
    accounts = _finish(assembler.drafts, bool(assembler.index_cols), assembler.issue)
    issues.extend(assembler.issues)
    return DgbasWorkbook(
        file_name=path.name,
        fiscal_year=year,
        columns=dict(assembler.amount_cols),
        accounts=accounts,
        code_rows=assembler.code_rows,
        issues=issues,
    )
