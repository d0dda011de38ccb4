"""The nine DGBAS recognition faults of issue 13, each on a small workbook built from the real
layouts (rows copied from the 97-101, 105, 110 and 113-114 workbooks' shapes), plus the real
101 歲入來源別 and 歲出政事別 workbooks spot-checked against their sheets."""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget.errors import ParseError, RefusedInput
from unitbudget.loaders.dgbas import parse_dgbas_workbook
from unitbudget.loaders.readers.dgbas import DgbasWorkbook, read_workbook
from unitbudget.loaders.recognise import fold, fold_name, recognise_stage, year_from_file_name

from .conftest import DATA
from .test_dgbas_reader import write_xlsx

OLD_HEADER = ["款", "項", "目", "節", "科目編號", "科目名稱", "本年度預算數", "上年度預算數"]
OLD_HEADER_ACTUAL = [*OLD_HEADER, "前年度決算數", "本年度與上年度比較", "說明"]
B = "  "  # the 97-101 sheets pad empty index cells with two spaces

# 97-101 歲入來源別預算表 (rows as in revenue-by-source-101.xls): 合計 first, 01xx revenue codes.
REVENUE_OLD = [
    OLD_HEADER_ACTUAL,
    [B, B, B, B, B, "合          計", 1260000.0, 1180000.0, 1090000.0, 80000, B],
    [1.0, B, B, B, "0100000000", "稅課收入", 1250000.0, 1170000.0, 1082000.0, 80000, B],
    [1.0, 1.0, B, B, "0117010000", "財政部", 1250000.0, 1170000.0, 1082000.0, 80000, B],
    [1.0, 1.0, 1.0, B, "0117010100", "所得稅", 1250000.0, 1170000.0, 1082000.0, 80000, B],
    [7.0, B, B, B, "0700000000", "其他收入", 10000.0, 10000.0, 8000.0, 0, B],
    [7.0, 1.0, B, B, "0717010000", "財政部", 10000.0, 10000.0, 8000.0, 0, B],
]

# 97-101 歲出政事別預算表 (rows as in expenditure-by-function-101.xls): group rows, numeric codes.
FUNCTION_OLD = [
    OLD_HEADER_ACTUAL[:-1],
    [B, B, B, B, B, "合          計", 1054033.0, 1090404.0, 945547.0, -36371.0],
    [B, B, B, B, B, "(1. 一般政務支出)", 1054033, 1090404, 945547, -36371.0],
    [1.0, B, B, B, 3200000000.0, "國務支出", 1054033, 1090404, 945547, -36371.0],
    [1.0, 1.0, B, B, 3202010000.0, "總統府", 1054033, 1090404.0, 945547, -36371.0],
    [1.0, 1.0, 1.0, B, 3202010100.0, "一般行政", 1054033, 1090404, 945547, -36371.0],
]

# 97-101 歲出機關別預算表: cumulative 款/項/目, 節 = 999 on 政事 rows, no 前年度決算數, 說明
# indented with DEL (0x7F) and a 主管 total stored as a float (97, 98, 101 教育部主管).
DEL_INDENTED = "1.人事費\r\n\x7f\x7f千元。"
AGENCY_OLD = [
    [*OLD_HEADER, "本年度與上年度比較", "說明"],
    [20.0, B, B, B, "0020000000", "教育部主管", 152689908.003, 150000000.0, 2689908.0, B],
    [20.0, 1.0, B, B, "0020010000", "教育部", 152689908.0, 150000000.0, 2689908.0, B],
    [20.0, 1.0, B, 999.0, "5020010000", "教育支出", 152689908.0, 150000000.0, 2689908.0, B],
    [
        20.0,
        1.0,
        1.0,
        B,
        "5020010100",
        "一般行政",
        689908.0,
        500000.0,
        189908.0,
        "1.人事費\r\n\x7f\x7f千元。",
    ],
    [20.0, 1.0, 2.0, B, "5020010200", "高等教育", 152000000.0, 149500000.0, 2500000.0, B],
]


