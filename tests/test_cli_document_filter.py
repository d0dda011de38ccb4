"""The CLI's honesty about files and filters, through the CLI runner.

- A refused file is said once, with its reason, on standard error (exit code 2).
- show / compare / export take --budget (總預算, 特別, 追加 or part of a budget's name) and
  --stage, through the one document filter of --year / --agency (api._document_clauses).

Workbooks are the small layouts of tests/test_dgbas_kinds.py and test_dgbas_budgets.py: the
same 衛生福利部 accounts printed for the 中央政府總預算 and for the
中央政府嚴重特殊傳染性肺炎防治及紓困振興特別預算 of 110 (5717010100 防疫紓困 6,000 千元),
and a 行政院 branch whose 114 預算案 prints 3203421000 at 110,000 and whose 114 法定預算
prints 106,232.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unitbudget import api
from unitbudget.cli.main import app

from .test_dgbas_budgets import _restated
from .test_dgbas_kinds import LAYOUT_111, SPECIAL_TITLE
from .test_dgbas_reader import write_xlsx

runner = CliRunner()
SPECIAL = "中央政府嚴重特殊傳染性肺炎防治及紓困振興特別預算"


@pytest.fixture(scope="module")
def budgets(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    folder = tmp_path_factory.mktemp("budget_filter")
    db = str(folder / "wh.duckdb")
    files = [
        write_xlsx(
            folder / "general-110.xlsx", [["中央政府總預算"], *SPECIAL_TITLE[1:], *LAYOUT_111]
        ),
        write_xlsx(folder / "special-110.xlsx", [*SPECIAL_TITLE, *LAYOUT_111]),
        write_xlsx(folder / "114.xlsx", _restated(114, 106232.0, 101042.0, "中央政府總預算")),
        write_xlsx(folder / "114p.xlsx", _restated(114, 110000.0, 101042.0, "中央政府總預算案")),
    ]
    result = runner.invoke(app, ["--db", db, "load", *map(str, files)])
    assert result.exit_code == 0, result.output
    ids = {f: i for i, f in api.query(db, "SELECT document_id, file_name FROM documents").rows}
    return db, ids


def _csv(result: object) -> list[dict[str, str]]:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(result.stdout)))  # type: ignore[attr-defined]


def test_a_refused_file_is_said_once_with_its_reason(tmp_path: Path) -> None:
    bogus = tmp_path / "budget.xlsx"
    bogus.write_bytes(b"PK\x03\x04 not really a workbook")
    result = runner.invoke(app, ["--db", str(tmp_path / "wh.duckdb"), "load", str(bogus)])
    assert result.exit_code == 2
    assert str(bogus) not in result.stdout
    said = [line for line in result.stderr.splitlines() if str(bogus) in line]
    assert len(said) == 1, result.stderr
    assert said[0].startswith(f"refused: {bogus}: ") and "spreadsheet" in said[0]
    assert result.stdout.rstrip().endswith("0 loaded, 0 replaced, 0 unchanged, 1 refused")


@pytest.mark.parametrize(
    ("budget", "files"),
    [
        ("特別", ["special-110.xlsx"]),
        ("總預算", ["general-110.xlsx"]),
        ("紓困振興", ["special-110.xlsx"]),  # part of the special budget's printed name
        ("追加", []),
    ],
)
def test_show_by_budget(budgets: tuple[str, dict[str, int]], budget: str, files: list) -> None:
    db, ids = budgets
    result = runner.invoke(
        app,
        ["--db", db, "show", "expenditure_by_agency", "--year", "110", "--budget", budget]
        + ["--format", "csv"],
    )
    rows = _csv(result)
    assert {int(r["document_id"]) for r in rows} == {ids[f] for f in files}
    if files:
        (plan,) = [r for r in rows if r["row_key"] == "5717010100"]
        assert plan["this_year"] == "6000"
    else:
        assert f"--budget {budget} matches nothing" in result.stderr


@pytest.mark.parametrize(("stage", "amount"), [("proposed", "110000"), ("enacted", "106232")])
def test_show_by_stage(budgets: tuple[str, dict[str, int]], stage: str, amount: str) -> None:
    db, _ = budgets
    rows = _csv(
        runner.invoke(
            app,
            ["--db", db, "show", "expenditure_by_agency", "--year", "114", "--stage", stage]
            + ["--format", "csv"],
        )
    )
    assert [r["this_year"] for r in rows if r["row_key"] == "3203421000"] == [amount]


def test_a_stage_that_is_none_is_a_usage_error(budgets: tuple[str, dict[str, int]]) -> None:
    db, _ = budgets
    result = runner.invoke(app, ["--db", db, "show", "expenditure_by_agency", "--stage", "draft"])
    assert result.exit_code == 2
    assert "proposed, enacted or actual" in result.output


def test_compare_by_budget_and_stage(sample_db: str) -> None:
    def compared(*args: str) -> tuple[int, str]:
        result = runner.invoke(app, ["--db", sample_db, "compare", *args, "--format", "json"])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)["summary"]
        return sum(r["compared"] for r in summary), result.stderr

    everything, _ = compared()
    assert everything > 0
    # the ADI 112 text is an enacted unit budget of the general budget
    assert compared("--budget", "總預算")[0] == everything
    assert compared("--stage", "enacted")[0] == everything
    for args in (("--budget", "特別"), ("--stage", "proposed")):
        n, stderr = compared(*args)
        assert n == 0
        assert f"nothing was compared: every table {args[0]} {args[1]}" in stderr


def test_export_by_budget(budgets: tuple[str, dict[str, int]], tmp_path: Path) -> None:
    db, ids = budgets
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["--db", db, "export", str(out), "account_series", "account_moves", "--to", "csv"]
        + ["--budget", "特別"],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((out / "account_series.csv").open(encoding="utf-8")))
    assert {(r["budget_name"], int(r["document_id"])) for r in rows} == {
        (SPECIAL, ids["special-110.xlsx"])
    }
    # 110: 6,000 this year; 109 enacted 4,000 (上年度) for the 4 accounts of the layout
    assert sorted(
        (r["fiscal_year"], r["amount"]) for r in rows if r["account_code"] == "5717010100"
    ) == [
        ("109", "4000"),
        ("110", "6000"),
    ]
    assert not (out / "account_moves.csv").exists()
    assert "left out (no document_id to filter by): account_moves" in result.stderr


def test_export_with_a_filter_matching_nothing_says_so(
    budgets: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    db, _ = budgets
    result = runner.invoke(
        app, ["--db", db, "export", str(tmp_path / "o"), "documents", "--stage", "actual"]
    )
    assert result.exit_code == 0, result.output
    assert "no document matches --stage actual" in result.stderr
