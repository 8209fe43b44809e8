"""The work list (issue 25): visits by rule, next steps, follow-ups, need deadlines."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from swdesk import settings, visit_rules
from swdesk.db import StationDatabase, visit_seen
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Need,
    ServiceParticipant,
    ServiceRecord,
    TaskDeferral,
    VisitRule,
    Worker,
    database,
)
from swdesk.services import case_closure, cases, crud, records, tasks
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.case_closure import Closure

# A fixed clock well before the real one: records may not be dated in the future.
MONDAY = dt.date(2026, 6, 1)
LONG_AGO = dt.date(2026, 1, 5)


@pytest.fixture
def station(sdb: StationDatabase) -> StationHandle:
    settings.VISIT_RULES_SINCE.set(LONG_AGO.isoformat())
    return StationHandle.of(sdb)


def _worker(name: str) -> Worker:
    return crud.create(Worker, {"name": name}, SYSTEM)


def _client(name: str, groups: str = "elderly_alone", **kw: object) -> Client:
    return crud.create(Client, {"name": name, "target_groups": groups, "status": "active",
                                "registered_on": LONG_AGO, **kw}, SYSTEM)


def _visit(client: Client, on: dt.date, actor: Actor = SYSTEM) -> ServiceRecord:
    return records.save_service_record(
        {"date": on, "kind": "individual", "category": "jinglao", "field": "welfare",
         "title": "探访", "care_visit": True}, [client.id], [], [], actor)


def _keys(wl: tasks.WorkList) -> tuple[list[str], list[str], list[str]]:
    return ([t.key for t in wl.overdue], [t.key for t in wl.today],
            [t.key for t in wl.this_week])


def test_the_shipped_rules_are_installed_and_name_known_codes(station: StationHandle) -> None:
    by = {(r.target_group, r.risk_level): (r.every_days, r.way, r.source)
          for r in VisitRule.select()}
    assert by[("elderly_alone", "")] == (7, "home_visit", "builtin")
    assert by[("tekun", "")] == (14, "home_visit", "builtin")
    assert by[("", "high")] == (7, "home_visit", "builtin")
    with pytest.raises(ValidationError):
        visit_rules.parse({"target_group": "no_such", "every_days": 7, "way": "phone"})
    with pytest.raises(ValidationError):
        visit_rules.parse({"target_group": "tekun", "every_days": 0, "way": "phone"})
    with pytest.raises(ValidationError):
        visit_rules.parse({"every_days": 7, "way": "phone"})


def test_a_city_rule_stays_when_the_builtin_ones_are_installed_again(
        station: StationHandle) -> None:
    with database.atomic():
        visit_rules.store(visit_rules.Rule("tekun", "", 10, "phone"), "city")
        settings.VISIT_RULES_HASH.set("")
    visit_rules.install_builtin()
    rule = VisitRule.get((VisitRule.target_group == "tekun") & (VisitRule.risk_level == ""))
    assert (rule.every_days, rule.way, rule.source) == (10, "phone", "city")


def test_a_client_living_alone_gets_a_weekly_visit_that_goes_overdue(
        station: StationHandle) -> None:
    client = _client("林阿婆")
    _visit(client, MONDAY)
    key = f"visit:{client.id}"
    # due a week after the last visit: this week's on Monday, today's on the 8th
    assert _keys(tasks.work_list(station, today=MONDAY)) == ([], [], [key])
    assert _keys(tasks.work_list(station, today=MONDAY + dt.timedelta(7))) == ([], [key], [])
    late = tasks.work_list(station, today=MONDAY + dt.timedelta(10))
    assert _keys(late) == ([key], [], [])
    task = late.overdue[0]
    assert (task.kind, task.client_name, task.due_on, task.overdue_days, task.way,
            task.every_days, task.last_visit_on) == (
        "visit", "林阿婆", MONDAY + dt.timedelta(7), 3, "home_visit", 7, MONDAY)
    assert tasks.overdue_count(station, MONDAY + dt.timedelta(10)) == 1


def test_recording_the_visit_clears_it_and_marks_the_record(station: StationHandle) -> None:
    client = _client("林阿婆")
    _visit(client, MONDAY)
    today = MONDAY + dt.timedelta(10)
    task = tasks.work_list(station, today=today).overdue[0]
    form = tasks.draft(station, task)
    assert (form["as"], form["kind"], form["category"], form["care_visit"],
            form["participants"]) == ("record", "individual", "jinglao", True, [client.id])
    done = tasks.complete(station, task, on=today, way="home_visit", content="老人精神好")
    assert isinstance(done, ServiceRecord)
    stored = ServiceRecord.get_by_id(done.id)
    assert (stored.care_visit, stored.kind, stored.date, stored.content) == (
        True, "individual", today, "老人精神好")
    assert [p.client_id for p in ServiceParticipant.select().where(
        ServiceParticipant.record == done.id)] == [client.id]
    after = tasks.work_list(station, today=today)
    assert (after.overdue, after.today) == ([], [])
    assert after.this_week[0].due_on == today + dt.timedelta(7)  # the next one


def test_a_visit_recorded_as_nothing_is_refused_and_nothing_written(
        station: StationHandle) -> None:
    client = _client("林阿婆")
    _visit(client, MONDAY)
    today = MONDAY + dt.timedelta(10)
    task = tasks.work_list(station, today=today).overdue[0]
    before = ServiceRecord.select().count()
    with pytest.raises(ValidationError) as refused:
        tasks.complete(station, task, on=today, way="home_visit", content=" \n ")
    assert "请写下" in refused.value.errors["content"]
    assert ServiceRecord.select().count() == before
    assert [t.key for t in tasks.work_list(station, today=today).overdue] == [task.key]


def test_a_visit_of_a_client_with_an_open_case_is_a_case_log(station: StationHandle) -> None:
    client = _client("陈阿公", "tekun")
    case = crud.create(Case, {"client": client.id, "opened_on": LONG_AGO,
                              "stage": "intervention", "problem": "独居"}, SYSTEM)
    task = tasks.work_list(station, today=MONDAY).overdue[0]  # never visited: since LONG_AGO
    assert (task.due_on, task.case_id) == (LONG_AGO, case.id)
    done = tasks.complete(station, task, on=MONDAY, way="phone", content="电话问候")
    assert isinstance(done, CaseLog)
    assert (done.care_visit, done.case_id, done.way) == (True, case.id, "phone")
    assert tasks.last_visits(station)[client.id] == MONDAY
    assert tasks.work_list(station, today=MONDAY).all() == []
    assert [t.due_on for t in tasks.compute(station, today=MONDAY,
                                            until=MONDAY + dt.timedelta(20))] == [
        MONDAY + dt.timedelta(14)]


def test_high_risk_shortens_the_interval_and_an_override_wins(station: StationHandle) -> None:
    client = _client("王某", "dibao")
    _visit(client, MONDAY)
    assert tasks.compute(station, today=MONDAY, until=MONDAY + dt.timedelta(40))[0].due_on \
        == MONDAY + dt.timedelta(30)
    crud.create(Case, {"client": client.id, "opened_on": LONG_AGO, "stage": "intervention",
                       "problem": "高风险", "risk_level": "high"}, SYSTEM)
    assert tasks.compute(station, today=MONDAY, until=MONDAY + dt.timedelta(40))[0].due_on \
        == MONDAY + dt.timedelta(7)
    crud.update(Client, client.id, {"visit_every_days": 3}, SYSTEM)
    assert tasks.compute(station, today=MONDAY, until=MONDAY + dt.timedelta(40))[0].due_on \
        == MONDAY + dt.timedelta(3)
    crud.update(Client, client.id, {"status": "paused"}, SYSTEM)
    assert tasks.compute(station, today=MONDAY, until=MONDAY + dt.timedelta(40)) == []


def test_a_dated_next_step_appears_on_its_day_until_a_later_log(station: StationHandle) -> None:
    client = _client("赵某", "other")
    case = crud.create(Case, {"client": client.id, "opened_on": LONG_AGO,
                              "stage": "intervention", "problem": "家庭矛盾"}, SYSTEM)
    on = MONDAY + dt.timedelta(3)
    log = cases.add_case_log(case.id, {"date": MONDAY, "way": "office", "content": "面谈",
                                       "next_step": "联系街道申请临时救助\n带齐材料",
                                       "next_step_on": on}, SYSTEM)
    assert _keys(tasks.work_list(station, today=on)) == ([], [f"next_step:{log.id}"], [])
    task = tasks.work_list(station, today=on).today[0]
    assert (task.title, task.case_log_id, task.way) == ("联系街道申请临时救助…", log.id, "office")
    done = tasks.complete(station, task, on=on, way="phone", content="已联系街道")
    assert isinstance(done, CaseLog) and done.care_visit is False
    assert tasks.work_list(station, today=on).all() == []


def test_a_closed_case_gets_its_follow_up(station: StationHandle) -> None:
    client = _client("孙某", "other")
    case = crud.create(Case, {"client": client.id, "opened_on": LONG_AGO,
                              "stage": "intervention", "problem": "就业"}, SYSTEM)
    closed_on = MONDAY - dt.timedelta(days=31)
    case_closure.close_case(case.id, Closure(closed_on=closed_on, reason="goals_met",
                                             satisfaction="5", summary="目标达成"), SYSTEM)
    due = case_closure.add_months(closed_on, 1)
    wl = tasks.work_list(station, today=due)
    assert _keys(wl) == ([], [f"follow_up:{case.id}"], [])
    tasks.complete(station, wl.today[0], on=due, way="home_visit", content="生活稳定")
    assert Case.get_by_id(case.id).followed_up_on == due
    assert tasks.work_list(station, today=due).all() == []


def test_an_open_need_with_a_deadline_appears(station: StationHandle) -> None:
    client = _client("周某", "other")
    need = crud.create(Need, {"client": client.id, "category": "yiliao",
                              "description": "陪同就医", "status": "open",
                              "raised_on": LONG_AGO, "due_on": MONDAY}, SYSTEM)
    task = tasks.work_list(station, today=MONDAY).today[0]
    assert (task.key, task.kind, task.need_id, task.title) == (
        f"need:{need.id}", "need", need.id, "需求对接：医疗")
    with pytest.raises(ValidationError):
        tasks.complete(station, task, on=MONDAY, way="phone", content="x")
    crud.update(Need, need.id, {"status": "matched"}, SYSTEM)
    assert tasks.work_list(station, today=MONDAY).all() == []


def test_postponing_needs_a_reason_and_moves_the_task(station: StationHandle) -> None:
    client = _client("林阿婆")
    _visit(client, MONDAY)
    today = MONDAY + dt.timedelta(9)
    task = tasks.work_list(station, today=today).overdue[0]
    with pytest.raises(ValidationError) as refused:
        tasks.postpone(station, task, today + dt.timedelta(2), "  ")
    assert "reason" in refused.value.errors
    with pytest.raises(ValidationError):
        tasks.postpone(station, task, task.due_on, "下雨")
    assert TaskDeferral.select().count() == 0
    tasks.postpone(station, task, today + dt.timedelta(2), "老人住院")
    moved = tasks.work_list(station, today=today)
    assert _keys(moved) == ([], [], [task.key])
    again = moved.this_week[0]
    assert (again.due_on, again.planned_on, again.postponed) == (
        today + dt.timedelta(2), task.due_on, True)
    tasks.postpone(station, again, today + dt.timedelta(5), "仍在住院")
    assert tasks.work_list(station, today=today).this_week[0].due_on == today + dt.timedelta(5)
    # the visit done: the next one is due a week later, the postponement is spent
    _visit(client, today)
    assert tasks.work_list(station, today=today + dt.timedelta(7)).today[0].key == task.key


def test_a_worker_sees_their_own_and_the_head_all(station: StationHandle) -> None:
    li, wang = _worker("李华"), _worker("王芳")
    mine = _client("甲", visitor_worker=li.id)
    theirs = _client("乙", visitor_worker=wang.id)
    nobody = _client("丙")
    as_li = station.acting(Actor("lihua", "worker", li.id))
    assert [t.client_id for t in tasks.work_list(as_li, today=MONDAY).all()] == [mine.id]
    with pytest.raises(ValidationError):
        tasks.work_list(as_li, today=MONDAY, worker_id=wang.id)
    head = station.acting(Actor("boss", "head", None))
    assert {t.client_id for t in tasks.work_list(head, today=MONDAY).all()} == {
        mine.id, theirs.id, nobody.id}
    assert [t.client_id for t in tasks.work_list(head, today=MONDAY, worker_id=wang.id)
            .all()] == [theirs.id]
    stranger = station.acting(Actor("new", "worker", None))
    assert tasks.work_list(stranger, today=MONDAY).all() == []


def test_the_kept_last_visit_equals_a_recount_after_random_writes(
        station: StationHandle) -> None:
    rnd = random.Random(25)
    people = [_client(f"对象{i}") for i in range(6)]
    case_of = {c.id: crud.create(Case, {"client": c.id, "opened_on": LONG_AGO,
                                        "stage": "intervention", "problem": "p"}, SYSTEM)
               for c in people[:3]}
    made: list[ServiceRecord] = []
    logs: list[CaseLog] = []
    for _step in range(60):
        day = LONG_AGO + dt.timedelta(rnd.randrange(120))
        what = rnd.random()
        if what < 0.35:
            chosen = rnd.sample([c.id for c in people], rnd.randint(1, 3))
            made.append(records.save_service_record(
                {"date": day, "kind": "individual", "category": "jinglao", "field": "welfare",
                 "title": "探访", "care_visit": rnd.random() < 0.7}, chosen, [], [], SYSTEM))
        elif what < 0.55:
            case = rnd.choice(list(case_of.values()))
            logs.append(cases.add_case_log(case.id, {"date": day, "way": "phone",
                                                     "content": "c",
                                                     "care_visit": rnd.random() < 0.6}, SYSTEM))
        elif what < 0.7 and made:
            rec = rnd.choice(made)
            records.save_service_record(
                {"date": day, "kind": "individual", "category": "jinglao", "field": "welfare",
                 "title": "探访", "care_visit": rnd.random() < 0.5},
                rnd.sample([c.id for c in people], rnd.randint(1, 3)), [], [], SYSTEM,
                record_id=rec.id)
        elif what < 0.85 and made:
            rec = made.pop(rnd.randrange(len(made)))
            crud.delete(ServiceRecord, rec.id, SYSTEM)
        elif logs:
            log = logs.pop(rnd.randrange(len(logs)))
            crud.delete(CaseLog, log.id, SYSTEM)
        assert visit_seen.differences(station.db) == 0
    assert visit_seen.kept(station.db)  # (something was visited)
    # a hard delete (a restore, the city's purge) counts again too
    station.db.execute_sql("DELETE FROM service_record WHERE id IN "
                           "(SELECT id FROM service_record LIMIT 3)")
    assert visit_seen.differences(station.db) == 0
    station.db.execute_sql("DELETE FROM visit_seen")
    assert visit_seen.differences(station.db) > 0
    visit_seen.rebuild(station.db)
    assert visit_seen.differences(station.db) == 0
