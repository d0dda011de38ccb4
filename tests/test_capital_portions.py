"""The 經資門 split stated in 說明 prose (capital_portions, migration 0014) and its checks.

Expected values were read from the 內政部 114 book's 歲出計畫提要及分支計畫概況表 (printed pages
70–114, `pdftotext -layout`): each 資本支出 phrase, the sub-plan whose 說明 prints it and the
object class its words name. The printed 歲出一級用途別科目分析表 (p123) ties them: 資本門
業務費 3,100 = 2,500 + 600; 獎補助費 845,925 = 22,373 + 117,283 + 1,000 + 653,756 + 5,912 +
15,601 + 30,000; 小計 1,683,427 = 3000 series 834,402 + 849,025.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unitbudget import api, db
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables.toolkit.capital_phrases import (
    capital_phrases,
    kind_class,
    squeeze,
)

from .helpers import plant_on_copy

# (work plan, sub-plan, object class, amount 千元, rule), in printed order
BOOK_PORTIONS = [
    ("3708011000", "02", "4000", 22373, "kind_word"),  # 補助連江縣政府… 22,373千元(資本支出)
    ("3708011000", "02", "4000", 117283, "kind_word"),  # 補助嘉義市政府… 117,283千元(資本支出)
    (
        "3708011000",
        "05",
        "2000",
        2500,
        "kind_word",
    ),  # 委託…紀念館工程維護等費用2,500千元（資本支出）
    ("3708011000", "05", "4000", 1000, "kind_word"),  # 補助…其中…及資本支出1,000千元
    ("3708011000", "06", "3030", 330, "same_amount"),  # 資訊軟硬體設備330千元（資本支出）
    ("3708011000", "07", "4000", 653756, "kind_word"),  # …補助地方政府… 653,756千元(資本支出)
    ("3708012501", "06", "4000", 5912, "class_named"),  # 所需獎補助費22,301千元（資本支出5,912千元
    (
        "3708012900",
        "03",
        "4000",
        15601,
        "class_named",
    ),  # 所需獎補助費37,803千元（…資本支出15,601千元
    ("3708012900", "05", "2000", 600, "class_named"),  # 業務費184,542千元（…資本支出600千元）
    ("3708013000", "01", "3035", 255, "same_amount"),  # 汰換資訊服務司零星設備255千元（資本支出）
    (
        "6308013500",
        "05",
        "4000",
        30000,
        "class_named",
    ),  # 所需獎補助費42,000千元（含…資本支出30,000千元）
]


def _portions(doc: ParsedDocument) -> list[tuple]:
    return [
        (
            r["work_plan_code"],
            r["sub_plan_code"],
            r["object_class_code"],
            r["amount"],
            r["attached_by"],
        )
        for r in doc.facts.get("capital_portions", [])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("所需獎補助費22,301千元（資本 支出5,912千元、經常支出16,389千元）。", [(5912, "4000")]),
        ("業務費184,542千元（經常支出183, 942千元，資本支出600千元）；", [(600, "2000")]),
        (
            "項60,000千元，其中經常支出59,000千元(含宣導費250千元)及資本支出1, 000千元。",
            [(1000, None)],
        ),
        ("本年度編列第1年經費117,283千元(資本支出)。", [(117283, None)]),
        ("委辦費3,000千元（含資本支出1,200千元）", [(1200, "2039")]),
        ("撥充基金貸款利息資本支出。", [(None, None)]),
        ("所需業務費1,780千元。", []),
    ],
)
def test_capital_phrases_read_the_forms_of_the_language(text: str, expected: list) -> None:
    assert [(p.amount, p.named_class) for p in capital_phrases(squeeze(text))] == expected


def test_kind_words_name_the_class_of_their_spending() -> None:
    assert kind_class("4.補助連江縣政府聯合辦公大樓興建計畫") == "4000"
    assert kind_class("2.委託財團法人二二八事件紀念基金會經營管理") == "2000"
    assert kind_class("補助…後委託") == "2000"  # the last kind word before the phrase counts
    assert kind_class("8.汰換資訊服務司零星設備") is None


def test_the_book_states_eleven_capital_portions(book_doc: ParsedDocument) -> None:
    assert _portions(book_doc) == BOOK_PORTIONS
    moved = [p[3] for p in BOOK_PORTIONS if not p[2].startswith("3")]
    assert sum(moved) == 849025  # 其他資本支出 合計 of 資本支出分析表 (p125)


def test_appendix_unit_states_the_same_portions(book_doc: ParsedDocument) -> None:
    """附錄(一) 內政部 reprints the same 概況表 pages (printed 295–337)."""
    unit = next(u for u in book_doc.units if u.unit_name == "內政部")
    assert _portions(unit) == BOOK_PORTIONS


def test_unattached_and_restated_phrases_are_load_issues(book_doc: ParsedDocument) -> None:
    issues = [
        (i.severity, i.code, i.page, i.line)
        for i in book_doc.issues
        if i.code.startswith("capital_")
    ]
    assert issues == [
        # 平均地權及土地利用 (p85): `…貸款利息資本支出` in the work plan text: no amount
        ("warning", "capital_unattached", 94, 3305),
        ("warning", "capital_unattached", 94, 3305),
        # the same `…貸款利息資本支出` in sub-plan 06's 說明, on the first line of printed p87
        # (the reader joins it to the 說明 column caption): no amount either
        ("warning", "capital_unattached", 96, 3406),
        # (3)辦理軍人公墓整修建工程費15,601千元(資本支出): the breakdown of item 5's 15,601
        ("info", "capital_restated", 109, 3987),
        # 民防訓練場地第1期整修工程計畫328,345千元(資本支出): part of 3000 設備及投資, which no
        # word names and no line item equals
        ("warning", "capital_unattached", 114, 4211),
    ]


def test_the_text_sample_states_no_capital_portion(sample_doc: ParsedDocument) -> None:
    assert "capital_portions" not in sample_doc.facts
    assert not [i for i in sample_doc.issues if i.code.startswith("capital_")]


def test_object_class_analysis_moves_the_portions_to_capital(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT r.row_key, r.current_operating, r.current_grants, r.capital_operating, "
        "r.capital_grants, r.capital_subtotal, r.total FROM report_object_class_analysis r "
        "JOIN documents d ON d.document_id = r.document_id AND d.unit_name IS NULL "
        "WHERE r.row_key IN ('0008010000', '6308013500') ORDER BY r.row_key",
    ).rows
    # printed p122-123
    assert rows == [
        ("0008010000", 2569111, 5536844, 3100, 845925, 1683427, 13424378),
        ("6308013500", 42550, 40793, 0, 30000, 30000, 113343),
    ]


def test_capital_checks_pass_on_the_book_and_the_sample(book_db: str, sample_db: str) -> None:
    query = (
        "SELECT check_name, subject, CAST(expected AS BIGINT), status FROM consistency_checks c "
        "JOIN documents d ON d.document_id = c.document_id AND d.unit_name IS NULL "
        "WHERE check_name LIKE 'capital%' ORDER BY check_name, subject"
    )
    book = api.query(book_db, query).rows
    assert ("capital_equals_printed_total", "0008010000", 1683427, "pass") in book
    within = [r for r in book if r[0] == "capital_portions_within_class"]
    assert len(within) == 10 and {r[3] for r in within} == {"pass"}
    assert api.query(sample_db, query).rows == [
        ("capital_equals_printed_total", "0062200000", 1927, "pass")
    ]


def test_planted_portion_beyond_its_class_fails_exactly_its_check(
    book_db: str, tmp_path: Path
) -> None:
    """Plant for the family only the book exercises: the 2,500 of 二二八國家紀念館工程維護
    (sub-plan 3708011000/05) attached to 2054 一般事務費 (600) instead of 2000 業務費 (37,130 +
    …): 2,500 exceeds 600 by 1,900; the 資本門 total does not change (2054 is a 業務費 class)."""
    copy = tmp_path / "planted.duckdb"
    book_id = api.query(book_db, "SELECT document_id FROM documents WHERE unit_name IS NULL").rows[
        0
    ][0]
    lost, gained = plant_on_copy(
        book_db,
        copy,
        "UPDATE core.capital_portions SET object_class_code = '2054' "
        "WHERE document_id = ? AND work_plan_code = '3708011000' AND amount = 2500",
        [book_id],
    )
    name = "capital_portions_within_class"
    assert lost == {(book_id, name, "3708011000/05/2000", "pass")}
    assert gained == {(book_id, name, "3708011000/05/2054", "fail")}
    failed = api.query(
        str(copy),
        "SELECT expected, actual, difference FROM consistency_checks "
        "WHERE check_name = ? AND status = 'fail'",
        [name],
    ).rows
    assert [tuple(int(v) for v in r) for r in failed] == [(600, 2500, 1900)]


def test_migration_0014_round_trips(db_path: str) -> None:
    engine = db.make_engine(db.resolve_url(db_path))

    def tables() -> set[str]:
        with engine.connect() as conn:
            return set(
                conn.exec_driver_sql(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'core'"
                ).scalars()
            )

    try:
        db.upgrade(engine)
        assert "capital_portions" in tables()
        db.downgrade(engine, "0013")
        assert "capital_portions" not in tables() and "subsidies" in tables()
        db.upgrade(engine)
        assert "capital_portions" in tables()
        with engine.connect() as conn:
            assert db.current_revision(conn) == db.head_revision()
    finally:
        engine.dispose()


def test_a_phrase_no_word_places_attaches_to_the_class_row_beside_it() -> None:
    """Rules 3 and 4 of _plan_overview/capital.py on a sub-plan of three class rows: a phrase
    whose amount one line item has attaches to it; else the row printed on the phrase's line;
    a phrase on a line with no class row and no such amount attaches nowhere."""
    from unitbudget.loaders.tables._plan_overview.capital import _attach, _ClassRow

    rows = [
        _ClassRow("4000", 6000, 7, 10),
        _ClassRow("4010", 6000, 7, 11),
        _ClassRow("2054", 5500, 7, 12),
    ]
    text = squeeze("本年度編列第1年經費5,000千元(資本支出)。")
    (phrase,) = capital_phrases(text)
    assert _attach(text, phrase, rows, 7, 11) == ("4010", "beside")
    assert _attach(text, phrase, rows, 7, 20) == (None, None)
    text = squeeze("本年度編列第1年經費5,500千元(資本支出)。")
    (phrase,) = capital_phrases(text)
    assert _attach(text, phrase, rows, 7, 10) == ("2054", "same_amount")
