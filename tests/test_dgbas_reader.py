"""Tests of the DGBAS 歲出機關別預算表 reader against the published 111-113 workbooks.

Expected values are the ones printed in the workbooks (checked against the raw cells); the
synthetic workbooks are built with the standard library (no spreadsheet writer is installed).
"""

from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from python_calamine import CalamineWorkbook

from unitbudget.errors import InputError, RefusedInput
from unitbudget.loaders.readers.dgbas import (
    DgbasAccount,
    DgbasWorkbook,
    looks_like_dgbas_workbook,
    read_workbook,
)

DATA = Path(__file__).parent / "data"
FILES = {
    111: DATA / "expenditure-by-agency-111.xls",
    112: DATA / "expenditure-by-agency-112.xls",
    113: DATA / "expenditure-by-agency-113.xlsx",
}


@pytest.fixture(scope="module")
def wb111() -> DgbasWorkbook:
    return read_workbook(FILES[111])


@pytest.fixture(scope="module")
def wb112() -> DgbasWorkbook:
    return read_workbook(FILES[112])


@pytest.fixture(scope="module")
def wb113() -> DgbasWorkbook:
    return read_workbook(FILES[113])


@pytest.fixture(scope="module")
def workbooks(wb111: DgbasWorkbook, wb112: DgbasWorkbook, wb113: DgbasWorkbook) -> dict:
    return {111: wb111, 112: wb112, 113: wb113}


def by_code(wb: DgbasWorkbook) -> dict[str, DgbasAccount]:
    return {a.code: a for a in wb.accounts}


# ------------------------------------------------------------------ counts and completeness


@pytest.mark.parametrize(
    ("year", "numeric", "classified"),
    [(111, 2129, 4), (112, 2207, 4), (113, 2192, 4)],
)
def test_account_counts(workbooks: dict, year: int, numeric: int, classified: int) -> None:
    wb = workbooks[year]
    assert sum(not a.classified for a in wb.accounts) == numeric
    assert sum(a.classified for a in wb.accounts) == classified
    assert wb.code_rows == len(wb.accounts) == numeric + classified


def test_113_acceptance_figure_2201_counts_document_numbers_in_description(
    wb113: DgbasWorkbook,
) -> None:
    """2201 rows hold a 10-digit run: 2192 codes in 名稱及編號, 9 華總一義字 numbers in 說明.

    The raw cells (read with calamine, independently of the reader) are the oracle: the reader
    must take exactly the codes of the name column and none of the document numbers.
    """
    rows = CalamineWorkbook.from_path(str(FILES[113])).get_sheet_by_index(0).to_python()
    run = re.compile(r"(?<!\d)\d{10}(?!\d)")
    hits = [r for r in rows if any(isinstance(c, str) and run.search(c) for c in r)]
    in_description = {n for r in hits if not run.search(r[4]) for n in run.findall(r[9])}
    in_name = {n for r in hits for n in run.findall(r[4])}
    assert len(hits) == 2201
    assert len(in_description) == 9 and len(in_name) == 2192
    numeric = {a.code for a in wb113.accounts if not a.classified}
    assert numeric == in_name
    assert not in_description & {a.code for a in wb113.accounts}


@pytest.mark.parametrize("year", [111, 112, 113])
def test_codes_unique_and_no_issues(workbooks: dict, year: int) -> None:
    wb = workbooks[year]
    codes = [a.code for a in wb.accounts]
    assert len(set(codes)) == len(codes)
    assert wb.issues == []
    assert all(a.amounts.keys() == wb.columns.keys() for a in wb.accounts)


def test_fiscal_years_and_columns(workbooks: dict) -> None:
    assert {y: wb.fiscal_year for y, wb in workbooks.items()} == {111: 111, 112: 112, 113: 113}
    assert workbooks[111].columns == {"this_year": 5, "last_year": 6, "change": 7}
    full = {"this_year": 5, "last_year": 6, "year_before_actual": 7, "change": 8}
    assert workbooks[112].columns == full
    assert workbooks[113].columns == full


