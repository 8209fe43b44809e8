"""Matching needs (精准对接): who could meet an open need, the match, the open-needs list.

A need's suggestions are the active volunteers and the partners, each scored by what
fits: the skill wanted (the need's own, else the skills its category calls for), the
client's community (in the candidate's service areas, or the volunteer's own), a
language the client speaks (闽南话 above 普通话, which nearly everyone speaks), the time
wanted, less what they already carry (needs matched to them and not yet met). Each
suggestion says why in words. A need is closed by the service record that met it
(``records.save_service_record``), not here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import peewee as pw

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import Client, Need, Partner, SyncedModel, Volunteer
from swdesk.model.base import tuples
from swdesk.model.described import text_to_codes
from swdesk.pinyin import sort_key
from swdesk.services import crud
from swdesk.services.coded_fields import community_code
from swdesk.services.display import row_title
from swdesk.services.text_codes import community_name

# The skills a need's category calls for when the need names none (近邻服务类别).
CATEGORY_SKILLS: dict[str, tuple[str, ...]] = {
    "jinglao": ("visiting", "escort", "housework", "cooking", "haircut"),
    "yiliao": ("health", "escort"),
    "fuyou": ("tutoring", "psych"),
    "jikun": ("housework", "repair", "legal"),
    "zhucan": ("escort", "sign_language", "housework"),
    "wenhua": ("culture", "digital"),
    "yude": ("tutoring", "culture"),
    "guanai": ("visiting", "psych"),
}
# Points of each fit; one need matched and not yet met takes LOAD off.
SKILL, CATEGORY_SKILL, COMMUNITY_FIT, DIALECT, COMMON_LANGUAGE, TIME, LOAD = 4, 3, 3, 3, 1, 2, 1
COMMON = "putonghua"  # spoken by nearly everyone: a weak reason on its own


@dataclass(frozen=True)
class Suggestion:
    kind: Literal["volunteer", "partner"]
    id: int
    name: str
    score: int
    reasons: list[str] = field(default_factory=list)
    load: int = 0  # needs matched to them and not yet met


def _codes(stored: str | None) -> set[str]:
    return set(text_to_codes(stored or ""))


def _community_of(client: Client) -> tuple[str | None, str]:
    """The code of the client's community (None if unlisted) and its name as typed."""
    return community_code(client.community), community_name(client.community)


def _loads(column: str) -> dict[int, int]:
    """Per volunteer (or partner): the needs matched to them and not met yet."""
    link = getattr(Need, column)
    rows = (Need.select(link, pw.fn.COUNT(Need.id))
            .where((Need.deleted == False) & (Need.status == "matched")  # noqa: E712
                   & link.is_null(False))
            .group_by(link))
    return {int(who): int(n) for who, n in tuples(rows)}


def _score(need: Need, client: Client, candidate: Volunteer | Partner,
           load: int) -> tuple[int, list[str]]:
    score, reasons = 0, []
    skills = _codes(candidate.skill_codes)
    if need.skill and need.skill in skills:
        score += SKILL
        reasons.append(_("有所需技能：{}", "has the skill: {}").format(
            reference.label("volunteer_skill", need.skill)))
    elif not need.skill:
        fitting = [s for s in CATEGORY_SKILLS.get(need.category, ()) if s in skills]
        if fitting:
            score += CATEGORY_SKILL
            reasons.append(_("技能适合{}需求：{}", "skills for a {} need: {}").format(
                reference.label("service_category", need.category),
                reference.labels("volunteer_skill", fitting)))
    code, name = _community_of(client)
    if code is not None and code in _codes(candidate.service_areas):
        score += COMMUNITY_FIT
        reasons.append(_("服务社区含{}", "serves {}").format(name))
    elif isinstance(candidate, Volunteer) and name and \
            community_name(candidate.community) == name:
        score += COMMUNITY_FIT
        reasons.append(_("同住{}", "lives in {} too").format(name))
    if isinstance(candidate, Volunteer):
        shared = [c for c in text_to_codes(client.languages or "")
                  if c in _codes(candidate.languages)]
        rare = [c for c in shared if c != COMMON]
        if rare:
            score += DIALECT
            reasons.append(_("会说{}", "speaks {}").format(reference.labels("language", rare)))
        elif shared:
            score += COMMON_LANGUAGE
            reasons.append(_("会说{}", "speaks {}").format(reference.labels("language", shared)))
    if need.availability and need.availability in _codes(candidate.availability_codes):
        score += TIME
        reasons.append(_("{}有空", "free at {}").format(
            reference.label("availability", need.availability)))
    if score and load:
        score -= LOAD * load
        reasons.append(_("已有 {} 项对接中的需求", "already has {} need(s) in hand")
                       .format(load))
    return score, reasons


