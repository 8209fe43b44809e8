"""The steps of the kept figures' recount test (``test_kept_recount.py``): what a worker
does to the station of ``kept_world``, each through the core function the window or the
command line calls.

A step names the rows it works on by a number taken modulo the live rows of that kind
(``pick``), so any list of steps runs on any state and a failing list shrinks to a
short one that reads as what was done.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from swdesk.city.corrections import correct
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.errors import SwdeskError
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Project,
    ServiceRecord,
    VolunteerHour,
)
from swdesk.services import activities, backups, crud, groups, records
from swdesk.services.actor import Actor
from swdesk.services.case_closure import Closure, close_case
from swdesk.sync import apply, export
from tests.db.kept_world import (
    CODE,
    KIND_WORDS,
    OPENED,
    RECORD_HEADINGS,
    World,
    day,
    live,
)

# Each step is a frozen dataclass (its repr is how a failing list is printed) whose
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
