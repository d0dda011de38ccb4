"""The parsers' toolkit: everything two table parsers share lives here, never in a parser.

A parser module imports from `.base` (its result and context), from `..codes` (account codes)
and from this package; never from another parser.

- headers:  header rows -> column keys (`header_paths`, `HeaderRule`, `match_columns`, ...)
- cells:    wrapped cell text, trailing amount cells, row totals, halves rejoined
- prose:    numbered items, headcounts, names and 千元 amounts in running text
- accounts: account rows (款 項 目 節 名稱) with their levels and codes
- account_lines: printed lines of an account table joined into logical rows
- travel:   plans of the travel category tables (考察, 開會, 進修 and 大陸: one family)
- capital_phrases: 資本支出 phrases of prose (the 經資門 split) and the class their words name
- charts:   reference charts as the parsers read them
"""

from .account_lines import join_account_lines
from .accounts import (
    AccountLayout,
    AccountRow,
    account_layout,
    account_rows,
    add_number_cells,
    read_account_row,
    resolve_codes,
    row_key,
)
from .cells import (
    add_amount_cells,
    add_amount_row,
    add_header_cells,
    amount_like,
    int_amounts,
    join_cell_lines,
    restitch,
    split_amounts,
    unwrapped,
)
from .headers import (
    ANY_LEVEL,
    HeaderRule,
    column_headings,
    column_of,
    first_columns,
    header_paths,
    match_columns,
    nearest_labels,
    stacked_labels,
    without_heading,
)
from .prose import (
    Item,
    chinese_number,
    headcounts,
    join_wrapped,
    name_and_amount,
    name_ratio,
    name_ratios,
    normalise_name,
    numbered_items,
)
from .travel import Columns, Plan, add_plan, collect_plans, columns_of, parse_plans

__all__ = [
    "ANY_LEVEL",
    "AccountLayout",
    "AccountRow",
    "Columns",
    "HeaderRule",
    "Item",
    "Plan",
    "account_layout",
    "account_rows",
    "add_amount_cells",
    "add_amount_row",
    "add_header_cells",
    "add_number_cells",
    "add_plan",
    "amount_like",
    "chinese_number",
    "collect_plans",
    "column_headings",
    "column_of",
    "columns_of",
    "first_columns",
    "headcounts",
    "header_paths",
    "int_amounts",
    "join_account_lines",
    "join_cell_lines",
    "unwrapped",
    "join_wrapped",
    "match_columns",
    "name_and_amount",
    "name_ratio",
    "name_ratios",
    "nearest_labels",
    "normalise_name",
    "numbered_items",
    "parse_plans",
    "read_account_row",
    "resolve_codes",
    "restitch",
    "row_key",
    "split_amounts",
    "stacked_labels",
    "without_heading",
]
