"""A small enrolled station and its hub for the kept figures' recount test
(``test_kept_recount.py``): made once, copied for every example, and the steps a worker
takes on it, each through the core function the window or the command line calls.

A step names the rows it works on by a number taken modulo the live rows of that kind
(``pick``), so any list of steps runs on any state and a failing list shrinks to a
short one that reads as what was done.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from swdesk import reference
from swdesk.city import db as city_db
from swdesk.city.corrections import correct
from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db import StationDatabase, open_station
from swdesk.errors import SwdeskError
from swdesk.handle import StationHandle
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Project,
    ServiceRecord,
    Volunteer,
    VolunteerHour,
    Worker,
    database,
)
from swdesk.services import activities, backups, crud, groups, records
from swdesk.services import station as station_service
from swdesk.services.actor import Actor
from swdesk.services.case_closure import Closure, close_case
from swdesk.sync import apply, enrolment, export

CODE = "XM-SM-001"
ADMIN = Actor("admin", "admin")  # a restore is the administrator's
# The steps' dates: three months over a year's end, all in the past.
FIRST_DAY = dt.date(2025, 11, 10)
LAST_DAY = dt.date(2026, 2, 12)
DAYS = (LAST_DAY - FIRST_DAY).days
OPENED = dt.date(2025, 11, 1)  # the template's cases and the group's members, from then
CLIENTS = (("陈阿婆", "elderly,elderly_alone"), ("林阿公", "elderly"), ("黄阿姨", "disabled"),
           ("吴大爷", ""), ("郑奶奶", "low_income,elderly"), ("蔡叔", "veteran"))
RECORD_HEADINGS = ["服务日期", "服务类型", "近邻类别", "领域", "主题", "参与人次", "参与对象",
                   "所属项目", "邻里守望探访", "志愿者", "志愿时长"]
KIND_WORDS = {"individual": "个人服务", "group": "小组活动", "community": "社区活动"}


def day(n: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=n % (DAYS + 1))


@dataclass
class World:
    """One copy of the template: the hub and the station, open, the station bound."""

    root: Path
    hub: city_db.City
    sdb: StationDatabase
    ids: dict[str, Any]
    backups: list[Path] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # what each step did, in words

    @property
    def handle(self) -> StationHandle:
        return StationHandle.of(self.sdb, ADMIN)

    def use(self) -> None:
        database.initialize(self.sdb.db)
        reference.invalidate()

    def close(self) -> None:
        self.sdb.close()
        self.hub.close()

    def project(self, n: int) -> int | None:
        """0: no project; else one of the two."""
        return None if n % 3 == 0 else self.ids["projects"][n % 3 - 1]

    def clients(self, picks: tuple[int, ...]) -> list[int]:
        ids = self.ids["clients"]
        return list(dict.fromkeys(ids[p % len(ids)] for p in picks))

    def say(self, text: str) -> None:
        self.done.append(text)


def live(model: Any, pick: int, *extra: Any) -> Any:
    rows = list(model.live().where(*extra).order_by(model.id)) if extra else \
        list(model.live().order_by(model.id))
    return rows[pick % len(rows)] if rows else None


def make_template(root: Path) -> dict[str, Any]:
    """The hub (SQLite) and an enrolled station with two projects, six clients, two
    cases, a group with four members and two volunteers; their ids, kept beside them."""
    hub = city_db.init_city(root / "hub", None, "厦门市民政局")
    enrol_file = enroll_station(hub, CODE, "嘉莲街道社工站", root / "enrol.json")
    sdb = open_station(root / CODE, create=True)
    database.initialize(sdb.db)
    reference.invalidate()
    station_service.init_station(CODE, "嘉莲街道社工站", "station", "siming")
    enrolment.enrol(enrol_file, fingerprint=hub.keys.public().fingerprint())
    actor = Actor("lihua", "worker")
    worker = crud.create(Worker, {"name": "李华"}, actor)
    projects = [crud.create(Project, {
        "name": name, "purchaser": "嘉莲街道办事处", "start_on": dt.date(2025, 7, 1),
        "end_on": dt.date(2026, 6, 30), "budget": "300000"}, actor)
        for name in ("长者关爱项目", "邻里守望项目")]
    clients = [crud.create(Client, {"name": name, "target_groups": groups_ or None}, actor)
               for name, groups_ in CLIENTS]
    cases = [crud.create(Case, {"client": clients[n].id, "opened_on": OPENED, "stage": "plan",
                                "problem": "独居，行动不便", "project": project}, actor)
             for n, project in ((0, projects[0].id), (1, None))]
    group = groups.save_group({
        "name": "长者健康互助小组", "category": "jinglao", "field": "welfare",
        "aims": "增进健康知识", "planned_start": OPENED, "planned_sessions": 8,
        "project": projects[0].id, "worker": worker.id}, actor)
    for c in clients[1:5]:
        groups.add_member(int(group.id), int(c.id), actor, joined_on=OPENED)
    volunteers = [crud.create(Volunteer, {"name": name}, actor) for name in ("林志强", "黄美玲")]
    # Some rows already there, so that the first steps can edit and delete.
    for n, (kind, project, people) in enumerate((
            ("individual", projects[0].id, [clients[0].id]),
            ("community", projects[1].id, [clients[1].id, clients[2].id]),
            ("group", None, [clients[3].id]), ("individual", None, []))):
        records.save_service_record({
            "date": day(n * 29), "kind": kind, "category": "jinglao", "field": "welfare",
            "title": "入户探访", "project": project, "care_visit": n % 2 == 0,
            "headcount": 3}, people, [(volunteers[0].id, "1.5")] if n == 1 else [], [], actor)
    groups.save_session(int(group.id), {"date": day(50)}, [int(clients[1].id)], actor)
    for n, case in enumerate(cases * 2):
        crud.create(CaseLog, {"case": case.id, "date": day(17 + n * 23), "way": "phone",
                              "content": "电话回访", "care_visit": n == 1}, actor)
    for n, project in enumerate((projects[1].id, None)):
        crud.create(VolunteerHour, {"volunteer": volunteers[n].id, "date": day(40 + n * 20),
                                    "hours": "2.25", "content": "陪伴", "project": project},
                    actor)
    activity = activities.save_plan({
        "title": "邻里元宵游园会", "category": "jinglao", "field": "community",
        "planned_on": day(60), "aims": "促进邻里交往", "project": projects[1].id}, actor)
    ids = {"activity": int(activity.id), "projects": [int(p.id) for p in projects],
           "clients": [int(c.id) for c in clients],
           "cases": [int(c.id) for c in cases], "group": int(group.id),
           "members": [int(c.id) for c in clients[1:5]],
           "volunteers": [int(v.id) for v in volunteers], "worker": int(worker.id)}
    (root / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
    sdb.close()
    hub.close()
    return ids


def open_copy(template: Path, root: Path) -> World:
    shutil.copytree(template, root)
    hub = city_db.open_city(root / "hub", None)
    sdb = open_station(root / CODE)
    world = World(root, hub, sdb, json.loads((root / "ids.json").read_text(encoding="utf-8")))
    world.use()
    return world


# The steps. Each is a frozen dataclass (its repr is how a failing list is printed) whose
# ``run(world)`` does what a worker does, through the services; a step the product
# refuses (a ValidationError: nothing written) is a step too.

WORKER = Actor("lihua", "worker")


@dataclass(frozen=True)
class NewRecord:
    when: int
    kind: str
    project: int
    people: tuple[int, ...]
    care_visit: bool
    headcount: int

    def run(self, w: World) -> None:
        people = w.clients(self.people)
        record = records.save_service_record({
            "date": day(self.when), "kind": self.kind, "category": "jinglao",
            "field": "welfare", "title": "探访", "project": w.project(self.project),
            "care_visit": self.care_visit, "headcount": self.headcount}, people, [], [], WORKER)
        w.say(f"record {record.id} {record.date} {self.kind} project "
              f"{record.project_id} people {people}")


@dataclass(frozen=True)
class EditRecord:
    pick: int
    when: int | None = None
    kind: str | None = None
    project: int | None = None
    people: tuple[int, ...] | None = None
    care_visit: bool | None = None

    def run(self, w: World) -> None:
        record = live(ServiceRecord, self.pick, ServiceRecord.work_group.is_null())
        if record is None:
            return
        detail = records.record_detail(int(record.id))
        values: dict[str, Any] = {}
        if self.when is not None:
            values["date"] = day(self.when)
        if self.kind is not None:
            values["kind"] = self.kind
        if self.project is not None:
            values["project"] = w.project(self.project)
        if self.care_visit is not None:
            values["care_visit"] = self.care_visit
        people = ([p.id for p in detail.participants] if self.people is None
                  else w.clients(self.people))
        records.save_service_record(
            values, people, [(v.id, v.hours) for v in detail.volunteers],
            [(p.id, p.contribution, p.value) for p in detail.partners], WORKER,
            record_id=int(record.id))
        w.say(f"edit record {record.id}: {values} people {people}")


@dataclass(frozen=True)
class DeleteRecord:
    pick: int

    def run(self, w: World) -> None:
        record = live(ServiceRecord, self.pick)
        if record is not None:
            crud.delete(ServiceRecord, record, WORKER)
            w.say(f"delete record {record.id}")


@dataclass(frozen=True)
class Session:
    when: int
    came: tuple[int, ...]
    guests: int

    def run(self, w: World) -> None:
        members = w.ids["members"]
        came = list(dict.fromkeys(members[c % len(members)] for c in self.came))
        record = groups.save_session(w.ids["group"], {"date": day(self.when)}, came, WORKER,
                                     guests=self.guests)
        w.say(f"session {record.id} {record.date} came {came}")


@dataclass(frozen=True)
class Attendance:
    pick: int
    came: tuple[int, ...]

    def run(self, w: World) -> None:
        record = live(ServiceRecord, self.pick, ServiceRecord.work_group.is_null(False))
        if record is None:
            return
        members = w.ids["members"]
        came = list(dict.fromkeys(members[c % len(members)] for c in self.came))
        groups.set_attendance(int(record.id), came, WORKER)
        w.say(f"attendance of session {record.id}: {came}")


@dataclass(frozen=True)
class Hold:
    """The community activity held (its sign-in saved again if it was), or its plan's
    project changed, which its record follows."""

    when: int
    people: tuple[int, ...]
    unnamed: int
    project: int | None = None

    def run(self, w: World) -> None:
        if self.project is not None:
            activities.save_plan({"project": w.project(self.project)}, WORKER,
                                 activity_id=w.ids["activity"])
            w.say(f"activity's project {w.project(self.project)}")
            return
        people = w.clients(self.people)
        record = activities.hold(WORKER, w.ids["activity"], participants=people,
                                 unnamed_count=self.unnamed, held_on=day(self.when))
        w.say(f"activity held: record {record.id} on {record.date} people {people}")


@dataclass(frozen=True)
class NewCase:
    client: int
    project: int

    def run(self, w: World) -> None:
        case = crud.create(Case, {"client": w.clients((self.client,))[0], "opened_on": OPENED,
                                  "stage": "plan", "problem": "需要陪伴",
                                  "project": w.project(self.project)}, WORKER)
        w.say(f"case {case.id} of client {case.client_id} project {case.project_id}")


@dataclass(frozen=True)
class EditCase:
    pick: int
    client: int | None = None
    project: int | None = None

    def run(self, w: World) -> None:
        case = live(Case, self.pick)
        if case is None:
            return
        values: dict[str, Any] = {}
        if self.client is not None:
            values["client"] = w.clients((self.client,))[0]
        if self.project is not None:
            values["project"] = w.project(self.project)
        crud.update(Case, case, values, WORKER)
        w.say(f"edit case {case.id}: {values}")


@dataclass(frozen=True)
class CloseCase:
    pick: int
    when: int

    def run(self, w: World) -> None:
        case = live(Case, self.pick, Case.stage != "closed")
        if case is None:
            return
        close_case(int(case.id), Closure(closed_on=day(self.when), reason="goals_met",
                                         satisfaction="5", summary="目标达成",
                                         attainments={}), WORKER)
        w.say(f"close case {case.id} on {day(self.when)}")


@dataclass(frozen=True)
class DeleteCase:
    pick: int

    def run(self, w: World) -> None:
        case = live(Case, self.pick)
        if case is not None:
            crud.delete(Case, case, WORKER)
            w.say(f"delete case {case.id}")


@dataclass(frozen=True)
class NewLog:
    pick: int
    when: int
    care_visit: bool

    def run(self, w: World) -> None:
        case = live(Case, self.pick)
        if case is None:
            return
        log = crud.create(CaseLog, {"case": case.id, "date": day(self.when),
                                    "way": "home_visit", "content": "入户探访",
                                    "care_visit": self.care_visit}, WORKER)
        w.say(f"log {log.id} of case {case.id} on {log.date}")


@dataclass(frozen=True)
class EditLog:
    pick: int
    when: int | None = None
    care_visit: bool | None = None
    case: int | None = None

    def run(self, w: World) -> None:
        log = live(CaseLog, self.pick)
        if log is None:
            return
        values: dict[str, Any] = {}
        if self.when is not None:
            values["date"] = day(self.when)
        if self.care_visit is not None:
            values["care_visit"] = self.care_visit
        if self.case is not None and (case := live(Case, self.case)) is not None:
            values["case"] = case.id
        crud.update(CaseLog, log, values, WORKER)
        w.say(f"edit log {log.id}: {values}")


@dataclass(frozen=True)
class DeleteLog:
    pick: int

    def run(self, w: World) -> None:
        log = live(CaseLog, self.pick)
        if log is not None:
            crud.delete(CaseLog, log, WORKER)
            w.say(f"delete log {log.id}")


@dataclass(frozen=True)
class NewHours:
    volunteer: int
    when: int
    hundredths: int
    project: int

    def run(self, w: World) -> None:
        vols = w.ids["volunteers"]
        entry = crud.create(VolunteerHour, {
            "volunteer": vols[self.volunteer % len(vols)], "date": day(self.when),
            "hours": Decimal(self.hundredths) / 100, "content": "陪伴探访",
            "project": w.project(self.project)}, WORKER)
        w.say(f"hours {entry.id} {entry.hours} on {entry.date} project {entry.project_id}")


@dataclass(frozen=True)
class EditHours:
    pick: int
    when: int | None = None
    hundredths: int | None = None
    project: int | None = None

    def run(self, w: World) -> None:
        entry = live(VolunteerHour, self.pick)
        if entry is None:
            return
        values: dict[str, Any] = {}
        if self.when is not None:
            values["date"] = day(self.when)
        if self.hundredths is not None:
            values["hours"] = Decimal(self.hundredths) / 100
        if self.project is not None:
            values["project"] = w.project(self.project)
        crud.update(VolunteerHour, entry, values, WORKER)
        w.say(f"edit hours {entry.id}: {values}")


@dataclass(frozen=True)
class DeleteHours:
    pick: int

    def run(self, w: World) -> None:
        entry = live(VolunteerHour, self.pick)
        if entry is not None:
            crud.delete(VolunteerHour, entry, WORKER)
            w.say(f"delete hours {entry.id}")


@dataclass(frozen=True)
class EditClient:
    """A client's target groups (人员类别) changed: 服务对象人数 by group follows."""

    pick: int
    groups: str

    def run(self, w: World) -> None:
        client = live(Client, self.pick)
        if client is not None:
            crud.update(Client, client, {"target_groups": self.groups or None}, WORKER)
            w.say(f"client {client.id} groups {self.groups!r}")


