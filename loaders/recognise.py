"""Recognise a document by its content, in one place for every reader.

Each reader extracts its own text (workbook cells and page headers, the text rendering's cover
and page headers) and asks this module what it says: which published table, which budget, which
stage, which unit, which fiscal year. Nothing here opens files or knows a format.

Everything is matched on *folded* text (`fold`): NFKC maps full-width letters and digits to
ASCII and the CJK compatibility ideographs of PDF text layers (年 U+F98E, 度 U+FA01) to the
unified ones, so a header or title is recognised whatever form it was typed or extracted in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Stage = Literal["proposed", "enacted", "actual"]
BudgetKind = Literal["general", "special", "supplementary"]
TableKind = Literal["expenditure_by_agency", "expenditure_by_function", "revenue_by_source"]

# Printed title of each DGBAS table this warehouse loads (DOMAIN.md §6).
TABLE_TITLES: dict[TableKind, str] = {
    "expenditure_by_agency": "歲出機關別預算表",
    "expenditure_by_function": "歲出政事別預算表",
    "revenue_by_source": "歲入來源別預算表",
}

GENERAL_BUDGET = "中央政府總預算"

# Control characters (C0 except tab and line feed, DEL, C1): DGBAS 說明 indent with DEL (0x7F).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
# 台 is the common variant of 臺 in names (臺北市 / 台北市); the official form is 臺.
_VARIANTS = str.maketrans({"台": "臺"})


def clean_text(text: str) -> str:
    """Printed text without control characters; line breaks kept, CR LF as LF."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def fold(text: str) -> str:
    """Text in one comparable form: NFKC (full-width -> ASCII, compatibility ideographs ->
    unified), control characters removed. Spacing and line breaks are kept, so it can fold a
    whole text rendering line by line. 台/臺 are left alone here (see `fold_name`)."""
    return _CONTROLS.sub("", unicodedata.normalize("NFKC", text))


# Kangxi radicals and CJK radicals supplement (⽇ U+2F47 for 日): PDF text layers use them for
# ordinary characters; they have only compatibility decompositions, so NFC leaves them alone.
_RADICALS = re.compile(r"[\u2e80-\u2fdf]")
# Control characters of a decoded text file other than tab, line feed and carriage return.
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Either of the two above.
_FOLD_NEEDED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2e80-\u2fdf]")


def fold_text(text: str) -> str:
    """A whole document text folded before anything in it is recognised.

    CJK compatibility ideographs (年 U+F98E, 度 U+FA01) become the unified ones (NFC) and radicals
    their characters (NFKC per character); control characters go. Unlike `fold` it keeps
    full-width punctuation (（續）, 單位：), which the table parsers read as printed.
    """
    text = unicodedata.normalize("NFC", text)
    if _FOLD_NEEDED.search(text) is None:
        return text  # nearly every text: one scan instead of one per replacement
    text = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
    return _TEXT_CONTROLS.sub("", text)


def fold_name(name: str) -> str:
    """A name folded for searching across years: `fold`, 台 -> 臺, no whitespace at all.

    '台北市' and '臺北市', '（全形）' and '(全形)', 'Ａ 計畫' and 'A計畫' fold alike.
    """
    return _SPACES.sub("", fold(name)).translate(_VARIANTS)


def flat(text: str) -> str:
    """Folded text without any whitespace: what titles and header labels are compared as."""
    return _SPACES.sub("", fold(text))


# --------------------------------------------------------------------------- table kind


@dataclass(frozen=True)
class TitleFinding:
    """What the title lines say: our table kind, or the name of another table, or nothing."""

    kind: TableKind | None
    title: str | None  # the first title-like line (folded, no spaces), ours or foreign


def title_lines(texts: Iterable[str]) -> list[str]:
    """Lines that look like a table title: folded, ending in 表, short."""
    return [t for t in map(flat, texts) if t.endswith("表") and len(t) <= 60]


def recognise_title(texts: Iterable[str]) -> TitleFinding:
    """The table kind a printed title names (texts: cells above the header, page header)."""
    titles = title_lines(texts)
    for title in titles:
        for kind, printed in TABLE_TITLES.items():
            if printed in title:
                return TitleFinding(kind, title)
    return TitleFinding(None, titles[0] if titles else None)


def recognise_structure(first_code: str) -> TableKind:
    """Table kind of an untitled DGBAS table from its first account code (97-101 layouts).

    The national chart of accounts tells the tables apart: 機關別 tables open with a 主管 row
    (``00MM000000``), 歲入來源別 with a revenue source (``01``-``29``: 0100000000 稅課收入) and
    歲出政事別 with a 政事 (``31``-``9x``: 3200000000 國務支出).
    """
    head = first_code[:2]
    if head == "00":
        return "expenditure_by_agency"
    if head.isdigit() and int(head) < 30:
        return "revenue_by_source"
    return "expenditure_by_function"


# --------------------------------------------------------------------------- budget


