"""附屬表 7 公務車輛明細表 (vehicles): one fact per vehicle line, the 合計 row, the page footer.

Facts
- core.vehicles: one row per printed vehicle line (seq = printed order). 車輛種類 is printed as
  `<status>： <type>`: 現有車輛 -> status existing, 本年度新增車輛 -> new. Litres and unit prices
  are exact Decimals; 購置年月 stays text ('111.08').
- core.headcount_statements (source 'vehicles_footer'): the 預算員額 footer printed under the
  table (`職員 133 人 … 合計： 150 人`), one row per category as printed and 合計.

Keys
- row_key: the vehicle's printed order ('1', '2' …); 'total' for 合 計.
- column_key: count (車輛數), passengers (乘客人數), displacement_cc (汽缸總排氣量),
  fuel_litres (數量), fuel_unit_price (單價), fuel_amount (金額), maintenance (養護費),
  other (其他). 購置年月 is a date, not compared (it is stored in the fact).
Columns are found from the header: the lower header row (數量 / 單價 / 金額 under 油料費) wins
over the upper one; a label wrapped over header lines (汽缸總 / 排氣量) is read per column.
A line printing no number is not a vehicle: a status printed alone (現有車輛:, in the header or
between rows) applies to the rows below it; any other text continues the 車輛種類 / 備註 of the
vehicle above (the PDF wraps long cells over several lines).
Identity (DOMAIN.md §4): fuel_amount ≈ litres × unit price / 1000 (千元).
"""

from __future__ import annotations

import re
from decimal import Decimal

from unitbudget.catalog import title_of

from ..amounts import parse_int, parse_number
from ..regions import Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import (
    ANY_LEVEL,
    HeaderRule,
    first_columns,
    header_paths,
    join_cell_lines,
    unwrapped,
)

SLUG = "vehicles"

# Header label (compacted) -> column key; matched as a prefix, the header adds units.
HEADER_KEYS = tuple(
    HeaderRule(key, {ANY_LEVEL: f"^{re.escape(prefix)}"})
    for prefix, key in (
        ("車輛數", "count"),
        ("車輛種類", "vehicle_type"),
        ("乘客人數", "passengers"),
        ("購置年月", "acquired"),
        ("汽缸總排氣量", "displacement_cc"),
        ("數量", "fuel_litres"),
        ("單價", "fuel_unit_price"),
        ("金額", "fuel_amount"),
        ("養護費", "maintenance"),
        ("其他", "other"),
        ("備註", "remark"),
    )
)
COMPARED = (
    "count",
    "passengers",
    "displacement_cc",
    "fuel_litres",
    "fuel_unit_price",
    "fuel_amount",
    "maintenance",
    "other",
)
_STATUS = (("新增", "new"), ("現有", "existing"))
_FOOTER_ITEM = re.compile(r"([\u4e00-\u9fff]{2,4})\s*[：:]?\s*(\d+)\s*人")


def column_map(header_rows: list[Row]) -> dict[str, int]:
    """Column key -> cell index. A label printed on one header line wins (lower lines are more
    specific); a label wrapped over several lines (汽缸總 / 排氣量 / (立方公分)) is matched on
    the column's lines joined top to bottom."""
    return first_columns(header_paths(header_rows), HEADER_KEYS, wrapped=True)


def split_type(text: str) -> tuple[str | None, str]:
    """'現有車輛： 首長專用車' -> ('existing', '首長專用車')."""
    head, sep, tail = text.partition("：")
    if not sep:
        head, sep, tail = text.partition(":")
    if not sep:
        return None, text
    status = next((s for marker, s in _STATUS if marker in head), None)
    return status, tail.strip() if status else text


def status_line(text: str) -> str | None:
    """The status of a line printed alone above its vehicles ('現有車輛:'), else None."""
    status, rest = split_type(text)
    return status if status and not rest else None


def _decimal(text: str) -> Decimal | None:
    return parse_number(text) if text else None