@dataclass(frozen=True)
class DeleteClient:
    pick: int

    def run(self, w: World) -> None:
        client = live(Client, self.pick)
        if client is not None:
            w.say(f"delete client {client.id}")
            crud.delete(Client, client, WORKER)  # (refused while a case of theirs is open)


@dataclass(frozen=True)
class ExcelRow:
    when: int
    kind: str
    people: tuple[int, ...]
    headcount: int
    project: int
    care_visit: bool
    hours: int  # hundredths for the first volunteer; 0: none


@dataclass(frozen=True)
class ExcelImport:
    rows: tuple[ExcelRow, ...]

    def run(self, w: World) -> None:
        # (openpyxl: only where a step imports a ledger, as the program loads it)
        from openpyxl import Workbook

        from swdesk import excel

        names = {int(c.id): str(c.name) for c in Client.select()}
        projects = {int(p.id): str(p.name) for p in Project.select()}
        book = Workbook()
        sheet = book.active
        sheet.append(RECORD_HEADINGS)
        for n, row in enumerate(self.rows):
            project = w.project(row.project)
            sheet.append([day(row.when), KIND_WORDS[row.kind], "敬老", "社会福利",
                          f"导入的服务 {len(w.done)}-{n}", row.headcount,
                          "、".join(names[c] for c in w.clients(row.people)) or None,
                          projects[project] if project is not None else None,
                          "是" if row.care_visit else "否",
                          "林志强" if row.hours else None,
                          Decimal(row.hours) / 100 if row.hours else None])
        path = w.root / f"import-{len(w.done)}.xlsx"
        book.save(path)
        report = excel.import_file("records", path, WORKER)
        w.say(f"excel import: {report.counts} "
              f"{[r.explain() for r in report.rows if r.action == 'error']}")


