"""Speed of the PDF reader against pypdfium2's bare character extraction on the same pages.

    .venv/bin/python bench/pdf.py [BOOK.pdf] [--rounds 3]

Prints ms per page for
  * `text`: load each page, its text page and the text of all characters (the floor any
    PDFium-based reader pays);
  * `chars`: the same plus every character's box (what a layout analysis needs at least);
  * `reader`: `read_pdf_document` end to end (layout, lines, cells, pages, Regions);
and the ratio reader / chars. Rounds alternate the three so that load from other processes on
the machine hits them alike; the best round of each counts.
"""

from __future__ import annotations

import argparse
import time
from importlib import resources
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from unitbudget.loaders.readers.pdf import read_pdf_document


def _text_only(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        count = tp.count_chars()
        if count > 0:
            tp.get_text_range(0, count)
        n += 1
        tp.close()
        page.close()
    pdf.close()
    return n


def _chars(data: bytes) -> int:
    pdf = pdfium.PdfDocument(data)
    rect = pdfium_c.FS_RECTF()
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        count = tp.count_chars()
        if count > 0:
            tp.get_text_range(0, count)
            raw = tp.raw
            for k in range(count):
                pdfium_c.FPDFText_GetLooseCharBox(raw, k, rect)
        n += 1
        tp.close()
        page.close()
    pdf.close()
    return n


def _reader(data: bytes) -> int:
    return read_pdf_document(data, "bench.pdf").page_count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("book", nargs="?", help="a PDF book (default: the bundled sample)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if args.book:
        data = Path(args.book).read_bytes()
    else:
        data = (
            resources.files("unitbudget.samples").joinpath("moi-114-unit-budget.pdf").read_bytes()
        )
    best: dict[str, float] = {}
    pages = 0
    for _ in range(args.rounds):
        for name, fn in (("text", _text_only), ("chars", _chars), ("reader", _reader)):
            t0 = time.perf_counter()
            pages = fn(data)
            ms = (time.perf_counter() - t0) * 1000 / pages
            best[name] = min(best.get(name, ms), ms)
    print(f"pages: {pages}")
    for name in ("text", "chars", "reader"):
        print(f"{name:7s} {best[name]:6.1f} ms/page")
    print(f"reader / chars: {best['reader'] / best['chars']:.2f}x")
    print(f"reader / text:  {best['reader'] / best['text']:.2f}x")


if __name__ == "__main__":
    main()
