"""index load_issues by document (the model declared it; 0001 missed it)

Found by the PostgreSQL drift test, where reflection sees indexes.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_load_issues_document_id"), "load_issues", ["document_id"], schema="core"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_load_issues_document_id"), table_name="load_issues", schema="core")
