"""Generic readers for the prose of a unit budget: numbered lists, headcounts, names, amounts.

Shared by the plan overview and the budget statement parsers. Nothing here knows an agency:
the patterns are those of the DGBAS layout (numbered items `1.`, `N人`, `N千元`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Indel

from ...amounts import parse_int

# An item number `12.` that starts an item: at the start, after whitespace or after the end of
# a sentence or clause, and not the integer part of a decimal (`2.0`, `6.1億`).
_ITEM = re.compile(r"(?:^|(?<=[\s。：:；;>」）)]))(\d{1,2})\.(?!\d)\s*")
# Headcount categories of 預算員額明細表 (the national chart) and the words for their total.
_CATEGORY = (
    "駐外雇員|聘用人員|約僱人員|約聘人員|職員|警察|法警|駐警|工友|技工|駕駛|聘用|約僱"
    "|合計|共計|總計"
)
_HEADCOUNT = re.compile(rf"({_CATEGORY})\s*(\d{{1,3}}(?:,\d{{3}})*|\d+)\s*人(?!次)")
_TOTAL_WORDS = {"合計", "共計", "總計"}
# `name12,345千元`: the shortest name followed by an amount in 千元
_NAME_AMOUNT = re.compile(r"^(.+?)(\d{1,3}(?:,\d{3})+|\d+)\s*千元")
_THOUSANDS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)\s*千元")
# Text that ends a sentence or a clause: a wrapped line after it starts a new paragraph.
_SENTENCE_END = ("。", "：", ":", "；", ";")
# Punctuation and brackets ignored when names are compared.
_NAME_NOISE = re.compile(
    r"[\s「」『』《》〈〉()（）\[\]【】、，,.。．:：;；·・\-－—–_+＋/／\"'“”‘’]"
)


@dataclass(frozen=True)
class Item:
    """One numbered item of a list: its number, where it starts, and its text (no number)."""

    no: int
    start: int
    body: str


def numbered_items(text: str) -> tuple[str, list[Item]]:
    """Split prose into the text before the first item and the numbered items.

    Items must count up by one from whatever number comes first (a list whose first items were
    lost starts at 8); a number that breaks the count is text, not an item. Returns a new list
    each call (the split of a text is computed once: the plan overview reads each 說明 twice).
    """
    preamble, items = _numbered_items(text)
    return preamble, list(items)


# a worker's recent 說明 texts only: they are long, and each is read twice within a document
@lru_cache(maxsize=1 << 8)
def _numbered_items(text: str) -> tuple[str, tuple[Item, ...]]:
    found: list[tuple[int, int, int]] = []  # (no, match start, body start)
    for m in _ITEM.finditer(text):
        no = int(m.group(1))
        if not found or no == found[-1][0] + 1:
            found.append((no, m.start(), m.end()))
    items = []
    for index, (no, _, body_start) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(text)
        items.append(Item(no, body_start, text[body_start:end].strip()))
    preamble = text[: found[0][1]].strip() if found else text.strip()
    return preamble, tuple(items)


def headcounts(text: str) -> list[tuple[str, int]]:
    """(category, persons) stated in prose.

    職員133人、聘用人員17人，共計150人 -> (職員, 133), (聘用, 17), (合計, 150).
    """
    out: list[tuple[str, int]] = []
    for m in _HEADCOUNT.finditer(text):
        persons = parse_int(m.group(2))
        if persons is None:
            continue
        out.append((headcount_category(m.group(1)), persons))
    return out


def headcount_category(word: str) -> str:
    if word in _TOTAL_WORDS:
        return "合計"
    return word.removesuffix("人員") if word.endswith("人員") else word


def name_and_amount(body: str) -> tuple[str, int] | None:
    """`數位創新研發計畫253,482千元，係…` -> (name, 253482); None when no amount follows a name."""
    m = _NAME_AMOUNT.match(body.replace("\n", "").strip())
    if not m:
        return None
    amount = parse_int(m.group(2))
    name = m.group(1).strip()
    if amount is None or not name:
        return None
    return name, amount


def amounts_in(text: str) -> list[int]:
    """Every `N千元` amount in the text, in order."""
    out = []
    for m in _THOUSANDS.finditer(text.replace("\n", "")):
        value = parse_int(m.group(1))
        if value is not None:
            out.append(value)
    return out


def join_wrapped(parts: list[str]) -> str:
    """Join text fragments as printed: a fragment that ends a sentence starts a new line,
    otherwise the next fragment continues the same sentence (CJK text wraps mid-word)."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and (out.endswith(_SENTENCE_END) or _ITEM.match(part)):
            out += "\n"
        out += part
    return out


# Matching compares every name with many others: each distinct name is normalised once.
@lru_cache(maxsize=1 << 14)
def normalise_name(name: str) -> str:
    """A name for comparison: NFKC, no spaces, punctuation or brackets, no trailing 計畫."""
    text = unicodedata.normalize("NFKC", name)
    text = _NAME_NOISE.sub("", text)
    return text.removesuffix("計畫")


def name_ratio(a: str, b: str, cutoff: float) -> float:
    """difflib's ratio of two (normalised) names when it reaches `cutoff`, else 0.0.

    rapidfuzz's Indel similarity, 2·LCS / (len a + len b), is never below difflib's ratio
    (difflib's matching blocks are one common subsequence), so rapidfuzz with `cutoff` as its
    score cut-off rejects in C every pair difflib would reject. Only the few pairs that pass
    get difflib's ratio, so every decision and every stored score stay what they were.
    """
    # rapidfuzz turns the cutoff into a float distance bound that can reject a pair at exactly
    # the cutoff (11 vs 111 at 0.8): some slack keeps it a pre-filter; difflib decides
    if not Indel.normalized_similarity(a, b, score_cutoff=cutoff - 1e-6):
        return 0.0
    ratio = _difflib_ratio(a, b)
    return ratio if ratio >= cutoff else 0.0


# Below this length difflib junks no character (its autojunk heuristic starts at 200).
_AUTOJUNK_FROM = 200


def _difflib_ratio(a: str, b: str) -> float:
    """difflib's ratio; a name equal to the other (most pairs that pass the pre-filter: a grant
    named as its program) is one matching block, exactly 1.0, without building a matcher."""
    if a == b and len(b) < _AUTOJUNK_FROM:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def name_ratios(a: str, choices: list[str], cutoff: float) -> dict[int, float]:
    """`name_ratio(a, choice, cutoff)` for every choice where it is not 0.0, by choice index.

    The same decisions and scores as calling `name_ratio` per pair; rapidfuzz runs the Indel
    pre-filter over all choices in one C call (`process.extract` with a score cut-off), so a
    long list costs one Python call per passing pair, not two per pair.
    """
    out: dict[int, float] = {}
    passing = process.extract(
        a, choices, scorer=Indel.normalized_similarity, score_cutoff=cutoff - 1e-6, limit=None
    )
    for _, _, index in passing:
        ratio = _difflib_ratio(a, choices[index])
        if ratio >= cutoff:
            out[index] = ratio
    return out


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """A Chinese numeral below 1,000 as printed in item labels: 十二 -> 12, 七十五 -> 75,
    一百零三 -> 103; None for anything else."""
    if not text or any(ch not in _CN_DIGITS and ch not in "十百零" for ch in text):
        return None
    total = 0
    current = 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
    return total + current
