"""Figures as a person reads them: thousands grouped ("21,840"), no trailing zeros ("2.5").

The one formatter of shown numbers: the 工作台, the lists' counts and numeric cells, the
同步 page, the status bar and the 报表 page all go through it, so a figure reads the same
everywhere. No imports from the rest of swdesk: anything may use it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def grouped(value: int | float | Decimal | str) -> str:
    """``value`` with thousands separated by commas and a decimal part without trailing
    zeros: 21840 -> "21,840", Decimal("1234.50") -> "1,234.5", 3.0 -> "3".

    Text that is not a number comes back as it is (a stored value the program did not
    write, shown rather than hidden)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    text = f"{number:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
