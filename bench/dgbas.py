"""Benchmark: DGBAS workbook load time per file, for each layout the reader knows.

    .venv/bin/python bench/dgbas.py

Layouts: the published 111 and 112 (.xls, code and name in one cell), 113 (.xlsx, code on its
own row), the 101 歲入來源別 and 歲出政事別 workbooks (oldest layout, no title), and a 97-101
style 歲出機關別 workbook built here from the 111 accounts (separate code and name columns,
cumulative 款/項/目, 節 = 999 on 政事 rows), since no published 97-101 機關別 file is in the
repository. Each file is parsed (reader + document, no database) and written (one transaction)
into a fresh database whose schema and views exist already (they are per command, not per
file); best of `--repeat` runs. Then one `api.load` of all files. Target: ≤ 2 s per file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.test_dgbas_reader import write_xlsx  # noqa: E402
from unitbudget import api, db  # noqa: E402
from unitbudget.loaders.dispatch import parse_file  # noqa: E402
from unitbudget.loaders.readers.dgbas import read_workbook  # noqa: E402
from unitbudget.loaders.writer import write_document  # noqa: E402

DATA = ROOT / "tests" / "data"
PUBLISHED = [
    DATA / "expenditure-by-agency-111.xls",
    DATA / "expenditure-by-agency-112.xls",
    DATA / "expenditure-by-agency-113.xlsx",
    DATA / "revenue-by-source-101.xls",
    DATA / "expenditure-by-function-101.xls",
]
_INDEX = {"ministry": 1, "agency": 2, "function": 2, "work_plan": 3, "section": 4}


def old_layout_workbook(folder: Path) -> Path:
    """The 111 accounts re-printed in the 97-101 機關別 layout (cumulative index columns)."""
    wb = read_workbook(DATA / "expenditure-by-agency-111.xls")
    rows: list[list[object]] = [
        ["款", "項", "目", "節", "科目編號", "科目名稱", "本年度預算數", "上年度預算數"]
        + ["本年度與上年度比較", "說明"]
    ]
    position = [0, 0, 0, 0]
    for a in wb.accounts:
        depth = _INDEX[a.level]
        if a.level != "function":
            position[depth - 1] += 1
            position[depth:] = [0] * (4 - depth)
        index: list[object] = [float(p) if p else "  " for p in position[:depth]]
        index += ["  "] * (4 - depth)
        if a.level == "function":
            index[3] = 999.0
        amounts = [float(a.amounts.get(k, 0)) for k in ("this_year", "last_year", "change")]
        rows.append([*index, a.code, a.name, *amounts, a.description])
    return write_xlsx(folder / "111c歲出機關別預算表.xlsx", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = [*PUBLISHED, old_layout_workbook(folder)]
        print(
            f"{'file':36} {'accounts':>8} {'parse s':>8} {'cpu s':>6} {'write s':>8} {'total s':>8}"
        )
        for n, path in enumerate(files):
            parse_times, cpu_times, write_times = [], [], []
            for r in range(args.repeat):
                start, cpu = time.perf_counter(), time.process_time()
                doc = parse_file(path)
                parse_times.append(time.perf_counter() - start)
                cpu_times.append(time.process_time() - cpu)
                url = str(folder / f"wh-{n}-{r}.duckdb")
                # Schema and views are per command, not per file: outside the timing.
                with db.open_engine(url) as engine:
                    db.ensure_schema(engine)
                    with engine.connect() as conn:
                        db.tune_for_batch(conn)
                        start = time.perf_counter()
                        with conn.begin():
                            result = write_document(conn, doc)
                        write_times.append(time.perf_counter() - start)
                assert result.status == "loaded"
            accounts = doc.facts[next(iter(doc.facts))]
            parse, write = min(parse_times), min(write_times)
            print(
                f"{path.name:36} {len(accounts):>8} {parse:>8.2f} {min(cpu_times):>6.2f} "
                f"{write:>8.2f} "
                f"{parse + write:>8.2f}"
            )
        url = str(folder / "batch.duckdb")
        api.load(url, [])
        start = time.perf_counter()
        batch = api.load(url, files[:-1])  # the re-printed 111 would take 111's slot
        elapsed = time.perf_counter() - start
        assert {o.status for o in batch.outcomes} == {"loaded"}, batch.outcomes
        print(f"api.load of the {len(files) - 1} published files in one command: {elapsed:.2f} s")


if __name__ == "__main__":
    main()
