"""Codes read from free text: the pieces of a text that name a reference item exactly.

Below ``rules`` (which reads a volunteer's codes from the skills typed) and above the
models only; the station's communities and the one-off conversion are in
``coded_fields``.
"""

from __future__ import annotations

import re
from typing import Any

from swdesk import reference
from swdesk.model import Partner, SyncedModel, Volunteer
from swdesk.model.described import codes_to_text

COMMUNITY = "community"
# coded field → (reference list, the free-text field whose words it is read from, if any)
CODED: dict[type[SyncedModel], dict[str, tuple[str, str | None]]] = {
    Volunteer: {"skill_codes": ("volunteer_skill", "skills"),
                "availability_codes": ("availability", "availability"),
                "languages": ("language", None), "service_areas": (COMMUNITY, None)},
    Partner: {"skill_codes": ("volunteer_skill", None),
              "availability_codes": ("availability", None),
              "service_areas": (COMMUNITY, None)},
}
_PIECES = re.compile(r"[,，、;；/／\s]+")


def community_name(text: str | None) -> str:
    """A community as typed, without its spaces (前埔 社区 is 前埔社区): the form in which
    it is a code of the station's list and is compared."""
    return "".join(str(text or "").split())


def fits_as_code(name: str) -> bool:
    """A name a code can be: no separator that a cell of several codes is split at."""
    return bool(name) and len(name) <= 32 and not _PIECES.search(name)


def codes_in_text(list_code: str, text: str | None) -> tuple[list[str], list[str]]:
    """The codes of the pieces of ``text`` that name an item exactly (code, Chinese or
    English name), and the pieces that name none."""
    found: list[str] = []
    rest: list[str] = []
    by_name: dict[str, str] = {}
    for item in reference.items(list_code):
        for name in (item.code, item.zh, item.en.lower()):
            by_name[name] = str(item.code)
    rest_of_text = text or ""
    for name, code in by_name.items():  # a name with a separator in it: 陪同就医/办事
        if _PIECES.search(name) and name in rest_of_text:
            rest_of_text = rest_of_text.replace(name, " ")
            if code not in found:
                found.append(code)
    for piece in _PIECES.split(rest_of_text):
        if not piece:
            continue
        named = by_name.get(piece) or by_name.get(piece.lower())
        if named is None:
            rest.append(piece)
        elif named not in found:
            found.append(named)
    return found, rest


def derive_codes(model: type[SyncedModel], values: dict[str, Any], current: Any) -> None:
    """A saved row's codes read from its free text, when no codes are given or stored
    (``rules`` calls it): the codes a person chose are never overwritten."""
    for coded, (list_code, text_field) in CODED.get(model, {}).items():
        if text_field is None or not values.get(text_field) or coded in values:
            continue
        if current is not None and getattr(current, coded):
            continue
        codes, _rest = codes_in_text(list_code, values[text_field])
        if codes:
            values[coded] = codes_to_text(codes)
