"""Group work (小组): a group's plan, its members, its sessions and its end.

A session is a service record of kind ``group`` linked to its group (``work_group``,
``session_no``): it counts in every figure as the service it is, and its participants
are the attendance, taken from the members. The group's file (what the page and the
printouts show) is read by :func:`group_file`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import peewee as pw

from swdesk import validation as v
from swdesk.errors import NotFoundError, ValidationError
from swdesk.i18n import _
from swdesk.model import (
    GroupMember,
    ServiceParticipant,
    ServiceRecord,
    WorkGroup,
    database,
)
from swdesk.services import crud, records
from swdesk.services.actor import Actor
from swdesk.services.group_file import (
    GroupFile,
    MeasureLine,
    MemberLine,
    SessionLine,
    group_file,
)

__all__ = ["GroupFile", "MeasureLine", "MemberLine", "SessionLine", "add_member",
           "delete_session", "end_group", "find_group", "group_file", "next_session_no",
           "remove_member", "save_group", "save_session", "sessions_of", "set_attendance"]

# Filled in by the group, never typed into a session.
FROM_GROUP = ("kind", "category", "field", "project", "work_group")
# The pre/post scale a group measures with until its first measure names one (shipped in
# swdesk/data; the city may send others).
DEFAULT_SCALE = "social_support"


def measure_scale(group: WorkGroup) -> str:
    """The questionnaire a group's pre- and post-tests are filled in on."""
    return group.scale or DEFAULT_SCALE


def save_group(values: Mapping[str, Any], actor: Actor, group_id: int | None = None,
               base_version: int | None = None) -> WorkGroup:
    """Create a group with its plan (numbered by the rules) or edit it."""
    if group_id is None:
        return crud.create(WorkGroup, {"status": "planned", **values}, actor)
    return crud.update(WorkGroup, group_id, values, actor, base_version=base_version)


def find_group(ref: int | str) -> WorkGroup:
    """A live group by the number people see (XM-SM-001-G2026-003), its id or its uid."""
    text = str(ref).strip()
    found = WorkGroup.live().where(WorkGroup.group_no == text.upper()).first()
    if found is not None:
        return found
    try:
        return crud.get(WorkGroup, text)
    except NotFoundError:
        raise NotFoundError(_("找不到小组：{}", "No group numbered {}").format(text)) from None


def _live_group(group_id: int | str | WorkGroup) -> WorkGroup:
    return crud.get(WorkGroup, group_id)


def add_member(group_id: int, client_id: int, actor: Actor, *,
               joined_on: Any = None, note: str | None = None) -> GroupMember:
    """Add a client to a group (once per group); joined today unless said otherwise."""
    group = _live_group(group_id)
    if group.status in ("ended", "cancelled"):
        raise ValidationError(_("小组已结束或已取消，不能再添加组员",
                                "The group has ended or was cancelled; no members can be "
                                "added"))
    values: dict[str, Any] = {"work_group": group.id, "client": client_id,
                              "joined_on": joined_on or dt.date.today()}
    if note:
        values["note"] = note
    return crud.create(GroupMember, values, actor)


def remove_member(member_id: int, actor: Actor, *, left_on: Any = None) -> str:
    """Take a member out of the group.

    A member who never attended is removed ("removed"); one who attended stays in the
    group's file with the date they left ("left"), so that the sessions' attendance and
    the summary's rates keep them.
    """
    with database.atomic():
        member = crud.get(GroupMember, member_id)
        if not _attended(member.work_group_id, member.client_id):
            crud.delete(GroupMember, member, actor)
            return "removed"
        day = v.parse_date(left_on) if left_on not in (None, "") else dt.date.today()
        if member.joined_on is not None and day < member.joined_on:
            day = member.joined_on
        crud.update(GroupMember, member, {"left_on": day}, actor)
        return "left"