# ------------------------------------------------------------------ known values


def test_111_values(wb111: DgbasWorkbook) -> None:
    accounts = by_code(wb111)
    president = accounts["0002000000"]
    assert (president.name, president.level, president.kuan) == ("總統府主管", "ministry", 1)
    assert president.amounts == {"this_year": 14418154, "last_year": 14088127, "change": 330027}
    assert president.sheet_row == 6
    celebrations = accounts["3102010300"]
    assert celebrations.name == "國家慶典"
    assert celebrations.amounts["change"] == -98
    assert celebrations.description.startswith("本年度預算數之內容與上年度之比較如下：\n1.")
    assert "0062200000" not in accounts  # 數位產業署 appears from 112


def test_112_values(wb112: DgbasWorkbook) -> None:
    accounts = by_code(wb112)
    adi = accounts["0062200000"]
    assert (adi.name, adi.level, adi.xiang, adi.parent_code) == (
        "數位產業署",
        "agency",
        3,
        "0062000000",
    )
    assert adi.amounts["this_year"] == 2579641
    admin = accounts["5262200100"]
    assert (admin.name, admin.level, admin.mu) == ("一般行政", "work_plan", 1)
    assert admin.sheet_row == 2048
    assert admin.amounts["this_year"] == 211016
    assert admin.parent_code == "5262200000"
    assert accounts["5262200000"].parent_code == "0062200000"


def test_113_values(wb113: DgbasWorkbook) -> None:
    adi = by_code(wb113)["0062200000"]
    assert adi.name == "數位產業署"
    assert adi.amounts == {
        "this_year": 3555676,
        "last_year": 2579641,
        "year_before_actual": 2338453,
        "change": 976035,
    }


def test_dash_means_zero(wb113: DgbasWorkbook) -> None:
    # Sheet row 8986: 一般建築及設備 | - | - | 68 | -
    account = by_code(wb113)["4017609000"]
    assert account.amounts == {
        "this_year": 0,
        "last_year": 0,
        "year_before_actual": 68,
        "change": 0,
    }


# ------------------------------------------------------------------ 113 layout


def test_113_code_row_name_row_and_wrapped_description(wb113: DgbasWorkbook) -> None:
    admin = by_code(wb113)["3102010100"]
    assert admin.sheet_row == 9  # the code row; name and amounts are on row 10
    assert (admin.name, admin.mu) == ("一般行政", 1)
    assert admin.amounts["this_year"] == 1006887
    assert admin.description.startswith(
        "本年度預算數之內容與上年度之\n比較如下：\n1.人員維持費657,474千元，與\n上年度同。\n"
    )
    assert "\u3000" not in admin.description


def test_113_wrapped_names(wb113: DgbasWorkbook) -> None:
    accounts = by_code(wb113)
    assert accounts["391101A000"].name == "外交支出機密預算"  # rows 7033-7034
    land = accounts["0008110000"]  # code row 5475, name wraps over rows 5476-5477
    assert (land.sheet_row, land.name, land.xiang) == (5475, "國土管理署及所屬", 2)
    assert land.description.startswith(
        "內政部國土管理署組織法業經總\n統於112年6月9日華總一義字第1\n1200050111號令公布"
    )


def test_classified_accounts_are_work_plans(wb111: DgbasWorkbook) -> None:
    secret = by_code(wb111)["391101A000"]
    assert secret.classified
    assert (secret.level, secret.mu, secret.parent_code) == ("work_plan", 8, "3911010000")
    assert secret.amounts["this_year"] == 1294104


# ------------------------------------------------------------------ levels and parents


def test_education_ministry_owns_agencies_of_another_mm(
    wb112: DgbasWorkbook, wb113: DgbasWorkbook
) -> None:
    assert by_code(wb112)["0021730000"].parent_code == "0020000000"  # 國家圖書館
    assert by_code(wb113)["0020010000"].parent_code == "0021000000"  # 教育部


