"""Report periods from what a person typed: a month, a year, a date range."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.validation import parse_date

FIRST_YEAR, LAST_YEAR = 1900, 2999  # the years a report may be asked for
_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    @property
    def label(self) -> str:
        if self.first.day == 1 and self.last == _month_end(self.first):
            return _("{}年{}月", "{}-{:02d}").format(self.first.year, self.first.month)
        return _("{} 至 {}", "{} to {}").format(self.first.isoformat(), self.last.isoformat())


def _month_end(first: dt.date) -> dt.date:
    nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def month(text: str) -> Period:
    """``2026-05`` (also 2026/5, 2026年5月) as the first and last day of that month."""
    found = _MONTH.match(str(text or ""))
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise ValidationError(_("月份“{}”格式不对，应写成 YYYY-MM，例如 2026-05",
                                "The month “{}” is not valid; write YYYY-MM, e.g. 2026-05")
                              .format(text))
    if not FIRST_YEAR <= int(found.group(1)) <= LAST_YEAR:
        raise ValidationError(_("月份“{}”超出范围，应在 {}-01 至 {}-12 之间",
                                "The month “{}” is out of range; it must be from {}-01 to {}-12")
                              .format(text, FIRST_YEAR, LAST_YEAR))
    first = dt.date(int(found.group(1)), int(found.group(2)), 1)
    return Period(first, _month_end(first))


def begun(period: Period, today: dt.date) -> Period:
    """``period`` if it has begun by ``today``: a report of a month still to come would be
    all zeros that look like a month without work."""
    if period.first > today:
        raise ValidationError(_("{}还没有开始，无法生成报表；最多可报到本月（{}）",
                                "{} has not begun; a report can be made up to this month ({})")
                              .format(period.label, month(f"{today.year}-{today.month}").label))
    return period


def year(value: int | str) -> int:
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()):
        raise ValidationError(_("年份“{}”不对，应写成四位数字，例如 2026",
                                "The year “{}” is not valid; write four digits, e.g. 2026")
                              .format(value))
    number = int(text)
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise ValidationError(_("年份 {} 超出范围，应在 {} 至 {} 年之间",
                                "The year {} is out of range; it must be from {} to {}")
                              .format(value, FIRST_YEAR, LAST_YEAR))
    return number


def year_period(value: int | str) -> Period:
    y = year(value)
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31))


def date_range(first: object, last: object) -> Period:
    start, end = parse_date(first), parse_date(last)
    if end < start:
        raise ValidationError(_("结束日期 {} 早于开始日期 {}", "The end date {} is before the "
                                "start date {}").format(end.isoformat(), start.isoformat()))
    return Period(start, end)
