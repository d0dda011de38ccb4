"""Comparison of regenerated tables with the printed ones, on the sample and planted variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api

from .conftest import SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")

# Tables the sample prints whose every printed numeric cell is regenerated from facts and
# matches (DOMAIN.md §4). function_economic differs where the document allocates differently;
# travel_summary's last-year columns and capital_expenditure's unlabelled column have no facts.
EXACT = {
    "plan_overview": 62,
    "expense_summary": 148,
    "object_class_analysis": 60,
    "personnel_expense": 13,
    "staffing": 50,
    "vehicles": 20,
    "premises": 107,
    "grants": 185,
    "travel_meetings": 24,
    "travel_mainland": 6,
    "commissioned": 120,
    "expenditure_by_agency": 5,
}


def _load(tmp_path: Path, text: str, name: str) -> str:
    src = tmp_path / name
    src.write_text(text, encoding="utf-8")
    db = str(tmp_path / f"{name}.duckdb")
    batch = api.load(db, [src])
    assert batch.outcomes[0].status == "loaded", batch.outcomes[0].message
    return db


def _mismatches(db: str) -> set[tuple[str, str, str]]:
    rows = api.query(
        db, "SELECT table_slug, row_key, column_key FROM table_comparison WHERE status = 'mismatch'"
    ).rows
    return set(rows)


def _edit(text: str, line_no: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[line_no - 1].count(old) == 1, lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old, new)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _load(tmp_path_factory.mktemp("base"), TEXT, "sample.txt")


def test_every_surviving_table_matches_cell_for_cell(baseline: str) -> None:
    summary = {r["table"]: r for r in api.compare(baseline).summary.as_dicts()}
    for slug, cells in EXACT.items():
        row = summary[slug]
        assert (row["compared"], row["matched"], row["mismatched"]) == (cells, cells, 0), slug
        assert row["missing_in_view"] == 0, slug


def test_function_economic_differences_are_the_documented_allocation(baseline: str) -> None:
    rows = api.query(
        baseline,
        "SELECT row_key, column_key, printed_value, regenerated_value FROM table_comparison "
        "WHERE table_slug = 'function_economic' AND status = 'mismatch' ORDER BY 1, 2",
    ).rows
    # 受僱人員報酬 177,936 printed vs 人事費 176,000; the 1,936 sits in 商品及勞務 instead.
    assert [(r[0], r[1], int(r[2]), int(r[3])) for r in rows] == [
        ("13", "current.compensation", 177_936, 176_000),
        ("13", "current.goods_services", 1_267_744, 1_269_680),
        ("total", "current.compensation", 177_936, 176_000),
        ("total", "current.goods_services", 1_267_744, 1_269_680),
    ]


def test_table_15_is_reported_as_not_printed(baseline: str) -> None:
    row = next(
        r for r in api.compare(baseline).summary.as_dicts() if r["table"] == "media_publicity"
    )
    assert row["printed"] is False and row["compared"] == 0
    issues = api.query(
        baseline, "SELECT message FROM load_issues WHERE issue_code = 'table_missing'"
    ).rows
    assert any("媒體政策及業務宣導費彙計表" in m for (m,) in issues)


def test_consistency_checks_hold_on_the_sample(baseline: str) -> None:
    rows = api.query(baseline, "SELECT check_name, subject, status FROM consistency_checks").rows
    failed = [(c, s) for c, s, st in rows if st != "pass"]
    assert failed == []
    # 推動電商零售業發展計畫 37,994 = 委辦 15 (37,454) + the travel its 說明 says it includes
    # (含大陸地區旅費35千元及國外旅費505千元).
    program = api.query(
        baseline,
        "SELECT amount, travel_amount FROM programs WHERE program_name = '推動電商零售業發展計畫'",
    ).rows
    assert program == [(37_994, 540)]
    names = {c for c, _, _ in rows}
    assert {
        "sub_plan_equals_line_items",
        "grants_equal_object_class_line_items",
        "commissioned_equal_object_class_line_items",
        "travel_overseas_equals_2078",
        "travel_mainland_equals_2075",
        "headcount_budget_statement_equals_staffing",
        "program_equals_grants_and_commissions",
        "vehicle_fuel_amount",
    } <= names


def test_planted_line_item_is_flagged_only_where_it_is_used(baseline: str, tmp_path: Path) -> None:
    # 2054 一般事務費 of 一般行政 / 02: 10,908 -> 10,918, no total changed.
    db = _load(tmp_path, _edit(TEXT, 232, "10,908", "10,918"), "planted.txt")
    new = _mismatches(db) - _mismatches(baseline)
    assert {t for t, _, _ in new} == {
        "plan_overview",
        "expense_summary",
        "object_class_analysis",
        "function_economic",
    }
    assert ("expense_summary", "2054", "5262200100") in new
    assert ("expense_summary", "total", "total") in new
    assert ("plan_overview", "5262200100/02", "amount") in new
    # 商品及勞務 already differed (the document's own allocation); its regenerated value moves
    # by 10 and the current and grand totals, which matched, now differ
    fe = api.query(
        db,
        "SELECT regenerated_value FROM table_comparison WHERE table_slug = "
        "'function_economic' AND row_key = 'total' AND column_key = "
        "'current.goods_services'",
    ).rows
    assert int(fe[0][0]) == 1_269_690
    failed = api.query(
        db, "SELECT check_name, subject FROM consistency_checks WHERE status = 'fail'"
    ).rows
    assert ("sub_plan_equals_line_items", "5262200100/02") in failed


def test_planted_grant_change_is_flagged_in_grants_and_program_check(
    baseline: str, tmp_path: Path
) -> None:
    # grant 07: 人事費 23,376 -> 23,476 and its row total 51,946 -> 52,046 (row stays whole),
    # no subtotal changed.
    text = _edit(TEXT, 647, "23,376", "23,476")
    text = _edit(text, 674, "51,946", "52,046")
    db = _load(tmp_path, text, "grant.txt")
    new = _mismatches(db) - _mismatches(baseline)
    # function x economic allocates transfers through the grants, so it depends on them too
    assert {t for t, _, _ in new} == {"grants", "function_economic"}
    assert ("grants", "total", "total") in new
    failed = api.query(
        db,
        "SELECT check_name, subject, expected, actual FROM consistency_checks "
        "WHERE status = 'fail'",
    ).rows
    program = [
        r
        for r in failed
        if r[0] == "program_equals_grants_and_commissions" and r[1] == "產業應用基礎研究綱要計畫"
    ]
    assert program and int(program[0][2]) == 51_946 and int(program[0][3]) == 52_046
    assert ("grants_equal_object_class_line_items", "4040") in {(r[0], r[1]) for r in failed}
