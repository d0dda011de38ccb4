"""補助經費分析表: subsidies to other governments and special funds, one row per recipient."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code, document_fk, line, money, page, text


class Subsidy(Base):
    __tablename__ = "subsidies"
    __table_args__ = {
        "comment": "補助經費分析表: one row per [n] recipient of an (n) programme of a work plan; "
        "programme numbers restart in every work plan and recipient numbers in every programme."
    }

    document_id: Mapped[int] = document_fk()
    work_plan_code: Mapped[str] = code(
        10, "Work plan (工作計畫) code the programme is under.", pk=True
    )
    program_no: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="(n) of the programme within its work plan."
    )
    recipient_no: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="[n] of the recipient within its programme."
    )
    work_plan_name: Mapped[str | None] = text("Work plan name as printed.")
    program_number: Mapped[str | None] = mapped_column(
        String(4), comment="The two-digit programme number printed beside its name (01, 02 …)."
    )
    program_name: Mapped[str] = mapped_column(String(400), comment="補助計畫 name (wraps joined).")
    recipient: Mapped[str] = mapped_column(
        String(200), comment="The recipient line as printed, e.g. 補助直轄市政府."
    )
    period: Mapped[str | None] = mapped_column(
        String(16), comment="計畫起訖年度 as printed: 114-117 (ROC years) or 經常性."
    )
    content: Mapped[str | None] = text("補助內容 (wraps joined).")
    recipient_budget_year: Mapped[str | None] = mapped_column(
        String(16), comment="接受補助機關列入預算年度 as printed (ROC year)."
    )
    current_personnel: Mapped[int | None] = money("經常門 人事費")
    current_operating: Mapped[int | None] = money("經常門 業務費")
    current_other: Mapped[int | None] = money("經常門 其它")
    capital_land: Mapped[int | None] = money("資本門 土地")
    capital_construction: Mapped[int | None] = money("資本門 營建工程")
    capital_other: Mapped[int | None] = money("資本門 其它")
    total: Mapped[int | None] = money("合計")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()
