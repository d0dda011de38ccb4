"""Where `api.compare` for one document spends its time: import, open, staleness guard,
queries, close. CPU (the whole process, DuckDB's threads included) and wall, best of N.

    python bench/compare_open.py WAREHOUSE.duckdb            # the phases, fresh process each run
    python bench/compare_open.py WAREHOUSE.duckdb --anatomy  # + what opening a file costs

Each run is a fresh Python process, as the CLI is: the import and the view-file digest of the
staleness guard are paid every time (`bench/run.py` calls `api.compare` repeatedly in one
process, so its figure leaves them out; the `warm` row here is that figure). The document is
the warehouse's last unit budget, selected by fiscal year and agency code as `compare --year
--agency` does. `guard` is the staleness guard's own work (the fingerprint of this code's view
files, parser version and catalog, comparison.is_current); its one-row read of the stored
fingerprint is a statement, counted in `queries`. `--anatomy` opens and closes, read-only, an
in-memory database (DuckDB's own start: built-in functions and the statically linked
extensions), copies of the warehouse without any view and with a write-ahead log left
behind, and the sample loaded alone (same catalog, 1/200 of the size), to show what the file
adds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# One run in a fresh interpreter: prints a JSON object {phase: [cpu_ms, wall_ms]}; the phases
# are those of the first call (the second, `warm`, only adds its total).
_CHILD = r"""
import json, sys, time
clock = lambda: (time.process_time(), time.perf_counter())
def since(t0):
    c, w = clock()
    return [(c - t0[0]) * 1000, (w - t0[1]) * 1000]
out = {}
t = clock()
from unitbudget import api, comparison, dburl
out["import unitbudget.api"] = since(t)
t = clock()
import duckdb  # what dburl.connect_read_only imports first: any DuckDB command pays it
out["import duckdb"] = since(t)
path, year, agency = sys.argv[1], int(sys.argv[2]), sys.argv[3]

class Timed:
    # the connection api.compare opens, timing its close
    def __init__(self, con):
        self.con = con
    def execute(self, *a):
        return self.con.execute(*a)
    def close(self):
        t = clock()
        self.con.close()
        out.setdefault("close", since(t))

connect, is_current = dburl.connect_read_only, comparison.is_current
def timed_connect(url):
    t = clock()
    con = Timed(connect(url))
    out.setdefault("open", since(t))
    return con
def timed_current(stored, revision):
    t = clock()
    fresh = is_current(stored, revision)
    out.setdefault("guard", since(t))
    return fresh
dburl.connect_read_only, comparison.is_current = timed_connect, timed_current
t = clock()
c = api.compare(path, year=year, agency=agency)
out["compare"] = since(t)
out["queries"] = [
    out["compare"][i] - out["open"][i] - out["guard"][i] - out["close"][i] for i in (0, 1)
]
t = clock()
api.compare(path, year=year, agency=agency)
out["warm"] = since(t)
out["rows"] = [len(c.summary.rows), len(c.mismatches.rows)]
print(json.dumps(out))
"""

_OPEN = r"""
import sys, time, duckdb
path, n = sys.argv[1], int(sys.argv[2])
duckdb.connect(":memory:").close()  # the module's own first-use cost is not the file's
cpu = wall = float("inf")
for _ in range(n):
    c, w = time.process_time(), time.perf_counter()
    duckdb.connect(path, read_only=path != ":memory:").close()
    cpu = min(cpu, time.process_time() - c)
    wall = min(wall, time.perf_counter() - w)
