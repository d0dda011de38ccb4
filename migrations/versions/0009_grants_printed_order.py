"""grants: key by printed order (seq), not by the printed number

Books number the grants of every work plan group from 01 (the 內政部 114 book prints 32
grants, mostly 01), so (document_id, grant_no) refuses them. The key becomes (document_id,
seq), seq = the grant's printed order in the table; grant_no stays as printed.

DuckDB cannot alter a primary key: the table is rebuilt (copy, drop, create, copy back). On
PostgreSQL the views that read it are dropped with it (CASCADE); every upgrade re-creates them.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COPY = "grants_0009_copy"
_COLUMNS = (
    "document_id, grant_no, recipient_kind, object_class_code, work_plan_code, group_label, "
    "item_no, program_name, period, recipient, content, current_personnel, current_operating, "
    "current_other, capital_construction, capital_other, total, page, line"
)


def _columns(with_seq: bool) -> list[sa.Column]:
    columns = [
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
            comment="Printed order of the grant in the table (1-based).",
        ),
        sa.Column(
            "grant_no",
            sa.String(length=4),
            nullable=False,
            comment="Grant number as printed (01 ...).",
        ),
        sa.Column(
            "recipient_kind",
            sa.String(length=16),
            nullable=False,
            comment="group (對團體之捐助) or individual (對個人之捐助).",
        ),
        sa.Column(
            "object_class_code", sa.String(length=4), nullable=True, comment="4040 or 4085 ..."
        ),
        sa.Column("work_plan_code", sa.String(length=10), nullable=True, comment="Work plan code."),
        sa.Column(
            "group_label",
            sa.Text(),
            nullable=True,
            comment="The (n) group the grant is listed under as printed.",
        ),
        sa.Column(
            "item_no", sa.Integer(), nullable=True, comment="[n] within its work plan group."
        ),
        sa.Column("program_name", sa.String(length=400), nullable=False, comment="捐助計畫 name."),
        sa.Column(
            "period", sa.String(length=16), nullable=True, comment="計畫起訖年度, e.g. 112-112."
        ),
        sa.Column("recipient", sa.Text(), nullable=True, comment="捐助對象."),
        sa.Column("content", sa.Text(), nullable=True, comment="捐助內容."),
        sa.Column(
            "current_personnel", sa.BigInteger(), nullable=True, comment="經常門 人事費 (千元)"
        ),
        sa.Column(
            "current_operating", sa.BigInteger(), nullable=True, comment="經常門 業務費 (千元)"
        ),
        sa.Column("current_other", sa.BigInteger(), nullable=True, comment="經常門 其他 (千元)"),
        sa.Column(
            "capital_construction", sa.BigInteger(), nullable=True, comment="資本門 營建工程 (千元)"
        ),
        sa.Column("capital_other", sa.BigInteger(), nullable=True, comment="資本門 其他 (千元)"),
        sa.Column("total", sa.BigInteger(), nullable=True, comment="合計 (千元)"),
        sa.Column(
            "page", sa.Integer(), nullable=True, comment="Printed page (1-based page of the file)."
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment="1-based line in the source file."),
    ]
    return [c for c in columns if with_seq or c.name != "seq"]


def _drop_grants() -> None:
    cascade = " CASCADE" if op.get_bind().dialect.name == "postgresql" else ""
    op.execute(f"DROP TABLE core.grants{cascade}")


def _rebuild(with_seq: bool, key: tuple[str, ...], order_by: str) -> None:
    op.execute(f"CREATE TABLE core.{_COPY} AS SELECT * FROM core.grants")
    _drop_grants()
    op.create_table(
        "grants",
        *_columns(with_seq),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_grants")),
        schema="core",
        comment="捐助經費分析表: one row per grant, in printed order (numbers may restart per "
        "work plan group)."
        if with_seq
        else "捐助經費分析表: one row per grant, numbered 01, 02 ...",
    )
    seq = (
        f", CAST(ROW_NUMBER() OVER (PARTITION BY document_id ORDER BY {order_by}) AS INTEGER)"
        if with_seq
        else ""
    )
    op.execute(
        f"INSERT INTO core.grants ({_COLUMNS}{', seq' if with_seq else ''}) "
        f"SELECT {_COLUMNS}{seq} FROM core.{_COPY}"
    )
    op.execute(f"DROP TABLE core.{_COPY}")


def upgrade() -> None:
    _rebuild(True, ("document_id", "seq"), "page, line, grant_no")


def downgrade() -> None:
    repeated = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT document_id, grant_no FROM core.grants GROUP BY document_id, grant_no "
                "HAVING COUNT(*) > 1 ORDER BY 1, 2"
            )
        )
        .fetchall()
    )
    if repeated:
        raise RuntimeError(
            "cannot downgrade below 0009: these documents print a grant number more than once "
            f"(document_id, grant_no): {[tuple(r) for r in repeated][:10]}; delete them first"
        )
    _rebuild(False, ("document_id", "grant_no"), "")
