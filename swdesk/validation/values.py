"""Dates, free text, whole numbers, hours and yes/no answers."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.validation.common import WHITESPACE, compact_text, excerpt, fold, impossible_date
from swdesk.validation.text import clean_text

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
    text = compact_text(raw, "日期", "The date")
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            break
    else:
        shown = excerpt(str(raw).strip())  # as typed, not with its spaces squeezed out
        raise ValidationError(
            _(
                f"无法识别日期“{shown}”，请按 2024-05-01 的格式填写"
                "（也可写 2024/5/1、2024.5.1、20240501 或 2024年5月1日）",
                f'"{shown}" is not a date; write it as 2024-05-01 '
                "(2024/5/1, 2024.5.1 and 20240501 also work).",
            )
        )
    year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
    problem = impossible_date(year, month, day)
    if problem is not None:
        raise ValidationError(
            _(f"日期“{text}”不存在：{problem}", f'The date "{text}" does not exist: {problem}.')
        )
    return date(year, month, day)


_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?")


def parse_datetime(raw: object) -> datetime:
    """A moment from a datetime or from text such as 2024-05-01 14:30[:05], to the second."""
    if isinstance(raw, datetime):
        return raw.replace(microsecond=0)
    match = _DATETIME.fullmatch(" ".join(str(raw).split()))
    if match:
        day, hour, minute, second = match.groups()
        try:
            return datetime.combine(date.fromisoformat(day), datetime.min.time()).replace(
                hour=int(hour), minute=int(minute), second=int(second or 0))
        except ValueError:
            pass
    raise ValidationError(_("不是有效的时间：{}（应写作 2024-05-01 14:30）",
                            "Not a valid time: {} (write it as 2024-05-01 14:30)")
                          .format(excerpt(str(raw).strip())))


def resolve_today(today: object) -> date:
    return date.today() if today is None else parse_date(today)


def latest_not_future(today: date | None = None) -> date:
    """The latest date ``not_in_future`` accepts (a date picker stops there)."""
    return resolve_today(today)


def not_in_future(d: date, today: date | None = None, what: str | None = None) -> date:
    """``d`` (as a date) unless it is after ``today``; ``what`` names it in the message.

    ``what`` defaults to "日期"/"Date" looked up at call time, so the language in force
    when the check runs is used, not the one at import.
    """
    day = parse_date(d)  # also turns a datetime into a date so the comparison works
    now = latest_not_future(today)
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


def require_text(raw: object, max_length: int | None = None, *, multiline: bool = False) -> str:
    """Stripped, non-empty text of at most ``max_length`` characters, without control or
    direction characters (``text.clean_text``; line breaks only in ``multiline`` text)."""
    if raw is not None and not isinstance(raw, str):
        raise ValidationError(_("此项应填写文字", "This field must be text."))
    # Free text keeps its full-width punctuation: that is how Chinese is written.
    text = "" if raw is None else clean_text(raw, multiline=multiline).strip()
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
        text = WHITESPACE.sub("", fold(raw))
        if not text:
            raise ValidationError(_("请填写整数", "A whole number is required."))
        match = _INT_TEXT.fullmatch(text)
        if not match:
            raise ValidationError(
                _(
                    f"“{excerpt(text)}”不是整数，请填写如 12 的数字",
                    f'"{excerpt(text)}" is not a whole number; enter something like 12.',
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
        text = WHITESPACE.sub("", fold(raw))
        if not text:
            raise ValidationError(_("请填写小时数", "A number of hours is required."))
        if text.startswith("-") and _HOURS_TEXT.fullmatch(text[1:]):
            raise ValidationError(_("小时数不能为负数", "Hours cannot be negative."))
        if not _HOURS_TEXT.fullmatch(text):
            raise ValidationError(
                _(
                    f"“{excerpt(text)}”不是数字，请填写小时数，如 1.5",
                    f'"{excerpt(text)}" is not a number; enter hours such as 1.5.',
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
        word = WHITESPACE.sub("", fold(raw)).lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        if not word:
            raise ValidationError(_("请填写“是”或“否”", "Enter yes or no."))
        raise ValidationError(
            _(
                f"无法识别“{excerpt(word)}”，请填写“是”或“否”",
                f'"{excerpt(word)}" is not yes or no; enter yes or no.',
            )
        )
    if raw is None:
        raise ValidationError(_("请填写“是”或“否”", "Enter yes or no."))
    raise ValidationError(_("应填写“是”或“否”", "Enter yes or no."))