@pytest.mark.parametrize("year", [111, 112, 113])
def test_children_sum_to_parent(workbooks: dict, year: int) -> None:
    """Budget stages add up exactly through the tree (決算 has ±1 rounding, not checked)."""
    wb = workbooks[year]
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for account in wb.accounts:
        assert (account.parent_code is None) == (account.level == "ministry")
        if account.parent_code:
            for key in ("this_year", "last_year"):
                totals[(account.parent_code, key)] += account.amounts[key]
    accounts = by_code(wb)
    for (code, key), total in totals.items():
        assert accounts[code].amounts[key] == total, (code, key)


# ------------------------------------------------------------------ synthetic workbooks


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _cell(ref: str, value: object) -> str:
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = escape(str(value))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], page_header: str = "") -> Path:
    """A minimal one-sheet .xlsx with inline strings and an optional page header."""
    body = "".join(
        f'<row r="{r}">'
        + "".join(_cell(f"{_column(c)}{r}", v) for c, v in enumerate(row) if v != "")
        + "</row>"
        for r, row in enumerate(rows, 1)
    )
    footer = ""
    if page_header:
        footer = f"<headerFooter><oddHeader>{escape(page_header)}</oddHeader></headerFooter>"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml": f'<Types xmlns="{pkg}/content-types">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{sheet_type}.worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{body}</sheetData>'
        f"{footer}</worksheet>",
    }
    with zipfile.ZipFile(path, "w") as package:
        for name, text in parts.items():
            package.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    return path


PAGE_HEADER = '&C&"標楷體,粗體"&14中央政府總預算&10\n&16歲出機關別預算表\n&10中華民國120年度'
S = "\u3000"

# 113-style: code alone on its row, two-row header, padded cells, text amounts, wrapped
# name and 說明, and the columns in another order (說明 before the amounts).
LAYOUT_113 = [
    [f"科{S}{S}目", "", "", "", "", f"說{S}{S}明"]
    + ["本年度\n預算數", "上年度\n預算數", "本年度與\n上年度比較"],
    ["款", "項", "目", "節", "名稱及編號", "", "", "", ""],
    [S, "", "", S, f"{S}0099000000"],
    ["1", "", "", "", "測試部主管", "", "1,000", "900", "100"],
    ["", "", "", S, f"{S}0099010000"],
    ["", "1", "", "", "測試", "說明第一行", "1,000", "900", "100"],
    ["", "", "", S, "署", f"{S}說明第二行"],
    ["", "", "", "", "", S],
    ["", "", "", S, f"{S}9999010000"],
    ["", "", "", "", "一般支出", "", "1,000", "900", "100"],
    ["", "", "", S, f"{S}9999010100"],
    ["", "", "1", "", "一般行政", "", "-", "12.5", "(12)"],
    ["", "", "", S, f"{S}9999010200"],
    ["", "", "", S, f"{S}9999010300"],
    ["", "", "2", "", "計畫", "", 1000.0, 900.0, 100.5],
]


@pytest.fixture
def layout_113(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "a.xlsx", LAYOUT_113, PAGE_HEADER)


def test_synthetic_113_layout(layout_113: Path) -> None:
    wb = read_workbook(layout_113)
    assert wb.fiscal_year == 120
    assert wb.columns == {"this_year": 6, "last_year": 7, "change": 8}
    assert wb.code_rows == len(wb.accounts) == 6
    accounts = by_code(wb)

    agency = accounts["0099010000"]
    assert (agency.sheet_row, agency.name, agency.level, agency.xiang) == (5, "測試署", "agency", 1)
    assert agency.description == "說明第一行\n說明第二行"
    assert agency.parent_code == "0099000000"
    assert accounts["9999010000"].parent_code == "0099010000"
    assert accounts["9999010000"].level == "function"

    admin = accounts["9999010100"]
    assert admin.amounts == {"this_year": 0, "change": -12}
    assert admin.parent_code == "9999010000"
    assert accounts["9999010300"].amounts == {"this_year": 1000, "last_year": 900}

    found = {(i.severity, i.code, i.sheet_row) for i in wb.issues}
    assert found == {
        ("error", "dgbas_bad_amount", 12),  # text 12.5 is not a whole 千元 amount
        ("error", "dgbas_bad_amount", 15),  # nor is the number 100.5
        ("warning", "dgbas_no_amounts", 13),  # code row followed directly by another code
    }


