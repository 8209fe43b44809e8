"""The refusal every reader of a package raises: the package is not applied."""

from __future__ import annotations

import re

from swdesk.errors import SwdeskError


class PackageRefused(SwdeskError):
    """A package that is not applied; nothing was written."""

    def __init__(self, message: str = "") -> None:
        # It may quote the file (a name, a suite): made safe to print and to show.
        super().__init__(_UNPRINTABLE.sub("\ufffd", message))


# Lone surrogates (no terminal or log prints them), control and bidi-override characters.
_UNPRINTABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e"
                          "\u2066-\u2069]")
