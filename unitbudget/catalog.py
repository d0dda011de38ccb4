"""The published tables of a unit budget: number, title, slug and the view regenerating it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublishedTable:
    number: str
    title: str
    slug: str

    @property
    def view(self) -> str:
        return f"report_{self.slug}"


TABLES: tuple[PublishedTable, ...] = (
    PublishedTable("主要表 1", "歲出機關別預算表", "expenditure_by_agency"),
    PublishedTable("附屬表 1", "歲出計畫提要及分支計畫概況表", "plan_overview"),
    PublishedTable("附屬表 2", "各項費用彙計表", "expense_summary"),
    PublishedTable("附屬表 3", "歲出一級用途別科目分析表", "object_class_analysis"),
    PublishedTable("附屬表 4", "資本支出分析表", "capital_expenditure"),
    PublishedTable("附屬表 5", "人事費彙計表", "personnel_expense"),
    PublishedTable("附屬表 6", "預算員額明細表", "staffing"),
    PublishedTable("附屬表 7", "公務車輛明細表", "vehicles"),
    PublishedTable("附屬表 8", "現有辦公房舍明細表", "premises"),
    PublishedTable("附屬表 9", "捐助經費分析表", "grants"),
    PublishedTable("附屬表 10", "派員出國計畫預算總表", "travel_summary"),
    PublishedTable("附屬表 11", "派員出國計畫預算類別表—開會、談判", "travel_meetings"),
    PublishedTable("附屬表 12", "派員赴大陸計畫預算類別表", "travel_mainland"),
    PublishedTable("附屬表 13", "歲出按職能及經濟性綜合分類表", "function_economic"),
    PublishedTable("附屬表 14", "委辦經費分析表", "commissioned"),
    PublishedTable("附屬表 15", "媒體政策及業務宣導費彙計表", "media_publicity"),
)

BY_SLUG = {t.slug: t for t in TABLES}
