"""Characters no stored text may hold: invisible controls and direction overrides.

NUL ends a string in C and PostgreSQL refuses it in any text; the other C0 and C1
controls (a bell, an escape …) are invisible or garble a printout; the bidi
overrides and isolates (U+202A–U+202E, U+2066–U+2069) make a name display as
something else than it is. A station removes them from what a person types or
imports (``clean_text``); the hub rejects a row that still carries one
(``text_problem``), as a station may hold text typed before this rule.
Tab, line feed and carriage return are ordinary whitespace and stay.
"""

from __future__ import annotations

import re

from swdesk.i18n import _

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` without forbidden characters; one-line text also without line breaks
    (a spreadsheet cell's become one space)."""
    text = FORBIDDEN.sub("", text)
    return text if multiline else _LINE_BREAKS.sub(" ", text)


def text_problem(text: str) -> str:
    """Why ``text`` cannot be stored as it is ("" if it can), in the current language."""
    found = FORBIDDEN.search(text)
    if found is None:
        return ""
    code = f"U+{ord(found.group()):04X}"
    return _(f"含有不可见的控制字符或方向控制字符（{code}）",
             f"contains an invisible control or text-direction character ({code})")

