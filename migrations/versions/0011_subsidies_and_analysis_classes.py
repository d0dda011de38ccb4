"""subsidies (補助經費分析表) and the object-class chart marking which analysis table each class ties to

Additive: a new fact table core.subsidies; core.object_classes gains analysis_table (the slug of
the 捐助 / 補助 / 委辦 analysis table whose 合計 must equal the line items of the class) and the
獎補助費 classes real books print that the initial chart lacked.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Level-2 classes of 4000 獎補助費 the initial chart lacked, as the 內政部 114 book prints them.
NEW_CLASSES = [
    ("4005", "對直轄市政府之補助", 2, "4000", "current"),
    ("4010", "對各縣市政府之補助", 2, "4000", "current"),
    ("4030", "對特種基金之補助", 2, "4000", "current"),
    ("4045", "對私校之獎助", 2, "4000", "current"),
    ("4065", "社會福利津貼及濟助", 2, "4000", "current"),
    ("4080", "損失及賠償", 2, "4000", "current"),
]

# Which analysis table must add up to each class (DOMAIN.md §4): 捐助經費分析表 合計 =
# 4040 + 4045 + 4065 + 4080 + 4085; 補助經費分析表 合計 = 4005 + 4010 + 4030; 委辦 合計 = 2039.
ANALYSIS_TABLES = {
    "4040": "grants",
    "4045": "grants",
    "4065": "grants",
    "4080": "grants",
    "4085": "grants",
    "4005": "subsidies",
    "4010": "subsidies",
    "4030": "subsidies",
    "2039": "commissioned",
}


def _money(name: str, comment: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=True, comment=comment)


def upgrade() -> None:
    op.add_column(
        "object_classes",
        sa.Column(
            "analysis_table",
            sa.String(length=32),
            nullable=True,
            comment="Slug of the analysis table (grants 捐助, subsidies 補助, commissioned 委辦) whose 合計 must equal the line items of its classes; NULL when none.",
        ),
        schema="core",
    )
    classes = sa.table(
        "object_classes",
        *(
            sa.column(c)
            for c in ("code", "name", "level", "parent_code", "default_expenditure_type")
        ),
        schema="core",
    )
    conn = op.get_bind()
    present = {r[0] for r in conn.execute(sa.text("SELECT code FROM core.object_classes"))}
    rows = [
        dict(
            zip(
                ("code", "name", "level", "parent_code", "default_expenditure_type"), r, strict=True
            )
        )
        for r in NEW_CLASSES
        if r[0] not in present
    ]
    if rows:
        op.bulk_insert(classes, rows)
    for code, slug in ANALYSIS_TABLES.items():
        op.execute(
            sa.text(
                "UPDATE core.object_classes SET analysis_table = :slug WHERE code = :code"
            ).bindparams(slug=slug, code=code)
        )
    op.create_table(
        "subsidies",
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
            comment="Work plan (工作計畫) code the programme is under.",
        ),
        sa.Column(
            "program_no",
            sa.Integer(),
            nullable=False,
            comment="(n) of the programme within its work plan.",
        ),
        sa.Column(
            "recipient_no",
            sa.Integer(),
            nullable=False,
            comment="[n] of the recipient within its programme.",
        ),
        sa.Column("work_plan_name", sa.Text(), nullable=True, comment="Work plan name as printed."),
        sa.Column(
            "program_number",
            sa.String(length=4),
            nullable=True,
            comment="The two-digit programme number printed beside its name (01, 02 …).",
        ),
        sa.Column(
            "program_name",
            sa.String(length=400),
            nullable=False,
            comment="補助計畫 name (wraps joined).",
        ),
        sa.Column(
            "recipient",
            sa.String(length=200),
            nullable=False,
            comment="The recipient line as printed, e.g. 補助直轄市政府.",
        ),
        sa.Column(
            "period",
            sa.String(length=16),
            nullable=True,
            comment="計畫起訖年度 as printed: 114-117 (ROC years) or 經常性.",
        ),
        sa.Column("content", sa.Text(), nullable=True, comment="補助內容 (wraps joined)."),
        sa.Column(
            "recipient_budget_year",
            sa.String(length=16),
            nullable=True,
            comment="接受補助機關列入預算年度 as printed (ROC year).",
        ),
        _money("current_personnel", "經常門 人事費 (千元)"),
        _money("current_operating", "經常門 業務費 (千元)"),
        _money("current_other", "經常門 其它 (千元)"),
        _money("capital_land", "資本門 土地 (千元)"),
        _money("capital_construction", "資本門 營建工程 (千元)"),
        _money("capital_other", "資本門 其它 (千元)"),
        _money("total", "合計 (千元)"),
        sa.Column(
            "page", sa.Integer(), nullable=True, comment="Printed page (1-based page of the file)."
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment="1-based line in the source file."),
        sa.PrimaryKeyConstraint(
            "document_id", "work_plan_code", "program_no", "recipient_no", name=op.f("pk_subsidies")
        ),
        schema="core",
        comment="補助經費分析表: one row per [n] recipient of an (n) programme of a work plan; programme numbers restart in every work plan and recipient numbers in every programme.",
    )


def downgrade() -> None:
    op.drop_table("subsidies", schema="core")
    op.execute(
        "DELETE FROM core.object_classes WHERE code IN ("
        + ", ".join(f"'{r[0]}'" for r in NEW_CLASSES)
        + ")"
    )
    op.drop_column("object_classes", "analysis_table", schema="core")