@dataclass(frozen=True)
class CityCorrects:
    """A package to the hub, the city's correction of a case or a client (its project,
    client or deletion, or bringing a deleted one back), and the return package applied
    at the station: what the station applies from the city."""

    what: str  # case_ project, client, deleted, undeleted; client_ deleted, undeleted
    pick: int
    value: int

    def run(self, w: World) -> None:
        exported = export.export_package(w.handle, w.root / "out")
        ingest(w.hub, exported.path)
        entity = "client" if self.what.startswith("client") else "case"
        uids = [r[0] for r in w.hub.db.execute_sql(
            f'SELECT uid FROM "c_{entity}" ORDER BY uid')]
        note = "no correction"
        if uids:
            uid = uids[self.pick % len(uids)]
            values = self._values(w)
            try:
                correct(w.hub, entity, uid, values)
                note = f"city corrects {entity} {uid[:8]}: {values}"
            except SwdeskError as exc:  # a correction the hub refuses: nothing changed
                note = f"city refused {values}: {exc}"
        back = write_return(w.hub, CODE, w.root / "ret")
        w.use()
        result = apply.import_return(back.path)
        w.say(f"{note}; return applied: corrected {result.corrected}, "
              f"conflicts {result.conflicts}")

    def _values(self, w: World) -> dict[str, Any]:
        if self.what == "case_project":
            project = w.project(self.value)
            return {"project": None if project is None else
                    str(Project.get_by_id(project).uid)}
        if self.what == "case_client":
            return {"client": str(Client.get_by_id(w.clients((self.value,))[0]).uid)}
        return {"deleted": self.what.endswith("_deleted")}


