"""Reader for text extractions of unit budgets (單位預算): bytes -> `SourceDocument`.

The only spec of the format is `unitbudget/samples/adi-112-unit-budget.txt` (DOMAIN.md §5):

* Every printed page starts with a header block: agency, table title, 中華民國NNN年度 (spacing
  varies), often 經資門併計, then 單位：新臺幣千元. Pages of a wide table come as a left half
  (header 數位發展部 / 歲出一級用途 / 中華民國) and a right half (數位產業署 / 別科目分析表 /
  112年度 / 單位：…). Some left halves lost their header: they follow the previous page's body
  after a blank line, and only the right-half header behind them tells they were a page.
* Cells are tab-separated; long texts arrive as HTML fragments or markdown bullets.

The reader splits pages, groups consecutive pages of one table into one `Region`, tells column
header rows from body rows, stitches left and right halves, and completes partial titles from
the table of contents (目次). It never joins wrapped lines: that is table-specific.

Modules: patterns (line shapes), headers (page headers), pages (page split), cells (cells,
rows, header/body split), titles (titles, contents), units (pages -> regions), halves (left
and right halves stitched).
"""

from __future__ import annotations

from unitbudget.loaders.issues import LoadIssue
from unitbudget.loaders.readers.encoding import decode
from unitbudget.loaders.recognise import fold_text, recognise_stage
from unitbudget.loaders.regions import SourceDocument

from .cells import clean_cell, split_header_rows
from .headers import _check_unit_budget, _document_identity, _find_headers
from .pages import _split_pages
from .patterns import COVER_TITLE, KNOWN_TITLES, TEXT_TITLES
from .titles import _report_missing_tables, _toc_entries
from .units import _build_regions

__all__ = [
    "COVER_TITLE",
    "KNOWN_TITLES",
    "TEXT_TITLES",
    "clean_cell",
    "read_text_document",
    "split_header_rows",
]


def read_text_document(data: bytes, file_name: str) -> SourceDocument:
    """Decode, recognise and split a unit-budget text extraction into regions."""
    issues: list[LoadIssue] = []
    text, encoding = decode(data, file_name, issues)
    # Compatibility ideographs (PDF text layers) would hide 中華民國112年度 from the header search.
    text = fold_text(text)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start another
    headers = _find_headers(lines)
    _check_unit_budget(text, headers, file_name)
    split = _split_pages(lines, headers, issues)
    agency, year = _document_identity(headers)
    contents = _toc_entries(split.pages)
    toc = [e.title for e in contents]
    regions = _build_regions(split.pages, toc, agency, issues)
    _report_missing_tables(contents, regions, issues)
    return SourceDocument(
        file_name=file_name,
        encoding=encoding,
        line_count=len(lines),
        page_count=split.page_count,
        agency=agency,
        fiscal_year=year,
        regions=regions,
        issues=issues,
        toc_titles=toc,
        unassigned_lines=sorted(split.unassigned),
        # The cover (lines before the first page header) says 單位預算案 / 法定預算 / 決算.
        stage_hint=recognise_stage(lines[: headers[0].start]),
    )
