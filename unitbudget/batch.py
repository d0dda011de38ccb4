"""Parsing many files: in worker processes when asked, streamed so memory stays flat.

Parsing is pure and CPU-bound, so it runs in `jobs` processes; writing stays in the calling
process (DuckDB allows one writer). At most `window` (by default 2 x jobs) documents are
submitted or parsed and waiting for the writer.
With `prepared`, workers also check each document's columns and keys and hand back Arrow
tables (`PreparedDocument`), so the writer does no per-row work. A `known` callback answers a
file in the calling process before any worker parses it (a sha256 already loaded).
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from .errors import UnitBudgetError

# (path, ParsedDocument | PreparedDocument | UnitBudgetError | what `known` answered)
Parsed = tuple[Path, object]


# Collector settings of a parsing worker: a seed document allocates ~10^5 short-lived objects
# (cells, rows, strings) and frees them by reference counting; at the default threshold (700)
# the collector ran ~12 young collections per document and a full one every ~10 documents,
# ~15% of a worker's CPU time (measured under load, bench/README.md).
WORKER_GC_THRESHOLDS = (20_000, 20, 20)


def worker_gc() -> None:
    """Garbage-collector settings of a parsing worker (`WORKER_GC_THRESHOLDS`). Cycles are
    still collected, only less often; bench/parse.py measures with the same settings."""
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def _start_worker() -> None:
    """Workers leave Ctrl-C to the writing process, which stops and reports; no worker traces."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker_gc()


def _parse_one(path: Path, stage: str | None, fiscal_year: int | None, prepared: bool) -> object:
    from unitbudget.loaders.dispatch import parse_file
    from unitbudget.loaders.prepared import prepare

    try:
        doc = parse_file(path, stage=stage, fiscal_year=fiscal_year)
        return prepare(doc) if prepared else doc
    except UnitBudgetError as exc:
        return exc


def _warm_up() -> None:
    """Import the parsers, the reference charts, the schema and Arrow before the workers fork,
    so each worker starts with them loaded instead of importing them again: also the readers
    (sniffing any file imports the PDF reader and PDFium) and the writer's key checks that
    `prepare` uses (with the comparison module they import), ~0.1 s per worker otherwise."""
    import pyarrow  # noqa: F401

    from unitbudget.loaders import dispatch, prepared, registry, unit_budget, writer  # noqa: F401
    from unitbudget.loaders.readers import pdf, text  # noqa: F401

    registry.parsers()
    # What is loaded now lives as long as the batch: frozen, the collector never walks it
    # again (a full collection walked ~70,000 objects, 45 ms under load), and forked workers
    # share its pages instead of copying them when the collector touches them. Garbage
    # cycles are collected first so that none is frozen with them.
    gc.collect()
    gc.freeze()


@contextmanager
def system_arrow_memory() -> Iterator[None]:
    """Arrow buffers allocated inside come from the C library's allocator, as before after.

    A batch's hand-over allocates and frees ~0.2 MB of Arrow buffers per document (unpickled
    tables, a group's merged tables); Arrow's default pool (mimalloc) kept the freed memory,
    ~16 MB more peak RSS at 1,000 documents, with no CPU difference measured (bench/README.md,
    round 5). Process-wide while it lasts; buffers remember their pool, so freeing one after
    is safe.
    """
    import pyarrow as pa

    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def parse_stream(
    paths: Iterable[Path],
    *,
    jobs: int = 1,
    stage: str | None = None,
    fiscal_year: int | None = None,
    prepared: bool = False,
    known: Callable[[Path], object | None] | None = None,
    window: int | None = None,
) -> Iterator[Parsed]:
    """Yield (path, parsed document or the error refusing it), in the order given.

    With `prepared` the document comes as a `PreparedDocument` (columns and keys checked, Arrow
    tables; a book with 附錄 units stays a ParsedDocument); a column or key problem is then the
    `ParseError` yielded for the file. When `known(path)` returns something, that is yielded
    for the file instead and it is not parsed.
    """

    def answered(path: Path) -> object | None:
        return known(path) if known is not None else None

    if jobs <= 1:
        for path in paths:
            ready = answered(path)
            if ready is None:
                ready = _parse_one(path, stage, fiscal_year, prepared)
            yield path, ready
        return
    _warm_up()
    limit = max(window or 0, 2 * jobs)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker)
    try:
        pending: deque[tuple[Path, Future[object] | object]] = deque()

        def result(item: Future[object] | object) -> object:
            return item.result() if isinstance(item, Future) else item

        for path in paths:
            ready = answered(path)
            if ready is None:
                ready = pool.submit(_parse_one, path, stage, fiscal_year, prepared)
            pending.append((path, ready))
            if len(pending) >= limit:
                done_path, item = pending.popleft()
                yield done_path, result(item)
        while pending:
            done_path, item = pending.popleft()
            yield done_path, result(item)
    finally:
        # Stopped early (Ctrl-C, or the caller closed us): parse nothing more.
        pool.shutdown(wait=True, cancel_futures=True)
        # A caller that lives on (a notebook, a server) gets its collector back as it was:
        # cycles among what _warm_up froze are collectable again.
        gc.unfreeze()
