"""Benchmark: CPU time of each table parser per seed-sized document, costliest first.

    python bench/parse_parsers.py                 # 20 corpus variants, best of 3 per document
    python bench/parse_parsers.py --docs 40 --repeat 5

Every document is parsed whole (`parse_file`, the reader untimed) in `--repeat` passes over
the corpus, as bench/parse.py's stage split does, with every registered parser wrapped: its
`parse` is timed per call and its `matches` (recognising a region: the registry's dispatch)
summed into one dispatch row. Program links (`_link_programs`) get a row of their own, and so
does the orchestrator's loop around the parsers (`_parse_regions` less what it calls). Per
document and row the fastest pass counts; the table shows the mean and the median over
documents (ms of CPU, `time.process_time`), the calls per document, and the share of the
total. Two documents are parsed first and not counted, and the process is set up as a batch
worker (`unitbudget.batch.worker_gc`), as in bench/parse.py. The wrappers cost ~1 us a call.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import os
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
from unitbudget.loaders import unit_budget  # noqa: E402
from unitbudget.loaders.dispatch import parse_file  # noqa: E402
from unitbudget.loaders.tables.base import TableParser  # noqa: E402

DISPATCH = "(dispatch: every parser's matches)"
LINKS = "(program links)"
REGIONS = "(_parse_regions around the parsers)"


class Timer:
    """CPU seconds and calls per row label within one run of the orchestrator."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, label: str, fn: Callable) -> Callable:
        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[label] += time.process_time() - start
                self.calls[label] += 1

        return timed


def _instrumented(timer: Timer, originals: tuple[TableParser, ...]) -> tuple[TableParser, ...]:
    return tuple(
        dataclasses.replace(
            p,
            matches=timer.wrap(DISPATCH, p.matches),
            parse=timer.wrap(p.slug, p.parse),
        )
        for p in originals
    )


# Wrapped once, as a worker's registry is loaded once: the registry's memo of recognised
# headings is keyed by the recognisers, and new wrappers per run would defeat it.
TIMER = Timer()
WRAPPED = _instrumented(TIMER, unit_budget.parsers())
TIMED_LINKS = TIMER.wrap(LINKS, unit_budget._link_programs)
TIMED_REGIONS = TIMER.wrap(REGIONS, unit_budget._parse_regions)


def one_run(path: Path) -> Timer:
    """Parse the file at `path` once (reader included, untimed) with every parser timed; the
    orchestrator restored after."""
    TIMER.spent.clear()
    TIMER.calls.clear()
    saved_parsers, saved_links = unit_budget.parsers, unit_budget._link_programs
    saved_regions = unit_budget._parse_regions
    unit_budget.parsers = lambda: WRAPPED  # type: ignore[assignment]
    unit_budget._link_programs = TIMED_LINKS  # type: ignore[assignment]
    unit_budget._parse_regions = TIMED_REGIONS  # type: ignore[assignment]
    try:
        parse_file(path)
    finally:
        unit_budget.parsers = saved_parsers  # type: ignore[assignment]
        unit_budget._link_programs = saved_links  # type: ignore[assignment]
        unit_budget._parse_regions = saved_regions  # type: ignore[assignment]
    # the orchestrator's own share: _parse_regions less the parsers and dispatch inside it
    inside = sum(v for k, v in TIMER.spent.items() if k not in (LINKS, REGIONS))
    TIMER.spent[REGIONS] -= inside
    snapshot = Timer()
    snapshot.spent.update(TIMER.spent)
    snapshot.calls.update(TIMER.calls)
    return snapshot


def measure(paths: list[Path], repeat: int) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Per row label, the fastest CPU ms of each document over `repeat` passes over all the
    documents (0 where the document has no such table), and the mean calls per document.

    Whole passes, as bench/parse.py's stage split does: a document parsed again right away
    finds the processor's caches warm with its own data and reads 30-40 % faster than in a
    batch, where the reader and other documents ran in between."""
    runs = [[one_run(path) for path in paths] for _ in range(repeat)]
    per_doc: dict[str, list[float]] = defaultdict(list)
    calls: dict[str, float] = defaultdict(float)
    labels = {label for run in runs for timer in run for label in timer.spent}
    for n in range(len(paths)):
        for label in labels:
            per_doc[label].append(min(run[n].spent.get(label, 0.0) for run in runs) * 1000)
            calls[label] += runs[0][n].calls.get(label, 0) / len(paths)
    return per_doc, calls


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="unitbudget-parsers-") as tmp:
        paths = corpus.build(Path(tmp), args.docs + 2)
        measure(paths[:2], 1)
        gc.freeze()
        worker_gc()
        per_doc, calls = measure(paths[2:], args.repeat)
    means = {label: statistics.fmean(ms) for label, ms in per_doc.items()}
    total = sum(means.values())
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(
        f"table parsers + dispatch + program links, CPU per document ({args.docs} documents, "
        f"best of {args.repeat} per document): {total:.2f} ms"
    )
    print(f"  {'parser':<38} {'mean ms':>8} {'median':>8} {'calls':>6} {'share':>6}")
    for label in sorted(means, key=lambda k: -means[k]):
        ms = per_doc[label]
        print(
            f"  {label:<38} {means[label]:8.2f} {statistics.median(ms):8.2f} "
            f"{calls[label]:6.1f} {means[label] / total:6.1%}"
        )


if __name__ == "__main__":
    main()
