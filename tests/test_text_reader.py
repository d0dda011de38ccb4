"""The text reader on the ADI 112 sample: pages, regions, stitched halves, encodings, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget.errors import InputError, RefusedInput
from unitbudget.loaders.readers.encoding import decode
from unitbudget.loaders.readers.text import read_text_document
from unitbudget.loaders.regions import Region, Row, SourceDocument

SAMPLE = Path(__file__).parent.parent / "unitbudget" / "samples" / "adi-112-unit-budget.txt"
NAME = "adi-112-unit-budget.txt"

TITLES = [
    "封面",
    "目次",
    "預算總說明",
    "歲出機關別預算表",
    "歲出計畫提要及分支計畫概況表",
    "各項費用彙計表",
    "歲出一級用途別科目分析表",
    "資本支出分析表",
    "人事費彙計表",
    "預算員額明細表",
    "公務車輛明細表",
    "現有辦公房舍明細表",
    "捐助經費分析表",
    "派員出國計畫預算總表",
    "派員出國計畫預算類別表—開會、談判",
    "派員赴大陸計畫預算類別表",
    "歲出按職能及經濟性綜合分類表",
    "委辦經費分析表",
]


@pytest.fixture(scope="module")
def doc() -> SourceDocument:
    return read_text_document(SAMPLE.read_bytes(), NAME)


def region(doc: SourceDocument, title: str) -> Region:
    (found,) = [r for r in doc.regions if r.title == title]
    return found


def row_at(reg: Region, line: int) -> Row:
    (found,) = [r for r in reg.rows if r.line == line]
    return found


def test_identity(doc: SourceDocument) -> None:
    assert doc.agency == "數位發展部數位產業署"
    assert doc.fiscal_year == 112
    assert doc.encoding == "utf-8"
    assert doc.line_count == 926


def test_region_titles_follow_the_table_of_contents(doc: SourceDocument) -> None:
    assert [r.title for r in doc.regions] == TITLES
    # Every TOC entry but table 15 (lost in the extraction) is a region.
    assert doc.toc_titles[:-1] == TITLES[2:]
    assert doc.toc_titles[-1] == "媒體政策及業務宣導費彙計表"
    missing = [i for i in doc.issues if i.code == "table_missing"]
    assert len(missing) == 1 and "媒體政策及業務宣導費彙計表" in missing[0].message


def test_partial_titles_completed_from_toc(doc: SourceDocument) -> None:
    printed = {r.title: r.printed_title for r in doc.regions if r.printed_title}
    assert printed == {
        "資本支出分析表": "分析表",
        "捐助經費分析表": "分析表",
        "派員赴大陸計畫預算類別表": "畫預算類別表",
        "歲出按職能及經濟性綜合分類表": "濟性綜合分類表",
        "委辦經費分析表": "分析表",
    }


ROW_COUNTS = {
    "預算總說明": 57,
    "歲出機關別預算表": 1,
    "歲出計畫提要及分支計畫概況表": 87,
    "各項費用彙計表": 37,
    "歲出一級用途別科目分析表": 6,
    "資本支出分析表": 4,
    "人事費彙計表": 13,
    "預算員額明細表": 3,
    "公務車輛明細表": 9,
    "現有辦公房舍明細表": 9,
    "捐助經費分析表": 32,
    "派員出國計畫預算總表": 9,
    "派員出國計畫預算類別表—開會、談判": 14,
    "派員赴大陸計畫預算類別表": 1,
    "歲出按職能及經濟性綜合分類表": 6,
    "委辦經費分析表": 20,
}


@pytest.mark.parametrize(("title", "count"), ROW_COUNTS.items())
def test_row_counts(doc: SourceDocument, title: str, count: int) -> None:
    assert len(region(doc, title).rows) == count


def test_multi_page_tables_are_one_region(doc: SourceDocument) -> None:
    plan = region(doc, "歲出計畫提要及分支計畫概況表")
    assert len(plan.pages) == 12 and plan.first_line == 202 and plan.last_line == 426
    assert len(region(doc, "預算總說明").pages) == 9
    assert len(region(doc, "捐助經費分析表").half_pairs) == 2
    assert len(region(doc, "委辦經費分析表").half_pairs) == 3
    assert len(region(doc, "歲出按職能及經濟性綜合分類表").half_pairs) == 3
    assert region(doc, "委辦經費分析表").page_breaks == [0, 10, 18]


def test_plan_overview_cells_and_headers(doc: SourceDocument) -> None:
    plan = region(doc, "歲出計畫提要及分支計畫概況表")
    row = row_at(plan, 215)
    assert row.texts() == ["1015 法定編制人員待遇", "103,377", "", ""]
    assert [c.line for c in row.cells] == [215] * 4
    assert row.page == plan.pages[0]
    # Caption (工作計畫名稱及編號 …) and column-header lines are headers on every page,
    # including a mid-page repeat (line 298); 計畫內容 prose is body.
    assert [h.line for h in plan.header_rows] == [210, 212]
    assert [h.line for h in plan.page_header_rows[3]] == [286, 298]
    assert row_at(plan, 211).cells[0].text.startswith("計畫內容：")
    lines = {r.line for r in plan.rows}
    assert not lines & {210, 212, 246, 247, 275, 286, 298, 417, 423}
    # Wrapped 說明 lines stay separate rows; the dash rule lines are dropped.
    assert row_at(plan, 256).texts() == ["", "", "", "10.辦公室及檔案庫房之房屋修繕費等43千元"]
    assert not lines & {287, 418, 421}


def test_html_and_bullets_become_plain_text(doc: SourceDocument) -> None:
    plan = region(doc, "歲出計畫提要及分支計畫概況表")
    text = row_at(plan, 321).cells[3].text
    assert text.startswith("向作為前瞻技術布局規劃研究。\n2. 數位創新研發計畫253,482千元")
    assert "<" not in text
    cell = row_at(plan, 276).cells[0].text
    assert cell.startswith("計畫內容：\n1. 產業應用基礎研究綱要計畫")
    assert row_at(plan, 291).cells[0].text.startswith("(2)辦理雲世代資訊創新競賽")


def test_stitched_object_class_analysis(doc: SourceDocument) -> None:
    reg = region(doc, "歲出一級用途別科目分析表")
    assert reg.stitched_halves and reg.left_width == 9
    row = row_at(reg, 493)
    assert row.texts() == [
        "", "", "1", "", "一般行政", "176,000", "33,083", "6", "-",
        "-", "209,089", "-", "1,927", "-", "-", "1,927", "211,016",
    ]  # fmt: skip
    assert row.right_line == 507
    assert {c.line for c in row.cells[:9]} == {493} and {c.line for c in row.cells[9:]} == {507}
    assert row.cells[10].page == row.right_page == row.cells[0].page + 1
    # The 款 row (only a code left of its name) has no right partner.
    group = row_at(reg, 490)
    assert group.right_line is None and group.texts()[4] == "數位發展部主管"
    assert [h.line for h in reg.header_rows] == [488, 489]
    assert [h.right_line for h in reg.header_rows] == [503, 504]


def test_headerless_left_halves(doc: SourceDocument) -> None:
    lost = [i.line for i in doc.issues if i.code == "left_half_header_missing"]
    assert lost == [511, 634, 681, 773, 786, 825, 843, 877, 907]
    grants = region(doc, "捐助經費分析表")
    assert [h.line for h in grants.left_header_rows] == [634, 635]
    assert [h.line for h in grants.right_header_rows] == [660, 661, 662]
    # Continuation line of the last grant of page 1 and the wrapped work-plan name: no partner.
    assert row_at(grants, 683).right_line is None
    assert row_at(grants, 686).right_line is None
    assert row_at(grants, 687).right_line == 710
    assert row_at(grants, 652).texts()[-1] == "203,847"


def test_function_economic_pages_keep_their_own_headers(doc: SourceDocument) -> None:
    reg = region(doc, "歲出按職能及經濟性綜合分類表")
    heads = [[h.line for h in page] for page in reg.page_header_rows]
    assert heads == [[786, 787, 799], [807, 808, 809], [825, 826, 827]]
    assert [r.line for r in reg.rows] == [788, 789, 810, 811, 828, 829]
    assert row_at(reg, 829).texts()[-1] == "2,579,641"


def test_unpaired_halves(doc: SourceDocument) -> None:
    unpaired = [i for i in doc.issues if i.code == "halves_unpaired"]
    assert [(i.severity, i.line) for i in unpaired] == [("warning", 606), ("warning", 745)]
    premises = region(doc, "現有辦公房舍明細表")
    assert len(premises.left_rows) == 7 and len(premises.right_rows) == 9
    assert premises.unit == "新臺幣千元，平方公尺"
    # Travel plans: each main right row (with a first cell) goes with its plan.
    travel = region(doc, "派員出國計畫預算類別表—開會、談判")
    assert [(r.line, r.right_line) for r in travel.rows if r.line < 760] == [
        (745, None), (746, 760), (747, 763), (748, None), (749, 766), (750, 769),
    ]  # fmt: skip


def test_sections_and_unassigned(doc: SourceDocument) -> None:
    assert region(doc, "歲出機關別預算表").section == "主要表"
    assert region(doc, "人事費彙計表").section == "附屬表"
    assert [n for n, _ in doc.unassigned_lines] == [41, 186, 200]


def signature(d: SourceDocument) -> list[tuple[object, ...]]:
    return [
        (
            r.title,
            tuple(r.pages),
            tuple((c.text, c.line, c.page) for row in r.header_rows + r.rows for c in row.cells),
        )
        for r in d.regions
    ]


@pytest.mark.parametrize("variant", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "crlf"])
def test_encodings_give_identical_regions(doc: SourceDocument, sample_text: str, variant: str):
    if variant == "crlf":
        data = sample_text.replace("\n", "\r\n").encode("utf-8")
    else:
        data = sample_text.encode(variant)  # utf-16-le/-be: no BOM, found from the NULs
    assert signature(read_text_document(data, NAME)) == signature(doc)


def test_cp950(sample_text: str) -> None:
    # U+30FB (・, line 395) has no cp950 code; use U+2027 (‧), Big5's own middle dot.
    text = sample_text.replace("\u30fb", "\u2027")
    expected = read_text_document(text.encode("utf-8"), NAME)
    got = read_text_document(text.encode("cp950"), NAME)
    assert got.encoding == "cp950"
    assert signature(got) == signature(expected)


def test_decode_lone_cr() -> None:
    assert decode(b"a\rb\r\nc\n", "x.txt") == ("a\nb\nc\n", "utf-8")


def test_table_lost_document_still_read(sample_text: str) -> None:
    lines = sample_text.split("\n")
    part = "\n".join(lines[429:482]) + "\n"  # only 各項費用彙計表 (lines 430-482)
    d = read_text_document(part.encode("utf-8"), "part.txt")
    assert [r.title for r in d.regions] == ["各項費用彙計表"]
    assert row_at(d.regions[0], 9).texts()[-1] == "2,579,641"  # 合 計 at line 438 -> 9


@pytest.mark.parametrize(
    ("data", "error", "reason"),
    [
        (b"", InputError, "empty"),
        (b"\x00\x01binary", InputError, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", InputError, "PDF"),
        ("科目,金額\n1015 法定編制人員待遇,103377\n".encode(), RefusedInput, "not a unit budget"),
        (
            b"<!DOCTYPE html><html><body>\xe5\x96\xae\xe4\xbd\x8d</body></html>",
            RefusedInput,
            "HTML",
        ),
        (
            "數位發展部數位產業署\n某某報告\n中華民國112年度\n內容\n".encode(),
            RefusedInput,
            "not a unit budget",
        ),
    ],
)
def test_refusals(data: bytes, error: type[Exception], reason: str) -> None:
    with pytest.raises(error) as info:
        read_text_document(data, "input.bin")
    assert "input.bin" in str(info.value) and reason in str(info.value)


def test_undecodable_byte_line() -> None:
    with pytest.raises(InputError) as info:
        decode(b"line 1\nline 2\n\x80\x80 bad\n", "bad.txt")
    assert info.value.line == 3 and info.value.file == "bad.txt"
    assert not isinstance(info.value, RefusedInput)


@pytest.mark.parametrize(
    ("data", "encoding", "text", "dropped"),
    [
        ("a\n數".encode()[:-1], "utf-8", "a\n", 2),
        (b"\xef\xbb\xbf" + "a\n數".encode()[:-2], "utf-8-sig", "a\n", 1),
        ("a\n數".encode("utf-16")[:-1], "utf-16-le", "a\n", 1),
        ("a\n數".encode("cp950")[:-1], "cp950", "a\n", 1),
    ],
)
def test_decode_drops_an_unfinished_last_character_and_says_so(
    data: bytes, encoding: str, text: str, dropped: int
) -> None:
    issues: list = []
    assert decode(data, "cut.txt", issues) == (text, encoding)
    [issue] = issues
    assert (issue.severity, issue.code, issue.line) == ("error", "ends_inside_character", 2)
    assert f"last {dropped} byte(s)" in issue.message


def test_decode_still_refuses_bad_bytes_before_an_unfinished_last_character() -> None:
    with pytest.raises(InputError) as info:
        decode(b"line 1\n\x80 bad\nline 3 \xe6\x95", "bad.txt")
    assert info.value.line == 2
