"""Recognise a file by its content and hand it to the right reader: one ordered registry.

Each reader is a plug-in: `sniff(data, file_name)` says whether it takes the file (by its
bytes; the name only breaks ties), `parse(request)` turns it into a ParsedDocument. Unit-budget
readers (the PDF book, the text rendering) read into format-neutral Regions and share the
orchestrator and table parsers of `unit_budget.parse_source`; the DGBAS workbook reader reads
one whole-government table into account rows. The file is read and hashed once, here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ParseRequest:
    """One file to parse: its bytes (read once), their sha256, and the user's overrides."""

    path: Path
    data: bytes
    sha256: str
    stage: str | None = None
    fiscal_year: int | None = None


@dataclass(frozen=True)
class Reader:
    """A reader plug-in: which files it takes, and how it parses them."""

    name: str
    sniff: Callable[[bytes, str], bool]
    parse: Callable[[ParseRequest], ParsedDocument]


def _is_workbook(data: bytes, file_name: str) -> bool:
    return data.startswith(_OLE2) or data.startswith(_ZIP)


def _parse_workbook(req: ParseRequest) -> ParsedDocument:
    from .dgbas import parse_dgbas_workbook

    return parse_dgbas_workbook(
        req.path, req.data, stage=req.stage, fiscal_year=req.fiscal_year, sha256=req.sha256
    )


def _is_pdf(data: bytes, file_name: str) -> bool:
    from .readers.pdf import sniff_pdf

    return sniff_pdf(data, file_name)


def _parse_pdf(req: ParseRequest) -> ParsedDocument:
    from .readers.pdf import read_pdf_document
    from .unit_budget import parse_source

    return parse_source(read_pdf_document(req.data, req.path.name), req.sha256, stage=req.stage)


def _any(data: bytes, file_name: str) -> bool:
    return True  # the text reader refuses what it cannot read, naming the file


def _parse_text(req: ParseRequest) -> ParsedDocument:
    from .readers.text import read_text_document
    from .unit_budget import parse_source

    return parse_source(read_text_document(req.data, req.path.name), req.sha256, stage=req.stage)


# Ordered: the first reader whose sniff accepts the file reads it; the text reader comes last.
READERS: tuple[Reader, ...] = (
    Reader("pdf", _is_pdf, _parse_pdf),
    Reader("dgbas_workbook", _is_workbook, _parse_workbook),
    Reader("text", _any, _parse_text),
)


def reader_for(data: bytes, file_name: str) -> Reader:
    """The first registered reader that takes the file."""
    return next(r for r in READERS if r.sniff(data, file_name))


def parse_file(
    path: str | Path, *, stage: str | None = None, fiscal_year: int | None = None
) -> ParsedDocument:
    """Parse one file into a ParsedDocument; raises InputError / RefusedInput / ParseError."""
    path = Path(path)
    data = read_bytes(path)
    if not data:
        raise InputError("empty file", file=str(path))
    req = ParseRequest(path, data, sha256_of(data), stage=stage, fiscal_year=fiscal_year)
    return reader_for(data, path.name).parse(req)
