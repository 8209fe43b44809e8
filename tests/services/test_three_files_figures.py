"""Issue 22's three files built as a worker builds them, then counted: a case with three
goals closed with its follow-up, a group of six with five sessions, a community activity
held with its sign-in and survey. The 工作台's figures for the month are what these files
say, and every row they rest on is in the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from swdesk.model import Case, CaseGoal, CaseLog, Client, CommunityActivity, ServiceRecord
from swdesk.services import activities, case_goals, crud, dashboard
from swdesk.services.actor import SYSTEM
from swdesk.services.case_closure import Closure, close_case
from tests.groupwork import six_and_five

MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_the_months_figures_are_what_the_three_files_hold(sdb: object) -> None:
    built = six_and_five(SYSTEM)  # sessions on 2, 9, 16, 23 and 30 March

    elder = crud.create(Client, {"name": "王奶奶", "community": "莲花社区"}, SYSTEM)
    case = crud.create(Case, {"client": elder.id, "opened_on": dt.date(2026, 3, 3),
                              "stage": "plan", "problem": "独居，近期跌倒"}, SYSTEM)
    goals = [case_goals.add_goal(int(case.id), {"goal": text, "target_on": "2026-03-31"},
                                 SYSTEM)
             for text in ("消除居家安全隐患", "建立邻里守望", "按时服药")]
    crud.create(CaseLog, {"case": case.id, "date": dt.date(2026, 3, 10), "way": "home_visit",
                          "content": "入户查看扶手安装", "care_visit": True}, SYSTEM)
    close_case(int(case.id), Closure(
        closed_on=dt.date(2026, 3, 20), reason="goals_met", satisfaction="5",
        summary="三项目标均已达成", attainments={int(g.id): "met" for g in goals}), SYSTEM)

    activity = activities.save_plan({
        "title": "邻里守望茶话会", "category": "jinglao", "field": "welfare",
        "planned_on": "2026-03-14", "aims": "认识邻居，结对守望", "expected_turnout": 30},
        SYSTEM)
    activities.hold(SYSTEM, int(activity.id), participants=built.members[:2],
                    unnamed_count=30, held_on=dt.date(2026, 3, 14))
    activities.conclude(SYSTEM, int(activity.id), "居民结对 12 组", 25, 24)

    # the rows the files rest on
    closed = crud.get(Case, case.id)
    assert (closed.stage, closed.closure_reason, closed.follow_up_on) == (
        "closed", "goals_met", dt.date(2026, 4, 20))
    assert {g.attainment for g in CaseGoal.select().where(CaseGoal.case == case.id)} == {"met"}
    sessions = list(ServiceRecord.live().where(ServiceRecord.work_group == built.group.id))
    assert len(sessions) == 5 and {r.kind for r in sessions} == {"group"}
    held = ServiceRecord.get(ServiceRecord.activity == activity.id)
    assert (held.kind, held.headcount) == ("community", 32)
    stored = crud.get(CommunityActivity, activity.id)
    assert (stored.status, stored.surveyed, stored.satisfied) == ("held", 25, 24)

    # what the 工作台 shows for March
    figures = dashboard.dashboard(dt.date(2026, 3, 1), today=dt.date(2026, 3, 31)).figures
    session_heads = sum(len(came) for came in built.attendance)
    assert figures == {
        "cases": Decimal(1),  # open in March: opened 3 March, closed 20 March
        "groups": Decimal(1),
        "group_sessions": Decimal(5),
        "activities": Decimal(1),
        "person_times": Decimal(session_heads + 32 + 1),  # sessions, activity, the case log
        "clients": Decimal(len(built.members) + 1),  # the members and 王奶奶
        "care_visits": Decimal(1),  # the case log marked 邻里守望
        "volunteer_hours": Decimal("0.00"),
    }
