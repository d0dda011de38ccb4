"""Characters and ruling segments of one PDF page, in PDF points (origin bottom left).

pypdfium2 (PDFium) gives characters through the text page and vector paths through the page
objects. What the published books need, and this module does before any recognition:

* characters outside the page box are dropped: the half pages of a wide table carry the whole
  table and show only their half (DOMAIN.md §7);
* a character printed twice at a small offset (fake bold: 民民政政) is kept once;
* compatibility ideographs (年 U+F98E, 度 U+FA01) and full-width letters and digits are
  normalised (NFKC); full-width punctuation (：（）) stays as printed, as in the text rendering
  the table parsers were written for;
* ruling segments are thin path boxes, mapped through the matrices of the form XObjects that
  hold them; a rule covered by a white filled box drawn later is hidden, so it is dropped.
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_THIN = 2.0  # pt: a path box this narrow is a rule
_MIN_RULE = 4.0  # pt: shorter thin boxes are marks, not rules
_DOUBLE_STRIKE = 0.25  # fraction of the font size: closer repeats of a character are fake bold
# Blank characters; U+F020 is the space of symbol fonts (目\uf020\uf020次 on a contents page).
_BLANK = {" ", "\u3000", "\u00a0", "\r", "\n", "\t", "\x00", "\x02", "\uf020"}
# PDFium reports a hyphen printed at the end of a line as U+FFFE (its "soft hyphen"): the
# glyph is on the page (AEQ-5068 wrapped after AEQ-, 邁向3D智慧國土-國家底圖…), so it reads '-'.
_LINE_END_HYPHEN = "\ufffe"


@dataclass(frozen=True, slots=True)
class Char:
    """One printed character: its box (x0, y0, x1, y1) and baseline in points, font size."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling segment: a thin box (x0, y0, x1, y1) in points."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return (self.x1 - self.x0) <= (self.y1 - self.y0)

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class PageLayout:
    """What one page prints: characters and rules inside the page box (width x height, pt)."""

    number: int  # 1-based PDF page
    width: float
    height: float
    chars: list[Char]
    rules: list[Rule]
    has_images: bool


def normalise_char(text: str) -> str:
    """NFKC for compatibility ideographs and full-width ASCII letters/digits only."""
    o = ord(text[0]) if text else 0
    if 0xF900 <= o <= 0xFAFF or 0x2F800 <= o <= 0x2FA1F or 0xFF10 <= o <= 0xFF5A:
        return unicodedata.normalize("NFKC", text)
    return text


