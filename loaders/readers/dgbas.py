"""Reader for the DGBAS 歲出機關別 / 歲出政事別 / 歲入來源別 預算表 workbooks (whole central
government, one of each per year and budget).

Pure: one workbook in, typed rows out; no database. See DOMAIN.md §2 and §6.

A DGBAS table is recognised by its header cells (名稱及編號 or 科目編號 + 科目名稱, 本年度預算數,
上年度預算數; long labels tolerate one wrong character, noted as an info issue); which table,
budget, stage and unit it is comes from the printed title and unit line (loaders/recognise.py),
or, untitled (97-101), from the first account code. Columns are located from the header text,
never by position or year. Rows with a name and amounts but no code (合計, (1. 一般政務支出))
are totals, kept apart and checked. Sheets in 元 are converted to 千元 exactly or refused.

Layouts met so far (the reader handles each without knowing the year):

* 111-112 (.xls): one row per account; code and name share a cell ("5262200100\\n一般行政");
  amounts are floats; 說明 is one cell with embedded line breaks.
* 113 (.xlsx): no title rows (the title and year live in the page header); the code sits alone on
  its row ("\\u30000002000000"), the next row has 款/項/目/節, the name, the amounts (text with
  commas, "-" for zero) and the first 說明 line; following rows continue the name (names wrap,
  e.g. "外交支出機密預" + "算") and/or the 說明 (one printed line per row).
* 97-101: code and name in separate columns (科目編號 / 科目名稱), no title, no year (taken from
  the file name, e.g. ``97c歲出機關別預算表.xls``, with a warning), cumulative 款/項/目 columns,
  節 = 999 on 政事 rows, 說明 indented with DEL characters (removed), some totals stored as
  floats such as 152689908.003 (kept when the children agree, see dgbas_tree.py).

Level and parent rule of the 機關別 table (dgbas_tree.py holds it, and the 政事別 / 來源別
variants; checked against the 111, 112 and 113 workbooks: the printed
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

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from itertools import islice
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from python_calamine import CalamineError, CalamineWorkbook

from unitbudget.errors import InputError, ParseError, RefusedInput

from ..amounts import normalize, parse_int, parse_number
from ..issues import LoadIssue, Severity
from ..recognise import (
    TABLE_TITLES,
    Budget,
    Stage,
    TableKind,
    clean_text,
    flat,
    kind_from_file_name,
    printed_years,
    recognise_budget,
    recognise_stage,
    recognise_structure,
    recognise_title,
    recognise_unit,
    title_lines,
    year_from_file_name,
)
from .dgbas_tree import INDEX_KEYS, SUMMED_KEYS, DgbasAccount, Draft, IssueSink, finish

TABLE_SLUG = "expenditure_by_agency"
TITLE = TABLE_TITLES[TABLE_SLUG]

CellValue = str | float | int | bool | date | datetime | time | timedelta | None
SheetRow = Sequence[CellValue]

AMOUNT_KEYS = ("this_year", "last_year", "year_before_actual", "change")

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

# The header sits near the top; looking further only costs time on foreign spreadsheets.
_HEADER_SEARCH_ROWS = 40
# Ministry and agency digits are always numeric; plan/section digits may hold a letter (機密).
_CODE_AT_START = re.compile(r"\d{6}[0-9A-Z]{4}")
_CODE_CELL = re.compile(r"(\d{6}[0-9A-Z]{4})(?![0-9A-Za-z])\s*(.*)", re.DOTALL)
# Excel page-header codes: &"font,style", &12 (size), &L/&C/&R (sections), &P, &D ...
_PRINT_CODES = re.compile(r'&"[^"]*"|&\d+|&[A-Za-z]')
_MAX_EXACT_FLOAT = 2**53


@dataclass
class DgbasWorkbook:
    file_name: str
    fiscal_year: int
    table: TableKind
    budget: Budget
    stage: Stage | None  # as the title states it; None when it does not
    columns: dict[str, int]  # amount key -> 0-based sheet column index, only those found
    accounts: list[DgbasAccount]
    totals: list[DgbasTotal]  # 合計 and group rows (no code), 千元
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
    """Folded (NFKC, compatibility ideographs unified) with every whitespace removed."""
    return flat(text)


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


# --------------------------------------------------------------------------- header


@dataclass(frozen=True)
class _Header:
    row: int  # 0-based index of the first header row
    data_start: int  # 0-based index of the first body row
    columns: dict[str, int]
    typos: tuple[str, ...] = ()  # header labels matched despite one wrong character

    @property
    def code_col(self) -> int:
        return self.columns.get("code", self.name_col)

    @property
    def name_col(self) -> int:
        return self.columns.get("name_and_code", self.columns.get("name", -1))

    @property
    def combined(self) -> bool:
        return "code" not in self.columns


def _one_edit_apart(a: str, b: str) -> bool:
    """One character inserted, deleted or replaced (本年度節與上年度比較 for 本年度與上年度比較)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# Labels this long differ from each other by more than one character, so a one-character typo
