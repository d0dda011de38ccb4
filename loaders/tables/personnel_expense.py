"""附屬表 5 人事費彙計表 (personnel_expense): printed cells only (derived from 1000-series items).

The table lists the twelve level-2 classes of 1000 人事費 in chart order, numbered
(一、民意代表待遇 … 十二、調待準備), with 金額 and a 說明 text, then 合 計.

Keys
- row_key: the object class code whose chart name equals the printed name after its ordinal
  (三、法定編制人員待遇 -> 1015); 'total' for 合計. The chart is the seeded national chart
  (OBJECT_CLASSES of unitbudget.schema.charts: the rows of core.object_classes). A name the
  chart spells otherwise (八、加班費 for 1040 加班值班費) is placed by its ordinal: the table
  prints the 1000-series classes in chart order, so 八 is the eighth class (warning
  `personnel_class_by_ordinal`). A row with neither keeps the printed name as row_key, with a
  warning.
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
from .toolkit import HeaderRule, chinese_number, first_columns, header_paths

SLUG = "personnel_expense"

# The first header row names the amount and note columns (else they are the 2nd and 3rd).
COLUMN_RULES = (HeaderRule("amount", {0: "^金額$"}), HeaderRule("note", {0: "^說明$"}))
_ORDINAL = re.compile(r"^([一二三四五六七八九十百]+)[、.．]\s*")


@cache
def personnel_classes() -> dict[str, str]:
    """Compacted chart name -> code of the level-2 classes under 1000 人事費."""
    return {compact(name): code for code, name, _, parent, _ in OBJECT_CLASSES if parent == "1000"}


@cache
def personnel_classes_in_order() -> tuple[str, ...]:
    """Codes of the level-2 classes under 1000 人事費 in chart order."""
    return tuple(sorted(code for code, _, _, parent, _ in OBJECT_CLASSES if parent == "1000"))


def matches(region: Region) -> bool:
    return compact(region.title) == title_of(SLUG)


def parse(region: Region, ctx: ParseContext) -> TableResult:
    result = result_for(region, SLUG)
    columns = first_columns(header_paths(region.header_rows[:1]), COLUMN_RULES)
    amount_at, note_at = columns.get("amount", 1), columns.get("note", 2)
    classes = personnel_classes()
    in_order = personnel_classes_in_order()
    order = 0
    for row in region.rows:
        label = row.cells[0].text if row.cells else ""
        if not label and not any(c.text for c in row.cells):
            continue
        name = compact(_ORDINAL.sub("", label))
        key = "total" if name == "合計" else classes.get(name)
        ordinal = _ORDINAL.match(compact(label))
        number = chinese_number(ordinal.group(1)) if ordinal else None
        if key is None and number is not None and 1 <= number <= len(in_order):
            key = in_order[number - 1]
            result.warn(
                "personnel_class_by_ordinal",
                f"{label!r} is not a chart name: placed by its ordinal as class {key}",
                row.cells[0],
            )
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