def _wb(tmp_path: Path, name: str, rows: list, page_header: str = "") -> Path:
    return write_xlsx(tmp_path / name, rows, page_header)


def _codes(wb: DgbasWorkbook) -> dict:
    return {a.code: a for a in wb.accounts}


# ------------------------------------------------------------------ 1, 2: table kind


def test_1_untitled_revenue_table_is_revenue(tmp_path: Path) -> None:
    wb = read_workbook(_wb(tmp_path, "r.xlsx", REVENUE_OLD), fiscal_year=101)
    assert wb.table == "revenue_by_source"
    tax = _codes(wb)["0100000000"]
    assert (tax.name, tax.level, tax.parent_code) == ("稅課收入", "source", None)
    assert tax.amounts["this_year"] == 1_250_000
    assert _codes(wb)["0117010100"].level == "item"
    doc = parse_dgbas_workbook(
        tmp_path / "r.xlsx", (tmp_path / "r.xlsx").read_bytes(), fiscal_year=101
    )
    assert doc.kind == "dgbas_revenue"
    assert "accounts" not in doc.facts
    assert len(doc.facts["revenue_accounts"]) == 5
    assert [t.name for t in wb.totals] == ["合計"]
    assert not [i for i in wb.issues if i.severity != "info"]


def test_2_untitled_function_table_is_functional(tmp_path: Path) -> None:
    wb = read_workbook(_wb(tmp_path, "f.xlsx", FUNCTION_OLD), fiscal_year=101)
    assert wb.table == "expenditure_by_function"
    president = _codes(wb)["3202010000"]
    assert (president.name, president.level, president.parent_code) == (
        "總統府",
        "agency",
        "3200000000",
    )
    doc = parse_dgbas_workbook(
        tmp_path / "f.xlsx", (tmp_path / "f.xlsx").read_bytes(), fiscal_year=101
    )
    assert doc.kind == "dgbas_function"
    assert "accounts" not in doc.facts
    assert {r["account_code"] for r in doc.facts["function_accounts"]} == {
        "3200000000",
        "3202010000",
        "3202010100",
    }
    # the group row (1. 一般政務支出) is a total, not an account and not a stray row
    assert [t.name for t in wb.totals] == ["合計", "(1.一般政務支出)"]
    assert not [i for i in wb.issues if i.severity != "info"]


def test_titled_tables_are_recognised_by_title(tmp_path: Path) -> None:
    rows = [["中央政府總預算"], ["歲出政事別預算表"], ["中華民國101年度"], *FUNCTION_OLD]
    wb = read_workbook(_wb(tmp_path, "t.xlsx", rows))
    assert (wb.table, wb.fiscal_year) == ("expenditure_by_function", 101)
    assert "dgbas_no_title" not in {i.code for i in wb.issues}


# ------------------------------------------------------------------ 3: budget

SPECIAL_TITLE = [
    ["中央政府嚴重特殊傳染性肺炎防治及紓困振興特別預算"],
    ["歲出機關別預算表"],
    ["中華民國110年度"],
]
LAYOUT_111 = [
    ["科目", "", "", "", "", "本年度預算數", "上年度預算數", "本年度與上年度比較", "說明"],
    ["款", "項", "目", "節", "名稱及編號", "", "", "", ""],
    [1.0, "", "", "", "0017000000\n衛生福利部主管", 6000.0, 4000.0, 2000.0, ""],
    ["", 1.0, "", "", "0017010000\n衛生福利部", 6000.0, 4000.0, 2000.0, ""],
    ["", "", "", "", "5717010000\n社會保險支出", 6000.0, 4000.0, 2000.0, ""],
    ["", "", 1.0, "", "5717010100\n防疫紓困", 6000.0, 4000.0, 2000.0, "紓困"],
]


