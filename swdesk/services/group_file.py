"""A group's file as the page and the printouts read it: members with their attendance,
sessions with who came, and each member's pre- and post-measure compared.

A handful of queries for the whole group, whatever its size; names masked by the
client privacy rule (:func:`swdesk.privacy.visible_clients`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from swdesk import privacy
from swdesk.model import (
    Client,
    GroupMember,
    QuestionnaireResponse,
    ServiceParticipant,
    ServiceRecord,
    WorkGroup,
    describe,
)
from swdesk.model.base import tuples
from swdesk.services import crud, display
from swdesk.services.actor import Actor


@dataclass(frozen=True, slots=True)
class MemberLine:
    member_id: int
    client_id: int
    name: str  # masked where the actor may not see it
    joined_on: dt.date | None
    left_on: dt.date | None
    attended: int  # sessions attended

    def rate(self, held: int) -> float | None:
        """The share of the sessions held that the member attended (None before any)."""
        return self.attended / held if held else None


@dataclass(frozen=True, slots=True)
class SessionLine:
    record_id: int
    session_no: int | None
    date: dt.date
    title: str
    attendance: tuple[int, ...]  # client ids, in the order they were ticked
    headcount: int


@dataclass(frozen=True, slots=True)
class MeasureLine:
    """A member's pre- and post-measure (the newest of each phase for the group)."""

    client_id: int
    name: str
    pre: int | None
    pre_band: str
    post: int | None
    post_band: str

    @property
    def change(self) -> int | None:
        return self.post - self.pre if self.pre is not None and self.post is not None else None


@dataclass(frozen=True)
class GroupFile:
    group: WorkGroup
    members: list[MemberLine]
    sessions: list[SessionLine]
    measures: list[MeasureLine]

    @property
    def held(self) -> int:
        return len(self.sessions)

    @property
    def planned(self) -> int | None:
        return self.group.planned_sessions

    def name_of(self, client_id: int) -> str:
        for member in self.members:
            if member.client_id == client_id:
                return member.name
        return ""


def group_file(group_id: int | str, actor: Actor) -> GroupFile:
    """The group ``group_id`` (id or uid) with its members, sessions and measures."""
    group = crud.get(WorkGroup, group_id)
    visible = privacy.visible_clients(actor)
    name_spec = describe(Client).field("name")

    def shown(client_id: int, name: str) -> str:
        if visible is None or client_id in visible or not name_spec.personal:
            return name
        return display.mask(name, name_spec.personal)

    sessions = list(ServiceRecord.select(
        ServiceRecord.id, ServiceRecord.session_no, ServiceRecord.date, ServiceRecord.title,
        ServiceRecord.headcount).where(
        (ServiceRecord.work_group == group.id) & (ServiceRecord.deleted == False))  # noqa: E712
        .order_by(ServiceRecord.session_no, ServiceRecord.date, ServiceRecord.id))
    came: dict[int, list[int]] = {}
    if sessions:
        query = (ServiceParticipant.select(ServiceParticipant.record, ServiceParticipant.client)
                 .where(ServiceParticipant.record.in_([s.id for s in sessions]))
                 .order_by(ServiceParticipant.id))
        for record_id, client_id in tuples(query):
            came.setdefault(record_id, []).append(client_id)
    session_lines = [SessionLine(int(s.id), s.session_no, s.date, s.title,
                                 tuple(came.get(s.id, ())), int(s.headcount or 0))
                     for s in sessions]
    counts: dict[int, int] = {}
    for line in session_lines:
        for client_id in line.attendance:
            counts[client_id] = counts.get(client_id, 0) + 1
    members = [MemberLine(int(m.id), client_id, shown(client_id, name), m.joined_on, m.left_on,
                          counts.get(client_id, 0))
               for m, client_id, name in (
                   (row, row.client_id, row.client.name) for row in
                   GroupMember.select(GroupMember, Client).join(Client)
                   .where((GroupMember.work_group == group.id)
                          & (GroupMember.deleted == False))  # noqa: E712
                   .order_by(GroupMember.joined_on, GroupMember.id))]
    return GroupFile(group, members, session_lines, _measures(int(group.id), members))


def _measures(group_id: int, members: list[MemberLine]) -> list[MeasureLine]:
    newest: dict[tuple[int, str], tuple[int | None, str]] = {}
    query = (QuestionnaireResponse.select(
        QuestionnaireResponse.client, QuestionnaireResponse.phase,
        QuestionnaireResponse.score, QuestionnaireResponse.band)
        .where((QuestionnaireResponse.work_group == group_id)
               & (QuestionnaireResponse.deleted == False)  # noqa: E712
               & QuestionnaireResponse.phase.in_(["pre", "post"]))
        .order_by(QuestionnaireResponse.date, QuestionnaireResponse.id))
    for client_id, phase, score, band in tuples(query):
        if client_id is not None:
            newest[(client_id, phase)] = (score, band or "")  # the last one wins
    out = []
    for m in members:
        pre, pre_band = newest.get((m.client_id, "pre"), (None, ""))
        post, post_band = newest.get((m.client_id, "post"), (None, ""))
        out.append(MeasureLine(m.client_id, m.name, pre, pre_band, post, post_band))
    return out
