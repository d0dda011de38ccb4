"""The PDF reader on the bundled 內政部 114 book: pages, labels, Regions, cells, refusals.

Expected values are typed from the published PDF (tests/golden/moi-114/). The book is read once
for the session. pdfplumber is a second, independent reader: on a spread of pages (every page
with UNITBUDGET_PDF_ALL_PAGES=1) both must see the same numbers.
"""

from __future__ import annotations

import csv
import ctypes
import io
import os
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from unitbudget.errors import InputError, RefusedInput
from unitbudget.loaders.parsed import ParsedDocument
from unitbudget.loaders.readers.pdf import read_pdf_document, sniff_pdf, stage_hint
from unitbudget.loaders.readers.pdf.layout import page_layout
from unitbudget.loaders.readers.pdf.lines import page_lines
from unitbudget.loaders.readers.pdf.pages import classify
from unitbudget.loaders.regions import Region, Row, SourceDocument, numeric_tokens
from unitbudget.loaders.registry import parsers

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "unitbudget" / "samples" / "moi-114-unit-budget.pdf"
NAME = BOOK.name
GOLDEN = ROOT / "tests" / "golden" / "moi-114"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _golden(name: str) -> list[dict[str, str]]:
    with (GOLDEN / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def book_bytes() -> bytes:
    return BOOK.read_bytes()


@pytest.fixture(scope="session")
def book(book_bytes: bytes) -> SourceDocument:
    return read_pdf_document(book_bytes, NAME)


@pytest.fixture(scope="session")
def book_pdf() -> pdfium.PdfDocument:
    return pdfium.PdfDocument(str(BOOK))


def _region(book: SourceDocument, title: str, appendix: str | None = None) -> Region:
    found = [r for r in book.regions if r.title == title and r.appendix == appendix]
    assert found, f"no region {title!r} ({appendix})"
    return found[0]


def _printed_to_pdf(printed: int) -> int:
    """PDF page = printed + 5 (1-38), + 7 (39-52, after the 主要表 divider and its blank back),
    + 9 (53-288), + 15 (289-337), as the page labels print it (DOMAIN.md §7 says + 5 up to 52:
    the labels of PDF pages 46-59 read 039-052)."""
    if printed <= 38:
        return printed + 5
    return printed + (7 if printed <= 52 else 9 if printed <= 288 else 15)


def _texts(row: Row) -> list[str]:
    return [t for t in row.texts() if t]


# --------------------------------------------------------------------------------------------
# Identity, pages and labels


def test_identity_and_stage(book: SourceDocument) -> None:
    assert (book.agency, book.fiscal_year, book.stage_hint) == ("內政部", 114, "proposed")
    assert book.page_count == 352
    assert sniff_pdf(BOOK.read_bytes()[:64])
    assert stage_hint("Microsoft Word - 114法定預算內政部封面") == "enacted"
    assert stage_hint(None, "moi-114-unit-budget.pdf") is None


def test_page_labels_follow_the_printed_numbering(book: SourceDocument) -> None:
    expected = {_printed_to_pdf(p): f"(0801)-{p:03d}" for p in range(1, 338)}
    assert book.page_labels == expected  # 337 numbered pages, none on cover/contents/dividers


@pytest.mark.parametrize(
    ("page", "kind", "extra"),
    [
        (1, "image", None),  # the cover is an image without text
        (2, "toc", None),
        (4, "divider", "預算總說明"),
        (5, "blank", None),
        (44, "divider", "主要表"),
        (59, "empty", None),  # 本頁空白, printed page 52
        (60, "divider", "附屬表"),
        (298, "divider", "附錄"),
        (300, "appendix", "附錄(一)"),
        (302, "toc", None),
        (74, "table", None),
    ],
)
def test_page_kinds(book_pdf: pdfium.PdfDocument, page: int, kind: str, extra: str | None) -> None:
    info = classify(page_layout(book_pdf, page - 1))
    assert info.kind == kind
    if kind == "divider":
        assert info.section == extra
    if kind == "appendix":
        assert (info.appendix, info.section) == (extra, "內政部")


def test_headers_of_full_and_half_pages(book_pdf: pdfium.PdfDocument) -> None:
    full = classify(page_layout(book_pdf, 73)).header  # printed 65
    assert full is not None
    assert (full.kind, full.agency, full.title, full.year) == (
        "full",
        "內政部",
        "歲出計畫提要及分支計畫概況表",
        114,
    )
    assert (full.unit, full.capital_flag) == ("新臺幣千元", "經資門併計")
    left = classify(page_layout(book_pdf, 130)).header  # printed 122, title split mid-word
    right = classify(page_layout(book_pdf, 131)).header
    assert left is not None and right is not None
    assert (left.kind, left.agency, left.title) == ("left", "內政", "歲出一級用途")
    assert (right.kind, right.agency, right.title, right.year) == (
        "right",
        "部",
        "別科目分析表",
        114,
    )
    continued = classify(page_layout(book_pdf, 125)).header  # 各項費用彙計表(續)
    assert continued is not None and continued.continued
    assert continued.title == "各項費用彙計表"


def test_layout_traps(book_pdf: pdfium.PdfDocument) -> None:
    # Fake bold (民政支出 printed twice) is read once; 年/度 compatibility ideographs normalised.
    lines = page_lines(page_layout(book_pdf, 47))
    assert any("民政支出" in c.text for ln in lines for c in ln.cells)
    assert not any("民民" in c.text for ln in lines for c in ln.cells)
    # Touching columns split at the rule: amount | 承辦單位 | 說明 (printed page 65).
    lines = page_lines(page_layout(book_pdf, 73))
    row = next(ln for ln in lines if ln.cells and ln.cells[0].text == "01 人員維持")
    assert [c.text for c in row.cells[:3]] == ["01 人員維持", "1,640,215", "人事處、國土測繪"]
    # A half page keeps only what lies inside its page box.
    layout = page_layout(book_pdf, 130)
    assert all(0 <= c.cx <= layout.width for c in layout.chars)
    assert not any(c.text == "合" for c in layout.chars)  # 合計 is on the right page


# --------------------------------------------------------------------------------------------
# Regions


def test_every_table_of_the_contents_is_a_region(book: SourceDocument) -> None:
    for entry in _golden("contents.csv"):
        appendix = entry["appendix"] or None
        found = [r for r in book.regions if r.title == entry["title"] and r.appendix == appendix]
        assert found, entry
        pages = sorted(p for r in found for p in r.pages)
        first, last = int(entry["first_printed_page"]), int(entry["last_printed_page"])
        assert pages[0] == _printed_to_pdf(first), entry
        assert pages[-1] == _printed_to_pdf(last), entry
        labels = {lbl for r in found for lbl in r.page_labels.values()}
        assert f"(0801)-{first:03d}" in labels


def test_wide_tables_are_stitched(book: SourceDocument) -> None:
    pairs = [p for r in book.regions for p in r.half_pairs]
    # DOMAIN.md §7 counts 33 in the whole 392-page book; the two withheld 附錄 units carry the
    # other two (their 預算員額明細表): 31 pairs in these 352 pages.
    assert len(pairs) == 31
    assert all(p.right_page == p.left_page + 1 for p in pairs)
    region = _region(book, "歲出一級用途別科目分析表")
    assert region.stitched_halves and region.pages == [131, 132]
    assert region.left_width is not None


def test_object_class_analysis_rows(book: SourceDocument) -> None:
    """Names from the left page, 經常 小計 / 資本 小計 / 合計 from the right page."""
    region = _region(book, "歲出一級用途別科目分析表")
    assert region.left_width is not None
    got = {}
    for row in region.rows:
        names = [t for t in row.texts()[: region.left_width] if t and not t[0].isdigit()]
        right = row.texts()[region.left_width :]
        if names and right and right[-1]:
            got[names[0]] = (right[1], right[-2], right[-1])
    for g in _golden("work_plans.csv"):
        assert got[g["name"]] == (g["current_subtotal"], g["capital_subtotal"], g["total"]), g


def test_expenditure_by_agency_code_joined_to_its_name(book: SourceDocument) -> None:
    region = _region(book, "歲出機關別預算表")
    row = next(r for r in region.rows if "0008010000 內政部" in r.texts())
    assert "13,424,378" in row.texts()
    cell = next(c for c in row.cells if c.text == "0008010000 內政部")
    assert cell.page == 48 and cell.box is not None
    x0, y0, x1, y1 = cell.box
    assert 0 < x0 < x1 < 595 and 0 < y0 < y1 < 842


def test_wrapped_cells_join_their_row(book: SourceDocument) -> None:
    """As the text rendering prints them: a wrapped name is one cell (lines joined by a
    space); a code line with amounts takes the name printed below it (printed page 190)."""
    region = _region(book, "委辦經費分析表")
    texts = [_texts(r) for r in region.rows]
    name = "(1) 二二八事件紀念館等相 關營運維護管理之委辦 計畫"
    row = next(t for t in texts if t[0] == name)
    assert row[1] == "114-114" and row[3:5] == ["12,000", "22,380"]
    assert ["2.3708011000 民政及宗教禮制業務", "12,000", "23,630"] in [t[:3] for t in texts]


def test_expense_summary_total_column(book: SourceDocument) -> None:
    region = _region(book, "各項費用彙計表")
    assert region.pages == [124, 125, 126, 127, 128, 129]
    assert len(region.page_header_rows) == 6 and all(region.page_header_rows)
    codes = [c.text for r in region.page_header_rows[0] for c in r.cells]
    assert "3708010100" in codes  # the work-plan code row is a header row
    last_group = [r for r in region.rows if r.page in (128, 129)]
    totals = {_texts(r)[0]: _texts(r)[-1] for r in last_group if len(_texts(r)) >= 2}
    for g in _golden("expense_summary_totals.csv"):
        key = g["object_class"]
        found = next(v for k, v in totals.items() if "".join(k.split()) == key.replace(" ", ""))
        assert found == g["total"], g


def test_appendix_units(book: SourceDocument) -> None:
    units = {(r.title, r.appendix, r.unit_name) for r in book.regions if r.appendix}
    assert ("各項費用彙計表", "附錄(一)", "內政部") in units
    assert ("公務車輛明細表", "附錄(一)", "內政部") in units
    consolidated = _region(book, "各項費用彙計表")
    assert consolidated.unit_name is None
    premises = [r for r in book.regions if r.title == "現有辦公房舍明細表"]
    assert [(r.agency, r.unit_name) for r in premises] == [
        ("內政部彙編", None),
        ("內政部", "內政部"),
        ("內政部國土測繪中心", "內政部國土測繪中心"),
        ("內政部土地重劃工程處", "內政部土地重劃工程處"),
    ]


def test_lines_and_numeric_tokens(book: SourceDocument) -> None:
    seen: set[tuple[int, int]] = set()
    for region in book.regions:
        for row in region.rows:
            for cell in row.cells:
                seen.add((cell.page, cell.line))
        printed = {
            (c.page, c.line)
            for row in [*region.rows, *(r for h in region.page_header_rows for r in h)]
            for c in row.cells
        }
        # every numeric token the reader reports sits on a printed line of its region
        assert all((page, line) in printed for page, line, _ in region.numeric_tokens)
    lines = sorted(line for _, line in seen)
    assert lines == sorted(set(lines))  # one line number, one printed line
    region = _region(book, "人事費彙計表")
    tokens = [t for _, _, t in region.numeric_tokens]
    assert "3,607,996" in tokens


def test_numeric_tokens_count_a_reprinted_caption_once() -> None:
    caption = "工作計畫名稱及編號\t3708010100 一般行政\t預算金額\t1,771,975"
    again = "工作計畫名稱及編號\t3708010100 一般行政\t\t\t\t預算金 額\t1,771,975"
    lines = [
        (74, 1, caption),
        (74, 2, "01 人員維持\t1,640,215\t人事處"),
        (75, 3, again),  # the same caption, other columns and spacing
        (75, 4, "1000 人事費\t1,640,215\t-"),
        (76, 5, "1000 人事費\t1,640,215"),  # a body line repeating is two tokens
    ]
    assert numeric_tokens(lines, {1, 3}) == [
        (74, 1, "1,771,975"),
        (74, 2, "1,640,215"),
        (75, 4, "1,640,215"),
        (76, 5, "1,640,215"),
    ]
    # a caption line whose amount differs is another caption
    other = caption.replace("975", "976")
    assert len(numeric_tokens([(1, 1, caption), (2, 2, other)], {1, 2})) == 2


def test_work_plan_captions_count_once(book: SourceDocument) -> None:
    region = next(
        r for r in book.regions if r.title == "歲出計畫提要及分支計畫概況表" and r.unit_name is None
    )
    tokens = Counter(t for _, _, t in region.numeric_tokens)
    # printed on every page of its work plan: 一般行政 pp.65-68, 役政業務 pp.100-105 (printed)
    assert tokens["1,771,975"] == 1
    assert tokens["3,486,601"] == 1


def test_parse_report_of_the_plan_overview_is_complete(book_doc: ParsedDocument) -> None:
    report = next(t for t in book_doc.tables if t.slug == "plan_overview")
    assert report.numeric_tokens == report.captured_tokens > 0
    unused = [i for i in book_doc.issues if i.code == "unused_token"]
    assert not [i for i in unused if i.table_slug == "plan_overview"]
    # the rest of the book keeps its unused tokens listed with their page
    assert all(i.page for i in unused)


def test_every_parser_accepts_its_region(book: SourceDocument) -> None:
    slugs = {p.slug for p in parsers() for r in book.regions if p.matches(r)}
    expected = {
        "budget_statement",
        "expenditure_by_agency",
        "plan_overview",
        "expense_summary",
        "object_class_analysis",
        "capital_expenditure",
        "personnel_expense",
        "staffing",
        "vehicles",
        "premises",
        "grants",
        "travel_summary",
        "travel_meetings",
        "travel_mainland",
        "function_economic",
        "commissioned",
    }
    assert expected <= slugs


# --------------------------------------------------------------------------------------------
# A second reader


def _plumber_tokens(page: object) -> Counter[str]:
    """Numbers as pdfplumber sees them: runs of digit characters on one baseline, broken at
    pdfplumber's own vertical edges (columns touch) and at any other character."""
    p = page.within_bbox(page.bbox).dedupe_chars()  # type: ignore[attr-defined]
    edges = [e for e in p.edges if e["orientation"] == "v"]
    chars = sorted(p.chars, key=lambda c: (round(c["bottom"]), c["x0"]))
    runs: list[str] = []
    prev = None
    for c in chars:
        digit = c["text"] in "0123456789,."
        joined = (
            prev is not None
            and digit
            and abs(prev["bottom"] - c["bottom"]) < 1.5
            and -0.5 < c["x0"] - prev["x1"] < 0.5 * c["size"]
            and not any(
                prev["x1"] - 0.5 <= e["x0"] <= c["x0"] + 0.5
                and e["top"] <= c["top"] + 1
                and e["bottom"] >= c["bottom"] - 1
                for e in edges
            )
        )
        if digit and joined:
            runs[-1] += c["text"]
        elif digit:
            runs.append(c["text"])
        prev = c if digit else None
    return Counter(t for run in runs for t in _NUMBER.findall(run))


def _reader_tokens(pdf: pdfium.PdfDocument, index: int) -> Counter[str]:
    tokens: Counter[str] = Counter()
    for line in page_lines(page_layout(pdf, index)):
        for cell in line.cells:
            for word in cell.text.split():
                tokens.update(_NUMBER.findall(word))
    return tokens


def test_pdfplumber_sees_the_same_numbers(book_pdf: pdfium.PdfDocument) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    every = os.environ.get("UNITBUDGET_PDF_ALL_PAGES") == "1"
    # Without the variable: a spread over every section plus the pages with touching columns.
    pages = range(352) if every else sorted({*range(0, 352, 23), 47, 73, 130, 131, 146, 180})
    differ = []
    with pdfplumber.open(str(BOOK)) as plumber:
        for i in pages:
            theirs = _plumber_tokens(plumber.pages[i])
            ours = _reader_tokens(book_pdf, i)
            if theirs != ours:
                differ.append(
                    (i + 1, (theirs - ours).most_common(3), (ours - theirs).most_common(3))
                )
    assert differ == []


# --------------------------------------------------------------------------------------------
# Refusals


def _save(pdf: pdfium.PdfDocument) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _text_pdf(text: str) -> bytes:
    """A one-page PDF that prints `text` (ASCII) with a standard font."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    font = pdfium_c.FPDFText_LoadStandardFont(pdf.raw, b"Helvetica")
    obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, 12.0)
    buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 72, 700)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    return _save(pdf)


def _scanned_pdf(pages: int) -> bytes:
    """Pages that carry only an image (a scanned book)."""
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        page = pdf.new_page(595, 842)
        image = pdfium.PdfImage.new(pdf)
        bitmap = pdfium.PdfBitmap.new_native(16, 16, pdfium_c.FPDFBitmap_BGR)
        bitmap.fill_rect((128, 128, 128, 255), 0, 0, 16, 16)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(400, 600).translate(90, 120))
        page.insert_obj(image)
        page.gen_content()
    return _save(pdf)


def _handmade(objects: list[bytes], trailer: bytes) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _encrypted_pdf() -> bytes:
    """Standard security handler whose user password is not empty: PDFium asks for one."""
    return _handmade(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + b"11" * 32
            + b"> /U <"
            + b"22" * 32
            + b"> /P -4 >>",
        ],
        b"/Encrypt 4 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ",
    )


def test_refuses_an_encrypted_pdf() -> None:
    with pytest.raises(RefusedInput, match="encrypted") as err:
        read_pdf_document(_encrypted_pdf(), "locked.pdf")
    assert err.value.file == "locked.pdf"


@pytest.mark.parametrize("keep", [0.02, 0.5])
def test_refuses_truncated_bytes(book_bytes: bytes, keep: float) -> None:
    data = book_bytes[: int(len(book_bytes) * keep)]
    with pytest.raises(InputError) as err:
        read_pdf_document(data, "cut.pdf")
    assert err.value.file == "cut.pdf"


def test_refuses_a_pdf_that_is_not_a_unit_budget() -> None:
    with pytest.raises(RefusedInput, match="not a unit budget"):
        read_pdf_document(_text_pdf("City of Taipei annual budget 2024"), "city.pdf")


def test_refuses_pages_without_text() -> None:
    with pytest.raises(RefusedInput, match=r"without a text layer.*: 1-3$") as err:
        read_pdf_document(_scanned_pdf(3), "scan.pdf")
    assert err.value.file == "scan.pdf"


def test_refuses_bytes_that_are_not_a_pdf() -> None:
    with pytest.raises(InputError, match="not a PDF"):
        read_pdf_document(b"hello", "x.pdf")


# --- line-end hyphens and wrapped decimals (the book's own cases) -----------------------------


def test_a_line_end_hyphen_reads_as_a_hyphen(book_pdf: pdfium.PdfDocument) -> None:
    # PDFium reports the hyphen ending a line as U+FFFE: 公務車輛明細表 (PDF page 142) prints
    # the plates AEQ-5066 … AEQ-5078 wrapped as `Q-5067、AEQ-` / `5068、AEQ-50`.
    lines = [[c.text for c in line.cells] for line in page_lines(page_layout(book_pdf, 141))]
    remark = [cells[-1] for cells in lines if cells and "AEQ" in cells[-1]]
    assert remark[:2] == ["AEQ-5066、AE", "Q-5067、AEQ-"]
    assert not any("\ufffe" in c for cells in lines for c in cells)


def test_wrapped_cells_join_after_a_hyphen_without_a_space(book_doc: ParsedDocument) -> None:
    # 跨年期計畫概況表 (PDF page 195) prints `邁向3D智慧國土-` / `國家底圖空間資料基礎建設計畫`;
    # 公務車輛明細表 (PDF page 142) the plate AEQ-5068 over two lines.
    names = [r["name"] for r in book_doc.facts["multi_year_plans"]]
    assert "邁向3D智慧國土-國家底圖空間資料基礎建設計畫" in names
    remarks = [r["remark"] or "" for r in book_doc.facts["vehicles"]]
    aeq = next(r for r in remarks if r.startswith("AEQ-5066"))
    assert "AEQ-5068、" in aeq and "AEQ-5076、" in aeq


def test_a_plate_wrapped_at_a_full_line_reads_as_printed(book_doc: ParsedDocument) -> None:
    # 公務車輛明細表 (PDF pages 150-152): the 備註 column is narrow, so plates break wherever the
    # line is full: `AEQ-5066、AE` / `Q-5067、AEQ-`, `968-JML、969` / `-JML、971-J` / `ML、972…`,
    # `…、M` / `LQ-2130。`. The plates read as printed, one word each.
    remarks = [r["remark"] or "" for r in book_doc.facts["vehicles"]]
    text = "、".join(remarks)
    for plate in ("AEQ-5067", "AEQ-5075", "971-JML", "969-JML", "529-DSK", "MLQ-2130", "MUA-3272"):
        assert plate in text, plate
    # no plate of the book (letters and digits around a hyphen) is split by a space
    assert not re.search(r"[A-Z0-9-] [A-Z0-9-]", text), re.findall(r".{6} [A-Z0-9-].{3}", text)
    # a line that did not fill its column keeps its break: `6202-WE。` / `(工程用途)`
    assert "6202-WE。 (工程用途)" in remarks


def test_unwrapped_drops_only_the_glued_wrap_spaces() -> None:
    from unitbudget.loaders.regions import Cell
    from unitbudget.loaders.tables.toolkit import unwrapped

    # as the reader joins `971-J` / `ML、972-JML` / `(工程用途)`: the first break glued
    cell = Cell("971-J ML、972-JML (工程用途)", 151, 5165, None, (5,))
    assert unwrapped(cell) == "971-JML、972-JML (工程用途)"
    assert cell.text == "971-J ML、972-JML (工程用途)"  # parsers that read wraps keep them
    assert unwrapped(None) == ""


def test_a_wrapped_decimal_glued_to_text_stays_one_number(book_doc: ParsedDocument) -> None:
    # 跨年期計畫概況表 (PDF page 196) 說明: `移民署0` / `.47億元、警政署0` / `.45億元。`, and
    # `編列2.` / `4億元`: the decimals are 0.47, 0.45 and 2.4 億元, not text and a number.
    notes = " ".join(r["note"] or "" for r in book_doc.facts["multi_year_plans"])
    assert "移民署0.47億元、警政署0.45億元" in notes
    assert "內政部編列2.4億元" in notes
    # an item number before its text is not a decimal
    assert "。 2.本計畫" in notes
