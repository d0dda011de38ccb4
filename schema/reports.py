"""Tables only real books print: multi-year programmes, media spending by work plan, and the
Legislative Yuan's resolutions with what the agency did about them."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, code, document_fk, line, money, page, text

# 跨年期計畫概況表 prints 新臺幣億元 with two decimals; kept exact in the unit printed.
Yi = Numeric(18, 4)


class MultiYearPlan(Base):
    __tablename__ = "multi_year_plans"
    __table_args__ = {
        "comment": "跨年期計畫概況表: one row per multi-year programme, amounts in the unit "
        "printed (新臺幣億元), never converted to 千元."
    }

    document_id: Mapped[int] = document_fk()
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Printed order (1-based).")
    name: Mapped[str] = mapped_column(String(400), comment="計畫名稱 as printed (wraps joined).")
    period: Mapped[str | None] = mapped_column(
        String(16), comment="執行期間 as printed, e.g. 114-117 (ROC years)."
    )
    start_year: Mapped[int | None] = mapped_column(Integer, comment="First ROC year of 執行期間.")
    end_year: Mapped[int | None] = mapped_column(Integer, comment="Last ROC year of 執行期間.")
    unit: Mapped[str] = mapped_column(
        String(16), comment="Unit of every amount of the row as printed (億元 for 新臺幣億元)."
    )
    total_cost: Mapped[Decimal | None] = mapped_column(
        Yi, comment="中央公務預算經費需求總額, in `unit`."
    )
    prior_years: Mapped[Decimal | None] = mapped_column(
        Yi, comment="(Y-2)及以前年度預算數: budgets up to two years before this one, in `unit`."
    )
    last_year: Mapped[Decimal | None] = mapped_column(
        Yi, comment="(Y-1)年度預算數: last year's budget, in `unit`."
    )
    this_year: Mapped[Decimal | None] = mapped_column(
        Yi, comment="(Y)年度預算數: this document's year, in `unit`."
    )
    later_years: Mapped[Decimal | None] = mapped_column(
        Yi, comment="(Y+1)及以後年度預估需求數: estimated needs from next year on, in `unit`."
    )
    note: Mapped[str | None] = text("備註 as printed (approval letters, where the budget sits).")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class MediaPublicityPlan(Base):
    __tablename__ = "media_publicity_plans"
    __table_args__ = {
        "comment": "媒體政策及業務宣導費彙計表 as printed: one row per work plan (目 or 節) with "
        "its amount and 預計執行內容; agency and 政事 rows are their sums."
    }

    document_id: Mapped[int] = document_fk()
    work_plan_code: Mapped[str] = code(10, "Work plan code (目 or 節 level).", pk=True)
    name: Mapped[str | None] = text("Work plan name as printed.")
    amount: Mapped[int | None] = money("媒體政策及業務宣導費 預算數")
    content: Mapped[str | None] = text("預計執行內容 as printed.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class LegislativeResolution(Base):
    __tablename__ = "legislative_resolutions"
    __table_args__ = {
        "comment": "立法院審議中央政府總預算案所提決議、附帶決議及注意事項辦理情形報告表: one row "
        "per resolution, with what the agency reports it did."
    }

    document_id: Mapped[int] = document_fk()
    seq: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="Printed order over the whole report (1-based)."
    )
    resolution_year: Mapped[int | None] = mapped_column(
        Integer,
        comment="ROC year of the budget the resolutions were made on (the report's "
        "header year, usually the year before the book's).",
    )
    section: Mapped[str | None] = text("Section heading as printed (一、總預算案部分 …).")
    part: Mapped[str | None] = text(
        "Sub-heading within the section as printed (通案決議, 主計總處部分 …); NULL when none."
    )
    item_label: Mapped[str] = mapped_column(String(16), comment="項次 as printed, e.g. (十二).")
    item_no: Mapped[int | None] = mapped_column(Integer, comment="項次 as a number (十二 -> 12).")
    resolution_text: Mapped[str | None] = text("決議、附帶決議及注意事項 內容 (wraps joined).")
    action_text: Mapped[str | None] = text("辦理情形 as printed (wraps joined).")
    page: Mapped[int | None] = page()
    last_page: Mapped[int | None] = mapped_column(
        Integer, comment="Page where the resolution's text ends."
    )
    line: Mapped[int | None] = line()
