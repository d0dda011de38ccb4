"""The materialised comparison: regenerated cells written at load time, and their freshness.

Derived data, not facts: `unitbudget.comparison` fills core.comparison_cells from the cmp_*
views of the published tables that read only their own document, and rebuilds it when
core.comparison_state's fingerprint (view definitions, migration revision, parser version,
the list of stored tables) no longer matches the running code. The comparison results
(per-table counts and mismatching cells) are stored per document as well, for the documents
core.comparison_documents lists (revision 0016).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from .base import Base

comparison_cells = Table(
    "comparison_cells",
    Base.metadata,
    Column(
        "document_id",
        Integer,
        nullable=False,
        comment="The unit budget (documents.document_id) whose table the cell regenerates.",
    ),
    Column("table_slug", String(64), nullable=False, comment="Published table (catalog slug)."),
    Column("row_key", Text, nullable=False, comment="Row key, as in printed_cells."),
    Column("column_key", Text, nullable=False, comment="Column key, as in printed_cells."),
    Column(
        "regenerated_value",
        Numeric(20, 4),
        comment="The value regenerated from the facts by cmp_<table_slug> when the document "
        "was loaded (千元 for amounts; counts and areas as the table prints them).",
    ),
    Index("ix_comparison_cells_document_id", "document_id"),
    comment=(
        "Stored regenerated cells of the published tables that read only their own document "
        "(every table but expenditure_by_agency and travel_summary); written in the "
        "document's transaction, rebuilt when core.comparison_state is stale."
    ),
)

comparison_state = Table(
    "comparison_state",
    Base.metadata,
    Column("name", String(64), primary_key=True, comment="What the value is: fingerprint."),
    Column(
        "value",
        Text,
        nullable=False,
        comment="SHA-256 of the view definitions, migration revision, parser version and "
        "stored tables the cells of core.comparison_cells were computed with.",
    ),
    comment="Freshness of core.comparison_cells: rebuilt when its fingerprint changes.",
)


comparison_documents = Table(
    "comparison_documents",
    Base.metadata,
    Column(
        "document_id",
        Integer,
        nullable=False,
        autoincrement=False,  # documents.document_id, not a SERIAL of its own
        comment="A unit budget (documents.document_id) whose comparison results are stored.",
    ),
    PrimaryKeyConstraint("document_id", name="pk_comparison_documents"),
    comment=(
        "Unit budgets whose rows in core.comparison_summary and core.comparison_mismatches "
        "are current. A load removes the documents whose tables read what it wrote (the "
        "next two fiscal years' books; every book for a DGBAS workbook or a replace)."
    ),
)


def _count(name: str, comment: str) -> Column:
    return Column(name, BigInteger, nullable=False, comment=comment)


comparison_summary = Table(
    "comparison_summary",
    Base.metadata,
    Column(
        "document_id", Integer, nullable=False, comment="The unit budget (documents.document_id)."
    ),
    Column("table_slug", String(64), nullable=False, comment="Published table."),
    Column("fiscal_year", Integer, comment="The document's 年度."),
    Column("agency_name", Text, comment="The document's agency."),
    Column("table_order", Integer, comment="Catalog order of the table."),
    Column("printed", Boolean, nullable=False, comment="True when the document prints the table."),
    _count("compared", "Cells compared (match or mismatch)."),
    _count("matched", "Cells whose printed and regenerated values are equal."),
    _count("mismatched", "Cells whose printed and regenerated values differ."),
    _count("missing_in_print", "Regenerated cells the document does not print."),
    _count("missing_in_view", "Printed cells nothing regenerates."),
    PrimaryKeyConstraint("document_id", "table_slug", name="pk_comparison_summary"),
    comment="Stored rows of table_comparison_summary, for the documents in "
    "core.comparison_documents.",
)

comparison_mismatches = Table(
    "comparison_mismatches",
    Base.metadata,
    Column(
        "document_id", Integer, nullable=False, comment="The unit budget (documents.document_id)."
    ),
    Column("table_slug", String(64), nullable=False, comment="Published table."),
    Column("row_key", Text, nullable=False, comment="Row key, as in printed_cells."),
    Column("column_key", Text, nullable=False, comment="Column key, as in printed_cells."),
    Column("row_order", Integer, comment="Printed row order."),
    Column("column_order", Integer, comment="Printed column order."),
    Column("printed_value", Numeric(20, 4), comment="The printed value (千元 for amounts)."),
    Column("regenerated_value", Numeric(20, 4), comment="The value regenerated from the facts."),
    Column("status", String(32), nullable=False, comment="mismatch."),
    Column("page", Integer, comment="Page of the printed cell."),
    Column("line", Integer, comment="Line (or sheet row)."),
    Index("ix_comparison_mismatches_document_id", "document_id"),
    comment="Stored mismatching rows of table_comparison, for the documents in "
    "core.comparison_documents.",
)