def test_year_argument_supplies_and_overrides(tmp_path: Path, layout_113: Path) -> None:
    wb = read_workbook(layout_113, fiscal_year=121)
    assert wb.fiscal_year == 121
    assert "dgbas_year_mismatch" in {i.code for i in wb.issues}

    no_year = write_xlsx(tmp_path / "b.xlsx", LAYOUT_113)
    with pytest.raises(RefusedInput, match="fiscal year"):
        read_workbook(no_year)
    wb = read_workbook(no_year, fiscal_year=113)
    assert wb.fiscal_year == 113
    assert "dgbas_no_title" in {i.code for i in wb.issues}


def test_separate_code_and_name_columns(tmp_path: Path) -> None:
    rows = [
        ["中央政府總預算"],
        ["歲出機關別預算表", "", "", "", "", "中華民國 100 年度"],
        ["款", "項", "目", "節", "編號", "名稱", "本年度預算數", "上年度預算數", "說明"],
        [1, "", "", "", "0099000000", "測試部主管", 10.0, 8.0, ""],
        ["", 1, "", "", 99010000, "測試署", 10.0, 8.0, "全年"],  # code stored as a number
    ]
    wb = read_workbook(write_xlsx(tmp_path / "old.xlsx", rows))
    assert wb.fiscal_year == 100
    assert [(a.code, a.name, a.sheet_row) for a in wb.accounts] == [
        ("0099000000", "測試部主管", 4),
        ("0099010000", "測試署", 5),
    ]
    assert wb.accounts[1].description == "全年"
    assert wb.issues == []


# ------------------------------------------------------------------ recognition and refusal


@pytest.mark.parametrize("year", [111, 112, 113])
def test_sniff_accepts_the_published_workbooks(year: int) -> None:
    assert looks_like_dgbas_workbook(FILES[year])


def test_other_spreadsheet_is_refused(tmp_path: Path) -> None:
    rows = [
        ["各項費用彙計表"],
        ["用途別科目", "本年度預算數", "上年度預算數"],
        ["1000 人事費", 176000.0, 8000.0],
    ]
    path = write_xlsx(tmp_path / "expenditure-by-agency-112.xlsx", rows)
    with pytest.raises(RefusedInput, match="名稱及編號") as caught:
        read_workbook(path)
    assert caught.value.file == str(path)
    assert not looks_like_dgbas_workbook(path)


def test_other_table_with_the_same_header_is_refused_by_title(tmp_path: Path) -> None:
    # 歲入來源別 and 歲出政事別 are loaded now (tests/test_dgbas_kinds.py); a summary table
    # of the same family shares the header cells and is refused with its name.
    rows = [[title] for title in ("中央政府總預算", "歲入歲出簡明比較分析表")] + LAYOUT_113
    path = write_xlsx(tmp_path / "x.xlsx", rows)
    with pytest.raises(RefusedInput, match="歲入歲出簡明比較分析表"):
        read_workbook(path)
    assert not looks_like_dgbas_workbook(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("csv-renamed.xls", "款,項,名稱及編號,本年度預算數\n1,,0002000000 總統府主管,1\n"),
        ("empty.xls", ""),
        ("empty.xlsx", ""),
        ("text.xlsx", "not a spreadsheet"),
    ],
)
def test_unreadable_files_raise_input_error(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert not isinstance(caught.value, RefusedInput)
    assert caught.value.file == str(path)
    assert not looks_like_dgbas_workbook(path)


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_workbook(tmp_path / "missing.xls")
