"""When a station holds its seasonal activities: a trainer shows the 重阳 party in
October, 博饼 around Mid-Autumn, 包粽子 before 端午, summer camps in July and August.

The lunar festivals move in the Gregorian calendar; their dates are listed for the
years a demo reaches (a year outside the table falls back to the festival's usual
month). A service-record template named in :data:`SEASONS` is held only on the days
:func:`in_season` allows; every other template any day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# Gregorian dates of the lunar festivals: 春节 (1/1), 端午 (5/5), 中秋 (8/15), 重阳 (9/9).
SPRING_FESTIVAL = {
    2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10),
    2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
    2031: (1, 23), 2032: (2, 11),
}
DRAGON_BOAT = {
    2019: (6, 7), 2020: (6, 25), 2021: (6, 14), 2022: (6, 3), 2023: (6, 22), 2024: (6, 10),
    2025: (5, 31), 2026: (6, 19), 2027: (6, 9), 2028: (5, 28), 2029: (6, 16), 2030: (6, 5),
    2031: (6, 24), 2032: (6, 12),
}
MID_AUTUMN = {
    2019: (9, 13), 2020: (10, 1), 2021: (9, 21), 2022: (9, 10), 2023: (9, 29), 2024: (9, 17),
    2025: (10, 6), 2026: (9, 25), 2027: (9, 15), 2028: (10, 3), 2029: (9, 22), 2030: (9, 12),
    2031: (10, 1), 2032: (9, 19),
}
DOUBLE_NINTH = {
    2019: (10, 7), 2020: (10, 25), 2021: (10, 14), 2022: (10, 4), 2023: (10, 23),
    2024: (10, 11), 2025: (10, 29), 2026: (10, 18), 2027: (10, 8), 2028: (10, 26),
    2029: (10, 16), 2030: (10, 5), 2031: (10, 24), 2032: (10, 12),
}
# A year beyond the tables: the festival's most usual day.
_USUAL = {"spring_festival": (2, 5), "dragon_boat": (6, 10), "mid_autumn": (9, 20),
          "double_ninth": (10, 15)}
_TABLES = {"spring_festival": SPRING_FESTIVAL, "dragon_boat": DRAGON_BOAT,
           "mid_autumn": MID_AUTUMN, "double_ninth": DOUBLE_NINTH}


def festival(name: str, year: int) -> dt.date:
    """The day of ``name`` (spring_festival, dragon_boat, mid_autumn, double_ninth) in
    ``year``."""
    month, day = _TABLES[name].get(year, _USUAL[name])
    return dt.date(year, month, day)


def _around(name: str, before: int, after: int) -> Callable[[dt.date], bool]:
    """Days from ``before`` days before the festival to ``after`` days after it."""
    def check(day: dt.date) -> bool:
        # The festival of this year or of the next (a Spring Festival in late January is
        # prepared for in the December before it).
        return any(-before <= (day - festival(name, y)).days <= after
                   for y in (day.year, day.year + 1))
    return check


def _months(*months: int) -> Callable[[dt.date], bool]:
    return lambda day: day.month in months


def _fixed(month: int, day_of_month: int, before: int,
           after: int) -> Callable[[dt.date], bool]:
    def check(day: dt.date) -> bool:
        return -before <= (day - dt.date(day.year, month, day_of_month)).days <= after
    return check


def _disability_day(day: dt.date) -> bool:
    """全国助残日: the third Sunday of May, and the week before it."""
    first = dt.date(day.year, 5, 1)
    third_sunday = first + dt.timedelta(days=(6 - first.weekday()) % 7 + 14)
    return -7 <= (day - third_sunday).days <= 1


def school_term(day: dt.date) -> bool:
    """Not in the summer holiday (July, August) nor around the Spring Festival."""
    return day.month not in (7, 8) and not _around("spring_festival", 14, 10)(day)


SUMMER = _months(7, 8)

# Template title -> the days it is held on.
SEASONS: dict[str, Callable[[dt.date], bool]] = {
    "重阳节敬老活动": _around("double_ninth", 10, 3),
    "中秋博饼活动": _around("mid_autumn", 25, 3),
    "端午节包粽子活动": _around("dragon_boat", 12, 2),
    "迎新春写春联送福活动": _around("spring_festival", 20, 14),
    "春节困难家庭走访慰问": _around("spring_festival", 20, 10),
    "元宵节猜灯谜活动": _around("spring_festival", 10, 16),
    "六一儿童节游园会": _fixed(6, 1, 7, 1),
    "全国助残日活动": _disability_day,
    "暑期儿童夏令营": SUMMER,
    "暑期防溺水安全教育": SUMMER,
    "防汛防台应急演练": _months(5, 6, 7, 8, 9),
}


def in_season(title: str, day: dt.date) -> bool:
    rule = SEASONS.get(title)
    return rule is None or rule(day)