# still names exactly one of them; short labels (款, 說明) must match exactly.
_FUZZY_MIN = 5


def _labels(row: SheetRow, typos: list[str] | None = None) -> dict[str, int]:
    """Header keys found in a row -> column. Long labels tolerate one wrong character; each
    tolerated label is appended to `typos` as 'printed -> label'."""
    found: dict[str, int] = {}
    for col, cell in enumerate(row):
        if not isinstance(cell, str):
            continue
        text = _flat(cell)
        exact = [key for key, labels in _HEADER_LABELS.items() if text in labels]
        if exact:
            if exact[0] not in found:
                found[exact[0]] = col
            continue
        if len(text) < _FUZZY_MIN:
            continue
        near = [
            (key, label)
            for key, labels in _HEADER_LABELS.items()
            for label in labels
            if _one_edit_apart(text, label)
        ]
        # Only an unambiguous near miss counts (上年度預算數 is one edit from 本年度預算數).
        if len(near) == 1 and near[0][0] not in found:
            found[near[0][0]] = col
            if typos is not None:
                typos.append(f"{text} -> {near[0][1]}")
    return found


def _find_header(rows: Iterable[SheetRow]) -> _Header | None:
    """The row naming both budget stages, plus the next row when it holds the other labels.

    DGBAS splits the header over two rows: 科目 / stage columns above, 款 項 目 節 名稱及編號
    below; other files (97-101) put everything on one row.
    """
    window = list(islice(rows, _HEADER_SEARCH_ROWS + 1))
    for index, row in enumerate(window[:_HEADER_SEARCH_ROWS]):
        typos: list[str] = []
        columns = _labels(row, typos)
        if "this_year" not in columns or "last_year" not in columns:
            continue
        data_start = index + 1
        if data_start < len(window):
            below_typos: list[str] = []
            below = _labels(window[data_start], below_typos)
            if below.keys() - {"this_year", "last_year"}:
                columns = {**below, **columns}
                typos += below_typos
                data_start += 1
        has_name = "name_and_code" in columns or {"name", "code"} <= columns.keys()
        if has_name:
            return _Header(index, data_start, columns, tuple(typos))
    return None


# --------------------------------------------------------------------------- title and year


