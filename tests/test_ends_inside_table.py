"""A file that ends right after its last table is not cut inside it.

The 內政部 114 book's 附錄(一) 內政部 lists 「五、公務車輛明細表…… 336-337」 last in its 目次
(PDF page 302); the published file ends at PDF page 352, printed (0801)-337, which prints that
table's 合計 (26,040 / 797 / 697 / 522).
"""

from __future__ import annotations

from unitbudget.loaders.contents import closes_as_listed, listed_lines
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.regions import Cell, Region, Row

TOC_LINES = [
    "頁 次",
    "一、歲出計畫提要及分支計畫概況表………………………………… 289-327",
    "三、人事費彙計表……………………………………………………… 333",
    "五、公務車輛明細表…………………………………………………… 336-337",
]


def _row(page: int, *texts: str) -> Row:
    return Row([Cell(t, page, page) for t in texts], page, page)


def _regions(last_label: str, *, total: bool = True) -> tuple[Region, list[Region]]:
    toc = Region("目次", [], [_row(302, t) for t in TOC_LINES], [302], 1, 5, kind="text")
    rows = [_row(351, "1", "首長專用車", "4")]
    if total:
        rows.append(_row(352, "", "合 計", "", "", "", "26,040", "", "797", "697", "522"))
    table = Region(
        "公務車輛明細表",
        [],
        rows,
        [351, 352],
        10,
        20,
        page_labels={351: "(0801)-336", 352: last_label},
    )
    return table, [toc, table]


def test_listed_lines_read_titles_and_pages() -> None:
    assert listed_lines(TOC_LINES) == [
        ("歲出計畫提要及分支計畫概況表", "289-327"),
        ("人事費彙計表", "333"),
        ("公務車輛明細表", "336-337"),
    ]


def test_a_table_that_reaches_its_listed_last_page_and_prints_its_total_closes() -> None:
    table, regions = _regions("(0801)-337")
    assert closes_as_listed(table, regions)


def test_a_table_short_of_its_listed_pages_or_without_total_does_not_close() -> None:
    table, regions = _regions("(0801)-336")  # the file lost printed page 337
    assert not closes_as_listed(table, regions)
    table, regions = _regions("(0801)-337", total=False)
    assert not closes_as_listed(table, regions)
    table, regions = _regions("")  # a text rendering prints no page labels
    assert not closes_as_listed(table, regions)
    table, regions = _regions("(0801)-337")
    assert not closes_as_listed(table, [table])  # no 目次


def test_the_book_unit_ending_on_its_last_listed_table_is_not_cut(book_doc: ParsedDocument) -> None:
    unit = next(u for u in book_doc.units if u.unit_name == "內政部")
    assert not [i for i in unit.issues if i.code == "ends_inside_table"]
    vehicles = [t for t in unit.tables if t.slug == "vehicles"]
    assert [(t.first_page, t.last_page) for t in vehicles] == [(351, 352)]
