"""What holds for every validator: messages in the chosen language, and nothing but
ValidationError ever escapes, whatever a form or a spreadsheet cell hands over."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
import test_ids
import test_phones
import test_values
from hypothesis import example, given
from hypothesis import strategies as st
from validhelp import CJK, NON_TEXT, RELEVANT, message

from swdesk import i18n
from swdesk.errors import ValidationError

BAD_INPUTS = [*test_ids.BAD_INPUTS, *test_phones.BAD_INPUTS, *test_values.BAD_INPUTS]
NAMED_FUNCTIONS: dict[str, Callable[[object], object]] = {
    **test_ids.NAMED_FUNCTIONS, **test_phones.NAMED_FUNCTIONS, **test_values.NAMED_FUNCTIONS}
ALL_FUNCTIONS = list(NAMED_FUNCTIONS.values())
FUNCTION_IDS = list(NAMED_FUNCTIONS)


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
