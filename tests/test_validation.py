"""Tests for swdesk.validation: examples per rule, plus property tests that nothing but
ValidationError ever escapes, whatever a form field or spreadsheet cell holds."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from swdesk import i18n
from swdesk.errors import ValidationError
from swdesk.validation import (
    ResidentId,
    check_uscc,
    normalize_landline,
    normalize_mobile,
    normalize_phone,
    not_before,
    not_in_future,
    parse_bool,
    parse_date,
    parse_hours,
    parse_int,
    parse_resident_id,
    require_text,
    resident_id_check_digit,
    uscc_check_char,
)

TODAY = date(2024, 6, 1)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    """Every test starts in the default language and leaves it that way."""
    i18n.set_language("zh")
    try:
        yield
    finally:
        i18n.set_language("zh")


def message(func: Callable[..., object], *args: object, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    return str(info.value)


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


# --- language ---------------------------------------------------------------------------

BAD_INPUTS: list[tuple[Callable[..., object], tuple[object, ...]]] = [
    (parse_resident_id, (XIAMEN_MALE[:17],)),
    (parse_resident_id, ("99" + XIAMEN_MALE[2:],)),
    (parse_resident_id, (make_id("35020319850230123"),)),
    (resident_id_check_digit, ("12",)),
    (normalize_mobile, ("1381234567",)),
    (normalize_landline, ("555123",)),
    (normalize_phone, ("12345",)),
    (check_uscc, (XIAMEN_USCC[:9] + "I" + XIAMEN_USCC[10:],)),
    (uscc_check_char, ("12",)),
    (parse_date, ("2023-02-29",)),
    (parse_date, ("tomorrow",)),
    (not_in_future, (date(2024, 6, 2), TODAY)),
    (require_text, ("",)),
    (parse_int, ("abc",)),
    (parse_hours, ("25",)),
    (parse_bool, ("maybe",)),
]


@pytest.mark.parametrize(("func", "args"), BAD_INPUTS)
def test_messages_chinese_by_default(
    func: Callable[..., object], args: tuple[object, ...]
) -> None:
    assert CJK.search(message(func, *args))


@pytest.mark.parametrize(("func", "args"), BAD_INPUTS)
def test_messages_english_when_selected(
    func: Callable[..., object], args: tuple[object, ...]
) -> None:
    i18n.set_language("en")  # the autouse fixture puts "zh" back
    msg = message(func, *args)
    assert not CJK.search(msg), msg
    assert re.search(r"[A-Za-z]{3}", msg)


def test_not_before_english() -> None:
    i18n.set_language("en")
    msg = message(not_before, date(2024, 4, 30), date(2024, 5, 1), "Closing date", "opening date")
    assert msg == "Closing date (2024-04-30) cannot be earlier than opening date (2024-05-01)."


def test_default_label_follows_language_at_call_time() -> None:
    assert "日期" in message(not_in_future, date(2024, 6, 2), TODAY)
    i18n.set_language("en")
    assert message(not_in_future, date(2024, 6, 2), TODAY).startswith("Date cannot be later")


# --- properties -------------------------------------------------------------------------

NAMED_FUNCTIONS: dict[str, Callable[[object], object]] = {
    "resident_id": parse_resident_id,
    "resident_id_today": lambda x: parse_resident_id(x, today=TODAY),
    "id_check_digit": resident_id_check_digit,  # type: ignore[dict-item]
    "mobile": normalize_mobile,
    "landline": normalize_landline,
    "phone": normalize_phone,
    "uscc": check_uscc,
    "uscc_check_char": uscc_check_char,  # type: ignore[dict-item]
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
ALL_FUNCTIONS = list(NAMED_FUNCTIONS.values())
FUNCTION_IDS = list(NAMED_FUNCTIONS)

# Characters the validators care about, so random strings reach the deeper checks
# instead of all failing at the first one.
RELEVANT = st.text(
    alphabet="0123456789Xx +-()（）.转分机ext年月日/IOZSVABMGHJ是否√×０１８",
    max_size=24,
)
NON_TEXT = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
)


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=FUNCTION_IDS)
@given(raw=st.text())
@example(raw="\x00")
@example(raw="٣٥٠٢٠٣١٩٨٥٠٣٠٧١٢٣٨")  # Arabic-Indic digits are not digits here
def test_any_text_raises_only_validation_error(
    func: Callable[[object], object], raw: str
) -> None:
    with contextlib.suppress(ValidationError):
        func(raw)


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=FUNCTION_IDS)
@given(raw=RELEVANT)
def test_near_valid_text_raises_only_validation_error(
    func: Callable[[object], object], raw: str
) -> None:
    with contextlib.suppress(ValidationError):
        func(raw)


@pytest.mark.parametrize("func", ALL_FUNCTIONS, ids=FUNCTION_IDS)
@given(raw=NON_TEXT)
@example(raw=Decimal("sNaN"))
@example(raw=Decimal("-sNaN"))
@example(raw=Decimal("1E+999999999"))
@example(raw=10**5000)
def test_any_value_raises_only_validation_error(
    func: Callable[[object], object], raw: object
) -> None:
    with contextlib.suppress(ValidationError):
        func(raw)


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


@given(raw=RELEVANT)
def test_phone_normalisation_is_idempotent(raw: str) -> None:
    for func in (normalize_mobile, normalize_landline, normalize_phone):
        try:
            once = func(raw)
        except ValidationError:
            continue
        assert func(once) == once


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
