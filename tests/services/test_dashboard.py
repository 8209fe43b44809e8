"""The dashboard's figures equal what the records say."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from swdesk.model import Case, Client, Project, ServiceRecord, Volunteer, Worker
from swdesk.services import crud, dashboard, records
from swdesk.services.actor import SYSTEM


def test_month_figures(sdb: object) -> None:
    today = dt.date.today()
    first = today.replace(day=1)
    a, b = (crud.create(Client, {"name": n}, SYSTEM).id for n in ("甲", "乙"))
    helper = crud.create(Volunteer, {"name": "志愿者"}, SYSTEM).id
    records.save_service_record({"date": first, "kind": "group", "category": "jinglao",
                                 "field": "welfare", "title": "长者小组"}, [a, b],
                                [(helper, "2.5")], [], SYSTEM)
    records.save_service_record({"date": first, "kind": "community", "category": "wenhua",
                                 "field": "community", "title": "邻里节", "headcount": 80},
                                [], [], [], SYSTEM)
    last_month = first - dt.timedelta(days=1)
    records.save_service_record({"date": last_month, "kind": "individual", "category": "jinglao",
                                 "field": "welfare", "title": "探访"}, [a], [], [], SYSTEM)
    crud.create(Case, {"client": a, "opened_on": first, "stage": "intake", "problem": "x"},
                SYSTEM)
    crud.create(Worker, {"name": "李社工"}, SYSTEM)
    crud.create(Project, {"name": "社工站项目", "purchaser": "街道", "start_on": first,
                          "end_on": first.replace(year=first.year + 1) - dt.timedelta(days=1),
                          "budget": "100000"}, SYSTEM)

    board = dashboard.dashboard(today)
    assert board.services_by_category == {"jinglao": 1, "wenhua": 1}
    assert board.person_times == 82
    assert board.cases_by_stage == {"intake": 1}
    assert board.volunteer_hours == Decimal("2.5")
    assert board.workers_below_80 == [("李社工", Decimal(0))]
    assert [p.name for p in board.indicators] == ["社工站项目"]
    assert board.pending_changes > 0
    assert ServiceRecord.select().count() == 3
