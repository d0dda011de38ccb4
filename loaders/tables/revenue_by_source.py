"""歲入來源別預算表 (revenue_by_source): the agency's revenue accounts by source, 千元.

Printed layout: 科目 款 | 項 | 目 | 節 | 名稱及編號 | 本年度預算數 | 上年度預算數 | 前年度決算數 |
本年度與上年度比較 | 說明. The first body row is 合計; every account row prints its position in
one of 款/項/目/節 (the level: source, agency, item, sub_item) and its 10-digit revenue code on
the line above its name (the reader joins the two into the name cell: `0400000000 罰款及賠償收入`).
A 說明 wraps over the rows below (and over a page break).

Facts, in the DGBAS revenue tables so that `revenue_series` serves both sources:
- `revenue_accounts`: one row per printed account (code, name, level, positions, parent code
  from the positions printed above it, 說明, page and line);
- `revenue_amounts`: per account the three printed amounts (this_year = (Y, the document's
  stage), last_year = (Y-1, enacted), year_before_actual = (Y-2, actual)). 合計 and 比較 are not
  facts: report_revenue_by_source regenerates them.

Keys of the printed cells: row_key = the 10-digit revenue code, `total` for 合計; column_key =
this_year, last_year, year_before_actual, change.
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..codes import account_code
from ..recognise import fold_name
from ..regions import Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit.cells import join_cell_lines
from .toolkit.headers import column_of, stacked_labels

SLUG = "revenue_by_source"
TITLE = title_of(SLUG)
# Position column label -> level of the account printed there, top down.
LEVELS = (("款", "source"), ("項", "agency"), ("目", "item"), ("節", "sub_item"))
# Amount column key -> (year offset from the document's year, stage or None for its own stage).
AMOUNTS: dict[str, tuple[int, str | None]] = {
    "this_year": (0, None),
    "last_year": (-1, "enacted"),
    "year_before_actual": (-2, "actual"),
}
COLUMNS = (*AMOUNTS, "change")
# Header keywords of each column (stacked header text), data not branches.
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "name": ("名稱",),
    "this_year": ("本年度", "預算數"),
    "last_year": ("上年度", "預算數"),
    "year_before_actual": ("前年度", "決算數"),
    "change": ("比較",),
    "note": ("說明",),
}


def matches(region: Region) -> bool:
    return compact(region.title) == compact(TITLE)


def column_keys(header_rows: list[Row]) -> dict[str, int]:
    """Field -> column index, from each column's header labels read top to bottom."""
    labels = stacked_labels(header_rows)
    keys: dict[str, int] = {}
    for key, words in _HEADER_WORDS.items():
        # 本年度與上年度比較 holds 本年度 and 上年度 too: the amount columns must say 預算數.
        index = column_of(
            [lbl if key == "change" or "比較" not in lbl else "" for lbl in labels], *words
        )
        if index is not None:
            keys[key] = index
    for label, _ in LEVELS:
        index = next((i for i, lbl in enumerate(labels) if lbl.endswith(label)), None)
        if index is not None and index < keys.get("name", len(labels)):
            keys[label] = index
    return keys


def parse(region: Region, ctx: ParseContext) -> TableResult:
    """Region -> revenue_accounts and revenue_amounts facts (千元) and every printed number.

    Warnings: `columns_not_found` (nothing loaded), `revenue_code_missing` (an account row
    without its 10-digit code: skipped), `row_unrecognised` (numbers on a row that is neither
    合計 nor an account), `amount_unreadable`.
    """
    result = result_for(region, SLUG)
    year = region.fiscal_year or ctx.fiscal_year
    col = column_keys(region.header_rows)
    missing = [k for k in ("name", *COLUMNS, "款", "節") if k not in col]
    if missing or year is None:
        what = ", ".join(missing) if missing else "fiscal year"
        first = region.header_rows[0].cells[0] if region.header_rows else None
        result.warn("columns_not_found", f"{TITLE}: {what} not found; nothing loaded", first)
        return result
    accounts: list[dict] = []
    notes: list[list[str]] = []
    parents: dict[str, str] = {}  # level -> code of the last account printed at that level
    order = 0
    for row in region.rows:
        name_cell = row.get(col["name"])
        name_text = name_cell.text.strip() if name_cell else ""
        note_cell = row.get(col.get("note", -1)) if "note" in col else None
        level = next(
            (lv for label, lv in LEVELS if (c := row.get(col[label])) and c.text.strip()), None
        )
        numbers = [row.get(col[k]) for k in COLUMNS]
        if level is None:
            if compact(name_text) == "合計":
                order += 1
                _add_cells(result, "total", order, row, col)
            elif note_cell is not None and note_cell.text and notes:
                notes[-1].append(note_cell.text)  # 說明 wrapped from the row above
            elif any(c is not None and c.text for c in numbers):
                result.warn("row_unrecognised", f"numbers on the row {name_text!r}", row.get(0))
            continue
        code_text, _, name = name_text.partition(" ")
        code = account_code(code_text)
        if code is None:
            result.warn(
                "revenue_code_missing",
                f"{TITLE}: the account {name_text!r} prints no 10-digit code; not loaded",
                name_cell,
            )
            continue
        depth = [lv for _, lv in LEVELS].index(level)
        parent = next((parents[lv] for _, lv in reversed(LEVELS[:depth]) if lv in parents), None)
        parents[level] = code
        for _, lv in LEVELS[depth + 1 :]:
            parents.pop(lv, None)
        positions = {
            label: int(c.text) if (c := row.get(col[label])) and c.text.strip().isdigit() else None
            for label, _ in LEVELS
        }
        for label, _ in LEVELS:
            if positions[label] is not None:
                result.read(row.get(col[label]))  # stored as kuan / xiang / mu / jie
        accounts.append(
            {
                "account_code": code,
                "fiscal_year": year,
                "name": name.strip(),
                "name_folded": fold_name(name.strip()),
                "level": level,
                "kuan": positions["款"],
                "xiang": positions["項"],
                "mu": positions["目"],
                "jie": positions["節"],
                "parent_code": parent,
                "description": None,
                "sheet_row": None,
                "page": row.page,
                "line": row.line,
            }
        )
        notes.append([note_cell.text] if note_cell is not None and note_cell.text else [])
        order += 1
        values = _add_cells(result, code, order, row, col)
        for key, (offset, stage) in AMOUNTS.items():
            if key in values:
                result.add_fact(
                    "revenue_amounts",
                    account_code=code,
                    fiscal_year=year + offset,
                    stage=stage or ctx.stage,
                    amount=values[key],
                    source_column=key,
                    sheet_row=None,
                    page=row.page,
                    line=row.line,
                )
    for account, note in zip(accounts, notes, strict=True):
        account["description"] = join_cell_lines(*note) or None
        result.add_fact("revenue_accounts", **account)
    result.row_count = len(accounts)
    return result


def _add_cells(
    result: TableResult, row_key: str, order: int, row: Row, col: dict[str, int]
) -> dict[str, int]:
    """Record the row's printed numbers; returns column key -> amount (千元, `-` = 0)."""
    values: dict[str, int] = {}
    for column_order, key in enumerate(COLUMNS, start=1):
        cell = row.get(col[key])
        if cell is None or not cell.text:
            continue
        printed = result.add_cell(row_key, key, order, column_order, cell)
        if printed.value is None or printed.value != int(printed.value):
            result.warn("amount_unreadable", f"{key} {cell.text!r} is not an amount", cell)
            continue
        values[key] = int(printed.value)
    return values


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=65)
