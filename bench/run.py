"""Benchmark: parse, batch load, bulk-write floor, view and compare latency, CLI start-up.

    python bench/run.py                 # 200 documents (default)
    python bench/run.py --docs 1000     # the large run
    python bench/run.py --docs 1000 --jobs 2 --out bench/out

Prints a table and writes JSON (one file per run) so runs can be compared. Peak RSS of the
batch load is measured in a child process so that parsing everything up front for the other
measurements does not count against it.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from unitbudget import db  # noqa: E402
from unitbudget.api import GROUP_SIZE  # noqa: E402
from unitbudget.catalog import TABLES  # noqa: E402
from unitbudget.loaders.dispatch import parse_file  # noqa: E402
from unitbudget.loaders.prepared import prepare  # noqa: E402
from unitbudget.loaders.writer import all_rows, write_document, write_group  # noqa: E402
from unitbudget.schema import table  # noqa: E402

LOAD_CHILD = """
import json, resource, sys, time
from unitbudget import api
paths = sys.argv[3:]
t = time.perf_counter()
batch = api.load(sys.argv[1], paths, jobs=int(sys.argv[2]))
elapsed = time.perf_counter() - t
rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "rss_kb": max(rss_self, rss_children),
                  "statuses": sorted({o.status for o in batch.outcomes}),
                  "facts": sum(o.facts for o in batch.outcomes)}))
