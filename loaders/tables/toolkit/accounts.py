"""Account rows of the tables that print the budget hierarchy (款 項 目 節 and 名稱) on the left:
歲出一級用途別科目分析表, 資本支出分析表, 預算員額明細表.

A row's level comes from which position column it fills; its 10-digit code is printed, or taken
from the work plans' names, or derived from the codes printed below it (loaders/codes.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...codes import (
    CODE_AND_NAME,
    account_code,
    agency_of,
    function_of,
    is_account_code,
    is_administrative,
    ministry_of,
)
from ...regions import Region, Row
from ..base import ParseContext, TableResult, compact
from .account_lines import join_account_lines
from .cells import add_header_cells

_POSITION_LABELS = ("款", "項", "目", "節")

# Leaf header label -> column key part. Data, not branches: another year's layout adds labels.


@dataclass
class AccountRow:
    """One printed account row: positions, printed code (if any), name and its number cells."""

    row: Row
    kuan: str
    xiang: str
    mu: str
    jie: str
    printed_code: str | None
    name: str
    level: str  # ministry, agency, function, work_plan or section
    code: str | None = None


@dataclass(frozen=True)
class AccountLayout:
    """Where the account label cells sit: position columns and the name column."""

    positions: dict[str, int]  # 款/項/目/節 -> column index
    name_index: int


def account_layout(header_rows: list[Row]) -> AccountLayout | None:
    """Locate 款/項/目/節 and the name column (名稱, 節 名稱, 名稱及編號) in the header."""
    for header in header_rows:
        texts = [compact(t) for t in header.texts()]
        name_index = next((i for i, t in enumerate(texts) if "名稱" in t), None)
        if name_index is None:
            continue
        positions: dict[str, int] = {}
        for i, t in enumerate(texts[: name_index + 1]):
            for label in _POSITION_LABELS:
                # "節名稱" is the 節 column merged with the name column: 節 shares its index.
                if t == label or (t.startswith(label) and "名稱" in t):
                    positions[label] = i
        return AccountLayout(positions, name_index)
    return None


def read_account_row(row: Row, layout: AccountLayout) -> AccountRow:
    def at(label: str) -> str:
        index = layout.positions.get(label)
        cell = row.get(index) if index is not None else None
        return cell.text.strip() if cell else ""

    name_cell = row.get(layout.name_index)
    name_text = name_cell.text.strip() if name_cell else ""
    # When 節 shares the name column, a number printed there is the code, not a 節 position.
    jie = at("節") if layout.positions.get("節") != layout.name_index else ""
    printed_code = None
    match = CODE_AND_NAME.match(name_text)
    if match:
        printed_code, name_text = account_code(match.group(1)), match.group(2).strip()
    kuan, xiang, mu = at("款"), at("項"), at("目")
    if kuan:
        level = "ministry"
    elif xiang:
        level = "agency"
    elif jie:
        level = "section"
    elif mu:
        level = "work_plan"
    else:
        level = "function"
    return AccountRow(row, kuan, xiang, mu, jie, printed_code, name_text, level, printed_code)


def resolve_codes(rows: list[AccountRow], ctx: ParseContext, result: TableResult) -> None:
    """Give every row a 10-digit code: printed, or from names and the work plans' codes."""
    names = {compact(name): code for code, name in ctx.work_plans.items()}
    names.update({compact(name): code for code, name in ctx.accounts.items()})
    for r in rows:
        if r.code is None and r.level in ("work_plan", "section"):
            r.code = names.get(compact(r.name))
    work_plans = [r.code for r in rows if r.code and is_account_code(r.code)]
    work_plans += [c for c in ctx.work_plans if is_account_code(c)]
    for index, r in enumerate(rows):
        if r.code is not None:
            continue
        # The accounts printed below a row are its children: derive its code from theirs.
        below = [x.code for x in rows[index + 1 :] if x.code and not is_administrative(x.code)]
        sample = below[0] if below else (work_plans[0] if work_plans else None)
        if sample is None:
            r.code = names.get(compact(r.name))
        elif r.level == "ministry":
            r.code = ministry_of(sample)
        elif r.level == "agency":
            r.code = ctx.agency_code or agency_of(sample)
        elif r.level == "function":
            r.code = function_of(sample)
        if r.code is None:
            result.warn(
                "account_unresolved",
                f"no account code for the row {r.name!r}: kept the name as its key",
                r.row.get(0),
            )


def row_key(r: AccountRow) -> str:
    return r.code or r.name


def add_number_cells(
    result: TableResult, r: AccountRow, keys: dict[int, str], order: int, first: int
) -> None:
    """Every non-empty cell right of the name column, under its column key."""
    column_orders = {index: n for n, index in enumerate(sorted(keys), start=1)}
    add_header_cells(
        result, row_key(r), order, r.row, keys, lambda index, _: column_orders[index], first=first
    )


def account_rows(
    region: Region, ctx: ParseContext, result: TableResult, *, skip_blank: bool = False
) -> tuple[AccountLayout, list[AccountRow]] | None:
    """The header's account layout and every logical body row (printed lines joined by
    `join_account_lines`: a code above its name, a wrapped name or 說明) read as an account row
    with its code resolved (`resolve_codes`); rows printing nothing are dropped when
    `skip_blank`.

    Returns None, with a `header_not_found` warning on `result`, when no header row names the
    名稱 column.
    """
    layout = account_layout(region.header_rows)
    if layout is None:
        result.warn("header_not_found", "no 名稱 column in the header rows")
        return None
    lines = join_account_lines(region.rows, layout.name_index)
    rows = [read_account_row(row, layout) for row in lines]
    if skip_blank:
        rows = [r for r in rows if r.name or any(c.text for c in r.row.cells)]
    resolve_codes(rows, ctx, result)
    for r in rows:
        for index in layout.positions.values():
            if index != layout.name_index:
                # the filled 款/項/目/節 column is the row's level, from which its code (the
                # row key) is resolved
                result.read(r.row.get(index))
    return layout, rows