@pytest.mark.parametrize(
    ("title", "kind", "name"),
    [
        (SPECIAL_TITLE[0][0], "special", "中央政府嚴重特殊傳染性肺炎防治及紓困振興特別預算"),
        ("中央政府總預算追加預算", "supplementary", "中央政府總預算追加預算"),
        ("中央政府總預算第1次追加(減)預算", "supplementary", "中央政府總預算第1次追加(減)預算"),
        ("中央政府總預算", "general", "中央政府總預算"),
    ],
)
def test_3_budget_is_read_from_the_title(tmp_path: Path, title: str, kind: str, name: str) -> None:
    rows = [[title], *SPECIAL_TITLE[1:], *LAYOUT_111]
    wb = read_workbook(_wb(tmp_path, "s.xlsx", rows))
    assert (wb.budget.kind, wb.budget.name) == (kind, name)
    assert wb.table == "expenditure_by_agency"


# ------------------------------------------------------------------ 4: stage


@pytest.mark.parametrize(
    ("title", "stage"),
    [
        ("中華民國114年度中央政府總預算案", "proposed"),
        ("中華民國114年度中央政府總預算法定預算", "enacted"),
        ("中華民國114年度中央政府總決算", "actual"),
        ("中華民國114年度中央政府總預算", None),
    ],
)
def test_4_stage_is_read_from_the_title(tmp_path: Path, title: str, stage: str | None) -> None:
    rows = [[title], ["歲出機關別預算表"], *LAYOUT_111]
    path = _wb(tmp_path, "p.xlsx", rows)
    wb = read_workbook(path)
    assert (wb.stage, wb.fiscal_year) == (stage, 114)
    doc = parse_dgbas_workbook(path, path.read_bytes())
    assert doc.stage == (stage or "enacted")


def test_4_given_stage_contradicting_the_title_is_reported(tmp_path: Path) -> None:
    rows = [["中華民國114年度中央政府總預算案"], ["歲出機關別預算表"], *LAYOUT_111]
    path = _wb(tmp_path, "p.xlsx", rows)
    doc = parse_dgbas_workbook(path, path.read_bytes(), stage="enacted")
    assert doc.stage == "enacted"
    assert "stage_mismatch" in {i.code for i in doc.issues}


def test_4_column_labels_do_not_name_the_stage() -> None:
    assert recognise_stage(["前年度決算數", "本年度預算數"]) is None
    assert recognise_stage(["數位發展部數位產業署單位預算案"]) == "proposed"


# ------------------------------------------------------------------ 5: unit


def _in_yuan(rows: list) -> list:
    """LAYOUT_111 printed in 元: every amount × 1000."""
    return [[c * 1000 if isinstance(c, float) else c for c in row] for row in rows]


def test_5_yuan_converted_exactly(tmp_path: Path) -> None:
    rows = [["中華民國114年度"], ["歲出機關別預算表"], ["單位：新臺幣元"], *_in_yuan(LAYOUT_111)]
    wb = read_workbook(_wb(tmp_path, "y.xlsx", rows))
    assert _codes(wb)["5717010100"].amounts == {
        "this_year": 6000,
        "last_year": 4000,
        "change": 2000,
    }
    assert "dgbas_unit_yuan" in {i.code for i in wb.issues}


def test_5_yuan_not_whole_thousands_is_refused_naming_the_row(tmp_path: Path) -> None:
    rows = [["中華民國114年度"], ["歲出機關別預算表"], ["單位：新臺幣元"], *_in_yuan(LAYOUT_111)]
    rows[-2][5] = 6_000_500.0  # 社會保險支出: 6,000,500 元
    rows[-1][5] = 6_000_500.0
    with pytest.raises(ParseError, match="not a whole number of 千元") as caught:
        read_workbook(_wb(tmp_path, "y.xlsx", rows))
    assert caught.value.sheet_row == 8  # the first such row, not the last


# ------------------------------------------------------------------ 6, 7: old layouts and sums


