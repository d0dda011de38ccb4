"""歲入項目說明提要表 (revenue_notes): one fact per revenue item, amounts in 千元.

Printed layout: every page explains one item (an item may run over two pages, the page header
reprinted). The page header states 來源子目及細目與編號 (`0508010100 -0508010101`, names
`行政規費收入 -審查費`), 預算金額, 承辦單位 (wrapped over the lines around it), then
歲入項目說明: 一、項目內容 (left) and 二、法令依據 (right); the body 金額及說明 prints the item's
accounts 款 | 項 | 目 | 節 | 名稱 | 金額 | 說明, each account row restating the item's amount, the
說明 (breakdown) wrapping beside and below them. The reader keeps each page's header rows
(`Region.page_header_rows`), from which the item is read.

Facts: `revenue_notes`, one row per item (its last printed code), with 預算金額, 承辦單位,
項目內容, 法令依據 and the 說明 texts joined.

Keys of the printed cells: row_key = the item's 10-digit revenue code; column_key = `amount`
(預算金額 of the page header, once per item) and the level of each body row restating it:
source (款), agency (項), item (目), sub_item (節).
"""

from __future__ import annotations

import re

from unitbudget.catalog import title_of

from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit.cells import join_cell_lines
from .toolkit.headers import column_of

SLUG = "revenue_notes"
TITLE = title_of(SLUG)
_CODE = re.compile(r"\d{10}")
# Body position column label -> level of the account printed there, top down.
LEVELS = (("款", "source"), ("項", "agency"), ("目", "item"), ("節", "sub_item"))
_CONTENT = "一、項目內容"
_LEGAL = "二、法令依據"
# A header label the reader left at the start of a continued 說明 cell ("說 明 0,000元×1部)").
_NOTE_LABEL = re.compile(r"^說\s*明\s*")


def matches(region: Region) -> bool:
    return compact(region.title) == compact(TITLE)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    """Region -> revenue_notes facts (千元) and the printed amounts of every item.

    Warnings: `item_header_not_found` (a page without 來源子目及細目與編號: its rows are not
    loaded), `columns_not_found` (no 款…說明 column header: nothing loaded),
    `amount_unreadable`.
    """
    result = result_for(region, SLUG)
    groups = _page_groups(region)
    columns = next((c for _, header, _ in groups if (c := _body_columns(header))), None)
    if columns is None:
        first = region.header_rows[0].cells[0] if region.header_rows else None
        result.warn("columns_not_found", f"{TITLE}: no 款 … 說明 column header", first)
        return result
    items: dict[str, dict] = {}
    breakdowns: dict[str, list[str]] = {}
    for page, header, rows in groups:
        item = _item_header(header)
        if item is None:
            first = (header or rows or [Row([], page, 0)])[0]
            result.warn(
                "item_header_not_found",
                f"{TITLE}: page {page} prints no 來源子目及細目與編號; its rows are not loaded",
                first.get(0),
            )
            continue
        code = item["account_code"]
        amount_cell = item.pop("amount_cell")
        result.read(item.pop("code_cell"))  # the item's code: the row key of its cells
        if code in items:  # the item continues on this page, its header reprinted
            items[code]["last_page"] = page
        else:
            items[code] = item
            breakdowns[code] = []
            item["amount"] = _amount(result, code, len(items), amount_cell)
        item_order = list(items).index(code) + 1
        for row in rows:
            _body_row(row, columns, code, item_order, result, breakdowns[code])
    for code, item in items.items():
        item["breakdown"] = join_cell_lines(*breakdowns[code]) or None
        result.add_fact("revenue_notes", **item)
    result.row_count = len(items)
    return result


def _page_groups(region: Region) -> list[tuple[int, list[Row], list[Row]]]:
    """(page, header rows, body rows) of every printed page of the region."""
    if not region.page_breaks:
        page = region.pages[0] if region.pages else 0
        return [(page, region.header_rows, region.rows)]
    bounds = [*region.page_breaks, len(region.rows)]
    groups = []
    for i, start in enumerate(region.page_breaks):
        header = region.page_header_rows[i] if i < len(region.page_header_rows) else []
        rows = region.rows[start : bounds[i + 1]]
        page = (header or rows or [Row([], region.pages[min(i, len(region.pages) - 1)], 0)])[0]
        groups.append((page.page, header, rows))
    return groups


def _body_columns(header: list[Row]) -> dict[str, int] | None:
    """Body field -> column index from the 款 項 目 節 名稱 金額 說明 header row, or None."""
    for row in header:
        labels = [compact(t) for t in row.texts()]
        if not labels or labels[0] != "款":
            continue
        cols = {label: labels.index(label) for label, _ in LEVELS if label in labels}
        for key, word in (("name", "名稱"), ("amount", "金額"), ("note", "說明")):
            index = column_of(labels, word)
            if index is not None:
                cols[key] = index
        if {"款", "name", "amount", "note"} <= cols.keys():
            return cols
    return None


