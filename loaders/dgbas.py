"""DGBAS 歲出機關別預算表 workbook -> ParsedDocument (accounts and their amounts by stage).

A workbook of year Y states Y (its own stage, enacted for DGBAS's C tables unless `stage`
says otherwise), Y-1 enacted (上年度預算數) and Y-2 actual (前年度決算數).
"""

from __future__ import annotations

from pathlib import Path

from .dispatch import sha256_of
from .issues import LoadIssue
from .parsed import ParsedDocument, TableReport
from .readers.dgbas import TITLE, read_workbook

KIND = "dgbas_expenditure"


def parse_dgbas_workbook(
    path: Path, data: bytes, *, stage: str | None = None, fiscal_year: int | None = None
) -> ParsedDocument:
    wb = read_workbook(path, fiscal_year=fiscal_year)
    own_stage = stage or "enacted"
    # (amount key, year offset, stage) for each column the workbook may carry
    columns = [
        ("this_year", 0, own_stage),
        ("last_year", -1, "enacted"),
        ("year_before_actual", -2, "actual"),
    ]
    accounts, amounts = [], []
    for a in wb.accounts:
        accounts.append(
            {
                "account_code": a.code,
                "fiscal_year": wb.fiscal_year,
                "name": a.name,
                "level": a.level,
                "kuan": a.kuan,
                "xiang": a.xiang,
                "mu": a.mu,
                "jie": a.jie,
                "parent_code": a.parent_code,
                "description": a.description or None,
                "sheet_row": a.sheet_row,
            }
        )
        for key, offset, st in columns:
            if key in a.amounts:
                amounts.append(
                    {
                        "account_code": a.code,
                        "fiscal_year": wb.fiscal_year + offset,
                        "stage": st,
                        "amount": a.amounts[key],
                        "source_column": key,
                        "sheet_row": a.sheet_row,
                    }
                )
    issues = list(wb.issues)
    if wb.code_rows != len(accounts):
        issues.append(
            LoadIssue(
                "error",
                "incomplete",
                f"{wb.code_rows} rows carry an account code but {len(accounts)} accounts were read",
                "expenditure_by_agency",
            )
        )
    doc = ParsedDocument(
        kind=KIND,
        file_name=path.name,
        sha256=sha256_of(data),
        fiscal_year=wb.fiscal_year,
        stage=own_stage,
        agency_name="中央政府總預算",
        line_count=max((a.sheet_row for a in wb.accounts), default=0),
        page_count=1,
        issues=issues,
    )
    doc.add_facts("accounts", accounts, KIND)
    doc.add_facts("account_amounts", amounts, KIND)
    doc.tables.append(
        TableReport(
            table_seq=1,
            slug="expenditure_by_agency",
            title=TITLE,
            first_page=None,
            last_page=None,
            first_line=None,
            last_line=None,
            row_count=len(accounts),
            cell_count=0,
            numeric_tokens=wb.code_rows,
            captured_tokens=len(accounts),
        )
    )
    return doc
