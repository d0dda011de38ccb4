"""預算總說明 (budget_statement) on ADI 112: duties, internal units, headcount, policy goals.

Golden values (tests/golden/adi-112/budget_statement_*.csv) were typed from the published
document, lines 41–182.
"""

from __future__ import annotations

import pytest

from unitbudget import api
from unitbudget.loaders.tables import budget_statement
from unitbudget.loaders.tables.base import ParseContext, TableResult

from .conftest import ROOT
from .helpers import edit_line, parse_region, read_golden

GOLDEN = ROOT / "tests" / "golden" / "adi-112"


def golden(name: str) -> list[dict[str, str]]:
    return read_golden(GOLDEN / name)


def parse_text(text: str) -> TableResult:
    return parse_region(budget_statement.PARSER, text, ParseContext(fiscal_year=112))


@pytest.fixture(scope="module")
def result(sample_text: str) -> TableResult:
    return parse_text(sample_text)


def test_duties_golden(result: TableResult) -> None:
    expected = golden("budget_statement_duties.csv")
    got = result.facts["agency_duties"]
    assert len(got) == len(expected) == 8
    for d, g in zip(got, expected, strict=True):
        assert (d["seq"], d["line"], d["duty"]) == (int(g["seq"]), int(g["line"]), g["duty"])


def test_internal_units_golden(result: TableResult) -> None:
    expected = golden("budget_statement_internal_units.csv")
    got = result.facts["internal_units"]
    assert len(got) == len(expected) == 9
    for u, g in zip(got, expected, strict=True):
        assert (u["seq"], u["unit_name"], u["line"]) == (
            int(g["seq"]),
            g["unit_name"],
            int(g["line"]),
        )
        assert u["duties"].startswith(g["duties_start"])
    # 秘書室 continues on the next page (line 77)
    secretariat = got[5]["duties"]
    assert "採購及其他事務之管理" in secretariat
    assert secretariat.endswith("不屬其他各組、室等事項。")


def test_headcount(result: TableResult) -> None:
    got = {
        (h["source"], h["category"]): (h["headcount"], h["line"])
        for h in result.facts["headcount_statements"]
    }
    assert got == {
        ("budget_statement", "職員"): (133, 98),
        ("budget_statement", "聘用"): (17, 98),
        ("budget_statement", "合計"): (150, 98),
    }


def test_policy_goals(result: TableResult) -> None:
    goals = result.facts["policy_goals"]
    assert [(g["seq"], g["work_plan_name"], g["program_name"], g["line"]) for g in goals] == [
        (1, "促進數位創新動能轉型升級", "推動資通訊升級與普及", 120),
        (2, "促進數位創新動能轉型升級", "策進數位跨域應用與平臺服務", 121),
    ]
    assert goals[0]["content"].startswith("一、推動數位服務創新升級")
    # the second goal's content continues on the next page (line 130)
    assert "同時扶植運動數據產業，運用延展實境(XR)" in goals[1]["content"]
    assert goals[1]["content"].endswith("增進平臺經濟實力。")


def test_no_cells_no_warnings(result: TableResult) -> None:
    assert result.cells == []
    assert result.issues == []
    assert result.row_count == 57


def test_changed_headcount(sample_text: str) -> None:
    text = edit_line(sample_text, 98, "職員133人", "職員134人")
    got = {h["category"]: h["headcount"] for h in parse_text(text).facts["headcount_statements"]}
    assert got == {"職員": 134, "聘用": 17, "合計": 150}


def test_loaded(sample_db: str) -> None:
    got = api.query(
        sample_db,
        "SELECT source, category, headcount FROM core.headcount_statements "
        "WHERE source IN ('budget_statement', 'sub_plan') "
        "ORDER BY source, category",
    ).rows
    assert list(got) == [
        ("budget_statement", "合計", 150),
        ("budget_statement", "聘用", 17),
        ("budget_statement", "職員", 133),
        ("sub_plan", "合計", 150),
        ("sub_plan", "聘用", 17),
        ("sub_plan", "職員", 133),
    ]
    counts = api.query(
        sample_db,
        "SELECT (SELECT COUNT(*) FROM core.agency_duties), "
        "(SELECT COUNT(*) FROM core.internal_units), "
        "(SELECT COUNT(*) FROM core.policy_goals)",
    ).rows
    assert list(counts) == [(8, 9, 2)]
