"""Revenue (歲入) a unit budget explains item by item: 歲入項目說明提要表. The accounts and
amounts of its 歲入來源別預算表 live in the revenue tables of schema/dgbas.py."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code, document_fk, line, money, page, text


class RevenueNote(Base):
    __tablename__ = "revenue_notes"
    __table_args__ = {
        "comment": "歲入項目說明提要表: one row per revenue item (來源子目及細目) with its "
        "預算金額, 承辦單位, 項目內容, 法令依據 and 金額及說明 as printed."
    }

    document_id: Mapped[int] = document_fk()
    account_code: Mapped[str] = code(
        10, "10-digit revenue code of the item (the last code of 來源子目及細目與編號).", pk=True
    )
    name: Mapped[str] = mapped_column(
        String(200),
        comment="來源子目及細目 names as printed, joined with '-' (雜項收入-其他雜項收入).",
    )
    amount: Mapped[int | None] = money("預算金額 printed in the page header")
    units: Mapped[str | None] = text("承辦單位 as printed (wraps joined).")
    content: Mapped[str | None] = text("一、項目內容 as printed.")
    legal_basis: Mapped[str | None] = text("二、法令依據 as printed.")
    breakdown: Mapped[str | None] = text("金額及說明: the 說明 column as printed (wraps joined).")
    page: Mapped[int | None] = page()
    last_page: Mapped[int | None] = mapped_column(
        Integer, comment="Last page the item runs to (1-based page of the file)."
    )
    line: Mapped[int | None] = line()
