"""附屬表 1 歲出計畫提要及分支計畫概況表 (plan_overview) on ADI 112: parser, facts, report view
and comparison.

Golden values (tests/golden/adi-112/plan_overview_*.csv) were typed from the published
document, lines 202–427.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.readers.text import read_text_document
from unitbudget.loaders.tables import expenditure_by_agency, plan_overview
from unitbudget.loaders.tables.base import ParseContext, TableResult

from .conftest import ROOT
from .helpers import edit_line, load_text, parse_region, read_golden

GOLDEN = ROOT / "tests" / "golden" / "adi-112"


def golden(name: str) -> list[dict[str, str]]:
    return read_golden(GOLDEN / name)


def parse_text(text: str, ctx: ParseContext | None = None) -> TableResult:
    return parse_region(plan_overview.PARSER, text, ctx or ParseContext(fiscal_year=112))


@pytest.fixture(scope="module")
def ctx() -> ParseContext:
    return ParseContext(fiscal_year=112, agency_name="數位發展部數位產業署")


@pytest.fixture(scope="module")
def result(sample_text: str, ctx: ParseContext) -> TableResult:
    return parse_text(sample_text, ctx)


def rows(db: str, sql: str) -> list[tuple]:
    return list(api.query(db, sql).rows)


# --------------------------------------------------------------------------- parser


def test_matches_only_its_region(sample_text: str) -> None:
    doc = read_text_document(sample_text.encode("utf-8"), "x.txt")
    assert [r.first_line for r in doc.regions if plan_overview.PARSER.matches(r)] == [202]
    assert plan_overview.PARSER.order < 50


def test_work_plans(result: TableResult, ctx: ParseContext) -> None:
    plans = {w["work_plan_code"]: w for w in result.facts["work_plans"]}
    assert {c: (w["name"], w["amount"], w["mu"], w["line"]) for c, w in plans.items()} == {
        "5262200100": ("一般行政", 211016, 1, 210),
        "5262200200": ("促進數位創新動能轉型升級", 2365625, 2, 275),
        "5262209800": ("第一預備金", 3000, 3, 417),
    }
    assert plans["5262200100"]["content"].startswith("辦理一般行政工作")
    assert plans["5262200100"]["expected_results"] == "使本署各項計畫如期完成，達成預期目標。"
    # 預期成果 of 促進… wraps onto the next page (lines 289–296)
    assert plans["5262200200"]["expected_results"].endswith("促成120家計畫認同企業。")
    assert "並強化個資保護" in plans["5262200200"]["expected_results"]
    assert ctx.work_plans == {c: w["name"] for c, w in plans.items()}


def test_sub_plans_golden(result: TableResult) -> None:
    got = {(s["work_plan_code"], s["sub_plan_code"]): s for s in result.facts["sub_plans"]}
    expected = golden("plan_overview_sub_plans.csv")
    assert len(got) == len(expected) == 5
    for g in expected:
        s = got[(g["work_plan_code"], g["sub_plan_code"])]
        assert (s["name"], s["amount"], s["units_text"], s["line"]) == (
            g["name"],
            int(g["amount"]),
            g["units_text"],
            int(g["line"]),
        )


def test_units_split(result: TableResult) -> None:
    units = [
        u["unit_name"]
        for u in result.facts["sub_plan_units"]
        if (u["work_plan_code"], u["sub_plan_code"]) == ("5262200200", "01")
    ]
    assert units == ["政策規劃組", "通訊傳播組", "平台經濟組", "新興跨域組", "數位服務組"]
    assert len(result.facts["sub_plan_units"]) == 16


def test_descriptions_follow_the_text_flow(result: TableResult) -> None:
    d = {
        (s["work_plan_code"], s["sub_plan_code"]): s["description"]
        for s in result.facts["sub_plans"]
    }
    # item 8 of sub-plan 01 prints beside sub-plan 02's rows (line 346): it stays with 01
    assert d[("5262200200", "01")].endswith("督導查核專案計畫執行成效差旅費等相關經費2,306千元。")
    assert "提升產學媒合成功率" in d[("5262200200", "01")]
    assert d[("5262200200", "02")].startswith("本分支計畫係協助產業數位轉型")
    # lines 358–359 print their text in the 承辦單位 column
    assert "2. 軍民通用資安技術研發補助計畫127,075千元" in d[("5262200200", "02")]
    assert d[("5262200200", "02")].endswith("等相關經費2,994千元。")
    assert d[("5262200100", "02")].startswith("工協助方案之講座鐘點費等137千元。")
    assert d[("5262209800", "01")] == "本年度預算數係在經常支出總額百分之一範圍內編列。"


def test_line_items_golden(result: TableResult) -> None:
    items = result.facts["line_items"]
    expected = golden("plan_overview_line_items.csv")
    assert len(items) == len(expected) == 45
    got = {(i["work_plan_code"], i["sub_plan_code"], i["object_class_code"]): i for i in items}
    for g in expected:
        i = got[(g["work_plan_code"], g["sub_plan_code"], g["object_class_code"])]
        assert (i["amount"], i["line"]) == (int(g["amount"]), int(g["line"]))
    assert sum(i["amount"] for i in items) == 2579641
    capital = {i["object_class_code"] for i in items if i["expenditure_type"] == "capital"}
    assert capital == {"3025", "3035"}


def test_printed_cells(result: TableResult) -> None:
    cells = {c.row_key: c for c in result.cells}
    assert {c.column_key for c in result.cells} == {"amount"}
    expected = golden("plan_overview_cells.csv")
    expected_items = golden("plan_overview_line_items.csv")
    assert len(result.cells) == len(expected) + len(expected_items) == 62
    for g in expected:
        c = cells[g["row_key"]]
        assert (c.text, c.line) == (g["text"], int(g["line"]))
    for g in expected_items:
        c = cells[f"{g['work_plan_code']}/{g['sub_plan_code']}/{g['object_class_code']}"]
        assert (c.value, c.line) == (int(g["amount"]), int(g["line"]))
    assert result.row_count == 87


def test_accounts(result: TableResult) -> None:
    accounts = {a["account_code"]: a for a in result.facts["accounts"]}
    assert {c: (a["level"], a["parent_code"], a["mu"]) for c, a in accounts.items()} == {
        "0062200000": ("agency", None, None),
        "5262200000": ("function", "0062200000", None),
        "5262200100": ("work_plan", "5262200000", 1),
        "5262200200": ("work_plan", "5262200000", 2),
        "5262209800": ("work_plan", "5262200000", 3),
    }
    assert accounts["5262200000"]["name"] == "科學支出"
    # only printed amounts: the work plans; no agency or function total is invented
    assert sorted(
        (a["account_code"], a["fiscal_year"], a["stage"], a["amount"])
        for a in result.facts["account_amounts"]
    ) == [
        ("5262200100", 112, "enacted", 211016),
        ("5262200200", 112, "enacted", 2365625),
        ("5262209800", 112, "enacted", 3000),
    ]


def test_accounts_not_repeated_after_main_table(sample_text: str) -> None:
    """主要表 1 (order 5) states 5262209800 first: the plan overview does not state it again."""
    doc = read_text_document(sample_text.encode("utf-8"), "x.txt")
    ctx = ParseContext(fiscal_year=112, stage="proposed")
    (main,) = [r for r in doc.regions if expenditure_by_agency.PARSER.matches(r)]
    expenditure_by_agency.PARSER.parse(main, ctx)
    result = parse_text(sample_text, ctx)
    codes = [a["account_code"] for a in result.facts["accounts"]]
    assert "5262209800" not in codes and len(codes) == 4
    assert {a["stage"] for a in result.facts["account_amounts"]} == {"proposed"}
    assert "5262209800" in ctx.work_plans


def test_programs_golden(result: TableResult) -> None:
    programs = result.facts["programs"]
    expected = golden("plan_overview_programs.csv")
    assert len(programs) == len(expected) == 21
    for p, g in zip(programs, expected, strict=True):
        assert p["work_plan_code"] == "5262200200"
        assert (p["content_no"], p["name"], p["sub_plan_code"], p["statement_no"]) == (
            int(g["content_no"]),
            g["name"],
            g["sub_plan_code"],
            int(g["statement_no"]),
        )
        assert p["statement_name"] == (g["statement_name"] or None)
        assert p["amount"] == (int(g["amount"]) if g["amount"] else None)
    assert [p["program_seq"] for p in programs] == list(range(1, 22))


def test_sub_plan_identity(result: TableResult) -> None:
    """Sub-plan 01 of 促進…: programs 1–7 (1,014,432) + administration 2,306 = 1,016,738."""
    (sp,) = [
        s
        for s in result.facts["sub_plans"]
        if (s["work_plan_code"], s["sub_plan_code"]) == ("5262200200", "01")
    ]
    programs = sum(p["amount"] for p in result.facts["programs"] if p["sub_plan_code"] == "01")
    stated = [int(a.replace(",", "")) for a in re.findall(r"([\d,]+)千元", sp["description"])]
    assert programs == stated[0] == 1014432
    assert programs + 2306 == sp["amount"] == 1016738
    assert stated[2] == 2306  # (stated[1] is the media spending inside the programs)


def test_media_and_headcount(result: TableResult) -> None:
    media = {
        (m["work_plan_code"], m["sub_plan_code"]): m["amount"]
        for m in result.facts["media_publicity"]
    }
    assert media == {("5262200200", "01"): 1758, ("5262200200", "02"): 1124}
    assert {m["source"] for m in result.facts["media_publicity"]} == {"sub_plan"}
    heads = {
        (h["source"], h["category"]): h["headcount"] for h in result.facts["headcount_statements"]
    }
    assert heads == {("sub_plan", "職員"): 133, ("sub_plan", "聘用"): 17, ("sub_plan", "合計"): 150}


def test_lost_text_is_reported(result: TableResult) -> None:
    issues = sorted((i.code, i.line) for i in result.issues)
    assert issues == [
        ("program_amount_missing", 276),
        ("text_lost", 248),
        ("text_lost", 347),
    ]
    messages = " ".join(i.message for i in result.issues)
    assert "5262200100/02 基本行政工作維持: items 1–7 are missing" in messages
    assert "5262200200/02 策進數位跨域應用與平台服務: item 1 is missing" in messages
    assert "產業數據科學管理與服務技術發展計畫" in messages


# --------------------------------------------------------------------------- load and views


def test_report_view(sample_db: str) -> None:
    got = rows(
        sample_db,
        "SELECT sort_key, row_key, row_label, amount FROM report_plan_overview "
        "WHERE document_id = 1 ORDER BY sort_key",
    )
    assert len(got) == 62
    assert got[0] == (1, "5262200100", "一般行政", 211016)
    assert got[1] == (2, "5262200100/01", "人員維持", 176000)
    assert got[2] == (3, "5262200100/01/1000", "人事費", 176000)
    assert got[-1] == (62, "5262209800/01/6005", "第一預備金", 3000)
    total = rows(
        sample_db, "SELECT SUM(amount) FROM report_plan_overview WHERE row_level = 'work_plan'"
    )
    assert total == [(2579641,)]


def test_comparison_all_match(sample_db: str) -> None:
    got = rows(
        sample_db,
        "SELECT status, COUNT(*) FROM table_comparison "
        "WHERE table_slug = 'plan_overview' GROUP BY status",
    )
    assert got == [("match", 62)]


def test_load_issues_stored(sample_db: str) -> None:
    got = rows(
        sample_db,
        "SELECT code, line FROM core.load_issues WHERE table_slug = 'plan_overview' "
        "AND severity = 'warning' ORDER BY line",
    )
    assert got == [("text_lost", 248), ("program_amount_missing", 276), ("text_lost", 347)]


def test_changed_detail_flags_its_sums(sample_text: str, tmp_path: Path) -> None:
    """2039 委辦費 of 促進…/01 printed 322,463 instead of 322,453: the row reads the new value
    and exactly its level-1 row, sub-plan and work plan stop matching."""
    text = edit_line(sample_text, 302, "322,453", "322,463")
    result = parse_text(text)
    (item,) = [
        i
        for i in result.facts["line_items"]
        if (i["sub_plan_code"], i["object_class_code"]) == ("01", "2039")
        and i["work_plan_code"] == "5262200200"
    ]
    assert item["amount"] == 322463
    db = load_text(tmp_path, text)
    got = rows(
        db,
        "SELECT row_key, printed_value, regenerated_value FROM table_comparison "
        "WHERE table_slug = 'plan_overview' AND status <> 'match' ORDER BY row_key",
    )
    assert [(k, int(p), int(r)) for k, p, r in got] == [
        ("5262200200", 2365625, 2365635),
        ("5262200200/01", 1016738, 1016748),
        ("5262200200/01/2000", 324759, 324769),
    ]


def test_repeated_row_is_a_warning_not_a_second_fact(sample_text: str) -> None:
    """A class row printed twice (line 302 repeated) keeps the first and says so."""
    lines = sample_text.split("\n")
    text = "\n".join([*lines[:302], lines[301], *lines[302:]])
    result = parse_text(text)
    assert len(result.facts["line_items"]) == 45
    assert [(i.code, i.line) for i in result.issues if i.code == "row_repeated"] == [
        ("row_repeated", 303)
    ]
    keys = [c.row_key for c in result.cells]
    assert len(keys) == len(set(keys)) == 62


def test_media_publicity_report(sample_db: str) -> None:
    """Table 15 is not in the ADI 112 text: the report comes from the sub-plan 說明 only."""
    got = rows(
        sample_db,
        "SELECT sort_key, row_key, source, amount FROM report_media_publicity ORDER BY sort_key",
    )
    # The 說明 of sub-plans 01 and 02 of 5262200200 state 1,758 and 1,124 千元; the agency,
    # 政事 and work plan rows are their sum, as table 15 would print them.
    assert got == [
        (1, "0062200000", None, 2882),
        (2, "5262200000", None, 2882),
        (3, "5262200200", "sub_plan", 2882),
        (4, "5262200200/01", "sub_plan", 1758),
        (5, "5262200200/02", "sub_plan", 1124),
    ]
    status = rows(
        sample_db,
        "SELECT status, COUNT(*) FROM table_comparison "
        "WHERE table_slug = 'media_publicity' GROUP BY status",
    )
    assert status == [("missing_in_print", 5)]
