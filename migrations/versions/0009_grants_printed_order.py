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

from unitbudget.errors import DatabaseError

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COPY = "grants_0009_copy"
_SEQ_COMMENT = "Printed order of the grant in the table (1-based)."


def _columns(with_seq: bool) -> tuple[list[sa.Column], str]:
    """The table's columns as they are now (reflected, so columns other revisions added, such
    as group_no, are kept), with or without seq; and the names of the columns copied."""
    reflected = [
        c
        for c in sa.inspect(op.get_bind()).get_columns("grants", schema="core")
        if c["name"] != "seq"
    ]
    columns = [
        sa.Column(c["name"], c["type"], nullable=c["nullable"], comment=c.get("comment"))
        for c in reflected
    ]
    if with_seq:
        columns.insert(1, sa.Column("seq", sa.Integer(), nullable=False, comment=_SEQ_COMMENT))
    return columns, ", ".join(c["name"] for c in reflected)


def _drop_grants() -> None:
    cascade = " CASCADE" if op.get_bind().dialect.name == "postgresql" else ""
    op.execute(f"DROP TABLE core.grants{cascade}")


def _rebuild(with_seq: bool, key: tuple[str, ...], order_by: str) -> None:
    columns, names = _columns(with_seq)
    op.execute(f"CREATE TABLE core.{_COPY} AS SELECT * FROM core.grants")
    _drop_grants()
    op.create_table(
        "grants",
        *columns,
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
        f"INSERT INTO core.grants ({names}{', seq' if with_seq else ''}) "
        f"SELECT {names}{seq} FROM core.{_COPY}"
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
        raise DatabaseError(
            "cannot downgrade below 0009: these documents print a grant number more than once "
            f"(document_id, grant_no): {[tuple(r) for r in repeated][:10]}; delete them first"
        )
    _rebuild(False, ("document_id", "grant_no"), "")
