"""Documents, their parse report, the cells exactly as printed, and load issues (provenance)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Integer,
    Numeric,
    Sequence,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code, document_fk, line, page, text

document_id_seq = Sequence("documents_document_id_seq", schema="core")

STAGES = ("proposed", "enacted", "actual")
KINDS = ("unit_budget", "dgbas_expenditure", "dgbas_revenue", "dgbas_function")


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("stage IN ('proposed', 'enacted', 'actual')", name="stage"),
        CheckConstraint(
            "kind IN ('unit_budget', 'dgbas_expenditure', 'dgbas_revenue', 'dgbas_function')",
            name="kind",
        ),
        {"comment": "One row per loaded source file (a unit budget or a DGBAS workbook)."},
    )

    document_id: Mapped[int] = mapped_column(
        Integer,
        document_id_seq,
        primary_key=True,
        server_default=document_id_seq.next_value(),
        comment="Surrogate id; every fact carries it.",
    )
    kind: Mapped[str] = mapped_column(
        String(32),
        comment="unit_budget (單位預算), dgbas_expenditure (歲出機關別預算表), dgbas_revenue "
        "(歲入來源別預算表) or dgbas_function (歲出政事別預算表).",
    )
    file_name: Mapped[str] = mapped_column(Text, comment="File name as given to load.")
    sha256: Mapped[str] = mapped_column(
        String(64),
        unique=True,
        comment="SHA-256 of the file bytes; loading the same bytes twice is a no-op.",
    )
    encoding: Mapped[str | None] = text("Detected text encoding (utf-8, utf-16, cp950...).")
    agency_code: Mapped[str | None] = code(
        10, "10-digit agency account code (e.g. 0062200000); NULL for whole-government tables."
    )
    agency_name: Mapped[str | None] = text("Agency name as printed (e.g. 數位發展部數位產業署).")
    fiscal_year: Mapped[int] = mapped_column(Integer, comment="ROC fiscal year (112 = 2023).")
    stage: Mapped[str] = mapped_column(
        String(16), comment="proposed (預算案), enacted (法定預算) or actual (決算)."
    )
    budget_name: Mapped[str] = mapped_column(
        String(200),
        server_default="中央政府總預算",
        comment="Budget the document belongs to (budgets.budget_name): 中央政府總預算 or a named "
        "特別預算 / 追加(減)預算.",
    )
    parser_version: Mapped[str] = mapped_column(
        String(32), comment="unitbudget parser version that loaded it."
    )
    loaded_at: Mapped[datetime] = mapped_column(DateTime, comment="When the load committed (UTC).")
    page_count: Mapped[int | None] = mapped_column(
        Integer, comment="Printed pages (or sheets) read."
    )
    line_count: Mapped[int | None] = mapped_column(Integer, comment="Lines (or sheet rows) read.")
    parent_document_id: Mapped[int | None] = mapped_column(
        Integer,
        comment="For a 附錄 unit of a book (a subordinate unit printing its own tables): the "
        "document of the book; NULL for a book or workbook itself.",
    )
    unit_name: Mapped[str | None] = text(
        "Name of the 附錄 unit as printed (e.g. 內政部 for 附錄(一)); NULL for a whole book."
    )


class DocumentTable(Base):
    __tablename__ = "document_tables"
    __table_args__ = {"comment": "Parse report: each published table found in a document."}

    document_id: Mapped[int] = document_fk()
    table_seq: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="Order of the table in the document."
    )
    slug: Mapped[str] = mapped_column(
        String(64), comment="Stable English name of the published table."
    )
    title: Mapped[str | None] = text("Title as printed (halves joined).")
    first_page: Mapped[int | None] = page()
    last_page: Mapped[int | None] = page()
    first_line: Mapped[int | None] = line()
    last_line: Mapped[int | None] = line()
    row_count: Mapped[int] = mapped_column(Integer, comment="Body rows parsed.")
    cell_count: Mapped[int] = mapped_column(Integer, comment="Printed cells stored.")
    numeric_tokens: Mapped[int] = mapped_column(
        Integer, comment="Numeric tokens seen in the table's lines."
    )
    captured_tokens: Mapped[int] = mapped_column(
        Integer, comment="Numeric tokens captured in a cell."
    )


class PrintedCell(Base):
    __tablename__ = "printed_cells"
    __table_args__ = {
        "comment": "Every cell of every published table exactly as printed; only comparison views read it."
    }

    document_id: Mapped[int] = document_fk()
    table_slug: Mapped[str] = mapped_column(
        String(64), primary_key=True, comment="Published table slug."
    )
    row_key: Mapped[str] = mapped_column(
        String(200), primary_key=True, comment="Stable row identity (code or label)."
    )
    column_key: Mapped[str] = mapped_column(
        String(100), primary_key=True, comment="Stable column identity."
    )
    row_order: Mapped[int] = mapped_column(Integer, comment="Printed row order within the table.")
    column_order: Mapped[int] = mapped_column(Integer, comment="Printed column order.")
    text: Mapped[str] = mapped_column(Text, comment="Cell text exactly as printed.")
    value: Mapped[float | None] = mapped_column(
        Numeric(20, 4), comment="Parsed exact value; '-' is 0; NULL when not a number."
    )
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


load_issue_seq = Sequence("load_issues_issue_id_seq", schema="core")


class LoadIssueRow(Base):
    __tablename__ = "load_issues"
    __table_args__ = (
        CheckConstraint("severity IN ('error', 'warning', 'info')", name="severity"),
        {"comment": "Warnings and gaps found while loading: never silently dropped."},
    )

    issue_id: Mapped[int] = mapped_column(
        Integer, load_issue_seq, primary_key=True, server_default=load_issue_seq.next_value()
    )
    document_id: Mapped[int] = mapped_column(
        Integer, index=True, comment="The document the issue was found in (documents.document_id)."
    )
    severity: Mapped[str] = mapped_column(String(8), comment="error, warning or info.")
    code: Mapped[str] = mapped_column(
        String(64), comment="Machine-readable kind, e.g. unused_token."
    )
    message: Mapped[str] = mapped_column(Text, comment="What was found, for a person.")
    table_slug: Mapped[str | None] = mapped_column(String(64), comment="Table it concerns, if any.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()
    sheet_row: Mapped[int | None] = mapped_column(
        Integer, comment="1-based spreadsheet row (workbooks)."
    )