@dataclass(frozen=True)
class Backup:
    def run(self, w: World) -> None:
        w.backups.append(backups.backup_now(w.handle))
        w.say(f"backup {w.backups[-1].name}")


@dataclass(frozen=True)
class Restore:
    pick: int

    def run(self, w: World) -> None:
        if not w.backups:
            return
        source = w.backups[self.pick % len(w.backups)]
        backups.restore_into(w.handle, source)
        w.use()
        w.say(f"restore {source.name}")


@dataclass(frozen=True)
class RestoreOlder:
    """A backup made by the program before migration 0009 (no kept tables yet) restored:
    the restore upgrades it, and the migration counts the kept tables from its records.
    (The backup is made now and taken back to schema 8, as test_kept_figures does.)"""

    def run(self, w: World) -> None:
        made = backups.backup_now(w.handle)
        with closing(sqlite3.connect(made)) as con:
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = "
                                       "'trigger' AND name LIKE 'kept\\_%' ESCAPE '\\'"
                                       ).fetchall():
                con.execute(f'DROP TRIGGER "{name}"')
            con.execute("DROP TABLE kept_tally")
            con.execute("DROP TABLE kept_client_month")
            con.execute("DELETE FROM schema_migration WHERE name = '0009_kept_figures'")
            con.execute("PRAGMA user_version = 8")
            con.commit()
        result = backups.restore_into(w.handle, made)
        w.use()
        w.say(f"restore of a schema 8 backup, migrated {result.migrated}")


def live_ids(model: Any) -> list[int]:
    return [int(r.id) for r in model.live().order_by(model.id)]
