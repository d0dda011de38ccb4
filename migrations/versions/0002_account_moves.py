"""account_moves: room for reorganisations (an account continued under another code)

Additive on purpose: DuckDB can always ADD, and downgrading drops only this table.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account_moves",
        sa.Column(
            "from_code",
            sa.String(length=10),
            nullable=False,
            comment="Account code before the move.",
        ),
        sa.Column(
            "to_code", sa.String(length=10), nullable=False, comment="Account code after the move."
        ),
        sa.Column(
            "from_fiscal_year",
            sa.Integer(),
            nullable=False,
            comment="First fiscal year under to_code.",
        ),
        sa.Column(
            "share",
            sa.Numeric(precision=9, scale=6),
            nullable=True,
            comment="Share of from_code that moved (1 = all); NULL when unknown.",
        ),
        sa.Column(
            "note", sa.Text(), nullable=True, comment="Source of the mapping (law, DGBAS note)."
        ),
        sa.PrimaryKeyConstraint(
            "from_code", "to_code", "from_fiscal_year", name=op.f("pk_account_moves")
        ),
        schema="core",
        comment="Reorganisations: an account continued under another code from a fiscal year on (e.g. 經濟部 accounts moved to 數位產業署 in 112). Empty until such mappings are loaded; account_series keeps codes apart.",
    )


def downgrade() -> None:
    op.drop_table("account_moves", schema="core")
