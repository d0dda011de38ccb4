"""DGBAS whole-government tables beyond 歲出機關別: the budget dimension, 歲入來源別 (revenue by
source) and 歲出政事別 (expenditure by function) accounts and their amounts by stage."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code, document_fk, line, money, page, text

GENERAL_BUDGET = "中央政府總預算"
BUDGET_KINDS = ("general", "special", "supplementary")


class Budget(Base):
    __tablename__ = "budgets"
    __table_args__ = {
        "comment": "Budgets a document can belong to: the yearly 總預算 (general), a named 特別預算 (special) or 追加(減)預算 (supplementary). A special budget is its own budget, never a replacement of the general one."
    }

    budget_name: Mapped[str] = mapped_column(
        String(200),
        primary_key=True,
        comment="Budget name as printed, folded (中央政府總預算, 中央政府前瞻基礎建設計畫第4期特別預算).",
    )
    budget_kind: Mapped[str] = mapped_column(
        String(16), comment="general (總預算), special (特別預算) or supplementary (追加(減)預算)."
    )


def _account_columns(code_comment: str, level_comment: str) -> type:
    """A mixin of the columns every DGBAS account table has, in table order: 歲入來源別 and
    歲出政事別 print one shape (document, 10-digit account code, fiscal year, printed name,
    level, 款項目節 positions, parent, 說明, sheet row). Only what `account_code` and `level`
    hold differs (their column comments). Columns of a table's own follow (sort_order 1)."""

    class AccountColumns:
        document_id: Mapped[int] = document_fk()
        account_code: Mapped[str] = code(10, code_comment, pk=True)
        fiscal_year: Mapped[int] = mapped_column(Integer, comment="Fiscal year of the document.")
        name: Mapped[str] = mapped_column(String(200), comment="Account name as printed.")
        name_folded: Mapped[str] = mapped_column(
            String(200), comment="Name folded for searches (NFKC, 台 -> 臺, no spaces)."
        )
        level: Mapped[str] = mapped_column(String(16), comment=level_comment)
        kuan: Mapped[int | None] = mapped_column(Integer, comment="款 position as printed.")
        xiang: Mapped[int | None] = mapped_column(Integer, comment="項 position as printed.")
        mu: Mapped[int | None] = mapped_column(Integer, comment="目 position as printed.")
        jie: Mapped[int | None] = mapped_column(Integer, comment="節 position as printed.")
        parent_code: Mapped[str | None] = code(10, "Account this one sits under.")
        description: Mapped[str | None] = text("說明 as printed (control characters removed).")
        sheet_row: Mapped[int | None] = mapped_column(Integer, comment="1-based spreadsheet row.")

    return AccountColumns


def _amount_columns(code_comment: str) -> type:
    """A mixin of the columns every DGBAS amount table has, in table order: one amount (千元)
    of an account for a fiscal year and stage, and the printed column it came from. Only what
    `account_code` holds differs. Columns of a table's own follow (sort_order 1)."""

    class AmountColumns:
        document_id: Mapped[int] = document_fk()
        account_code: Mapped[str] = code(10, code_comment, pk=True)
        fiscal_year: Mapped[int] = mapped_column(
            Integer, primary_key=True, comment="Fiscal year the amount is for."
        )
        stage: Mapped[str] = mapped_column(
            String(16), primary_key=True, comment="proposed, enacted or actual."
        )
        amount: Mapped[int | None] = money("Amount")
        source_column: Mapped[str] = mapped_column(
            String(32), comment="this_year, last_year or year_before_actual."
        )
        sheet_row: Mapped[int | None] = mapped_column(Integer, comment="1-based spreadsheet row.")

    return AmountColumns


_REVENUE_CODE = "10-digit revenue account code."
_FUNCTION_CODE = "10-digit functional account code."


class RevenueAccount(_account_columns(_REVENUE_CODE, "source, agency, item or sub_item."), Base):
    __tablename__ = "revenue_accounts"
    __table_args__ = {
        "comment": "Accounts of a 歲入來源別預算表 (revenue by source) as one document prints them: 款 source (0100000000 稅課收入), 項 agency, 目 item, 節 sub-item."
    }

    # A unit budget's 歲入來源別預算表 states the accounts too: where it prints them.
    page: Mapped[int | None] = page(sort_order=1)
    line: Mapped[int | None] = line(sort_order=1)


class RevenueAmount(_amount_columns(_REVENUE_CODE), Base):
    __tablename__ = "revenue_amounts"
    __table_args__ = {
        "comment": "Revenue of an account for a fiscal year and stage as one 歲入來源別預算表 states it (Y, Y-1 enacted, Y-2 actual)."
    }

    # A unit budget's 歲入來源別預算表 states the amounts too: where it prints them.
    page: Mapped[int | None] = page(sort_order=1)
    line: Mapped[int | None] = line(sort_order=1)


class FunctionAccount(
    _account_columns(_FUNCTION_CODE, "function, agency, work_plan or section."), Base
):
    __tablename__ = "function_accounts"
    __table_args__ = {
        "comment": "Accounts of a 歲出政事別預算表 (expenditure by function) as one document prints them: 款 政事 (3200000000 國務支出), 項 agency, 目 work plan, 節 section."
    }


class FunctionAmount(_amount_columns(_FUNCTION_CODE), Base):
    __tablename__ = "function_amounts"
    __table_args__ = {
        "comment": "Expenditure of a functional account for a fiscal year and stage as one 歲出政事別預算表 states it (Y, Y-1 enacted, Y-2 actual)."
    }
