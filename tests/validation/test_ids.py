"""Tests for swdesk.validation.ids (resident ID numbers, unified social credit codes):
examples per rule and generated round trips (what holds for every validator is in
test_every_validator.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from validhelp import TODAY, message

from swdesk.validation import (
    ResidentId,
    check_uscc,
    parse_resident_id,
    resident_id_check_digit,
    uscc_check_char,
)


def make_id(first17: str) -> str:
    return first17 + resident_id_check_digit(first17)


# 350203 = Siming District, Xiamen; born 1985-03-07; sequence 123 (odd -> male).
XIAMEN_MALE = make_id("35020319850307123")
XIAMEN_FEMALE = make_id("35020319850307124")


# --- resident ID ------------------------------------------------------------------------


def test_check_digit_matches_published_example() -> None:
    # The worked example from GB 11643-1999, independent of our own arithmetic.
    assert resident_id_check_digit("11010519491231002") == "X"
    assert XIAMEN_MALE == "350203198503071238"


def test_valid_id_male() -> None:
    rid = parse_resident_id(XIAMEN_MALE, today=TODAY)
    assert rid == ResidentId(
        number=XIAMEN_MALE, region="350203", birth_date=date(1985, 3, 7), sex="M"
    )


def test_valid_id_female_and_spaces_stripped() -> None:
    spaced = f" {XIAMEN_FEMALE[:6]} {XIAMEN_FEMALE[6:14]} {XIAMEN_FEMALE[14:]} "
    rid = parse_resident_id(spaced, today=TODAY)
    assert rid.sex == "F"
    assert rid.number == XIAMEN_FEMALE


def test_lowercase_x_normalised() -> None:
    rid = parse_resident_id("11010519491231002x", today=TODAY)
    assert rid.number == "11010519491231002X"
    assert rid.birth_date == date(1949, 12, 31)
    assert rid.sex == "F"  # digit 17 is 2


def test_full_width_digits_accepted() -> None:
    full = XIAMEN_MALE.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert parse_resident_id(full, today=TODAY).number == XIAMEN_MALE


def test_resident_id_is_frozen() -> None:
    rid = parse_resident_id(XIAMEN_MALE, today=TODAY)
    with pytest.raises(AttributeError):
        rid.sex = "F"  # type: ignore[misc]


def test_wrong_check_digit() -> None:
    wrong = XIAMEN_MALE[:17] + ("0" if XIAMEN_MALE[17] != "0" else "1")
    assert "校验位" in message(parse_resident_id, wrong, today=TODAY)


def test_feb_30_birth_date() -> None:
    msg = message(parse_resident_id, make_id("35020319850230123"), today=TODAY)
    assert "19850230" in msg and "28天" in msg


def test_month_13_birth_date() -> None:
    assert "月份13" in message(parse_resident_id, make_id("35020319851301123"), today=TODAY)


def test_future_birth_date() -> None:
    msg = message(parse_resident_id, make_id("35020320240602123"), today=TODAY)
    assert "晚于今天" in msg
    # The same number is fine once that day has come.
    assert parse_resident_id(make_id("35020320240602123"), today=date(2024, 6, 2))


def test_birth_before_1900() -> None:
    # 440524188001010014 is the other GB 11643 example: valid check digit, born 1880.
    assert "1900" in message(parse_resident_id, "440524188001010014", today=TODAY)


def test_seventeen_chars() -> None:
    assert "18位" in message(parse_resident_id, XIAMEN_MALE[:17], today=TODAY)


def test_fifteen_digit_old_id() -> None:
    assert "15位" in message(parse_resident_id, "350203850307123", today=TODAY)


def test_letters_in_the_middle() -> None:
    bad = XIAMEN_MALE[:8] + "A" + XIAMEN_MALE[9:]
    assert "第9位" in message(parse_resident_id, bad, today=TODAY)


def test_bad_last_character() -> None:
    assert "最后一位" in message(parse_resident_id, XIAMEN_MALE[:17] + "Y", today=TODAY)


@pytest.mark.parametrize("province", ["99", "00", "10", "16", "72", "83", "90"])
def test_unknown_province(province: str) -> None:
    bad = make_id(province + "020319850307123")
    assert province in message(parse_resident_id, bad, today=TODAY)


@pytest.mark.parametrize("province", ["11", "15", "35", "46", "54", "65", "71", "81", "82"])
def test_known_provinces(province: str) -> None:
    assert parse_resident_id(make_id(province + "020319850307123"), today=TODAY)


@pytest.mark.parametrize("raw", [None, "", "   ", 350203198503071238, b"350203198503071238"])
def test_resident_id_empty_or_wrong_type(raw: object) -> None:
    message(parse_resident_id, raw)


@pytest.mark.parametrize("raw", ["1234567890123456", "1" * 18, None, 5])
def test_check_digit_needs_17_digits(raw: object) -> None:
    message(resident_id_check_digit, raw)


# --- unified social credit code ---------------------------------------------------------

# 91 (enterprise) + 350200 (Xiamen) + 9-character organisation code + check character.
XIAMEN_USCC = "91350200" + "M0001234" + "5"
XIAMEN_USCC += uscc_check_char(XIAMEN_USCC)


def test_uscc_published_codes() -> None:
    # Codes as printed on real business licences (Huawei, Tencent) and the standard's
    # example; they check our alphabet and weights against the outside world.
    for code in ("914403001922038216", "9144030071526726XG", "91350100M000100Y43"):
        assert check_uscc(code) == code


def test_uscc_computed_valid() -> None:
    assert len(XIAMEN_USCC) == 18
    assert check_uscc(XIAMEN_USCC) == XIAMEN_USCC


def test_uscc_lowercase_and_spaces_accepted() -> None:
    assert check_uscc(" 9144030071526726xg ") == "9144030071526726XG"


def test_uscc_changed_char_fails() -> None:
    changed = XIAMEN_USCC[:10] + ("1" if XIAMEN_USCC[10] != "1" else "2") + XIAMEN_USCC[11:]
    assert "校验位" in message(check_uscc, changed)


def test_uscc_letter_i_fails() -> None:
    bad = XIAMEN_USCC[:9] + "I" + XIAMEN_USCC[10:]
    msg = message(check_uscc, bad)
    assert "第10位" in msg and "I" in msg


@pytest.mark.parametrize("letter", ["O", "Z", "S", "V", "o"])
def test_uscc_other_forbidden_letters(letter: str) -> None:
    message(check_uscc, XIAMEN_USCC[:9] + letter + XIAMEN_USCC[10:])


def test_uscc_region_must_be_digits() -> None:
    first17 = "913502A0M00012345"
    assert "3–8" in message(check_uscc, first17 + uscc_check_char(first17))


@pytest.mark.parametrize("raw", ["9135020", XIAMEN_USCC + "1", None, "", 91350200])
def test_uscc_length_and_type(raw: object) -> None:
    message(check_uscc, raw)


def test_uscc_check_char_needs_17_valid() -> None:
    message(uscc_check_char, "9135020")
    message(uscc_check_char, "91350200M0001234I")


# --- data for test_every_validator.py ------------------------------------------

# Bad input of each validator here, and what it may be given: used by
# test_every_validator.py (one message and robustness check for all of them).
BAD_INPUTS: list[tuple[Callable[..., object], tuple[object, ...]]] = [
    (parse_resident_id, (XIAMEN_MALE[:17],)),
    (parse_resident_id, ("99" + XIAMEN_MALE[2:],)),
    (parse_resident_id, (make_id("35020319850230123"),)),
    (resident_id_check_digit, ("12",)),
    (check_uscc, (XIAMEN_USCC[:9] + "I" + XIAMEN_USCC[10:],)),
    (uscc_check_char, ("12",)),
]


NAMED_FUNCTIONS: dict[str, Callable[[object], object]] = {
    "resident_id": parse_resident_id,
    "resident_id_today": lambda x: parse_resident_id(x, today=TODAY),
    "id_check_digit": resident_id_check_digit,  # type: ignore[dict-item]
    "uscc": check_uscc,
    "uscc_check_char": uscc_check_char,  # type: ignore[dict-item]
}


PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44]
PROVINCES += [45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]


@given(
    province=st.sampled_from(PROVINCES),
    rest=st.from_regex(r"[0-9]{4}", fullmatch=True),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    seq=st.from_regex(r"[0-9]{3}", fullmatch=True),
)
def test_generated_ids_round_trip(province: int, rest: str, birth: date, seq: str) -> None:
    number = make_id(f"{province}{rest}{birth:%Y%m%d}{seq}")
    rid = parse_resident_id(number.lower(), today=TODAY)
    assert rid.number == number
    assert rid.birth_date == birth
    assert rid.sex == ("M" if int(seq[2]) % 2 else "F")


@given(
    head=st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=2, max_size=2),
    region=st.from_regex(r"[0-9]{6}", fullmatch=True),
    org=st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9),
    position=st.integers(min_value=0, max_value=17),
    replacement=st.sampled_from("0123456789ABCDEFGHJKLMNPQRTUWXY"),
)
def test_generated_uscc_valid_and_single_changes_caught(
    head: str, region: str, org: str, position: int, replacement: str
) -> None:
    first17 = head + region + org
    code = first17 + uscc_check_char(first17)
    assert check_uscc(code.lower()) == code
    changed = code[:position] + replacement + code[position + 1 :]
    if changed != code:
        # A modulus-31 check over a 31-letter alphabet catches every single substitution.
        message(check_uscc, changed)
