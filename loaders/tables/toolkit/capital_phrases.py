"""The 經資門 split stated in prose: 資本支出 (capital) phrases of a sub-plan 說明 and the object
class the words around them name.

A 概況表 marks only the 3000 series (設備及投資) capital in its class rows; the 說明 beside them
says which parts of other classes are capital. Every form is a pattern of the language, seen in
DGBAS layouts:

- `所需獎補助費22,301千元（資本支出5,912千元、經常支出16,389千元）`: 資本支出 and its amount;
- `…60,000千元，其中經常支出59,000千元…及資本支出1,000千元`: the same, in running text;
- `本年度編列第1年經費117,283千元(資本支出)`: the amount before the bracketed word is capital;
- `利息資本支出` with no amount next to it: a phrase that states no amount (returned with
  amount None so that the caller can report it).

Texts are matched with their whitespace removed: readers join a cell's wrapped lines with a
space, which may fall inside a word (`資本 支出`) or an amount (`1, 000千元`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unitbudget.schema.charts import OBJECT_CLASSES

from ...amounts import parse_int

_WORD = "資本支出"
_AMOUNT = r"(\d{1,3}(?:,\d{3})+|\d+)"
# 資本支出5,912千元 / 資本支出：5,912千元
_AMOUNT_AFTER = re.compile(rf"^{_WORD}[：:]?{_AMOUNT}千元")
# 117,283千元(資本支出) / 2,500千元（資本支出）
_AMOUNT_BEFORE = re.compile(rf"{_AMOUNT}千元[（(]$")
_CLOSE_AFTER = re.compile(r"^[)）]")
_OPEN = "（("
_CLOSE = "）)"
# Words of an item that say what kind of spending it is, and the level-1 class (用途別科目)
# the national chart gives that kind: 補助 / 捐助 / 獎助 are 4000 獎補助費, 委託 / 委辦 are
# 2039 委辦費 under 2000 業務費.
_KIND_WORDS = (
    ("補助", "4000"),
    ("捐助", "4000"),
    ("獎助", "4000"),
    ("委託", "2000"),
    ("委辦", "2000"),
)


@dataclass(frozen=True)
class CapitalPhrase:
    """One 資本支出 phrase of a text without whitespace.

    `start` / `end` delimit the phrase (the amount and the word), `amount` is the capital part in
    千元 (None: the phrase states no amount), `named_class` the object class code the words
    before the enclosing bracket name (`所需獎補助費22,301千元（…`), else None.
    """

    start: int
    end: int
    amount: int | None
    named_class: str | None


def squeeze(text: str) -> str:
    """The text without whitespace (the form `capital_phrases` reads)."""
    return "".join(text.split())  # as re.sub(r"\s+", ""): both split on str.isspace()


def capital_phrases(text: str) -> list[CapitalPhrase]:
    """Every 資本支出 phrase of `text` (already without whitespace, see `squeeze`), in order."""
    out = []
    for m in re.finditer(_WORD, text):
        start, end, amount = m.start(), m.end(), None
        after = _AMOUNT_AFTER.match(text[m.start() :])
        before = _AMOUNT_BEFORE.search(text[: m.start()])
        if after:
            amount = parse_int(after.group(1))
            end = m.start() + after.end()
        elif before and _CLOSE_AFTER.match(text[m.end() :]):
            amount = parse_int(before.group(1))
            start, end = before.start(), m.end() + 1
        out.append(CapitalPhrase(start, end, amount, _named_class(text, start)))
    return out


def kind_class(text: str) -> str | None:
    """The level-1 class the last kind word of `text` (補助, 委託 …) stands for, else None."""
    best: tuple[int, str] | None = None
    for word, code in _KIND_WORDS:
        at = text.rfind(word)
        if at >= 0 and (best is None or at > best[0]):
            best = (at, code)
    return best[1] if best else None


def _named_class(text: str, start: int) -> str | None:
    """The class named right before the bracket that encloses position `start`:
    `業務費184,542千元（經常支出183,942千元，資本支出600千元）` -> 2000."""
    depth = 0
    for at in range(start - 1, -1, -1):
        ch = text[at]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                m = _class_before().search(text[:at])
                return _class_codes()[m.group(1)] if m else None
            depth -= 1
        elif ch in "。；;":
            return None
    return None


@lru_cache(maxsize=1)
def _class_codes() -> dict[str, str]:
    return {name: code for code, name, *_ in OBJECT_CLASSES}


@lru_cache(maxsize=1)
def _class_before() -> re.Pattern[str]:
    # longest names first: 獎補助費 before 補助費, 房屋建築及設備費 before 設備費
    names = sorted(_class_codes(), key=len, reverse=True)
    return re.compile(rf"({'|'.join(map(re.escape, names))}){_AMOUNT}千元$")
