"""DGBAS: budget dimension, revenue and functional accounts, folded names, more document kinds

Additive where DuckDB allows it (new tables, ADD COLUMN). The one exception is the CHECK on
documents.kind, which must admit dgbas_revenue and dgbas_function: PostgreSQL drops and adds
the constraint; DuckDB cannot drop a constraint, so its documents table is rebuilt (create,
copy, drop, rename; views are re-created after every upgrade and do not block DuckDB DDL).

Revision ID: 0004
Revises: 0003
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENERAL_BUDGET = "中央政府總預算"
OLD_KINDS = "kind IN ('unit_budget', 'dgbas_expenditure')"
NEW_KINDS = "kind IN ('unit_budget', 'dgbas_expenditure', 'dgbas_revenue', 'dgbas_function')"
KIND_COMMENT = (
    "unit_budget (單位預算), dgbas_expenditure (歲出機關別預算表), dgbas_revenue "
    "(歲入來源別預算表) or dgbas_function (歲出政事別預算表)."
)
BUDGET_COMMENT = (
    "Budget the document belongs to (budgets.budget_name): 中央政府總預算 or a named "
    "特別預算 / 追加(減)預算."
)


def _fold_name(name: str) -> str:
    """Frozen copy of loaders.recognise.fold_name (revisions never import moving code)."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", text)
    return re.sub(r"\s+", "", text).replace("台", "臺")


def _backfill_folded_names() -> None:
    """name_folded of the accounts DGBAS workbooks loaded before this revision (the DGBAS
    loader fills it from now on; unit-budget accounts keep NULL until their parser does)."""
    bind = op.get_bind()
    dgbas = "SELECT document_id FROM core.documents WHERE kind = 'dgbas_expenditure'"
    names = [
        row[0]
        for row in bind.execute(
            sa.text(f"SELECT DISTINCT name FROM core.accounts WHERE document_id IN ({dgbas})")
        )
    ]
    if not names:
        return
    bind.execute(sa.text("CREATE TEMPORARY TABLE name_folds (name TEXT, folded TEXT)"))
    bind.execute(
        sa.text("INSERT INTO name_folds (name, folded) VALUES (:name, :folded)"),
        [{"name": n, "folded": _fold_name(n)} for n in names],
    )
    bind.execute(
        sa.text(
            "UPDATE core.accounts SET name_folded = f.folded FROM name_folds AS f "
            f"WHERE f.name = core.accounts.name AND core.accounts.document_id IN ({dgbas})"
        )
    )
    bind.execute(sa.text("DROP TABLE name_folds"))