def _attended(group_id: int, client_id: int) -> bool:
    return bool(ServiceParticipant.select().join(
        ServiceRecord, on=(ServiceParticipant.record == ServiceRecord.id))
        .where((ServiceRecord.work_group == group_id)
               & (ServiceRecord.deleted == False)  # noqa: E712
               & (ServiceParticipant.client == client_id)).exists())


def sessions_of(group_id: int) -> pw.ModelSelect[ServiceRecord]:
    """The group's live sessions, by number."""
    return (ServiceRecord.live().where(ServiceRecord.work_group == group_id)
            .order_by(ServiceRecord.session_no, ServiceRecord.date, ServiceRecord.id))


def next_session_no(group_id: int) -> int:
    """The number a new session takes: one after the highest so far."""
    highest = (ServiceRecord.select(pw.fn.MAX(ServiceRecord.session_no))
               .where((ServiceRecord.work_group == group_id)
                      & (ServiceRecord.deleted == False))  # noqa: E712
               .scalar())
    return int(highest or 0) + 1


def _member_ids(group_id: int) -> dict[int, GroupMember]:
    return {m.client_id: m for m in GroupMember.live().where(GroupMember.work_group == group_id)}


def _check_attendance(group: WorkGroup, day: dt.date, attendance: Sequence[int]) -> list[int]:
    members = _member_ids(int(group.id))
    unique = list(dict.fromkeys(int(c) for c in attendance))
    strangers = [c for c in unique if c not in members]
    if strangers:
        raise ValidationError({"attendance": _(
            "出席者须是本小组的组员（有 {} 人不是）",
            "Those who attended must be members of the group ({} are not)").format(
            len(strangers))})
    gone = [c for c in unique if (left := members[c].left_on) is not None and left < day]
    if gone:
        raise ValidationError({"attendance": _(
            "有 {} 名组员在这一节之前已退出小组", "{} member(s) had left the group before this "
            "session").format(len(gone))})
    return unique


def save_session(group_id: int, values: Mapping[str, Any], attendance: Sequence[int],
                 actor: Actor, *, guests: Any = 0, record_id: int | None = None,
                 base_version: int | None = None) -> ServiceRecord:
    """Record a session (or edit one): a service record of the group with its attendance.

    ``values``: date, title, content, observations, place, duration_min, worker,
    session_no (the next number if not given). The kind, category, field and project
    come from the group; the head count is the attendance plus ``guests``.
    """
    with database.atomic():
        group = _live_group(group_id)
        if group.status == "cancelled":
            raise ValidationError(_("小组已取消，不能记录活动节次",
                                    "The group was cancelled; no session can be recorded"))
        before = crud.get(ServiceRecord, record_id) if record_id is not None else None
        if before is not None and before.work_group_id != group.id:
            raise ValidationError(_("这条服务记录不是本小组的活动节次",
                                    "This service record is not a session of this group"))
        fields = {k: val for k, val in values.items() if k not in FROM_GROUP}
        errors: dict[str, str] = {}
        try:
            day = _required_date(fields.get("date"))
        except ValidationError as exc:
            raise ValidationError({"date": _("{}：{}", "{}: {}").format(
                _("服务日期", "Date"), str(exc))}) from None
        number = _session_no(group, fields.get("session_no"), before, errors)
        try:
            extra = v.parse_int(guests, 0, 10_000) if guests not in (None, "") else 0
        except ValidationError as exc:
            errors["guests"] = _("{}：{}", "{}: {}").format(_("非组员人数", "Guests"), str(exc))
            extra = 0
        try:
            clients = _check_attendance(group, day, attendance)
        except ValidationError as exc:
            errors.update(exc.errors)
            clients = []
        if errors:
            raise ValidationError(errors)
        if not fields.get("title"):
            fields["title"] = _("{} 第{}节", "{} session {}").format(group.name, number)
        if not fields.get("worker") and group.worker_id is not None:
            fields["worker"] = group.worker_id
        fields.update({"kind": "group", "category": group.category, "field": group.field,
                       "project": group.project_id, "work_group": group.id,
                       "session_no": number, "headcount": len(clients) + extra})
        if before is None and not clients and not extra:
            raise ValidationError({"attendance": _("请勾选出席的组员",
                                                   "Tick the members who attended")})
        kept = records.record_detail(int(before.id)) if before is not None else None
        record = records.save_service_record(
            fields, clients,
            [(line.id, line.hours) for line in kept.volunteers] if kept else [],
            [(p.id, p.contribution, p.value) for p in kept.partners] if kept else [],
            actor, record_id=record_id, base_version=base_version)
        if group.status == "planned":  # its first session: the group is under way
            crud.update(WorkGroup, group, {"status": "running"}, actor)
        return record