def _print_header_texts(data: bytes, sheet_name: str) -> list[str]:
    """Page-header text of an .xlsx sheet (113 prints its title and year only there).

    Best effort: any problem reading the package just means no page header.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
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
    return title_lines(texts)


@dataclass
class _Sheet:
    name: str
    rows: list[list[CellValue]]
    header: _Header
    context: list[str]  # text above the header and in the page header: title, year


def _context_texts(data: bytes, name: str, rows: Sequence[SheetRow], header: _Header) -> list[str]:
    above = [_text(cell) for row in rows[: header.row] for cell in row if not _blank(cell)]
    return above + _print_header_texts(data, name)


def _foreign_title(context: list[str]) -> str | None:
    """A printed table title that is none of ours, or None (ours, or no title at all)."""
    found = recognise_title(context)
    return None if found.kind is not None else found.title


# --------------------------------------------------------------------------- opening


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from None


def _open(data: bytes, path: Path) -> CalamineWorkbook:
    """The workbook in `data` (the bytes of `path`, which only names it in errors)."""
    if not data:
        raise InputError("the file is empty", file=str(path))
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
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


def _find_sheet(data: bytes, path: Path) -> _Sheet:
    workbook = _open(data, path)
    foreign: str | None = None
    for name in workbook.sheet_names:
        rows = _read_rows(workbook, name, path)
        header = _find_header(rows)
        if header is None:
            continue
        context = _context_texts(data, name, rows, header)
        title = _foreign_title(context)
        if title is None:
            return _Sheet(name, rows, header, context)
        foreign = foreign or title
    known = "、".join(TABLE_TITLES.values())
    if foreign:
        raise RefusedInput(
            f"this is a {foreign}, not a DGBAS table this warehouse loads ({known})",
            file=str(path),
        )
    raise RefusedInput(
        f"not a DGBAS table this warehouse loads ({known}): no sheet has the header cells "
        "名稱及編號 (or 科目名稱 and 科目編號), 本年度預算數 and 上年度預算數",
        file=str(path),
    )


def looks_like_dgbas_workbook(path: str | Path, data: bytes | None = None) -> bool:
    """Cheap content sniff: header cells and title, never the name. `data`: the file's bytes
    when the caller has read them (the file is then not opened)."""
    path = Path(path)
    try:
        data = _read(path) if data is None else data
        workbook = _open(data, path)
        for name in workbook.sheet_names:
            rows = list(islice(workbook.get_sheet_by_name(name).iter_rows(), _HEADER_SEARCH_ROWS))
            header = _find_header(rows)
            if header and _foreign_title(_context_texts(data, name, rows, header)) is None:
                return True
    except Exception:  # a sniff answers no; read_workbook reports the reason
        return False
    return False


# --------------------------------------------------------------------------- accounts


@dataclass
class DgbasTotal:
    """A row with a name and amounts but no code: 合計, or a group such as (1. 一般政務支出)."""

    sheet_row: int
    name: str
    amounts: dict[str, int]


class _Assembler:
    """Walks the body rows once, turning code rows and their continuation rows into accounts."""

    def __init__(self, header: _Header) -> None:
        self.header = header
        self.amount_cols = {k: header.columns[k] for k in AMOUNT_KEYS if k in header.columns}
        self.index_cols = {k: header.columns[k] for k in INDEX_KEYS if k in header.columns}
        self.drafts: list[Draft] = []
        self.totals: list[DgbasTotal] = []
        self.issues: list[LoadIssue] = []
        self.code_rows = 0
        self.current: Draft | None = None

    def issue(self, severity: Severity, code: str, message: str, sheet_row: int) -> None:
        self.issues.append(LoadIssue(severity, code, message, sheet_row=sheet_row))

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
        elif (self.current is None or self.current.has_data_row) and self._looks_like_total_row(
            row
        ):
            self._total(row, sheet_row)
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
        draft = Draft(sheet_row, code, split)
        self.drafts.append(draft)
        self.current = draft
        if split:
            # The code row may still carry 款項目節 or a 說明 line; the name comes below.
            self._absorb(draft, row, sheet_row, data_row=self._has_amounts(row))
        else:
            draft.name_parts.append(name)
            self._absorb(draft, row, sheet_row, data_row=True)

    def _looks_like_total_row(self, row: SheetRow) -> bool:
        # The name cell first: most continuation rows (wrapped 說明) have none, so it is cheap.
        return not _blank(_at(row, self.header.name_col)) and self._has_amounts(row)

    def _total(self, row: SheetRow, sheet_row: int) -> None:
        """合計 and group rows have no code: kept apart for the cross-checks, never accounts."""
        amounts: dict[str, int] = {}
        for key, col in self.amount_cols.items():
            value, _ = _exact_int(_at(row, col))
            if value is not None:
                amounts[key] = value
        name = "".join(clean_text(_text(_at(row, self.header.name_col))).split())
        self.totals.append(DgbasTotal(sheet_row, name, amounts))
        self.current = None

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

    def _absorb(self, draft: Draft, row: SheetRow, sheet_row: int, *, data_row: bool) -> None:
        for key, col in self.index_cols.items():
            self._read_index(draft, key, _at(row, col), sheet_row)
        if data_row:
            draft.has_data_row = True
            for key, col in self.amount_cols.items():
                self._read_amount(draft, key, _at(row, col), sheet_row)
        self._read_description(draft, row)

    def _continue(self, draft: Draft, row: SheetRow, sheet_row: int) -> None:
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

    def _read_index(self, draft: Draft, key: str, cell: CellValue, sheet_row: int) -> None:
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

    def _read_amount(self, draft: Draft, key: str, cell: CellValue, sheet_row: int) -> None:
        value, problem = _exact_int(cell)
        if problem and isinstance(cell, float) and abs(cell) < _MAX_EXACT_FLOAT:
            draft.inexact[key] = (
                cell,
                sheet_row,
            )  # resolved against the children in _resolve_inexact
        elif problem:
            self.issue(
                "error",
                "dgbas_bad_amount",
                f"{key} of {draft.code}: {problem}; left out",
                sheet_row,
            )
        elif value is not None:
            draft.amounts[key] = value

    def _read_description(self, draft: Draft, row: SheetRow) -> None:
        col = self.header.columns.get("description")
        if col is not None and not _blank(_at(row, col)):
            draft.description.extend(_lines(clean_text(_text(_at(row, col)))))


# --------------------------------------------------------------------------- entry point


def _resolve_year(
    context: list[str], override: int | None, path: Path, issues: list[LoadIssue]
) -> int:
    """The fiscal year: `override` (--year), else the year the workbook prints, else the one ROC
    year in the file name.

    The printed year (title rows or page header) wins over the file name, and a file name
    naming another year is a warning: a renamed copy must not load as another year unnoticed.
    Without a printed year the file name is used with a warning, not refused: the 97-101
    workbooks print no year at all (DGBAS names their files by year) and --year applies to a
    whole batch, so refusing would make a folder of them unloadable in one command.
    """
    found = printed_years(context)
    printed = found[0] if found else None
    from_name = year_from_file_name(path.name)
    if override is not None:
        if printed is not None and printed != override:
            issues.append(
                LoadIssue(
                    "warning",
                    "dgbas_year_mismatch",
                    f"workbook says 中華民國{printed}年度 but fiscal year {override} was given; "
                    f"using {override}",
                )
            )
        return override
    if printed is not None:
        if from_name is not None and from_name != printed:
            issues.append(
                LoadIssue(
                    "warning",
                    "dgbas_year_file_name_mismatch",
                    f"the file name {path.name} names year {from_name} but the workbook prints "
                    f"中華民國{printed}年度; using {printed}",
                )
            )
        return printed
    if from_name is None:
        raise RefusedInput(
            "the fiscal year is printed neither in the sheet nor in its page header, and the "
            "file name holds no single ROC year; give it explicitly (--year)",
            file=str(path),
        )
    issues.append(
        LoadIssue(
            "warning",
            "dgbas_year_from_file_name",
            f"no printed year; fiscal year {from_name} taken from the file name {path.name} "
            "(check it, or give --year)",
        )
    )
    return from_name


def _to_thousands(accounts: list[DgbasAccount], totals: list[DgbasTotal], path: Path) -> None:
    """元 -> 千元 in place, exactly; ParseError naming the first row that is not whole 千元."""
    rows: list[tuple[int, str, dict[str, int]]] = [
        (a.sheet_row, a.code, a.amounts) for a in accounts
    ] + [(t.sheet_row, t.name, t.amounts) for t in totals]
    for sheet_row, what, amounts in sorted(rows, key=lambda r: r[0]):
        for key, value in amounts.items():
            if value % 1000:
                raise ParseError(
                    f"the sheet is in 元 and {key} of {what} ({value:,} 元) is not a whole "
                    "number of 千元; refused rather than rounded",
                    file=str(path),
                    sheet_row=sheet_row,
                )
    for _, _, amounts in rows:
        for key, value in amounts.items():
            amounts[key] = value // 1000


def _check_grand_total(
    accounts: list[DgbasAccount], totals: list[DgbasTotal], sink: IssueSink
) -> None:
    """The 合計 row, when printed, must be the sum of the top-level accounts."""
    grand = next((t for t in totals if flat(t.name) == "合計"), None)
    if grand is None:
        return
    top = [a for a in accounts if a.parent_code is None]
    for key in SUMMED_KEYS:
        if key in grand.amounts and all(key in a.amounts for a in top):
            total = sum(a.amounts[key] for a in top)
            if total != grand.amounts[key]:
                sink(
                    "warning",
                    "dgbas_sum_mismatch",
                    f"{key} of 合計 (sheet row {grand.sheet_row}) is {grand.amounts[key]}, "
                    f"the top-level accounts sum to {total}",
                    grand.sheet_row,
                )


def _check_file_name_kind(
    path: Path, kind: TableKind, titled: bool, issues: list[LoadIssue]
) -> None:
    """A file name naming another table than the content is a warning naming both; the
    content decides. When the fiscal year came from that same name (no printed year, no
    --year) the file is refused: a name wrong about the table is no source for the year."""
    named = kind_from_file_name(path.name)
    if named is None or named == kind:
        return
    how = "its printed title" if titled else "its header cells and account codes"
    message = (
        f"the file name {path.name} names {TABLE_TITLES[named]} but the workbook is "
        f"{TABLE_TITLES[kind]} ({how}); loaded as {TABLE_TITLES[kind]}"
    )
    if any(i.code == "dgbas_year_from_file_name" for i in issues):
        raise RefusedInput(
            f"{message.removesuffix(f'; loaded as {TABLE_TITLES[kind]}')}, and the workbook "
            "prints no year: the year in that name cannot be trusted; give it with --year",
            file=str(path),
        )
    issues.append(LoadIssue("warning", "dgbas_kind_file_name_mismatch", message))


def read_workbook(
    path: str | Path, *, fiscal_year: int | None = None, data: bytes | None = None
) -> DgbasWorkbook:
    """Read one DGBAS 歲出機關別 / 歲出政事別 / 歲入來源別 預算表 workbook.

    The table, budget, stage and unit are recognised from the printed title and unit line
    (structure when untitled, see recognise.py); `fiscal_year` overrides/supplies the printed
    year, which otherwise falls back to the file name (a warning; see _resolve_year). Amounts
    come back in 千元.
    `data` is the file's bytes when the caller has read them (the load dispatcher reads every
    file once): the file is then not opened again and `path` only names it. Raises InputError
    (unreadable), RefusedInput (another table, no year) or ParseError.
    """
    path = Path(path)
    sheet = _find_sheet(_read(path) if data is None else data, path)
    issues: list[LoadIssue] = []
    year = _resolve_year(sheet.context, fiscal_year, path, issues)

    assembler = _Assembler(sheet.header)
    for index in range(sheet.header.data_start, len(sheet.rows)):
        assembler.feed(sheet.rows[index], index + 1)
    if not assembler.drafts:
        raise ParseError(
            "DGBAS table header found but no account codes below it",
            file=str(path),
            sheet_row=sheet.header.data_start + 1,
        )
    titled = recognise_title(sheet.context).kind
    kind = titled or recognise_structure(assembler.drafts[0].code)
    if titled is None:
        issues.append(
            LoadIssue(
                "info",
                "dgbas_no_title",
                f"no printed title; recognised as {TABLE_TITLES[kind]} by its header cells "
                "and account codes",
            )
        )
    _check_file_name_kind(path, kind, titled is not None, issues)
    for typo in sheet.header.typos:
        issues.append(
            LoadIssue("info", "dgbas_header_typo", f"header label read despite a typo: {typo}")
        )
    accounts = finish(assembler.drafts, kind, bool(assembler.index_cols), assembler.issue)
    _check_grand_total(accounts, assembler.totals, assembler.issue)
    unit = recognise_unit(sheet.context) or 1000
    if unit == 1:
        _to_thousands(accounts, assembler.totals, path)
        issues.append(LoadIssue("info", "dgbas_unit_yuan", "amounts printed in 元, stored in 千元"))
    issues.extend(assembler.issues)
    return DgbasWorkbook(
        file_name=path.name,
        fiscal_year=year,
        table=kind,
        budget=recognise_budget(sheet.context),
        stage=recognise_stage(sheet.context),
        columns=dict(assembler.amount_cols),
        accounts=accounts,
        totals=assembler.totals,
        code_rows=assembler.code_rows,
        issues=[replace(i, table_slug=kind) for i in issues],
    )
