"""What each line of a return package must be before the station acts on it.

The city signs its return packages, yet the station reads them as it reads any
file: a line of another shape (a list where a name belongs, text a database cannot
store, a number no column holds) makes the package damaged, never a crash halfway
through the import (docs/package-format.md, section 5).
"""

from __future__ import annotations

from typing import Any

from swdesk.sync import codec

OUTCOMES = frozenset({"applied", "merged", "conflict", "rejected", "held"})
_SORT = range(-(2**31), 2**31)  # what the reference list's sort column holds


def _text(value: Any) -> bool:
    return isinstance(value, str) and codec.encodable(value)


def ack_fine(ack: Any) -> bool:
    """``[entity, uid, version, outcome, reason, conflicting_fields]``."""
    return (type(ack) is list and len(ack) == 6 and _text(ack[0]) and ack[0] in codec.ENTITIES
            and codec.is_ident(ack[1]) and type(ack[2]) is int
            and 0 <= ack[2] <= codec.MAX_VERSION and _text(ack[3]) and ack[3] in OUTCOMES
            and _text(ack[4])
            and type(ack[5]) is list and all(map(_text, ack[5])))


def reference_fine(item: Any) -> bool:
    """``{"list_code", "code", "zh", "en", "sort", "active"}`` (the last two optional)."""
    return (type(item) is dict
            and all(_text(item.get(k)) for k in ("list_code", "code", "zh", "en"))
            and (item.get("sort") is None or (type(item["sort"]) is int
                                              and item["sort"] in _SORT))
            and type(item.get("active", True)) is bool)
