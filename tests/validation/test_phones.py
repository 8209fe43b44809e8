"""Tests for swdesk.validation.phones (mobile and landline numbers): examples per rule
(what holds for every validator is in test_every_validator.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from validhelp import RELEVANT, message

from swdesk.errors import ValidationError
from swdesk.validation import normalize_landline, normalize_mobile, normalize_phone

# --- phones -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+86-13812345678",
        "8613812345678",
        "008613812345678",
        "１３８１２３４５６７８",
        13812345678,
    ],
)
def test_mobile_valid(raw: object) -> None:
    assert normalize_mobile(raw) == "13812345678"


def test_mobile_ten_digits() -> None:
    assert "11位" in message(normalize_mobile, "1381234567")


def test_mobile_twelve_digits() -> None:
    assert "11位" in message(normalize_mobile, "138123456789")


def test_mobile_second_digit() -> None:
    assert "3–9" in message(normalize_mobile, "12812345678")


def test_mobile_letters() -> None:
    assert "数字以外" in message(normalize_mobile, "1381234567a")


@pytest.mark.parametrize("raw", [None, "", True, -13812345678, 1.5, "+1 2025550123"])
def test_mobile_other_rejects(raw: object) -> None:
    message(normalize_mobile, raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0592-5551234", "0592-5551234"),
        ("(0592)5551234", "0592-5551234"),
        ("(0592) 555 1234", "0592-5551234"),
        ("（0592）5551234", "0592-5551234"),
        ("0592 5551234", "0592-5551234"),
        ("05925551234", "0592-5551234"),
        ("010-62345678", "010-62345678"),
        ("01062345678", "010-62345678"),
        ("5551234", "5551234"),
        ("62345678", "62345678"),
        ("0592-5551234转123", "0592-5551234-123"),
        ("0592-5551234 ext. 123", "0592-5551234-123"),
        ("0592-5551234-123", "0592-5551234-123"),
        ("5551234转8", "5551234-8"),
    ],
)
def test_landline_valid(raw: str, expected: str) -> None:
    assert normalize_landline(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "555123",  # 6 digits
        "555123456",  # 9 digits
        "0592-0551234",  # local numbers never start with 0
        "0592-1551234",  # ... or 1
        "0105-5551234",  # 010 is a 3-character area code
        "0592-5551234转",  # extension marker without digits
        "0592-5551234转1234567",  # extension too long
        None,
        "",
    ],
)
def test_landline_invalid(raw: object) -> None:
    message(normalize_landline, raw)


def test_landline_explains_form() -> None:
    assert "0592-5551234" in message(normalize_landline, "555123")


def test_landline_given_mobile() -> None:
    assert "手机" in message(normalize_landline, "13812345678")


def test_landline_bad_chars() -> None:
    assert "无效字符" in message(normalize_landline, "0592-555abcd")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+86 138 1234 5678", "13812345678"),
        ("0592-5551234", "0592-5551234"),
        ("(0592)5551234转123", "0592-5551234-123"),
        ("5551234", "5551234"),
    ],
)
def test_phone_valid(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


def test_phone_invalid_names_both_forms() -> None:
    msg = message(normalize_phone, "12345")
    assert "手机" in msg and "固定电话" in msg


# --- data for test_every_validator.py ------------------------------------------

# Bad input of each validator here, and what it may be given: used by
# test_every_validator.py (one message and robustness check for all of them).
BAD_INPUTS: list[tuple[Callable[..., object], tuple[object, ...]]] = [
    (normalize_mobile, ("1381234567",)),
    (normalize_landline, ("555123",)),
    (normalize_phone, ("12345",)),
]


NAMED_FUNCTIONS: dict[str, Callable[[object], object]] = {
    "mobile": normalize_mobile,
    "landline": normalize_landline,
    "phone": normalize_phone,
}


@given(raw=RELEVANT)
def test_phone_normalisation_is_idempotent(raw: str) -> None:
    for func in (normalize_mobile, normalize_landline, normalize_phone):
        try:
            once = func(raw)
        except ValidationError:
            continue
        assert func(once) == once
