"""travel_plans: one key per category table, and the 進修、研究、實習 cost columns

A book prints up to three overseas category tables (考察、視察、訪問 / 開會、談判 / 進修、研究、實習)
and numbers the plans of each from 01 (the 內政部 114 book prints plan 01 in all three), so
(document_id, destination_kind, plan_no) refuses them. The key becomes (document_id, table_slug,
plan_no), table_slug = the category table the plan is printed in; destination_kind stays a
column. 進修、研究、實習 prints 生活費 | 機票與出國手續費 | 書籍學雜等費 instead of 交通費 | 生活費 |
辦公費: two new amount columns airfare and study_fees.

Rows stored before this revision came from 開會、談判 (overseas) and 派員赴大陸 (mainland), the only
category tables parsed then: their table_slug is travel_meetings or travel_mainland.

DuckDB cannot alter a primary key: the table is rebuilt (copy, drop, create, copy back). On
PostgreSQL the views that read it are dropped with it (CASCADE); every upgrade re-creates them.
A downgrade refuses a database where a document repeats a plan number across category tables
or holds 進修、研究、實習 costs (nothing stored is lost).

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from unitbudget.errors import DatabaseError

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COPY = "travel_plans_0012_copy"
_SHARED = (
    "document_id, plan_no, destination_kind, category, meeting_kind, name, field_code, "
    "destination, agenda, period, days, persons, transport, living, office, total, "
    "account_name, history, page, line"
)


def _money(name: str, comment: str) -> sa.Column:
    return sa.Column(name, sa.BigInteger(), nullable=True, comment=f"{comment} (千元)")


def _columns(new: bool) -> list[sa.Column]:
    """The table's columns after (new) or before this revision, in the models' order."""
    columns = [
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
    ]
    if new:
        columns.append(
            sa.Column(
                "table_slug",
                sa.String(length=32),
                nullable=False,
                comment="The category table the plan is printed in: travel_inspections "
                "(考察、視察、訪問), travel_meetings (開會、談判), travel_studies (進修、研究、實習) "
                "or travel_mainland.",
            )
        )
    kind = sa.Column(
        "destination_kind", sa.String(length=16), nullable=False, comment="overseas or mainland."
    )
    plan_no = sa.Column(
        "plan_no", sa.String(length=4), nullable=False, comment="Plan number as printed (01 ...)."
    )
    columns += [plan_no, kind] if new else [kind, plan_no]
    columns += [
        sa.Column(
            "category",
            sa.String(length=16),
            nullable=False,
            comment="考察, 視察, 訪問, 開會, 談判, 進修, 研究, 實習 (類別).",
        ),
        sa.Column(
            "meeting_kind",
            sa.Text(),
            nullable=True,
            comment="定期會議 / 不定期會議 group as printed.",
        ),
        sa.Column("name", sa.String(length=1000), nullable=False, comment="計畫名稱."),
        sa.Column("field_code", sa.String(length=8), nullable=True, comment="領域代碼."),
        sa.Column("destination", sa.Text(), nullable=True, comment="擬前往國家或地區."),
        sa.Column(
            "agenda",
            sa.Text(),
            nullable=True,
            comment="主要會議議題 / 擬拜會單位 and 工作內容 / 擬拜會或視察機構 and 計畫內容 / "
            "主要研習課程."
            if new
            else "主要會議議題 / 擬拜會單位 and 工作內容.",
        ),
        sa.Column(
            "period",
            sa.Text(),
            nullable=True,
            comment="預計前往期間." if new else "預計前往期間 (mainland).",
        ),
        sa.Column("days", sa.Integer(), nullable=True, comment="預計天數."),
        sa.Column("persons", sa.Integer(), nullable=True, comment="擬派人數."),
        _money("transport", "交通費"),
        _money("living", "生活費"),
        _money("office", "辦公費"),
    ]
    if new:
        columns += [
            _money("airfare", "機票與出國手續費 (進修、研究、實習)"),
            _money("study_fees", "書籍學雜等費 (進修、研究、實習)"),
        ]
    columns += [
        _money("total", "合計"),
        sa.Column("account_name", sa.Text(), nullable=True, comment="歸屬預算科目."),
        sa.Column(
            "history",
            sa.Text(),
            nullable=True,
            comment="最近三次執行情形 / 前三年內有無拜會 / 前三年度已派人員人數 as printed."
            if new
            else "最近三次執行情形 / 前三年內有無拜會 as printed.",
        ),
        sa.Column(
            "page", sa.Integer(), nullable=True, comment="Printed page (1-based page of the file)."
        ),
        sa.Column("line", sa.Integer(), nullable=True, comment="1-based line in the source file."),
    ]
    return columns


def _rebuild(new: bool) -> None:
    op.execute(f"CREATE TABLE core.{_COPY} AS SELECT * FROM core.travel_plans")
    cascade = " CASCADE" if op.get_bind().dialect.name == "postgresql" else ""
    op.execute(f"DROP TABLE core.travel_plans{cascade}")
    key = (
        ("document_id", "table_slug", "plan_no")
        if new
        else ("document_id", "destination_kind", "plan_no")
    )
    op.create_table(
        "travel_plans",
        *_columns(new),
        sa.PrimaryKeyConstraint(*key, name=op.f("pk_travel_plans")),
        schema="core",
        comment="派員出國 / 赴大陸 plans: one row per trip plan of a category table (numbers "
        "restart in every category table)."
        if new
        else "派員出國 / 赴大陸 plans: one row per trip plan.",
    )
    if new:
        op.execute(
            f"INSERT INTO core.travel_plans ({_SHARED}, table_slug) "
            f"SELECT {_SHARED}, CASE WHEN destination_kind = 'mainland' THEN 'travel_mainland' "
            f"ELSE 'travel_meetings' END FROM core.{_COPY}"
        )
    else:
        op.execute(f"INSERT INTO core.travel_plans ({_SHARED}) SELECT {_SHARED} FROM core.{_COPY}")
    op.execute(f"DROP TABLE core.{_COPY}")


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    repeated = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT document_id, destination_kind, plan_no FROM core.travel_plans "
                "GROUP BY document_id, destination_kind, plan_no HAVING COUNT(*) > 1 "
                "ORDER BY 1, 2, 3"
            )
        )
        .fetchall()
    )
    costs = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT DISTINCT document_id FROM core.travel_plans "
                "WHERE airfare IS NOT NULL OR study_fees IS NOT NULL ORDER BY 1"
            )
        )
        .fetchall()
    )
    if costs:
        raise DatabaseError(
            "cannot downgrade below 0012: these documents hold 機票與出國手續費 / 書籍學雜等費 "
            f"(進修、研究、實習), which 0011 has no column for: {[r[0] for r in costs][:10]}; "
            "delete them first"
        )
    if repeated:
        raise DatabaseError(
            "cannot downgrade below 0012: these documents print a plan number in more than one "
            "travel category table (document_id, destination_kind, plan_no): "
            f"{[tuple(r) for r in repeated][:10]}; delete them first"
        )
    _rebuild(False)
