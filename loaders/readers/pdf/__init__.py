"""Reader for published unit-budget PDF books: bytes -> `SourceDocument`.

Runs on pypdfium2 (PDFium; Apache/BSD licensed). Stages, each in its own module:
`layout` (characters and ruling segments per page), `lines` (printed lines and cells),
`pages` (page kinds, header blocks, labels), `assemble` (Regions). DOMAIN.md §7 describes the
book this was built on (內政部 114 單位預算案); nothing here depends on its agency, page numbers
or amounts.
"""

from __future__ import annotations

import re
from collections import Counter

import pypdfium2 as pdfium

from unitbudget.errors import InputError, RefusedInput
from unitbudget.loaders.contents import (
    contents_entries,
    missing_appendix_units,
    missing_tables,
)
from unitbudget.loaders.issues import LoadIssue
from unitbudget.loaders.readers.text import KNOWN_TITLES
from unitbudget.loaders.regions import Region, SourceDocument

from .assemble import NumberedPage, build_regions, title_key
from .layout import page_layout
from .pages import PageInfo, classify

__all__ = ["read_pdf_document", "sniff_pdf", "stage_hint"]

_MAGIC = b"%PDF-"
_PROPOSED = re.compile(r"預算案")
_ENACTED = re.compile(r"法定預算")
_KNOWN_KEYS = {title_key(t) for t in KNOWN_TITLES}


def sniff_pdf(data: bytes, file_name: str = "") -> bool:
    """True when the bytes look like a PDF file (the header may follow a little junk)."""
    return _MAGIC in data[:1024]


def stage_hint(*texts: str | None) -> str | None:
    """ "proposed" (預算案) or "enacted" (法定預算) from the first text that says either."""
    for text in texts:
        if not text:
            continue
        if _ENACTED.search(text):
            return "enacted"
        if _PROPOSED.search(text):
            return "proposed"
    return None


def read_pdf_document(data: bytes, file_name: str) -> SourceDocument:
    """Read a published unit-budget book into Regions of cells (page, line, box in points).

    Raises `InputError` for a file PDFium cannot open (corrupt, truncated, password
    protected) and `RefusedInput` for a readable PDF that is not a unit budget: no page with a
    unit-budget table title, or pages without a text layer (scanned; OCR is not done).
    """
    pdf = _open(data, file_name)
    try:
        infos = _classify_all(pdf, file_name)
        title = _metadata_title(pdf)
    finally:
        pdf.close()
    issues: list[LoadIssue] = []
    _check(infos, file_name)
    numbered, unassigned, line_count = _number(infos)
    if infos and infos[0].kind == "image":
        issues.append(
            LoadIssue("info", "image_cover", "page 1 is an image without text (cover)", page=1)
        )
    issues.extend(_page_issues(infos))
    regions = build_regions(numbered, issues)
    agency, year = _identity(infos)
    toc = next((i.toc for i in infos if i.kind == "toc"), [])
    toc_titles = [t for t, pages in toc if pages]
    issues.extend(_missing_tables(numbered, regions))
    issues.extend(_missing_units(numbered))
    cover_text = " ".join(line.text for line in infos[0].lines) if infos else ""
    return SourceDocument(
        file_name=file_name,
        encoding="pdf",
        line_count=line_count,
        page_count=len(infos),
        agency=agency,
        fiscal_year=year,
        regions=regions,
        issues=issues,
        toc_titles=toc_titles,
        unassigned_lines=unassigned,
        page_labels={i.number: i.label for i in infos if i.label},
        stage_hint=stage_hint(title, cover_text, file_name),
    )


def _open(data: bytes, file_name: str) -> pdfium.PdfDocument:
    if not sniff_pdf(data):
        raise InputError("not a PDF file (no %PDF- header)", file=file_name)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc)
        if "password" in text.lower():
            raise RefusedInput(
                "the PDF is encrypted with a password; publish or save it without one",
                file=file_name,
            ) from exc
        raise InputError(
            f"the PDF cannot be opened (corrupt or truncated): {text}", file=file_name
        ) from exc


def _classify_all(pdf: pdfium.PdfDocument, file_name: str) -> list[PageInfo]:
    infos = []
    try:
        for index in range(len(pdf)):
            infos.append(classify(page_layout(pdf, index)))
    except pdfium.PdfiumError as exc:
        raise InputError(
            f"page {len(infos) + 1} of the PDF cannot be read (corrupt or truncated): {exc}",
            file=file_name,
        ) from exc
    return infos


def _metadata_title(pdf: pdfium.PdfDocument) -> str | None:
    try:
        return pdf.get_metadata_dict().get("Title") or None
    except pdfium.PdfiumError:
        return None


def _check(infos: list[PageInfo], file_name: str) -> None:
    # An image-only first page is the cover; any other page without text needs OCR.
    images = [i.number for i in infos if i.kind == "image"]
    text_pages = [i for i in infos if i.kind not in ("image", "blank")]
    if images[1:] or (images and images[0] != 1) or (images and not text_pages):
        pages = images if not text_pages else [p for p in images if p != 1]
        raise RefusedInput(
            f"pages without a text layer (scanned; OCR is not supported): {_ranges(pages)}",
            file=file_name,
        )
    titles = {title_key(i.header.title) for i in infos if i.header and i.kind == "table"}
    if not titles & _KNOWN_KEYS and not _joined_titles(infos) & _KNOWN_KEYS:
        raise RefusedInput(
            "not a unit budget: no page headed by a unit-budget table title "
            "(預算總說明, 各項費用彙計表 ...)",
            file=file_name,
        )
    if not any(i.header and i.header.unit and i.header.unit.startswith("新臺幣") for i in infos):
        raise RefusedInput(
            "not a unit budget: no page header with 單位：新臺幣千元", file=file_name
        )


