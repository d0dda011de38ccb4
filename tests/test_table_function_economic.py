"""附屬表 13 歲出按職能及經濟性綜合分類表 (function_economic) on ADI 112.

Golden values (tests/golden/adi-112/function_economic.csv) were typed from lines 788–841
(three stitched page pairs). The report view allocates line items and grants through
core.economic_mappings and core.grant_recipient_rules, never from the printed amounts; the
document puts 1,936 of 業務費 into 受僱人員報酬 (DOMAIN.md §4), which the comparison shows.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from unitbudget import api
from unitbudget.loaders.unit_budget import parse_unit_budget

from .conftest import ROOT, SAMPLE

SLUG = "function_economic"
GOLDEN = ROOT / "tests" / "golden" / "adi-112" / f"{SLUG}.csv"
# The document's own allocation of fees paid to persons (2036 ...) differs from the rules.
EXPECTED_DIFFERENCES = {
    (row, column, "mismatch")
    for row in ("total", "13")
    for column in ("current.compensation", "current.goods_services")
}


def edit_line(text: str, line_no: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[line_no - 1].count(old) == 1, lines[line_no - 1]
    lines[line_no - 1] = lines[line_no - 1].replace(old, new)
    return "\n".join(lines)


def load_text(tmp: Path, text: str) -> str:
    db = str(tmp / "wh.duckdb")
    src = tmp / "adi-112-unit-budget.txt"
    src.write_text(text, encoding="utf-8")
    api.load(db, [str(src)])
    return db


def not_matching(db: str) -> set[tuple[str, str, str]]:
    rows = api.query(
        db, f"SELECT row_key, column_key, status FROM table_comparison WHERE table_slug='{SLUG}'"
    ).rows
    return {(r, c, s) for r, c, s in rows if s != "match"}


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(sample_text: str):  # noqa: ANN201 - ParsedDocument
    return parse_unit_budget(sample_text.encode("utf-8"), SAMPLE.name)


@pytest.fixture(scope="module")
def cells(doc) -> dict:  # noqa: ANN001
    return {(c.cell.row_key, c.cell.column_key): c.cell for c in doc.cells if c.table_slug == SLUG}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("fe") / "wh.duckdb")
    api.load(path, [str(SAMPLE)])
    return path


def test_cells_as_typed(cells: dict, doc) -> None:  # noqa: ANN001
    with GOLDEN.open(encoding="utf-8") as f:
        golden = {(g["row_key"], g["column_key"]): g for g in csv.DictReader(f)}
    assert len(golden) == 2 * 27
    assert set(cells) == set(golden)
    for key, g in golden.items():
        assert cells[key].text == g["text"], key
        assert cells[key].line == int(g["line"]), key
    assert next(t for t in doc.tables if t.slug == SLUG).row_count == 2


def test_facts(doc) -> None:  # noqa: ANN001
    facts = {f["economic_code"]: f for f in doc.facts["function_economic_amounts"]}
    assert len(facts) == 24  # the 27 columns but 經常支出合計, 資本支出合計, 總計
    assert {(f["functional_code"], f["functional_name"]) for f in facts.values()} == {
        ("13", "其他經濟服務")
    }
    assert facts["current.compensation"]["amount"] == 177936
    assert facts["current.transfer.enterprise"]["amount"] == 614781
    assert facts["current.transfer.household"]["amount"] == 517253
    assert facts["capital.fixed.transport"]["amount"] == 1780
    # identities of DOMAIN.md §4
    assert 614781 + 517253 == 1132034
    current = sum(f["amount"] for c, f in facts.items() if c.startswith("current."))
    capital = sum(f["amount"] for c, f in facts.items() if c.startswith("capital."))
    assert (current, capital) == (2577714, 1927)


def test_report_explains_each_cell(db: str) -> None:
    rows = {
        r[0]: r[1:]
        for r in api.query(
            db,
            "SELECT column_key, amount, rule, sources FROM report_function_economic "
            "WHERE row_key = '13'",
        ).rows
    }
    assert rows["current.compensation"][0] == 176000
    assert "人事費" in rows["current.compensation"][1]
    assert rows["current.transfer.enterprise"][0] == 614781
    assert "grant_recipient enterprise" in rows["current.transfer.enterprise"][1]
    assert rows["capital.fixed.transport"][:1] == (1780,)
    assert rows["total"][0] == 2579641


def test_comparison_shows_the_documents_own_allocation(db: str) -> None:
    assert not_matching(db) == EXPECTED_DIFFERENCES
    printed = api.query(
        db,
        "SELECT printed_value, regenerated_value FROM table_comparison "
        f"WHERE table_slug='{SLUG}' AND row_key='13' AND column_key='current.compensation'",
    ).rows
    assert printed == [(177936, 176000)]


def test_changed_printed_amount_is_not_copied(sample_text: str, tmp_path: Path) -> None:
    # line 801: 13 其他經濟服務 經常移轉 對企業 614,781 -> 614,782
    db = load_text(tmp_path, edit_line(sample_text, 801, "614,781", "614,782"))
    fact = api.query(
        db,
        "SELECT amount FROM core.function_economic_amounts "
        "WHERE economic_code = 'current.transfer.enterprise'",
    ).rows
    assert fact == [(614782,)]
    assert not_matching(db) == EXPECTED_DIFFERENCES | {
        ("13", "current.transfer.enterprise", "mismatch")
    }
