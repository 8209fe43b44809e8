"""Issue 21, looks: big figures read with thousands separators, through one helper."""

from __future__ import annotations

from decimal import Decimal

from swdesk.model import Project, describe
from swdesk.numbers import grouped
from swdesk.services import display


def test_grouped_separates_thousands_and_drops_trailing_zeros() -> None:
    assert grouped(21840) == "21,840"
    assert grouped(999) == "999"
    assert grouped(-1234567) == "-1,234,567"
    assert grouped(Decimal("1234.50")) == "1,234.5"
    assert grouped(Decimal("12000.00")) == "12,000"
    assert grouped(3.0) == "3"
    assert grouped(Decimal("-0.0")) == "0"
    assert grouped("2,5 小时") == "2,5 小时"  # not a number: shown as stored


def test_lists_and_printouts_show_amounts_grouped() -> None:
    budget = describe(Project).field("budget")
    assert display.format_plain(Decimal("1250000.00"), budget) == "1,250,000"
    target = describe(Project).field("labour_cost")
    assert display.format_plain(Decimal("86400.5"), target) == "86,400.5"
