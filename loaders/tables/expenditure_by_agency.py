"""主要表 1 歲出機關別預算表 (expenditure_by_agency): accounts and their amounts by stage.

Columns as printed: 款 | 項 | 目 | 節 | 名稱及編號 | 本年度預算數 | 上年度預算數 | 前年度決算數 |
本年度與上年度比較 | 說明. A body row is one account: `5262209800 第一預備金` (10-digit code, or
the 9-digit variant padded with 0) with its 款/項/目/節 position.

Facts:
- accounts: every printed row (level from the code shape, DOMAIN.md §2; parent from the code
  digits, the agency under the 款 row printed above it). Each code goes into ctx.accounts, so
  the plan overview (order 10, after this parser) does not state the same account again.
- account_amounts: this_year -> (fiscal year, ctx.stage), last_year -> (fiscal year - 1,
  enacted), year_before_actual -> (fiscal year - 2, actual); `-` is 0. The change column is
  derived, not a fact.

Printed cells: row_key = the 10-digit account code; column_key = kuan / xiang / mu / jie (the
printed positions) and this_year / last_year / year_before_actual / change.

A damaged print (DOMAIN.md §5: the ADI 112 text keeps only the 第一預備金 row) is reported, not
repaired: a work plan row without its 政事別 row above it, 目 numbers that do not start at 1,
and a 說明 that starts in the middle of a sentence are load issues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unitbudget.catalog import title_of

from ..amounts import parse_int
from ..codes import CODE_AND_NAME, account_code, account_level, function_of, parent_of
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import account_layout, join_account_lines, stacked_labels

SLUG = "expenditure_by_agency"
TITLE = title_of(SLUG)

_POSITIONS = (("款", "kuan"), ("項", "xiang"), ("目", "mu"), ("節", "jie"))
# header label (compacted) -> column key, in the order a DGBAS table prints them
_AMOUNT_LABELS = (
    ("本年度預算", "this_year"),
    ("上年度預算", "last_year"),
    ("前年度決算", "year_before_actual"),
    ("比較", "change"),
)
_COLUMN_ORDER = {
    "kuan": 1,
    "xiang": 2,
    "mu": 3,
    "jie": 4,
    "this_year": 5,
    "last_year": 6,
    "year_before_actual": 7,
    "change": 8,
}
# (fiscal year offset, stage or None for the document's own stage) per amount column
_STAGES = {
    "this_year": (0, None),
    "last_year": (-1, "enacted"),
    "year_before_actual": (-2, "actual"),
}
# A 說明 that starts with an amount's tail or a comma continues text printed above it.
_WRAP_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_CONTINUATION = re.compile(r"^\s*(?:[\d,]+\s*千?元|[，,。、；;）)])")


@dataclass
class AccountRow:
    code: str
    name: str
    level: str
    positions: dict[str, Cell]
    amounts: dict[str, Cell]
    note: Cell | None
    name_cell: Cell


def matches(region: Region) -> bool:
    return TITLE in compact(region.printed_title or region.title) or TITLE in compact(region.title)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    amount_keys = _amount_keys(region)
    layout = account_layout(region.header_rows)
    lines = join_account_lines(region.rows, layout.name_index) if layout else region.rows
    rows = [r for r in (_account_row(row, amount_keys) for row in lines) if r is not None]
    result.row_count = len(rows)
    fiscal_year = ctx.fiscal_year or region.fiscal_year
    ministry: str | None = None
    for index, row in enumerate(rows, start=1):
        if row.level == "ministry":
            ministry = row.code
        _emit(row, index, ministry, fiscal_year, ctx, result)
    _check_damage(rows, region, result)
    return result


def _amount_keys(region: Region) -> list[str]:
    """The amount columns in printed order, from the header labels.

    A label is printed in one header cell (本年度預算數) or stacked over several header rows
    in one column (本年度 / 預算數): both are read, the reading that finds more columns wins.
    """
    cells = [compact(c.text) for r in region.header_rows for c in r.cells]
    stacked = stacked_labels(region.header_rows)
    found = max((_labelled(cells), _labelled(stacked)), key=len)
    return found or [key for _, key in _AMOUNT_LABELS]


def _labelled(labels: list[str]) -> list[str]:
    found: list[str] = []
    for text in labels:
        for label, key in _AMOUNT_LABELS:
            if label in text and key not in found:
                found.append(key)
    return found


def _account_row(row: Row, amount_keys: list[str]) -> AccountRow | None:
    index = next((i for i, c in enumerate(row.cells) if CODE_AND_NAME.match(c.text.strip())), None)
    if index is None:
        return None
    name_cell = row.cells[index]
    m = CODE_AND_NAME.match(name_cell.text.strip())
    assert m is not None
    code = account_code(m.group(1))
    if code is None:
        return None
    # the four position cells are printed just before the name, in 款 項 目 節 order
    positions = {
        key: row.cells[index - 4 + k]
        for k, (_, key) in enumerate(_POSITIONS)
        if index - 4 + k >= 0 and row.cells[index - 4 + k].text.strip()
    }
    after = row.cells[index + 1 :]
    amounts = dict(zip(amount_keys, after, strict=False))
    note = after[len(amount_keys)] if len(after) > len(amount_keys) else None
    # A name wrapped over lines continues mid-word: the lines join without a space, and a
    # space a reader put between two ideographs where the line broke goes too.
    name = " ".join("".join(part.strip() for part in m.group(2).splitlines()).split())
    name = _WRAP_SPACE.sub("", name)
    return AccountRow(code, name, account_level(code), positions, amounts, note, name_cell)


def _emit(
    row: AccountRow,
    order: int,
    ministry: str | None,
    fiscal_year: int | None,
    ctx: ParseContext,
    result: TableResult,
) -> None:
    if row.code in ctx.accounts:
        result.warn(
            "account_repeated",
            f"account {row.code} printed twice: the repeat is not stored",
            row.name_cell,
        )
        return
    for key, cell in row.positions.items():
        result.add_cell(row.code, key, order, _COLUMN_ORDER[key], cell)
    for key, cell in row.amounts.items():
        if cell.text:
            result.add_cell(row.code, key, order, _COLUMN_ORDER[key], cell)
    result.add_fact(
        "accounts",
        account_code=row.code,
        fiscal_year=fiscal_year,
        name=row.name,
        level=row.level,
        kuan=_position(row, "kuan"),
        xiang=_position(row, "xiang"),
        mu=_position(row, "mu"),
        jie=_position(row, "jie"),
        parent_code=_parent(row, ministry),
        description=row.note.text if row.note and row.note.text else None,
        page=row.name_cell.page,
        line=row.name_cell.line,
        sheet_row=None,
    )
    ctx.accounts[row.code] = row.name
    if row.level == "agency" and ctx.agency_code is None:
        ctx.agency_code = row.code
    if fiscal_year is None:
        return
    for key, (offset, stage) in _STAGES.items():
        cell = row.amounts.get(key)
        if cell is None or not cell.text:
            continue
        amount = parse_int(cell.text)
        if amount is None:
            result.warn(
                "amount_unreadable", f"{key} {cell.text!r} of {row.code} is not a number", cell
            )
            continue
        result.add_fact(
            "account_amounts",
            account_code=row.code,
            fiscal_year=fiscal_year + offset,
            stage=stage or ctx.stage,
            amount=amount,
            source_column=key,
            page=cell.page,
            line=cell.line,
            sheet_row=None,
        )


def _position(row: AccountRow, key: str) -> int | None:
    cell = row.positions.get(key)
    return parse_int(cell.text) if cell else None


def _parent(row: AccountRow, ministry: str | None) -> str | None:
    return parent_of(row.code, row.level, ministry)


def _check_damage(rows: list[AccountRow], region: Region, result: TableResult) -> None:
    """Rows whose parents or earlier siblings are missing were lost in the extraction."""
    printed = {r.code for r in rows}
    warned: set[str] = set()
    for row in rows:
        if row.level == "work_plan":
            parent = function_of(row.code)
            mu = _position(row, "mu")
            if parent not in printed and parent not in warned:
                warned.add(parent)
                expected = "" if not mu or mu == 1 else f" and the work plans 目 1–{mu - 1}"
                result.warn(
                    "table_damaged",
                    f"{TITLE}: work plan {row.code} {row.name} is printed without its 政事別 "
                    f"and agency rows{expected}: rows were lost in the extraction",
                    row.name_cell,
                )
        if row.note is not None and _CONTINUATION.match(row.note.text):
            result.warn(
                "text_lost",
                f"{TITLE}: the 說明 of {row.code} starts in the middle of a sentence "
                f"({row.note.text[:12]}…): text of rows above it was lost",
                row.note,
            )
    if not rows and region.rows:
        result.warn(
            "table_damaged",
            f"{TITLE}: no account row could be read",
            region.rows[0].cells[0] if region.rows[0].cells else None,
        )


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=5)