def _item_header(header: list[Row]) -> dict | None:
    """The item a page explains, from its header rows: code, names, 預算金額, 承辦單位,
    項目內容 and 法令依據 (None when the page prints no item code)."""
    codes: list[str] = []
    name = ""
    amount_cell: Cell | None = None
    code_cell: Cell | None = None
    units_index: int | None = None
    body_from = len(header)
    for n, row in enumerate(header):
        texts = [compact(t) for t in row.texts()]
        joined = "".join(texts)
        if joined == "歲入項目說明" or joined.startswith(_CONTENT):
            body_from = n
            break
        if texts and texts[0].startswith("來源子目"):
            codes = _CODE.findall(" ".join(row.texts()))
            # a code printed alone in its cell is a numeric token of the parse report
            code_cell = next((c for c in row.cells if codes and c.text.strip() == codes[-1]), None)
        elif texts and texts[0].startswith("細目與編號"):
            name = "-".join(p.strip() for p in " ".join(row.texts()[1:]).split("-") if p.strip())
        for i, t in enumerate(texts):
            if t == "預算金額" and i + 1 < len(row.cells):
                amount_cell = row.cells[i + 1]
            elif t == "承辦單位":
                units_index = i + 1
    if not codes:
        return None
    units = [
        row.cells[units_index].text
        for row in header[:body_from]
        if units_index is not None and units_index < len(row.cells)
    ]
    content, legal = _explanation(header[body_from:])
    first = header[0]
    item = {
        "account_code": codes[-1],
        "name": name or codes[-1],
        "amount": None,
        "units": join_cell_lines(*units) or None,
        "content": content,
        "legal_basis": legal,
        "page": first.page,
        "last_page": first.page,
        "line": first.line,
        "amount_cell": amount_cell,
        "code_cell": code_cell,
    }
    return item


def _amount(result: TableResult, code: str, order: int, cell: Cell | None) -> int | None:
    """The item's 預算金額 (千元) from its page header cell, recorded as printed."""
    if cell is None or not cell.text:
        return None
    printed = result.add_cell(code, "amount", order, 0, cell)
    if printed.value is None or printed.value != int(printed.value):
        result.warn("amount_unreadable", f"預算金額 {cell.text!r}", cell)
        return None
    return int(printed.value)


def _explanation(rows: list[Row]) -> tuple[str | None, str | None]:
    """一、項目內容 and 二、法令依據 texts: a cell belongs to the column whose heading starts
    left of it (by the printed x position; by cell order when the reader kept none)."""
    content: list[str] = []
    legal: list[str] = []
    legal_x: float | None = None
    for row in rows:
        texts = [compact(t) for t in row.texts()]
        if "".join(texts) in ("歲入項目說明",):
            continue
        if "".join(texts).startswith("金額及說明") or (texts and texts[0] == "款"):
            break
        for i, cell in enumerate(row.cells):
            text = cell.text.strip()
            if not text:
                continue
            if text.startswith(_LEGAL):
                legal_x = cell.box[0] if cell.box else None
                legal.append(text.removeprefix(_LEGAL).strip())
            elif text.startswith(_CONTENT):
                content.append(text.removeprefix(_CONTENT).strip())
            elif legal_x is not None and cell.box is not None:
                (legal if cell.box[0] >= legal_x else content).append(text)
            else:
                (legal if i > 0 else content).append(text)
    return join_cell_lines(*content) or None, join_cell_lines(*legal) or None


def _body_row(
    row: Row,
    columns: dict[str, int],
    code: str,
    item_order: int,
    result: TableResult,
    breakdown: list[str],
) -> None:
    """One 金額及說明 row: its amount under the level of its account, its 說明 text."""
    note = row.get(columns["note"])
    if note is not None and note.text:
        breakdown.append(
            _NOTE_LABEL.sub("", note.text) if compact(row.texts()[0]) == "款" else note.text
        )
    name = row.get(columns["name"])
    if name is not None and name.text.strip() == code:
        result.read(name)  # the item's code restated above its 節 row: the row key
    position = next(
        (
            (lv, c)
            for label, lv in LEVELS
            if label in columns and (c := row.get(columns[label])) and c.text.strip().isdigit()
        ),
        None,
    )
    amount = row.get(columns["amount"])
    if position is None or amount is None or not amount.text:
        return
    level, position_cell = position
    # the 款/項/目/節 number places the amount: its level is the cell's column key
    result.read(position_cell)
    order = [lv for _, lv in LEVELS].index(level) + 1
    printed = result.add_cell(code, level, item_order, order, amount)
    if printed.value is None:
        result.warn("amount_unreadable", f"金額 {amount.text!r}", amount)


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=66)
