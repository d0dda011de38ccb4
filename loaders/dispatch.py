"""Recognise a file by its content and hand it to the right reader and parsers."""

from __future__ import annotations

import hashlib
from pathlib import Path

from unitbudget.errors import InputError

from .parsed import ParsedDocument

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
_ZIP = b"PK\x03\x04"  # .xlsx


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise InputError("is a directory", file=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from exc


def parse_file(
    path: str | Path, *, stage: str | None = None, fiscal_year: int | None = None
) -> ParsedDocument:
    """Parse one file into a ParsedDocument; raises InputError / RefusedInput / ParseError."""
    path = Path(path)
    data = read_bytes(path)
    if not data:
        raise InputError("empty file", file=str(path))
    if data.startswith(_OLE2) or data.startswith(_ZIP):
        from .dgbas import parse_dgbas_workbook

        return parse_dgbas_workbook(path, data, stage=stage, fiscal_year=fiscal_year)
    from .unit_budget import parse_unit_budget

    return parse_unit_budget(data, path.name, stage=stage)