def _int(text: str) -> int | None:
    return parse_int(text) if text else None


def parse_footer(rows: list[Row], result: TableResult) -> None:
    """預算員額 footer: 'category N 人' pairs and '合計： N 人' -> headcount statements."""
    for row in rows:
        for cell in row.cells:
            for category, count in _FOOTER_ITEM.findall(cell.text):
                result.add_fact(
                    "headcount_statements",
                    source="vehicles_footer",
                    category=category,
                    headcount=int(count),
                    page=cell.page,
                    line=cell.line,
                )


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    columns = column_map(region.header_rows)
    if "vehicle_type" not in columns:
        result.warn("header_not_found", "no 車輛種類 column in the header rows")
        return result
    type_at = columns["vehicle_type"]
    # a status printed on a line of its own (現有車輛:) applies to the vehicles below it
    status: str | None = None
    for header in region.header_rows:
        status = (
            status_line(header.cells[type_at].text if len(header.cells) > type_at else "") or status
        )
    vehicles: list[dict[str, object]] = []
    footer: list[Row] = []
    total_seen = False
    for row in region.rows:

        def text(key: str, row: Row = row) -> str:
            # a remark's plates and a type's words wrapped mid-way are one (`971-J` / `ML`)
            return unwrapped(row.get(columns[key]) if key in columns else None)

        if total_seen or len(row.cells) <= type_at:
            footer.append(row)  # the 預算員額 footer is printed after the totals row
            continue
        printed = [c for c in COMPARED if text(c)]
        if not printed:
            # a line without numbers: a status line, or the wrapped end of the vehicle
            # above's 車輛種類 / 備註 (the PDF prints long texts over several lines)
            status = status_line(text("vehicle_type")) or status
            if vehicles and not status_line(text("vehicle_type")):
                _continue(vehicles[-1], text("vehicle_type"), text("remark"))
            continue
        is_total = compact(text("vehicle_type")) == "合計"
        if is_total:
            total_seen = True
            key = "total"
        else:
            own_status, vehicle_type = split_type(text("vehicle_type"))
            first = row.cells[0]
            vehicles.append(
                {
                    "seq": len(vehicles) + 1,
                    "vehicle_count": _int(text("count")),
                    "status": own_status or status,
                    # the reader may join a wrapped cell's lines with a space
                    "vehicle_type": join_cell_lines(vehicle_type),
                    "passengers": _int(text("passengers")),
                    "acquired": text("acquired") or None,
                    "displacement_cc": _int(text("displacement_cc")),
                    "fuel_litres": _decimal(text("fuel_litres")),
                    "fuel_unit_price": _decimal(text("fuel_unit_price")),
                    "fuel_amount": _int(text("fuel_amount")),
                    "maintenance": _int(text("maintenance")),
                    "other": _int(text("other")),
                    "remark": join_cell_lines(text("remark")) or None,
                    "page": first.page,
                    "line": first.line,
                }
            )
            key = str(len(vehicles))
            # 購置年月 is stored in the fact (text), not compared
            result.read(row.get(columns["acquired"]) if "acquired" in columns else None)
        seq = len(vehicles)
        for order, column in enumerate(COMPARED, start=1):
            cell = row.get(columns[column]) if column in columns else None
            if cell is not None and cell.text:
                result.add_cell(key, column, seq + 1 if is_total else seq, order, cell)
    for vehicle in vehicles:
        result.add_fact("vehicles", **vehicle)
    parse_footer(footer, result)
    result.row_count = len(vehicles) + (1 if total_seen else 0)
    return result


def _continue(vehicle: dict[str, object], type_text: str, remark: str) -> None:
    """Append a wrapped line's texts to the vehicle printed above it."""
    if type_text:
        vehicle["vehicle_type"] = join_cell_lines(str(vehicle["vehicle_type"] or ""), type_text)
    if remark:
        vehicle["remark"] = join_cell_lines(str(vehicle["remark"] or ""), remark)


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
