"""Benchmark: CPU per document of a parsing worker, one pass in a fresh process.

    python bench/worker_cpu.py --docs 200                # CPU ms per document
    python bench/worker_cpu.py --docs 200 --profile 30   # and the 30 costliest functions

What `api.load(..., jobs=2)` asks of each worker: the process is set up as the pool sets it up
(`batch._warm_up` before the fork: imports, then what is loaded frozen out of the collector;
`batch.worker_gc` thresholds), then every document is parsed once with `batch._parse_one(...,
prepared=True)` and pickled as the pool pickles it. Unlike bench/parse.py (best of 3, warm
caches), each document is seen once, so caches keyed by text start cold as in a worker.
The corpus is bench/corpus.py's, agencies x 20 years as bench/run.py builds it.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from unitbudget import batch  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--corpus", type=Path, help="directory to build (or reuse) the corpus in")
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    ap.add_argument(
        "--arrow-pool",
        choices=("system", "default"),
        default="system",
        help="Arrow's allocator: the C library's, as a batch's workers inherit it from "
        "api.load (batch.system_arrow_memory), or Arrow's default",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="unitbudget-worker-") as tmp:
        where = args.corpus or Path(tmp)
        # Spread over the corpus of 1,000 (50 agencies x 20 years): every 5th file, so the
        # first N of a run are the first N of any longer run.
        paths = corpus.build(where, 1000, 20)[::5][: args.docs]
        if args.arrow_pool == "system":
            import pyarrow as pa

            pa.set_memory_pool(pa.system_memory_pool())
        batch._warm_up()
        batch.worker_gc()
        profile = cProfile.Profile(time.process_time) if args.profile else None
        parse_cpu = pickle_cpu = 0.0
        size = 0
        if profile:
            profile.enable()
        for path in paths:
            c0 = time.process_time()
            out = batch._parse_one(path, None, None, True)
            c1 = time.process_time()
            size += len(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
            c2 = time.process_time()
            parse_cpu += c1 - c0
            pickle_cpu += c2 - c1
        if profile:
            profile.disable()
        n = len(paths)
        print(
            f"{n} documents, one pass: parse+prepare {parse_cpu / n * 1000:.2f} ms, "
            f"pickling {pickle_cpu / n * 1000:.2f} ms, {size / n / 1024:.0f} KiB handed over "
            f"per document; Arrow pool {args.arrow_pool}; load average {os.getloadavg()[0]:.1f}"
        )
        if profile:
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
