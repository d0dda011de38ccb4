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
from unitbudget import api, comparison
paths = sys.argv[3:]
# api.load stores the comparison results once, after every write: timed on its own
store = {"s": 0.0, "docs": 0}
store_pending = comparison.store_pending
def timed_store(conn):
    t = time.perf_counter()
    done = store_pending(conn)
    store["s"] += time.perf_counter() - t
    store["docs"] += len(done)
    return done
comparison.store_pending = timed_store
t = time.perf_counter()
batch = api.load(sys.argv[1], paths, jobs=int(sys.argv[2]))
elapsed = time.perf_counter() - t
rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "rss_kb": max(rss_self, rss_children),
                  "store_s": store["s"], "stored_docs": store["docs"],
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
    """`api.load` of `paths` into a new database, in a child process; the store of the
    comparison results it runs once after the writes is also timed alone (`store_s`)."""
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
    the path of --replace and of books with 附錄 units). Neither includes the store of the
    comparison results, which a load runs once after its writes: timed apart (`store_s`, one
    `store_pending` for all the documents written by groups).
    """
    import pyarrow as pa

    docs = [parse_file(p) for p in paths]
    prepared = [prepare(d) for d in docs]

    from unitbudget import comparison

    stored: dict[str, float] = {}

    def timed_write(name: str, write) -> float:  # noqa: ANN001
        with db.open_engine(str(workdir / name)) as engine:
            db.ensure_schema(engine)
            with engine.connect() as conn:
                db.tune_for_batch(conn)
                t = time.perf_counter()
                write(conn)
                took = time.perf_counter() - t
                t = time.perf_counter()
                with conn.begin():
                    comparison.store_pending(conn)
                stored[name] = time.perf_counter() - t
                return took

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
        "store_s": stored["ours.duckdb"],
        "store_ms_per_doc": stored["ours.duckdb"] / len(docs) * 1000,
    }


def measure_views(path: Path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    doc = con.execute("SELECT max(document_id) FROM documents").fetchone()[0]
    out = {}
    for t in TABLES:
        sql = f"SELECT * FROM {t.view} WHERE document_id = {doc}"
        out[t.view] = timed(lambda sql=sql: con.execute(sql).fetchall(), repeat=3) * 1000
    for label, prefix in (("live", ""), ("stored", "compare.stored_")):
        summary = f"SELECT * FROM {prefix}table_comparison_summary WHERE document_id = {doc}"
        mism = (
            f"SELECT * FROM {prefix}table_comparison WHERE document_id = {doc} "
            "AND status = 'mismatch'"
        )
        out[f"{label} compare SQL (summary + mismatches)"] = (
            timed(
                lambda summary=summary, mism=mism: (
                    con.execute(summary).fetchall(),
                    con.execute(mism).fetchall(),
                ),
                repeat=3,
            )
            * 1000
        )
    con.close()
    return out


def measure_compare(path: Path) -> dict:
    """`api.compare` (summary + mismatches) as the CLI runs it, in this process: stored cells
    by default, `live` from the views; one document (selected by its year and agency code, the
    CLI's --year/--agency) and all."""
    from unitbudget import api

    con = duckdb.connect(str(path), read_only=True)
    year, agency = con.execute(
        "SELECT fiscal_year, agency_code FROM core.documents ORDER BY document_id DESC LIMIT 1"
    ).fetchone()
    con.close()
    db_ = str(path)
    # what every api.compare pays before its first statement: opening the file read-only
    # (DuckDB reads its catalog of ~150 views) and closing it
    out = {
        "open_close_read_only_ms": timed(lambda: duckdb.connect(db_, read_only=True).close(), 5)
        * 1000
    }
    for live in (False, True):
        name = "live" if live else "stored"
        out[f"{name}_one_ms"] = (
            timed(lambda live=live: api.compare(db_, year=year, agency=agency, live=live), 3) * 1000
        )
        out[f"{name}_all_ms"] = timed(lambda live=live: api.compare(db_, live=live), 2) * 1000
    return out


def measure_store(path: Path, workdir: Path) -> dict:
    """What the stored comparison costs, on a copy of the warehouse: the store after a load
    that wrote one document (its results forgotten, then `store_pending`, rolled back), after
    one that wrote a year's worth of documents (every book of the last year), and a full
    rebuild (what a stale fingerprint costs at the next write command)."""
    from unitbudget import comparison

    copy = workdir / "store.duckdb"
    shutil.copy(path, copy)
    with db.open_engine(str(copy)) as engine, engine.connect() as conn:
        doc = conn.exec_driver_sql("SELECT max(document_id) FROM core.documents").scalar()
        year = conn.exec_driver_sql("SELECT max(fiscal_year) FROM core.documents").scalar()
        cells = conn.exec_driver_sql("SELECT count(*) FROM core.comparison_cells").scalar()
        year_docs = conn.exec_driver_sql(
            f"SELECT count(*) FROM core.documents WHERE fiscal_year = {year}"
        ).scalar()
        conn.rollback()

        def store(where: str) -> None:
            with conn.begin() as tx:
                conn.exec_driver_sql(f"DELETE FROM core.comparison_documents WHERE {where}")
                comparison.store_pending(conn)
                tx.rollback()

        def rebuild() -> None:
            with conn.begin():
                comparison.rebuild(conn)

        year_s = timed(
            lambda: store(
                "document_id IN (SELECT document_id FROM core.documents "
                f"WHERE fiscal_year = {year})"
            ),
            1,
        )
        return {
            "cells": cells,
            "store_one_ms": timed(lambda: store(f"document_id = {doc}"), 3) * 1000,
            "year_docs": year_docs,
            "store_year_s": year_s,
            "rebuild_s": timed(rebuild, 1),
        }


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
    ap.add_argument(
        "--compare-only",
        action="store_true",
        help="build and batch-load the corpus, then only the view, compare and store figures "
        "(no parse-only pass, no write-vs-floor, no CLI start-up)",
    )
    ap.add_argument(
        "--warehouse",
        type=Path,
        default=None,
        help="with --compare-only: the loaded warehouse is kept at this path, and when the "
        "file already exists the corpus is not built nor loaded again (repeat runs)",
    )
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="unitbudget-bench-"))
    try:
        results = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": machine(),
            "docs": args.docs,
        }
        warehouse = work / "batch.duckdb"
        if args.compare_only and args.warehouse and args.warehouse.exists():
            warehouse = args.warehouse
            # a warehouse of an older revision or other views: upgraded and its comparison
            # store rebuilt, as the next write command would
            t = time.perf_counter()
            with db.open_engine(str(warehouse)) as engine:
                db.ensure_schema(engine)
            results["ensure_schema_s"] = time.perf_counter() - t
        else:
            years = args.years or max(10, -(-args.docs // 99))
            paths = corpus.build(work / "corpus", args.docs, years)
            if not args.compare_only:
                results["parse"] = measure_parse(paths)
            results["batch_load"] = measure_batch(paths, work, args.jobs)
            if not args.compare_only:
                results["write_vs_floor"] = measure_write_vs_floor(paths[: args.write_docs], work)
            if args.compare_only and args.warehouse:
                shutil.copy(warehouse, args.warehouse)
        results["views_ms"] = measure_views(warehouse)
        results["compare"] = measure_compare(warehouse)
        results["store"] = measure_store(warehouse, work)
        if not args.compare_only:
            results["cli"] = measure_cli(warehouse)
        results["bench_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    finally:
        shutil.rmtree(work, ignore_errors=True)

    args.out.mkdir(parents=True, exist_ok=True)
    out_file = args.out / f"bench-{args.docs}-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out_file.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    report(results)
    print(f"\nJSON: {out_file}")


def report(r: dict) -> None:
    lines = [("documents", f"{r['docs']}")]
    if "parse" in r:
        lines.append(("parse per document (median)", f"{r['parse']['median_ms']:.1f} ms"))
    if "batch_load" in r:
        b = r["batch_load"]
        lines += [
            (
                f"batch load, --jobs {b['jobs']}",
                f"{b['seconds']:.1f} s = {b['docs_per_s']:.1f} docs/s, "
                f"{b['rows_per_s']:,.0f} rows/s",
            ),
            ("batch load peak RSS", f"{b['peak_rss_mb']:.0f} MB"),
        ]
        if "store_s" in b:
            lines.append(
                (
                    f"  of which the comparison store after the writes ({b['stored_docs']} docs)",
                    f"{b['store_s']:.1f} s = {b['store_s'] / max(b['stored_docs'], 1) * 1000:.1f}"
                    " ms/doc",
                )
            )
    if "write_vs_floor" in r:
        w = r["write_vs_floor"]
        lines += [
            (
                f"our write, groups of {w.get('group_size', 1)} ({w['docs']} docs, "
                f"{w['rows']:,} rows)",
                f"{w['our_write_s']:.2f} s ({w['our_ms_per_doc']:.1f} ms/doc)",
            ),
            ("native Arrow bulk floor", f"{w['floor_s']:.3f} s"),
            ("write / floor", f"{w['ratio']:.1f}x"),
        ]
        if "store_s" in w:
            lines.append(
                (
                    "comparison store after those writes (one statement set)",
                    f"{w['store_s']:.2f} s = {w['store_ms_per_doc']:.1f} ms/doc",
                )
            )
        if "single_write_s" in w:
            lines.append(
                (
                    "one document per transaction / floor",
                    f"{w['single_write_s']:.2f} s = {w['single_ratio']:.1f}x",
                )
            )
    lines += [(f"{view} (1 document)", f"{ms:.1f} ms") for view, ms in r["views_ms"].items()]
    lines += [
        (f"api.compare {k.removesuffix('_ms').replace('_', ' ')}", f"{ms:.0f} ms")
        for k, ms in r["compare"].items()
    ]
    st = r["store"]
    lines += [
        ("stored comparison cells", f"{st['cells']:,}"),
        ("store after a load of one document", f"{st['store_one_ms']:.1f} ms"),
        (
            f"store after a load of one year ({st['year_docs']} docs)",
            f"{st['store_year_s']:.2f} s = {st['store_year_s'] / st['year_docs'] * 1000:.1f} "
            "ms/doc",
        ),
        ("rebuild every stored cell and result", f"{st['rebuild_s']:.2f} s"),
    ]
    if "ensure_schema_s" in r:
        lines.append(("upgrade + rebuild of the reused warehouse", f"{r['ensure_schema_s']:.2f} s"))
    if "cli" in r:
        lines += [
            ("unitbudget --help", f"{r['cli']['help_s']:.2f} s"),
            ('unitbudget sql "select 1"', f"{r['cli']['sql_select_1_s']:.2f} s"),
        ]
    width = max(len(k) for k, _ in lines)
    for k, v in lines:
        print(f"{k:<{width}}  {v}")


if __name__ == "__main__":
    main()
