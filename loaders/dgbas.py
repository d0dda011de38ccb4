"""DGBAS workbook -> ParsedDocument: accounts and their amounts by stage, for each table kind.

A workbook of year Y states Y (its own stage: as the title says — 預算案 proposed, 法定預算
enacted, 決算 actual — else `stage`, else enacted), Y-1 enacted (上年度預算數) and Y-2 actual
(前年度決算數). 歲出機關別 rows go to accounts / account_amounts, 歲入來源別 rows to
revenue_accounts / revenue_amounts, 歲出政事別 rows to function_accounts / function_amounts.
The budget (總預算 or a named 特別預算 / 追加(減)預算) is recorded on the document, so a special
budget never takes the general budget's place.
"""

from __future__ import annotations

from pathlib import Path

from .dispatch import sha256_of
from .issues import ASSUMED_STAGE, LoadIssue, stage_assumed_issue
from .parsed import ParsedDocument, TableReport
from .readers.dgbas import DgbasWorkbook, read_workbook
from .recognise import TABLE_TITLES, TableKind, fold_name

KIND = "dgbas_expenditure"
# Document kind and fact tables (accounts, amounts) of each DGBAS table.
KINDS: dict[TableKind, tuple[str, str, str]] = {
    "expenditure_by_agency": ("dgbas_expenditure", "accounts", "account_amounts"),
    "revenue_by_source": ("dgbas_revenue", "revenue_accounts", "revenue_amounts"),
    "expenditure_by_function": ("dgbas_function", "function_accounts", "function_amounts"),
}


def _stage(wb: DgbasWorkbook, given: str | None) -> tuple[str, list[LoadIssue]]:
    """`given` (--stage) wins; a title that says otherwise is reported, never ignored."""
    issues: list[LoadIssue] = []
    if given and wb.stage and given != wb.stage:
        issues.append(
            LoadIssue(
                "warning",
                "stage_mismatch",
                f"the title states the {wb.stage} stage but {given} was given; using {given}",
                wb.table,
            )
        )
    if not given and not wb.stage:
        issues.append(stage_assumed_issue("the printed title", wb.table))
    return given or wb.stage or ASSUMED_STAGE, issues


def parse_dgbas_workbook(
    path: Path,
    data: bytes,
    *,
    stage: str | None = None,
    fiscal_year: int | None = None,
    sha256: str | None = None,
) -> ParsedDocument:
    """Parse one DGBAS workbook (any of the three tables) from `data`, the bytes of `path`
    (read once by the dispatcher; the file is not opened again). Amounts in 千元.

    `sha256` is the file's hash when the caller already has it (the dispatcher hashes every
    file once); otherwise it is computed from `data`.

    Raises InputError / RefusedInput / ParseError from the reader.
    """
    wb = read_workbook(path, fiscal_year=fiscal_year, data=data)
    own_stage, stage_issues = _stage(wb, stage)
    kind, account_table, amount_table = KINDS[wb.table]
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
                "name_folded": fold_name(a.name),
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
    issues = list(wb.issues) + stage_issues
    if wb.code_rows != len(accounts):
        issues.append(
            LoadIssue(
                "error",
                "incomplete",
                f"{wb.code_rows} rows carry an account code but {len(accounts)} accounts were read",
                wb.table,
            )
        )
    doc = ParsedDocument(
        kind=kind,
        file_name=path.name,
        sha256=sha256 or sha256_of(data),
        fiscal_year=wb.fiscal_year,
        stage=own_stage,
        agency_name=wb.budget.name,
        budget_name=wb.budget.name,
        line_count=max((a.sheet_row for a in wb.accounts), default=0),
        page_count=1,
        issues=issues,
    )
    doc.reference_rows["budgets"] = [{"budget_name": wb.budget.name, "budget_kind": wb.budget.kind}]
    doc.add_facts(account_table, accounts, kind)
    doc.add_facts(amount_table, amounts, kind)
    doc.tables.append(
        TableReport(
            table_seq=1,
            slug=wb.table,
            title=TABLE_TITLES[wb.table],
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
