"""Discovers the table parsers: every module in loaders/tables/ that defines PARSER."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from . import tables
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
