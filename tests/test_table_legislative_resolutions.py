"""立法院…決議…辦理情形報告表 (legislative_resolutions) of the 內政部 114 book, printed pages
199-287: a prose table for 113. Golden (tests/golden/moi-114/legislative_resolutions_blocks.csv):
per section and sub-heading, the first and last 項次, the count and the pages, typed from the book.
"""

from __future__ import annotations

import csv

from unitbudget import api
from unitbudget.loaders.parsed import ParsedDocument

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
