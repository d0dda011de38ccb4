"""Schedules of a unit budget: staffing, vehicles, premises, grants, commissions, travel, media,
and the functional x economic classification."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Decimal2, code, document_fk, line, money, page, text


class Staffing(Base):
    __tablename__ = "staffing"
    __table_args__ = {"comment": "預算員額明細表: headcount by account, category and year."}

    document_id: Mapped[int] = document_fk()
    account_code: Mapped[str] = code(
        10, "Account the row belongs to (agency or work plan).", pk=True
    )
    category: Mapped[str] = mapped_column(
        String(16),
        primary_key=True,
        comment="職員, 警察, 法警, 駐警, 工友, 技工, 駕駛, 聘用, 約僱, 駐外雇員.",
    )
    year: Mapped[str] = mapped_column(
        String(8), primary_key=True, comment="this (本年度) or last (上年度)."
    )
    headcount: Mapped[int | None] = mapped_column(Integer, comment="Persons; '-' is 0.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class StaffingCost(Base):
    __tablename__ = "staffing_costs"
    __table_args__ = {"comment": "預算員額明細表 年需經費 per account and its 說明."}

    document_id: Mapped[int] = document_fk()
    account_code: Mapped[str] = code(10, "Account.", pk=True)
    this_year: Mapped[int | None] = money("本年度年需經費")
    last_year: Mapped[int | None] = money("上年度年需經費")
    note: Mapped[str | None] = text("說明 as printed.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class Vehicle(Base):
    __tablename__ = "vehicles"
    __table_args__ = {"comment": "公務車輛明細表: one row per vehicle line."}

    document_id: Mapped[int] = document_fk()
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Printed order.")
    vehicle_count: Mapped[int | None] = mapped_column(Integer, comment="車輛數.")
    status: Mapped[str | None] = mapped_column(
        String(16), comment="existing (現有車輛) or new (本年度新增車輛)."
    )
    vehicle_type: Mapped[str | None] = text("車輛種類.")
    passengers: Mapped[int | None] = mapped_column(Integer, comment="乘客人數 (不含司機).")
    acquired: Mapped[str | None] = mapped_column(
        String(16), comment="購置年月 as printed (ROC year.month)."
    )
    displacement_cc: Mapped[int | None] = mapped_column(Integer, comment="汽缸總排氣量 (立方公分).")
    fuel_litres: Mapped[Decimal | None] = mapped_column(Decimal2, comment="油料 數量 (公升).")
    fuel_unit_price: Mapped[Decimal | None] = mapped_column(Decimal2, comment="油料 單價 (元).")
    fuel_amount: Mapped[int | None] = money("油料 金額")
    maintenance: Mapped[int | None] = money("養護費")
    other: Mapped[int | None] = money("其他")
    remark: Mapped[str | None] = text("備註.")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class Premises(Base):
    __tablename__ = "premises"
    __table_args__ = {"comment": "現有辦公房舍明細表: one row per use x tenure with a value."}

    document_id: Mapped[int] = document_fk()
    row_seq: Mapped[int] = mapped_column(Integer, primary_key=True, comment="Printed row order.")
    tenure: Mapped[str] = mapped_column(
        String(16),
        primary_key=True,
        comment="owned (自有), free_loan (無償借用) or rented (有償租用或借用).",
    )
    use_label: Mapped[str | None] = text(
        "區分 label as printed (一、辦公房屋 ...); NULL when the print lost it."
    )
    units_text: Mapped[str | None] = text("單位數 as printed (e.g. 3層).")
    area_m2: Mapped[Decimal | None] = mapped_column(Decimal2, comment="面積 (平方公尺).")
    acquisition_cost: Mapped[int | None] = money("取得成本")
    deposit: Mapped[int | None] = money("押金")
    rent: Mapped[int | None] = money("租金")
    maintenance: Mapped[int | None] = money("年需養護費")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class Grant(Base):
    __tablename__ = "grants"
    __table_args__ = {
        "comment": "捐助經費分析表: one row per grant, in printed order (numbers may restart per "
        "work plan group)."
    }

    document_id: Mapped[int] = document_fk()
    seq: Mapped[int] = mapped_column(
        Integer, primary_key=True, comment="Printed order of the grant in the table (1-based)."
    )
    grant_no: Mapped[str] = code(4, "Grant number as printed (01 ...).", nullable=False)
    recipient_kind: Mapped[str] = mapped_column(
        String(16), comment="group (對團體之捐助) or individual (對個人之捐助)."
    )
    object_class_code: Mapped[str] = code(4, "4040 or 4085 ...")
    work_plan_code: Mapped[str] = code(10, "Work plan code.")
    group_label: Mapped[str | None] = text("The (n) group the grant is listed under as printed.")
    group_no: Mapped[str | None] = code(
        4, "The (n) of the work plan group the grant is listed under (1, 2 ...); NULL when none."
    )
    item_no: Mapped[int | None] = mapped_column(Integer, comment="[n] within its work plan group.")
    program_name: Mapped[str] = mapped_column(String(400), comment="捐助計畫 name.")
    period: Mapped[str | None] = mapped_column(String(16), comment="計畫起訖年度, e.g. 112-112.")
    recipient: Mapped[str | None] = text("捐助對象.")
    content: Mapped[str | None] = text("捐助內容.")
    current_personnel: Mapped[int | None] = money("經常門 人事費")
    current_operating: Mapped[int | None] = money("經常門 業務費")
    current_other: Mapped[int | None] = money("經常門 其他")
    capital_construction: Mapped[int | None] = money("資本門 營建工程")
    capital_other: Mapped[int | None] = money("資本門 其他")
    total: Mapped[int | None] = money("合計")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class CommissionedProject(Base):
    __tablename__ = "commissioned_projects"
    __table_args__ = {"comment": "委辦經費分析表: one row per commissioned program."}

    document_id: Mapped[int] = document_fk()
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, comment="(n) as printed.")
    work_plan_code: Mapped[str] = code(10, "Work plan code.")
    name: Mapped[str] = mapped_column(String(400), comment="委辦計畫 name.")
    period: Mapped[str | None] = mapped_column(String(16), comment="計畫起訖年度.")
    content: Mapped[str | None] = text("委辦內容.")
    current_personnel: Mapped[int | None] = money("經常門 用人費用")
    current_operating: Mapped[int | None] = money("經常門 業務費用")
    current_other: Mapped[int | None] = money("經常門 其他")
    capital_equipment: Mapped[int | None] = money("資本門 設備購置")
    capital_other: Mapped[int | None] = money("資本門 其他")
    total: Mapped[int | None] = money("合計")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class TravelPlan(Base):
    __tablename__ = "travel_plans"
    __table_args__ = {
        "comment": "派員出國 / 赴大陸 plans: one row per trip plan of a category table "
        "(numbers restart in every category table)."
    }

    document_id: Mapped[int] = document_fk()
    table_slug: Mapped[str] = mapped_column(
        String(32),
        primary_key=True,
        comment="The category table the plan is printed in: travel_inspections (考察、視察、訪問), "
        "travel_meetings (開會、談判), travel_studies (進修、研究、實習) or travel_mainland.",
    )
    plan_no: Mapped[str] = code(4, "Plan number as printed (01 ...).", pk=True)
    destination_kind: Mapped[str] = mapped_column(
        String(16), nullable=False, comment="overseas or mainland."
    )
    category: Mapped[str] = mapped_column(
        String(16), comment="考察, 視察, 訪問, 開會, 談判, 進修, 研究, 實習 (類別)."
    )
    meeting_kind: Mapped[str | None] = text("定期會議 / 不定期會議 group as printed.")
    name: Mapped[str] = mapped_column(String(1000), comment="計畫名稱.")
    field_code: Mapped[str | None] = mapped_column(String(8), comment="領域代碼.")
    destination: Mapped[str | None] = text("擬前往國家或地區.")
    agenda: Mapped[str | None] = text(
        "主要會議議題 / 擬拜會單位 and 工作內容 / 擬拜會或視察機構 and 計畫內容 / 主要研習課程."
    )
    period: Mapped[str | None] = text("預計前往期間.")
    days: Mapped[int | None] = mapped_column(Integer, comment="預計天數.")
    persons: Mapped[int | None] = mapped_column(Integer, comment="擬派人數.")
    transport: Mapped[int | None] = money("交通費")
    living: Mapped[int | None] = money("生活費")
    office: Mapped[int | None] = money("辦公費")
    airfare: Mapped[int | None] = money("機票與出國手續費 (進修、研究、實習)")
    study_fees: Mapped[int | None] = money("書籍學雜等費 (進修、研究、實習)")
    total: Mapped[int | None] = money("合計")
    account_name: Mapped[str | None] = text("歸屬預算科目.")
    history: Mapped[str | None] = text(
        "最近三次執行情形 / 前三年內有無拜會 / 前三年度已派人員人數 as printed."
    )
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class MediaPublicity(Base):
    __tablename__ = "media_publicity"
    __table_args__ = {
        "comment": "媒體政策及業務宣導費 as stated in sub-plan 說明 (table 15 when printed)."
    }

    document_id: Mapped[int] = document_fk()
    work_plan_code: Mapped[str] = code(10, "Work plan code.", pk=True)
    sub_plan_code: Mapped[str] = code(4, "Sub-plan number.", pk=True)
    source: Mapped[str] = mapped_column(
        String(16), primary_key=True, comment="sub_plan (說明) or table (附屬表 15)."
    )
    amount: Mapped[int | None] = money("媒體政策及業務宣導費")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()


class FunctionEconomicAmount(Base):
    __tablename__ = "function_economic_amounts"
    __table_args__ = {
        "comment": "歲出按職能及經濟性綜合分類表 as the document allocates it: functional class x economic category."
    }

    document_id: Mapped[int] = document_fk()
    functional_code: Mapped[str] = code(4, "職能別 code, e.g. 13.", pk=True)
    functional_name: Mapped[str | None] = text("職能別 name as printed, e.g. 其他經濟服務.")
    economic_code: Mapped[str] = mapped_column(
        String(48), primary_key=True, comment="economic_classes.code."
    )
    amount: Mapped[int | None] = money("Amount")
    page: Mapped[int | None] = page()
    line: Mapped[int | None] = line()
