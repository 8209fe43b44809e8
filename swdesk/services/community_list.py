"""The station's list of communities, grown from what people type.

A client's or volunteer's 所属社区 is typed text; a community typed there that the list
lacks joins it when the row is saved (a form, an Excel import), so that the next form
offers it and volunteers' 服务社区 can name it. A hidden one stays hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from swdesk import reference
from swdesk.model import Client, RefItem, SyncedModel, Volunteer, database
from swdesk.pinyin import full_pinyin, sort_key
from swdesk.services.text_codes import COMMUNITY, community_name, fits_as_code

# The people whose 所属社区 is typed (their field ``community``).
TYPED: tuple[type[SyncedModel], ...] = (Client, Volunteer)


def insert(name: str, sort: int) -> None:
    RefItem.insert(list_code=COMMUNITY, code=name, zh=name, en=full_pinyin(name).title() or name,
                   sort=sort, active=True, source="station").execute()


def next_sort() -> int:
    last = (RefItem.select(RefItem.sort).where(RefItem.list_code == COMMUNITY)
            .order_by(RefItem.sort.desc()).first())
    return int(last.sort) + 1 if last else 0


def offer(typed: Iterable[str | None]) -> int:
    """The communities in ``typed`` that the list lacks (by code or name, hidden ones
    included), added in the caller's transaction; the number added."""
    known = {n for i in reference.items(COMMUNITY, include_inactive=True)
             for n in (str(i.code), str(i.zh))}
    names = {community_name(t) for t in typed}
    new = sorted((n for n in names if fits_as_code(n) and n not in known), key=sort_key)
    if new:
        with database.atomic():
            sort = next_sort()
            for n, name in enumerate(new):
                insert(name, sort + n)
        reference.invalidate()
    return len(new)


def offer_typed(model: type[SyncedModel], rows: Iterable[Mapping[str, Any]]) -> int:
    """:func:`offer` the communities typed on ``rows`` of ``model`` (none unless people)."""
    if model not in TYPED:
        return 0
    return offer(r.get("community") for r in rows)
