"""The 經資門 split the 說明 text states: capital parts of object classes outside the 3000 series."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Amount, Base, code, document_fk, line, page, text


class CapitalPortion(Base):
    __tablename__ = "capital_portions"
    __table_args__ = {
        "comment": "資本支出 stated in a sub-plan 說明 for part of an object class (所需獎補助費"
        "22,301千元（資本支出5,912千元…）): one row per phrase, attached to the class of the "
        "sub-plan the text points at. The line items mark only the 3000 series capital; the "
        "report views move these amounts from 經常門 to 資本門."
    }

    document_id: Mapped[int] = document_fk()
    portion_no: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="Order of the phrase in the document (1, 2 …)."
    )
    work_plan_code: Mapped[str] = code(10, "Work plan (工作計畫) code.", nullable=False)
    sub_plan_code: Mapped[str] = code(4, "Sub-plan (分支計畫) number.", nullable=False)
    object_class_code: Mapped[str] = code(
        4,
        "Object class (用途別科目) the capital part belongs to: level 1 (4000) or 2 (3035).",
        nullable=False,
    )
    amount: Mapped[int] = mapped_column(Amount, comment="The capital part (千元).")
    attached_by: Mapped[str] = mapped_column(
        String(16),
        comment="The rule that attached the phrase to its class: class_named, kind_word, "
        "same_amount or beside.",
    )
    phrase: Mapped[str | None] = text("The 說明 text around the phrase, whitespace removed.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()
