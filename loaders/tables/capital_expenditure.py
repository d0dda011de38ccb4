"""附屬表 4 資本支出分析表 (capital_expenditure): printed cells only (derived from capital items).

Rows are accounts as in 歲出一級用途別科目分析表 but with their codes printed
(`006220000 數位產業署`; 9-digit codes are the 10-digit code without its last 0). Columns are
the 設備及投資 classes, 其他資本支出 and 合計.

Keys
- row_key: the 10-digit account code (printed, padded; resolved like object_class_analysis
  when a row prints no code).
- column_key: land (土地), buildings (房屋建築及設備), public_works (公共建設及設施),
  machinery (機械設備), transport (運輸設備), information (資訊軟體設備 / 資訊軟硬體設備),
  miscellaneous (雜項設備), rights (權利), investment (投資), other_capital (其他資本支出),
  total (合計).

How columns are aligned (the right half of ADI 112 does not line up with its header):
1. A column whose lowest header row names a class is read by position (土地 ... 投資).
2. Labels printed only in the top header row over an empty leaf (其他資本支出, 合計) are read
   by position when the row has values there; otherwise they are aligned to the row's last
   non-empty cells, right to left: the extraction prints the right half's values one column
   left of these labels and appends an empty cell (ADI 112 lines 524-528: 8 values + empty
   under 9 header cells, 合計 1,927 = 運輸設備 1,780 + 雜項設備 147 sits under 其他資本支出).
3. A value left between the two groups has no header: it is kept as a printed cell with
   column_key `unlabelled_<n>` and a warning (its header text was lost in the print); the
   report view cannot regenerate it, so the comparison lists it as missing_in_view.
"""

from __future__ import annotations

from unitbudget.catalog import title_of

from ..regions import Region, Row
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import (
    ANY_LEVEL,
    HeaderRule,
    account_rows,
    header_paths,
    match_columns,
    row_key,
)

SLUG = "capital_expenditure"

# Header label (whitespace removed) -> column key. Data: a new layout adds labels here.
COLUMN_KEYS = {
    "土地": "land",
    "房屋建築及設備": "buildings",
    "公共建設及設施": "public_works",
    "機械設備": "machinery",
    "運輸設備": "transport",
    "資訊軟體設備": "information",
    "資訊軟硬體設備": "information",
    "雜項設備": "miscellaneous",
    "權利": "rights",
    "投資": "investment",
    "其他資本支出": "other_capital",
    "合計": "total",
}
COLUMN_ORDER = list(dict.fromkeys(COLUMN_KEYS.values()))
# A label in the leaf (bottom) header row; a label printed only on an upper row over no leaf
# (合計, 其他資本支出): the top row, or the row of its half when a reader stacks the halves.
LEAF_RULES = tuple(HeaderRule(key, {-1: f"^{label}$"}) for label, key in COLUMN_KEYS.items())
TOP_RULES = tuple(
    HeaderRule(key, {ANY_LEVEL: f"^{label}$", -1: "^$"}) for label, key in COLUMN_KEYS.items()
)


def header_columns(
    header_rows: list[Row], first: int
) -> tuple[dict[int, str], list[tuple[int, str]]]:
    """Leaf columns by position, and the labels printed only on upper header rows."""
    paths = header_paths(header_rows)
    leaf = match_columns(paths, LEAF_RULES, first=first)
    top = sorted(match_columns(paths, TOP_RULES, first=first).items())
    return leaf, top


def align_row(
    row: Row, leaf: dict[int, str], top: list[tuple[int, str]], first: int
) -> dict[int, str]:
    """Column index -> key for the non-empty cells of one row (see the module docstring)."""
    filled = [i for i in range(first, len(row.cells)) if row.cells[i].text]
    keys = {i: leaf[i] for i in filled if i in leaf}
    if all(i in filled for i, _ in top):
        keys.update({i: key for i, key in top})
    else:
        rest = [i for i in filled if i not in keys]
        for (_, key), i in zip(reversed(top), reversed(rest), strict=False):
            keys[i] = key
    unlabelled = [i for i in filled if i not in keys]
    for n, i in enumerate(unlabelled, start=1):
        keys[i] = f"unlabelled_{n}"
    return keys


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    accounts = account_rows(region, ctx, result)
    if accounts is None:
        return result
    layout, rows = accounts
    first = layout.name_index + 1
    leaf, top = header_columns(region.header_rows, first)
    top_keys = dict(top)
    realigned = False
    for order, r in enumerate(rows, start=1):
        for i, key in sorted(align_row(r.row, leaf, top, first).items()):
            cell = r.row.cells[i]
            if key.startswith("unlabelled_"):
                result.warn(
                    "unlabelled_column",
                    f"{cell.text!r} (column {i + 1}) sits under no header label: the print lost"
                    " the header of this column; kept as printed, not regenerated",
                    cell,
                )
            elif key in top_keys.values() and top_keys.get(i) != key and not realigned:
                realigned = True  # once per table: the layout, not the row, is off
                result.warn(
                    "columns_realigned",
                    f"the values of {', '.join(top_keys.values())} are not under their header"
                    " labels: aligned to each row's last values, right to left",
                    cell,
                )
            result.add_cell(row_key(r), key, order, _column_order(key), cell)
    result.row_count = len(rows)
    return result


def _column_order(key: str) -> int:
    return COLUMN_ORDER.index(key) + 1 if key in COLUMN_ORDER else len(COLUMN_ORDER) + 1


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
