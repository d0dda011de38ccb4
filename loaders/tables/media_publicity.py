"""媒體政策及業務宣導費彙計表 (media_publicity): one fact per lowest printed work plan.

Printed layout: 科目 款 | 項 | 目 | 節 | 名稱及編號 | 預算數 | 預計執行內容. Rows run down the
account hierarchy: 主管 (no amount), agency, 政事 (function), 目 work plan and 節; the code
prints with the name ("3708011000 民政及宗教禮制業務") or on the line above it. The explanation
wraps over the rows below.

Facts: media_publicity_plans, one row per work plan at the lowest printed level (a 目 whose 節
are printed is their sum, not a fact of its own). The agency, function and parent 目 rows are
regenerated as sums by report_media_publicity.

Keys of the printed cells: row_key = the account code of the row; column_key = 'amount'.
"""

from __future__ import annotations

import re

from unitbudget.catalog import title_of

from ..amounts import parse_int
from ..codes import account_code, account_level
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit.cells import join_cell_lines

SLUG = "media_publicity"
TITLE = title_of(SLUG)
_CODE_NAME = re.compile(r"^(\d{9,10})\s*(.*)$", re.S)
# position column header -> the level of the account whose number it prints
_POSITION_LEVELS = {"款": "ministry", "項": "agency", "目": "work_plan", "節": "section"}


def matches(region: Region) -> bool:
    return compact(region.title) == TITLE


def _columns(header_rows: list[Row]) -> tuple[int | None, int | None, int | None]:
    """(name, amount, content) column indexes from the header text."""
    width = max((len(r.cells) for r in header_rows), default=0)
    name = amount = content = None
    for i in range(width):
        label = "".join(compact(r.cells[i].text) for r in header_rows if i < len(r.cells))
        if "名稱" in label and name is None:
            name = i
        elif "預算數" in label and amount is None:
            amount = i
        elif "內容" in label and content is None:
            content = i
    return name, amount, content


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    name_col, amount_col, content_col = _columns(region.header_rows)
    if name_col is None or amount_col is None:
        result.warn("columns_not_found", f"{TITLE}: 名稱及編號 / 預算數 columns not found")
        return result
    positions = _position_columns(region.header_rows, name_col)
    rows: list[dict] = []
    texts: dict[str, list[str]] = {}
    pending: str | None = None  # a code printed on its own line, waiting for its name
    current: str | None = None
    for row in region.rows:
        label = _cell(row, name_col)
        amount = _cell(row, amount_col)
        content = _cell(row, content_col)
        code, name = None, ""
        if label is not None and (m := _CODE_NAME.match(label.text.strip())):
            code, name = account_code(m.group(1)), m.group(2).strip()
        elif label is not None and label.text and pending:
            code, name = pending, label.text.strip()
        if code is not None and not name and not (amount and amount.text):
            pending = code
            continue
        if code is not None:
            pending = None
            current = code
            value = parse_int(amount.text) if amount and amount.text else None
            if amount is not None and amount.text:
                result.add_cell(code, "amount", len(rows) + 1, 0, amount)
                if value is None:
                    result.warn("amount_unreadable", f"{code}: {amount.text!r}", amount)
            rows.append({"code": code, "name": name, "amount": value, "cell": amount or label})
            _check_position(result, row, positions, code)
            texts[code] = []
        if current is not None and content is not None and content.text:
            texts[current].append(content.text)
    codes = [r["code"] for r in rows]
    for r in rows:
        level = account_level(r["code"])
        if level not in ("work_plan", "section"):
            continue
        if level == "work_plan" and any(
            c != r["code"] and c[:8] == r["code"][:8] and account_level(c) == "section"
            for c in codes
        ):
            continue  # a 目 printed above its 節: the sum of its children
        cell: Cell = r["cell"]
        result.add_fact(
            "media_publicity_plans",
            work_plan_code=r["code"],
            name=r["name"] or None,
            amount=r["amount"],
            content=join_cell_lines(*texts[r["code"]]) or None,
            page=cell.page,
            line=cell.line,
        )
    result.row_count = len(rows)
    return result


def _position_columns(header_rows: list[Row], name_col: int) -> dict[int, str]:
    """Column index -> account level of the 款 / 項 / 目 / 節 columns left of the name."""
    out: dict[int, str] = {}
    for row in header_rows:
        for i, cell in enumerate(row.cells[:name_col]):
            if (level := _POSITION_LEVELS.get(compact(cell.text))) is not None:
                out[i] = level
    return out


def _check_position(result: TableResult, row: Row, positions: dict[int, str], code: str) -> None:
    """The 款/項/目/節 number printed on the row must sit in the column of its code's level
    (款 a ministry, 項 an agency, 目 a work plan, 節 a section): else a warning."""
    for index, level in positions.items():
        cell = row.get(index)
        if cell is None or not cell.text.strip().isdigit():
            continue
        result.read(cell)
        if account_level(code) != level:
            result.warn(
                "position_level_mismatch",
                f"{code} is a {account_level(code)} but prints its number {cell.text!r} "
                f"under {next(k for k, v in _POSITION_LEVELS.items() if v == level)}",
                cell,
            )


def _cell(row: Row, index: int | None) -> Cell | None:
    return row.get(index) if index is not None else None


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=60)
