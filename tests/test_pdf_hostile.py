"""Hostile PDFs: variants of the bundled 內政部 114 book built with pypdfium2, a few pages each.

Each variant either loads with load issues naming the page that is wrong, or is refused with
our error naming the file, and a refused file leaves the warehouse as it was. The pages used
(PDF page numbers of the book): 1 the image cover; 136 人事費彙計表 (printed 127); 137/138 the
left and right halves of 預算員額明細表 (128/129); 139-141 公務車輛明細表 (130-132); 155-164
補助經費分析表 and 165-174 捐助經費分析表; 349 a page of 附錄(一)'s own tables (printed 334).
"""

from __future__ import annotations

import io
import random
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from unitbudget import api
from unitbudget.errors import InputError, RefusedInput
from unitbudget.loaders.dispatch import parse_file
from unitbudget.loaders.parsed import ParsedDocument

from .conftest import ROOT
from .helpers import fingerprint

BOOK = ROOT / "unitbudget" / "samples" / "moi-114-unit-budget.pdf"
BASE = [1, 136, 137, 138, 139, 140, 141]


@pytest.fixture(scope="module")
def book() -> pdfium.PdfDocument:
    pdf = pdfium.PdfDocument(BOOK.read_bytes())
    yield pdf
    pdf.close()


def build(book: pdfium.PdfDocument, pages: list[int]) -> bytes:
    """A PDF of the book's `pages` (1-based, in this order) as saved by PDFium."""
    new = pdfium.PdfDocument.new()
    try:
        if pages:  # import_pages reads an empty list as "every page"
            new.import_pages(book, [p - 1 for p in pages])
        out = io.BytesIO()
        new.save(out)
        return out.getvalue()
    finally:
        new.close()


def parse(tmp_path: Path, name: str, data: bytes) -> ParsedDocument:
    path = tmp_path / name
    path.write_bytes(data)
    return parse_file(path)


def warnings(doc: ParsedDocument, code: str) -> list[int | None]:
    return sorted((i.page for i in doc.issues if i.code == code), key=lambda p: p or 0)


def slugs(doc: ParsedDocument) -> list[str]:
    return [t.slug for t in doc.tables]


def test_the_base_book_loads_cleanly(book: pdfium.PdfDocument, tmp_path: Path) -> None:
    doc = parse(tmp_path, "base.pdf", build(book, BASE))
    assert slugs(doc) == ["personnel_expense", "staffing", "vehicles"]
    assert not warnings(doc, "page_out_of_sequence")
    assert not warnings(doc, "page_unread")
    # 預算員額明細表 pp.128-129: 預算員額 1,468, last year 1,464 (issue 11)
    for year, total in (("this", 1468), ("last", 1464)):
        assert (
            sum(
                f["headcount"]
                for f in doc.facts["staffing"]
                if f["year"] == year and f["account_code"] == "0008010000"
            )
            == total
        )


def test_pages_reordered_are_named(book: pdfium.PdfDocument, tmp_path: Path) -> None:
    doc = parse(tmp_path, "reordered.pdf", build(book, [1, 137, 136, 139, 138, 141, 140]))
    # printed 128, 127, 130, 129, 132, 131: every page after the first breaks the sequence
    assert warnings(doc, "page_out_of_sequence") == [3, 4, 5, 6, 7]
    # the halves of 預算員額明細表 are no longer side by side: not read, and said so
    assert "staffing" not in slugs(doc)
    assert warnings(doc, "right_half_missing") == [2]
    assert warnings(doc, "left_half_missing") == [5]


def test_a_dropped_continuation_page_is_named(book: pdfium.PdfDocument, tmp_path: Path) -> None:
    # without 138 (right half of 預算員額明細表) and 140 (vehicles, printed 131)
    doc = parse(tmp_path, "dropped.pdf", build(book, [1, 136, 137, 139, 141]))
    assert warnings(doc, "page_out_of_sequence") == [4, 5]
    message = next(i.message for i in doc.issues if i.code == "page_out_of_sequence")
    assert "(0801)-130" in message and "(0801)-128" in message
    assert warnings(doc, "right_half_missing") == [3]
    assert "vehicles" in slugs(doc)


