"""The published tables of a unit budget: the one place that names them.

Every other place that needs a table's slug, number or title reads it from here: the table
parsers (`title_of`), the `published_tables` view generated at view sync (and through it
`table_comparison_summary`), the text reader's list of titles that make a file a unit budget,
`unitbudget tables` and `show`/`compare`. tests/test_house.py checks that each slug has its
parser, report and cmp views, golden file and tests.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PublishedTable:
    """One published table: 主要表/附屬表 number, printed title, stable English slug.

    `number` is one style for every table: 主要表 / 附屬表 and the Arabic number of the ADI
    112 book (DOMAIN.md §3), or 歲入 for the revenue tables that book does not print. Other
    books number their tables in their own order and style (the 內政部 114 book prints
    跨年期計畫概況表 as 附屬表 (十五)); `title` is what identifies a table in any book.

    `parsed` is False for a table no parser reads yet: its report view is regenerated from
    other tables' facts and compared only where a parser captures printed cells.
    """

    number: str
    title: str
    slug: str
    parsed: bool = True
    # A public view of the same table as whole-government workbooks print it (DGBAS), shown
    # for years no unit budget covers.
    workbook_view: str | None = None

    @property
    def view(self) -> str:
        return f"report_{self.slug}"

    @property
    def cmp_view(self) -> str:
        return f"cmp_{self.slug}"


TABLES: tuple[PublishedTable, ...] = (
    # Revenue (歲入) is a subject of its own, printed before 歲出 (the ADI 112 book has none).
    PublishedTable("主要表 歲入", "歲入來源別預算表", "revenue_by_source"),
    PublishedTable("附屬表 歲入", "歲入項目說明提要表", "revenue_notes"),
    PublishedTable(
        "主要表 1",
        "歲出機關別預算表",
        "expenditure_by_agency",
        workbook_view="workbook_expenditure_by_agency",
    ),
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
    # The categories of 派員出國計畫預算類別表 are one 附屬表 (11 in the ADI 112 book, which
    # prints only 開會、談判; the 內政部 114 book prints the summary and all three as (十二)).
    PublishedTable("附屬表 11", "派員出國計畫預算類別表—考察、視察、訪問", "travel_inspections"),
    PublishedTable("附屬表 11", "派員出國計畫預算類別表—開會、談判", "travel_meetings"),
    PublishedTable("附屬表 11", "派員出國計畫預算類別表—進修、研究、實習", "travel_studies"),
    PublishedTable("附屬表 12", "派員赴大陸計畫預算類別表", "travel_mainland"),
    PublishedTable("附屬表 13", "歲出按職能及經濟性綜合分類表", "function_economic"),
    PublishedTable("附屬表 14", "委辦經費分析表", "commissioned"),
    PublishedTable("附屬表 15", "媒體政策及業務宣導費彙計表", "media_publicity"),
    PublishedTable("附屬表 16", "跨年期計畫概況表", "multi_year_plans"),
    PublishedTable(
        "附屬表 17",
        "立法院審議中央政府總預算案所提決議、附帶決議及注意事項辦理情形報告表",
        "legislative_resolutions",
    ),
    PublishedTable("附屬表 18", "補助經費分析表", "subsidies"),
)

BY_SLUG = {t.slug: t for t in TABLES}

# Prose sections a parser reads into facts (duties, internal units ...) with nothing to compare.
SECTIONS: dict[str, str] = {"budget_statement": "預算總說明"}

# Titles real books print that are not one catalogued table's: the travel category tables'
# common title, which a page may print without its category (the ADI 112 text prints "—開會、
# 談判" on the other half page). With TABLES and SECTIONS they are the titles that make a file a
# unit budget (DOMAIN.md §3).
OTHER_TITLES: tuple[str, ...] = ("派員出國計畫預算類別表",)


def title_of(slug: str) -> str:
    """The printed title of the table or section `slug` (KeyError for an unknown slug)."""
    return BY_SLUG[slug].title if slug in BY_SLUG else SECTIONS[slug]


def known_titles() -> tuple[str, ...]:
    """Every title a unit budget prints that the warehouse knows, published tables first."""
    return tuple(t.title for t in TABLES) + tuple(SECTIONS.values()) + OTHER_TITLES


def published_tables_sql() -> str:
    """CREATE VIEW published_tables from TABLES: generated at view sync, never hand-written."""
    values = ",\n        ".join(
        f"({i}, '{t.slug}', '{t.number}', '{t.title}', {'TRUE' if t.parsed else 'FALSE'})"
        for i, t in enumerate(TABLES, start=1)
    )
    return (
        "-- The published tables (generated from unitbudget/catalog.py at view sync).\n"
        "CREATE VIEW published_tables AS\n"
        "SELECT * FROM (\n    VALUES\n        "
        f"{values}\n"
        ") AS t (table_order, table_slug, table_number, table_title, parsed);\n"
        "COMMENT ON VIEW published_tables IS 'The published tables of a unit budget the "
        "warehouse regenerates: order, slug (report_<slug> view), 主要表/附屬表 number, printed "
        "title, and whether a parser reads its printed cells.';\n"
    )
