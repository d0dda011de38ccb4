"""立法院…決議…辦理情形報告表 (legislative_resolutions) of the 內政部 114 book, printed pages
199-287: a prose table for 113. Golden (tests/golden/moi-114/legislative_resolutions_blocks.csv):
per section and sub-heading, the first and last 項次, the count and the pages, typed from the book.
"""

from __future__ import annotations

import csv
import re

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.regions import Cell, Region, Row
from unitbudget.loaders.tables import legislative_resolutions
from unitbudget.loaders.tables.base import ParseContext

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "moi-114" / "legislative_resolutions_blocks.csv"


def test_every_resolution_once_in_its_block(book_doc: ParsedDocument) -> None:
    with GOLDEN.open(encoding="utf-8") as f:
        golden = list(csv.DictReader(f))
    rows = book_doc.facts["legislative_resolutions"]
    assert len(rows) == sum(int(g["count"]) for g in golden) == 98
    for g in golden:
        block = [r for r in rows if r["section"] == g["section"] and (r["part"] or "") == g["part"]]
        assert len(block) == int(g["count"]), g
        assert (block[0]["item_label"], block[-1]["item_label"]) == (
            g["first_label"],
            g["last_label"],
        )
    assert {r["resolution_year"] for r in rows} == {113}


def test_texts_are_whole(book_doc: ParsedDocument) -> None:
    rows = book_doc.facts["legislative_resolutions"]
    first = rows[0]
    assert first["resolution_text"].startswith(
        "113年度中央政府總預算案針對各機關及所屬統刪項目如下"
    )
    assert first["action_text"] == "遵照辦理。"
    last = rows[-1]
    assert last["item_no"] == 46 and last["part"] == "主計總處部分"
    assert last["action_text"] == "將配合行政院主計總處作業，遵照辦理。"


def test_numbering_is_compared_and_complete(book_db: str) -> None:
    status = api.query(
        book_db,
        "SELECT status, count(*) FROM table_comparison "
        "WHERE table_slug = 'legislative_resolutions' GROUP BY status",
    ).rows
    assert status == [("match", 98)]
    found = api.query(
        book_db,
        "SELECT item_label FROM legislative_resolutions "
        "WHERE resolution_text LIKE '%跟蹤騷擾防制法%'",
    ).rows
    assert found == [("(五)",)]


def _flat(text: str) -> str:
    """Text without whitespace (wrapped lines join with or without a space) and with the
    full-width ；： the PDF's text layer gives as ASCII (pdftotext prints them full-width)."""
    return re.sub(r"\s+", "", text).translate(str.maketrans("：；", ":;"))


def _text_of(book_doc: ParsedDocument, label: str, part: str) -> str:
    rows = book_doc.facts["legislative_resolutions"]
    found = [r for r in rows if r["item_label"] == label and r["part"] == part]
    assert len(found) == 1, (label, part)
    return _flat(found[0]["resolution_text"])


def test_first_lines_of_a_continuation_page_are_kept(book_doc: ParsedDocument) -> None:
    """Lines at the top of a continuation page, which the reader glued to the page's caption
    row 內 容: typed from `pdftotext -layout` of PDF p209-210 (printed 200-201) and p218-219
    (printed 209-210)."""
    first = _text_of(book_doc, "(一)", "通案決議")
    assert (
        _flat(
            "社會及家庭署、環境部、氣候變遷署、"  # last line of p209
            "資源循環署、化學物質管理署、環境"  # p210, lines 1-9
            "管理署、國家環境研究院、數位產業"
            "署、僑務委員會、國家科學及技術委"
            "員會、新竹科學園區管理局、中部科"
            "學園區管理局、南部科學園區管理"
            "局、金融監督管理委員會、保險局、"
            "海洋委員會、海巡署及所屬、海洋保"
            "育署、國家海洋研究院改以其他項目"
            "刪減替代，科目自行調整。"
            "3.委辦費：除現行法律明文規定支出不"
        )
        in first
    )
    second = _text_of(book_doc, "(二)", "通案決議")
    assert (
        _flat(
            "不效率；如有虛增的稅賦，則表示整體"  # last line of p218
            "稅制失修、恐使整體稅制的正當性受質"  # p219, lines 1-13
            "疑。一味忽略常態性超徵的情形，是因"
            "循苟且、便宜行事。顯見常態性超徵稅"
            "收不僅使政府無法正確預估、掌握財"
            "源，導致施政進度落後、行政效率不彰；"
            "也有讓政府的實際舉債數遠低於預算"
            "數，有美化財報之嫌；超徵稅收的金額"
            "也成為政府的小金庫，只要是符合法規"
            "就可以運用，缺乏被監督的功能。政府"
            "預算編列原則應量入為出，鉅額超徵為"
            "量入之失敗、政府之數字管理失靈。據"
            "立法院預算中心報告顯示，106年度稅"
            "課收入1.52兆元，107至109年度均逾"
            "1.6兆元，110年度攀升到逾2兆元，除"  # p219, line 14
        )
        in second
    )


