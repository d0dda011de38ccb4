"""multi_year_statements: the this-year amounts of multi-year programmes a sub-plan 說明 states
(本年度編列第1年經費22,373千元), matched to the 跨年期計畫概況表 row they state

Additive: one new fact table. A downgrade drops it (as 0014 drops capital_portions): re-loading
a book after an upgrade reads the statements again.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "multi_year_statements",
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
        sa.Column(
            "statement_no",
            sa.Integer(),
            nullable=False,
            comment="Order of the statement in the document (1, 2 …).",
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
            "plan_name",
            sa.String(length=400),
            nullable=False,
            comment="The programme's name as printed nearest the statement.",
        ),
        sa.Column(
            "name_source",
            sa.String(length=16),
            nullable=False,
            comment="Where plan_name was read: quoted (「」 before the statement), item (the name its numbered item opens with) or sub_plan (the text says 本計畫: the sub-plan's name).",
        ),
        sa.Column(
            "other_names",
            sa.Text(),
            nullable=True,
            comment="Other names the text gives it (a parent programme, the sub-plan), joined by ｜.",
        ),
        sa.Column(
            "year_no",
            sa.Integer(),
            nullable=True,
            comment="第N年: the programme year this is; NULL for 最後N年.",
        ),
        sa.Column(
            "final_year",
            sa.Boolean(),
            nullable=False,
            comment="True when the text says 最後N年 (the programme's last year).",
        ),
        sa.Column(
            "amount",
            sa.BigInteger(),
            nullable=False,
            comment="This year's amount the statement gives (千元).",
        ),
        sa.Column(
            "allotted_amount",
            sa.BigInteger(),
            nullable=True,
            comment="The part budgeted under this sub-plan's account (分配本科目編列 N千元), when stated (千元)",
        ),
        sa.Column(
            "multi_year_seq",
            sa.Integer(),
            nullable=True,
            comment="multi_year_plans.seq of the 跨年期計畫概況表 row matched by name; NULL when none matched or the document prints no such table.",
        ),
        sa.Column(
            "match_score",
            sa.Numeric(precision=5, scale=3),
            nullable=True,
            comment="Name similarity of the match (0-1, rapidfuzz WRatio / 100).",
        ),
        sa.Column(
            "phrase",
            sa.Text(),
            nullable=True,
            comment="The 說明 text before and of the statement, no whitespace.",
        ),
        sa.Column(
            "page",
            sa.Integer(),
            nullable=True,
            comment="Printed page (1-based page of the file).",
        ),
        sa.Column(
            "line",
            sa.Integer(),
            nullable=True,
            comment="1-based line in the source file.",
        ),
        sa.PrimaryKeyConstraint(
            "document_id", "statement_no", name=op.f("pk_multi_year_statements")
        ),
        schema="core",
        comment="本年度編列第N年經費 / 本年度續編最後1年經費 statements of sub-plan 說明 (補助連江縣政府聯合辦公大樓興建計畫…本年度編列第1年經費22,373千元): one row per statement, amounts in 千元, matched by name to the 跨年期計畫概況表 row they state (multi_year_seq) when the document prints that table.",
    )


def downgrade() -> None:
    op.drop_table("multi_year_statements", schema="core")
