"""The parse report (issue 11): numeric tokens a parser read into a fact or a key count as
captured, the rest are listed as `unused_token` with their page, and the 內政部 114 book (with
its 附錄 units) reaches 99 %.

Expected values come from the printed pages: 公務車輛明細表 (printed pp.130-136) prints a
購置年月 for each of its 64 vehicles, 補助經費分析表 a 列入預算年度 (114) for each recipient,
預算總說明 (printed p.12) the 預算員額說明表 上年度編列 942 0 0 9 26 316 12 96 63 0 1,464 /
增(減) 0 0 0 0 (3) 0 (3) 0 10 0 4 / 本年度合計 942 0 0 9 23 316 9 96 73 0 1,468.
"""

from __future__ import annotations

from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.regions import Cell, Row
from unitbudget.loaders.tables import budget_statement
from unitbudget.loaders.tables.base import TableResult
from unitbudget.loaders.unit_budget import parse_unit_budget

from .conftest import SAMPLE

CATEGORIES = (
    "職員",
    "警察",
    "法警",
    "駐警",
    "工友",
    "技工",
    "駕駛",
    "聘用",
    "約僱",
    "駐外雇員",
    "合計",
)
LAST_YEAR = ("942", "0", "0", "9", "26", "316", "12", "96", "63", "0", "1,464")
CHANGE = ("0", "0", "0", "0", "(3)", "0", "(3)", "0", "10", "0", "4")
THIS_YEAR = ("942", "0", "0", "9", "23", "316", "9", "96", "73", "0", "1,468")


def coverage(doc: ParsedDocument) -> tuple[int, int]:
    return (
        sum(t.captured_tokens for t in doc.tables),
        sum(t.numeric_tokens for t in doc.tables),
    )


def report(doc: ParsedDocument, slug: str):  # noqa: ANN201 - a TableReport
    return next(t for t in doc.tables if t.slug == slug)


def unused(doc: ParsedDocument, slug: str) -> list[tuple[int | None, str]]:
    return [
        (i.page, i.message.split("'")[1])
        for i in doc.issues
        if i.table_slug == slug and i.code == "unused_token"
    ]


def test_the_book_and_its_units_cover_99_percent(book_doc: ParsedDocument) -> None:
    for doc in (book_doc, *book_doc.units):
        captured, tokens = coverage(doc)
        assert tokens > 0
        assert captured >= 0.99 * tokens, (doc.agency_name, captured, tokens)
        # every token not captured is listed with its page
        listed = [i for i in doc.issues if i.code == "unused_token"]
        assert len(listed) == tokens - captured
        assert all(i.page for i in listed)
    captured = sum(coverage(d)[0] for d in (book_doc, *book_doc.units))
    tokens = sum(coverage(d)[1] for d in (book_doc, *book_doc.units))
    assert captured >= 0.99 * tokens


def test_tables_whose_keys_and_dates_are_read_are_complete(book_doc: ParsedDocument) -> None:
    # 購置年月, 列入預算年度, 款項目節 numbers, revenue positions, work plan codes over the
    # columns of 各項費用彙計表, the 預算員額說明表 of 預算總說明, the travel plans' history
    # and 領域代碼 wrapped onto a line of their own, a bare 單位數 (0), a 節 printed as its bare
    # code over its subtotal: nothing left unused
    for slug in (
        "vehicles",
        "subsidies",
        "revenue_by_source",
        "object_class_analysis",
        "capital_expenditure",
        "staffing",
        "media_publicity",
        "expense_summary",
        "budget_statement",
        "travel_meetings",
        "travel_studies",
        "premises",
        "commissioned",
    ):
        t = report(book_doc, slug)
        assert t.captured_tokens == t.numeric_tokens > 0, (slug, unused(book_doc, slug))
    for unit in book_doc.units:
        for t in unit.tables:
            if t.slug in ("vehicles", "staffing", "expense_summary"):
                assert t.captured_tokens == t.numeric_tokens, (unit.agency_name, t.slug)


def test_the_dates_read_are_stored(book_doc: ParsedDocument) -> None:
    vehicles = book_doc.facts["vehicles"]
    assert len(vehicles) == 64
    assert all(v["acquired"] for v in vehicles)
    # printed p.130: 首長專用車 AGH-1579 bought 103.03; the last vehicle (p.136) 114.04
    assert (vehicles[0]["vehicle_type"], vehicles[0]["acquired"]) == ("首長專用車", "103.03")
    assert vehicles[-1]["acquired"] == "114.04"
    subsidies = book_doc.facts["subsidies"]
    # every recipient prints 114 but 補助特種基金 (printed p.150), which prints none
    years = {(s["recipient"], s["recipient_budget_year"]) for s in subsidies}
    assert {y for _, y in years} == {"114", None}
    assert [r for r, y in years if y is None] == ["補助特種基金"]
    assert sum(1 for s in subsidies if s["recipient_budget_year"] == "114") == 28
    # 開會、談判 printed p.175: the history of the plans, 出國期間 109.10 … 112.05
    history = "\n".join(p["history"] or "" for p in book_doc.facts["travel_plans"])
    for date in ("109.10", "110.10", "111.10", "112.08", "112.05"):
        assert date in history


