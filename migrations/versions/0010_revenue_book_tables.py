"""Revenue of a unit budget (歲入來源別預算表): where the book prints each revenue account and
amount (page, line) in the DGBAS revenue tables, so revenue_series serves both sources.

Additive: nullable columns only.

Revision ID: 0010
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0008"
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


def downgrade() -> None:
    for name in ("revenue_amounts", "revenue_accounts"):
        op.drop_column(name, "line", schema="core")
        op.drop_column(name, "page", schema="core")
