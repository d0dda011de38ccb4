"""附屬表 8 現有辦公房舍明細表 (premises): use x tenure cells, one fact per printed row x tenure.

Printed as a left half (區分 label, 自有: 單位數 面積 取得成本 年需養護費; 無償借用: 單位數 面積
年需養護費) and a right half (有償租用或借用: 單位數 面積 押金 租金 年需養護費; 合計: 面積 押金 租金
年需養護費). The last row of each half is its 合計 row (the left half prints the label); lines
below the left 合計 (備註) are not rows.

Pairing rule (halves that do not pair one to one). When both halves have the same number of
rows, row n of the right half belongs to label n. When they differ (ADI 112: 7 left rows,
9 right rows) nothing in the print says which right row belongs to which label, so:
- the two 合計 rows (last of each half) are paired;
- the right half's body rows keep their own order and get no label (use_label NULL), and a
  warning `premises_halves_unpaired` records the ambiguity with both row counts;
- every fact keeps the order of the row in its own half (row_seq), so nothing is invented.

Facts (core.premises): one row per printed body row x tenure (owned / free_loan / rented)
that prints at least one cell; '-' is 0, so rows printing only '-' are zero facts. The 合計
columns and the 合計 row are not facts (the report view adds them up).

Keys
- row_key: 'r<n>' = the row's order in its own half (body rows only), 'total' for the 合計 row.
  When the halves pair, both halves number the same rows.
- column_key: `<tenure>_<measure>`: owned_area, owned_cost, owned_maintenance,
  free_loan_area, free_loan_maintenance, rented_area, rented_deposit, rented_rent,
  rented_maintenance, total_area, total_deposit, total_rent, total_maintenance.
  單位數 cells ('3層') are text, not numbers: kept in the fact (units_text), no printed cell.
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..amounts import parse_int, parse_number
from ..regions import Cell, Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import HeaderRule, header_paths, match_columns

SLUG = "premises"

TENURES = (("自有", "owned"), ("無償借用", "free_loan"), ("有償租用", "rented"), ("合計", "total"))
MEASURES = {
    "單位數": "units",
    "面積": "area",
    "取得成本": "cost",
    "押金": "deposit",
    "租金": "rent",
    "年需養護費": "maintenance",
}
# fact column for each measure (units_text and area_m2 keep their printed form / Decimal)
FACT_COLUMNS = {
    "units": "units_text",
    "area": "area_m2",
    "cost": "acquisition_cost",
    "deposit": "deposit",
    "rent": "rent",
    "maintenance": "maintenance",
}


# (tenure, measure) of a column: tenure from the spanning top header, measure from the leaf.
COLUMN_RULES = tuple(
    HeaderRule((tenure, measure), {0: f"^{marker}", -1: f"^{label}$"})
    for marker, tenure in TENURES
    for label, measure in MEASURES.items()
)


def column_map(header_rows: list[Row]) -> dict[int, tuple[str, str]]:
    """Column index -> (tenure, measure): tenure from the spanning top header cell."""
    if len(header_rows) < 2:
        return {}
    return match_columns(header_paths(header_rows), COLUMN_RULES, carry=(0,))


def _has_cells(row: Row, columns: dict[int, tuple[str, str]]) -> bool:
    return any(row.get(i) is not None and row.cells[i].text for i in columns)


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def _halves(region: Region) -> tuple[list[Row], list[Row], int]:
    """Left rows, right rows (each over its own columns) and the left half's width."""
    if region.stitched_halves and region.left_width is not None:
        return region.left_rows, region.right_rows, region.left_width
    return region.rows, [], len(region.header_rows[0].cells) if region.header_rows else 0


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    columns = column_map(region.header_rows)
    left_rows, right_rows, width = _halves(region)
    left_cols = {i: v for i, v in columns.items() if i < width}
    right_cols = {i - width: v for i, v in columns.items() if i >= width}
    left = _until_total([r for r in left_rows if _has_cells(r, left_cols) or r.cells[0].text])
    right = [r for r in right_rows if _has_cells(r, right_cols)]
    paired = not right or len(left) == len(right)
    if not paired:
        result.warn(
            "premises_halves_unpaired",
            f"the left half prints {len(left)} rows and the right half {len(right)}: only the"
            " 合計 rows are paired; the right half's lots keep their own order and no 區分 label",
            right[0].cells[0] if right and right[0].cells else None,
        )
    labels = [r.cells[0].text if r.cells else "" for r in left]
    _read_half(result, left, left_cols, labels, 0)
    _read_half(result, right, right_cols, labels if paired else [], width)
    result.row_count = max(len(left), len(right))
    return result


def _until_total(rows: list[Row]) -> list[Row]:
    """The rows up to the one labelled 合計: lines printed below it are 備註 (notes)."""
    for n, row in enumerate(rows):
        if row.cells and compact(row.cells[0].text).startswith("合計"):
            return rows[: n + 1]
    return rows


def _read_half(
    result: TableResult,
    rows: list[Row],
    columns: dict[int, tuple[str, str]],
    labels: list[str],
    offset: int,
) -> None:
    for n, row in enumerate(rows, start=1):
        is_total = n == len(rows)
        key = "total" if is_total else f"r{n}"
        facts: dict[str, dict[str, object]] = {}
        for i, (tenure, measure) in sorted(columns.items()):
            cell = row.get(i)
            if cell is None or not cell.text:
                continue
            if measure != "units":  # 單位數 is text ('3層'): kept in the fact, not compared
                result.add_cell(key, f"{tenure}_{measure}", n, offset + i + 1, cell)
            if is_total or tenure == "total":
                continue
            fact = facts.setdefault(tenure, _new_fact(n, tenure, labels, cell))
            fact[FACT_COLUMNS[measure]] = _value(measure, cell, result)
            if measure == "units":
                result.read(cell)  # a bare 單位數 ('0') is stored as units_text
        for fact in facts.values():
            result.add_fact("premises", **fact)


def _new_fact(n: int, tenure: str, labels: list[str], cell: Cell) -> dict[str, object]:
    label = labels[n - 1] if n - 1 < len(labels) else ""
    return {
        "row_seq": n,
        "tenure": tenure,
        "use_label": label or None,
        "units_text": None,
        "area_m2": None,
        "acquisition_cost": None,
        "deposit": None,
        "rent": None,
        "maintenance": None,
        "page": cell.page,
        "line": cell.line,
    }


def _value(measure: str, cell: Cell, result: TableResult) -> object:
    if measure == "units":
        return cell.text
    value = parse_number(cell.text) if measure == "area" else parse_int(cell.text)
    if value is None:
        result.warn("not_a_number", f"{cell.text!r} is not a number", cell)
    return value


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
