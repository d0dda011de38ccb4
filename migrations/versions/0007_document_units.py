"""documents: 附錄 units of a book (parent_document_id, unit_name)

A book may end with 附錄: subordinate units repeating their own tables. Each unit is stored as
a document of its own whose parent is the book, so its facts keep the same keys as the book's
and no fact table changes. Additive on purpose: DuckDB can always ADD COLUMN.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "documents",
        sa.Column(
            "parent_document_id",
            sa.Integer(),
            nullable=True,
            comment="For a 附錄 unit of a book (a subordinate unit printing its own tables): the document of the book; NULL for a book or workbook itself.",
        ),
        schema="core",
    )
    op.add_column(
        "documents",
        sa.Column(
            "unit_name",
            sa.Text(),
            nullable=True,
            comment="Name of the 附錄 unit as printed (e.g. 內政部 for 附錄(一)); NULL for a whole book.",
        ),
        schema="core",
    )


def downgrade() -> None:
    op.drop_column("documents", "unit_name", schema="core")
    op.drop_column("documents", "parent_document_id", schema="core")
