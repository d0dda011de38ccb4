"""Shapes of the lines and cells the text reader recognises (DOMAIN.md §5)."""

from __future__ import annotations

import re

from unitbudget.catalog import known_titles

# Titles of the tables of unit budgets (DOMAIN.md §3), used to recognise a unit budget.
KNOWN_TITLES = known_titles()
TEXT_TITLES = {"目次", "預算總說明"}  # prose pages: no header/body split, no halves
COVER_TITLE = "封面"

_FULL_YEAR = re.compile(r"^中華民國\s*(\d{2,3})\s*年度$")
_LEFT_YEAR = re.compile(r"^中華民國$")
_RIGHT_YEAR = re.compile(r"^(\d{2,3})\s*年度$")
_AGENCY = re.compile(r"^[\u4e00-\u9fff]{2,30}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CAPITAL_FLAG = re.compile(r"^(經資門併計|經常門|資本門)$")
_UNIT = re.compile(r"^單\s*位\s*[:：]\s*(.+)$")
_BLANK_PAGE = re.compile(r"^本\s*頁\s*空\s*白$")
_DIVIDER = re.compile(r"^[一二三四五六七八九十]+、\s*(預算總說明|主要表|附屬表|附錄.*)$")
_SEPARATOR_CELL = re.compile(r"^-+$")
# A first cell starting like an item: "01 人員維持", "1.對團體", "一、", "一·", "(1)", "[1]", 合計.
_ITEM_MARKER = re.compile(
    r"^(\d+(\s|\.|$)|[一二三四五六七八九十]+\s*[、·．.]|[(（]\s*[\d一二三四五六七八九十]+\s*[)）]"
    r"|\[\d+\]|合\s*計|總\s*計|小\s*計)"
)
# The plan overview repeats this caption row (with the work plan's code and amount) on top of
# every page: it is a page header row even though it carries a number.
_KEY_ROW_LABEL = "工作計畫名稱及編號"
_LONG_TEXT = 32  # a cell this long is body text, never a column header (longest seen: 26)
_DASHES = "—－–─―-"  # the extraction prints — as 一 (類別表一開會、談判)
_TOC_ENUM = re.compile(r"^([一二三四五六七八九十]+、|\d+\.)\s*")
_HTML_TAG = re.compile(r"</?(p|ol|ul|li|div|br|span|b|i|u|em|strong)\b[^>]*>", re.IGNORECASE)
_HTML_BREAK = re.compile(r"</?(p|ol|ul|li|div)\b[^>]*>|<br\s*/?>", re.IGNORECASE)
_BULLET = re.compile(r"^-\s+(?=\S)")