@dataclass(frozen=True)
class Budget:
    """Which budget a document belongs to: the yearly general budget, or a named special or
    supplementary budget (its own budget, never a replacement of the general one)."""

    kind: BudgetKind
    name: str  # e.g. 中央政府總預算, 中央政府前瞻基礎建設計畫第4期特別預算


GENERAL = Budget("general", GENERAL_BUDGET)

_YEAR_PREFIX = re.compile(r"^(?:中華民國)?\d{2,3}年度")
_SPECIAL = re.compile(r"([^\s,，、:：]*特別預算)")
_SUPPLEMENTARY = re.compile(r"([^\s,，、:：]*追加(?:\(減\)|減)?預算)")
_TABLE_SUFFIX = re.compile(r"(歲[入出].*表)$")


def recognise_budget(texts: Iterable[str]) -> Budget:
    """The budget a title names: a 特別預算 or 追加(減)預算 by its printed name, else 總預算.

    The name is the title line up to and including 特別預算 / 追加(減)預算, without a leading
    year and without the table title that may follow on the same line; a stage suffix (案) is
    not part of the name, so the proposed and enacted stages of one budget share it.
    """
    for text in texts:
        line = _TABLE_SUFFIX.sub("", flat(text))
        line = _YEAR_PREFIX.sub("", line)
        for pattern, kind in ((_SUPPLEMENTARY, "supplementary"), (_SPECIAL, "special")):
            match = pattern.search(line)
            if match:
                name = _YEAR_PREFIX.sub("", match.group(1))
                if not name.startswith("中央政府") and "中央政府" in line:
                    name = "中央政府" + name
                return Budget(kind, name)  # type: ignore[arg-type]
    return GENERAL


# --------------------------------------------------------------------------- stage

_STAGE_WORDS: tuple[tuple[str, Stage], ...] = (
    ("預算案", "proposed"),
    ("法定預算", "enacted"),
    ("決算", "actual"),
)
# Column labels name other stages (前年度決算數) without saying what the document is.
_COLUMN_LABEL = re.compile(r"(?:本|上|前)年度.*(?:預算|決算)數")


def recognise_stage(texts: Iterable[str]) -> Stage | None:
    """Stage a title or cover states: …預算案 -> proposed, 法定預算 -> enacted, 決算 -> actual.

    texts: title and cover lines (not column headers). None when nothing says.
    """
    for text in texts:
        line = flat(text)
        if _COLUMN_LABEL.search(line):
            continue
        for word, stage in _STAGE_WORDS:
            if word in line:
                return stage
    return None


# --------------------------------------------------------------------------- unit

_UNIT = re.compile(r"單位[:：]?(?:新臺幣|新台幣)?(千元|元)")


def recognise_unit(texts: Iterable[str]) -> int | None:
    """Multiple of 1 元 the amounts are printed in: 1000 for 千元, 1 for 元, None if unstated."""
    for text in texts:
        match = _UNIT.search(flat(text))
        if match:
            return 1000 if match.group(1) == "千元" else 1
    return None


# --------------------------------------------------------------------------- year

_PRINTED_YEAR = re.compile(r"中華民國(\d{2,3})年度")
_FILE_YEAR = re.compile(r"(?<!\d)(\d{2,3})(?!\d)")
# ROC years of the warehouse's documents (DGBAS publishes from the 80s on): a run of digits
# outside this range in a file name is a version or a counter, not a year.
_ROC_YEARS = range(80, 200)


def printed_years(texts: Iterable[str]) -> list[int]:
    """Every 中華民國NNN年度 in the texts, in order."""
    return [int(m.group(1)) for text in texts for m in _PRINTED_YEAR.finditer(flat(text))]


def year_from_file_name(name: str) -> int | None:
    """The ROC year a file name holds when it holds exactly one (`97c歲出機關別預算表.xls`)."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    years = {int(m.group(1)) for m in _FILE_YEAR.finditer(fold(stem))}
    years &= set(_ROC_YEARS)
    return years.pop() if len(years) == 1 else None


# What a file name may call each table: the slug (any of - _ or space between words) or the
# printed title's words (`97c歲出機關別預算表.xls`).
_NAME_PATTERNS: dict[TableKind, re.Pattern[str]] = {
    kind: re.compile(
        kind.replace("_", r"[-_ ]?") + "|" + re.escape(TABLE_TITLES[kind].removesuffix("預算表")),
        re.I,
    )
    for kind in TABLE_TITLES
}


def kind_from_file_name(name: str) -> TableKind | None:
    """The DGBAS table a file name names (`expenditure-by-agency-113.xlsx`, `歲入來源別.xls`),
    or None when it names none or more than one. Only ever checked against the content: the
    content (title, else header cells and account codes) decides the kind."""
    stem = fold(name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    named = [kind for kind, pattern in _NAME_PATTERNS.items() if pattern.search(stem)]
    return named[0] if len(named) == 1 else None
