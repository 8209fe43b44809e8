"""Helpers the validators share: folding typed input, echoing it, calendar checks."""

from __future__ import annotations

import re
import string

from swdesk.errors import ValidationError
from swdesk.i18n import _

# Chinese input methods easily produce full-width digits, letters, parentheses and
# spaces, and word processors turn hyphens into dashes; fold them all to ASCII before
# matching so the worker does not have to see the difference.
_HALFWIDTH: dict[int, int] = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)},
    0x3000: 0x20,
    **dict.fromkeys((0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212), 0x2D),
}
# str.upper() is Unicode-aware ("ß" -> "SS", "ı" -> "I"), which would change lengths
# or smuggle letters past the checks; codes only ever need ASCII upper-casing.
ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
# Explicit [0-9] throughout: \d and str.isdigit() also accept Arabic-Indic digits etc.
_DIGITS = re.compile(r"[0-9]+")
WHITESPACE = re.compile(r"\s+")

_EN_MONTHS = (
    "", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


def fold(text: str) -> str:
    return text.translate(_HALFWIDTH)


def excerpt(text: str, limit: int = 20) -> str:
    """Echo at most ``limit`` characters of the input so a pasted essay stays readable."""
    return text if len(text) <= limit else text[:limit] + "…"


def is_digits(text: str) -> bool:
    return _DIGITS.fullmatch(text) is not None


def compact_text(raw: object, zh_label: str, en_label: str) -> str:
    """The input as folded, space-free text; None / empty / other types are rejected."""
    if raw is None:
        raise ValidationError(_(f"请填写{zh_label}", f"{en_label} is required."))
    if not isinstance(raw, str):
        raise ValidationError(
            _(f"{zh_label}应以文字形式填写", f"{en_label} must be entered as text.")
        )
    text = WHITESPACE.sub("", fold(raw))
    if not text:
        raise ValidationError(_(f"请填写{zh_label}", f"{en_label} is required."))
    return text


def impossible_date(year: int, month: int, day: int) -> str | None:
    """Why year-month-day is not a calendar date (in the current language), or None."""
    if year < 1:
        return _("年份不能为0", "there is no year 0")
    if not 1 <= month <= 12:
        return _(f"月份{month}不在1–12之间", f"month {month} is not between 1 and 12")
    days = _days_in_month(year, month)
    if not 1 <= day <= days:
        return _(
            f"{year}年{month}月只有{days}天",
            f"{_EN_MONTHS[month]} {year} has only {days} days",
        )
    return None


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31
