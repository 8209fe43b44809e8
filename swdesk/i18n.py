"""The language of messages the core produces (validation errors, CLI text).

The Qt front end translates its own strings through Qt Linguist; the core has no
Qt, so each user-facing message is written in both languages at the call site
with ``_(zh, en)`` and resolved against the current language.
"""

from __future__ import annotations

import os

LANGUAGES = ("zh", "en")
_current = "en" if os.environ.get("SWDESK_LANG", "").lower().startswith("en") else "zh"


def set_language(lang: str) -> None:
    """Select ``zh`` (Simplified Chinese, the default) or ``en``."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def language() -> str:
    return _current


def _(zh: str, en: str) -> str:
    """Pick the Chinese or English text of one message."""
    return en if _current == "en" else zh


def label(zh: str, en: str) -> str:
    """Same as ``_`` for labels; kept apart so grep finds field labels."""
    return _(zh, en)
