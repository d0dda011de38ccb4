"""grants.group_no: the (n) of the work plan group a grant is listed under, as the parser read it

report_grants cut it out of group_label again; now the parser stores it. Additive (DuckDB can
always ADD); rows loaded before get it from their label once, here.

Revision ID: 0006
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "grants",
        sa.Column(
            "group_no",
            sa.String(length=4),
            nullable=True,
            comment="The (n) of the work plan group the grant is listed under (1, 2 ...); NULL when none.",
        ),
        schema="core",
    )
    op.execute(
        "UPDATE core.grants "
        "SET group_no = split_part(split_part(group_label, ')', 1), '(', 2) "
        "WHERE group_label LIKE '(%)%'"
    )


def downgrade() -> None:
    op.drop_column("grants", "group_no", schema="core")
