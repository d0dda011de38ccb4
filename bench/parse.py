"""Benchmark: CPU time to parse one seed-sized document (reader + every table parser, no
database), and where it goes.

    python bench/parse.py                      # 40 corpus variants, best of 3 per document
    python bench/parse.py --docs 20 --profile  # and the 25 costliest functions (CPU timer)

CPU time (`time.process_time`), not wall time: the machine is shared, and a busy neighbour
stretches wall time far more than the CPU time of this process. Each document is parsed
`--repeat` times and its fastest run counts (the least disturbed); the figure reported is the
median over documents. Two documents are parsed first and not counted (imports, and the
caches of distinct texts that any long-running worker has warm). The fastest run of a
document rarely holds a full garbage collection; the mean over one pass does, and is what a
worker pays per document (its throughput).

By default the process is set up as a batch worker is (`unitbudget.batch`: what is loaded
before the first document frozen out of the collector, the worker's collector thresholds);
`--default-gc` measures with Python's defaults instead.

Stages, wrapped around the orchestrator's steps: the text reader (decode, pages, regions, the
numeric tokens of the parse report), the table parsers, the parse report (`_collect`) and
the program links. The wrappers cost a little; the total is measured without them.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from unitbudget.batch import worker_gc  # noqa: E402
from unitbudget.loaders.dispatch import parse_file  # noqa: E402

STAGES = (
    ("unitbudget.loaders.readers.text", "read_text_document", "text reader"),
    ("unitbudget.loaders.unit_budget", "_parse_regions", "table parsers"),
    ("unitbudget.loaders.unit_budget", "_collect", "parse report"),
    ("unitbudget.loaders.unit_budget", "_link_programs", "program links"),
)


def per_document(paths: list[Path], repeat: int) -> tuple[list[float], list[float]]:
    """(fastest CPU seconds, matching wall seconds) per document."""
    cpu, wall = [], []
    for path in paths:
        best = (float("inf"), 0.0)
        for _ in range(repeat):
            c, w = time.process_time(), time.perf_counter()
            parse_file(path)
            best = min(best, (time.process_time() - c, time.perf_counter() - w))
        cpu.append(best[0])
        wall.append(best[1])
    return cpu, wall


def stage_split(paths: list[Path], repeat: int) -> dict[str, float]:
    """CPU ms per document in each stage, the least of `repeat` passes over the documents
    (wrapped functions restored after)."""
    runs = [_one_split(paths) for _ in range(repeat)]
    return {label: min(run[label] for run in runs) for label in runs[0]}


def _one_split(paths: list[Path]) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)
    restore: list[Callable[[], None]] = []
    for module_name, name, label in STAGES:
        module = importlib.import_module(module_name)
        original = getattr(module, name)

        def timed(*args, _original=original, _label=label, **kwargs):  # noqa: ANN002, ANN003, ANN202
            start = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label] += time.process_time() - start

        setattr(module, name, timed)
        restore.append(lambda m=module, n=name, o=original: setattr(m, n, o))
    try:
        start = time.process_time()
        for path in paths:
            parse_file(path)
        total = time.process_time() - start
    finally:
        for undo in restore:
            undo()
    out = {label: spent[label] / len(paths) * 1000 for _, _, label in STAGES}
    out["other (dispatch, hashing, checks)"] = total / len(paths) * 1000 - sum(out.values())
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="cProfile with a CPU timer")
    ap.add_argument("--default-gc", action="store_true", help="Python's collector settings")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="unitbudget-parse-") as tmp:
        paths = corpus.build(Path(tmp), args.docs + 2)
        for path in paths[:2]:
            parse_file(path)
        paths = paths[2:]
        if not args.default_gc:
            gc.freeze()
            worker_gc()
        start = time.process_time()
        for path in paths:
            parse_file(path)
        mean = (time.process_time() - start) / len(paths)
        cpu, wall = per_document(paths, args.repeat)
        stages = stage_split(paths, args.repeat)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        print(
            f"collector: {'Python defaults' if args.default_gc else 'as a batch worker'}; "
            f"mean CPU per document over one pass: {mean * 1000:.1f} ms"
        )
        print(
            f"parse CPU per document ({len(paths)} documents, best of {args.repeat}): "
            f"median {statistics.median(cpu) * 1000:.1f} ms, "
            f"min {min(cpu) * 1000:.1f} ms; wall median {statistics.median(wall) * 1000:.1f} ms"
        )
        for label, ms in stages.items():
            print(f"  {label:<36} {ms:6.1f} ms")
        if args.profile:
            profile = cProfile.Profile(time.process_time)
            profile.enable()
            for path in paths:
                parse_file(path)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
