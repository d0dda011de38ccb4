"""A warehouse of several agencies, years and stages, built once per session for read-only tests.

It holds the three DGBAS workbooks as published and unit budgets made from the sample by
relabelling its page headers (fiscal year) and its account codes and name (agency):

| file                     | agency                    | year | stage    |
|--------------------------|---------------------------|------|----------|
| adi-112-unit-budget.txt  | 0062200000 數位產業署      | 112  | enacted  |
| adi-112-proposed.txt     | 0062200000 數位產業署      | 112  | proposed |
| adi-113-unit-budget.txt  | 0062200000 數位產業署      | 113  | enacted  |
| ics-112-unit-budget.txt  | 0062300000 資通安全署      | 112  | enacted  |
| ey-110-unit-budget.txt   | 0003010000 行政院綜合業務處 | 110  | enacted  |

The 行政院 variant's work plans become 3203010100 一般行政, 3203010200 and 3203019800 第一預備金,
codes the 111 workbook also states for 110 (上年度預算數): that is where the documents disagree.
"""

from __future__ import annotations

import re

import pytest

from unitbudget import api

from .conftest import DATA, SAMPLE

WORKBOOKS = [DATA / f"expenditure-by-agency-{y}" for y in ("111.xls", "112.xls", "113.xlsx")]

# file name -> (fiscal year, agency name, 政事 digits, 主管 + 單位 digits, stage)
VARIANTS = {
    "adi-112-unit-budget.txt": (112, "數位產業署", "52", "6220", "enacted"),
    "adi-112-proposed.txt": (112, "數位產業署", "52", "6220", "proposed"),
    "adi-113-unit-budget.txt": (113, "數位產業署", "52", "6220", "enacted"),
    "ics-112-unit-budget.txt": (112, "資通安全署", "52", "6230", "enacted"),
    "ey-110-unit-budget.txt": (110, "行政院綜合業務處", "32", "0301", "enacted"),
}

_BUILT: dict[str, str] = {}


def relabel(text: str, year: int, agency: str, function: str, unit: str) -> str:
    """The sample as if printed for another fiscal year and agency (same amounts).

    Page headers 中華民國112年度 get `year`; 數位產業署 becomes `agency`; account codes
    00 6220 xxxx and 52 6220 xxxx (10 and 9 digits) become 00 `unit` xxxx and `function` `unit`
    xxxx.
    """
    text = re.sub(r"中華民國(\s*)112(\s*)年度", lambda m: f"中華民國{m[1]}{year}{m[2]}年度", text)
    text = text.replace("數位產業署", agency)

    def code(m: re.Match[str]) -> str:
        return ("00" if m[1] == "00" else function) + unit + m[2]

    return re.sub(r"\b(00|52)6220(\d{3,4})\b", code, text)


def documents_by_file(db: str) -> dict[str, int]:
    """document_id of each loaded file, by file name."""
    return {f: i for i, f in api.query(db, "SELECT document_id, file_name FROM documents").rows}


def build_warehouse(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Path of the session's several-agency warehouse (built on first use; read it only)."""
    if "db" in _BUILT:
        return _BUILT["db"]
    folder = tmp_path_factory.mktemp("warehouse")
    db = str(folder / "wh.duckdb")
    batch = api.load(db, WORKBOOKS)
    assert [o.status for o in batch.outcomes] == ["loaded"] * 3
    sample = SAMPLE.read_text(encoding="utf-8")
    for name, (year, agency, function, unit, stage) in VARIANTS.items():
        text = relabel(sample, year, agency, function, unit)
        if stage != "enacted":
            text += "\n"  # the same book again is "unchanged"; one more byte makes it a new file
        path = folder / name
        path.write_text(text, encoding="utf-8")
        outcome = api.load(db, [path], stage=stage).outcomes[0]
        assert outcome.status == "loaded", (name, outcome.message)
    _BUILT["db"] = db
    return db