def _session_no(group: WorkGroup, given: Any, before: ServiceRecord | None,
                errors: dict[str, str]) -> int:
    label = _("节次", "Session")
    try:
        number = v.parse_int(given, 1, 99) if given not in (None, "") else None
    except ValidationError as exc:
        errors["session_no"] = _("{}：{}", "{}: {}").format(label, str(exc))
        return 1
    if number is None:
        return int(before.session_no) if before is not None and before.session_no else \
            next_session_no(int(group.id))
    clash = sessions_of(int(group.id)).where(ServiceRecord.session_no == number)
    if before is not None:
        clash = clash.where(ServiceRecord.id != before.id)
    if clash.exists():
        errors["session_no"] = _("本小组已有第 {} 节的记录", "This group already has a "
                                 "session {}").format(number)
    return number


def set_attendance(record_id: int, attendance: Sequence[int], actor: Actor, *,
                   guests: Any = None) -> ServiceRecord:
    """Change who attended a session (``guests`` None keeps those not named)."""
    with database.atomic():
        record = crud.get(ServiceRecord, record_id)
        if record.work_group_id is None:
            raise ValidationError(_("这条服务记录不是小组活动节次",
                                    "This service record is not a group session"))
        named = ServiceParticipant.select().where(ServiceParticipant.record == record.id).count()
        if guests is None:
            guests = max(0, int(record.headcount or 0) - named)
        return save_session(int(record.work_group_id), {"date": record.date}, attendance,
                            actor, guests=guests, record_id=int(record.id))


def delete_session(record_id: int, actor: Actor) -> None:
    record = crud.get(ServiceRecord, record_id)
    if record.work_group_id is None:
        raise ValidationError(_("这条服务记录不是小组活动节次",
                                "This service record is not a group session"))
    crud.delete(ServiceRecord, record, actor)


def end_group(group_id: int, ended_on: Any, summary: str, actor: Actor) -> WorkGroup:
    """End the group with its summary (小组总结), on or after its last session."""
    with database.atomic():
        group = _live_group(group_id)
        errors: dict[str, str] = {}
        day: dt.date | None = None
        try:
            day = _required_date(ended_on)
        except ValidationError as exc:
            errors["ended_on"] = _("{}：{}", "{}: {}").format(_("结束日期", "Ended on"), str(exc))
        if not str(summary or "").strip():
            errors["summary"] = _("小组总结：不能为空", "Summary: required")
        last = (ServiceRecord.select(pw.fn.MAX(ServiceRecord.date))
                .where((ServiceRecord.work_group == group.id)
                       & (ServiceRecord.deleted == False))  # noqa: E712
                .scalar())
        if day is not None and last is not None and day < _as_date(last):
            errors["ended_on"] = _("结束日期不能早于最后一节（{}）",
                                   "The end cannot be before the last session ({})").format(
                _as_date(last).isoformat())
        if errors:
            raise ValidationError(errors)
        return crud.update(WorkGroup, group, {"status": "ended", "ended_on": day,
                                              "summary": summary}, actor)


def _required_date(raw: Any) -> dt.date:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationError(_("此项为必填项", "This field is required."))
    return v.parse_date(raw)


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
