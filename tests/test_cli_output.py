"""How the CLI prints cells: identifiers as plain text, one spelling of booleans, and unique,
labelled headers for 歲出按職能及經濟性綜合分類表 (both sides print 對企業, 對政府 ...)."""

from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from unitbudget.cli.main import app
from unitbudget.cli.output import render_csv, render_table
from unitbudget.labels import pivot_header

runner = CliRunner()


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ordinals_and_identifiers_print_as_plain_text() -> None:
    # 序 (sort_key) 4601407 and 0 beside amounts: only the amounts get separators and "-".
    out = render_table(
        ["document_id", "sort_key", "row_key", "this_year"],
        [(1, 4601407, "0", 4601407), (12345, 0, "01", 0)],
        thousands=True,
        dash_zero=True,
    )
    cells = [line.split() for line in out.splitlines()[2:]]
    assert cells == [["1", "4601407", "0", "4,601,407"], ["12345", "0", "01", "-"]]


def test_csv_booleans_are_lowercase_like_the_table_and_json() -> None:
    assert render_csv(["printed", "n"], [(True, 1), (False, 0), (None, 2)]) == (
        "printed,n\ntrue,1\nfalse,0\n,2"
    )


def test_compare_csv_spells_booleans_like_the_table(sample_db: str) -> None:
    summary = _ok("--db", sample_db, "compare", "-f", "csv").split("\n\n")[0]
    rows = list(csv.DictReader(io.StringIO(summary)))
    by_table = {r["table"]: r["printed"] for r in rows}
    # the sample prints 歲出機關別預算表 and no 歲入來源別預算表
    assert by_table["expenditure_by_agency"] == "true"
    assert by_table["revenue_by_source"] == "false"
    assert {r["printed"] for r in rows} == {"true", "false"}


def test_function_economic_csv_headers_are_unique_and_labelled(sample_db: str) -> None:
    out = _ok("--db", sample_db, "show", "function_economic", "-f", "csv")
    header = next(csv.reader(io.StringIO(out)))
    assert len(header) == len(set(header))
    assert not [h for h in header if "." in h]
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["row_key"] == "13")
    # sample lines 800-840, 13 其他經濟服務 (千元): 經常移轉 對企業 614,781 and
    # 對家庭及民間非營利機構 517,253; 資本移轉 對企業 and 對家庭及民間非營利機構 "-";
    # 運輸工具 1,780; 總計 2,579,641
    assert row["經常對企業"] == "614781"
    assert row["經常對家庭及民間非營利機構"] == "517253"
    assert row["資本對企業"] == "0"
    assert row["資本對家庭及民間非營利機構"] == "0"
    assert row["資本運輸工具"] == "1780"
    assert row["經常支出合計"] == "2577714"
    assert row["總計"] == "2579641"


def test_pivot_header_names_columns_outside_the_chart() -> None:
    assert pivot_header("current.transfer.not_in_grants", None) == "經常移轉支出未見於補助表"
    assert pivot_header("capital.transfer.enterprise", "對企業") == "資本對企業"
    assert pivot_header("capital.total", "資本支出合計") == "資本支出合計"
    assert pivot_header("total", "總計") == "總計"
    assert pivot_header("5262200100", "5262200100 一般行政") == "5262200100 一般行政"
