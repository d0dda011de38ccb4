"""Load issues: warnings and gaps found while reading a document, kept in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class LoadIssue:
    severity: Severity
    code: str
    message: str
    table_slug: str | None = None
    page: int | None = None
    line: int | None = None
    sheet_row: int | None = None
