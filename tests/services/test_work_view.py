"""The work list in words for one person (``services/work_view.py``), without a window."""

from __future__ import annotations

import datetime as dt

import pytest

from swdesk import settings
from swdesk.db import StationDatabase
from swdesk.handle import StationHandle
from swdesk.model import Client, Volunteer, Worker
from swdesk.services import crud, records, work_view
from swdesk.services.actor import SYSTEM, Actor

MONDAY = dt.date(2026, 6, 1)
LONG_AGO = dt.date(2026, 1, 5)


@pytest.fixture
def people(sdb: StationDatabase) -> tuple[StationHandle, Worker, Worker]:
    settings.VISIT_RULES_SINCE.set(LONG_AGO.isoformat())
    wang = crud.create(Worker, {"name": "王红"}, SYSTEM)
    li = crud.create(Worker, {"name": "李明"}, SYSTEM)
    volunteer = crud.create(Volunteer, {"name": "张志明", "active": True}, SYSTEM)
    for name, worker, groups in (("林阿婆", wang, "elderly_alone"),
                                 ("陈阿公", li, "elderly_alone")):
        client = crud.create(Client, {
            "name": name, "target_groups": groups, "status": "active",
            "registered_on": LONG_AGO, "visitor_worker": worker.id,
            "visitor_volunteer": volunteer.id}, SYSTEM)
        records.save_service_record(
            {"date": LONG_AGO, "kind": "individual", "category": "jinglao",
             "field": "welfare", "title": "探访", "care_visit": True},
            [client.id], [], [], SYSTEM)
    return StationHandle.of(sdb), wang, li


def test_rows_in_words_for_the_head_and_for_a_worker(
        people: tuple[StationHandle, Worker, Worker]) -> None:
    station, wang, li = people
    head = station.acting(Actor("wanghong", "head", int(wang.id)))
    view = work_view.work_view(head, on=MONDAY)
    assert view.counts == {"overdue": 2, "today": 0, "this_week": 0}
    row = next(r for r in view.rows if r.client == "林阿婆")
    assert (row.section, row.kind, row.who) == ("overdue", "探访", "王红、张志明")
    assert row.due == f"逾期 {row.task.overdue_days} 天" and row.task.overdue_days > 100
    assert [r.client for r in work_view.work_view(head, on=MONDAY, worker_id=li.id).rows] \
        == ["陈阿公"]
    worker = station.acting(Actor("liming", "worker", int(li.id)))
    # a worker's own list whatever they ask for
    assert [r.client for r in work_view.work_view(worker, on=MONDAY, worker_id=wang.id).rows] \
        == ["陈阿公"]
    assert work_view.worker_choices(worker.actor) == []
    assert set(work_view.worker_choices(head.actor)) == {(wang.id, "王红"), (li.id, "李明")}
    nobody = station.acting(Actor("clerk", "worker", None))  # an account with no worker
    assert work_view.work_view(nobody, on=MONDAY).rows == []


def test_the_summary_is_the_views_counts_and_first_overdue_rows(
        people: tuple[StationHandle, Worker, Worker]) -> None:
    station, wang, _li = people
    for n in range(7):  # more overdue than the 工作台 names, and one due this week
        crud.create(Client, {"name": f"独居{n}", "target_groups": "elderly_alone",
                             "status": "active", "registered_on": LONG_AGO + dt.timedelta(n),
                             "visitor_worker": wang.id}, SYSTEM)
    crud.create(Client, {"name": "新来的", "target_groups": "elderly_alone", "status": "active",
                         "registered_on": MONDAY + dt.timedelta(2)}, SYSTEM)
    for actor in (Actor("wanghong", "head", int(wang.id)), Actor("wang", "worker", int(wang.id))):
        as_them = station.acting(actor)
        whole = work_view.work_view(as_them, on=MONDAY)
        brief = work_view.summary(as_them, on=MONDAY)
        assert brief.counts == whole.counts
        assert brief.rows == whole.first_overdue() and len(brief.rows) == 5
        assert brief.first_overdue() == brief.rows
    assert work_view.summary(station.acting(Actor("wanghong", "head", int(wang.id))),
                             on=MONDAY).counts == {"overdue": 9, "today": 0, "this_week": 1}


def test_this_weeks_day_in_words(people: tuple[StationHandle, Worker, Worker]) -> None:
    station, _wang, _li = people
    head = station.acting(Actor("wanghong", "head", None))
    week = work_view.work_view(head, on=LONG_AGO + dt.timedelta(days=2))
    days = {r.due for r in week.rows}
    assert days == {"1月12日 周一"}  # the weekly visit after 5 January
    assert work_view.week_start(dt.date(2026, 6, 4)) == MONDAY
    assert work_view.rota_week(dt.date(2026, 6, 5)) == MONDAY  # a Friday: this week's
    assert work_view.rota_week(dt.date(2026, 6, 6)) == MONDAY + dt.timedelta(days=7)


def test_the_reminder_tells_each_user_once_a_day(
        people: tuple[StationHandle, Worker, Worker]) -> None:
    station, wang, li = people
    head = station.acting(Actor("wanghong", "head", int(wang.id)))
    worker = station.acting(Actor("liming", "worker", int(li.id)))
    assert work_view.reminder(head, on=MONDAY) == 2
    assert work_view.reminder(head, on=MONDAY) == 0  # told already today
    assert work_view.reminder(worker, on=MONDAY) == 1  # their own, told once too
    assert work_view.reminder(head, on=MONDAY + dt.timedelta(days=1)) == 2  # a new day
    assert work_view.reminder(head, on=LONG_AGO) == 0  # nothing overdue yet: nothing said


def test_the_draft_has_words_so_that_enter_saves(
        people: tuple[StationHandle, Worker, Worker]) -> None:
    station, wang, _li = people
    head = station.acting(Actor("wanghong", "head", int(wang.id)))
    row = work_view.work_view(head, on=MONDAY).rows[0]
    draft = work_view.draft(head, row.task, on=MONDAY)
    assert (draft["date"], draft["way"], draft["content"]) == (
        MONDAY, "home_visit", "邻里守望探访")


def test_the_reminder_takes_its_count_from_the_work_list_at_hand(
        people: tuple[StationHandle, Worker, Worker], monkeypatch: pytest.MonkeyPatch) -> None:
    station, wang, li = people
    head = station.acting(Actor("wanghong", "head", int(wang.id)))
    worker = station.acting(Actor("liming", "worker", int(li.id)))
    views = {who: work_view.work_view(who, on=MONDAY) for who in (head, worker)}
    computed = []
    compute = work_view.tasks.compute
    monkeypatch.setattr(work_view.tasks, "compute",
                        lambda *a, **k: computed.append(1) or compute(*a, **k))
    assert work_view.reminder(head, on=MONDAY, view=views[head]) == 2
    assert work_view.reminder(worker, on=MONDAY, view=views[worker]) == 1
    assert computed == []  # the work list is not computed again
    assert work_view.reminder(head, on=MONDAY, view=views[head]) == 0  # told already today
