"""The rules of the 10-digit budget account codes, in one place (DOMAIN.md §2).

A code reads 政事別(2) 主管(2) 單位(2) 計畫(4): ``5262200100`` is the work plan 一般行政 of the
agency ``0062200000`` (數位產業署) under the ministry group ``0062000000`` (數位發展部主管), and its
政事別 (functional) account is ``5262200000`` (科學支出 of that agency). Administrative codes
(ministry, agency) start with ``00``; a 節 (section) uses the last two digits of the work plan.
Some tables print 9-digit variants (``006220000``): the same accounts, padded here.

SQL reads the same parents from the staging view ``stg_account_parents``
(views/staging/stg_account_parents.sql); keep the two in step.
"""

from __future__ import annotations

import re
from typing import Literal

# A whole account code, to compose into a table's own row patterns (a plan-group line
# ``(1) 5262200100 一般行政``, a work-plan column header ...).
ACCOUNT_CODE = r"\d{10}"

AccountLevel = Literal["ministry", "agency", "function", "work_plan", "section"]

# A cell printing an account code (9 or 10 digits) and then the account's name.
CODE_AND_NAME = re.compile(r"^(\d{9,10})\s*(.*)$", re.S)

_CODE = re.compile(ACCOUNT_CODE)
_SHORT_CODE = re.compile(r"\d{9}")


def is_account_code(text: str) -> bool:
    """True when ``text`` is exactly a 10-digit account code (any level)."""
    return _CODE.fullmatch(text) is not None


def account_code(text: str) -> str | None:
    """The 10-digit account code printed in ``text`` (surrounding blanks ignored), or None.

    A 9-digit printed variant (``006220000``) is the same account padded with a final ``0``.
    """
    digits = text.strip()
    if _CODE.fullmatch(digits):
        return digits
    if _SHORT_CODE.fullmatch(digits):
        return digits + "0"
    return None


def account_level(code: str) -> AccountLevel:
    """Level of a 10-digit code from its shape: ``00MM000000`` ministry, ``00MMAA0000`` agency,
    ``FFMMAA0000`` 政事別 (function), ``FFMMAAPP00`` work plan, otherwise section (節)."""
    if code.startswith("00"):
        return "ministry" if code[4:6] == "00" else "agency"
    if code[6:] == "0000":
        return "function"
    return "work_plan" if code[8:] == "00" else "section"


def is_administrative(code: str) -> bool:
    """True for a ministry or agency code (``00`` + digits), which no work plan has."""
    return code.startswith("00")


def ministry_of(code: str) -> str:
    """The 主管 (ministry group) code of any account: ``5262200100`` -> ``0062000000``."""
    return f"00{code[2:4]}000000"


def agency_of(code: str) -> str:
    """The agency (單位) code of any account: ``5262200100`` -> ``0062200000``."""
    return f"00{code[2:6]}0000"


def function_of(code: str) -> str:
    """The 政事別 (function) account of a work plan or section: ``5262200100`` -> ``5262200000``."""
    return f"{code[:6]}0000"


def work_plan_of(code: str) -> str:
    """The work plan (工作計畫) of a section (節): ``3708012501`` -> ``3708012500``."""
    return f"{code[:8]}00"


def parent_of(code: str, level: str, ministry: str | None = None) -> str | None:
    """The account one level up from ``code`` at ``level``: a section's work plan, a work plan's
    政事別 account, a 政事別 account's agency, an agency's ``ministry`` (as printed, may be None);
    None for a ministry or an unknown level."""
    if level == "agency":
        return ministry
    if level == "function":
        return agency_of(code)
    if level == "work_plan":
        return function_of(code)
    if level == "section":
        return work_plan_of(code)
    return None


# 政事別 (functional) account names by the first two code digits: the national chart, as the
# DGBAS 歲出機關別預算表 workbooks print it (111-113). Used only to name the function account a
# unit budget implies but does not print on its plan pages.
FUNCTION_NAMES = {
    "31": "國務支出",
    "32": "行政支出",
    "33": "立法支出",
    "34": "司法支出",
    "35": "考試支出",
    "36": "監察支出",
    "37": "民政支出",
    "38": "警政支出",
    "39": "外交支出",
    "40": "財務支出",
    "41": "僑務支出",
    "46": "國防支出",
    "51": "教育支出",
    "52": "科學支出",
    "53": "文化支出",
    "56": "農業支出",
    "57": "工業支出",
    "58": "交通支出",
    "59": "其他經濟服務支出",
    "61": "社會保險支出",
    "62": "社會救助支出",
    "63": "福利服務支出",
    "64": "國民就業支出",
    "65": "醫療保健支出",
    "71": "環境保護支出",
    "76": "退休撫卹給付支出",
    "77": "退休撫卹業務支出",
    "81": "債務付息支出",
    "82": "還本付息事務支出",
    "86": "專案補助支出",
    "87": "平衡預算補助支出",
    "89": "其他支出",
}
