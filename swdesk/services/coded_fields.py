"""The coded fields of matching needs (精准对接): communities, skills and times as codes.

Communities: a station's communities were typed on clients and volunteers as free text,
and every station has its own; so the ``community`` list is the station's own, items of
``source`` 'station' whose code is the community's name (a name reads the same at the
city without the list), offered from the distinct communities typed so far and edited
by the station (add, rename, hide). A list the city sends (``source`` 'city') sits
beside it.

Skills and times: what volunteers' free-text ``skills`` and ``availability`` say is
read into codes where a piece of the text IS an item's name (理发、唱歌 → haircut), never
guessed; the text stays as it was. Done once for the rows stored before the codes
existed (:func:`bring_up_to_date`, on opening for work) and for every row saved since
(``rules``), and an Excel column of codes holding words that are no item keeps them
as free text (:func:`split_ledger_text`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from swdesk import reference, settings
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import RefItem, SyncedModel, database
from swdesk.model.described import codes_to_text
from swdesk.pinyin import full_pinyin
from swdesk.services import community_list, crud
from swdesk.services.actor import Actor
from swdesk.services.text_codes import (
    CODED,
    COMMUNITY,
    codes_in_text,
    community_name,
    fits_as_code,
)

# Bumped when what bring_up_to_date does changes, so that it runs once more.
VERSION = "1"


def split_ledger_text(model: type[SyncedModel], fields: dict[str, Any]) -> None:
    """An Excel cell of a coded column (技能: 理发、唱歌): the words that name an item become
    codes; with words that do not, the whole text goes to the free-text field (when the
    sheet has no column of its own for it) rather than the row being refused."""
    for coded, (list_code, text_field) in CODED.get(model, {}).items():
        raw = fields.get(coded)
        if raw is None or text_field is None:
            continue
        codes, rest = codes_in_text(list_code, str(raw))
        if not rest:
            continue
        fields[coded] = codes_to_text(codes) if codes else None
        if fields.get(text_field) is None:
            fields[text_field] = str(raw)


# --- the station's communities ------------------------------------------------------------


@dataclass(frozen=True)
class Community:
    code: str
    name: str
    source: str  # station | city
    active: bool


def communities(*, include_hidden: bool = False) -> list[Community]:
    return [Community(str(i.code), str(i.zh), str(i.source), bool(i.active))
            for i in reference.items(COMMUNITY, include_inactive=include_hidden)]


def _clean_name(name: str) -> str:
    text = community_name(name)
    if not text:
        raise ValidationError(_("请填写社区名称", "Please give the community's name"))
    if not fits_as_code(text):
        raise ValidationError(_("社区名称最多 32 个字，且不能含逗号、顿号、分号或斜杠：{}",
                                "A community's name is at most 32 characters, without commas, "
                                "semicolons or slashes: {}").format(text))
    return text


def add_community(name: str) -> Community:
    """A community of this station; one already there (hidden or not) is shown again."""
    text = _clean_name(name)
    with database.atomic():
        known = RefItem.get_or_none((RefItem.list_code == COMMUNITY)
                                    & ((RefItem.code == text) | (RefItem.zh == text)))
        if known is not None:
            known.active = True
            known.save()
        else:
            community_list.insert(text, community_list.next_sort())
    reference.invalidate()
    return next(c for c in communities() if text in (c.code, c.name))


def rename_community(code: str, name: str) -> None:
    """A new name shown for a community; its code (on volunteers and partners) stays."""
    text = _clean_name(name)
    item = RefItem.get_or_none((RefItem.list_code == COMMUNITY) & (RefItem.code == code))
    if item is None:
        raise ValidationError(_("没有这个社区：{}", "There is no community {}").format(code))
    if item.source != "station":
        raise ValidationError(_("“{}”是市级下发的社区，不能在站点修改",
                                "“{}” is on the city's list and cannot be changed here")
                              .format(item.zh))
    item.zh, item.en = text, full_pinyin(text).title() or text
    item.save()
    reference.invalidate()


def hide_community(code: str, hidden: bool = True) -> None:
    """No longer offered (or offered again); rows that name it keep it."""
    changed = (RefItem.update(active=not hidden)
               .where((RefItem.list_code == COMMUNITY) & (RefItem.code == code)).execute())
    if not changed:
        raise ValidationError(_("没有这个社区：{}", "There is no community {}").format(code))
    reference.invalidate()


def offer_typed_communities() -> int:
    """The communities typed on clients and volunteers that the list lacks, added; the
    number added. A hidden one stays hidden. (A save adds its own; this catches what
    came otherwise: packages, rows from before.)"""
    typed: set[str] = set()
    for model in community_list.TYPED:
        column = model._meta.fields["community"]
        rows = (model.select(column).distinct()
                .where((model.deleted == False) & column.is_null(False))  # noqa: E712
                .scalars())
        typed |= {str(text) for text in rows}
    return community_list.offer(typed)


# --- once, for what was stored before -----------------------------------------------------


@dataclass(frozen=True)
class Converted:
    communities: int  # added to the list
    rows: int  # volunteers whose codes were read from their text


def community_code(text: str | None) -> str | None:
    """The code of the community a person typed (its name or code), None if unlisted."""
    name = community_name(text)
    if not name:
        return None
    for item in reference.items(COMMUNITY, include_inactive=True):
        if name in (item.code, item.zh):
            return str(item.code)
    return None


def read_codes_from_text(actor: Actor) -> int:
    """Each volunteer with free-text skills or times and no codes: the codes its words name,
    saved through crud (audited, sent to the city). The number of volunteers changed."""
    changed = 0
    for model, fields in CODED.items():
        pairs = [(c, lst, t) for c, (lst, t) in fields.items() if t is not None]
        if not pairs:
            continue
        for row in model.live():
            values: dict[str, str | None] = {}
            for coded, list_code, text_field in pairs:
                if getattr(row, coded) or not getattr(row, text_field):
                    continue
                codes, _rest = codes_in_text(list_code, getattr(row, text_field))
                if codes:
                    values[coded] = codes_to_text(codes)
            if values:
                crud.update(model, row, values, actor)
                changed += 1
    return changed


def bring_up_to_date(actor: Actor, *, force: bool = False, offer: bool = True) -> Converted:
    """On opening for work: the typed communities offered, and (once per ``VERSION``) the
    free-text skills and times read into codes. ``offer=False``: not the communities (a
    scan of every client, 90 ms at 100,000: the window offers them in the background once
    its first page is up)."""
    added = offer_typed_communities() if offer else 0
    rows = 0
    if force or settings.CODED_FIELDS.get() != VERSION:
        rows = read_codes_from_text(actor)
        settings.CODED_FIELDS.set(VERSION)
    return Converted(added, rows)

