"""capital_portions: the 經資門 split a sub-plan 說明 states (資本支出 parts of classes outside
the 3000 series), read as facts of their own

Additive: one new fact table. A downgrade drops it (as 0011 drops subsidies): re-loading a
book after an upgrade reads the portions again.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "capital_portions",
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
        sa.Column(
            "portion_no",
            sa.Integer(),
            nullable=False,
            comment="Order of the phrase in the document (1, 2 …).",
        ),
        sa.Column(
            "work_plan_code",
            sa.String(length=10),
            nullable=False,
            comment="Work plan (工作計畫) code.",
        ),
        sa.Column(
            "sub_plan_code",
            sa.String(length=4),
            nullable=False,
            comment="Sub-plan (分支計畫) number.",
        ),
        sa.Column(
            "object_class_code",
            sa.String(length=4),
            nullable=False,
            comment="Object class (用途別科目) the capital part belongs to: level 1 (4000) or 2 "
            "(3035).",
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False, comment="The capital part (千元)."),
        sa.Column(
            "attached_by",
            sa.String(length=16),
            nullable=False,
            comment="The rule that attached the phrase to its class: class_named, kind_word, "
            "same_amount or beside.",
        ),
        sa.Column(
            "phrase",
            sa.Text(),
            nullable=True,
            comment="The 說明 text around the phrase, whitespace removed.",
        ),
        sa.Column(
            "page", sa.Integer(), nullable=True, comment="Printed page (1-based page of the file)."
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment="1-based line in the source file."),
        sa.PrimaryKeyConstraint("document_id", "portion_no", name=op.f("pk_capital_portions")),
        schema="core",
        comment="資本支出 stated in a sub-plan 說明 for part of an object class (所需獎補助費"
        "22,301千元（資本支出5,912千元…）): one row per phrase, attached to the class of the "
        "sub-plan the text points at. The line items mark only the 3000 series capital; the "
        "report views move these amounts from 經常門 to 資本門.",
    )


def downgrade() -> None:
    op.drop_table("capital_portions", schema="core")
