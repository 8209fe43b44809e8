"""Service records with what travels inside them: participants, volunteers' hours, partners."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from swdesk import validation as v
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import (
    Client,
    Need,
    Partner,
    ServiceParticipant,
    ServicePartner,
    ServiceRecord,
    SyncedModel,
    Volunteer,
    VolunteerHour,
    database,
)
from swdesk.model.described import parse_money
from swdesk.services import crud
from swdesk.services.actor import Actor
from swdesk.services.display import row_title

VolunteerEntry = tuple[int, Any]  # (volunteer id, hours)
PartnerEntry = tuple[int, str, Any]  # (partner id, contribution, value in yuan or None)


@dataclass(frozen=True, slots=True)
class Participant:
    id: int  # the client's
    title: str


@dataclass(frozen=True, slots=True)
class VolunteerLine:
    id: int  # the volunteer's
    title: str
    hours: Decimal


@dataclass(frozen=True, slots=True)
class PartnerLine:
    id: int  # the partner's
    title: str
    contribution: str
    value: Decimal | None  # in yuan


@dataclass
class RecordDetail:
    """A record with the people and partners in it, as its page shows them."""

    record: ServiceRecord  # the row its form edits
    participants: list[Participant]
    volunteers: list[VolunteerLine]
    partners: list[PartnerLine]


def _live_ids(model: type[SyncedModel], ids: Sequence[int], what: str) -> list[int]:
    unique = list(dict.fromkeys(int(i) for i in ids))
    found = {r.id for r in model.select(model.id).where(
        model.id.in_(unique) & (model.deleted == False))}  # noqa: E712
    missing = [i for i in unique if i not in found]
    if missing:
        raise ValidationError(_("所选的{}不存在或已删除", "The selected {} no longer exist(s)")
                              .format(what))
    return unique


def save_service_record(values: Mapping[str, Any], participants: Sequence[int],
                        volunteers: Sequence[VolunteerEntry], partners: Sequence[PartnerEntry],
                        actor: Actor, record_id: int | None = None,
                        base_version: int | None = None) -> ServiceRecord:
    """Create or edit a record and its participants, volunteer hours and partners at once."""
    with database.atomic():
        clients = _live_ids(Client, participants, _("服务对象", "clients"))
        hours = _parse_volunteers(volunteers)
        gifts = _parse_partners(partners)
        fields = dict(values)
        before = None if record_id is None else crud.get(ServiceRecord, record_id)
        need_before = None if before is None else before.need_id  # (update changes before)
        given = fields.get("headcount")
        headcount = (v.parse_int(given) if given not in (None, "")
                     else (before.headcount if before is not None else 0))
        # person-times cannot be fewer than the people named
        fields["headcount"] = max(headcount or 0, len(clients))
        if before is None:
            record = crud.create(ServiceRecord, fields, actor)
        else:
            old_version = before.version
            record = crud.update(ServiceRecord, before, fields, actor,
                                 base_version=base_version)
        if not clients and not record.headcount:
            raise ValidationError({"headcount": _(
                "请选择参与的服务对象，或填写参与人次", "Choose the participants or enter a head "
                "count")})
        changed = _replace_participants(record, clients) + _replace_partners(record, gifts)
        if changed and before is not None and record.version == old_version:
            crud.touch(record, actor, changed)  # one new version per save, not two
        _sync_volunteer_hours(record, hours, actor)
        _close_the_need(record, clients, need_before, actor)
    return record


def _close_the_need(record: ServiceRecord, clients: list[int], need_before: int | None,
                    actor: Actor) -> None:
    """A need is closed by the record that met it, in the record's transaction; a need the
    record no longer names goes back to 已对接 (or 待对接 when no one was matched)."""
    if need_before is not None and need_before != record.need_id:
        old = Need.get_or_none(Need.id == need_before)
        if old is not None and not old.deleted and old.status == "closed":
            matched = old.volunteer_id or old.partner_id or old.worker_id
            crud.update(Need, old, {"status": "matched" if matched else "open"}, actor)
    if record.need_id is None:
        return
    need = crud.get(Need, int(record.need_id))
    if clients and need.client_id not in clients:
        raise ValidationError({"need": _(
            "所选需求属于{}，不在本次服务对象中", "The need chosen is {}'s, who is not among "
            "this record's participants").format(row_title(need.client))})
    if need.status != "closed":
        crud.update(Need, need, {"status": "closed"}, actor)


def _parse_volunteers(volunteers: Sequence[VolunteerEntry]) -> dict[int, Decimal]:
    ids = _live_ids(Volunteer, [vid for vid, _h in volunteers], _("志愿者", "volunteers"))
    if len(ids) != len(volunteers):
        raise ValidationError(_("同一位志愿者只能出现一次", "Each volunteer may appear once"))
    return {int(vid): v.parse_hours(h) for vid, h in volunteers}


def _parse_partners(partners: Sequence[PartnerEntry]) -> dict[int, tuple[str, Decimal | None]]:
    _live_ids(Partner, [pid for pid, _c, _v in partners], _("联动资源", "partners"))
    out: dict[int, tuple[str, Decimal | None]] = {}
    for pid, contribution, value in partners:
        amount = None if value in (None, "") else parse_money(value)
        out[int(pid)] = (v.require_text(contribution, 200), amount)
    return out


def _replace_participants(record: ServiceRecord, clients: list[int]) -> list[str]:
    current = [p.client_id for p in ServiceParticipant.select().where(
        ServiceParticipant.record == record.id).order_by(ServiceParticipant.id)]
    if set(current) == set(clients):
        return []
    ServiceParticipant.delete().where(ServiceParticipant.record == record.id).execute()
    if clients:
        ServiceParticipant.insert_many([{"record": record.id, "client": c}
                                        for c in clients]).execute()
    return ["participants"]


def _replace_partners(record: ServiceRecord,
                      gifts: dict[int, tuple[str, Decimal | None]]) -> list[str]:
    current = {p.partner_id: (p.contribution, p.value) for p in ServicePartner.select().where(
        ServicePartner.record == record.id)}
    if current == gifts:
        return []
    ServicePartner.delete().where(ServicePartner.record == record.id).execute()
    for pid, (contribution, value) in gifts.items():
        ServicePartner.create(record=record.id, partner=pid, contribution=contribution,
                              value=value)
    return ["partners"]


def _sync_volunteer_hours(record: ServiceRecord, hours: dict[int, Decimal], actor: Actor) -> None:
    """Volunteer hours are ledger rows of their own (certificates print from them)."""
    existing = {h.volunteer_id: h for h in VolunteerHour.live().where(
        VolunteerHour.record == record.id)}
    for vid, entry in existing.items():
        if vid not in hours:
            crud.delete(VolunteerHour, entry, actor)
        elif entry.hours != hours[vid] or entry.date != record.date:
            crud.update(VolunteerHour, entry, {"hours": hours[vid], "date": record.date}, actor)
    for vid, amount in hours.items():
        if vid not in existing:
            crud.create(VolunteerHour, {"volunteer": vid, "date": record.date, "hours": amount,
                                        "content": record.title, "record": record.id,
                                        "project": record.project_id}, actor)


def record_detail(record_id: int) -> RecordDetail:
    record = crud.get(ServiceRecord, record_id)
    participants = [Participant(c.id, row_title(c)) for c in Client.select().join(
        ServiceParticipant, on=(ServiceParticipant.client == Client.id))
        .where(ServiceParticipant.record == record.id).order_by(ServiceParticipant.id)]
    volunteers = [VolunteerLine(h.volunteer_id, row_title(h.volunteer), h.hours)
                  for h in VolunteerHour.live().where(VolunteerHour.record == record.id)
                  .order_by(VolunteerHour.id)]
    partners = [PartnerLine(p.partner_id, row_title(p.partner), p.contribution, p.value)
                for p in ServicePartner.select().where(ServicePartner.record == record.id)
                .order_by(ServicePartner.id)]
    return RecordDetail(record, participants, volunteers, partners)
