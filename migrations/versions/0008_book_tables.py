"""Tables only real books print: multi_year_plans (跨年期計畫概況表, in 億元),
media_publicity_plans (媒體政策及業務宣導費彙計表), legislative_resolutions (立法院決議辦理情形)

Additive: three new fact tables.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "multi_year_plans",
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
        sa.Column("seq", sa.Integer(), nullable=False, comment="Printed order (1-based)."),
        sa.Column(
            "name",
            sa.String(length=400),
            nullable=False,
            comment="計畫名稱 as printed (wraps joined).",
        ),
        sa.Column(
            "period",
            sa.String(length=16),
            nullable=True,
            comment="執行期間 as printed, e.g. 114-117 (ROC years).",
        ),
        sa.Column("start_year", sa.Integer(), nullable=True, comment="First ROC year of 執行期間."),
        sa.Column("end_year", sa.Integer(), nullable=True, comment="Last ROC year of 執行期間."),
        sa.Column(
            "unit",
            sa.String(length=16),
            nullable=False,
            comment="Unit of every amount of the row as printed (億元 for 新臺幣億元).",
        ),
        sa.Column(
            "total_cost",
            sa.Numeric(precision=18, scale=4),
            nullable=True,
            comment="中央公務預算經費需求總額, in `unit`.",
        ),
        sa.Column(
            "prior_years",
            sa.Numeric(precision=18, scale=4),
            nullable=True,
            comment="(Y-2)及以前年度預算數: budgets up to two years before this one, in `unit`.",
        ),
        sa.Column(
            "last_year",
            sa.Numeric(precision=18, scale=4),
            nullable=True,
            comment="(Y-1)年度預算數: last year's budget, in `unit`.",
        ),
        sa.Column(
            "this_year",
            sa.Numeric(precision=18, scale=4),
            nullable=True,
            comment="(Y)年度預算數: this document's year, in `unit`.",
        ),
        sa.Column(
            "later_years",
            sa.Numeric(precision=18, scale=4),
            nullable=True,
            comment="(Y+1)及以後年度預估需求數: estimated needs from next year on, in `unit`.",
        ),
        sa.Column(
            "note",
            sa.Text(),
            nullable=True,
            comment="備註 as printed (approval letters, where the budget sits).",
        ),
        sa.Column(
            "page", sa.Integer(), nullable=True, comment="Printed page (1-based page of the file)."
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment="1-based line in the source file."),
        sa.PrimaryKeyConstraint("document_id", "seq", name=op.f("pk_multi_year_plans")),
        schema="core",
        comment="跨年期計畫概況表: one row per multi-year programme, amounts in the unit printed (新臺幣億元), never converted to 千元.",
    )
    op.create_table(
        "media_publicity_plans",
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
        sa.Column(
            "work_plan_code",
            sa.String(length=10),
            nullable=False,
            comment="Work plan code (目 or 節 level).",
        ),
        sa.Column("name", sa.Text(), nullable=True, comment="Work plan name as printed."),
        sa.Column(
            "amount", sa.BigInteger(), nullable=True, comment="媒體政策及業務宣導費 預算數 (千元)"
        ),
        sa.Column("content", sa.Text(), nullable=True, comment="預計執行內容 as printed."),
        sa.Column(
            "page", sa.Integer(), nullable=True, comment="Printed page (1-based page of the file)."
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment="1-based line in the source file."),
        sa.PrimaryKeyConstraint(
            "document_id", "work_plan_code", name=op.f("pk_media_publicity_plans")
        ),
        schema="core",
        comment="媒體政策及業務宣導費彙計表 as printed: one row per work plan (目 or 節) with its amount and 預計執行內容; agency and 政事 rows are their sums.",
    )
    op.create_table(
        "legislative_resolutions",
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
        sa.Column(
            "seq",
            sa.Integer(),
            nullable=False,
            comment="Printed order over the whole report (1-based).",
        ),
        sa.Column(
            "resolution_year",
            sa.Integer(),
            nullable=True,
            comment="ROC year of the budget the resolutions were made on (the report's header year, usually the year before the book's).",
        ),
        sa.Column(
            "section",
            sa.Text(),
            nullable=True,
            comment="Section heading as printed (一、總預算案部分 …).",
        ),
        sa.Column(
            "part",
            sa.Text(),
            nullable=True,
            comment="Sub-heading within the section as printed (通案決議, 主計總處部分 …); NULL when none.",
        ),
        sa.Column(
            "item_label",
            sa.String(length=16),
            nullable=False,
            comment="項次 as printed, e.g. (十二).",
        ),
        sa.Column("item_no", sa.Integer(), nullable=True, comment="項次 as a number (十二 -> 12)."),
        sa.Column(
            "resolution_text",
            sa.Text(),
            nullable=True,
            comment="決議、附帶決議及注意事項 內容 (wraps joined).",
        ),
        sa.Column(
            "action_text", sa.Text(), nullable=True, comment="辦理情形 as printed (wraps joined)."
        ),
        sa.Column(
            "page", sa.Integer(), nullable=True, comment="Printed page (1-based page of the file)."
        ),
        sa.Column(
            "last_page",
            sa.Integer(),
            nullable=True,
            comment="Page where the resolution's text ends.",
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment="1-based line in the source file."),
        sa.PrimaryKeyConstraint("document_id", "seq", name=op.f("pk_legislative_resolutions")),
        schema="core",
        comment="立法院審議中央政府總預算案所提決議、附帶決議及注意事項辦理情形報告表: one row per resolution, with what the agency reports it did.",
    )


def downgrade() -> None:
    op.drop_table("legislative_resolutions", schema="core")
    op.drop_table("media_publicity_plans", schema="core")
    op.drop_table("multi_year_plans", schema="core")