def test_revenue_notes_read_their_codes_and_positions(book_doc: ParsedDocument) -> None:
    # every 款項目節 number places an amount; 0708010500 (廢舊物資售價, 100 千元, printed p.63)
    # prints its code alone in the header cell: the item's key
    t = report(book_doc, "revenue_notes")
    assert t.captured_tokens == t.numeric_tokens == 99
    notes = {n["account_code"]: n for n in book_doc.facts["revenue_notes"]}
    assert (notes["0708010500"]["name"], notes["0708010500"]["amount"]) == ("廢舊物資售價", 100)


def test_a_number_no_parser_reads_is_listed_with_its_page() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if "BLH-2177" in line)
    cells = lines[at].split("\t")
    assert "111.08" in cells
    # a line printing only a 購置年月: no vehicle, so no parser reads it
    planted = "\t".join("112.05" if c == "111.08" else "" for c in cells)
    doc = parse_unit_budget(
        "\n".join([*lines[: at + 1], planted, *lines[at + 1 :]]).encode(), SAMPLE.name
    )
    original = parse_unit_budget(text.encode(), SAMPLE.name)
    listed = [i for i in doc.issues if i.code == "unused_token" and "112.05" in i.message]
    assert [(i.table_slug, i.line) for i in listed] == [("vehicles", at + 2)]
    assert listed[0].page is not None
    before, after = report(original, "vehicles"), report(doc, "vehicles")
    assert before.captured_tokens == before.numeric_tokens
    assert (after.numeric_tokens, after.captured_tokens) == (
        before.numeric_tokens + 1,
        before.captured_tokens,
    )
    assert doc.facts["vehicles"] == [
        {**v, "line": v["line"] + (1 if v["line"] > at + 1 else 0)}
        for v in original.facts["vehicles"]
    ]


def test_the_text_sample_captures_every_token() -> None:
    # ADI 112: 款項目節 numbers of the account tables and the two 購置年月 were listed unused
    doc = parse_unit_budget(SAMPLE.read_bytes(), SAMPLE.name)
    assert [i for i in doc.issues if i.code == "unused_token"] == []
    assert report(doc, "vehicles").captured_tokens == 22
    assert [v["acquired"] for v in doc.facts["vehicles"]] == ["111.08", "112.01"]


def _headcount_rows(change: tuple[str, ...]) -> list[Row]:
    def row(line: int, texts: list[str]) -> Row:
        return Row([Cell(t, 12, line) for t in texts], 12, line)

    return [
        row(286, ["（五）預算員額說明表"]),
        row(287, ["", "", "員 額 ( 單位 : 人)", *[""] * 11]),
        row(289, ["業務計畫", "年度及類別", *[""] * 12]),
        row(290, [*[""] * 11, "駐外", "", "說明"]),
        row(
            291,
            [
                "",
                "",
                "職員",
                "警察",
                "法警",
                "駐警",
                "工友",
                "技工",
                "駕駛",
                "聘用",
                "約僱",
                "",
                "合計",
                "",
            ],
        ),
        row(292, [*[""] * 11, "雇員", "", ""]),
        row(295, ["", "上年度編列", *LAST_YEAR, "人及駕駛 3"]),
        row(301, ["", "本年度", *[""] * 12]),
        row(302, ["內政部", "", *change, ""]),
        row(303, ["", "增(減)", *[""] * 12]),
        row(304, ["", "合計", *THIS_YEAR, ""]),
        row(306, ["（六）其他"]),
    ]


def test_the_headcount_table_is_the_statement() -> None:
    result = TableResult("budget_statement", "預算總說明", [12], 286, 306)
    budget_statement._emit_headcount(_headcount_rows(CHANGE), result)
    facts = [(f["category"], f["headcount"]) for f in result.facts["headcount_statements"]]
    assert facts == [
        (c, int(n.replace(",", ""))) for c, n in zip(CATEGORIES, THIS_YEAR, strict=True)
    ]
    assert result.issues == []
    assert sorted(result.read_tokens) == sorted(
        (line, t) for line, row in ((295, LAST_YEAR), (302, CHANGE), (304, THIS_YEAR)) for t in row
    )


def test_a_change_that_does_not_add_up_is_a_warning() -> None:
    planted = tuple("11" if c == "10" else c for c in CHANGE)  # 約僱 +11, but 63 -> 73
    result = TableResult("budget_statement", "預算總說明", [12], 286, 306)
    budget_statement._emit_headcount(_headcount_rows(planted), result)
    assert [(i.code, i.line) for i in result.issues] == [("headcount_change_mismatch", 304)]
    assert "約僱" in result.issues[0].message


def test_a_table_without_its_total_row_states_nothing() -> None:
    # the 合計 row lost: the next heading ends the table, nothing is taken from beyond it
    rows = [r for r in _headcount_rows(CHANGE) if r.line != 304]
    rows.append(Row([Cell(t, 13, 320) for t in ("", "合計", *THIS_YEAR)], 13, 320))
    result = TableResult("budget_statement", "預算總說明", [12], 286, 320)
    budget_statement._emit_headcount(rows, result)
    assert "headcount_statements" not in result.facts
    assert [i.code for i in result.issues] == ["headcount_missing"]


def test_the_book_states_its_headcount_in_the_table(book_doc: ParsedDocument) -> None:
    stated = {
        f["category"]: f["headcount"]
        for f in book_doc.facts["headcount_statements"]
        if f["source"] == "budget_statement"
    }
    assert stated == {
        c: int(n.replace(",", "")) for c, n in zip(CATEGORIES, THIS_YEAR, strict=True)
    }
    assert not [
        i for i in book_doc.issues if i.code in ("headcount_missing", "headcount_change_mismatch")
    ]
