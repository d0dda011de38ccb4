"""Parsing many files: in worker processes when asked, streamed so memory stays flat.

Parsing is pure and CPU-bound, so it runs in `jobs` processes; writing stays in the calling
process (DuckDB allows one writer). At most 2 x jobs parsed documents wait for the writer.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from .errors import UnitBudgetError

Parsed = tuple[Path, object]  # (path, ParsedDocument | UnitBudgetError)


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the writing process, which stops and reports; no worker traces."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _parse_one(path: Path, stage: str | None, fiscal_year: int | None) -> object:
    from unitbudget.loaders.dispatch import parse_file

    try:
        return parse_file(path, stage=stage, fiscal_year=fiscal_year)
    except UnitBudgetError as exc:
        return exc


def parse_stream(
    paths: Iterable[Path],
    *,
    jobs: int = 1,
    stage: str | None = None,
    fiscal_year: int | None = None,
) -> Iterator[Parsed]:
    """Yield (path, parsed document or the error refusing it), in the order given."""
    if jobs <= 1:
        for path in paths:
            yield path, _parse_one(path, stage, fiscal_year)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupt)
    try:
        pending: deque[tuple[Path, Future[object]]] = deque()
        for path in paths:
            pending.append((path, pool.submit(_parse_one, path, stage, fiscal_year)))
            if len(pending) >= 2 * jobs:
                done_path, fut = pending.popleft()
                yield done_path, fut.result()
        while pending:
            done_path, fut = pending.popleft()
            yield done_path, fut.result()
    finally:
        # Stopped early (Ctrl-C, or the caller closed us): parse nothing more.
        pool.shutdown(wait=True, cancel_futures=True)
