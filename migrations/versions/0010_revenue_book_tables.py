"""Revenue of a unit budget: where the book prints each revenue account and amount of its
歲入來源別預算表 (page, line) in the DGBAS revenue tables, so revenue_series serves both sources;
revenue_notes for its 歲入項目說明提要表.

Additive: nullable columns and one new fact table.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAGE = "Printed page (1-based page of the file)."
LINE = "1-based line in the source file."


def upgrade() -> None:
    for name in ("revenue_accounts", "revenue_amounts"):
        op.add_column(
            name, sa.Column("page", sa.Integer(), nullable=True, comment=PAGE), schema="core"
        )
        op.add_column(
            name, sa.Column("line", sa.Integer(), nullable=True, comment=LINE), schema="core"
        )
    op.create_table(
        "revenue_notes",
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
        sa.Column(
            "account_code",
            sa.String(length=10),
            nullable=False,
            comment="10-digit revenue code of the item (the last code of 來源子目及細目與編號).",
        ),
        sa.Column(
            "name",
            sa.String(length=200),
            nullable=False,
            comment="來源子目及細目 names as printed, joined with '-' (雜項收入-其他雜項收入).",
        ),
        sa.Column(
            "amount",
            sa.BigInteger(),
            nullable=True,
            comment="預算金額 printed in the page header (千元)",
        ),
        sa.Column("units", sa.Text(), nullable=True, comment="承辦單位 as printed (wraps joined)."),
        sa.Column("content", sa.Text(), nullable=True, comment="一、項目內容 as printed."),
        sa.Column("legal_basis", sa.Text(), nullable=True, comment="二、法令依據 as printed."),
        sa.Column(
            "breakdown",
            sa.Text(),
            nullable=True,
            comment="金額及說明: the 說明 column as printed (wraps joined).",
        ),
        sa.Column("page", sa.Integer(), nullable=True, comment=PAGE),
        sa.Column(
            "last_page",
            sa.Integer(),
            nullable=True,
            comment="Last page the item runs to (1-based page of the file).",
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment=LINE),
        sa.PrimaryKeyConstraint("document_id", "account_code", name=op.f("pk_revenue_notes")),
        schema="core",
        comment="歲入項目說明提要表: one row per revenue item (來源子目及細目) with its "
        "預算金額, 承辦單位, 項目內容, 法令依據 and 金額及說明 as printed.",
    )


def downgrade() -> None:
    op.drop_table("revenue_notes", schema="core")
    for name in ("revenue_amounts", "revenue_accounts"):
        op.drop_column(name, "line", schema="core")
        op.drop_column(name, "page", schema="core")
