"""A small enrolled station and its hub for the kept figures' recount test
(``test_kept_recount.py``): made once, copied for every example; the steps a worker takes
on it are in ``kept_steps.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swdesk import reference
from swdesk.city import db as city_db
from swdesk.city.enroll import enroll_station
from swdesk.db import StationDatabase, open_station
from swdesk.handle import StationHandle
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Project,
    Volunteer,
    VolunteerHour,
    Worker,
    database,
)
from swdesk.services import activities, crud, groups, records
from swdesk.services import station as station_service
from swdesk.services.actor import Actor
from swdesk.sync import enrolment

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


def live_ids(model: Any) -> list[int]:
    return [int(r.id) for r in model.live().order_by(model.id)]