"""


def timed(fn, repeat: int = 1) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def measure_parse(paths: list[Path]) -> dict:
    sample = paths[: min(len(paths), 50)]
    per_doc = []
    for p in sample:
        t = time.perf_counter()
        parse_file(p)
        per_doc.append(time.perf_counter() - t)
    return {
        "docs": len(sample),
        "median_ms": statistics.median(per_doc) * 1000,
        "mean_ms": statistics.fmean(per_doc) * 1000,
    }


def measure_batch(paths: list[Path], workdir: Path, jobs: int) -> dict:
    target = workdir / "batch.duckdb"
    out = subprocess.run(
        [sys.executable, "-c", LOAD_CHILD, str(target), str(jobs), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["docs_per_s"] = len(paths) / res["seconds"]
    res["rows_per_s"] = res["facts"] / res["seconds"]
    res["peak_rss_mb"] = res.pop("rss_kb") / 1024
    res["jobs"] = jobs
    return res


def measure_write_vs_floor(paths: list[Path], workdir: Path) -> dict:
    """Our writer on pre-parsed documents vs DuckDB's native Arrow insert of the same rows.

    Two ways of ours: group commit of prepared documents (GROUP_SIZE per transaction, as a
    batch load writes them; preparing, i.e. the key check and Arrow conversion, happens in
    the parsing workers and is not timed), and one document per transaction (`write_document`,
    the path of --replace and of books with 附錄 units).
    """
    import pyarrow as pa

    docs = [parse_file(p) for p in paths]
    prepared = [prepare(d) for d in docs]

    def timed_write(name: str, write) -> float:  # noqa: ANN001
        with db.open_engine(str(workdir / name)) as engine:
            db.ensure_schema(engine)
            with engine.connect() as conn:
                db.tune_for_batch(conn)
                t = time.perf_counter()
                write(conn)
                return time.perf_counter() - t

    def grouped(conn) -> None:  # noqa: ANN001
        for i in range(0, len(prepared), GROUP_SIZE):
            with conn.begin():
                write_group(conn, prepared[i : i + GROUP_SIZE])

    def one_by_one(conn) -> None:  # noqa: ANN001
        for d in docs:
            with conn.begin():
                write_document(conn, d)

    our_s = timed_write("ours.duckdb", grouped)
    single_s = timed_write("single.duckdb", one_by_one)
    # The floor: one Arrow table per warehouse table holding every document's rows,
    # inserted once into an empty copy of the schema.
    floor_db = workdir / "floor.duckdb"
    with db.open_engine(str(floor_db)) as engine:
        db.ensure_schema(engine)
    merged: dict[str, list[dict]] = {}
    for i, d in enumerate(docs, start=1):
        for name, rows in all_rows(d):
            merged.setdefault(name, []).extend({**r, "document_id": i} for r in rows)
    con = duckdb.connect(str(floor_db))
    rows_total = 0
    t = time.perf_counter()
    con.execute("BEGIN")
    for name, rows in merged.items():
        if not rows:
            continue
        tbl = table(name)
        cols = [c.name for c in tbl.columns if c.name in rows[0]]
        from unitbudget.loaders.writer import arrow_column

        arrow = pa.table({c: arrow_column(tbl.c[c], [r.get(c) for r in rows]) for c in cols})
        con.register("bulk", arrow)
        col_list = ", ".join(f'"{c}"' for c in cols)
        con.execute(f"INSERT INTO core.{name} ({col_list}) SELECT {col_list} FROM bulk")
        con.unregister("bulk")
        rows_total += len(rows)
    con.execute("COMMIT")
    floor_s = time.perf_counter() - t
    con.close()
    return {
        "docs": len(docs),
        "rows": rows_total,
        "our_write_s": our_s,
        "floor_s": floor_s,
        "ratio": our_s / floor_s,
        "our_ms_per_doc": our_s / len(docs) * 1000,
        "group_size": GROUP_SIZE,
        "single_write_s": single_s,
        "single_ratio": single_s / floor_s,
    }


def measure_views(path: Path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    doc = con.execute("SELECT max(document_id) FROM documents").fetchone()[0]
    out = {}
    for t in TABLES:
        sql = f"SELECT * FROM {t.view} WHERE document_id = {doc}"
        out[t.view] = timed(lambda sql=sql: con.execute(sql).fetchall(), repeat=3) * 1000
    compare_sql = f"SELECT * FROM table_comparison_summary WHERE document_id = {doc}; "
    out["compare (summary + mismatches)"] = (
        timed(
            lambda: (
                con.execute(compare_sql).fetchall(),
                con.execute(
                    "SELECT * FROM table_comparison WHERE document_id = ? AND status = 'mismatch'",
                    [doc],
                ).fetchall(),
            ),
            repeat=3,
        )
        * 1000
    )
    con.close()
    return out


def measure_cli(path: Path) -> dict:
    exe = shutil.which("unitbudget") or str(Path(sys.executable).parent / "unitbudget")
    help_s = timed(lambda: subprocess.run([exe, "--help"], capture_output=True, check=True), 5)
    sql_s = timed(
        lambda: subprocess.run(
            [exe, "--db", str(path), "sql", "select 1"], capture_output=True, check=True
        ),
        5,
    )
    return {"help_s": help_s, "sql_select_1_s": sql_s}


def machine() -> str:
    import os

    return (
        f"{platform.machine()} {platform.system()}, python {platform.python_version()}, "
        f"{os.cpu_count()} cpus, duckdb {duckdb.__version__}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument(
        "--years",
        type=int,
        default=None,
        help="fiscal years per agency (default: enough for 99 agencies, at least 10)",
    )
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--write-docs", type=int, default=100, help="documents for the floor ratio")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="unitbudget-bench-"))
    try:
        years = args.years or max(10, -(-args.docs // 99))
        paths = corpus.build(work / "corpus", args.docs, years)
        results = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "docs": args.docs,
            "parse": measure_parse(paths),
            "batch_load": measure_batch(paths, work, args.jobs),
            "write_vs_floor": measure_write_vs_floor(paths[: args.write_docs], work),
        }
        results["views_ms"] = measure_views(work / "batch.duckdb")
        results["cli"] = measure_cli(work / "batch.duckdb")
        results["bench_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        shutil.rmtree(work, ignore_errors=True)

    args.out.mkdir(parents=True, exist_ok=True)
    out_file = args.out / f"bench-{args.docs}-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out_file.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    report(results)
    print(f"\nJSON: {out_file}")


def report(r: dict) -> None:
    b, w, p = r["batch_load"], r["write_vs_floor"], r["parse"]
    lines = [
        ("documents", f"{r['docs']}"),
        ("parse per document (median)", f"{p['median_ms']:.1f} ms"),
        (
            f"batch load, --jobs {b['jobs']}",
            f"{b['seconds']:.1f} s = {b['docs_per_s']:.1f} docs/s, {b['rows_per_s']:,.0f} rows/s",
        ),
        ("batch load peak RSS", f"{b['peak_rss_mb']:.0f} MB"),
        (
            f"our write, groups of {w['group_size']} ({w['docs']} docs, {w['rows']:,} rows)",
            f"{w['our_write_s']:.2f} s ({w['our_ms_per_doc']:.1f} ms/doc)",
        ),
        ("native Arrow bulk floor", f"{w['floor_s']:.3f} s"),
        ("write / floor", f"{w['ratio']:.1f}x"),
        (
            "one document per transaction / floor",
            f"{w['single_write_s']:.2f} s = {w['single_ratio']:.1f}x",
        ),
        *[(f"{view} (1 document)", f"{ms:.1f} ms") for view, ms in r["views_ms"].items()],
        ("unitbudget --help", f"{r['cli']['help_s']:.2f} s"),
        ('unitbudget sql "select 1"', f"{r['cli']['sql_select_1_s']:.2f} s"),
    ]
    width = max(len(k) for k, _ in lines)
    for k, v in lines:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
