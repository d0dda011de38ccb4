"""stored comparison results: per-document summary counts, mismatching cells, stored documents

Additive. `compare` reads one document's summary and mismatches from these tables instead of
evaluating the comparison view chain over the warehouse. They are filled by
unitbudget.comparison after a load (once per load command, not in the write transaction), and
core.comparison_documents records which documents they are current for: a document not listed
(new, or invalidated because a document it reads was loaded) is computed from the live views
until the next load stores it. A downgrade drops the three tables; the next upgrade refills
them from the facts.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _document(comment: str) -> sa.Column:
    # not a SERIAL: the ids are documents.document_id
    return sa.Column(
        "document_id", sa.Integer(), nullable=False, autoincrement=False, comment=comment
    )


def _count(name: str, comment: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=False, comment=comment)


def upgrade() -> None:
    op.create_table(
        "comparison_documents",
        _document("A unit budget (documents.document_id) whose comparison results are stored."),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_comparison_documents")),
        schema="core",
        comment=(
            "Unit budgets whose rows in core.comparison_summary and core.comparison_mismatches "
            "are current. A load removes the documents whose tables read what it wrote (the "
            "next two fiscal years' books; every book for a DGBAS workbook or a replace)."
        ),
    )
    op.create_table(
        "comparison_summary",
        _document("The unit budget (documents.document_id)."),
        sa.Column("table_slug", sa.String(length=64), nullable=False, comment="Published table."),
        sa.Column("fiscal_year", sa.Integer(), nullable=True, comment="The document's 年度."),
        sa.Column("agency_name", sa.Text(), nullable=True, comment="The document's agency."),
        sa.Column(
            "table_order", sa.Integer(), nullable=True, comment="Catalog order of the table."
        ),
        sa.Column(
            "printed",
            sa.Boolean(),
            nullable=False,
            comment="True when the document prints the table.",
        ),
        _count("compared", "Cells compared (match or mismatch)."),
        _count("matched", "Cells whose printed and regenerated values are equal."),
        _count("mismatched", "Cells whose printed and regenerated values differ."),
        _count("missing_in_print", "Regenerated cells the document does not print."),
        _count("missing_in_view", "Printed cells nothing regenerates."),
        sa.PrimaryKeyConstraint("document_id", "table_slug", name=op.f("pk_comparison_summary")),
        schema="core",
        comment="Stored rows of table_comparison_summary, for the documents in "
        "core.comparison_documents.",
    )
    op.create_table(
        "comparison_mismatches",
        _document("The unit budget (documents.document_id)."),
        sa.Column("table_slug", sa.String(length=64), nullable=False, comment="Published table."),
        sa.Column("row_key", sa.Text(), nullable=False, comment="Row key, as in printed_cells."),
        sa.Column(
            "column_key", sa.Text(), nullable=False, comment="Column key, as in printed_cells."
        ),
        sa.Column("row_order", sa.Integer(), nullable=True, comment="Printed row order."),
        sa.Column("column_order", sa.Integer(), nullable=True, comment="Printed column order."),
        sa.Column(
            "printed_value",
            sa.Numeric(precision=20, scale=4),
            nullable=True,
            comment="The printed value (千元 for amounts).",
        ),
        sa.Column(
            "regenerated_value",
            sa.Numeric(precision=20, scale=4),
            nullable=True,
            comment="The value regenerated from the facts.",
        ),
        sa.Column("status", sa.String(length=32), nullable=False, comment="mismatch."),
        sa.Column("page", sa.Integer(), nullable=True, comment="Page of the printed cell."),
        sa.Column("line", sa.Integer(), nullable=True, comment="Line (or sheet row)."),
        schema="core",
        comment="Stored mismatching rows of table_comparison, for the documents in "
        "core.comparison_documents.",
    )
    op.create_index(
        "ix_comparison_mismatches_document_id",
        "comparison_mismatches",
        ["document_id"],
        schema="core",
    )


def downgrade() -> None:
    op.drop_index(
        "ix_comparison_mismatches_document_id",
        table_name="comparison_mismatches",
        schema="core",
    )
    op.drop_table("comparison_mismatches", schema="core")
    op.drop_table("comparison_summary", schema="core")
    op.drop_table("comparison_documents", schema="core")
