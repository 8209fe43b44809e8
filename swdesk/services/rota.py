"""The volunteers' visit rota (邻里守望排班表) and its returned slip (回执).

A week's rota lists, per volunteer, the clients they are the assigned visitor of whose
visit falls due that week (the work list's visit tasks, ``services/tasks.py``). A row
carries the client as a volunteer may see them (``display.name_for_volunteer`` …), never
more: the paper leaves the station. The slip comes back ticked; each ticked row becomes
a 邻里守望 service record with the volunteer and their hours, all in one transaction, and
an unticked row (or one ticked 未见到) stays due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from swdesk import validation as v
from swdesk import visit_rules
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import Client, ServiceRecord, Volunteer, database
from swdesk.model.described import text_to_codes
from swdesk.services import crud, numbers_seen, records, tasks
from swdesk.services.actor import Actor
from swdesk.services.display import address_for_volunteer, name_for_volunteer, phone_for_volunteer
from swdesk.services.this_station import current_station

Outcome = Literal["visited", "phoned", "not_seen"]
# The slip's tick boxes, in the order printed: (outcome, zh, en).
OUTCOMES: tuple[tuple[Outcome, str, str], ...] = (
    ("visited", "探访了", "Visited"), ("phoned", "电话", "Phoned"),
    ("not_seen", "未见到", "Not seen"))
# Outcomes that are a visit done: a record is written; 未见到 leaves the visit due.
DONE: dict[str, tuple[str, str]] = {
    "visited": ("邻里守望探访", "Neighbourhood care visit"),
    "phoned": ("邻里守望电话问候", "Neighbourhood care call"),
}


@dataclass(frozen=True)
class RotaRow:
    """One visit due in the week, as the rota prints it and the slip's checklist lists it."""

    volunteer_id: int
    volunteer_name: str
    client_id: int
    client_name: str  # in full: for the worker entering the slip, never printed
    due_on: dt.date
    way: str | None  # contact_way code the rule asks for (home_visit, phone)
    task_key: str
    shown_name: str  # what the volunteer sees: 王秀*
    shown_address: str  # 前埔社区 莲岳里12号楼…
    shown_phone: str  # 尾号 5678


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and Sunday of ``day``'s week."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def rota_rows(station: StationHandle, week_start: dt.date,
              volunteer_id: int | None = None) -> list[RotaRow]:
    """The week's visits that have a volunteer as visitor (one volunteer's, if given): the
    work list's visit tasks due by the week's Sunday, overdue ones too (still to be
    done). Whose clients: as the work list has it (a worker's own, the head's all)."""
    monday, sunday = week_of(week_start)
    visits = [t for t in tasks.compute(station, today=monday, until=sunday, kinds=("visit",))
              if t.volunteer_id is not None and t.client_id is not None
              and (volunteer_id is None or t.volunteer_id == volunteer_id)]
    with station.bound():
        clients = {c.id: c for c in Client.select().where(
            Client.id.in_([t.client_id for t in visits]))}
        volunteers = {v.id: v for v in Volunteer.live().where(
            Volunteer.id.in_([t.volunteer_id for t in visits]))}
    return [rota_row(clients[t.client_id], volunteers[t.volunteer_id], t.due_on, t.way, t.key)
            for t in visits if t.volunteer_id in volunteers and t.client_id in clients]


def handle_of_bound(actor: Actor) -> StationHandle:
    """The station whose database the models are bound to, ``actor`` acting: for the
    printout's registry, which is given an actor and prints from the bound station."""
    db = database.obj
    return StationHandle(Path(str(db.database)).parent, db, actor)


def find_volunteer(ref: str) -> Volunteer:
    """A live volunteer by volunteer number, id or name (one of that name)."""
    text = ref.strip()
    named = list(Volunteer.live().where(Volunteer.name == text).limit(2))
    if len(named) == 1:
        return named[0]
    if len(named) > 1:
        raise ValidationError(_("有多位志愿者叫“{}”，请用志愿者编号",
                                "More than one volunteer is called “{}”; use the volunteer "
                                "number").format(text))
    return numbers_seen.find_volunteer(text)


def rota_row(client: Client, volunteer: Volunteer, due_on: dt.date, way: str | None,
             task_key: str) -> RotaRow:
    """A row of the rota, the client masked to what a volunteer may see."""
    return RotaRow(int(volunteer.id), str(volunteer.name), int(client.id), str(client.name),
                   due_on, way, task_key, name_for_volunteer(client.name),
                   address_for_volunteer(client.address, client.community),
                   phone_for_volunteer(client.phone))


@dataclass(frozen=True)
class SlipEntry:
    """What the slip says of one row: the box ticked (None: nothing), hours, a note."""

    row: RotaRow
    outcome: Outcome | None
    on: dt.date | None = None  # the day it was done; the due day (not after today) if None
    hours: Decimal | str | float | None = None  # the volunteer's hours, if written
    note: str = ""


# 近邻服务类别 and 服务领域 of a care visit, by the client's target groups (first match).
def _record_values(entry: SlipEntry, client: Client, worker_id: int | None,
                   today: dt.date) -> dict[str, object]:
    outcome = entry.outcome or "visited"
    zh, en = DONE[outcome]
    on = entry.on or min(entry.row.due_on, today)
    category, field = visit_rules.care_category(text_to_codes(client.target_groups))
    content = _("{}（志愿者{}，回执录入）", "{} (volunteer {}, from the returned slip)").format(
        _(zh, en), entry.row.volunteer_name)
    if entry.note.strip():
        content += "\n" + entry.note.strip()
    station = current_station()
    return {"date": on, "kind": "individual", "category": category, "field": field,
            "title": _(zh, en), "content": content, "care_visit": True,
            "worker": worker_id, "station": station.id if station is not None else None}


def enter_slip(station: StationHandle, rows_done: Sequence[SlipEntry], *,
               today: dt.date | None = None) -> list[ServiceRecord]:
    """Record a returned slip: a care-visit record for each row ticked 探访了 or 电话, the
    volunteer on it with the hours written (0 when none were); all or nothing.

    A row ticked 未见到, or not ticked, writes nothing and stays due.
    """
    day = today or dt.date.today()
    done = [e for e in rows_done if e.outcome in DONE]
    written: list[ServiceRecord] = []
    with station.bound(), database.atomic():
        for entry in done:
            if entry.on is not None and entry.on > day:
                raise ValidationError(_("{}：探访日期 {} 晚于今天", "{}: the visit date {} is "
                                        "after today").format(entry.row.client_name, entry.on))
            try:
                hours = v.parse_hours(entry.hours) if entry.hours not in (None, "") else Decimal(0)
            except ValidationError as exc:
                raise ValidationError(_("{}：时长 {}", "{}: hours: {}").format(
                    entry.row.client_name, exc)) from None
            client = crud.get(Client, entry.row.client_id)
            crud.get(Volunteer, entry.row.volunteer_id)  # still there, not deleted
            worker = client.visitor_worker_id or station.actor.worker_id
            values = _record_values(entry, client, worker, day)
            written.append(records.save_service_record(
                values, [entry.row.client_id], [(entry.row.volunteer_id, hours)], [],
                station.actor))
    return written
