"""Time every `report_*` view for one document (and, with --all, for every document) on a
loaded warehouse: best of --repeat runs, as bench/run.py times them, with the load average.

    .venv/bin/python bench/report_views.py WAREHOUSE [--repeat 5] [--all] [--views v1,v2]

WAREHOUSE is e.g. the one `bench/run.py --docs 1000 --compare-only --warehouse PATH` keeps.
The views are re-created from this checkout's files first (`api.upgrade`), so a branch's
rewritten views are the ones timed. The document is the last one loaded (max document_id).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unitbudget import api  # noqa: E402


def best_ms(con: duckdb.DuckDBPyConnection, sql: str, repeat: int) -> tuple[float, float, int]:
    """Best wall time and best CPU time (all threads of this process) of `repeat` runs of
    `sql` in ms, and its row count. On a shared machine the CPU time is the steadier figure."""
    best, best_cpu, n = float("inf"), float("inf"), 0
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        n = len(con.execute(sql).fetchall())
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    return best * 1000, best_cpu * 1000, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("warehouse", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--all", action="store_true", help="also time each view for all documents")
    ap.add_argument("--views", default="", help="comma-separated names (default: every report_*)")
    ap.add_argument("--no-sync", action="store_true", help="time the views as stored")
    args = ap.parse_args()
    if not args.no_sync:
        api.upgrade(str(args.warehouse))
    con = duckdb.connect(str(args.warehouse), read_only=True)
    doc = con.execute("SELECT max(document_id) FROM documents").fetchone()[0]
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    names = (
        args.views.split(",")
        if args.views
        else [
            r[0]
            for r in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'report_%' "
                "AND schema_name = 'main' ORDER BY view_name"
            ).fetchall()
        ]
    )
    print(
        f"{n_docs} documents, document_id {doc}, best of {args.repeat}, "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )
    for name in names:
        one, cpu, rows = best_ms(
            con, f"SELECT * FROM {name} WHERE document_id = {doc}", args.repeat
        )
        line = f"{name:40} one {one:8.1f} ms (CPU {cpu:7.1f} ms, {rows} rows)"
        if args.all:
            every, cpu, total = best_ms(con, f"SELECT * FROM {name}", args.repeat)
            line += f"   all {every:8.1f} ms (CPU {cpu:7.1f} ms, {total} rows)"
        print(line, flush=True)
    print(f"load average at end {os.getloadavg()[0]:.2f}")
    con.close()


if __name__ == "__main__":
    main()