def _documents_columns(kinds: str) -> list:
    return [
        sa.Column(
            "document_id",
            sa.Integer(),
            server_default=sa.text("nextval('core.documents_document_id_seq')"),
            nullable=False,
            comment="Surrogate id; every fact carries it.",
        ),
        sa.Column("kind", sa.String(length=32), nullable=False, comment=KIND_COMMENT),
        sa.Column("file_name", sa.Text(), nullable=False, comment="File name as given to load."),
        sa.Column(
            "sha256",
            sa.String(length=64),
            nullable=False,
            comment="SHA-256 of the file bytes; loading the same bytes twice is a no-op.",
        ),
        sa.Column(
            "encoding",
            sa.Text(),
            nullable=True,
            comment="Detected text encoding (utf-8, utf-16, cp950...).",
        ),
        sa.Column(
            "agency_code",
            sa.String(length=10),
            nullable=True,
            comment="10-digit agency account code (e.g. 0062200000); NULL for whole-government tables.",
        ),
        sa.Column(
            "agency_name",
            sa.Text(),
            nullable=True,
            comment="Agency name as printed (e.g. 數位發展部數位產業署).",
        ),
        sa.Column(
            "fiscal_year", sa.Integer(), nullable=False, comment="ROC fiscal year (112 = 2023)."
        ),
        sa.Column(
            "stage",
            sa.String(length=16),
            nullable=False,
            comment="proposed (預算案), enacted (法定預算) or actual (決算).",
        ),
        sa.Column(
            "parser_version",
            sa.String(length=32),
            nullable=False,
            comment="unitbudget parser version that loaded it.",
        ),
        sa.Column(
            "loaded_at", sa.DateTime(), nullable=False, comment="When the load committed (UTC)."
        ),
        sa.Column(
            "page_count", sa.Integer(), nullable=True, comment="Printed pages (or sheets) read."
        ),
        sa.Column("line_count", sa.Integer(), nullable=True, comment="Lines (or sheet rows) read."),
        sa.CheckConstraint(kinds, name=op.f("ck_documents_kind")),
        sa.CheckConstraint(
            "stage IN ('proposed', 'enacted', 'actual')", name=op.f("ck_documents_stage")
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    ]


_COPIED = (
    "document_id, kind, file_name, sha256, encoding, agency_code, agency_name, fiscal_year, "
    "stage, parser_version, loaded_at, page_count, line_count"
)


def _set_kinds(kinds: str) -> None:
    if op.get_bind().dialect.name == "duckdb":
        op.create_table(
            "documents_rebuilt",
            *_documents_columns(kinds),
            schema="core",
            comment="One row per loaded source file (a unit budget or a DGBAS workbook).",
        )
        op.execute(
            f"INSERT INTO core.documents_rebuilt ({_COPIED}) SELECT {_COPIED} FROM core.documents"
        )
        op.drop_table("documents", schema="core")
        op.execute("ALTER TABLE core.documents_rebuilt RENAME TO documents")
    else:
        op.drop_constraint(op.f("ck_documents_kind"), "documents", schema="core", type_="check")
        op.create_check_constraint(op.f("ck_documents_kind"), "documents", kinds, schema="core")
        op.alter_column(
            "documents", "kind", comment=KIND_COMMENT, existing_type=sa.String(32), schema="core"
        )


def _account_table(name: str, comment: str, what: str, levels: str) -> None:
    op.create_table(
        name,
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
        sa.Column(
            "account_code", sa.String(length=10), nullable=False, comment=f"10-digit {what}."
        ),
        sa.Column(
            "fiscal_year", sa.Integer(), nullable=False, comment="Fiscal year of the document."
        ),
        sa.Column(
            "name", sa.String(length=200), nullable=False, comment="Account name as printed."
        ),
        sa.Column(
            "name_folded",
            sa.String(length=200),
            nullable=False,
            comment="Name folded for searches (NFKC, 台 -> 臺, no spaces).",
        ),
        sa.Column("level", sa.String(length=16), nullable=False, comment=levels),
        sa.Column("kuan", sa.Integer(), nullable=True, comment="款 position as printed."),
        sa.Column("xiang", sa.Integer(), nullable=True, comment="項 position as printed."),
        sa.Column("mu", sa.Integer(), nullable=True, comment="目 position as printed."),
        sa.Column("jie", sa.Integer(), nullable=True, comment="節 position as printed."),
        sa.Column(
            "parent_code",
            sa.String(length=10),
            nullable=True,
            comment="Account this one sits under.",
        ),
        sa.Column(
            "description",
            sa.Text(),
            nullable=True,
            comment="說明 as printed (control characters removed).",
        ),
        sa.Column("sheet_row", sa.Integer(), nullable=True, comment="1-based spreadsheet row."),
        sa.PrimaryKeyConstraint("document_id", "account_code", name=op.f(f"pk_{name}")),
        schema="core",
        comment=comment,
    )


def _amount_table(name: str, comment: str, what: str) -> None:
    op.create_table(
        name,
        sa.Column(
            "document_id",
            sa.Integer(),
            nullable=False,
            comment="The document this fact was read from (documents.document_id).",
        ),
        sa.Column(
            "account_code", sa.String(length=10), nullable=False, comment=f"10-digit {what}."
        ),
        sa.Column(
            "fiscal_year", sa.Integer(), nullable=False, comment="Fiscal year the amount is for."
        ),
        sa.Column(
            "stage", sa.String(length=16), nullable=False, comment="proposed, enacted or actual."
        ),
        sa.Column("amount", sa.BigInteger(), nullable=True, comment="Amount (千元)"),
        sa.Column(
            "source_column",
            sa.String(length=32),
            nullable=False,
            comment="this_year, last_year or year_before_actual.",
        ),
        sa.Column("sheet_row", sa.Integer(), nullable=True, comment="1-based spreadsheet row."),
        sa.PrimaryKeyConstraint(
            "document_id", "account_code", "fiscal_year", "stage", name=op.f(f"pk_{name}")
        ),
        schema="core",
        comment=comment,
    )


def upgrade() -> None:
    _set_kinds(NEW_KINDS)
    op.add_column(
        "documents",
        sa.Column(
            "budget_name",
            sa.String(length=200),
            server_default=GENERAL_BUDGET,
            nullable=False,
            comment=BUDGET_COMMENT,
        ),
        schema="core",
    )
    op.add_column(
        "accounts",
        sa.Column(
            "name_folded",
            sa.String(length=200),
            nullable=True,
            comment="Name folded for searches (NFKC, 台 -> 臺, no spaces).",
        ),
        schema="core",
    )
    _backfill_folded_names()
    budgets = op.create_table(
        "budgets",
        sa.Column(
            "budget_name",
            sa.String(length=200),
            nullable=False,
            comment="Budget name as printed, folded (中央政府總預算, 中央政府前瞻基礎建設計畫第4期特別預算).",
        ),
        sa.Column(
            "budget_kind",
            sa.String(length=16),
            nullable=False,
            comment="general (總預算), special (特別預算) or supplementary (追加(減)預算).",
        ),
        sa.PrimaryKeyConstraint("budget_name", name=op.f("pk_budgets")),
        schema="core",
        comment="Budgets a document can belong to: the yearly 總預算 (general), a named 特別預算 (special) or 追加(減)預算 (supplementary). A special budget is its own budget, never a replacement of the general one.",
    )
    op.bulk_insert(budgets, [{"budget_name": GENERAL_BUDGET, "budget_kind": "general"}])
    _account_table(
        "revenue_accounts",
        "Accounts of a 歲入來源別預算表 (revenue by source) as one document prints them: 款 source (0100000000 稅課收入), 項 agency, 目 item, 節 sub-item.",
        "revenue account code",
        "source, agency, item or sub_item.",
    )
    _amount_table(
        "revenue_amounts",
        "Revenue of an account for a fiscal year and stage as one 歲入來源別預算表 states it (Y, Y-1 enacted, Y-2 actual).",
        "revenue account code",
    )
    _account_table(
        "function_accounts",
        "Accounts of a 歲出政事別預算表 (expenditure by function) as one document prints them: 款 政事 (3200000000 國務支出), 項 agency, 目 work plan, 節 section.",
        "functional account code",
        "function, agency, work_plan or section.",
    )
    _amount_table(
        "function_amounts",
        "Expenditure of a functional account for a fiscal year and stage as one 歲出政事別預算表 states it (Y, Y-1 enacted, Y-2 actual).",
        "functional account code",
    )


def downgrade() -> None:
    special = op.get_bind().execute(
        sa.text(f"SELECT count(*) FROM core.documents WHERE budget_name <> '{GENERAL_BUDGET}'")
    )
    if special.scalar():
        # Without budget_name they would silently become general-budget documents.
        raise RuntimeError(
            "documents of special or supplementary budgets are loaded; revision 0003 cannot "
            "tell them from the general budget: delete them before downgrading"
        )
    for name in ("function_amounts", "function_accounts", "revenue_amounts", "revenue_accounts"):
        op.drop_table(name, schema="core")
    op.drop_table("budgets", schema="core")
    op.drop_column("accounts", "name_folded", schema="core")
    # Documents of the new kinds cannot be described by the old schema: they go whole.
    gone = (
        "SELECT document_id FROM core.documents WHERE kind IN ('dgbas_revenue', 'dgbas_function')"
    )
    for name in ("document_tables", "printed_cells", "load_issues"):
        op.execute(f"DELETE FROM core.{name} WHERE document_id IN ({gone})")
    op.execute(f"DELETE FROM core.documents WHERE document_id IN ({gone})")
    if op.get_bind().dialect.name == "duckdb":
        _set_kinds(OLD_KINDS)  # rebuilds without budget_name
    else:
        op.drop_column("documents", "budget_name", schema="core")
        _set_kinds(OLD_KINDS)