print(cpu * 1000, wall * 1000)
"""

# Leave a write-ahead log: write with checkpoints off and end the process without closing.
_WAL = r"""
import os, sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("SET checkpoint_threshold = '1GB'")
con.execute("CREATE TABLE core.bench_wal AS SELECT * FROM core.comparison_cells LIMIT 100000")
os._exit(0)
"""


def _document(path: str) -> tuple[int, str]:
    import duckdb

    con = duckdb.connect(path, read_only=True)
    try:
        row = con.execute(
            "SELECT fiscal_year, agency_code FROM core.documents WHERE kind = 'unit_budget' "
            "ORDER BY document_id DESC LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    assert row is not None, "no unit budget in the warehouse"
    return int(row[0]), str(row[1])


def phases(path: str, runs: int) -> dict[str, list[float]]:
    """Best over `runs` fresh processes of each phase: {phase: [cpu_ms, wall_ms]}."""
    year, agency = _document(path)
    best: dict[str, list[float]] = {}
    rows = None
    for _ in range(runs):
        res = subprocess.run(
            [sys.executable, "-c", _CHILD, path, str(year), agency],
            capture_output=True,
            text=True,
            check=True,
        )
        got = json.loads(res.stdout.strip().splitlines()[-1])
        rows = got.pop("rows")
        for phase, (cpu, wall) in got.items():
            old = best.get(phase, [float("inf"), float("inf")])
            best[phase] = [min(old[0], cpu), min(old[1], wall)]
    best["rows (summary, mismatches)"] = rows or []
    return best


def open_close(path: str, runs: int) -> list[float]:
    """[cpu_ms, wall_ms] of opening `path` read-only and closing it, best of `runs`."""
    res = subprocess.run(
        [sys.executable, "-c", _OPEN, path, str(runs)], capture_output=True, text=True, check=True
    )
    return [float(x) for x in res.stdout.split()]


def anatomy(path: str, runs: int) -> dict[str, list[float]]:
    """Open + close of an in-memory database, the warehouse, a copy without views, the sample
    loaded alone (the file's size) and a copy with a write-ahead log left over."""
    import duckdb

    out = {
        "in-memory database (DuckDB's start)": open_close(":memory:", runs),
        "the warehouse": open_close(path, runs),
    }
    with tempfile.TemporaryDirectory(prefix="compare-open-") as tmp:
        bare = str(Path(tmp) / "noviews.duckdb")
        shutil.copy(path, bare)
        con = duckdb.connect(bare)
        views = con.execute(
            "SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
        con.close()
        # Views depend on each other: drop in rounds until none is left.
        con = duckdb.connect(bare)
        while views:
            left = []
            for schema, view in views:
                try:
                    con.execute(f'DROP VIEW "{schema}"."{view}"')
                except duckdb.Error:
                    left.append((schema, view))
            if len(left) == len(views):
                raise RuntimeError(f"cannot drop {left[:3]}")
            views = left
        con.execute("CHECKPOINT")
        con.close()
        out["copy without its views"] = open_close(bare, runs)
        from unitbudget import api

        small = str(Path(tmp) / "sample.duckdb")
        api.load(small, [api.sample_document()])
        out["the one-document sample (same schema and views)"] = open_close(small, runs)
        wal = str(Path(tmp) / "wal.duckdb")
        shutil.copy(path, wal)
        subprocess.run([sys.executable, "-c", _WAL, wal], check=True)
        assert Path(wal + ".wal").exists(), "no WAL was left"
        out["copy with a WAL left (replayed at each read-only open)"] = open_close(wal, runs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("warehouse", help="a loaded DuckDB warehouse (e.g. bench/run.py --warehouse)")
    ap.add_argument("--runs", type=int, default=5, help="fresh processes per figure (best of)")
    ap.add_argument("--anatomy", action="store_true", help="also what opening the file costs")
    args = ap.parse_args()
    with open("/proc/loadavg") as f:
        load = f.read().split()[:3]
    print(f"load average at start: {' '.join(load)}; best of {args.runs}")
    print(f"{'phase of api.compare, one document':58} {'CPU ms':>8} {'wall ms':>8}")
    for phase, (cpu, wall) in ((k, v) for k, v in phases(args.warehouse, args.runs).items()):
        if phase.startswith("rows"):
            print(f"{phase:58} {cpu:>8} {wall:>8}")
        else:
            print(f"{phase:58} {cpu:8.1f} {wall:8.1f}")
    if args.anatomy:
        print(f"\n{'open + close read-only':58} {'CPU ms':>8} {'wall ms':>8}")
        for what, (cpu, wall) in anatomy(args.warehouse, max(args.runs, 10)).items():
            print(f"{what:58} {cpu:8.1f} {wall:8.1f}")


if __name__ == "__main__":
    main()
