"""Program links (計畫 -> 捐助 / 委辦): link_programs on facts typed from the ADI 112 document.

Programs as 計畫內容 (line 276) and the sub-plan 說明 print them; grants from 捐助經費分析表
(lines 634–718), commissioned projects from 委辦經費分析表 (lines 843–923). DOMAIN.md §4:
人工智慧與感知互動跨域應用躍升計畫 347,297 = 203,847 (grant 12) + 143,450 (委辦 10);
數位創新研發計畫 253,482 = 200,482 (grant 01) + 15,000 (grant 13) + 38,000 (委辦 1).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from unitbudget import api
from unitbudget.loaders.tables.program_links import link_programs

PLAN = "5262200200"


def program(seq: int, name: str, amount: int | None, statement_name: str | None = None) -> dict:
    return {
        "program_seq": seq,
        "work_plan_code": PLAN,
        "name": name,
        "statement_name": statement_name or name,
        "amount": amount,
    }


def grant(no: str, name: str, total: int, plan: str = PLAN) -> dict:
    # seq (the key links use) is the printed order, which in the seed equals the number
    return {
        "seq": int(no),
        "grant_no": no,
        "program_name": name,
        "work_plan_code": plan,
        "total": total,
    }


def commission(seq: int, name: str, total: int) -> dict:
    return {"seq": seq, "name": name, "work_plan_code": PLAN, "total": total}


PROGRAMS = [
    program(2, "數位創新研發計畫", 253482),
    program(
        4, "5G系統關鍵技術開發暨標準驗證與產業應用推動計畫", 156099, "5G+創新應用系統整合發展計畫"
    ),
    program(6, "雲世代產業數位轉型-數位平台服務推動計畫", 384237),
    program(7, "跨域數位人才暨智慧學習整合推動計畫", 60713),
    program(8, "產業數據科學管理與服務技術發展計畫", None),
    program(13, "人工智慧與感知互動跨域應用躍升計畫", 347297),
]
GRANTS = [
    grant("01", "數位創新研發計畫", 200482),
    grant("02", "雲世代產業數位轉型-數位平台服務推動計畫", 196347),
    grant("09", "5G+創新應用系統整合發展計畫", 156099),
    grant("11", "產業數據科學管理與服務技術發展計畫", 33250),
    grant("12", "人工智慧與感知互動跨域應用躍升計畫", 203847),
    grant("13", "數位創新研發計畫", 15000),
    grant("17", "雲世代產業數位轉型-數位平台服務推動計畫", 1080),
    # a grant of another work plan never links to this work plan's programs
    grant("16", "數位創新研發計畫", 6, plan="5262200100"),
]
COMMISSIONED = [
    commission(1, "數位創新研發計畫", 38000),
    # printed name cut at its line wrap: only the amount confirms it
    commission(4, "雲世代產業數位轉型-", 186810),
    # printed with a doubled character (跨域數位人才暨智慧學習 習整合推動計畫)
    commission(5, "跨域數位人才暨智慧學習 習整合推動計畫", 60713),
    commission(10, "人工智慧與感知互動跨領域應用躍升計畫", 143450),
]


@pytest.fixture(scope="module")
def links() -> dict[tuple[str, str], dict]:
    rows = link_programs(PROGRAMS, GRANTS, COMMISSIONED)
    return {(r["target_kind"], r["target_key"]): r for r in rows}


def linked_total(links: dict[tuple[str, str], dict], seq: int) -> int:
    totals = {("grant", str(g["seq"])): g["total"] for g in GRANTS}
    totals.update({("commissioned", str(c["seq"])): c["total"] for c in COMMISSIONED})
    return sum(totals[k] for k, r in links.items() if r["program_seq"] == seq)


def test_ai_program(links: dict[tuple[str, str], dict]) -> None:
    assert links[("grant", "12")]["program_seq"] == 13
    assert links[("grant", "12")]["method"] == "exact"
    ai = links[("commissioned", "10")]
    assert (ai["program_seq"], ai["method"]) == (13, "fuzzy")
    assert Decimal("0.8") <= ai["score"] <= 1
    assert linked_total(links, 13) == 203847 + 143450 == 347297


def test_digital_innovation_program(links: dict[tuple[str, str], dict]) -> None:
    for key in (("grant", "1"), ("grant", "13"), ("commissioned", "1")):
        assert (links[key]["program_seq"], links[key]["method"]) == (2, "exact")
        assert links[key]["score"] is None
    assert linked_total(links, 2) == 200482 + 15000 + 38000 == 253482


def test_renamed_program_links_by_its_statement_name(links: dict[tuple[str, str], dict]) -> None:
    assert (links[("grant", "9")]["program_seq"], links[("grant", "9")]["method"]) == (4, "exact")
    assert linked_total(links, 4) == 156099


def test_amount_confirms_a_weak_name(links: dict[tuple[str, str], dict]) -> None:
    cut = links[("commissioned", "4")]
    assert (cut["program_seq"], cut["method"]) == (6, "amount")
    assert Decimal("0.5") <= cut["score"] < Decimal("0.8")
    assert linked_total(links, 6) == 196347 + 1080 + 186810 == 384237


def test_typo_is_fuzzy(links: dict[tuple[str, str], dict]) -> None:
    typo = links[("commissioned", "5")]
    assert (typo["program_seq"], typo["method"]) == (7, "fuzzy")
    assert linked_total(links, 7) == 60713


def test_program_without_amount_still_links_by_name(links: dict[tuple[str, str], dict]) -> None:
    assert (links[("grant", "11")]["program_seq"], links[("grant", "11")]["method"]) == (8, "exact")


def test_other_work_plan_not_linked(links: dict[tuple[str, str], dict]) -> None:
    assert ("grant", "16") not in links
    assert len(links) == 11


def test_amount_alone_never_links() -> None:
    """Equal amounts with unrelated names are no evidence."""
    rows = link_programs([program(1, "甲計畫", 100)], [grant("01", "完全不同的補助", 100)], [])
    assert rows == []


def test_normalised() -> None:
    rows = link_programs(
        [program(1, "「數位」創新 研發計畫", 10)], [grant("01", "數位創新研發", 10)], []
    )
    assert [(r["method"], r["score"]) for r in rows] == [("normalised", None)]


def test_after_load(sample_db: str) -> None:
    """The orchestrator links the parsed programs to the parsed grants and commissions."""
    got = api.query(
        sample_db,
        "SELECT p.name, l.target_kind, l.target_key, l.method "
        "FROM core.program_links AS l JOIN core.programs AS p "
        "USING (document_id, program_seq) "
        "WHERE p.content_no IN (2, 13) ORDER BY p.content_no, 2, 3",
    ).rows
    assert list(got) == [
        ("數位創新研發計畫", "commissioned", "1", "exact"),
        ("數位創新研發計畫", "grant", "1", "exact"),
        ("數位創新研發計畫", "grant", "13", "exact"),
        ("人工智慧與感知互動跨域應用躍升計畫", "commissioned", "10", "fuzzy"),
        ("人工智慧與感知互動跨域應用躍升計畫", "grant", "12", "exact"),
    ]
    # every program with an amount: its linked grants and commissions add up to it
    sums = api.query(
        sample_db,
        """
        SELECT p.content_no, p.amount,
               SUM(COALESCE(g.total, 0)) + SUM(COALESCE(c.total, 0)) AS linked
        FROM core.programs AS p
        JOIN core.program_links AS l USING (document_id, program_seq)
        LEFT JOIN core.grants AS g
            ON l.target_kind = 'grant' AND CAST(g.seq AS VARCHAR) = l.target_key
        LEFT JOIN core.commissioned_projects AS c
            ON l.target_kind = 'commissioned' AND CAST(c.seq AS VARCHAR) = l.target_key
        WHERE p.content_no IN (2, 4, 13)
        GROUP BY p.content_no, p.amount ORDER BY p.content_no""",
    ).rows
    assert [(n, a, int(s)) for n, a, s in sums] == [
        (2, 253482, 253482),
        (4, 156099, 156099),
        (13, 347297, 347297),
    ]
