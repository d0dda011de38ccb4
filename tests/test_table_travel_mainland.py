"""附屬表 12 派員赴大陸計畫預算類別表 (travel_mainland) on ADI 112, lines 773–784.

Golden values (tests/golden/adi-112/travel_mainland.csv) were typed from the document.
"""

from __future__ import annotations

import pytest

from unitbudget import api
from unitbudget.loaders.tables import travel_mainland
from unitbudget.loaders.tables.base import ParseContext, TableResult
from unitbudget.loaders.tables.travel_meetings import AMOUNT_COLUMNS

from .conftest import ROOT
from .helpers import assert_golden_values, load_text, parse_region, read_golden, result_cells

GOLDEN = ROOT / "tests" / "golden" / "adi-112" / "travel_mainland.csv"


def parse_text(text: str) -> TableResult:
    return parse_region(travel_mainland.PARSER, text, ParseContext())


@pytest.fixture(scope="module")
def result(sample_text: str) -> TableResult:
    return parse_text(sample_text)


@pytest.fixture(scope="module")
def golden() -> list[dict[str, str]]:
    return read_golden(GOLDEN)


def test_plan_and_cells(result: TableResult, golden: list[dict[str, str]]) -> None:
    assert result.row_count == len(golden) == 1
    assert not result.issues
    cells = result_cells(result)
    assert len(cells) == 6
    assert_golden_values(cells, golden, AMOUNT_COLUMNS)
    assert (cells[("01", "office")].text, cells[("01", "office")].line) == ("-", 784)
    assert cells[("01", "days")].line == 774


def test_fact(result: TableResult) -> None:
    [plan] = result.facts["travel_plans"]
    assert (plan["destination_kind"], plan["plan_no"], plan["field_code"]) == (
        "mainland",
        "01",
        "85",
    )
    assert plan["name"] == "參與電子商務相關會議或活動"
    assert (plan["transport"], plan["living"], plan["office"], plan["total"]) == (20, 15, 0, 35)
    assert (plan["days"], plan["persons"], plan["period"]) == (3, 2, "112.03 - 112.12")
    assert plan["destination"] == "華北、華東、華南等地區"
    assert plan["agenda"].startswith("亞洲PKI聯盟、臺商、中國大陸電子商務業者\n與陸方官民機構")
    assert (plan["account_name"], plan["history"]) == ("促進數位創新動能轉型升級", "無")
    assert plan["category"] == "未分類"  # the table prints no 類別


def test_comparison_and_a_changed_amount(
    tmp_path_factory: pytest.TempPathFactory, sample_text: str, sample_db: str
) -> None:
    status = api.query(
        sample_db,
        "SELECT status, count(*) FROM table_comparison WHERE table_slug = 'travel_mainland' "
        "GROUP BY status",
    )
    assert dict(status.rows) == {"match": 6}
    # 辦公費 '-' -> 5 on line 784: the parser reads 5 and the printed 合計 35 no longer adds up
    lines = sample_text.split("\n")
    assert lines[783].startswith("20\t15\t-\t35")
    lines[783] = lines[783].replace("20\t15\t-\t35", "20\t15\t5\t35")
    text = "\n".join(lines)
    [plan] = parse_text(text).facts["travel_plans"]
    assert plan["office"] == 5
    db2 = load_text(tmp_path_factory.mktemp("mainland_variant"), text)
    bad = api.query(
        db2,
        "SELECT row_key, column_key, printed_value, regenerated_value FROM table_comparison "
        "WHERE table_slug = 'travel_mainland' AND status <> 'match'",
    )
    assert [tuple(r) for r in bad.rows] == [("01", "total", 35, 40)]
