"""Reference lists (target groups, service categories, fields …) as data.

The built-in lists ship in ``swdesk/data/reference.json`` and are copied into the
``ref_item`` table when they change; the city can add to them later. Everything
else asks this module, never a hard-coded list.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib.resources import files
from typing import Any

from swdesk import settings
from swdesk.errors import ValidationError
from swdesk.i18n import _, language
from swdesk.model import RefItem, database

_cache: dict[str, list[RefItem]] = {}
# What ``resolve`` found, by list and text: an Excel import resolves the same few words
# ("独居老人", "低保") tens of thousands of times.
_resolved: dict[tuple[str, str], str] = {}

# Lists each station keeps for itself (its communities: the code is the name); the hub
# holds no list of them and takes any code there (the text rules still apply).
STATION_LISTS = frozenset({"community"})


@cache
def _builtin_text() -> str:
    return files("swdesk.data").joinpath("reference.json").read_text(encoding="utf-8")


def builtin() -> dict[str, list[dict[str, str]]]:
    lists: dict[str, list[dict[str, str]]] = json.loads(_builtin_text())["lists"]
    return lists


def install_builtin() -> None:
    """Bring the built-in lists into the database if they changed since last time."""
    digest = hashlib.sha256(_builtin_text().encode()).hexdigest()
    if settings.REFERENCE_HASH.get() == digest:
        return
    with database.atomic():
        for list_code, items in builtin().items():
            for sort, item in enumerate(items):
                (RefItem.insert(list_code=list_code, code=item["code"], zh=item["zh"],
                                en=item["en"], sort=sort, active=True, source="builtin")
                 .on_conflict(conflict_target=[RefItem.list_code, RefItem.code],
                              update={RefItem.zh: item["zh"], RefItem.en: item["en"],
                                      RefItem.sort: sort, RefItem.active: True})
                 .execute())
        settings.REFERENCE_HASH.set(digest)
    invalidate()


def invalidate() -> None:
    _cache.clear()
    _resolved.clear()


def items(list_code: str, *, include_inactive: bool = False) -> list[RefItem]:
    if list_code not in _cache:
        _cache[list_code] = list(
            RefItem.select().where(RefItem.list_code == list_code)
            .order_by(RefItem.sort, RefItem.code))
    return [i for i in _cache[list_code] if include_inactive or i.active]


def codes(list_code: str) -> list[str]:
    return [i.code for i in items(list_code)]


def text_of(item: RefItem) -> str:
    return str(item.en if language() == "en" else item.zh)


def label(list_code: str, code: str | None) -> str:
    """The label of ``code`` in the current language ("" for None, the code if unknown)."""
    if not code:
        return ""
    for item in items(list_code, include_inactive=True):
        if item.code == code:
            return text_of(item)
    return code


def labels(list_code: str, codes_: list[str]) -> str:
    return "、".join(label(list_code, c) for c in codes_)


def resolve(list_code: str, raw: Any, what: str = "") -> str:
    """A code from what a person typed: the code itself, or its Chinese or English label."""
    text = str(raw).strip()
    known = _resolved.get((list_code, text))
    if known is not None:
        return known
    for item in items(list_code):
        if text in (item.code, item.zh, item.en) or text.lower() == item.en.lower():
            _resolved[(list_code, text)] = code = str(item.code)
            return code
    allowed = "、".join(text_of(i) for i in items(list_code))
    raise ValidationError(_("“{}”不是有效的{}，可选：{}", "“{}” is not a valid {}; choose from: {}")
                          .format(text, what or list_code, allowed))
