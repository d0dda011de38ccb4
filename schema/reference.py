"""Reference charts shared by every agency and year, seeded by migrations."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, text


class ObjectClass(Base):
    __tablename__ = "object_classes"
    __table_args__ = {"comment": "National chart of 用途別科目 (object classes), two levels."}

    code: Mapped[str] = mapped_column(
        String(4), primary_key=True, comment="4-digit code, e.g. 1015; level 1 ends in 000."
    )
    name: Mapped[str] = mapped_column(
        String(100), comment="Name as printed, e.g. 法定編制人員待遇."
    )
    level: Mapped[int] = mapped_column(Integer, comment="1 for X000 classes, 2 for their children.")
    parent_code: Mapped[str | None] = mapped_column(
        String(4), comment="Level-1 class of a level-2 class."
    )
    default_expenditure_type: Mapped[str] = mapped_column(
        String(8), comment="current or capital as the chart assigns it (3000 series is capital)."
    )
    analysis_table: Mapped[str | None] = mapped_column(
        String(32),
        comment="Slug of the analysis table (grants 捐助, subsidies 補助, commissioned 委辦) "
        "whose 合計 must equal the line items of its classes; NULL when none.",
    )


class EconomicClass(Base):
    __tablename__ = "economic_classes"
    __table_args__ = {
        "comment": "經濟性分類: the GFS-style economic categories of 歲出按職能及經濟性綜合分類表."
    }

    code: Mapped[str] = mapped_column(
        String(48), primary_key=True, comment="Stable English key, e.g. current.compensation."
    )
    name: Mapped[str] = mapped_column(String(100), comment="Name as printed, e.g. 受僱人員報酬.")
    side: Mapped[str] = mapped_column(
        String(8), comment="current (經常支出) or capital (資本支出)."
    )
    group_name: Mapped[str | None] = mapped_column(
        String(100), comment="Printed group, e.g. 經常移轉 / 固定資本形成."
    )
    sort_order: Mapped[int] = mapped_column(Integer, comment="Printed column order.")


class FunctionalClass(Base):
    __tablename__ = "functional_classes"
    __table_args__ = {"comment": "職能別分類 (functional classes); loaders add codes they meet."}

    code: Mapped[str] = mapped_column(
        String(4), primary_key=True, comment="Code as printed, e.g. 13."
    )
    name: Mapped[str] = mapped_column(String(100), comment="Name as printed, e.g. 其他經濟服務.")


class EconomicMapping(Base):
    __tablename__ = "economic_mappings"
    __table_args__ = {
        "comment": "How facts are allocated to economic categories: object class, grant recipient kind or capital class to category, with the reason."
    }

    source_kind: Mapped[str] = mapped_column(
        String(32), primary_key=True, comment="object_class, grant_recipient or capital_class."
    )
    source_code: Mapped[str] = mapped_column(
        String(48), primary_key=True, comment="Object class code or recipient kind."
    )
    economic_code: Mapped[str] = mapped_column(
        String(48), comment="economic_classes.code it maps to."
    )
    rule: Mapped[str | None] = text("Why: the budget rule behind the mapping.")


class GrantRecipientRule(Base):
    __tablename__ = "grant_recipient_rules"
    __table_args__ = {
        "comment": "Classifies a grant's 捐助對象 text into a recipient kind (enterprise, nonprofit, household, government, abroad) by substring; lowest priority number wins."
    }

    pattern: Mapped[str] = mapped_column(
        String(100), primary_key=True, comment="Substring searched in 捐助對象."
    )
    recipient_class: Mapped[str] = mapped_column(
        String(32), comment="enterprise, nonprofit, household, government or abroad."
    )
    priority: Mapped[int] = mapped_column(
        Integer, comment="Lower wins when several patterns match."
    )
    rule: Mapped[str | None] = text("Why this pattern means this kind.")
