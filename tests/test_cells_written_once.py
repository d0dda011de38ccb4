"""Cells are written once, when made: readers share one padding cell among many positions.

`Cell` and `PrintedCell` are plain slotted dataclasses (a frozen dataclass pays a dict per
instance or a call per field, ~8% of a parsing worker's CPU: bench/README.md, round 6), so
nothing stops a write at run time. These tests make every write after construction fail while
the sample, the PDF book and the DGBAS workbooks are parsed, so a parser that rewrites a
shared cell is caught here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget.loaders.dispatch import parse_file
from unitbudget.loaders.prepared import prepare
from unitbudget.loaders.regions import Cell
from unitbudget.loaders.tables.base import PrintedCell

from .conftest import BOOK, DATA, SAMPLE


def _written_once(monkeypatch: pytest.MonkeyPatch, cls: type) -> None:
    """Writes to `cls` instances raise, but inside its own __init__."""
    building: set[int] = set()
    made = cls.__init__

    def init(self: object, *args: object, **kwargs: object) -> None:
        building.add(id(self))
        try:
            made(self, *args, **kwargs)
        finally:
            building.discard(id(self))

    def setattr_(self: object, name: str, value: object) -> None:
        if id(self) not in building:
            raise AssertionError(f"{cls.__name__}.{name} written after it was made")
        object.__setattr__(self, name, value)

    def delattr_(self: object, name: str) -> None:
        raise AssertionError(f"{cls.__name__}.{name} deleted")

    monkeypatch.setattr(cls, "__init__", init)
    monkeypatch.setattr(cls, "__setattr__", setattr_)
    monkeypatch.setattr(cls, "__delattr__", delattr_)


def test_the_guard_catches_a_write(monkeypatch: pytest.MonkeyPatch) -> None:
    _written_once(monkeypatch, Cell)
    cell = Cell("1", 1, 2)
    assert (cell.text, cell.page, cell.line, cell.box) == ("1", 1, 2, None)
    with pytest.raises(AssertionError, match="Cell.text written"):
        cell.text = "2"


@pytest.mark.parametrize(
    "path", [SAMPLE, BOOK, *sorted(DATA.glob("*.xls*"))], ids=lambda p: Path(p).name
)
def test_no_reader_or_parser_writes_a_cell_after_making_it(
    monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    _written_once(monkeypatch, Cell)
    _written_once(monkeypatch, PrintedCell)
    doc = parse_file(path)
    assert doc.cells or doc.facts
    prepare(doc)