def test_no_caption_word_is_spliced_into_a_text(book_doc: ParsedDocument) -> None:
    """The caption 項 次 | 內 容 each continuation page reprints is not text: the lines around
    the page breaks join directly (pdftotext of PDF p208-209, 210-211, 211-212, 213-214,
    215-216)."""
    first = _text_of(book_doc, "(一)", "通案決議")
    for joined in (
        "監察院、審計部、內政部、國土管理署及所屬",
        "人事行政總處、公務人力發展學院、國立故宮博物",
        "關務署及所屬、國有財產署及所屬、財政資訊中心",
        "臺灣花蓮地方法院、臺灣宜蘭地方法院、臺灣基隆地方法院",
        "臺灣高等法院臺中分院、臺灣高等法院高雄分院",
    ):
        assert joined in first
    for row in book_doc.facts["legislative_resolutions"]:
        text = _flat(row["resolution_text"])
        assert "項次" not in text, row["item_label"]
        for spliced in ("內容內政部", "國有內容財產署", "宜內容蘭地方法院", "分內容院"):
            assert spliced not in text, (row["item_label"], spliced)


def _row(page: int, line: int, *texts: str) -> Row:
    return Row([Cell(t, page, line) for t in texts], page, line)


def test_a_resolution_opening_in_a_glued_caption_row_is_a_new_resolution() -> None:
    """A layout the reader may give: a resolution's label and first line, and the 辦理情形 text,
    printed at the top of a continuation page and glued to the captions. The captions go, the
    label still opens a resolution and no text is lost (texts from PDF p219, printed 210)."""
    caption = [_row(218, 1, "單位 決議、附帶決議及注意事項"), _row(218, 2, "", "", "辦 理 情 形")]
    region = Region(
        title="立法院審議中央政府總預算案所提決議、附帶決議及注意事項辦理情形報告表",
        header_rows=[*caption, _row(218, 3, "項 次", "內 容", "")],
        rows=[
            _row(218, 4, "一、", "總預算案部分: 通案決議", ""),
            _row(218, 5, "(一)", "1.6兆元，110年度攀升到逾2兆元，除", "非本部業務。"),
            _row(219, 12, "", "減少舉債、增加還本或累計至歲計賸餘", ""),
        ],
        pages=[218, 219],
        first_line=1,
        last_line=12,
        fiscal_year=113,
        page_breaks=[0, 2],
        page_header_rows=[
            [*caption, _row(218, 3, "項 次", "內 容", "")],
            [
                _row(219, 8, "單位 決議、附帶決議及注意事項"),
                _row(219, 9, "", "", "辦 理 情 形"),
                _row(
                    219,
                    10,
                    "項 次 (二)",
                    "內 容 數位發展部提出4年期（113至116年）",
                    "將配合數位發展部作業，遵照辦理。",
                ),
            ],
        ],
    )
    result = legislative_resolutions.parse(region, ParseContext())
    rows = result.facts["legislative_resolutions"]
    assert [(r["item_label"], r["page"], r["last_page"]) for r in rows] == [
        ("(一)", 218, 218),
        ("(二)", 219, 219),
    ]
    assert rows[1]["resolution_text"].startswith("數位發展部提出4年期（113至116年）")
    assert rows[1]["resolution_text"].endswith("減少舉債、增加還本或累計至歲計賸餘")
    assert rows[1]["action_text"] == "將配合數位發展部作業，遵照辦理。"
    assert not result.issues