def test_6_7_old_agency_layout(tmp_path: Path) -> None:
    wb = read_workbook(_wb(tmp_path, "97c歲出機關別預算表.xlsx", AGENCY_OLD))
    assert wb.fiscal_year == 97  # from the file name
    assert wb.table == "expenditure_by_agency"
    by = _codes(wb)
    ministry = by["0020000000"]
    assert ministry.amounts["this_year"] == 152_689_908  # float 152689908.003, children agree
    function = by["5020010000"]
    assert (function.level, function.jie, function.parent_code) == ("function", None, "0020010000")
    assert by["5020010100"].level == "work_plan"
    assert by["5020010100"].description == "1.人事費\n千元。"  # no DEL characters
    codes = [(i.severity, i.code, i.sheet_row) for i in wb.issues]
    assert ("warning", "dgbas_float_amount", 2) in codes
    assert not [c for c in codes if c[1] == "dgbas_level_mismatch"]
    # the year comes from nothing the workbook prints: said as a warning (a renamed copy would
    # load as another year)
    assert sorted(c for c in codes if c[0] != "info") == [
        ("warning", "dgbas_float_amount", 2),
        ("warning", "dgbas_year_from_file_name", None),
    ]


def test_6_float_not_vouched_by_children_is_left_out(tmp_path: Path) -> None:
    rows = [list(r) for r in AGENCY_OLD]
    rows[1][6] = 152689999.003  # children sum to 152,689,908
    wb = read_workbook(_wb(tmp_path, "97c.xlsx", rows))
    assert "this_year" not in _codes(wb)["0020000000"].amounts
    assert ("error", "dgbas_bad_amount", 2) in {
        (i.severity, i.code, i.sheet_row) for i in wb.issues
    }


def test_6_parent_not_equal_to_children_warns_with_both_rows(tmp_path: Path) -> None:
    rows = [list(r) for r in AGENCY_OLD]
    rows[5][7] = 149_400_000.0  # 高等教育 上年度; the 政事 above still says 150,000,000
    wb = read_workbook(_wb(tmp_path, "97c.xlsx", rows))
    found = [i for i in wb.issues if i.code == "dgbas_sum_mismatch"]
    assert [i.sheet_row for i in found] == [4]
    assert "sheet row 4" in found[0].message and "5, 6" in found[0].message
    assert "149900000" in found[0].message


def test_7_header_typo_is_tolerated_and_noted(tmp_path: Path) -> None:
    rows = [["中華民國105年度"], ["歲出機關別預算表"], *LAYOUT_111]
    rows[2] = [*rows[2][:7], "本年度節與上年度比較", "說明"]  # the 105 workbook's typo
    wb = read_workbook(_wb(tmp_path, "h.xlsx", rows))
    assert "change" in wb.columns
    assert _codes(wb)["5717010100"].amounts["change"] == 2000
    assert "dgbas_header_typo" in {i.code for i in wb.issues}


# ------------------------------------------------------------------ 9: text forms


def test_9_compatibility_ideographs_fold(tmp_path: Path) -> None:
    compat = "中華民國114\uf98e\ufa01"  # 年 U+F98E, 度 U+FA01 as PDF text layers give them
    assert fold(compat) == "中華民國114年度"
    rows = [[compat], ["歲出機關別預算表"], *LAYOUT_111]
    assert read_workbook(_wb(tmp_path, "c.xlsx", rows)).fiscal_year == 114


def test_9_folded_names_join_variants() -> None:
    assert fold_name("台北市政府") == fold_name("臺北市政府") == "臺北市政府"
    assert fold_name("（全形）ＡＢＣ　計畫") == "(全形)ABC計畫"


def test_year_from_file_name() -> None:
    assert year_from_file_name("97c歲出機關別預算表.xls") == 97
    assert year_from_file_name("revenue-by-source-101.xls") == 101
    assert year_from_file_name("110-111 合併.xls") is None  # two years: ambiguous
    assert year_from_file_name("歲出機關別預算表.xls") is None


def test_no_year_anywhere_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RefusedInput, match="--year"):
        read_workbook(_wb(tmp_path, "untitled.xlsx", AGENCY_OLD))


# ------------------------------------------------------------------ the real 101 workbooks