_LABEL_NUMBER = re.compile(r"^(.*?)(\d+)\s*$")


def _page_issues(infos: list[PageInfo]) -> list[LoadIssue]:
    """Warnings for pages a damaged or re-assembled file shows: printed page numbers out of
    sequence (a page dropped, moved, or spliced in from another book) and table pages whose
    header block could not be read (their text is skipped).

    Page labels are `prefix + number` ((0801)-128); consecutive labelled pages must print
    consecutive numbers under the same prefix (a new prefix may start again at 1).
    """
    out: list[LoadIssue] = []
    prev: tuple[PageInfo, str, int] | None = None
    for info in infos:
        if info.kind == "table" and info.header is None:
            out.append(
                LoadIssue(
                    "warning",
                    "page_unread",
                    f"page {info.number} has text but no table header block: its lines are "
                    "skipped (a damaged page, or a layout the reader does not know)",
                    page=info.number,
                )
            )
        m = _LABEL_NUMBER.match(info.label or "")
        if not m:
            continue
        prefix, number = m.group(1), int(m.group(2))
        if prev is not None:
            last, last_prefix, last_number = prev
            follows = number == last_number + 1 if prefix == last_prefix else number == 1
            if not follows:
                out.append(
                    LoadIssue(
                        "warning",
                        "page_out_of_sequence",
                        f"page {info.number} prints page {info.label} after page "
                        f"{last.number}'s {last.label}: pages are missing, moved or "
                        "spliced in from another book",
                        page=info.number,
                    )
                )
        prev = (info, prefix, number)
    return out


def _missing_tables(numbered: list[NumberedPage], regions: list[Region]) -> list[LoadIssue]:
    """`table_missing` for each table a contents page (目次) lists that no region of the same
    unit (the book, or a 附錄 unit) carries: pages removed from the file show as missing, not
    as tables the book never printed."""
    by_unit: dict[str | None, list[tuple[str, str]]] = {}
    for page in numbered:
        if page.info.kind == "toc":
            by_unit.setdefault(page.unit_name, []).extend(page.info.toc)
    issues: list[LoadIssue] = []
    for unit, listed in by_unit.items():
        own = [r for r in regions if r.unit_name == unit]
        issues.extend(missing_tables(contents_entries(listed), own, tables_only=True))
    return issues


def _missing_units(numbered: list[NumberedPage]) -> list[LoadIssue]:
    """`appendix_units_missing` for the 附錄 units the book's own 目次 lists without a 附錄
    title page in the file (contents.missing_appendix_units)."""
    listed = [
        entry
        for page in numbered
        if page.info.kind == "toc" and page.unit_name is None
        for entry in page.info.toc
    ]
    present = [p.info.section for p in numbered if p.info.kind == "appendix" and p.info.section]
    printed = [p.info.printed_page for p in numbered if p.info.printed_page is not None]
    return missing_appendix_units(listed, present, printed[-1] if printed else None)


def _joined_titles(infos: list[PageInfo]) -> set[str]:
    heads = [i.header for i in infos if i.header]
    return {title_key(a.title + b.title) for a, b in zip(heads, heads[1:], strict=False)}


def _ranges(pages: list[int]) -> str:
    parts: list[str] = []
    start = prev = None
    for p in [*pages, None]:
        if p is not None and prev is not None and p == prev + 1:
            prev = p
            continue
        if start is not None:
            parts.append(f"{start}" if start == prev else f"{start}-{prev}")
        start = prev = p
    return ", ".join(parts)


def _number(infos: list[PageInfo]) -> tuple[list[NumberedPage], list[tuple[int, str]], int]:
    """Book-wide line numbers, the section and 附錄 unit each page belongs to."""
    numbered: list[NumberedPage] = []
    unassigned: list[tuple[int, str]] = []
    n = 0
    section: str | None = None
    appendix: str | None = None
    unit_name: str | None = None
    for info in infos:
        numbers = list(range(n + 1, n + 1 + len(info.lines)))
        n += len(info.lines)
        if info.kind == "divider":
            section = info.section
            unassigned.extend((k, line.text) for k, line in zip(numbers, info.lines, strict=True))
        elif info.kind == "appendix":
            appendix, unit_name = info.appendix, info.section
            unassigned.extend((k, line.text) for k, line in zip(numbers, info.lines, strict=True))
        numbered.append(NumberedPage(info, numbers, section, appendix, unit_name))
    return numbered, unassigned, n


def _identity(infos: list[PageInfo]) -> tuple[str | None, int | None]:
    agencies = Counter(
        i.header.agency for i in infos if i.header and i.header.kind == "full" and i.kind == "table"
    )
    years = Counter(i.header.year for i in infos if i.header and i.header.year is not None)
    agency = agencies.most_common(1)[0][0] if agencies else None
    year = years.most_common(1)[0][0] if years else None
    return agency, year
