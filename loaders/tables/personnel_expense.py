"""附屬表 5 人事費彙計表 (personnel_expense): printed cells only (derived from 1000-series items).

The table lists the twelve level-2 classes of 1000 人事費 in chart order, numbered
(一、民意代表待遇 … 十二、調待準備), with 金額 and a 說明 text, then 合 計.

Keys
- row_key: the object class code whose chart name equals the printed name after its ordinal
  (三、法定編制人員待遇 -> 1015); 'total' for 合計. The chart is the seeded national chart
  (OBJECT_CLASSES of unitbudget.schema.charts: the rows of core.object_classes). An unknown
  name keeps the printed name as row_key, with a warning.
- column_key: 'amount' (金額); 'note' for the 說明 text (value NULL: kept as printed, not
  compared numerically).
"""

from __future__ import annotations

import re
from functools import cache

from unitbudget.catalog import title_of
from unitbudget.schema.charts import OBJECT_CLASSES

from ..regions import Region
from .base import ParseContext, TableParser, TableResult, compact, result_for
from .toolkit import HeaderRule, first_columns, header_paths

SLUG = "personnel_expense"

# The first header row names the amount and note columns (else they are the 2nd and 3rd).
COLUMN_RULES = (HeaderRule("amount", {0: "^金額$"}), HeaderRule("note", {0: "^說明$"}))
_ORDINAL = re.compile(r"^[一二三四五六七八九十百]+[、.．]\s*")


@cache
def personnel_classes() -> dict[str, str]:
    """Compacted chart name -> code of the level-2 classes under 1000 人事費."""
    return {compact(name): code for code, name, _, parent, _ in OBJECT_CLASSES if parent == "1000"}


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    columns = first_columns(header_paths(region.header_rows[:1]), COLUMN_RULES)
    amount_at, note_at = columns.get("amount", 1), columns.get("note", 2)
    classes = personnel_classes()
    order = 0
    for row in region.rows:
        label = row.cells[0].text if row.cells else ""
        if not label and not any(c.text for c in row.cells):
            continue
        name = compact(_ORDINAL.sub("", label))
        key = "total" if name == "合計" else classes.get(name)
        if key is None:
            result.warn(
                "unknown_personnel_class",
                f"{label!r} is no 1000-series class of the chart",
                row.cells[0],
            )
            key = name
        order += 1
        amount, note = row.get(amount_at), row.get(note_at)
        if amount is not None and amount.text:
            result.add_cell(key, "amount", order, 1, amount)
        if note is not None and note.text:
            result.add_cell(key, "note", order, 2, note)
    result.row_count = order
    return result


PARSER = TableParser(slug=SLUG, matches=matches, parse=parse, order=50)
