"""The parsers' shared rules: account codes (loaders/codes.py and the staging view that mirrors
them) and the header-to-column helper, on codes and headers printed in the ADI 112 sample and
DOMAIN.md §2."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unitbudget import api
from unitbudget.loaders.codes import (
    account_code,
    account_level,
    agency_of,
    function_of,
    ministry_of,
    parent_of,
    work_plan_of,
)
from unitbudget.loaders.readers.text import read_text_document
from unitbudget.loaders.regions import Cell, Halves, Region, Row
from unitbudget.loaders.tables import object_class_analysis
from unitbudget.loaders.tables.base import TableResult
from unitbudget.loaders.tables.toolkit import (
    HeaderRule,
    first_columns,
    header_paths,
    match_columns,
    nearest_labels,
    restitch,
)

from .conftest import SAMPLE


@pytest.mark.parametrize(
    ("printed", "code", "level"),
    [
        ("0062000000", "0062000000", "ministry"),  # 數位發展部主管
        ("006220000", "0062200000", "agency"),  # 數位產業署, printed with 9 digits (line 514)
        ("526220000", "5262200000", "function"),  # 科學支出 (line 515)
        ("5262200100", "5262200100", "work_plan"),  # 一般行政
        ("3708012501", "3708012501", "section"),  # 內政部 114: 節 of 地政業務
        ("52622001", None, None),
    ],
)
def test_account_code_and_level(printed: str, code: str | None, level: str | None) -> None:
    assert account_code(printed) == code
    if code is not None:
        assert account_level(code) == level


def test_parents_from_the_code() -> None:
    assert function_of("5262200100") == "5262200000"
    assert agency_of("5262200100") == "0062200000"
    assert ministry_of("5262200100") == "0062000000"
    assert parent_of("3708012501", "section") == "3708012500"
    assert parent_of("5262200000", "function") == "0062200000"
    # an agency's 主管 is what the document prints: the digits do not imply it
    assert parent_of("0062200000", "agency", "0062000000") == "0062000000"
    assert parent_of("0062200000", "agency") is None


def test_staging_view_gives_the_same_parents(sample_db: str) -> None:
    rows = api.query(
        sample_db,
        "SELECT work_plan_code, function_code, agency_code, ministry_code "
        "FROM staging.stg_account_parents ORDER BY work_plan_code",
    ).rows
    assert [r[0] for r in rows] == ["5262200100", "5262200200", "5262209800"]
    for code, function, agency, ministry in rows:
        assert (function, agency, ministry) == (
            function_of(code),
            agency_of(code),
            ministry_of(code),
        )


def test_group_headers_carry_over_split_labels() -> None:
    # 歲出一級用途別科目分析表 prints 經常支出 split over two cells (經常支 | 出): the columns
    # under 出 and the blank after it (預備金, 小計) are still current.
    doc = read_text_document(SAMPLE.read_bytes(), SAMPLE.name)
    region = next(r for r in doc.regions if object_class_analysis.PARSER.matches(r))
    paths = header_paths(region.header_rows)
    assert paths[9] == ("出", "預備金") and paths[10] == ("", "小計")
    rules = [
        HeaderRule(f"{side}_{leaf}", {0: marker, -1: f"^{leaf}$"})
        for marker, side in (("經常", "current"), ("資本", "capital"))
        for leaf in ("預備金", "小計")
    ]
    assert match_columns(paths, rules) == {}  # the group label stands over one column only
    assert match_columns(paths, rules, carry=(0,)) == {
        9: "current_預備金",
        10: "current_小計",
        14: "capital_預備金",
        15: "capital_小計",
    }


def test_spanning_rows_fill_right_from_first() -> None:
    def row(*texts: str) -> Row:
        return Row([Cell(t, 1, 1) for t in texts], 1, 1)

    header = [row("名稱", "職員", "", "經費"), row("", "本年度", "上年度", "")]
    paths = header_paths(header, spanning=1, first=1)
    assert paths == [("名稱", ""), ("職員", "本年度"), ("職員", "上年度"), ("經費", "")]


def test_nearest_labels_read_group_labels_of_stacked_halves() -> None:
    # 預算員額明細表 as a reader stacks its halves: the left half's categories on one row, the
    # right half's on another; each column belongs to the nearest category on any row.
    def row(*texts: str) -> Row:
        return Row([Cell(t, 1, 1) for t in texts], 1, 1)

    header = [
        row("名稱", "職員", "", "警察", "", "", ""),
        row("", "本年度", "上年度", "本年度", "上年度", "", ""),
        row("", "", "", "", "", "工友", ""),
        row("", "", "", "", "", "本年度", "上年度"),
    ]
    labels = nearest_labels(header, "職員|警察|工友", first=1)
    assert labels == ["", "職員", "職員", "警察", "警察", "工友", "工友"]
    assert nearest_labels([], "職員") == []


def test_staging_view_gives_the_work_plan_of_a_section(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT work_plan_code, section_work_plan_code FROM staging.stg_account_parents "
        "WHERE work_plan_code IN ('3708012501', '3708012700')",
    ).rows
    assert sorted(rows) == [("3708012501", work_plan_of("3708012501")), ("3708012700", None)]


def _row(*texts: str, line: int = 1) -> Row:
    return Row([Cell(t, 1, line) for t in texts], 1, line)


def test_first_columns_reads_labels_wrapped_over_header_lines() -> None:
    # 公務車輛明細表 of the 內政部 114 book: 汽缸總 / 排氣量 / (立方公分) over three lines,
    # 數量 under 油料費 on the lowest line.
    header = [
        _row("車輛種類", "汽缸總", "油料費"),
        _row("", "排氣量", ""),
        _row("", "(立方公分)", "數量"),
    ]
    rules = [
        HeaderRule(key, {None: f"^{prefix}"})
        for prefix, key in (
            ("車輛種類", "vehicle_type"),
            ("汽缸總排氣量", "displacement_cc"),
            ("數量", "fuel_litres"),
        )
    ]
    paths = header_paths(header)
    assert first_columns(paths, rules) == {"fuel_litres": 2, "vehicle_type": 0}
    assert first_columns(paths, rules, wrapped=True) == {
        "fuel_litres": 2,
        "vehicle_type": 0,
        "displacement_cc": 1,
    }


def test_restitch_joins_a_right_half_left_as_its_own_row() -> None:
    # left half: label + 2 amounts; right half: 2 amounts. The reader left the second row's
    # right half on a line of its own; a text-only continuation line stays a row.
    rows = [
        _row("(1)甲", "10", "20", "30", "60", line=1),
        _row("(2)乙", "1", "2", "", "", line=2),
        _row("", "", "", "3", "6", line=3),
        _row("續寫", "", "", "", "", line=4),
    ]
    region = Region("委辦經費分析表", [], rows, [1], 1, 4, halves=Halves(3, []))
    out = restitch(region)
    assert [r.texts() for r in out] == [
        ["(1)甲", "10", "20", "30", "60"],
        ["(2)乙", "1", "2", "3", "6"],
        ["續寫", "", "", "", ""],
    ]
    assert (out[1].line, out[1].right_line) == (2, 3)
    assert restitch(Region("t", [], rows, [1], 1, 4)) is rows  # not printed in halves


def test_header_matching_is_memoised_per_rules_object_and_returns_fresh_dicts() -> None:
    # Every page of a table and every document of a batch repeats one header block: the answer
    # is computed once per paths and rules object; callers may change the dict they get.
    doc = read_text_document(SAMPLE.read_bytes(), SAMPLE.name)
    region = next(r for r in doc.regions if object_class_analysis.PARSER.matches(r))
    paths = header_paths(region.header_rows)
    rules = [
        HeaderRule(f"{side}_預備金", {0: marker, -1: "^預備金$"})
        for marker, side in (("經常", "current"), ("資本", "capital"))
    ]
    reserves = {9: "current_預備金", 14: "capital_預備金"}
    got = match_columns(paths, rules, carry=(0,))
    assert got == reserves
    got[0] = "changed by a caller"
    assert match_columns(paths, rules, carry=(0,)) == reserves
    # equal paths with other rules (another table's) get their own answer
    other = [HeaderRule("reserve", {-1: "^預備金$"})]
    assert match_columns(list(paths), other) == {9: "reserve", 14: "reserve"}
    leaves = [HeaderRule("reserve", {None: "^預備金$"}), HeaderRule("subtotal", {None: "^小計$"})]
    named = first_columns(paths, leaves)
    assert named == {"reserve": 9, "subtotal": 10}
    named["reserve"] = 0
    assert first_columns(paths, leaves) == {"reserve": 9, "subtotal": 10}


def test_prints_row_indexes_cells_as_they_are_added_and_after_a_replaced_list() -> None:
    # 歲出計畫提要及分支計畫概況表: work plan 5262200100 一般行政 211,016 (line 210) and its
    # sub-plan 01 人員維持 176,000 (line 213)
    result = TableResult("plan_overview", "歲出計畫提要及分支計畫概況表", [13], 210, 400)
    assert not result.prints_row("5262200100")
    result.add_cell("5262200100", "amount", 1, 1, Cell("211,016", 13, 210))
    assert result.prints_row("5262200100") and not result.prints_row("5262200100/01")
    result.add_cell("5262200100/01", "amount", 2, 1, Cell("176,000", 13, 213))
    assert result.prints_row("5262200100/01")
    # a parser drops a work plan's cells (a repeated region): the index follows the new list
    result.cells = [c for c in result.cells if c.row_key != "5262200100/01"]
    assert result.prints_row("5262200100") and not result.prints_row("5262200100/01")


def _nearest_by_scanning(rows: list[list[str]], pattern: str, first: int) -> list[str]:
    """nearest_labels as first written: every column scans left on every row."""
    width = max((len(r) for r in rows), default=0)
    out = []
    for i in range(width):
        best, best_at = "", -1
        for row in rows:
            for j in range(min(i, len(row) - 1), first - 1, -1):
                if re.fullmatch(pattern, row[j]):
                    if j > best_at:
                        best, best_at = row[j], j
                    break
        out.append(best)
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(["", "職員", "警察", "工友", "本年度", "名稱"]), max_size=7)),
    st.integers(min_value=0, max_value=3),
)
def test_nearest_labels_match_each_label_once_and_decide_as_scanning(
    rows: list[list[str]], first: int
) -> None:
    header = [Row([Cell(t, 1, n) for t in texts], 1, n) for n, texts in enumerate(rows)]
    pattern = "職員|警察|工友"
    assert nearest_labels(header, pattern, first=first) == _nearest_by_scanning(
        rows, pattern, first
    )


def test_add_cells_stores_a_row_as_add_cell_does_cell_by_cell() -> None:
    # 各項費用彙計表 (sample line 439): 1000 人事費 176,000 under 5262200100, - under 5262200200
    row = [("5262200100", 1, Cell("176,000", 26, 439)), ("5262200200", 2, Cell("-", 26, 439))]
    one_by_one = TableResult("expense_summary", "各項費用彙計表", [26], 437, 460)
    for key, order, cell in row:
        one_by_one.add_cell("1000", key, 3, order, cell)
    batched = TableResult("expense_summary", "各項費用彙計表", [26], 437, 460)
    batched.add_cells("1000", 3, row)
    assert batched.cells == one_by_one.cells
    assert [c.value for c in batched.cells] == [176000, 0]


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (("AEQ-5066、AEQ-", "5068、AEQ-5070"), "AEQ-5066、AEQ-5068、AEQ-5070"),
        (("MLQ-2091 -", "MLQ"), "MLQ-2091 - MLQ"),  # a dash standing alone keeps it
        (("移民署0", ".47億元"), "移民署0.47億元"),
        (("內政部編列2.", "4億元"), "內政部編列2.4億元"),
        (("2.", "4 項"), "2. 4 項"),  # an item number at the start, not a decimal
        # 車輛 備註 of the PDF book (p.141 printed): wraps next to full-width punctuation and
        # before a hyphen glued to the next word are not spaces
        (("968-JML、969", "-JML、971-J"), "968-JML、969-JML、971-J"),
        (("536-DSK、", "537-DSK、539"), "536-DSK、537-DSK、539"),
        (("AEQ-5071", "、AEQ-5072、"), "AEQ-5071、AEQ-5072、"),
        # after a sentence's end the next line may start an item: the space stays
        (("計列6萬5千元。", "(2)辦理"), "計列6萬5千元。 (2)辦理"),
    ],
)
def test_join_cell_lines_hyphens_and_wrapped_decimals(parts: tuple[str, str], joined: str) -> None:
    from unitbudget.loaders.tables.toolkit import join_cell_lines

    assert join_cell_lines(*parts) == joined


def _join_char_by_char(*parts: str | None) -> str:
    """`join_cell_lines` as it weighed every character before round 6 (the reference), with
    round 6's punctuation and glued-hyphen rules."""
    from unitbudget.loaders.tables.toolkit.cells import (
        _CLOSING_PUNCTUATION,
        _INNER_PUNCTUATION,
        _SPACES,
        _wide,
        _wrapped_decimal,
    )

    text = _SPACES.sub(" ", " ".join(p.strip() for p in parts if p and p.strip()))
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == " " and 0 < i < len(text) - 1:
            before, after = text[i - 1], text[i + 1]
            if (_wide(before) or before == "-") and _wide(after):
                continue
            if before == "-" and i > 1 and not text[i - 2].isspace():
                continue
            if _wrapped_decimal(text, i):
                continue
            if before.isdigit() and after.isdigit():
                continue
            if after in _CLOSING_PUNCTUATION or before in _INNER_PUNCTUATION:
                continue
            if before.isalnum() and after == "-" and text[i + 2 : i + 3].isalnum():
                continue
        out.append(ch)
    return "".join(out).strip()


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="年度計畫2.0-， 。）、（\n\tA b", max_size=12), max_size=4))
def test_join_cell_lines_weighs_each_space_as_the_character_loop(parts: list[str]) -> None:
    from unitbudget.loaders.tables.toolkit import join_cell_lines

    assert join_cell_lines(*parts) == _join_char_by_char(*parts)
