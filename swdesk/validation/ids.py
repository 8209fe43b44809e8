"""Resident ID numbers (GB 11643-1999) and unified social credit codes (GB 32100-2015)."""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from datetime import date

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.validation.common import ASCII_UPPER, compact_text, impossible_date, is_digits
from swdesk.validation.values import resolve_today

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
    if not isinstance(first17, str) or len(first17) != 17 or not is_digits(first17):
        raise ValidationError(
            _("计算身份证校验位需要17位数字", "The ID check digit needs exactly 17 digits.")
        )
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def parse_resident_id(raw: object, today: date | None = None) -> ResidentId:
    """Check an 18-character resident ID number; ``today`` bounds the birth date."""
    now = resolve_today(today)
    if isinstance(raw, str):
        # A client's number is checked when typed and again when the rules derive the sex
        # and birth date from it; an Excel import does both for tens of thousands of rows.
        return _parse_text(raw, now)
    return _parse(raw, now)


@functools.lru_cache(maxsize=256)
def _parse_text(raw: str, now: date) -> ResidentId:
    return _parse(raw, now)


def _parse(raw: object, now: date) -> ResidentId:
    number = compact_text(raw, "身份证号码", "The resident ID number")
    if len(number) == 15 and is_digits(number):
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
    problem = impossible_date(year, month, day)
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
    return ResidentId(number=number, region=number[:6], birth_date=birth,
                      sex=resident_id_sex(number))


def resident_id_sex(number: str) -> str:
    """The sex ("M" or "F") a well-formed resident ID says: its 17th digit is odd for men."""
    return "M" if int(number[16]) % 2 == 1 else "F"


def resident_id_birth(number: str) -> str:
    """The birth date a well-formed resident ID says, as YYYY-MM-DD."""
    return f"{number[6:10]}-{number[10:12]}-{number[12:14]}"


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
    code = compact_text(raw, "统一社会信用代码", "The unified social credit code").translate(
        ASCII_UPPER
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
    if not is_digits(code[2:8]):
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