def test_real_101_revenue_workbook() -> None:
    wb = read_workbook(DATA / "revenue-by-source-101.xls")
    assert (wb.table, wb.fiscal_year) == ("revenue_by_source", 101)
    by = _codes(wb)
    # values as printed in the sheet (rows 3, 7, 4)
    assert by["0100000000"].amounts["this_year"] == 1_250_100_000
    assert by["0117010101"].amounts["this_year"] == 316_398_000
    assert by["0117010000"].amounts["year_before_actual"] == 1_082_412_247
    assert wb.totals[0].amounts["this_year"] == 1_729_431_644  # 合計
    assert len(wb.accounts) == wb.code_rows == 3823
    assert "\x7f" not in by["0117010201"].description
    # the 101 layout prints no year: the file name's is used, said as a warning
    assert [i.code for i in wb.issues if i.severity != "info"] == ["dgbas_year_from_file_name"]


def test_real_101_function_workbook() -> None:
    wb = read_workbook(DATA / "expenditure-by-function-101.xls")
    assert (wb.table, wb.fiscal_year) == ("expenditure_by_function", 101)
    by = _codes(wb)
    assert (by["3202010000"].name, by["3202010000"].amounts["this_year"]) == ("總統府", 1_054_033)
    assert by["3200000000"].amounts["last_year"] == 1_302_365
    assert by["3202010800"].amounts["year_before_actual"] == 9_026
    assert wb.totals[0].amounts["this_year"] == 1_938_637_325  # 合計
    assert sum(a.amounts["this_year"] for a in wb.accounts if a.parent_code is None) == (
        1_938_637_325
    )
    # the 101 layout prints no year: the file name's is used, said as a warning
    assert [i.code for i in wb.issues if i.severity != "info"] == ["dgbas_year_from_file_name"]


# ------------------------------------------------------------------ 4, 9: unit budget text


def _sample() -> str:
    from .conftest import SAMPLE

    return SAMPLE.read_text(encoding="utf-8")


def test_4_unit_budget_cover_saying_proposed() -> None:
    from unitbudget.loaders.unit_budget import parse_unit_budget

    text = _sample().replace("數位產業署單位預算\n", "數位產業署單位預算案\n", 1)
    doc = parse_unit_budget(text.encode("utf-8"), "adi-112-proposed.txt")
    assert doc.stage == "proposed"
    given = parse_unit_budget(text.encode("utf-8"), "adi-112-proposed.txt", stage="enacted")
    assert given.stage == "enacted"
    assert "stage_contradicts_document" in {i.code for i in given.issues}


def test_9_compatibility_ideographs_in_a_unit_budget() -> None:
    from unitbudget.loaders.unit_budget import parse_unit_budget

    text = _sample().replace("年度", "\uf98e\ufa01")  # as PDF text layers give 年度
    doc = parse_unit_budget(text.encode("utf-8"), "adi-112-compat.txt")
    assert (doc.fiscal_year, doc.agency_name) == (112, "數位發展部數位產業署")
    line_items = doc.facts["line_items"]
    assert sum(r["amount"] for r in line_items) == 2_579_641  # the ADI 112 total


def test_grand_total_not_equal_to_the_top_accounts_warns(tmp_path: Path) -> None:
    rows = [list(r) for r in REVENUE_OLD]
    rows[1][6] = 1_260_001.0  # 合計 one 千元 more than 稅課收入 + 其他收入
    wb = read_workbook(_wb(tmp_path, "r.xlsx", rows), fiscal_year=101)
    found = [i for i in wb.issues if i.code == "dgbas_sum_mismatch"]
    assert [(i.sheet_row, i.severity) for i in found] == [(2, "warning")]
    assert "1260000" in found[0].message


def test_fold_text_keeps_full_width_punctuation() -> None:
    from unitbudget.loaders.recognise import fold_text

    # 年 U+F98E, 度 U+FA01, ⽇ (Kangxi radical U+2F47), DEL; 單位： and （續） stay as printed
    assert fold_text("112\uf98e\ufa01 \u2f47\x7f 單位：（續）") == "112年度 日 單位：（續）"
