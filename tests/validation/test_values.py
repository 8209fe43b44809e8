"""Tests for swdesk.validation.values (dates, text, numbers, hours, yes/no): examples
per rule (what holds for every validator is in test_every_validator.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from validhelp import TODAY, message

from swdesk import i18n
from swdesk.validation import (
    not_before,
    not_in_future,
    parse_bool,
    parse_date,
    parse_hours,
    parse_int,
    require_text,
)

# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "2024-05-01",
        "2024-5-1",
        "2024/5/1",
        "2024/05/01",
        "2024.5.1",
        "20240501",
        "2024年5月1日",
        "2024年05月01日",
        " 2024-05-01 ",
        "２０２４－０５－０１",
        date(2024, 5, 1),
        datetime(2024, 5, 1, 15, 30),
    ],
)
def test_parse_date_formats(raw: object) -> None:
    result = parse_date(raw)
    assert result == date(2024, 5, 1)
    assert type(result) is date


def test_leap_day_ok() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date("2000/2/29") == date(2000, 2, 29)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("2023-02-29", "28天"),
        ("1900-02-29", "28天"),
        ("2024-04-31", "30天"),
        ("2024-13-01", "月份13"),
        ("2024/0/10", "月份0"),
        ("20240100", "31天"),
        ("2024年2月30日", "29天"),
        ("0000-01-01", "年份"),
    ],
)
def test_impossible_dates(raw: str, fragment: str) -> None:
    assert fragment in message(parse_date, raw)


@pytest.mark.parametrize(
    "raw",
    ["2024-05/01", "24-5-1", "2024-5", "May 1 2024", "2024-05-01T10:00", "", None, 20240501],
)
def test_unrecognised_dates(raw: object) -> None:
    message(parse_date, raw)


def test_not_in_future() -> None:
    assert not_in_future(date(2024, 6, 1), today=TODAY) == date(2024, 6, 1)
    assert not_in_future(datetime(2024, 5, 1, 9), today=TODAY) == date(2024, 5, 1)
    msg = message(not_in_future, date(2024, 6, 2), today=TODAY, what="服务日期")
    assert msg.startswith("服务日期不能晚于今天")


def test_not_in_future_default_today() -> None:
    assert not_in_future(date(2000, 1, 1)) == date(2000, 1, 1)
    message(not_in_future, date(9999, 1, 1))


def test_not_before() -> None:
    not_before(date(2024, 5, 2), date(2024, 5, 1), "结案日期", "开案日期")
    not_before(date(2024, 5, 1), date(2024, 5, 1), "结案日期", "开案日期")
    msg = message(not_before, date(2024, 4, 30), date(2024, 5, 1), "结案日期", "开案日期")
    assert "结案日期" in msg and "不能早于开案日期" in msg


def test_not_before_mixed_datetime() -> None:
    # datetime vs date would raise TypeError if compared directly.
    not_before(datetime(2024, 5, 1, 8), date(2024, 5, 1), "结案日期", "开案日期")


# --- text, numbers, yes/no --------------------------------------------------------------


def test_require_text() -> None:
    assert require_text("  张三  ") == "张三"
    assert require_text("张三", max_length=2) == "张三"
    assert "必填" in message(require_text, "   ")
    assert "必填" in message(require_text, None)
    assert "3" in message(require_text, "张三丰", max_length=2)
    message(require_text, 12)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(12, 12), ("12", 12), ("12.0", 12), (" 12 ", 12), (12.0, 12), ("+3", 3), ("007", 7)],
)
def test_parse_int_valid(raw: object, expected: int) -> None:
    assert parse_int(raw) == expected


@pytest.mark.parametrize(
    "raw", ["abc", 1.5, "1.5", True, False, None, "", "1e3", float("nan"), float("inf")]
)
def test_parse_int_invalid(raw: object) -> None:
    message(parse_int, raw)


def test_parse_int_bounds() -> None:
    assert "小于0" in message(parse_int, "-1")
    assert parse_int("-1", minimum=None) == -1
    assert parse_int("5", minimum=1, maximum=5) == 5
    assert "大于5" in message(parse_int, 6, maximum=5)
    assert "太大" in message(parse_int, "9" * 5000)
    assert "太大" in message(parse_int, Decimal("1E+999999999"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (2, "2.00"),
        ("1.5", "1.50"),
        ("0.25", "0.25"),
        ("1.500", "1.50"),
        (1.5, "1.50"),
        (Decimal("3"), "3.00"),
        ("0", "0.00"),
        (-0.0, "0.00"),
        ("24", "24.00"),
        (".5", "0.50"),
    ],
)
def test_parse_hours_valid(raw: object, expected: str) -> None:
    result = parse_hours(raw)
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("-1", "负数"),
        (-0.5, "负数"),
        ("1.255", "两位小数"),
        (0.1 + 0.2, "两位小数"),
        ("24.01", "超过24"),
        ("两小时", "不是数字"),
        ("1.5h", "不是数字"),
        (True, "是/否"),
        (None, "请填写"),
        (float("nan"), "无效"),
        (Decimal("sNaN"), "无效"),
    ],
)
def test_parse_hours_invalid(raw: object, fragment: str) -> None:
    assert fragment in message(parse_hours, raw)


def test_parse_hours_custom_maximum() -> None:
    assert parse_hours("100", maximum=200) == Decimal("100")
    assert "超过8" in message(parse_hours, "8.5", maximum=8.0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("是", True), ("否", False), ("yes", True), ("No", False), ("TRUE", True),
        ("false", False), ("1", True), ("0", False), ("√", True), ("×", False),
        (" Y ", True), ("n", False), (True, True), (False, False), (1, True), (0, False),
        (1.0, True),
    ],
)  # fmt: skip
def test_parse_bool_valid(raw: object, expected: bool) -> None:
    assert parse_bool(raw) is expected


@pytest.mark.parametrize("raw", ["", "maybe", "2", 2, None, "是否", Decimal("sNaN")])
def test_parse_bool_invalid(raw: object) -> None:
    message(parse_bool, raw)


def test_not_before_english() -> None:
    i18n.set_language("en")
    msg = message(not_before, date(2024, 4, 30), date(2024, 5, 1), "Closing date", "opening date")
    assert msg == "Closing date (2024-04-30) cannot be earlier than opening date (2024-05-01)."


def test_default_label_follows_language_at_call_time() -> None:
    assert "日期" in message(not_in_future, date(2024, 6, 2), TODAY)
    i18n.set_language("en")
    assert message(not_in_future, date(2024, 6, 2), TODAY).startswith("Date cannot be later")


# --- data for test_every_validator.py ------------------------------------------

# Bad input of each validator here, and what it may be given: used by
# test_every_validator.py (one message and robustness check for all of them).
BAD_INPUTS: list[tuple[Callable[..., object], tuple[object, ...]]] = [
    (parse_date, ("2023-02-29",)),
    (parse_date, ("tomorrow",)),
    (not_in_future, (date(2024, 6, 2), TODAY)),
    (require_text, ("",)),
    (parse_int, ("abc",)),
    (parse_hours, ("25",)),
    (parse_bool, ("maybe",)),
]


NAMED_FUNCTIONS: dict[str, Callable[[object], object]] = {
    "date": parse_date,
    "not_in_future": lambda x: not_in_future(x, today=TODAY),  # type: ignore[arg-type]
    "not_in_future_today": lambda x: not_in_future(TODAY, today=x),  # type: ignore[arg-type]
    "not_before_later": lambda x: not_before(x, TODAY, "a", "b"),  # type: ignore[arg-type]
    "not_before_earlier": lambda x: not_before(TODAY, x, "a", "b"),  # type: ignore[arg-type]
    "text": require_text,
    "text_max": lambda x: require_text(x, max_length=3),
    "int": parse_int,
    "int_range": lambda x: parse_int(x, minimum=None, maximum=100),
    "hours": parse_hours,
    "bool": parse_bool,
}


@given(day=st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_reads_every_format(day: date) -> None:
    for text in (
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day:%Y%m%d}",
        f"{day.year}年{day.month}月{day.day}日",
    ):
        assert parse_date(text) == day