def page_layout(pdf: pdfium.PdfDocument, index: int) -> PageLayout:
    """Characters and rules of page `index` (0-based). Raises pdfium.PdfiumError."""
    page = pdf[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        chars = _chars(page, left, bottom, right, top)
        rules, has_images = _rules(page, left, bottom, right, top)
        if left or bottom:  # report coordinates relative to the visible page's corner
            chars = [_shift_char(c, left, bottom) for c in chars]
            rules = [Rule(r.x0 - left, r.y0 - bottom, r.x1 - left, r.y1 - bottom) for r in rules]
        return PageLayout(index + 1, right - left, top - bottom, chars, rules, has_images)
    finally:
        page.close()


def _shift_char(c: Char, dx: float, dy: float) -> Char:
    return Char(c.text, c.x0 - dx, c.y0 - dy, c.x1 - dx, c.y1 - dy, c.baseline - dy, c.size)


def _chars(
    page: pdfium.PdfPage, left: float, bottom: float, right: float, top: float
) -> list[Char]:
    """Characters with their loose boxes: PDFium's loose box spans the advance width and
    exactly the font size vertically, so its height is the font size and its bottom a stable
    baseline for every glyph of one font (one ctypes call per character: the fast path)."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        exact = len(text) == count  # one str index per char (no surrogate pairs)
        raw = textpage.raw
        rect = pdfium_c.FS_RECTF()
        loose_box = pdfium_c.FPDFText_GetLooseCharBox
        unicode_of = pdfium_c.FPDFText_GetUnicode
        out: list[Char] = []
        last: Char | None = None
        for i in range(count):
            ch = text[i] if exact else chr(unicode_of(raw, i))
            if ch == _LINE_END_HYPHEN:
                ch = "-"
            elif ch in _BLANK:
                continue
            loose_box(raw, i, rect)
            x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
            cx = (x0 + x1) / 2
            cy = (y0 + y1) / 2
            if not (left <= cx <= right and bottom <= cy <= top):
                continue
            if "\uf900" <= ch:
                ch = normalise_char(ch)
            size = (y1 - y0) or 10.0
            if (
                last is not None
                and last.text == ch
                and min(abs(last.x0 - x0), abs(last.x1 - x1)) < _DOUBLE_STRIKE * size
                and abs(last.y0 - y0) < _DOUBLE_STRIKE * size
            ):
                continue  # printed twice for a bold effect
            last = Char(ch, x0, y0, x1, y1, y0, size)
            out.append(last)
        return out
    finally:
        textpage.close()


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: _Matrix, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    x0, y0, x1, y1 = box
    xs, ys = [], []
    for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def _rules(
    page: pdfium.PdfPage, left: float, bottom: float, right: float, top: float
) -> tuple[list[Rule], bool]:
    found: list[tuple[int, Rule]] = []
    whites: list[tuple[int, tuple[float, ...]]] = []
    images = [False]
    order = [0]
    raw = page.raw
    n = pdfium_c.FPDFPage_CountObjects(raw)
    objs = [pdfium_c.FPDFPage_GetObject(raw, i) for i in range(n)]
    _walk(objs, _IDENTITY, found, whites, images, order)
    rules: list[Rule] = []
    for k, r in found:
        for x0, y0, x1, y1 in _uncovered(r, [w for w_k, w in whites if w_k > k]):
            x0, y0 = max(x0, left), max(y0, bottom)
            x1, y1 = min(x1, right), min(y1, top)
            if x1 - x0 >= 0 and y1 - y0 >= 0 and max(x1 - x0, y1 - y0) >= _MIN_RULE:
                rules.append(Rule(x0, y0, x1, y1))
    return rules, images[0]


def _uncovered(rule: Rule, whites: list[tuple[float, ...]]) -> list[tuple[float, ...]]:
    """The pieces of a rule that no white box drawn after it hides (cut along its length)."""
    pieces: list[tuple[float, ...]] = [(rule.x0, rule.y0, rule.x1, rule.y1)]
    vertical = rule.vertical
    for wx0, wy0, wx1, wy1 in whites:
        out: list[tuple[float, ...]] = []
        for x0, y0, x1, y1 in pieces:
            if vertical and wx0 - 0.5 <= x0 and x1 <= wx1 + 0.5 and wy0 < y1 and wy1 > y0:
                out += [p for p in ((x0, y0, x1, wy0), (x0, wy1, x1, y1)) if p[3] - p[1] > 0]
            elif not vertical and wy0 - 0.5 <= y0 and y1 <= wy1 + 0.5 and wx0 < x1 and wx1 > x0:
                out += [p for p in ((x0, y0, wx0, y1), (wx1, y0, x1, y1)) if p[2] - p[0] > 0]
            else:
                out.append((x0, y0, x1, y1))
        pieces = out
    return pieces


def _walk(
    objs: list,
    matrix: _Matrix,
    found: list[tuple[int, Rule]],
    whites: list[tuple[int, tuple[float, ...]]],
    images: list[bool],
    order: list[int],
) -> None:
    lft, bot, rgt, tp = (ctypes.c_float() for _ in range(4))
    for obj in objs:
        order[0] += 1
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            fm = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, fm)
            inner = _mul((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), matrix)
            n = pdfium_c.FPDFFormObj_CountObjects(obj)
            children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(n)]
            _walk(children, inner, found, whites, images, order)
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images[0] = True
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, lft, bot, rgt, tp):
            continue
        box = _apply(matrix, (lft.value, bot.value, rgt.value, tp.value))
        w, h = box[2] - box[0], box[3] - box[1]
        if min(w, h) <= _THIN:
            if max(w, h) >= _MIN_RULE:
                found.append((order[0], Rule(*box)))
            continue
        if _is_white_fill(obj):
            whites.append((order[0], box))
        elif _is_stroked(obj) and pdfium_c.FPDFPath_CountSegments(obj) <= 5:
            # a stroked rectangle: its four edges are rules
            x0, y0, x1, y1 = box
            for r in ((x0, y0, x0, y1), (x1, y0, x1, y1), (x0, y0, x1, y0), (x0, y1, x1, y1)):
                found.append((order[0], Rule(*r)))


def _is_white_fill(obj: object) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, mode, stroke)
    if mode.value == 0:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return False
    return r.value >= 250 and g.value >= 250 and b.value >= 250 and a.value > 0


def _is_stroked(obj: object) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, mode, stroke)
    return bool(stroke.value)