def test_a_page_of_another_book_spliced_in_is_named(
    book: pdfium.PdfDocument, tmp_path: Path
) -> None:
    # a page of 附錄(一) (printed 334) between the halves of the consolidated 預算員額明細表
    doc = parse(tmp_path, "spliced.pdf", build(book, [1, 136, 137, 349, 138, 139, 140, 141]))
    assert warnings(doc, "page_out_of_sequence") == [4, 5]
    assert "(0801)-334" in next(i.message for i in doc.issues if i.code == "page_out_of_sequence")


def _streams(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every stream's bytes, largest first."""
    spans = [
        (m.end(), data.index(b"endstream", m.end()))
        for m in re.finditer(rb"(?<!end)stream\r?\n", data)
    ]
    return sorted(spans, key=lambda s: s[0] - s[1])


@pytest.mark.parametrize("stream", range(6))
def test_bytes_flipped_in_a_stream(book: pdfium.PdfDocument, tmp_path: Path, stream: int) -> None:
    base = build(book, BASE)
    start, end = _streams(base)[stream]
    data = bytearray(base)
    rng = random.Random(stream)
    for _ in range(20):
        data[rng.randrange(start, end)] ^= 0xFF
    try:
        doc = parse(tmp_path, "flipped.pdf", bytes(data))
    except (InputError, RefusedInput) as err:
        assert "flipped.pdf" in str(err)
        return
    clean = parse(tmp_path, "clean.pdf", base)
    if slugs(doc) != slugs(clean) or doc.fact_count() != clean.fact_count():
        # something was lost: a warning names a page
        assert [i for i in doc.issues if i.severity == "warning" and i.page is not None]


REFUSED: dict[str, list[int] | float] = {
    "empty.pdf": [],
    "cover-only.pdf": [1],
    "cut-early.pdf": 0.3,
    "cut-late.pdf": 0.999,
}


def _refused_bytes(book: pdfium.PdfDocument, name: str) -> bytes:
    spec = REFUSED[name]
    if isinstance(spec, float):
        base = build(book, BASE)
        return base[: int(len(base) * spec)]
    return build(book, spec)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_the_file_named(book: pdfium.PdfDocument, tmp_path: Path, name: str) -> None:
    with pytest.raises((InputError, RefusedInput)) as err:
        parse(tmp_path, name, _refused_bytes(book, name))
    assert name in str(err.value)


def test_cover_only_names_the_page(book: pdfium.PdfDocument, tmp_path: Path) -> None:
    with pytest.raises(RefusedInput, match=r"without a text layer.*: 1$"):
        parse(tmp_path, "cover-only.pdf", build(book, [1]))


def test_refusals_leave_the_warehouse_unchanged(
    book: pdfium.PdfDocument, sample_db: str, tmp_path: Path
) -> None:
    db = str(tmp_path / "copy.duckdb")
    shutil.copy(sample_db, db)
    before = fingerprint(db)
    paths = []
    for name in sorted(REFUSED):
        path = tmp_path / name
        path.write_bytes(_refused_bytes(book, name))
        paths.append(str(path))
    batch = api.load(db, paths)
    assert [(o.status, Path(o.file).name in (o.message or "")) for o in batch.outcomes] == [
        ("refused", True)
    ] * len(REFUSED)
    assert fingerprint(db) == before


def test_a_book_without_the_subsidies_table_loads_without_it(
    book: pdfium.PdfDocument, tmp_path: Path
) -> None:
    whole = parse(tmp_path, "whole.pdf", build(book, [1, *range(155, 175)]))
    without = parse(tmp_path, "without.pdf", build(book, [1, *range(165, 175)]))
    assert slugs(whole) == ["subsidies", "grants"]
    assert slugs(without) == ["grants"]
    assert "subsidies" not in without.facts
    # 捐助經費分析表: 32 grants totalling 4,307,042 either way (issue 11, printed p.156)
    assert len(without.facts["grants"]) == 32
    assert sum(g["total"] for g in without.facts["grants"]) == 4307042

    def keys(doc: ParsedDocument) -> list[tuple[str, str, int]]:
        return [(g["work_plan_code"], g["grant_no"], g["total"]) for g in doc.facts["grants"]]

    assert keys(without) == keys(whole)


def test_the_whole_book_is_in_sequence(book_doc: ParsedDocument) -> None:
    # printed pages 1-337 in order, the unnumbered cover, contents and dividers between them
    assert not warnings(book_doc, "page_out_of_sequence")
    assert not warnings(book_doc, "page_unread")


def test_a_damaged_page_is_named(book: pdfium.PdfDocument, tmp_path: Path) -> None:
    # the content stream of one page cut short by flipped bytes: every damaged stream makes
    # the page lose lines; a page that loses its header block is named, not skipped silently
    base = build(book, BASE)
    clean = parse(tmp_path, "clean.pdf", base)
    named = 0
    for start, end in _streams(base)[:5]:
        data = bytearray(base)
        mid = (start + end) // 2
        data[mid : mid + 64] = bytes(b ^ 0xFF for b in data[mid : mid + 64])
        try:
            doc = parse(tmp_path, "damaged.pdf", bytes(data))
        except (InputError, RefusedInput) as err:
            assert "damaged.pdf" in str(err)
            continue
        if doc.fact_count() != clean.fact_count():
            assert [i for i in doc.issues if i.severity == "warning" and i.page is not None]
            named += 1
    assert named  # at least one variant lost something and said where


# The book's 目次 (PDF pp.2-3): every table it lists with its printed pages, as printed (the two
# tables listed as a heading over their items span their items' pages: 053-064, 065-114).
CONTENTS = {
    "預算總說明": "001-038",
    "歲入來源別預算表": "039-040",
    "歲出機關別預算表": "041-051",
    "歲入項目說明提要表": "053-064",
    "歲出計畫提要及分支計畫概況表": "065-114",
    "各項費用彙計表": "115-120",
    "歲出一級用途別科目分析表": "122-123",
    "資本支出分析表": "124-125",
    "人事費彙計表": "127",
    "預算員額明細表": "128-129",
    "公務車輛明細表": "130-136",
    "現有辦公房舍明細表": "138-145",
    "補助經費分析表": "146-155",
    "捐助經費分析表": "156-165",
    "派員出國計畫預算總表": "167-177",  # listed as 派員出國計畫預算總表及類別表
    "派員赴大陸計畫預算類別表": "178-179",
    "歲出按職能及經濟性綜合分類表": "180-185",
    "跨年期計畫概況表": "186-188",
    "委辦經費分析表": "190-197",
    "媒體政策及業務宣導費彙計表": "198",
    "立法院審議中央政府總預算案所提決議、附帶決議及注意事項辦理情形報告表": "199-287",
}


def test_tables_of_the_contents_missing_from_the_file_are_named(
    book: pdfium.PdfDocument, tmp_path: Path
) -> None:
    # cover, 目次, 人事費彙計表 (printed 127), 預算員額明細表 (128-129), the first page of
    # 公務車輛明細表 (130) and 派員出國計畫預算類別表 (168-177) without its 總表 (167, PDF p.176)
    doc = parse(tmp_path, "gaps.pdf", build(book, [1, 2, 3, 136, 137, 138, 139, *range(177, 187)]))
    missing = [i.message for i in doc.issues if i.code == "table_missing"]
    present = {"人事費彙計表", "預算員額明細表", "公務車輛明細表"}
    expected = [t for t in CONTENTS if t not in present]
    assert [m.split(" ")[0] for m in missing] == expected
    for message, title in zip(missing, expected, strict=True):
        assert f"printed pages {CONTENTS[title]}" in message
    travel = missing[expected.index("派員出國計畫預算總表")]
    assert "listed as 派員出國計畫預算總表及類別表" in travel


def test_a_table_cut_from_the_whole_book_is_missing_not_unprinted(
    book: pdfium.PdfDocument, book_doc: ParsedDocument, tmp_path: Path
) -> None:
    # the whole book lists nothing it lacks
    assert not warnings(book_doc, "table_missing")
    # without 各項費用彙計表 (printed 115-120, PDF pp.124-129): the page gap and the table named
    # (cover, 目次, then PDF pp.118-136 = printed 109-127 less those pages)
    pages = [1, 2, 3, *(p for p in range(118, 137) if not 124 <= p <= 129)]
    doc = parse(tmp_path, "cut.pdf", build(book, pages))
    assert warnings(doc, "page_out_of_sequence") == [pages.index(130) + 1]
    missing = [i.message for i in doc.issues if i.code == "table_missing"]
    assert any(m.startswith("各項費用彙計表 (printed pages 115-120)") for m in missing)
    listed = {m.split(" ")[0] for m in missing}
    assert not listed & {"歲出一級用途別科目分析表", "資本支出分析表", "人事費彙計表"}
    assert "expense_summary" not in slugs(doc)
