"""Reference charts (object classes, economic classes ...) as the parsers read them.

One place for the parsers: the charts are read from the initial migration's seed lists until
they move to schema/ (then only this module changes).
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any


@cache
def seed(name: str) -> tuple[Any, ...]:
    """A reference chart as seeded by the initial migration (one source for the charts)."""
    module = importlib.import_module("unitbudget.migrations.versions.0001_initial")
    return tuple(getattr(module, name))
