"""跨年期計畫概況表 against the sub-plan 說明: this year's amount of each multi-year programme.

Expected values were read from the 內政部 114 book with pdftotext -layout, not from our output:
the table (printed pp186-188, PDF 195-197, 億元) and the 說明 of the 歲出計畫提要及分支計畫概況表
(printed pp65-114, PDF 74-123, 千元), e.g. p70 `4.補助連江縣政府聯合辦公大樓興建計畫…本年度編列
第1年經費22,373千元` beside the table's 0.22.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.tables.multi_year_links import link_multi_year_statements
from unitbudget.loaders.tables.toolkit.year_statements import year_statements

from .helpers import plant_on_copy

CHECK = "multi_year_table_equals_sub_plan_statements"

# table row (printed order) -> (114年度預算數 in 億元, the this-year amounts its 說明 state, 千元)
BOOK = {
    1: ("0.22", [22_373]),  # 補助連江縣政府聯合辦公大樓興建計畫 (地方建設, sub-plan 02)
    2: ("1.17", [117_283]),  # 補助嘉義市政府市民中心興建計畫
    3: ("6.53", [653_756]),  # 殯葬設施量能提升計畫, 最後1年
    4: ("2.03", [203_000]),  # 海域測繪與多維圖資應用發展計畫, 第5年
    # 邁向3D智慧國土-國家底圖…: 地政司's share 155,397 split 分配本科目 129,962 (測量及方域) and
    # 25,435 (地籍及不動產服務業管理), 國土測繪中心's 278,898 (土地測量); the 備註 says 1.30 +
    # 0.25 + 2.79 億元
    5: ("4.34", [129_962, 25_435, 278_898]),
    6: ("1.95", [194_971]),  # 地籍圖重測延續計畫
    7: ("0.14", [14_643]),  # 服務型智慧政府2.0推動計畫—推動智慧不動產登記計畫
    8: ("2.83", [282_618]),  # 多維度空間資訊基礎圖資測製及更新計畫
    # 國土空間資訊數位基礎建設及加值應用計畫: 統計處, 地政司, 國土測繪中心, 資訊服務司
    9: ("2.00", [12_400, 18_940, 160_120, 8_540]),
    10: ("0.56", [55_600]),  # 水災智慧防災計畫第二期
    11: ("0.21", [20_579]),  # 邁向3D智慧國土-內政地理資訊3D化推動計畫
    12: ("0.58", [58_000]),  # …自然人憑證創新應用服務計畫
    13: ("0.49", [48_856]),  # …智慧內政服務整合計畫
    14: ("2.22", [221_911]),  # 內政部資訊服務大樓重建工程計畫 (說明: 本部資訊服務大樓…)
    15: ("0.40", [40_000]),  # 中央機關公西聯合檔案庫房興建中長程個案計畫
    16: ("0.57", [57_000]),  # 行政部門關鍵民生系統精進雲端備份及回復計畫
    17: ("0.11", [11_300]),  # 機關資料傳輸韌性強化暨發放共用基礎平臺建置計畫
}


def test_statement_forms_of_the_language() -> None:
    text = (
        "4.補助連江縣政府聯合辦公大樓興建計畫係奉行政院核定，所需總經費1,271,868千元，分4年辦理，"
        "本年度編列第1年經費22,373千元(資本支出)。5.本計畫所需總經費1,514,000千元，除111年至113年"
        "度已編列860,244千元外，本年度續編最後1年經費653,756千元。6.核定「邁向3D智慧國土-國家"
        "底圖空間資料基礎建設計畫」，本年度續編最後1年經費155,397千元，分配本科目編列129,962千元"
        "，辦理工作如下。7.本年度編列經費20,757千元。"
    )
    found = [
        (s.amount, s.allotted, s.year_no, s.final_year, s.quoted_names, s.leading_name)
        for s in year_statements(text)
    ]
    assert found == [
        (22_373, None, 1, False, (), "補助連江縣政府聯合辦公大樓興建計畫"),
        (653_756, None, None, True, (), None),
        (155_397, 129_962, None, True, ("邁向3D智慧國土-國家底圖空間資料基礎建設計畫",), None),
    ]  # 本年度編列經費 without 第N年 is a yearly amount, not a multi-year statement


def test_every_plan_of_the_book_has_its_statements(book_doc: ParsedDocument) -> None:
    plans = {p["seq"]: p for p in book_doc.facts["multi_year_plans"]}
    stated: dict[int, list[int]] = {}
    for st in book_doc.facts["multi_year_statements"]:
        if st["multi_year_seq"] is not None:
            stated.setdefault(st["multi_year_seq"], []).append(
                st["allotted_amount"] or st["amount"]
            )
    got = {seq: (str(plans[seq]["this_year"]), sorted(stated.get(seq, []))) for seq in plans}
    assert got == {seq: (y, sorted(a)) for seq, (y, a) in BOOK.items()}


def test_statements_keep_name_page_and_line(book_doc: ParsedDocument) -> None:
    rows = {
        (s["work_plan_code"], s["sub_plan_code"], s["amount"]): s
        for s in book_doc.facts["multi_year_statements"]
    }
    assert len(book_doc.facts["multi_year_statements"]) == 23
    lianjiang = rows[("3708011000", "02", 22_373)]
    assert (lianjiang["plan_name"], lianjiang["name_source"]) == (
        "補助連江縣政府聯合辦公大樓興建計畫",
        "item",
    )
    assert (lianjiang["year_no"], lianjiang["final_year"], lianjiang["page"]) == (1, False, 79)
    # printed p107: the text continues on the page's first line, which the reader joins to
    # the 說明 column caption; it is the 說明 of sub-plan 01 資訊服務及基礎設施安全管理
    tower = rows[("3708013000", "01", 221_911)]
    assert (tower["plan_name"], tower["year_no"], tower["page"]) == (
        "本部資訊服務大樓重建工程計畫",
        4,
        116,
    )
    assert tower["multi_year_seq"] == 14
    split = rows[("3708012502", "06", 155_397)]
    assert (split["allotted_amount"], split["multi_year_seq"]) == (25_435, 5)


def test_a_statement_no_row_names_is_an_info_issue(book_doc: ParsedDocument) -> None:
    # printed p87: 補助實施平均地權基金 …本年度續編第3年經費35,010千元: a loan-interest
    # subsidy, not a 跨年期計畫概況表 row
    issues = [(i.severity, i.page, i.line) for i in book_doc.issues if "multi_year" in i.code]
    assert issues == [("info", 96, 3407)]


def test_appendix_unit_states_them_without_a_table(book_doc: ParsedDocument) -> None:
    """附錄(一) 內政部 reprints the 概況表 but not 跨年期計畫概況表: nothing to match, no issue."""
    unit = next(u for u in book_doc.units if u.unit_name == "內政部")
    statements = unit.facts["multi_year_statements"]
    assert len(statements) == 18
    assert all(s["multi_year_seq"] is None for s in statements)
    assert not [i for i in unit.issues if "multi_year" in i.code]


def test_the_check_on_the_book(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT c.subject, c.expected, c.actual, c.status, c.unit, c.tolerance "
        "FROM consistency_checks AS c "
        "JOIN documents AS d ON d.document_id = c.document_id "
        "WHERE c.check_name = ? AND d.parent_document_id IS NULL",
        [CHECK],
    ).rows
    assert {r[4] for r in rows} == {"千元"}
    statuses = [r[3] for r in rows]
    assert (statuses.count("pass"), statuses.count("fail"), statuses.count("not_checked")) == (
        17,
        0,
        1,
    )
    # 億元 with two decimals -> 千元 exactly
    expected = {int(Decimal(y) * 100_000): sum(a) for y, a in BOOK.values()}
    checked = [r for r in rows if r[1] is not None]
    assert sorted((r[1], r[2]) for r in checked) == sorted(expected.items())
    # The table prints 本年度 as the balance of its rounded figures (15.14 − 3.71 − 4.90 = 6.53;
    # 0.77 − 0.50 − 0.13 = 0.14) while the 說明 state 653,756 and 14,643 千元: more than half a
    # printed 0.01 億元 apart, within the rounding of the three figures 本年度 derives from.
    beyond_half_cent = sorted((r[1], r[2], r[5]) for r in checked if abs(r[2] - r[1]) > 500)
    assert beyond_half_cent == [(14_000, 14_643, 1_500), (653_000, 653_756, 1_500)]
    unmatched = [r for r in rows if r[3] == "not_checked"]
    assert [(r[0], r[1], r[2]) for r in unmatched] == [
        ("unmatched 3708012503/06 補助實施平均地權基金", None, 35_010)
    ]


def test_planted_this_year_amount_fails_exactly_the_multi_year_check(
    book_db: str, tmp_path: Path
) -> None:
    """Plant for a family only the book exercises: on a copy of the loaded book, row 1 (補助
    連江縣政府聯合辦公大樓興建計畫) 114年度預算數 0.22 -> 0.23 億元; the 說明 states 22,373千元
    (0.22373), 627 千元 from it; the row no longer balances (12.72 ≠ 0.23 + 12.50), so its
    tolerance is half a printed cent (500 千元), and no other check changes its status."""
    copy = tmp_path / "planted.duckdb"
    lost, gained = plant_on_copy(
        book_db,
        copy,
        "UPDATE core.multi_year_plans SET this_year = 0.23 "
        "WHERE seq = 1 AND this_year = 0.22 AND document_id = "
        "(SELECT MIN(document_id) FROM core.multi_year_plans)",
    )
    subject = "補助連江縣政府聯合辦公大樓興建計畫"
    assert {r[1:] for r in lost} == {(CHECK, subject, "pass")}
    assert {r[1:] for r in gained} == {(CHECK, subject, "fail")}
    failed = api.query(
        str(copy),
        "SELECT expected, actual, difference FROM consistency_checks "
        "WHERE check_name = ? AND subject = ?",
        [CHECK, subject],
    ).rows
    assert failed == [(23_000, 22_373, -627)]


def test_the_tolerance_is_the_rounding_of_the_printed_figures(book_db: str, tmp_path: Path) -> None:
    """Row 1 prints 總額 12.72, 115及以後 12.50 and 本年度 0.22 (= 12.72 − 12.50): two rounded
    figures, so 本年度 may be off by 2 × 0.005 億元 = 1,000 千元: 23,000 passes, 23,001 fails
    against 0.22. Once the row does not balance (總額 edited to 12.80) only half a printed cent
    is allowed: 22,500 passes, 22,501 fails."""
    copy = tmp_path / "edge.duckdb"
    shutil.copyfile(book_db, copy)
    status = []
    for amount, total in (
        (23_000, "12.72"),
        (23_001, "12.72"),
        (22_500, "12.80"),
        (22_501, "12.80"),
    ):
        con = duckdb.connect(str(copy))
        con.execute(
            "UPDATE core.multi_year_statements SET amount = ? WHERE multi_year_seq = 1",
            [amount],
        )
        con.execute(
            "UPDATE core.multi_year_plans SET total_cost = CAST(? AS DECIMAL(18, 4)) "
            "WHERE seq = 1 AND this_year = 0.22",
            [total],
        )
        con.close()
        status += api.query(
            str(copy),
            "SELECT status FROM consistency_checks WHERE check_name = ? AND subject = ?",
            [CHECK, "補助連江縣政府聯合辦公大樓興建計畫"],
        ).rows
    assert status == [("pass",), ("fail",), ("pass",), ("fail",)]


def test_matching_names_differently_worded() -> None:
    plans = [
        {"seq": 1, "name": "邁向3D智慧國土-國家底圖空間資料基礎建設計畫"},
        {"seq": 2, "name": "服務型智慧政府2.0推動計畫—推動智慧不動產登記計畫"},
        {"seq": 3, "name": "服務型智慧政府2.0推動計畫—自然人憑證創新應用服務計畫"},
    ]

    def statement(name: str, others: str | None = None) -> dict:
        return {
            "plan_name": name,
            "other_names": others,
            "work_plan_code": "3708012700",
            "sub_plan_code": "04",
            "amount": 1,
            "page": 9,
            "line": 99,
            "multi_year_seq": None,
            "match_score": None,
        }

    inside = statement("國家底圖空間資料基礎建設計畫")  # wholly inside row 1's name
    child = statement("自然人憑證創新應用服務計畫", "服務型智慧政府2.0推動計畫")
    parent_only = statement("服務型智慧政府2.0推動計畫")  # rows 2 and 3 tie
    other = statement("補助實施平均地權基金")
    issues = link_multi_year_statements([inside, child, parent_only, other], plans)
    assert (inside["multi_year_seq"], child["multi_year_seq"]) == (1, 3)
    assert (parent_only["multi_year_seq"], other["multi_year_seq"]) == (None, None)
    assert [(i.code, i.page, i.line) for i in issues] == [("multi_year_unmatched", 9, 99)] * 2
    assert link_multi_year_statements([statement("x")], []) == []


def test_the_text_sample_keeps_passing(sample_db: str) -> None:
    rows = api.query(
        sample_db, "SELECT status FROM consistency_checks WHERE check_name = ?", [CHECK]
    ).rows
    assert rows == []  # ADI 112 prints no 跨年期計畫概況表
    assert not api.query(sample_db, "SELECT 1 FROM consistency_checks WHERE status <> 'pass'").rows


def test_public_view_shows_each_statement_beside_its_table_row(book_db: str) -> None:
    rows = api.query(
        book_db,
        "SELECT work_plan_name, sub_plan_name, amount, table_this_year, unit_name "
        "FROM multi_year_statements WHERE amount = 117283 ORDER BY unit_name NULLS FIRST",
    ).rows
    # printed p70 民政及宗教禮制業務 sub-plan 02 地方建設: 補助嘉義市政府市民中心
    # 興建計畫…第1年經費117,283千元; table p186: 1.17; the 附錄 unit reprints the 說明
    # without the table
    assert rows == [
        ("民政及宗教禮制業務", "地方建設", 117_283, Decimal("1.17"), None),
        ("民政及宗教禮制業務", "地方建設", 117_283, None, "內政部"),
    ]
