"""Discovers the table parsers (every module in loaders/tables/ that defines PARSER) and picks
the ones that recognise a region."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache

from . import tables
from .regions import Region
from .tables.base import TableParser


@cache
def parsers() -> tuple[TableParser, ...]:
    found: list[TableParser] = []
    for info in pkgutil.iter_modules(tables.__path__):
        if info.name.startswith("_") or info.name == "base":
            continue
        module = importlib.import_module(f"{tables.__name__}.{info.name}")
        parser = getattr(module, "PARSER", None)
        if isinstance(parser, TableParser):
            found.append(parser)
    return tuple(sorted(found, key=lambda p: (p.order, p.slug)))


# (the recognisers, what they read of a region) -> indices of the recognisers that take it.
# Every document of a batch prints the same titles and header blocks, so each distinct one is
# tried against every parser once. Cleared whole when full: distinct headings are few.
_CHOSEN: dict[tuple, tuple[int, ...]] = {}
_CHOSEN_SIZE = 1 << 12


def recognition_key(region: Region) -> tuple:
    """All a parser's `matches` may read of a region (the `TableParser.matches` contract):
    its kind, title, printed title and the texts of its header rows."""
    return (
        region.kind,
        region.title,
        region.printed_title,
        tuple(tuple(c.text for c in row.cells) for row in region.header_rows),
    )


def recognising(region: Region, candidates: tuple[TableParser, ...]) -> list[TableParser]:
    """The parsers of `candidates` whose `matches` takes `region`, in the candidates' order:
    exactly `[p for p in candidates if p.matches(region)]`, each recognition key tried once
    per set of recognisers (a candidate replaced with another `parse` keeps its answer)."""
    recognisers: tuple[Callable[[Region], bool], ...] = tuple(p.matches for p in candidates)
    key = (recognisers, recognition_key(region))
    chosen = _CHOSEN.get(key)
    if chosen is None:
        chosen = tuple(i for i, matches in enumerate(recognisers) if matches(region))
        if len(_CHOSEN) >= _CHOSEN_SIZE:
            _CHOSEN.clear()
        _CHOSEN[key] = chosen
    return [candidates[i] for i in chosen]
