"""The budget core: accounts and their amounts, work plans, sub-plans, programs, line items."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Amount, Base, code, document_fk, line, money, page, text


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = {
        "comment": "Accounts of the budget hierarchy as one document prints them: 主管, agency, 政事別, 工作計畫, 節. Codes identify accounts across years."
    }

    document_id: Mapped[int] = document_fk()
    account_code: Mapped[str] = code(
        10, "10-digit account code (9-digit printed variants are padded).", pk=True
    )
    fiscal_year: Mapped[int] = mapped_column(Integer, comment="Fiscal year of the document.")
    name: Mapped[str] = mapped_column(String(200), comment="Account name as printed.")
    name_folded: Mapped[str | None] = mapped_column(
        String(200), comment="Name folded for searches (NFKC, 台 -> 臺, no spaces)."
    )
    level: Mapped[str] = mapped_column(
        String(16), comment="ministry, agency, function, work_plan or section."
    )
    kuan: Mapped[int | None] = mapped_column(Integer, comment="款 position (主管).")
    xiang: Mapped[int | None] = mapped_column(Integer, comment="項 position (agency).")
    mu: Mapped[int | None] = mapped_column(Integer, comment="目 position (work plan).")
    jie: Mapped[int | None] = mapped_column(
        Integer, comment="節 position (section of a work plan)."
    )
    parent_code: Mapped[str | None] = code(10, "Account this one sits under.")
    description: Mapped[str | None] = text("說明 as printed.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()
    sheet_row: Mapped[int | None] = mapped_column(
        Integer, comment="1-based spreadsheet row (workbooks)."
    )


class AccountAmount(Base):
    __tablename__ = "account_amounts"
    __table_args__ = {
        "comment": "Amount of an account for a fiscal year and stage as one document states it. A workbook of year Y gives Y, Y-1 enacted and Y-2 actual."
    }

    document_id: Mapped[int] = document_fk()
    account_code: Mapped[str] = code(10, "10-digit account code.", pk=True)
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
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()
    sheet_row: Mapped[int | None] = mapped_column(
        Integer, comment="1-based spreadsheet row (workbooks)."
    )


class WorkPlan(Base):
    __tablename__ = "work_plans"
    __table_args__ = {"comment": "工作計畫 of a unit budget (歲出計畫提要及分支計畫概況表)."}

    document_id: Mapped[int] = document_fk()
    work_plan_code: Mapped[str] = code(
        10, "10-digit work plan account code, e.g. 5262200100.", pk=True
    )
    name: Mapped[str] = mapped_column(String(200), comment="Work plan name.")
    amount: Mapped[int | None] = money("預算金額")
    content: Mapped[str | None] = text("計畫內容 as printed.")
    expected_results: Mapped[str | None] = text("預期成果 as printed.")
    mu: Mapped[int | None] = mapped_column(Integer, comment="目 position when printed.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class SubPlan(Base):
    __tablename__ = "sub_plans"
    __table_args__ = {"comment": "分支計畫 (sub-plans) numbered 01, 02 ... inside a work plan."}

    document_id: Mapped[int] = document_fk()
    work_plan_code: Mapped[str] = code(10, "Work plan code.", pk=True)
    sub_plan_code: Mapped[str] = code(4, "Sub-plan number as printed, e.g. 01.", pk=True)
    name: Mapped[str] = mapped_column(String(200), comment="Sub-plan name.")
    amount: Mapped[int | None] = money("Sub-plan amount")
    units_text: Mapped[str | None] = text("承辦單位 as printed.")
    description: Mapped[str | None] = text("說明 as printed (wrapped lines joined).")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class InternalUnit(Base):
    __tablename__ = "internal_units"
    __table_args__ = {
        "comment": "Internal units (內部分層業務) from 預算總說明, the 承辦單位 of sub-plans."
    }

    document_id: Mapped[int] = document_fk()
    unit_name: Mapped[str] = mapped_column(
        String(100), primary_key=True, comment="Unit name, e.g. 政策規劃組."
    )
    seq: Mapped[int] = mapped_column(Integer, comment="Printed order.")
    duties: Mapped[str | None] = text("Duties as printed.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class SubPlanUnit(Base):
    __tablename__ = "sub_plan_units"
    __table_args__ = {"comment": "Which internal units run which sub-plan (承辦單位)."}

    document_id: Mapped[int] = document_fk()
    work_plan_code: Mapped[str] = code(10, "Work plan code.", pk=True)
    sub_plan_code: Mapped[str] = code(4, "Sub-plan number.", pk=True)
    unit_name: Mapped[str] = mapped_column(
        String(100), primary_key=True, comment="Unit name as printed."
    )
    known_unit: Mapped[bool | None] = mapped_column(
        comment="True when the unit is listed in 預算總說明."
    )


class AgencyDuty(Base):
    __tablename__ = "agency_duties"
    __table_args__ = {"comment": "現行法定職掌: the agency's statutory duties from 預算總說明."}

    document_id: Mapped[int] = document_fk()
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Printed number.")
    duty: Mapped[str] = mapped_column(String(1000), comment="Duty text.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class PolicyGoal(Base):
    __tablename__ = "policy_goals"
    __table_args__ = {"comment": "年度重要施政計畫: work plan to key programs, from 預算總說明."}

    document_id: Mapped[int] = document_fk()
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Printed order.")
    work_plan_name: Mapped[str | None] = text("工作計畫名稱.")
    program_name: Mapped[str] = mapped_column(String(400), comment="重要計畫項目.")
    content: Mapped[str | None] = text("實施內容.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class HeadcountStatement(Base):
    __tablename__ = "headcount_statements"
    __table_args__ = {
        "comment": "Headcounts stated in prose or footers (預算員額說明, sub-plan 說明, vehicles page footer), to check against 預算員額明細表."
    }

    document_id: Mapped[int] = document_fk()
    source: Mapped[str] = mapped_column(
        String(32), primary_key=True, comment="budget_statement, sub_plan or vehicles_footer."
    )
    category: Mapped[str] = mapped_column(
        String(16), primary_key=True, comment="職員, 聘用, ... or 合計."
    )
    headcount: Mapped[int] = mapped_column(Integer, comment="Persons.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class Program(Base):
    __tablename__ = "programs"
    __table_args__ = {
        "comment": "計畫: named programs inside a sub-plan, listed in 計畫內容 and costed in 說明."
    }

    document_id: Mapped[int] = document_fk()
    program_seq: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="Order within the document."
    )
    work_plan_code: Mapped[str] = code(10, "Work plan code.")
    sub_plan_code: Mapped[str | None] = code(4, "Sub-plan whose 說明 costs it.")
    content_no: Mapped[int | None] = mapped_column(Integer, comment="Number in 計畫內容.")
    name: Mapped[str] = mapped_column(
        String(400), comment="Name in 計畫內容 (or in 說明 when only there)."
    )
    statement_no: Mapped[int | None] = mapped_column(
        Integer, comment="Item number in the sub-plan 說明."
    )
    statement_name: Mapped[str | None] = text("Name as written in the 說明 item.")
    amount: Mapped[int | None] = money("Amount stated in 說明; NULL when the text was lost")
    media_amount: Mapped[int | None] = money("媒體政策及業務宣導費 stated for it")
    travel_amount: Mapped[int | None] = money(
        "Travel its amount includes: (含大陸地區旅費… 國外旅費…)"
    )
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class ProgramLink(Base):
    __tablename__ = "program_links"
    __table_args__ = {
        "comment": "Links from programs to their grants (捐助) and commissioned projects (委辦), and how each was made."
    }

    document_id: Mapped[int] = document_fk()
    program_seq: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="programs.program_seq."
    )
    target_kind: Mapped[str] = mapped_column(
        String(16), primary_key=True, comment="grant or commissioned."
    )
    target_key: Mapped[str] = mapped_column(
        String(8), primary_key=True, comment="grants.grant_no or commissioned_projects.seq."
    )
    method: Mapped[str] = mapped_column(String(16), comment="exact, normalised, fuzzy or amount.")
    score: Mapped[Decimal | None] = mapped_column(
        Numeric(5, 3), comment="Similarity for fuzzy links (0-1)."
    )


class LineItem(Base):
    __tablename__ = "line_items"
    __table_args__ = {
        "comment": "The atomic budget fact: sub-plan x level-2 object class x current/capital, amount."
    }

    document_id: Mapped[int] = document_fk()
    work_plan_code: Mapped[str] = code(10, "Work plan code.", pk=True)
    sub_plan_code: Mapped[str] = code(4, "Sub-plan number.", pk=True)
    object_class_code: Mapped[str] = code(4, "Level-2 object class code.", pk=True)
    expenditure_type: Mapped[str] = mapped_column(
        String(8), primary_key=True, comment="current (經常門) or capital (資本門)."
    )
    amount: Mapped[int] = mapped_column(Amount, comment="Amount (千元).")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class AccountMove(Base):
    __tablename__ = "account_moves"
    __table_args__ = {
        "comment": "Reorganisations: an account continued under another code from a fiscal year on (e.g. 經濟部 accounts moved to 數位產業署 in 112). Empty until such mappings are loaded; account_series keeps codes apart."
    }

    from_code: Mapped[str] = code(10, "Account code before the move.", pk=True)
    to_code: Mapped[str] = code(10, "Account code after the move.", pk=True)
    from_fiscal_year: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="First fiscal year under to_code."
    )
    share: Mapped[Decimal | None] = mapped_column(
        Numeric(9, 6), comment="Share of from_code that moved (1 = all); NULL when unknown."
    )
    note: Mapped[str | None] = text("Source of the mapping (law, DGBAS note).")
