"""What the validation tests share: a fixed today, the rejection message, input strategies."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import strategies as st

from swdesk.errors import ValidationError

TODAY = date(2024, 6, 1)
CJK = re.compile(r"[\u4e00-\u9fff]")


def message(func: Callable[..., object], *args: object, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as info:
        func(*args, **kwargs)
    return str(info.value)


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
