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


# The stage a document is loaded as when neither --stage nor the document itself says one.
ASSUMED_STAGE = "enacted"


def stage_assumed_issue(where: str, table_slug: str | None = None) -> LoadIssue:
    """The `stage_assumed` info issue: loaded as ASSUMED_STAGE because neither --stage nor
    `where` (the part of the document that would say it) states the stage."""
    return LoadIssue(
        "info",
        "stage_assumed",
        f"loaded as {ASSUMED_STAGE}: neither --stage nor {where} states the stage",
        table_slug,
    )
