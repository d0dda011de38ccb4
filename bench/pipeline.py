"""Where the batch load's time goes: the writing process against the parsing workers.

    python bench/pipeline.py --docs 200 --jobs 2
    python bench/pipeline.py --docs 1000 --jobs 2 --window 4   # the window before issue 15

Builds the synthetic corpus (bench/corpus.py), loads it into a new warehouse with `api.load`
and reports, in CPU time (the machine is shared, so wall time alone says little):

- each worker: documents parsed, CPU per document (parse + prepare + pickling the result),
  bytes handed over per document, and the fraction of the load's wall time it was busy;
- the writing process: CPU in the group writes, CPU and wall waiting for the next parsed
  document (which includes unpickling it, done by the pool's result thread), and the rest;
- the load average at the start and the end.

Workers are instrumented by replacing `unitbudget.batch._parse_one` before the pool forks
(one line per document appended to a file per worker); the writer by wrapping
`api._write_group` and the parsed-document stream.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from unitbudget import api, batch  # noqa: E402

_LOG_DIR: Path | None = None
_original_parse_one = batch._parse_one


def _schedstat() -> tuple[float, float]:
    """(seconds on a CPU, seconds runnable but waiting for one) of the calling thread: with
    the wall time, what is left is time the thread slept (waited for work or for a lock)."""
    run, wait, _ = open("/proc/thread-self/schedstat", encoding="ascii").read().split()
    return int(run) / 1e9, int(wait) / 1e9


def _timed_parse_one(path: Path, stage: str | None, year: int | None, prepared: bool) -> object:
    t0, c0, s0 = time.perf_counter(), time.process_time(), _schedstat()
    out = _original_parse_one(path, stage, year, prepared)
    c1 = time.process_time()
    size = len(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    t2, c2, s2 = time.perf_counter(), time.process_time(), _schedstat()
    assert _LOG_DIR is not None
    with open(_LOG_DIR / f"worker-{os.getpid()}.jsonl", "a", encoding="utf-8") as log:
        log.write(json.dumps([t0, t2, c1 - c0, c2 - c1, size, *s0, *s2]) + "\n")
    return out


def run(
    paths: list[Path], workdir: Path, jobs: int, group_size: int, window: int | None = None
) -> dict:
    global _LOG_DIR
    _LOG_DIR = workdir / "logs"
    _LOG_DIR.mkdir()
    batch._parse_one = _timed_parse_one

    writer = {"write_cpu": 0.0, "write_wall": 0.0, "groups": 0, "wait_cpu": 0.0, "wait_wall": 0.0}
    original_group = api._write_group

    def timed_group(conn, group, finish, stage, year):  # noqa: ANN001, ANN202
        t, c = time.perf_counter(), time.process_time()
        original_group(conn, group, finish, stage, year)
        writer["write_wall"] += time.perf_counter() - t
        writer["write_cpu"] += time.process_time() - c
        writer["groups"] += 1

    original_stream = batch.parse_stream

    def timed_stream(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if window is not None:
            kwargs["window"] = window
        stream = original_stream(*args, **kwargs)
        writer["stream_start"] = (time.perf_counter(), time.process_time(), *_schedstat())
        try:
            while True:
                t, c = time.perf_counter(), time.process_time()
                try:
                    item = next(stream)
                except StopIteration:
                    writer["stream_end"] = (time.perf_counter(), time.process_time(), *_schedstat())
                    return
                writer["wait_wall"] += time.perf_counter() - t
                writer["wait_cpu"] += time.process_time() - c
                yield item
        finally:
            stream.close()

    api._write_group = timed_group
    batch.parse_stream = timed_stream
    load_before = os.getloadavg()
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        result = api.load(str(workdir / "w.duckdb"), paths, jobs=jobs, group_size=group_size)
    finally:
        api._write_group = original_group
        batch.parse_stream = original_stream
        batch._parse_one = _original_parse_one
    wall = time.perf_counter() - t0
    parent_cpu = time.process_time() - c0
    start, end = writer["stream_start"], writer["stream_end"]
    statuses = sorted({o.status for o in result.outcomes})

    workers = []
    for log in sorted(_LOG_DIR.glob("worker-*.jsonl")):
        rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
        workers.append(
            {
                "docs": len(rows),
                "parse_cpu_ms": statistics.median(r[2] for r in rows) * 1000,
                "pickle_cpu_ms": statistics.median(r[3] for r in rows) * 1000,
                "kb_per_doc": statistics.median(r[4] for r in rows) / 1024,
                "busy_of_stream_wall": sum(r[1] - r[0] for r in rows) / (end[0] - start[0]),
                # from its first document's start to its last's end: on a CPU, waiting for
                # one (the machine is shared), and asleep = starved of documents
                "span_s": rows[-1][1] - rows[0][0],
                "ran_s": rows[-1][7] - rows[0][5],
                "runqueue_s": rows[-1][8] - rows[0][6],
                "asleep_s": (rows[-1][1] - rows[0][0])
                - (rows[-1][7] - rows[0][5])
                - (rows[-1][8] - rows[0][6]),
                "cpu_total_s": sum(r[2] + r[3] for r in rows),
            }
        )
    docs = len(paths)
    return {
        "docs": docs,
        "jobs": jobs,
        "group_size": group_size,
        "window": window if window is not None else "api.load's",
        "statuses": statuses,
        "wall_s": wall,
        "docs_per_s": docs / wall,
        "load_avg_before": load_before[0],
        "load_avg_after": os.getloadavg()[0],
        "writer_cpu_s": parent_cpu,
        "writer_cpu_ms_per_doc": parent_cpu / docs * 1000,
        # before the first document is asked for (schema, catalogue), the stream (parse and
        # write), after it (account moves, comparison store)
        "phase_wall_s": [start[0] - t0, end[0] - start[0], t0 + wall - end[0]],
        "phase_writer_cpu_s": [start[1] - c0, end[1] - start[1], c0 + parent_cpu - end[1]],
        "writer_write_cpu_s": writer["write_cpu"],
        "writer_write_wall_s": writer["write_wall"],
        "writer_wait_cpu_s": writer["wait_cpu"],
        "writer_wait_wall_s": writer["wait_wall"],
        "writer_groups": writer["groups"],
        # the writing thread over the stream: on a CPU, runnable waiting for one, asleep
        # (waiting for a parsed document, or DuckDB's own threads)
        "writer_stream_ran_s": end[2] - start[2],
        "writer_stream_runqueue_s": end[3] - start[3],
        "writer_stream_asleep_s": (end[0] - start[0]) - (end[2] - start[2]) - (end[3] - start[3]),
        "workers_cpu_s": sum(w["cpu_total_s"] for w in workers),
        "cpu_all_s": parent_cpu + sum(w["cpu_total_s"] for w in workers),
        "peak_rss_mb": max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024,
        "workers": workers,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--group-size", type=int, default=api.GROUP_SIZE)
    ap.add_argument(
        "--window",
        type=int,
        default=None,
        help="documents in flight (parse_stream's window; 4 = 2 x jobs, the old fixed one); "
        "default: what api.load passes",
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="unitbudget-pipeline-"))
    try:
        paths = corpus.build(work / "corpus", args.docs, max(10, -(-args.docs // 99)))
        res = run(paths, work, args.jobs, args.group_size, args.window)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()
