"""Telephone numbers: mainland mobiles and fixed lines."""

from __future__ import annotations

import re

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.validation.common import compact_text, excerpt, is_digits

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
    return compact_text(raw, zh_label, en_label)


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
    if not is_digits(digits):
        raise ValidationError(
            _(
                f"手机号码“{excerpt(compact)}”含有数字以外的字符（只可带+86前缀、空格或连字符）",
                f'The mobile number "{excerpt(compact)}" contains characters other than '
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
                f"固定电话号码“{excerpt(compact)}”含有无效字符",
                f'The landline number "{excerpt(compact)}" contains invalid characters.',
            )
        )
    raise ValidationError(
        _(
            f"固定电话号码“{excerpt(compact)}”格式不对：应为 区号-号码（如 0592-5551234）"
            "或7–8位本地号码，可带分机（如 0592-5551234转123）",
            f'"{excerpt(compact)}" is not a landline number: use area code-number '
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
            f"电话号码“{excerpt(compact)}”格式不对：应为11位手机号（如 13812345678）"
            "或固定电话（如 0592-5551234，可带分机 0592-5551234转123）",
            f'"{excerpt(compact)}" is not a phone number: enter an 11-digit mobile '
            "number (e.g. 13812345678) or a landline number (e.g. 0592-5551234, "
            "with an extension 0592-5551234 ext 123).",
        )
    )
