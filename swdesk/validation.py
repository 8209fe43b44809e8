"""Validate and normalise what a station worker types into a form or a spreadsheet.

Every public function either returns a clean value or raises ``ValidationError`` with
a message fit to show the worker, in the current language. They never raise anything
else, whatever they are given: spreadsheet imports pass along whatever openpyxl read
from a cell, so None, numbers, dates and odd Unicode all end up here.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from swdesk.errors import ValidationError
from swdesk.i18n import _

__all__ = [
    "ResidentId",
    "check_uscc",
    "normalize_landline",
    "normalize_mobile",
    "normalize_phone",
    "not_before",
    "not_in_future",
    "parse_bool",
    "parse_date",
    "parse_hours",
    "parse_int",
    "parse_resident_id",
    "require_text",
    "resident_id_check_digit",
    "uscc_check_char",
]

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
_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)
# Explicit [0-9] throughout: \d and str.isdigit() also accept Arabic-Indic digits etc.
_DIGITS = re.compile(r"[0-9]+")
_WHITESPACE = re.compile(r"\s+")

_EN_MONTHS = (
    "", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


def _fold(text: str) -> str:
    return text.translate(_HALFWIDTH)


def _excerpt(text: str, limit: int = 20) -> str:
    """Echo at most ``limit`` characters of the input so a pasted essay stays readable."""
    return text if len(text) <= limit else text[:limit] + "…"


def _is_digits(text: str) -> bool:
    return _DIGITS.fullmatch(text) is not None


def _text(raw: object, zh_label: str, en_label: str) -> str:
    """The input as folded, space-free text; None / empty / other types are rejected."""
    if raw is None:
        raise ValidationError(_(f"请填写{zh_label}", f"{en_label} is required."))
    if not isinstance(raw, str):
        raise ValidationError(
            _(f"{zh_label}应以文字形式填写", f"{en_label} must be entered as text.")
        )
    text = _WHITESPACE.sub("", _fold(raw))
    if not text:
        raise ValidationError(_(f"请填写{zh_label}", f"{en_label} is required."))
    return text


def _today(today: object) -> date:
    return date.today() if today is None else parse_date(today)


def _impossible_date(year: int, month: int, day: int) -> str | None:
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


# --- resident identity card number (GB 11643-1999) --------------------------------------

_PROVINCES = frozenset(
    (*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55),
     *range(61, 66), 71, 81, 82)
)  # fmt: skip
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class ResidentId:
    """A checked 18-character resident ID and what it says about its holder."""

    number: str  # 18 characters, final X upper-case
    region: str  # 6-digit administrative division code where it was first issued
    birth_date: date
    sex: str  # "M" or "F"


def resident_id_check_digit(first17: str) -> str:
    """The 18th character (0-9 or X) that makes ``first17`` a well-formed resident ID."""
    if not isinstance(first17, str) or len(first17) != 17 or not _is_digits(first17):
        raise ValidationError(
            _("计算身份证校验位需要17位数字", "The ID check digit needs exactly 17 digits.")
        )
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def parse_resident_id(raw: object, today: date | None = None) -> ResidentId:
    """Check an 18-character resident ID number; ``today`` bounds the birth date."""
    number = _text(raw, "身份证号码", "The resident ID number")
    if len(number) == 15 and _is_digits(number):
        # First-generation cards (15 digits) were replaced in 2013; the 18-digit number
        # is what every other system expects.
        raise ValidationError(
            _(
                "这是15位的旧身份证号码，请填写18位的新号码",
                "This is an old 15-digit ID number; enter the 18-character number.",
            )
        )
    if len(number) != 18:
        raise ValidationError(
            _(
                f"身份证号码应为18位，现为{len(number)}位",
                f"A resident ID number has 18 characters; this one has {len(number)}.",
            )
        )
    for pos, char in enumerate(number[:17], start=1):
        if char not in string.digits:
            raise ValidationError(
                _(
                    f"身份证号码第{pos}位“{char}”不是数字（前17位必须都是数字）",
                    f'Character {pos} of the ID number ("{char}") is not a digit; '
                    "the first 17 must all be digits.",
                )
            )
    last = "X" if number[17] == "x" else number[17]
    if last not in "0123456789X":
        raise ValidationError(
            _(
                f"身份证号码最后一位应为数字或X，现为“{last}”",
                f'The last character of an ID number must be a digit or X, not "{last}".',
            )
        )
    number = number[:17] + last

    if int(number[:2]) not in _PROVINCES:
        raise ValidationError(
            _(
                f"身份证号码前两位“{number[:2]}”不是有效的省级行政区划代码",
                f'The ID number starts with "{number[:2]}", which is not a province code.',
            )
        )

    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    problem = _impossible_date(year, month, day)
    if problem is not None:
        raise ValidationError(
            _(
                f"身份证号码第7–14位的出生日期{number[6:14]}不存在：{problem}",
                f"The birth date in the ID number (characters 7-14, {number[6:14]}) "
                f"does not exist: {problem}.",
            )
        )
    birth = date(year, month, day)
    if birth < _EARLIEST_BIRTH:
        raise ValidationError(
            _(
                f"身份证号码中的出生日期{birth.isoformat()}早于1900年，请核对",
                f"The birth date in the ID number ({birth.isoformat()}) is before 1900.",
            )
        )
    now = _today(today)
    if birth > now:
        raise ValidationError(
            _(
                f"身份证号码中的出生日期{birth.isoformat()}晚于今天",
                f"The birth date in the ID number ({birth.isoformat()}) is in the future.",
            )
        )

    # Don't reveal the expected digit: the typo is as likely anywhere in the first 17,
    # and telling the worker what the last one "should" be invites a wrong fix.
    if resident_id_check_digit(number[:17]) != last:
        raise ValidationError(
            _(
                "身份证号码校验位不符（最后一位与前17位对不上），请逐位核对是否输错",
                "The ID number's check digit does not match the first 17 digits; "
                "check it digit by digit for a typo.",
            )
        )
    sex = "M" if int(number[16]) % 2 == 1 else "F"
    return ResidentId(number=number, region=number[:6], birth_date=birth, sex=sex)


# --- telephone numbers ------------------------------------------------------------------

_MOBILE = re.compile(r"(?:\+86|0086|86)?(1[3-9][0-9]{9})")
# Area codes are 0 + 2 digits for Beijing (010) and the 02x cities, 0 + 3 digits for
# all others; knowing which lets "05925551234" be split without a separator. Local
# numbers never start with 0 (trunk prefix) or 1 (service numbers, mobiles).
_AREA = r"0(?:[12][0-9]|[3-9][0-9]{2})"
_LANDLINE = re.compile(
    rf"(?:\((?P<paren>{_AREA})\)|(?P<area>{_AREA}))?-?"
    r"(?P<local>[2-9][0-9]{6,7})"
    r"(?:(?:转|分机|ext\.?|x|-|#)(?P<ext>[0-9]{1,6}))?",
    re.IGNORECASE,
)
_LANDLINE_CHARS = re.compile(r"[0-9()\-#.转分机extEXT]*")


def _phone_text(raw: object, zh_label: str, en_label: str) -> str:
    # A phone column read from Excel arrives as an int; accept plain non-negative ones
    # (small enough that str() is safe, far beyond any real number).
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < 10**20:
        return str(raw)
    return _text(raw, zh_label, en_label)


def normalize_mobile(raw: object) -> str:
    """A mainland mobile number as its 11 digits (drops spaces, hyphens, +86)."""
    compact = _phone_text(raw, "手机号码", "The mobile number").replace("-", "")
    match = _MOBILE.fullmatch(compact)
    if match:
        return match.group(1)
    # Work out which rule failed so the message can say so.
    digits = compact
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
            break
    if not _is_digits(digits):
        raise ValidationError(
            _(
                f"手机号码“{_excerpt(compact)}”含有数字以外的字符（只可带+86前缀、空格或连字符）",
                f'The mobile number "{_excerpt(compact)}" contains characters other than '
                "digits (only a +86 prefix, spaces and hyphens are allowed).",
            )
        )
    if len(digits) != 11:
        raise ValidationError(
            _(
                f"手机号码应为11位数字，现为{len(digits)}位",
                f"A mobile number has 11 digits; this one has {len(digits)}.",
            )
        )
    raise ValidationError(
        _(
            f"手机号码“{digits}”不对：应以1开头，第二位为3–9",
            f'"{digits}" is not a mobile number: it must start with 1 and then 3-9.',
        )
    )


def normalize_landline(raw: object) -> str:
    """A fixed-line number as "0592-5551234", "5551234" or "0592-5551234-123"."""
    compact = _phone_text(raw, "固定电话号码", "The landline number")
    match = _LANDLINE.fullmatch(compact)
    if match:
        area = match.group("paren") or match.group("area")
        result = match.group("local") if area is None else f"{area}-{match.group('local')}"
        ext = match.group("ext")
        return result if ext is None else f"{result}-{ext}"
    if _MOBILE.fullmatch(compact.replace("-", "")):
        raise ValidationError(
            _(
                "这是手机号码，不是固定电话号码",
                "This is a mobile number, not a landline number.",
            )
        )
    if not _LANDLINE_CHARS.fullmatch(compact):
        raise ValidationError(
            _(
                f"固定电话号码“{_excerpt(compact)}”含有无效字符",
                f'The landline number "{_excerpt(compact)}" contains invalid characters.',
            )
        )
    raise ValidationError(
        _(
            f"固定电话号码“{_excerpt(compact)}”格式不对：应为 区号-号码（如 0592-5551234）"
            "或7–8位本地号码，可带分机（如 0592-5551234转123）",
            f'"{_excerpt(compact)}" is not a landline number: use area code-number '
            "(e.g. 0592-5551234) or a 7-8 digit local number, optionally with an "
            "extension (e.g. 0592-5551234 ext 123).",
        )
    )


def normalize_phone(raw: object) -> str:
    """A mobile number (11 digits) or else a landline number, normalised as above."""
    compact = _phone_text(raw, "电话号码", "The phone number")
    try:
        return normalize_mobile(compact)
    except ValidationError:
        pass
    try:
        return normalize_landline(compact)
    except ValidationError:
        pass
    raise ValidationError(
        _(
            f"电话号码“{_excerpt(compact)}”格式不对：应为11位手机号（如 13812345678）"
            "或固定电话（如 0592-5551234，可带分机 0592-5551234转123）",
            f'"{_excerpt(compact)}" is not a phone number: enter an 11-digit mobile '
            "number (e.g. 13812345678) or a landline number (e.g. 0592-5551234, "
            "with an extension 0592-5551234 ext 123).",
        )
    )


# --- unified social credit code (GB 32100-2015) ----------------------------------------

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3**i % 31


def uscc_check_char(first17: str) -> str:
    """The 18th character that makes ``first17`` a well-formed social credit code."""
    if (
        not isinstance(first17, str)
        or len(first17) != 17
        or any(c not in _USCC_ALPHABET for c in first17)
    ):
        raise ValidationError(
            _(
                "计算统一社会信用代码校验位需要17个有效字符",
                "The credit-code check character needs exactly 17 valid characters.",
            )
        )
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def check_uscc(raw: object) -> str:
    """Check an 18-character unified social credit code; returns it upper-cased."""
    code = _text(raw, "统一社会信用代码", "The unified social credit code").translate(
        _ASCII_UPPER
    )
    if len(code) != 18:
        raise ValidationError(
            _(
                f"统一社会信用代码应为18位，现为{len(code)}位",
                f"A unified social credit code has 18 characters; this one has {len(code)}.",
            )
        )
    for pos, char in enumerate(code, start=1):
        if char not in _USCC_ALPHABET:
            raise ValidationError(
                _(
                    f"统一社会信用代码第{pos}位“{char}”无效（只用数字和大写字母，"
                    "不含 I、O、S、V、Z）",
                    f'Character {pos} of the credit code ("{char}") is not allowed: only '
                    "digits and capital letters other than I, O, S, V and Z are used.",
                )
            )
    if not _is_digits(code[2:8]):
        raise ValidationError(
            _(
                "统一社会信用代码第3–8位是登记机关的行政区划码，必须都是数字",
                "Characters 3-8 of the credit code (the region code) must all be digits.",
            )
        )
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _(
                "统一社会信用代码校验位不符（最后一位与前17位对不上），请逐位核对是否输错",
                "The credit code's check character does not match the first 17; "
                "check it character by character for a typo.",
            )
        )
    return code


# --- dates ------------------------------------------------------------------------------

_DATE_FORMATS = (
    re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})"),
    re.compile(r"([0-9]{4})()([0-9]{2})([0-9]{2})"),
    re.compile(r"([0-9]{4})年()([0-9]{1,2})月([0-9]{1,2})[日号]?"),
)


def parse_date(raw: object) -> date:
    """A date from a date/datetime or from text such as 2024-05-01, 2024/5/1, 2024年5月1日."""
    if isinstance(raw, datetime):  # a subclass of date that won't compare with one
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _text(raw, "日期", "The date")
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        shown = _excerpt(str(raw).strip())  # as typed, not with its spaces squeezed out
        raise ValidationError(
            _(
                f"无法识别日期“{shown}”，请按 2024-05-01 的格式填写"
                "（也可写 2024/5/1、2024.5.1、20240501 或 2024年5月1日）",
                f'"{shown}" is not a date; write it as 2024-05-01 '
                "(2024/5/1, 2024.5.1 and 20240501 also work).",
            )
        )
    year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
    problem = _impossible_date(year, month, day)
    if problem is not None:
        raise ValidationError(
            _(f"日期“{text}”不存在：{problem}", f'The date "{text}" does not exist: {problem}.')
        )
    return date(year, month, day)


def not_in_future(d: date, today: date | None = None, what: str | None = None) -> date:
    """``d`` (as a date) unless it is after ``today``; ``what`` names it in the message.

    ``what`` defaults to "日期"/"Date" looked up at call time, so the language in force
    when the check runs is used, not the one at import.
    """
    day = parse_date(d)  # also turns a datetime into a date so the comparison works
    now = _today(today)
    label = _("日期", "Date") if what is None else what
    if day > now:
        raise ValidationError(
            _(
                f"{label}不能晚于今天（{now.isoformat()}）",
                f"{label} cannot be later than today ({now.isoformat()}).",
            )
        )
    return day


def not_before(later: date, earlier: date, later_label: str, earlier_label: str) -> None:
    """Reject ``later`` falling before ``earlier`` (the same day is fine)."""
    end, start = parse_date(later), parse_date(earlier)
    if end < start:
        raise ValidationError(
            _(
                f"{later_label}（{end.isoformat()}）不能早于{earlier_label}（{start.isoformat()}）",
                f"{later_label} ({end.isoformat()}) cannot be earlier than "
                f"{earlier_label} ({start.isoformat()}).",
            )
        )


# --- text, numbers, yes/no --------------------------------------------------------------


def require_text(raw: object, max_length: int | None = None) -> str:
    """Stripped, non-empty text of at most ``max_length`` characters."""
    if raw is not None and not isinstance(raw, str):
        raise ValidationError(_("此项应填写文字", "This field must be text."))
    # Free text keeps its full-width punctuation: that is how Chinese is written.
    text = "" if raw is None else raw.strip()
    if not text:
        raise ValidationError(_("此项为必填项", "This field is required."))
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            _(
                f"不能超过{max_length}个字（现有{len(text)}个字）",
                f"At most {max_length} characters are allowed (this has {len(text)}).",
            )
        )
    return text


_INT_TEXT = re.compile(r"([+-]?)([0-9]+)(?:\.0*)?")
_MAX_INT_DIGITS = 30  # int() refuses very long digit strings; nothing real gets close


def parse_int(raw: object, minimum: int | None = 0, maximum: int | None = None) -> int:
    """A whole number from an int, an integral float (Excel) or text like "12" / "12.0"."""
    if isinstance(raw, bool):  # bool is an int subclass; True is not "1 person"
        raise ValidationError(_("应填写整数，而不是是/否", "Enter a whole number, not yes/no."))
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float | Decimal):
        # Decimal's own tests: math.isfinite() raises on a signalling NaN, and
        # int(Decimal("1E+999999999")) would try to build a billion-digit number.
        if isinstance(raw, Decimal):
            whole = raw.is_finite() and raw == raw.to_integral_value()
        else:
            whole = math.isfinite(raw) and raw.is_integer()
        if not whole:
            raise ValidationError(
                _(f"应填写整数，{raw}不是整数", f"Enter a whole number; {raw} is not one.")
            )
        if isinstance(raw, Decimal) and raw.adjusted() >= _MAX_INT_DIGITS:
            raise ValidationError(_("数字太大", "The number is too large."))
        value = int(raw)
    elif isinstance(raw, str):
        text = _WHITESPACE.sub("", _fold(raw))
        if not text:
            raise ValidationError(_("请填写整数", "A whole number is required."))
        match = _INT_TEXT.fullmatch(text)
        if not match:
            raise ValidationError(
                _(
                    f"“{_excerpt(text)}”不是整数，请填写如 12 的数字",
                    f'"{_excerpt(text)}" is not a whole number; enter something like 12.',
                )
            )
        digits = match.group(2).lstrip("0") or "0"
        if len(digits) > _MAX_INT_DIGITS:
            raise ValidationError(_("数字太大", "The number is too large."))
        value = int(match.group(1) + digits)
    elif raw is None:
        raise ValidationError(_("请填写整数", "A whole number is required."))
    else:
        raise ValidationError(_("应填写整数", "Enter a whole number."))
    if minimum is not None and value < minimum:
        raise ValidationError(
            _(f"不能小于{minimum}", f"The number cannot be less than {minimum}.")
        )
    if maximum is not None and value > maximum:
        raise ValidationError(
            _(f"不能大于{maximum}", f"The number cannot be greater than {maximum}.")
        )
    return value


_HOURS_TEXT = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")
_CENT = Decimal("0.01")


def parse_hours(raw: object, maximum: float | Decimal = 24.0) -> Decimal:
    """A number of hours, 0 to ``maximum``, with at most 2 decimals; returned as x.xx."""
    value: Decimal
    if isinstance(raw, bool):
        raise ValidationError(
            _("应填写小时数，而不是是/否", "Enter a number of hours, not yes/no.")
        )
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        # repr() gives the shortest text that round-trips, so 1.5 stays 1.5 rather
        # than becoming the binary float's long exact expansion.
        value = Decimal(repr(raw)) if math.isfinite(raw) else Decimal("NaN")
    elif isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, str):
        text = _WHITESPACE.sub("", _fold(raw))
        if not text:
            raise ValidationError(_("请填写小时数", "A number of hours is required."))
        if text.startswith("-") and _HOURS_TEXT.fullmatch(text[1:]):
            raise ValidationError(_("小时数不能为负数", "Hours cannot be negative."))
        if not _HOURS_TEXT.fullmatch(text):
            raise ValidationError(
                _(
                    f"“{_excerpt(text)}”不是数字，请填写小时数，如 1.5",
                    f'"{_excerpt(text)}" is not a number; enter hours such as 1.5.',
                )
            )
        value = Decimal(text)
    elif raw is None:
        raise ValidationError(_("请填写小时数", "A number of hours is required."))
    else:
        raise ValidationError(_("应填写小时数", "Enter a number of hours."))

    if not value.is_finite():  # also keeps a signalling NaN away from the comparisons
        raise ValidationError(_("小时数无效", "That is not a valid number of hours."))
    if value < 0:
        raise ValidationError(_("小时数不能为负数", "Hours cannot be negative."))
    limit = maximum if isinstance(maximum, Decimal) else Decimal(repr(maximum))
    if value > limit:
        shown = f"{limit.normalize():f}"
        raise ValidationError(
            _(f"小时数不能超过{shown}", f"Hours cannot be more than {shown}.")
        )
    try:
        # Same scale for every value so sums and the database column stay exact.
        rounded = value.quantize(_CENT)
    except InvalidOperation:  # more digits than the decimal context holds
        raise ValidationError(_("数字太大", "The number is too large.")) from None
    if rounded != value:
        raise ValidationError(
            _("小时数最多保留两位小数", "Hours can have at most two decimal places.")
        )
    return rounded.copy_abs()  # -0.0 from a float cell becomes plain 0.00


_TRUE_WORDS = frozenset({"是", "yes", "y", "true", "1", "√", "✓", "✔"})
_FALSE_WORDS = frozenset({"否", "no", "n", "false", "0", "×", "✗", "✘"})


def parse_bool(raw: object) -> bool:
    """Yes/no from 是/否, yes/no, y/n, true/false, 1/0, √/×, or a bool/0/1 cell value."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, Decimal) and raw.is_finite() and raw in (0, 1):
        return bool(raw)  # checked is_finite first: comparing a signalling NaN raises
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = _WHITESPACE.sub("", _fold(raw)).lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        if not word:
            raise ValidationError(_("请填写“是”或“否”", "Enter yes or no."))
        raise ValidationError(
            _(
                f"无法识别“{_excerpt(word)}”，请填写“是”或“否”",
                f'"{_excerpt(word)}" is not yes or no; enter yes or no.',
            )
        )
    if raw is None:
        raise ValidationError(_("请填写“是”或“否”", "Enter yes or no."))
    raise ValidationError(_("应填写“是”或“否”", "Enter yes or no."))
