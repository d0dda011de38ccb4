"""materialised comparison: core.comparison_cells and core.comparison_state

Additive. Regenerated cells of the published tables that read only their own document, written
at load time so `compare` reads them instead of evaluating every cmp_* view chain. The cells
are filled (and refilled whenever the view definitions, the revision or the parser version
change) by unitbudget.comparison after the views are created, not here: views come after
migrations. A downgrade drops both tables; the next upgrade refills them from the facts.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "comparison_cells",
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The unit budget (documents.document_id) whose table the cell regenerates.",
        ),
        sa.Column(
            "table_slug",
            sa.String(length=64),
            nullable=False,
            comment="Published table (catalog slug).",
        ),
        sa.Column("row_key", sa.Text(), nullable=False, comment="Row key, as in printed_cells."),
        sa.Column(
            "column_key", sa.Text(), nullable=False, comment="Column key, as in printed_cells."
        ),
        sa.Column(
            "regenerated_value",
            sa.Numeric(precision=20, scale=4),
            nullable=True,
            comment="The value regenerated from the facts by cmp_<table_slug> when the document "
            "was loaded (千元 for amounts; counts and areas as the table prints them).",
        ),
        schema="core",
        comment=(
            "Stored regenerated cells of the published tables that read only their own document "
            "(every table but expenditure_by_agency and travel_summary); written in the "
            "document's transaction, rebuilt when core.comparison_state is stale."
        ),
    )
    op.create_index(
        "ix_comparison_cells_document_id", "comparison_cells", ["document_id"], schema="core"
    )
    op.create_table(
        "comparison_state",
        sa.Column(
            "name", sa.String(length=64), nullable=False, comment="What the value is: fingerprint."
        ),
        sa.Column(
            "value",
            sa.Text(),
            nullable=False,
            comment="SHA-256 of the view definitions, migration revision, parser version and "
            "stored tables the cells of core.comparison_cells were computed with.",
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_comparison_state")),
        schema="core",
        comment="Freshness of core.comparison_cells: rebuilt when its fingerprint changes.",
    )


def downgrade() -> None:
    op.drop_table("comparison_state", schema="core")
    op.drop_index("ix_comparison_cells_document_id", table_name="comparison_cells", schema="core")
    op.drop_table("comparison_cells", schema="core")