def suggestions(need_id: int | str, limit: int = 10) -> list[Suggestion]:
    """The best ``limit`` volunteers and partners for a need, best first; only those with
    at least one reason to suggest them."""
    need = crud.get(Need, need_id)
    client = crud.get(Client, int(need.client_id))
    found: list[Suggestion] = []
    candidates: Sequence[tuple[Literal["volunteer", "partner"], type[SyncedModel], str]] = (
        ("volunteer", Volunteer, "volunteer"), ("partner", Partner, "partner"))
    for kind, model, column in candidates:
        loads = _loads(column)
        rows = model.live()
        if model is Volunteer:
            rows = rows.where(Volunteer.active == True)  # noqa: E712
        for row in rows:
            load = loads.get(int(row.id), 0)
            score, reasons = _score(need, client, row, load)  # type: ignore[arg-type]
            if reasons and score > 0:
                found.append(Suggestion(kind, int(row.id), row_title(row), score, reasons,
                                          load))
    found.sort(key=lambda s: (-s.score, s.load, sort_key(s.name), s.kind))
    return found[:limit]


def match(station: StationHandle, need_id: int | str, *, volunteer_id: int | None = None,
          partner_id: int | None = None, worker_id: int | None = None) -> Need:
    """Match a need: its volunteer, partner and worker as given (the others kept; the
    worker, if the need has none, the person matching it), status 已对接."""
    with station.bound():
        need = crud.get(Need, need_id)
        if need.status == "closed":
            raise ValidationError(_("该需求已完成，不能再对接", "This need was met already; "
                                    "it cannot be matched again"))
        if volunteer_id is None and partner_id is None and worker_id is None:
            raise ValidationError(_("请选择对接的志愿者、联动资源或社工",
                                    "Choose the volunteer, partner or worker to match"))
        values: dict[str, object] = {"status": "matched"}
        if volunteer_id is not None:
            values["volunteer"] = volunteer_id
        if partner_id is not None:
            values["partner"] = partner_id
        if worker_id is not None:
            values["worker"] = worker_id
        elif need.worker_id is None and station.actor.worker_id is not None:
            values["worker"] = station.actor.worker_id
        return crud.update(Need, need, values, station.actor)


REF_LENGTH = 8  # a need has no number of its own: the start of its uid names it


def need_ref(need: Need) -> str:
    """The short reference the command line shows and takes for a need."""
    return str(need.uid)[:REF_LENGTH]


def find_need(ref: str) -> Need:
    """A live need by its short reference (or uid), or by its client's name when that
    client has one need not yet met."""
    text = ref.strip()
    if len(text) >= 6 and all(ch in "0123456789abcdef-" for ch in text.lower()):
        found = list(Need.live().where(Need.uid.startswith(text.lower())).limit(2))
        if len(found) == 1:
            return found[0]
    waiting = list(Need.live().join(Client, on=(Need.client == Client.id))
                   .where((Client.name == text) & (Need.status != "closed"))
                   .order_by(Need.raised_on, Need.id))
    if len(waiting) == 1:
        return waiting[0]
    if waiting:
        raise ValidationError(_("{}有 {} 项未完成的需求，请用需求号：{}",
                                "{} has {} needs not met yet; use the need's reference: {}")
                              .format(text, len(waiting), "、".join(need_ref(n) for n in waiting)))
    raise ValidationError(_("找不到需求“{}”（用需求号或服务对象姓名）",
                            "No need “{}” (use the need's reference or the client's name)")
                          .format(text))


@dataclass(frozen=True)
class OpenNeed:
    id: int
    ref: str
    client: str
    category: str  # its name
    description: str  # the first line
    status: str  # its name
    raised_on: dt.date
    due_on: dt.date | None
    overdue_days: int  # past its 对接期限; 0 when not past or none
    matched_to: str  # the volunteer, partner or worker matched, if any


def open_needs(station: StationHandle, *, today: dt.date | None = None,
               with_matched: bool = False, worker_id: int | None = None) -> list[OpenNeed]:
    """The needs waiting to be matched (and, ``with_matched``, those matched and not met
    yet): past their deadline first, most overdue first; then by deadline; then the rest
    by the day raised."""
    day = today or dt.date.today()
    statuses = ("open", "matched") if with_matched else ("open",)
    with station.bound():
        query = (Need.select(Need, Client.name).join(Client, on=(Need.client == Client.id))
                 .where((Need.deleted == False) & Need.status.in_(statuses)))  # noqa: E712
        if worker_id is not None:
            query = query.where((Need.worker == worker_id) | Need.worker.is_null())
        out: list[OpenNeed] = []
        for need in query:
            due = need.due_on
            who = [str(x.name) for x in (need.volunteer, need.partner, need.worker) if x]
            out.append(OpenNeed(
                int(need.id), need_ref(need), str(need.client.name),
                reference.label("service_category", need.category),
                str(need.description or "").splitlines()[0] if need.description else "",
                reference.label("need_status", need.status), need.raised_on, due,
                max((day - due).days, 0) if due else 0, "、".join(who)))
    out.sort(key=lambda n: (n.overdue_days == 0, -n.overdue_days,
                            n.due_on or dt.date.max, n.raised_on, n.id))
    return out
