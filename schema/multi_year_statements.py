"""This-year amounts of multi-year programmes stated in sub-plan 說明 prose, read as facts of
their own to check against 跨年期計畫概況表."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Amount, Base, code, document_fk, line, money, page, text


class MultiYearStatement(Base):
    __tablename__ = "multi_year_statements"
    __table_args__ = {
        "comment": "本年度編列第N年經費 / 本年度續編最後1年經費 statements of sub-plan 說明 "
        "(補助連江縣政府聯合辦公大樓興建計畫…本年度編列第1年經費22,373千元): one row per "
        "statement, amounts in 千元, matched by name to the 跨年期計畫概況表 row they state "
        "(multi_year_seq) when the document prints that table."
    }

    document_id: Mapped[int] = document_fk()
    statement_no: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="Order of the statement in the document (1, 2 …)."
    )
    work_plan_code: Mapped[str] = code(10, "Work plan (工作計畫) code.", nullable=False)
    sub_plan_code: Mapped[str] = code(4, "Sub-plan (分支計畫) number.", nullable=False)
    plan_name: Mapped[str] = mapped_column(
        String(400), comment="The programme's name as printed nearest the statement."
    )
    name_source: Mapped[str] = mapped_column(
        String(16),
        comment="Where plan_name was read: quoted (「」 before the statement), item (the name "
        "its numbered item opens with) or sub_plan (the text says 本計畫: the sub-plan's name).",
    )
    other_names: Mapped[str | None] = text(
        "Other names the text gives it (a parent programme, the sub-plan), joined by ｜."
    )
    year_no: Mapped[int | None] = mapped_column(
        Integer, comment="第N年: the programme year this is; NULL for 最後N年."
    )
    final_year: Mapped[bool] = mapped_column(
        Boolean, comment="True when the text says 最後N年 (the programme's last year)."
    )
    amount: Mapped[int] = mapped_column(
        Amount, comment="This year's amount the statement gives (千元)."
    )
    allotted_amount: Mapped[int | None] = money(
        "The part budgeted under this sub-plan's account (分配本科目編列 N千元), when stated"
    )
    multi_year_seq: Mapped[int | None] = mapped_column(
        Integer,
        comment="multi_year_plans.seq of the 跨年期計畫概況表 row matched by name; NULL when "
        "none matched or the document prints no such table.",
    )
    match_score: Mapped[Decimal | None] = mapped_column(
        Numeric(5, 3), comment="Name similarity of the match (0-1, rapidfuzz WRatio / 100)."
    )
    phrase: Mapped[str | None] = text("The 說明 text before and of the statement, no whitespace.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()
